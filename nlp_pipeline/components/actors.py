"""Actor tagging: PERSON / STATE / ORG mentions with one canonical id per actor.

The statistical NER proposes, the gazetteers decide: known states are STATE whatever the
NER said, cities and regions are dropped, capitals count only when they act for their
government, demonyms give affiliations instead of mentions. Within a document, short
forms (``Kim``) and acronyms (``KCNA``) join the fullest name they abbreviate.

Output, all plain data that survives ``DocBin`` and ``n_process>1``:
``doc.spans["actors"]`` (label, ``kb_id_`` = actor id), ``doc._.actors``
(id -> name, label, country, aliases) and ``doc._.affiliations`` (title/demonym links).
Pronoun and role-noun references are the ``actor_coref`` component's (:mod:`nlp_pipeline.components.coref`).
"""

from __future__ import annotations

import itertools
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from . import evidence as ev
from .cleaning import in_ranges
from .coref import SAYING
from .evidence import PARTICLES as _PARTICLES
from .gazetteer import Gazetteer
from .util import DATA_DIR, slugify

for _name in ("actors", "affiliations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

LABELS = ("PERSON", "STATE", "ORG")
SPANS_KEY = "actors"
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
# verbs whose object is a government, not a place (``warned Pyongyang``)
_GOV_OBJECT_VERBS = {
    "warn",
    "urge",
    "accuse",
    "sanction",
    "condemn",
    "criticize",
    "criticise",
    "pressure",
    "press",
    "blame",
    "support",
    "back",
    "help",
    "praise",
    "threaten",
    "ask",
    "invite",
    "thank",
    "recognize",
    "recognise",
    "congratulate",
    "reassure",
    "persuade",
    "punish",
    "defy",
    "challenge",
    "engage",
    "court",
    "denounce",
    "rebuke",
    "assure",
}
_GOV_CONTEXT = {
    "message",
    "letter",
    "aid",
    "assistance",
    "warning",
    "sanctions",
    "pressure",
    "appeal",
    "offer",
    "request",
    "demand",
    "demands",
    "call",
    "ultimatum",
    "talks",
    "ties",
    "relations",
    "negotiations",
    "dialogue",
    "summit",
    "agreement",
    "deal",
    "tensions",
    "dispute",
    "relationship",
    "between",
}
_GOV_NOUNS = {"administration", "government", "regime", "authorities", "leadership"}
_PLACE_PREPS = {
    "in",
    "at",
    "to",
    "from",
    "near",
    "into",
    "outside",
    "across",
    "around",
    "toward",
    "towards",
    "via",
    "through",
    "inside",
}
_ACRONYM_SKIP = {"of", "the", "and", "for", "on", "in", "de", "&"}
_NOT_ROLE_POS = {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM"}
_REGION_WORDS = {
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Upper",
    "Lower",
    "Central",
    "Greater",
    "Outer",
    "Inner",
}
_NUMERIC_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_MISREAD_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "FAC", "LAW", "LANGUAGE"}
_POLITY_FORMS = (
    "Principality",
    "Duchy",
    "Colony",
    "Sultanate",
    "Emirate",
    "Khanate",
    "Protectorate",
    "Kingdom",
    "Caliphate",
)
# on equal length, gazetteer evidence beats the NER (every NER-derived source ranks 2)
_PRIORITY = {"gaz_state": 0, "ambiguous_state": 0, "gaz_org": 1, "capital": 1}


@dataclass
class _Cand:
    start: int
    end: int
    label: str
    source: str
    actor_id: str | None = None

    @property
    def size(self) -> int:
        return self.end - self.start


class ActorTagger:
    """Tag actor mentions and canonicalise them within the document."""

    def __init__(
        self,
        nlp: Language,
        name: str = "actor_tagger",
        *,
        capitals_as_states: bool = True,
        resolve_pronouns: bool = True,
    ) -> None:
        self.vocab = nlp.vocab
        self.make_doc = nlp.make_doc
        self.name = name
        self.capitals_as_states = capitals_as_states
        # kept so that saved configs load; pronouns are the actor_coref component's now
        self.resolve_pronouns = resolve_pronouns
        self.gazetteer: Gazetteer | None = None

    # -- data ------------------------------------------------------------
    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        data_path: str | Path | None = None,
    ) -> None:
        """Load the gazetteers: the package's data unless ``data_path`` names a folder."""
        self._set_gazetteer(Gazetteer.from_dir(data_path or DATA_DIR))
        ev.gender("Ada")  # gender-guesser reads its dictionary once, here, not mid-corpus

    def _set_gazetteer(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        # matches are looked up by their tokens: the text between them may differ
        self._terms: dict[tuple, str] = {}
        for key, table in self._tables().items():
            docs = [self.make_doc(term) for term in table]
            self.matcher.add(key, docs)
            for term, term_doc in zip(table, docs, strict=True):
                self._terms.setdefault((key, *(t.text for t in term_doc)), term)

    def _tables(self) -> dict[str, dict[str, str]]:
        g = self.gazetteer
        return {
            "STATE": g.state_names,
            "ORG": g.org_names,
            "CAPITAL": g.capitals,
            "DEMONYM": g.demonyms,
        }

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self._ensure()
        self.gazetteer.to_dir(ensure_path(path))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ActorTagger:
        self._set_gazetteer(Gazetteer.from_dir(ensure_path(path)))
        return self

    def _ensure(self) -> None:
        if self.gazetteer is None:
            self.initialize()

    # -- tagging ---------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._ensure()
        boiler = doc._.boilerplate
        cands, demonyms = self._candidates(doc)
        cands = [c for c in cands if not in_ranges(boiler, *_chars(doc, c))]
        chosen = _select(cands)
        chosen = _one_label_per_name(doc, self._short_forms(doc, chosen, boiler))
        names = self._canonicalise(doc, chosen)
        doc.spans[SPANS_KEY] = [
            Span(doc, c.start, c.end, label=c.label, kb_id=c.actor_id, span_id=c.source)
            for c in chosen
        ]
        affiliations = self._affiliations(doc, demonyms, boiler)
        doc._.affiliations = affiliations
        doc._.actors = _actor_table(doc, names, affiliations, self.gazetteer)
        return doc

    def _candidates(self, doc: Doc) -> tuple[list[_Cand], list[tuple[int, int, str]]]:
        g = self.gazetteer
        cands: list[_Cand] = []
        demonyms: list[tuple[int, int, str]] = []
        ents = {(e.start, e.end): e.label_ for e in doc.ents}
        person_words = ev.person_words(doc)
        for match_id, start, end in self.matcher(doc):
            key = self.vocab.strings[match_id]
            text = self._terms[(key, *(t.text for t in doc[start:end]))]
            if key == "STATE":
                if _inside_ner_person(doc, start, end) or _region_prefix(doc, start):
                    continue
                source = "gaz_state"
                if text in g.ambiguous:
                    # Jordan, Chad, Georgia: the state unless the document says otherwise
                    ner_place = ents.get((start, end)) in ("GPE", "LOC")
                    if not self._ambiguous_is_state(doc[start:end], person_words, ner_place):
                        continue
                    source = "gaz_state" if ner_place else "ambiguous_state"
                name_start = _name_prefix_start(doc, start, g)
                if name_start is not None:  # United Russia, One Israel: a party's name
                    cands.append(_Cand(name_start, end, "ORG", "gaz_org"))
                    continue
                cands.append(_Cand(start, end, "STATE", source, "state:" + g.state_names[text]))
                org_start = _org_name_start(doc, start, g.org_heads)
                if org_start is not None:  # Communist Party of Greece
                    cands.append(_Cand(org_start, end, "ORG", "gaz_org"))
            elif key == "ORG":
                if _inside_ner_person(doc, start, end):
                    continue
                cands.append(_Cand(start, end, "ORG", "gaz_org", g.org_names[text]))
            elif key == "CAPITAL":
                if self.capitals_as_states and _acts_as_government(doc[start:end]):
                    cands.append(_Cand(start, end, "STATE", "capital", "state:" + g.capitals[text]))
            elif key == "DEMONYM":
                demonyms.append((start, end, g.demonyms[text]))
                org_end = _org_name_end(doc, end, g.org_heads)
                if org_end:
                    cands.append(_Cand(start, org_end, "ORG", "gaz_org"))
        cands += _the_north(doc, {c.actor_id for c in cands})
        cands += self._polities(doc)
        for ent in doc.ents:
            if ent.label_ in _NUMERIC_LABELS:
                continue
            for start, end in _parts(doc, ent, g):
                cand = self._from_ner(doc, start, end, ent.label_, person_words)
                if cand is not None:
                    cands.append(cand)
        return cands, demonyms

    def _ambiguous_is_state(self, span: Span, person_words: set[str], ner_place: bool) -> bool:
        """``Jordan`` is the state unless the document names a person with that word or a
        title stands before it; ``Georgia`` beside a US state is the US state."""
        g = self.gazetteer
        doc = span.doc
        if not ner_place and (
            span.text in person_words
            or ev.titled(doc, span.start, g)
            or not any(e.start == span.start and e.end == span.end for e in doc.ents)
        ):
            return False  # the NER saw no name here: ``Concerned Women for America``
        root = span.root
        neighbours = [*root.conjuncts, root.head] if root.dep_ == "conj" else root.conjuncts
        return not any(t.text in g.us_states for t in neighbours)

    def _polities(self, doc: Doc) -> list[_Cand]:
        """``Principality of Guria``, ``Crown Colony of Sarawak``: polities named by form.
        The id is the named state's when it is one (``Kingdom of Spain``), else a slug."""
        out = []
        heads = [self.vocab.strings.add(w) for w in _POLITY_FORMS]
        for i in np.flatnonzero(np.isin(doc.to_array(ORTH), heads)).tolist():
            end = i + 2
            if end >= len(doc) or doc[i + 1].lower_ != "of":
                continue
            while end < len(doc) and end - i < 5 and doc[end].is_title:
                end += 1
            if end == i + 2:
                continue
            start = i - 1 if i > 0 and doc[i - 1].text in ("Crown", "Grand") else i
            iso = self.gazetteer.state_id(doc[i + 2 : end].text)
            actor = "state:" + (iso or slugify(doc[start:end].text))
            out.append(_Cand(start, end, "STATE", "gaz_state", actor))
        return out

    def _from_ner(
        self, doc: Doc, start: int, end: int, label: str, person_words: set[str]
    ) -> _Cand | None:
        """The NER's proposal, kept, relabelled or dropped on evidence (see ``evidence``)."""
        g = self.gazetteer
        text = doc[start:end].text
        state = g.state_id(text)
        if label in ("GPE", "LOC", "NORP", "ORG", "FAC", "PERSON") and state:
            if _region_prefix(doc, start) or _name_prefix_start(doc, start, g) is not None:
                return None
            if text in g.ambiguous or (label == "PERSON" and text in person_words):
                return None  # decided with the gazetteer match (Jordan, Chad, Georgia)
            return _Cand(
                start, end, "STATE", "ner" if label != "PERSON" else "state_name", "state:" + state
            )
        if label in _MISREAD_LABELS and (
            _speaking_name(doc[start:end]) or ev.person_form(doc[start:end], g)
        ):
            return _Cand(start, end, "PERSON", "misread_name")  # "...," Nebenzia told
        if label == "PERSON":
            return self._person(doc, start, end, person_words)
        if label == "ORG":
            return self._org(doc, start, end, person_words)
        return None

    def _person(self, doc: Doc, start: int, end: int, person_words: set[str]) -> _Cand | None:
        g = self.gazetteer
        while end - start > 1 and ev.is_title(doc[start].text, g):
            start += 1
        if start > 0 and doc[start - 1].lower_ in ("al-", "el-") and not doc[start - 1].whitespace_:
            start -= 1  # al-Bunni: the article belongs to the name
        elif (
            end - start == 1
            and start > 0
            and doc[start - 1].is_title
            and ev.is_given_name(doc[start - 1].text)
            and not ev.is_title(doc[start - 1].text, g)
        ):
            start -= 1  # "Rush Limbaugh:" where the NER saw only Limbaugh
        span = doc[start:end]
        words = [t for t in span if t.is_alpha]
        first = next((t for t in words if t.lower_ not in _PARTICLES), None)
        if first is None or len(words) > 6 or not first.text[:1].isupper():
            return None
        text = span.text
        if text in g.org_names:
            return _Cand(start, end, "ORG", "gaz_org", g.org_names[text])
        if ev.has_org_head(span, g) and not ev.person_form(span, g):
            return _Cand(start, end, "ORG", "org_word")  # Democratic Party
        evidence = (
            ev.titled(doc, start, g)
            or ev.is_given_name(span[0].text)
            or (len(span) == 1 and ev.one_word_person_evidence(span[0], person_words, g, SAYING))
        )
        if ev.place_name(span, g) or (
            not evidence
            and (
                ev.place_context(span, g, lenient=True)
                or g.cities.get(text, 0) >= 100_000
                or text in g.capitals
            )
        ):
            return None  # fighting spread to Kismayo; the towns of Bocaranga and Bazoum
        return _Cand(start, end, "PERSON", "ner")

    def _org(self, doc: Doc, start: int, end: int, person_words: set[str]) -> _Cand | None:
        g = self.gazetteer
        text = doc[start:end].text
        if text in g.demonyms or text.islower():
            return None
        if (
            end - start == 1
            and start >= 2
            and doc[start - 1].lower_ == "of"
            and _is_role(doc[start - 2].lower_, g)
        ):
            return None  # Secretary of State, Minister of Defense: part of a title
        for cut in range(end - 1, start, -1):  # U.S. Congresswoman: a state and a role
            head = g.state_id(doc[start:cut].text)
            if head and _is_role(doc[cut:end].text.lower(), g):
                return _Cand(start, cut, "STATE", "ner", "state:" + head)
        if end - start > 1 and doc[end - 1].text in g.event_heads:
            end -= 1  # the G-7 Summit: the G-7
            text = doc[start:end].text
        span = doc[start:end]
        known = g.org_names.get(text)
        if known:
            return _Cand(start, end, "ORG", "ner", known)
        if end < len(doc) and f"{text} {doc[end].text}".lower() in g.role_nouns:
            return None  # Defense Secretary Pete Hegseth: a title, not an organisation
        if not ev.has_org_head(span, g):
            if (
                g.cities.get(text)
                or ev.place_context(span, g, lenient=False)
                or ev.place_name(span, g)
            ):
                return None  # Quetta, the Boni Forest, the province of Nangarhar
            if ev.person_form(span, g) or (ev.titled(doc, start, g) and not span.text.isupper()):
                return _Cand(start, end, "PERSON", "person_form")  # Chancellor Olaf Scholz
            if ev.quote_tag_speaker(span, SAYING) and not text.isupper():
                return _Cand(start, end, "PERSON", "quote_speaker")  # "...," Wang said
        return _Cand(start, end, "ORG", "ner")

    def _short_forms(self, doc: Doc, chosen: list[_Cand], boiler) -> list[_Cand]:
        """Short forms of names found in full (``Kim``, ``Wang``, ``KCNA``, an acronym given
        in brackets) are mentions of them, also where the NER missed them."""
        short: dict[str, str] = {}  # word -> label
        for c in chosen:
            if c.label == "PERSON" and c.size > 1:
                for tok in doc[c.start : c.end]:
                    word = _strip_particle(tok.text)
                    if _name_word(word):
                        short.setdefault(word, "PERSON")
            elif c.label == "ORG" and c.size > 1:
                acronym = _acronym(doc[c.start : c.end].text)
                if len(acronym) >= 2:
                    short.setdefault(acronym, "ORG")
        short.update(dict.fromkeys(_defined_acronyms(doc, chosen), "ORG"))
        taken: set[int] = set()
        for c in chosen:
            taken.update(range(c.start, c.end))
            label = short.get(doc[c.start].text, c.label) if c.size == 1 else c.label
            if c.label not in ("STATE", label):
                c.label, c.source = label, "short_form_label"
        if not short:
            return chosen
        forms = {self.vocab.strings.add(p + w): w for w in short for p in ("", "al-", "el-")}
        orth = doc.to_array(ORTH)
        for i in np.flatnonzero(np.isin(orth, list(forms))).tolist():
            tok = doc[i]
            if i in taken or in_ranges(boiler, tok.idx, tok.idx + 1):
                continue
            label = short[forms[int(orth[i])]]
            if label == "PERSON" and tok.pos_ not in ("PROPN", "NOUN", "X"):
                continue
            glued = i > 0 and doc[i - 1].lower_ in ("al-", "el-") and not doc[i - 1].whitespace_
            chosen.append(_Cand(i - glued, i + 1, label, "alias"))
        chosen.sort(key=lambda c: c.start)
        return chosen

    def _canonicalise(self, doc: Doc, chosen: list[_Cand]) -> dict[str, str]:
        """Give every mention its actor id; return id -> display name."""
        g = self.gazetteer
        names: dict[str, str] = {}
        fullest = _person_names(
            [doc[c.start : c.end].text for c in chosen if c.label == "PERSON"],
            [doc[c.start : c.end].text for c in chosen if c.label == "ORG" and not c.actor_id],
        )
        orgs = [c for c in chosen if c.label == "ORG"]
        org_full: dict[str, tuple[str, str | None]] = {}
        full_text = _possessive_org_names(doc, chosen, g)
        defined = _defined_acronyms(doc, chosen)
        scoped = Counter(doc[c.start : c.end].text for c in orgs if c.start in full_text)
        for c in sorted(orgs, key=lambda c: (-c.size, c.start)):
            text = full_text.get(c.start, doc[c.start : c.end].text)
            if text != doc[c.start : c.end].text and scoped[doc[c.start : c.end].text] == 1:
                # "the Foreign Ministry" later on is China's, if China's is the only one named
                org_full.setdefault(doc[c.start : c.end].text, (text, None))
            if c.actor_id:
                org_full[text] = (g.org_by_id[c.actor_id]["name"], c.actor_id)
                continue
            owner = org_full.get(defined.get(text, ""))
            owner = owner or next(
                (
                    v
                    for k, v in org_full.items()
                    if text != k and (k.startswith(text + " ") or _acronym(k) == text)
                ),
                None,
            )
            org_full.setdefault(text, owner or (text, None))
        scope = f"@{zlib.crc32(doc.text.encode()) & 0xFFFFFF:06x}"
        for c in chosen:
            text = doc[c.start : c.end].text
            if c.label == "PERSON":
                name = fullest.get(text, text)
                # one word with no fuller name here is no evidence of identity across documents
                c.actor_id = "person:" + slugify(name) + (scope if " " not in name else "")
            elif c.label == "ORG":
                text = full_text.get(c.start, text)
                name, gid = org_full.get(text, (text, None))
                c.actor_id = c.actor_id or gid or "org:" + slugify(name)
                name = g.org_by_id[c.actor_id]["name"] if c.actor_id in g.org_by_id else name
            else:
                name = g.state_name_of.get(c.actor_id.split(":", 1)[1], text)
            names[c.actor_id] = name
        return names

    def _affiliations(self, doc: Doc, demonyms, boiler) -> list[dict]:
        """Title and demonym affiliations: ``Chinese President Xi Jinping`` -> CHN."""
        g = self.gazetteer
        by_start = {s.start: s for s in doc.spans[SPANS_KEY]}
        out: list[dict] = []
        anchors = [(s, e, "state:" + iso, "demonym") for s, e, iso in demonyms]
        anchors += [
            (s.start, s.end, s.kb_id_, "name")
            for s in doc.spans[SPANS_KEY]
            if s.label_ in ("STATE", "ORG")
        ]
        orgs = [s for s in doc.spans[SPANS_KEY] if s.label_ == "ORG"]
        for start, end, target, how in sorted(anchors):
            if in_ranges(boiler, doc[start].idx, doc[end - 1].idx + 1):
                continue
            if how == "demonym":
                inner = next((o for o in orgs if o.start <= start and end <= o.end), None)
                if inner is not None:
                    out.append(_affiliation(doc, inner.kb_id_, target, "", inner.start, inner.end))
                    continue
            i = end
            role_words: list[str] = []
            while i < len(doc) and i - end < 5:
                if i in by_start:
                    # Iranian U.N. Ambassador X: an international body between the
                    # state and the role belongs to the role, not to the state
                    body = by_start[i]
                    if g.org_by_id.get(body.kb_id_, {}).get("country", "-"):
                        break
                    i = body.end
                    continue
                tok = doc[i]
                titled = (
                    tok.lower_ == "of" and role_words and i + 1 < len(doc) and (doc[i + 1].is_title)
                )  # Secretary of State
                if tok.is_punct or tok.is_space or (tok.pos_ in _NOT_ROLE_POS and not titled):
                    break
                if tok.tag_ != "POS":
                    role_words.append(tok.lower_)
                i += 1
            actor = by_start.get(i)
            role = " ".join(role_words)
            if actor is None or actor.kb_id_ == target:
                continue
            if actor.label_ == "STATE" or (actor.label_ == "ORG" and role_words):
                continue
            if role_words and not _is_role(role, g):
                continue
            out.append(_affiliation(doc, actor.kb_id_, target, role, start, actor.end))
        # an international body belongs to no state (`Iran's U.N. mission`)
        out = [a for a in out if not g.is_igo(a["source_id"])]
        unique = {(a["source_id"], a["target_id"], a["start_char"]): a for a in out}
        return list(unique.values())


def _possessive_org_names(doc: Doc, chosen: list[_Cand], g: Gazetteer) -> dict[int, str]:
    """``China's Foreign Ministry`` is the ``Chinese Foreign Ministry``: a body named through
    a possessive state gets the demonym form, so its id says whose it is and
    ``Afghanistan's`` and ``China's Ministry of Foreign Affairs`` stay two actors."""
    state_end = {c.end: c for c in chosen if c.label == "STATE"}
    out = {}
    for c in chosen:
        if c.label != "ORG" or c.actor_id or c.start < 2 or doc[c.start - 1].tag_ != "POS":
            continue
        if not any(t.text in g.org_heads for t in doc[c.start : c.end]):
            continue
        state = state_end.get(c.start - 1)
        if state is not None:
            iso = state.actor_id.split(":", 1)[1]
            owner = g.demonym_of.get(iso) or g.state_name_of.get(iso, iso)
            out[c.start] = f"{owner} {doc[c.start : c.end].text}"
    return out


def _affiliation(doc: Doc, source: str, target: str, role: str, start: int, end: int) -> dict:
    return {
        "source_id": source,
        "target_id": target,
        "role": role,
        "start_char": doc[start].idx,
        "end_char": doc[end - 1].idx + len(doc[end - 1]),
    }


def _is_role(role: str, g: Gazetteer) -> bool:
    words = role.split()
    return any(" ".join(words[i:]) in g.role_nouns for i in range(len(words)))


def _person_names(texts: list[str], others: list[str] = ()) -> dict[str, str]:
    """Each person name -> the fullest name of the document that contains all its words,
    or itself when there is none or more than one (``Aden`` with ``Aden Barre Duale`` and
    ``Shamsa Mohamed Aden``: never guessed). ``others`` are longer names of the document
    under another label whose last word may be a surname too (``Rastafarian Feniya Mbewe``
    misread as an organisation): such a word is not guessed either."""
    fullest: dict[str, str] = {}
    last_words = {_strip_particle(o.split()[-1]) for o in others if " " in o}
    for text in sorted(dict.fromkeys(texts), key=lambda t: (-len(t.split()), t)):
        words = {_strip_particle(w) for w in text.split() if w.lower() not in _PARTICLES} - {""}
        owners = {f for f in fullest.values() if words <= {_strip_particle(w) for w in f.split()}}
        if len(words) == 1 and words <= last_words:
            owners.add("")  # a second possible owner
        fullest[text] = owners.pop() if len(owners) == 1 else text
    return fullest


def _name_word(word: str) -> bool:
    """A word that can stand for a person's name alone (``Kim``, ``McKegg``, ``LeBlanc``)."""
    return (
        word.isalpha()
        and word[:1].isupper()
        and not word.isupper()
        and word.lower() not in _PARTICLES
    )


def _defined_acronyms(doc: Doc, chosen: list[_Cand]) -> dict[str, str]:
    """``United Nations High Commissioner for Refugees (UNHCR)`` and ``DOJ (Department of
    Justice)``: an acronym in brackets beside a name is that name's -> acronym: name."""
    out: dict[str, str] = {}
    by_end = {c.end: c for c in chosen if c.label == "ORG" and c.size > 1}
    by_start = {c.start: c for c in chosen if c.label == "ORG" and c.size > 1}
    brackets = np.flatnonzero(doc.to_array(ORTH) == doc.vocab.strings.add("(")).tolist()
    for i in brackets:
        if i + 2 < len(doc) and doc[i + 2].text == ")" and _acronym_like(doc[i + 1].text):
            full = by_end.get(i)  # Name (ACRONYM)
            if full is not None:
                out[doc[i + 1].text] = doc[full.start : full.end].text
        full = by_start.get(i + 1)  # ACRONYM (Name)
        if i > 0 and full is not None and _acronym_like(doc[i - 1].text):
            out[doc[i - 1].text] = doc[full.start : full.end].text
    return out


def _acronym_like(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 8 and letters.isalnum() and letters.isupper()


def _strip_particle(word: str) -> str:
    """``al-Sudani`` -> ``Sudani``: news shortens Arabic names without the article (and
    spells ``Rufay'i`` with either apostrophe)."""
    head, sep, rest = word.replace("’", "'").partition("-")
    return rest if sep and head.lower() in _PARTICLES else word


def _acronym(text: str) -> str:
    return "".join(w[0] for w in text.split() if w.lower() not in _ACRONYM_SKIP and w[:1].isupper())


def _chars(doc: Doc, c: _Cand) -> tuple[int, int]:
    return doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])


