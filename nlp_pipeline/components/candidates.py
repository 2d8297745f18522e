"""Candidate actor mentions: where a name starts and ends, and which of overlapping
candidates wins.

Each candidate records the rule that proposed it (``source``, kept as ``span.id_``) so
``benchmarks/actor_accuracy.py`` can count each rule's net effect.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from . import evidence as ev
from .gazetteer import Gazetteer
from .util import doc_text, span_text

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
# on equal length, gazetteer evidence beats the NER (every NER-derived source ranks 2)
PRIORITY = {"gaz_state": 0, "ambiguous_state": 0, "gaz_org": 1, "capital": 1}


@dataclass
class Cand:
    start: int
    end: int
    label: str
    source: str
    actor_id: str | None = None

    @property
    def size(self) -> int:
        return self.end - self.start


def chars(doc: Doc, c: Cand) -> tuple[int, int]:
    return doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])


def org_name_end(doc: Doc, start: int, heads: set[str]) -> int:
    """End of ``Foreign Ministry`` after a demonym or a state's name (``Chinese Foreign
    Ministry``, ``U.S. Air Force``), or 0."""
    end = 0
    for i in range(start, min(start + 4, len(doc))):
        if not doc[i].is_title:
            break
        if doc[i].text in heads or (i > start and doc[i - 1 : i + 1].text in heads):
            end = i + 1
    return end


def org_name_start(doc: Doc, state_start: int, heads: set[str]) -> int | None:
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


def name_prefix_start(doc: Doc, start: int, g: Gazetteer) -> int | None:
    """Start of a longer proper name that ends in a state name (``United Russia``,
    ``Partai Nasional Indonesia``), or None. Titles, demonyms, peoples and title-case
    headlines do not count."""
    i = start
    while i > 0 and start - i < 4:
        prev = doc[i - 1]
        if prev.is_sent_start or not prev.is_title or prev.tag_ not in ("NNP", "NNPS"):
            break
        if ev.is_title(prev.text, g) or prev.text in g.demonyms or prev.text in ev.CALENDAR_WORDS:
            break
        if prev.text in g.words["peoples"] or prev.text in g.words["adherents"]:
            break  # the eight Uyghurs Thailand still holds
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


def speaking_name(span: Span, g: Gazetteer) -> bool:
    """Two or three capitalised proper nouns that are the subject of a speech verb."""
    return (
        2 <= len(span) <= 3
        and all(t.tag_ == "NNP" and t.is_title for t in span)
        and span.root.dep_ == "nsubj"
        and span.root.head.lemma_ in g.words["saying_verbs"]
    )


def us_story(doc: Doc, name: str, g: Gazetteer) -> bool:
    """``In Georgia, early results ...`` in a story that names another US state (``Texas``;
    not ``Washington``, the seat of government) and neither the country's people nor its
    capital (``Georgians``, ``Tbilisi``): the name is the US state's."""
    iso = g.state_names[name]
    words = {t.text for t in doc}
    if any(g.demonyms.get(w) == iso or g.capitals.get(w) == iso for w in words):
        return False
    others = g.us_states - {name, "Washington"}
    text = doc_text(doc)
    return any(s in words if " " not in s else s in text for s in others)


def local_body(doc: Doc, start: int, end: int, g: Gazetteer) -> bool:
    """``the state Senate``, ``the Ohio Senate``: a one-word national body's name after a
    lower-case ``state`` or a US state's name names that state's body, not the nation's."""
    if end - start != 1 or start == 0:
        return False
    prev = doc[start - 1]
    return prev.text == "state" or prev.text in g.us_states


def region_prefix(doc: Doc, start: int, g: Gazetteer) -> bool:
    """``Northern Ireland``, ``Upper Egypt``, ``New Mexico``: a region, not the state."""
    return start > 0 and doc[start - 1].text in g.words["region_words"]


def place_suffix(doc: Doc, end: int, g: Gazetteer) -> bool:
    """``the South China Sea``, ``the Taiwan Strait``, ``Mexico City``: the state name begins
    a place's name (a place head, or a city the place lists know)."""
    if end >= len(doc):
        return False
    word = doc[end].text
    return word in g.place_heads or f"{doc[end - 1].text} {word}" in g.cities


def between(start: int, cuts: list[int], end: int) -> list[tuple[int, int]]:
    """The non-empty token ranges between ``cuts`` (which are left out)."""
    bounds = [start - 1, *cuts, end]
    return [(a + 1, b) for a, b in itertools.pairwise(bounds) if a + 1 < b]


def inside_ner_person(doc: Doc, start: int, end: int) -> bool:
    """The match is part of a longer name the NER called PERSON (``Chad Smith``): read from
    the tokens' IOB tags, without a scan of the document's entities."""
    span = doc[start:end]
    if any(t.ent_type_ != "PERSON" for t in span) or any(t.ent_iob_ != "I" for t in span[1:]):
        return False
    after = doc[end] if end < len(doc) else None
    continued = after is not None and after.ent_iob_ == "I" and after.ent_type_ == "PERSON"
    return span[0].ent_iob_ == "I" or continued


