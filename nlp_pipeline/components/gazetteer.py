"""Country, organisation and role gazetteers: shipped as JSON, saved with the pipeline.

Lookups are exact surface strings; matching against a Doc is the actor tagger's job.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .util import DATA_DIR

FILES = ("countries.json", "orgs.json", "roles.json", "places.json")


@dataclass
class Gazetteer:
    countries: list[dict] = field(default_factory=list)
    orgs: list[dict] = field(default_factory=list)
    roles: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)

    @classmethod
    def from_dir(cls, path: Path | str = DATA_DIR) -> Gazetteer:
        path = Path(path)

        def read(name: str):
            file = path / name
            # pipelines saved before places.json existed still load, without city data
            return json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}

        return cls(*(read(name) for name in FILES))

    def to_dir(self, path: Path | str) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data_files = (self.countries, self.orgs, self.roles, self.places)
        for name, data in zip(FILES, data_files, strict=True):
            (path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        """Build the surface-string lookups used by the tagger."""
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
        for o in self.orgs:
            self.org_by_id[o["id"]] = o
            for alias in [o["name"], *o["aliases"]]:
                self.org_names.setdefault(alias, o["id"])
        self.role_nouns: set[str] = {r.lower() for r in self.roles.get("roles", [])}
        self.org_heads: set[str] = set(self.roles.get("org_heads", []))
        self.place_nouns: set[str] = set(self.roles.get("place_nouns", []))
        self.place_heads: set[str] = set(self.roles.get("place_heads", []))
        self.event_heads: set[str] = set(self.roles.get("event_heads", []))
        self.not_titles: set[str] = set(self.roles.get("not_titles", []))
        self.cities: dict[str, int] = self.places.get("cities", {})
        self.us_states: set[str] = set(self.places.get("us_states", []))

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
