"""Actor tagging: PERSON / STATE / ORG mentions with one canonical id per actor.

The statistical NER proposes, the gazetteers decide: known states are STATE whatever the
NER said, cities and regions are dropped, capitals count only when they act for their
government, demonyms give affiliations instead of mentions. Within a document, short
forms (``Kim``) and acronyms (``KCNA``) join the fullest name they abbreviate.

Output, all plain data that survives ``DocBin`` and ``n_process>1``:
``doc.spans["actors"]`` (label, ``kb_id_`` = actor id), ``doc._.actors``
(id -> name, label, country, aliases) and ``doc._.affiliations`` (title/demonym links).
Pronoun and role-noun references are the ``actor_coref`` component's (:mod:`nlp_pipeline.coref`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from .cleaning import in_ranges
from .coref import SAYING
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
_PARTICLES = {
    "al",
    "bin",
    "ibn",
    "de",
    "da",
    "van",
    "von",
    "der",
    "la",
    "le",
    "el",
    "abu",
    "del",
    "di",
    "du",
}
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "maj",
    "capt",
    "president",
    "minister",
    "leader",
    "premier",
    "chairman",
    "secretary",
    "general",
    "king",
    "queen",
    "prince",
    "pope",
    "ambassador",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "prime",
    "foreign",
    "defense",
    "supreme",
    "vice",
    "deputy",
    "former",
    "chancellor",
    "envoy",
    "sheikh",
    "emir",
    "judge",
    "senator",
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
_PRIORITY = {"gaz_state": 0, "gaz_org": 1, "capital": 1, "ner": 2}


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
        chosen = self._short_forms(doc, chosen, boiler)
        names = self._canonicalise(doc, chosen)
        doc.spans[SPANS_KEY] = [
            Span(doc, c.start, c.end, label=c.label, kb_id=c.actor_id) for c in chosen
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
        for match_id, start, end in self.matcher(doc):
            key = self.vocab.strings[match_id]
            text = self._terms[(key, *(t.text for t in doc[start:end]))]
            if key == "STATE":
                if text in g.ambiguous and ents.get((start, end)) not in ("GPE", "LOC"):
                    continue
                if _inside_ner_person(doc, start, end) or _region_prefix(doc, start):
                    continue
                name_start = _name_prefix_start(doc, start, g)
                if name_start is not None:  # United Russia, One Israel: a party's name
                    cands.append(_Cand(name_start, end, "ORG", "gaz_org"))
                    continue
                cands.append(
                    _Cand(start, end, "STATE", "gaz_state", "state:" + g.state_names[text])
                )
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
            cand = self._from_ner(doc, ent)
            if cand is not None:
                cands.append(cand)
        return cands, demonyms

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

    def _from_ner(self, doc: Doc, ent: Span) -> _Cand | None:
        g = self.gazetteer
        label = ent.label_
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
            end -= 1
        if start >= end:
            return None
        text = doc[start:end].text
        state = g.state_id(text)
        if label in ("GPE", "LOC", "NORP", "ORG", "FAC") and state:
            if _region_prefix(doc, start) or _name_prefix_start(doc, start, g) is not None:
                return None
            return _Cand(start, end, "STATE", "ner", "state:" + state)
        if label in _MISREAD_LABELS and _speaking_name(doc[start:end]):
            label = "PERSON"  # "...," Vassily Nebenzia told the council (NER: WORK_OF_ART)
        if label == "PERSON":
            while end - start > 1 and doc[start].lower_.rstrip(".") in _TITLES:
                start += 1
            words = [t for t in doc[start:end] if t.is_alpha]
            if (
                not words
                or end - start > 5
                or (not doc[start].is_title and not doc[start].is_upper)
            ):
                return None
            return _Cand(start, end, "PERSON", "ner")
        if label == "ORG":
            if text in g.demonyms or doc[start:end].text.islower():
                return None
            if start >= 2 and doc[start - 1].lower_ == "of" and _is_role(doc[start - 2].lower_, g):
                return None  # Secretary of State, Minister of Defense: part of a title
            for cut in range(end - 1, start, -1):  # U.S. Congresswoman: a state and a role
                head = g.state_id(doc[start:cut].text)
                if head and _is_role(doc[cut:end].text.lower(), g):
                    return _Cand(start, cut, "STATE", "ner", "state:" + head)
            return _Cand(start, end, "ORG", "ner", g.org_names.get(text))
        return None

    def _short_forms(self, doc: Doc, chosen: list[_Cand], boiler) -> list[_Cand]:
        """Short forms of names found in full (``Kim``, ``Wang``, ``KCNA``) join them."""
        short: dict[str, tuple[str, str]] = {}
        for c in chosen:
            if c.label == "PERSON" and c.size > 1:
                for tok in doc[c.start : c.end]:
                    word = _strip_particle(tok.text)
                    if word.isalpha() and word.istitle() and word.lower() not in _PARTICLES:
                        short.setdefault(word, ("PERSON", ""))
            elif c.label == "ORG" and c.size > 1:
                words = [t.text for t in doc[c.start : c.end] if t.lower_ not in _ACRONYM_SKIP]
                acronym = "".join(w[0] for w in words if w[:1].isupper())
                if len(acronym) >= 2:
                    short.setdefault(acronym, ("ORG", c.actor_id or ""))
        taken: set[int] = set()
        for c in chosen:
            taken.update(range(c.start, c.end))
            if c.size == 1 and doc[c.start].text in short and c.label != "STATE":
                c.label = short[doc[c.start].text][0]
        if not short:
            return chosen
        forms = {self.vocab.strings.add(p + w): w for w in short for p in ("", "al-", "el-")}
        orth = doc.to_array(ORTH)
        for i in np.flatnonzero(np.isin(orth, list(forms))).tolist():
            tok = doc[i]
            if i in taken or in_ranges(boiler, tok.idx, tok.idx + 1):
                continue
            label = short[forms[int(orth[i])]][0]
            if label == "PERSON" and tok.pos_ not in ("PROPN", "NOUN", "X"):
                continue
            chosen.append(_Cand(i, i + 1, label, "alias"))
        chosen.sort(key=lambda c: c.start)
        return chosen

    def _canonicalise(self, doc: Doc, chosen: list[_Cand]) -> dict[str, str]:
        """Give every mention its actor id; return id -> display name."""
        g = self.gazetteer
        names: dict[str, str] = {}
        fullest: dict[str, str] = {}
        persons = [doc[c.start : c.end].text for c in chosen if c.label == "PERSON"]
        for text in sorted(dict.fromkeys(persons), key=lambda t: -len(t.split())):
            words = [_strip_particle(w) for w in text.split() if w.lower() not in _PARTICLES]
            words = [w for w in words if w]
            owner = next(
                (
                    f
                    for f in fullest.values()
                    if set(words) <= {_strip_particle(w) for w in f.split()}
                ),
                None,
            )
            fullest[text] = owner or text
        orgs = [c for c in chosen if c.label == "ORG"]
        org_full: dict[str, tuple[str, str | None]] = {}
        full_text = _possessive_org_names(doc, chosen, g)
        for c in sorted(orgs, key=lambda c: -c.size):
            text = full_text.get(c.start, doc[c.start : c.end].text)
            if text != doc[c.start : c.end].text:  # China's Foreign Ministry
                org_full.setdefault(doc[c.start : c.end].text, (text, None))
            if c.actor_id:
                org_full[text] = (g.org_by_id[c.actor_id]["name"], c.actor_id)
                continue
            owner = next(
                (
                    v
                    for k, v in org_full.items()
                    if text != k and (k.startswith(text + " ") or _acronym(k) == text)
                ),
                None,
            )
            org_full.setdefault(text, owner or (text, None))
        for c in chosen:
            text = doc[c.start : c.end].text
            if c.label == "PERSON":
                name = fullest.get(text, text)
                c.actor_id = "person:" + slugify(name)
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
    """``China's Foreign Ministry`` is the ``Chinese Foreign Ministry``: a generic body
    named through a possessive state gets the demonym form, so its id says whose it is."""
    state_end = {c.end: c for c in chosen if c.label == "STATE"}
    out = {}
    for c in chosen:
        if c.label != "ORG" or c.actor_id or c.size > 3 or c.start < 2:
            continue
        if doc[c.end - 1].text not in g.org_heads or doc[c.start - 1].tag_ != "POS":
            continue
        state = state_end.get(c.start - 1)
        demonym = state and g.demonym_of.get(state.actor_id.split(":", 1)[1])
        if demonym:
            out[c.start] = f"{demonym} {doc[c.start : c.end].text}"
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


def _strip_particle(word: str) -> str:
    """``al-Sudani`` -> ``Sudani``: news shortens Arabic names without the article."""
    head, sep, rest = word.partition("-")
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
        if prev.lower_ in _TITLES or prev.lower_ in g.role_nouns or prev.text in g.demonyms:
            break
        i -= 1
    if i == start:
        return None
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


def _inside_ner_person(doc: Doc, start: int, end: int) -> bool:
    return any(t.ent_type_ == "PERSON" and t.ent_iob_ != "" for t in doc[start:end]) and all(
        t.ent_type_ == "PERSON" for t in doc[start:end]
    )


def _acts_as_government(span: Span) -> bool:
    """``Pyongyang said`` / ``talks with Beijing``: yes; ``a meeting in Pyongyang``: no."""
    root = span.root
    dep = root.dep_
    if dep in _SUBJECT_DEPS:
        return True
    if dep == "poss":
        return True
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


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: longer first, gazetteer before NER on ties."""
    order = sorted(cands, key=lambda c: (-c.size, _PRIORITY[c.source], c.start))
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
