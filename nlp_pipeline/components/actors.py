"""Actor tagging: PERSON / STATE / ORG mentions with one canonical id per actor.

The statistical NER proposes, the gazetteers decide: known states are STATE whatever the
NER said, cities and regions are dropped, capitals count only when they act for their
government, demonyms give affiliations instead of mentions. Within a document, short
forms (``Kim``) and acronyms (``KCNA``) join the fullest name they abbreviate
(:mod:`.names`); titles and demonyms give affiliations (:mod:`.affiliations`).

Output, all plain data that survives ``DocBin`` and ``n_process>1``:
``doc.spans[spans_key]`` (label, ``kb_id_`` = actor id, ``id_`` = the rule that decided),
``doc._.actors`` (id -> name, label, country, aliases) and ``doc._.affiliations``.
Pronoun and role-noun references are the ``actor_coref`` component's (:mod:`.coref`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from . import evidence as ev
from .affiliations import find_affiliations, is_role
from .candidates import (
    Cand,
    acts_as_government,
    adjacent_persons,
    branch_end,
    chars,
    inside_ner_person,
    local_body,
    name_prefix_start,
    one_label_per_name,
    org_name_end,
    org_name_start,
    parts,
    place_suffix,
    region_prefix,
    select,
    speaking_name,
    the_north,
    us_story,
)
from .cleaning import in_ranges
from .evidence import PARTICLES
from .gazetteer import FILES, Gazetteer, SharedGazetteer, pipeline_gazetteer
from .names import actor_table, canonicalise, short_forms
from .util import DataComponent, hash_table, isin, slugify, span_text

__all__ = ["LABELS", "ActorTagger", "make_actor_tagger"]

LABELS = ("PERSON", "STATE", "ORG")
SPANS_KEY = "actors"
_NUMERIC_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_MISREAD_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "FAC", "LAW", "LANGUAGE"}


class ActorTagger(DataComponent):
    """Tag actor mentions and canonicalise them within the document."""

    data_files = FILES

    default_name = "actor_tagger"
    # settings: how the pipeline's one gazetteer is shared (config key ``gazetteer``)
    share: Callable[[Language], SharedGazetteer] = staticmethod(pipeline_gazetteer)
    spans_key: str = SPANS_KEY
    capitals_as_states: bool = True
    # kept so that saved configs load; pronouns are the actor_coref component's now
    resolve_pronouns: bool = True

    def setup(self, nlp: Language) -> None:
        self.shared = self.share(nlp)
        self.set_gazetteer(self.shared.gazetteer)
        ev.gender("Ada")  # gender-guesser reads its dictionary once, here, not mid-corpus

    # -- data ------------------------------------------------------------
    @property
    def gazetteer(self) -> Gazetteer:
        return self.shared.gazetteer

    @property
    def data(self) -> dict[str, Any]:
        return self.gazetteer.files

    def set_data(self, data: dict[str, Any]) -> None:
        self.set_gazetteer(Gazetteer.from_files(data))

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        """Use ``gazetteer`` (also for the pipeline's other components) and match its names;
        after editing a gazetteer's lists, call its ``index()`` and then this."""
        self.shared.gazetteer = gazetteer
        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        # matches are looked up by their tokens: the text between them may differ
        self._terms: dict[tuple, str] = {}
        tables = {
            "STATE": gazetteer.state_names,
            "ORG": gazetteer.org_names,
            "CAPITAL": gazetteer.capitals,
            "DEMONYM": gazetteer.demonyms,
        }
        # the words some candidates are found at, hashed once (``Kingdom of``, ``posting on X``)
        self._hashes = {
            key: hash_table(self.vocab.strings, gazetteer.words[key])
            for key in ("polity_forms", "org_descriptors", "platform_names")
        }
        for key, table in tables.items():
            docs = [self.make_doc(term) for term in table]
            self.matcher.add(key, docs)
            for term, term_doc in zip(table, docs, strict=True):
                self._terms.setdefault((key, *(t.text for t in term_doc)), term)

    # -- tagging ---------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        g = self.gazetteer
        boiler = doc._.boilerplate
        cands, demonyms = self._candidates(doc)
        cands = [c for c in cands if not in_ranges(boiler, *chars(doc, c))]
        chosen = one_label_per_name(doc, short_forms(doc, select(cands), boiler, g))
        names = canonicalise(doc, chosen, g)
        spans = [
            Span(doc, c.start, c.end, label=c.label, kb_id=c.actor_id, span_id=c.source)
            for c in chosen
        ]
        doc.spans[self.spans_key] = spans
        affiliations = find_affiliations(doc, spans, demonyms, boiler, g)
        doc._.affiliations = affiliations
        doc._.actors = actor_table(spans, names, affiliations, g)
        return doc

    def _candidates(self, doc: Doc) -> tuple[list[Cand], list[tuple[int, int, str]]]:
        g = self.gazetteer
        cands: list[Cand] = []
        demonyms: list[tuple[int, int, str]] = []
        capitals: list[tuple[int, int, str, str]] = []
        entities = doc.ents  # (a new Span per entity on every read: read once)
        ents = {(e.start, e.end): e.label_ for e in entities}
        person_words = ev.person_words(entities)
        for match_id, start, end in self.matcher(doc):
            key = self.vocab.strings[match_id]
            text = self._terms[(key, *(t.text for t in doc[start:end]))]
            if key == "STATE":
                if (
                    inside_ner_person(doc, start, end)
                    or region_prefix(doc, start, g)
                    or place_suffix(doc, end, g)
                ):
                    continue
                source = "gaz_state"
                if text in g.ambiguous:
                    # Jordan, Chad, Georgia: the state unless the document says otherwise
                    ner_place = ents.get((start, end)) in ("GPE", "LOC")
                    named = (start, end) in ents
                    if not self._ambiguous_is_state(doc[start:end], person_words, named, ner_place):
                        continue
                    source = "gaz_state" if ner_place else "ambiguous_state"
                name_start = name_prefix_start(doc, start, g)
                if name_start is not None:  # United Russia, One Israel: a party's name
                    cands.append(Cand(name_start, end, "ORG", "gaz_org"))
                    continue
                cands.append(Cand(start, end, "STATE", source, "state:" + g.state_names[text]))
                org_end = org_name_end(doc, end, g.org_heads)
                if org_end:  # the Malawi High Court, the U.S. Air Force: a state's body
                    cands.append(Cand(start, org_end, "ORG", "gaz_org"))
                org_start = org_name_start(doc, start, g.org_heads)
                if org_start is not None:  # Communist Party of Greece
                    cands.append(Cand(org_start, end, "ORG", "gaz_org"))
            elif key == "ORG":
                if inside_ner_person(doc, start, end):
                    continue
                if local_body(doc, start, end, g):
                    cands.append(Cand(start - 1, end, "ORG", "local_body"))
                    continue
                cands.append(Cand(start, end, "ORG", "gaz_org", g.org_names[text]))
                branch = branch_end(doc, start, end, g)
                if branch:  # UNHCR Kenya, VOA Mandarin, IS-Somalia: a branch of its own
                    cands.append(Cand(start, branch, "ORG", "org_branch"))
            elif key == "CAPITAL" and self.capitals_as_states:
                reading = acts_as_government(doc[start:end], g)
                if reading != "no":
                    actor = g.seats.get(text) or "state:" + g.capitals[text]
                    capitals.append((start, end, actor, reading))
            elif key == "DEMONYM":
                demonyms.append((start, end, g.demonyms[text]))
                org_end = org_name_end(doc, end, g.org_heads)
                if org_end:
                    cands.append(Cand(start, org_end, "ORG", "gaz_org"))
        cands += self._capitals(capitals, cands, demonyms)
        cands += the_north(doc, {c.actor_id for c in cands}, g)
        orth = doc.to_array(ORTH)
        cands += self._polities(doc, orth)
        cands += self._described_orgs(doc, orth)
        cands += self._platforms(doc, orth)
        cands += self._untagged_speakers(doc)
        named = [
            (label, doc[start:end])
            for label, start, end in adjacent_persons(
                doc,
                [
                    (ent.label_, start, end)
                    for ent in entities
                    if ent.label_ not in _NUMERIC_LABELS
                    for start, end in parts(doc, ent, g)
                ],
            )
        ]
        texts = [span.text for _, span in named]
        # a name once written as a site (the base on Diego Garcia) is a place throughout
        sites = {
            text
            for (label, span), text in zip(named, texts, strict=True)
            if (ev.at_site(span, g) or ev.names_thing(span, label, g)) and not g.state_id(text)
        }
        for (label, span), text in zip(named, texts, strict=True):
            start, end = span.start, span.end
            if text not in sites:
                cand = self._from_ner(doc, start, end, label, person_words)
                if cand is not None:
                    cands.append(cand)
        return cands, demonyms

    @staticmethod
    def _capitals(
        capitals: list[tuple[int, int, str, str]],
        cands: list[Cand],
        demonyms: list[tuple[int, int, str]],
    ) -> list[Cand]:
        """Capitals that act for their government (or the organisation seated there:
        ``Brussels`` is the EU's): sure readings, and the readings a place also has
        (``maybe``) where the story names the state, its people, or uses the capital for
        its government elsewhere."""
        spoken = {c.actor_id for c in cands if c.label in ("STATE", "ORG")}
        spoken |= {"state:" + iso for _, _, iso in demonyms}
        spoken |= {actor for _, _, actor, reading in capitals if reading == "yes"}
        return [
            Cand(start, end, "ORG" if actor.startswith("org:") else "STATE", "capital", actor)
            for start, end, actor, reading in capitals
            if reading == "yes" or actor in spoken
        ]

    def _ambiguous_is_state(
        self, span: Span, person_words: set[str], named: bool, ner_place: bool
    ) -> bool:
        """``Jordan`` is the state unless the document names a person with that word or a
        title stands before it; ``Georgia`` beside a US state, or in a story of US states,
        is the US state. ``named``: an entity of the NER spans exactly these words."""
        g = self.gazetteer
        doc = span.doc
        if not ner_place and (
            span.text in person_words or ev.titled(doc, span.start, g) or not named
        ):
            return False  # the NER saw no name here: ``Concerned Women for America``
        if span.text in g.us_states and us_story(doc, span.text, g):
            return False
        root = span.root
        neighbours = [*root.conjuncts, root.head] if root.dep_ == "conj" else root.conjuncts
        return not any(t.text in g.us_states for t in neighbours)

    def _at(self, orth: np.ndarray, key: str) -> list[int]:
        """The tokens (by their ``ORTH`` array) that are one of the words under ``key``."""
        return np.flatnonzero(isin(orth, self._hashes[key])).tolist()

    def _polities(self, doc: Doc, orth: np.ndarray) -> list[Cand]:
        """``Principality of Guria``, ``Crown Colony of Sarawak``: polities named by form.
        The id is the named state's when it is one (``Kingdom of Spain``), else a slug."""
        out = []
        for i in self._at(orth, "polity_forms"):
            end = i + 2
            if end >= len(doc) or doc[i + 1].lower_ != "of":
                continue
            while end < len(doc) and end - i < 5 and doc[end].is_title:
                end += 1
            if end == i + 2:
                continue
            prefixed = i > 0 and doc[i - 1].text in self.gazetteer.words["polity_prefixes"]
            start = i - 1 if prefixed else i
            iso = self.gazetteer.state_id(doc[i + 2 : end].text)
            actor = "state:" + (iso or slugify(doc[start:end].text))
            out.append(Cand(start, end, "STATE", "gaz_state", actor))
        return out

    def _described_orgs(self, doc: Doc, orth: np.ndarray) -> list[Cand]:
        """``media association CamboJA``: a name the NER missed, right after the lower-case
        organisation noun that describes it (the noun's head is in the name)."""
        g = self.gazetteer
        out = []
        for i in self._at(orth, "org_descriptors"):
            end = i + 1
            while end < len(doc) and end - i <= 4 and doc[end].tag_ in ("NNP", "NNPS"):
                end += 1
            name = doc[i + 1 : end]
            if (
                not name
                or doc[i].head not in name
                or any(t.ent_type_ for t in name)
                or ev.is_title(name[0].text, g)
                or g.state_id(name.text)
                or name.text in g.demonyms
            ):
                continue
            out.append(Cand(i + 1, end, "ORG", "described_org", g.org_names.get(name.text)))
        return out

    def _platforms(self, doc: Doc, orth: np.ndarray) -> list[Cand]:
        """``posting on X``: a platform named by a letter, where the text posts on it."""
        words = self.gazetteer.words
        out = []
        for i in self._at(orth, "platform_names"):
            prep = doc[i].head
            posted = prep.head.lemma_.lower() in words["posting_words"]
            if doc[i].dep_ == "pobj" and prep.lower_ == "on" and posted:
                out.append(Cand(i, i + 1, "ORG", "platform"))
        return out

    def _untagged_speakers(self, doc: Doc) -> list[Cand]:
        """``Eswar Prasad, a professor at Cornell University, said``: a person the NER left
        untagged altogether, named by two or three capitalised proper nouns that are the
        subject of a saying verb, in no gazetteer, and led by a given name or set beside a
        role (``a professor``)."""
        g = self.gazetteer
        out = []
        for tok in doc:
            if tok.dep_ != "nsubj" or tok.tag_ != "NNP" or tok.ent_iob_ != "O":
                continue
            start = tok.i
            while start > 0 and doc[start - 1].tag_ == "NNP" and doc[start - 1].head.i == tok.i:
                start -= 1
            span = doc[start : tok.i + 1]
            if (
                speaking_name(span, g)
                and all(t.ent_iob_ == "O" for t in span)
                and (
                    ev.is_given_name(span[0].text)
                    or any(c.dep_ == "appos" and ev.is_title(c.text, g) for c in tok.children)
                )
                and not ev.is_title(span[0].text, g)
                and not ev.has_org_head(span, g)
                and not ev.headline(span)
                and span.text not in g.org_names
                and not g.state_id(span.text)
            ):
                out.append(Cand(start, tok.i + 1, "PERSON", "untagged_speaker"))
        return out

    def _from_ner(
        self, doc: Doc, start: int, end: int, label: str, person_words: set[str]
    ) -> Cand | None:
        """The NER's proposal, kept, relabelled or dropped on evidence (see ``evidence``)."""
        g = self.gazetteer
        text = span_text(doc, start, end)
        state = g.state_id(text)
        if label in ("GPE", "LOC", "NORP", "ORG", "FAC", "PERSON") and state:
            if (
                region_prefix(doc, start, g)
                or place_suffix(doc, end, g)
                or name_prefix_start(doc, start, g) is not None
            ):
                return None
            if text in g.ambiguous or (label == "PERSON" and text in person_words):
                return None  # decided with the gazetteer match (Jordan, Chad, Georgia)
            return Cand(
                start, end, "STATE", "ner" if label != "PERSON" else "state_name", "state:" + state
            )
        if label in _MISREAD_LABELS and (
            speaking_name(doc[start:end], g) or ev.person_form(doc[start:end], g)
        ):
            return Cand(start, end, "PERSON", "misread_name")  # "...," Nebenzia told
        if label in ("PERSON", "ORG") and ev.people_group(doc[start:end], g):
            return None  # ethnic Baloch, Hazara Shi'ite Muslims, Islam
        if label in ("PERSON", "ORG") and any(ev.designation(t.text) for t in doc[start:end]):
            return None  # COVID-19, AK-47: a disease's or a weapon's code names no actor
        if label in ("PERSON", "ORG"):
            name_end = ev.headline_name_end(doc[start:end])
            if name_end < end:  # Bernie Sanders Beats Hillary Clinton: Bernie Sanders
                return self._person(doc, start, name_end, person_words)
        if label == "PERSON":
            return self._person(doc, start, end, person_words)
        if label == "ORG":
            return self._org(doc, start, end, person_words)
        return None

    def _person(self, doc: Doc, start: int, end: int, person_words: set[str]) -> Cand | None:
        g = self.gazetteer
        while end - start > 1 and ev.is_title(doc[start].text, g):
            start += 1
        while end - start > 1 and doc[end - 1].text in g.words["headline_verbs"]:
            end -= 1  # Donald Trump Calls for Ceasefire: a headline's verb
        articles = g.words["name_articles"]
        if start > 0 and doc[start - 1].lower_ in articles and not doc[start - 1].whitespace_:
            start -= 1  # al-Bunni: the article belongs to the name
        elif (
            end - start == 1
            and start > 0
            and doc[start - 1].is_title
            and ev.is_given_name(doc[start - 1].text)
            and not ev.is_title(doc[start - 1].text, g)
        ):
            start -= 1  # "Rush Limbaugh:" where the NER saw only Limbaugh
        end = ev.particle_end(doc, end)  # Ursula von der Leyen, where the NER stops at "von"
        span = doc[start:end]
        words = [t for t in span if ev.lettered(t.text)]
        first = next((t for t in words if t.lower_ not in PARTICLES), None)
        if first is None or len(words) > 6 or not first.text[:1].isupper():
            return None
        text = span.text
        if text in g.org_names:
            return Cand(start, end, "ORG", "gaz_org", g.org_names[text])
        if ev.has_org_head(span, g) and not ev.person_form(span, g):
            return Cand(start, end, "ORG", "org_word")  # Democratic Party
        titled = ev.titled(doc, start, g)
        if len(span) > 1 and not titled and g.cities.get(text, 0) >= 100_000:
            return None  # in Ho Chi Minh City: a given name (Ho) does not make a city a person
        evidence = (
            titled
            or ev.is_given_name(span[0].text)
            or (len(span) == 1 and ev.one_word_person_evidence(span[0], person_words, g))
        )
        if not evidence and ev.modifies_thing(span, g):
            return None  # Baloch separatists, the Brexit talks: a word for a thing or people
        if ev.place_name(span, g) or (
            not evidence
            and (
                ev.place_context(span, g, lenient=True)
                or g.cities.get(text, 0) >= 100_000
                or text in g.capitals
            )
        ):
            return None  # fighting spread to Kismayo; the towns of Bocaranga and Bazoum
        return Cand(start, end, "PERSON", "ner")

    def _org(self, doc: Doc, start: int, end: int, person_words: set[str]) -> Cand | None:
        g = self.gazetteer
        text = span_text(doc, start, end)
        if text in g.demonyms or text.islower():
            return None
        if (
            end - start == 1
            and start >= 2
            and doc[start - 1].lower_ == "of"
            and is_role(doc[start - 2].lower_, g)
        ):
            return None  # Secretary of State, Minister of Defense: part of a title
        for cut in range(end - 1, start, -1):  # U.S. Congresswoman: a state and a role
            head = g.state_id(doc[start:cut].text)
            if head and is_role(doc[cut:end].text.lower(), g):
                return Cand(start, cut, "STATE", "ner", "state:" + head)
        if end - start > 1 and doc[end - 1].text in g.event_heads:
            end -= 1  # the G-7 Summit: the G-7
            text = span_text(doc, start, end)
        span = doc[start:end]
        if local_body(doc, start, end, g):
            return Cand(start - 1, end, "ORG", "local_body")
        if ev.indefinite(span, g):
            return None  # a super PAC, an NGO: a name takes no indefinite article
        known = g.org_names.get(text)
        if known:
            return Cand(start, end, "ORG", "ner", known)
        if ev.led_by(span, g):
            return Cand(start, end, "PERSON", "leader_name")  # the Trump administration
        if ev.names_document(span, g) and not ev.is_given_name(span[0].text, min_popularity=2):
            return None  # the Global Terrorism Index; Nathan Law is a person's name
        if end < len(doc) and f"{text} {doc[end].text}".lower() in g.role_nouns:
            return None  # Defense Secretary Pete Hegseth: a title, not an organisation
        if (
            end - start == 1
            and end < len(doc)
            and text.lower() in g.role_modifiers
            and is_role(doc[end].lower_, g)
        ):
            return None  # the Commerce chief, State Governor Bello Matawalle: a title
        if not ev.has_org_head(span, g):
            if (
                g.cities.get(text)
                or ev.place_context(span, g, lenient=False)
                or ev.place_name(span, g)
            ):
                return None  # Quetta, the Boni Forest, the province of Nangarhar
            if ev.person_form(span, g) or (ev.titled(doc, start, g) and not span.text.isupper()):
                return Cand(start, end, "PERSON", "person_form")  # Chancellor Olaf Scholz
            if ev.quote_tag_speaker(span, g.words["saying_verbs"]) and not text.isupper():
                return Cand(start, end, "PERSON", "quote_speaker")  # "...," Wang said
        return Cand(start, end, "ORG", "ner")


@Language.factory(
    "actor_tagger",
    default_config={
        "gazetteer": {"@misc": "nlp_pipeline.pipeline_gazetteer.v1"},
        "spans_key": SPANS_KEY,
        "capitals_as_states": True,
        "resolve_pronouns": True,
    },
    requires=["doc.ents", "token.dep"],
    assigns=["doc.spans", "doc._.actors", "doc._.affiliations"],
)
def make_actor_tagger(
    nlp: Language,
    name: str,
    gazetteer: Callable[[Language], SharedGazetteer],
    spans_key: str,
    capitals_as_states: bool,
    resolve_pronouns: bool,
) -> ActorTagger:
    return ActorTagger(
        nlp,
        name,
        share=gazetteer,
        spans_key=spans_key,
        capitals_as_states=capitals_as_states,
        resolve_pronouns=resolve_pronouns,
    )