def _org_name_end(doc: Doc, start: int, heads: set[str]) -> int:
    """End of ``Foreign Ministry`` after a demonym (``Chinese Foreign Ministry``), or 0."""
    end = 0
    for i in range(start, min(start + 4, len(doc))):
        if not doc[i].is_title:
            break
        if doc[i].text in heads:
            end = i + 1
    return end


def _org_name_start(doc: Doc, state_start: int, heads: set[str]) -> int | None:
    """Start of ``Communist Party`` in ``Communist Party of Greece``, or None."""
    i = state_start - 1
    if i > 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of" or doc[i - 1].text not in heads:
        return None
    i -= 1
    while i > 0 and state_start - i < 8:
        prev = doc[i - 1]
        if not (prev.is_title or prev.text in ("'", "’")) or prev.lower_ == "the":
            break
        i -= 1
    return i if doc[i].is_title else i + 1


def _name_prefix_start(doc: Doc, start: int, g: Gazetteer) -> int | None:
    """Start of a longer proper name that ends in a state name (``United Russia``,
    ``Partai Nasional Indonesia``), or None. Titles, demonyms and title-case headlines
    do not count."""
    i = start
    while i > 0 and start - i < 4:
        prev = doc[i - 1]
        if prev.is_sent_start or not prev.is_title or prev.tag_ not in ("NNP", "NNPS"):
            break
        if ev.is_title(prev.text, g) or prev.text in g.demonyms or prev.text in ev.CALENDAR_WORDS:
            break
        i -= 1
    if i == start:
        return None
    end = start + 1
    while end < len(doc) and doc[end].is_title and doc[end].text not in g.place_heads:
        end += 1
    if end < len(doc) and doc[end].text in g.place_heads:
        return None  # the South China Sea: a place, not a party
    sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
    words = [t for t in sent if t.is_alpha]
    if sum(t.is_title for t in words) > 0.6 * len(words):  # a title-case headline
        return None
    return i


