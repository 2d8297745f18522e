"""Country, organisation, role and context-word gazetteers: shipped as JSON, saved with the
pipeline, and shared by the components of one pipeline.

Lookups are exact surface strings; matching against a Doc is the actor tagger's job. The
tagger owns the gazetteer (it loads and saves it); the relation extractor reads the same
object through :func:`pipeline_gazetteer`, named in both components' config, so a custom
entry or a pipeline restored with ``from_bytes`` is seen by both.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.util import registry

from .util import DATA_DIR, read_data, role_head

FILES = ("countries.json", "orgs.json", "roles.json", "places.json", "actors.json")


@dataclass
class Gazetteer:
    countries: list[dict] = field(default_factory=list)
    orgs: list[dict] = field(default_factory=list)
    roles: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)
    context: dict = field(default_factory=dict)

    @classmethod
    def from_files(cls, files: dict[str, Any]) -> Gazetteer:
        return cls(*(files.get(name) or {} for name in FILES))

    @classmethod
    def from_dir(cls, path: Path | str = DATA_DIR) -> Gazetteer:
        return cls.from_files(read_data(path, FILES))

    @property
    def files(self) -> dict[str, Any]:
        """File name -> JSON content, as saved with the pipeline."""
        data = (self.countries, self.orgs, self.roles, self.places, self.context)
        return dict(zip(FILES, data, strict=True))

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        """Build the surface-string lookups used by the tagger (again after an edit)."""
        self.state_names: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.ambiguous: set[str] = set()
        self.state_name_of: dict[str, str] = {}
        self.demonym_of: dict[str, str] = {}
        for c in self.countries:
            self.state_name_of[c["id"]] = c["name"]
            if c["demonyms"]:
                self.demonym_of[c["id"]] = c["demonyms"][0]
            for alias in c["aliases"]:
                self.state_names.setdefault(alias, c["id"])
            for cap in c["capitals"]:
                self.capitals.setdefault(cap, c["id"])
            for dem in c["demonyms"]:
                self.demonyms.setdefault(dem, c["id"])
                if not dem.endswith("s") and not dem.endswith("."):
                    self.demonyms.setdefault(dem + "s", c["id"])
            self.ambiguous.update(c.get("ambiguous", []))
        self.org_names: dict[str, str] = {}
        self.org_by_id: dict[str, dict] = {}
        # a capital that stands for an organisation when it acts (Brussels: the EU)
        self.seats: dict[str, str] = {}
        for o in self.orgs:
            self.org_by_id[o["id"]] = o
            if o.get("seat"):
                self.seats[o["seat"]] = o["id"]
            for alias in [o["name"], *o["aliases"]]:
                self.org_names.setdefault(alias, o["id"])
        self.role_nouns: set[str] = {r.lower() for r in self.roles.get("roles", [])}
        # the words that begin a two-word role: a department (commerce secretary) or a rank
        self.role_modifiers: set[str] = {r.split()[0] for r in self.role_nouns if " " in r}
        # their head nouns (``secretary`` of ``secretary of state``): the posts one holds
        self.post_heads: set[str] = {role_head(r.split()) for r in self.role_nouns}
        self.org_heads: set[str] = set(self.roles.get("org_heads", []))
        self.place_nouns: set[str] = set(self.roles.get("place_nouns", []))
        self.place_heads: set[str] = set(self.roles.get("place_heads", []))
        self.event_heads: set[str] = set(self.roles.get("event_heads", []))
        self.document_heads: set[str] = set(self.roles.get("document_heads", []))
        self.not_titles: set[str] = set(self.roles.get("not_titles", []))
        self.gender_titles: dict[str, str] = self.roles.get("gender_titles", {})
        self.cities: dict[str, int] = self.places.get("cities", {})
        self.us_states: set[str] = set(self.places.get("us_states", []))
        self.words: dict[str, frozenset[str]] = {
            key: frozenset(value)
            for key, value in self.context.items()
            if isinstance(value, list) and not key.startswith("_")
        }
        self.the_north: dict[str, str] = self.context.get("the_north", {})

    def is_igo(self, actor_id: str) -> bool:
        """An intergovernmental organisation: a gazetteer org with no country of its own."""
        org = self.org_by_id.get(actor_id)
        return org is not None and not org["country"]

    def state_id(self, text: str) -> str | None:
        """ISO3 for a state name or short form, tolerant of a leading ``the``."""
        text = text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        return self.state_names.get(text)


@dataclass
class SharedGazetteer:
    """One pipeline's gazetteer: set by the actor tagger, read by the components after it."""

    gazetteer: Gazetteer


_PIPELINES: weakref.WeakKeyDictionary[Language, SharedGazetteer] = weakref.WeakKeyDictionary()


def pipeline_gazetteer(nlp: Language) -> SharedGazetteer:
    """The gazetteer holder of ``nlp`` (the package's data until a component replaces it)."""
    shared = _PIPELINES.get(nlp)
    if shared is None:
        shared = _PIPELINES[nlp] = SharedGazetteer(Gazetteer.from_dir(DATA_DIR))
    return shared


@registry.misc("nlp_pipeline.pipeline_gazetteer.v1")
def make_pipeline_gazetteer() -> Callable[[Language], SharedGazetteer]:
    """Config value for the components' ``gazetteer`` setting: one gazetteer per pipeline."""
    return pipeline_gazetteer