def parts(doc: Doc, ent: Span, g: Gazetteer) -> list[tuple[int, int]]:
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
    words = list(doc[start:end])
    cuts = [t.i for t in words if t.text in ("(", ")") or owner_cut(doc, start, t.i, end, g)]
    if not cuts:
        listed = [t.i for t in words if t.text == "," or t.lower_ == "and"]
        if not listed:
            return [(start, end)]
        parts = between(start, listed, end)
        texts = [span_text(doc, a, b) for a, b in parts]
        known = any(t in g.org_names or t in g.state_names for t in texts)
        return parts if known else [(start, end)]
    parts = between(start, cuts, end)
    return [(a, b) for a, b in parts if a < b and doc[a].text[:1].isupper()]


def adjacent_persons(doc: Doc, named: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``Naser Eldin`` + ``Abdel Bari``: two PERSON names the NER made of one, with only a
    space between them in one sentence, are one name."""
    out: list[tuple[str, int, int]] = []
    for label, start, end in named:
        glued = out and label == out[-1][0] == "PERSON" and out[-1][2] == start
        if glued and doc[start - 1].whitespace_ and not doc[start].is_sent_start:
            out[-1] = (label, out[-1][1], end)
        else:
            out.append((label, start, end))
    return out


def branch_end(doc: Doc, start: int, end: int, g: Gazetteer) -> int:
    """End of an organisation's branch named by a place or a language after its acronym
    (``UNHCR Kenya``, ``VOA Mandarin``, ``IS-Somalia``, ``IS Sahel``), or 0."""
    if not doc[start:end].text.replace(".", "").isupper() or end >= len(doc):
        return 0
    i = end
    if doc[i].text == "-" and not doc[end - 1].whitespace_ and not doc[i].whitespace_:
        i += 1
    elif not doc[end - 1].whitespace_:
        return 0
    for size in (3, 2, 1):
        words = doc[i : i + size]
        if len(words) < size or not all(t.is_title for t in words):
            continue
        place = g.state_id(words.text) or words.text in g.demonyms
        if place or (size == 1 and words[0].ent_type_ in _PLACE_TYPES):
            after = doc[i + size] if i + size < len(doc) else None
            return 0 if after is not None and after.is_title else i + size
    return 0


_PLACE_TYPES = frozenset({"GPE", "LOC", "NORP", "LANGUAGE"})


def owner_cut(doc: Doc, start: int, i: int, end: int, g: Gazetteer) -> bool:
    """``VOA's Kurdish Service``, ``China's Foreign Ministry``: a possessive inside an entity
    between two names is two actors, the owner and the owned (not ``People's Congress``:
    an irregular plural's possessive is part of a name; not ``St. Anselm's College``: a
    lone head noun owned by no known actor names no actor of its own)."""
    if not (
        doc[i].lower_ in ("'s", "’s")
        and start < i < end - 1
        and doc[i - 1].lower_ not in _PLURAL_OWNERS
        and doc[i + 1].text[:1].isupper()
    ):
        return False
    owner = span_text(doc, start, i)
    head_only = end - i == 2 and (
        doc[i + 1].text in g.org_heads or doc[i + 1].text in g.place_heads
    )
    return not head_only or owner in g.org_names or g.state_id(owner) is not None


_PLURAL_OWNERS = frozenset({"people", "women", "men", "children"})


def acts_as_government(span: Span, g: Gazetteer) -> Literal["yes", "maybe", "no"]:
    """``Pyongyang said`` / ``talks with Beijing`` / ``allies of Tehran`` / ``the
    Washington-led war``: yes; ``a meeting in Pyongyang`` / ``the Beijing-based firm``: no.
    Nobody negotiates with, or fights against, a place. ``maybe`` for the readings a place
    also has (``shift toward Moscow``, ``turn to Moscow``, ``the Washington sanctions``):
    the caller takes them where the story speaks of that state."""
    words = g.words
    doc, root = span.doc, span.root
    after = doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].text in ("-", "–") and after[1].tag_ == "VBN":
        return "no" if after[1].lower_ in words["place_participles"] else "yes"
    dep = root.dep_
    if dep == "poss":  # Beijing's decision, not Kabul's old city
        return "no" if _place_noun(root.head, g) else "yes"
    if after and after[0].tag_ == "POS":  # Delhi's stakes, whatever the parse made of it
        owned = _owned(doc, span.end + 1)
        return "no" if owned is None or _place_noun(owned, g) else "yes"
    if dep in SUBJECT_DEPS:
        return "yes"
    if dep in ("compound", "nmod"):
        head = root.head
        if head.lower_ in words["gov_nouns"]:
            return "yes"  # the Kabul administration
        if head.lower_ in words["gov_context"] and head.lower_ not in words["venue_nouns"]:
            return "maybe"  # Washington sanctions, not the Doha agreement
        return "no"
    if dep == "conj":
        head = root.head
        while head.dep_ == "conj":
            head = head.head
        if head.dep_ in SUBJECT_DEPS:
            return "yes"
        dep, root = head.dep_, head
    if dep == "dobj" and root.head.lemma_ in words["gov_object_verbs"]:
        return "yes"
    if dep == "pobj":
        prep: Token = root.head
        word, head = prep.lower_, prep.head
        if word in words["gov_preps"]:
            return "yes"
        if word in words["locative_preps"]:
            return "no"  # talks in Madrid
        if head.lower_ in words["gov_context"] or (word == "by" and prep.dep_ == "agent"):
            return "yes"
        if word in words["stance_preps"] and _stance(head, word, g):
            return "maybe"  # Ankara's shift toward Moscow, Ankara's trump card over Washington
        if word == "to" and head.lemma_ in words["turning_verbs"]:
            return "maybe"  # if it has to turn to Moscow
    return "no"


def _stance(head: Token, prep: str, g: Gazetteer) -> bool:
    """A word that can hold a stance toward someone: no motion, and a noun only with its
    owner named (``Ankara's shift``, not ``rockets toward Jerusalem``); ``over`` only after
    an owned noun that rules no territory (not ``the Taliban's control over Kabul``)."""
    lemma = head.lemma_.lower()
    if lemma in g.words["motion_words"] or (prep == "over" and lemma in g.words["rule_words"]):
        return False
    owned = any(c.dep_ == "poss" for c in head.children)
    return owned if head.pos_ == "NOUN" or prep == "over" else True


def _owned(doc: Doc, i: int) -> Token | None:
    """The noun a possessive ends at: the last of the nouns after its modifiers."""
    noun = None
    for tok in doc[i : i + 5]:
        if tok.pos_ in ("NOUN", "PROPN"):
            noun = tok
        elif noun is not None or tok.pos_ not in ("ADJ", "ADV", "NUM", "VERB"):
            break
    return noun


def _place_noun(tok: Token, g: Gazetteer) -> bool:
    """``Kabul's old city``; ``Mexico City's Aldama Theater``: a named venue or place the
    NER found, no body of government (no organisation head, in no gazetteer)."""
    if tok.lower_ in g.place_nouns or tok.lower_ in g.words["site_nouns"]:
        return True
    if tok.ent_type_ not in ("FAC", "ORG", "LOC") or tok.tag_ not in ("NNP", "NNPS"):
        return False
    name = [c for c in tok.lefts if c.dep_ == "compound" and c.ent_type_] + [tok]
    text = " ".join(t.text for t in name)
    return not any(t.text in g.org_heads for t in name) and text not in g.org_names


def the_north(doc: Doc, states: set[str | None], g: Gazetteer) -> list[Cand]:
    """``the North`` / ``the South`` name the Koreas in a document about them (the pairs are
    ``the_north`` in ``data/actors.json``)."""
    if not states & {"state:" + iso for iso in g.the_north.values()}:
        return []
    out = []
    for tok in doc[1:]:
        if tok.text in g.the_north and doc[tok.i - 1].lower_ == "the":
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or not (nxt.is_title or nxt.is_upper):
                iso = g.the_north[tok.text]
                out.append(Cand(tok.i - 1, tok.i + 1, "STATE", "gaz_state", "state:" + iso))
    return out


# how much each source's label counts when one name gets two labels in a document
LABEL_WEIGHT = {"gaz_org": 3, "person_form": 2, "misread_name": 2}


def one_label_per_name(doc: Doc, chosen: list[Cand]) -> list[Cand]:
    """One name, one label in a document: ``Amanda Nunes`` tagged PERSON twice and ORG once
    is a PERSON every time. Sources with evidence outweigh the NER's plain label."""
    votes: dict[str, Counter] = {}
    for c in chosen:
        if c.label in ("PERSON", "ORG"):
            text = span_text(doc, c.start, c.end)
            votes.setdefault(text, Counter())[c.label] += LABEL_WEIGHT.get(c.source, 1)
    for c in chosen:
        tally = votes.get(span_text(doc, c.start, c.end))
        if c.label in ("PERSON", "ORG") and tally and len(tally) > 1:
            label = max(tally, key=lambda lab: (tally[lab], lab == "PERSON"))
            if label != c.label:
                c.label, c.source, c.actor_id = label, "document_label", None
    return chosen


def select(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping candidates: longer first, gazetteer before NER on ties."""
    order = sorted(cands, key=lambda c: (-c.size, PRIORITY.get(c.source, 2), c.start))
    taken: set[int] = set()
    chosen = []
    for c in order:
        if taken.isdisjoint(range(c.start, c.end)):
            chosen.append(c)
            taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)