def _speaking_name(span: Span) -> bool:
    """Two or three capitalised proper nouns that are the subject of a speech verb."""
    return (
        2 <= len(span) <= 3
        and all(t.tag_ == "NNP" and t.is_title for t in span)
        and span.root.dep_ == "nsubj"
        and span.root.head.lemma_ in SAYING
    )


def _region_prefix(doc: Doc, start: int) -> bool:
    """``Northern Ireland``, ``Upper Egypt``: a region, not the state."""
    return start > 0 and doc[start - 1].text in _REGION_WORDS


def _between(start: int, cuts: list[int], end: int) -> list[tuple[int, int]]:
    """The non-empty token ranges between ``cuts`` (which are left out)."""
    bounds = [start - 1, *cuts, end]
    return [(a + 1, b) for a, b in itertools.pairwise(bounds) if a + 1 < b]


def _inside_ner_person(doc: Doc, start: int, end: int) -> bool:
    """The match is part of a longer name the NER called PERSON (``Chad Smith``): read from
    the tokens' IOB tags, without a scan of the document's entities."""
    span = doc[start:end]
    if any(t.ent_type_ != "PERSON" for t in span) or any(t.ent_iob_ != "I" for t in span[1:]):
        return False
    after = doc[end] if end < len(doc) else None
    continued = after is not None and after.ent_iob_ == "I" and after.ent_type_ == "PERSON"
    return span[0].ent_iob_ == "I" or continued


def _parts(doc: Doc, ent: Span, g: Gazetteer) -> list[tuple[int, int]]:
    """The names inside an NER entity: without a leading article, calendar word or trailing
    possessive and lower-case words (``Xinhua news agency``), split at brackets
    (``DOJ (Department of Justice``) and at list commas when a part is a known name
    (``Twitter, Instagram``)."""
    start, end = ent.start, ent.end
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    start += ev.calendar_prefix(doc[start:end]) if start < end else 0
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if ent.label_ in ("ORG", "PERSON"):
        while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].is_alpha:
            if not doc[end - 2].whitespace_:
                break  # Lai Ching-te: a hyphenated part of the name
            end -= 1
    if start >= end:
        return []
    cuts = [i for i in range(start, end) if doc[i].text in ("(", ")")]
    if not cuts:
        listed = [i for i in range(start, end) if doc[i].text == "," or doc[i].lower_ == "and"]
        names = {**g.org_names, **g.state_names}
        parts = _between(start, listed, end)
        return parts if any(doc[a:b].text in names for a, b in parts) else [(start, end)]
    parts = _between(start, cuts, end)
    return [(a, b) for a, b in parts if a < b and doc[a].text[:1].isupper()]


def _acts_as_government(span: Span) -> bool:
    """``Pyongyang said`` / ``talks with Beijing``: yes; ``a meeting in Pyongyang``: no."""
    root = span.root
    dep = root.dep_
    if dep in _SUBJECT_DEPS:
        return True
    if dep == "poss" or (dep == "compound" and root.head.lower_ in _GOV_NOUNS):
        return True  # Beijing's decision; the Kabul administration
    if dep == "conj":
        head = root.head
        while head.dep_ == "conj":
            head = head.head
        if head.dep_ in _SUBJECT_DEPS:
            return True
        dep, root = head.dep_, head
    if dep == "dobj" and root.head.lemma_ in _GOV_OBJECT_VERBS:
        return True
    if dep == "pobj":
        prep: Token = root.head
        if prep.lower_ == "between" or prep.head.lower_ in _GOV_CONTEXT:
            return True
        if prep.lower_ in _PLACE_PREPS:
            return False
        if prep.lower_ == "by" and prep.dep_ == "agent":
            return True
    return False


def _the_north(doc: Doc, states: set[str | None]) -> list[_Cand]:
    """``the North`` / ``the South`` name the Koreas in a document about them."""
    if not states & {"state:PRK", "state:KOR"}:
        return []
    out = []
    for tok in doc[1:]:
        if tok.text in ("North", "South") and doc[tok.i - 1].lower_ == "the":
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or not (nxt.is_title or nxt.is_upper):
                iso = "PRK" if tok.text == "North" else "KOR"
                out.append(_Cand(tok.i - 1, tok.i + 1, "STATE", "gaz_state", "state:" + iso))
    return out


# how much each source's label counts when one name gets two labels in a document
_LABEL_WEIGHT = {"gaz_org": 3, "person_form": 2, "misread_name": 2}


def _one_label_per_name(doc: Doc, chosen: list[_Cand]) -> list[_Cand]:
    """One name, one label in a document: ``Amanda Nunes`` tagged PERSON twice and ORG once
    is a PERSON every time. Sources with evidence outweigh the NER's plain label."""
    votes: dict[str, Counter] = {}
    for c in chosen:
        if c.label in ("PERSON", "ORG"):
            text = doc[c.start : c.end].text
            votes.setdefault(text, Counter())[c.label] += _LABEL_WEIGHT.get(c.source, 1)
    for c in chosen:
        tally = votes.get(doc[c.start : c.end].text)
        if c.label in ("PERSON", "ORG") and tally and len(tally) > 1:
            label = max(tally, key=lambda lab: (tally[lab], lab == "PERSON"))
            if label != c.label:
                c.label, c.source, c.actor_id = label, "document_label", None
    return chosen


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: longer first, gazetteer before NER on ties."""
    order = sorted(cands, key=lambda c: (-c.size, _PRIORITY.get(c.source, 2), c.start))
    taken: set[int] = set()
    chosen = []
    for c in order:
        if taken.isdisjoint(range(c.start, c.end)):
            chosen.append(c)
            taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def country_code(state: str) -> str:
    """ISO alpha-3 for the ``country`` column: ``GB-SCT`` is in GBR; a former polity
    without an ISO code (``ottoman-empire``) has none."""
    if len(state) == 3 and state.isupper():
        return state
    return {"GB": "GBR"}.get(state.split("-")[0], "")


def _actor_table(
    doc: Doc, names: dict[str, str], affiliations: list[dict], g: Gazetteer
) -> dict[str, dict]:
    """Plain-data record of each actor in the document."""
    table: dict[str, dict] = {}
    for span in doc.spans[SPANS_KEY]:
        rec = table.setdefault(
            span.kb_id_,
            {"name": names[span.kb_id_], "label": span.label_, "country": "", "aliases": []},
        )
        if span.text not in rec["aliases"]:
            rec["aliases"].append(span.text)
    for actor_id, rec in table.items():
        if rec["label"] == "STATE":
            rec["country"] = country_code(actor_id.split(":", 1)[1])
        elif actor_id in g.org_by_id:
            rec["country"] = g.org_by_id[actor_id]["country"]
    for aff in affiliations:
        rec = table.get(aff["source_id"])
        target = aff["target_id"]
        if rec is not None and not rec["country"]:
            if target.startswith("state:"):
                rec["country"] = country_code(target.split(":", 1)[1])
            elif table.get(target, {}).get("country"):
                rec["country"] = table[target]["country"]
    return table


@Language.factory(
    "actor_tagger",
    default_config={"capitals_as_states": True, "resolve_pronouns": True},
    requires=["doc.ents", "token.dep"],
    assigns=["doc.spans", "doc._.actors", "doc._.affiliations"],
)
def make_actor_tagger(
    nlp: Language, name: str, capitals_as_states: bool, resolve_pronouns: bool
) -> ActorTagger:
    return ActorTagger(
        nlp, name, capitals_as_states=capitals_as_states, resolve_pronouns=resolve_pronouns
    )
