"""Within-document reference resolution for pronouns and role nouns.

Deliberately simple and predictable: ``he``/``she`` go to the latest person (preferring
the latest sentence subject for subject pronouns) within a few sentences; ``the
spokesperson`` goes to the person holding that role; ``the ministry`` to the latest
organisation whose name ends in that noun. Results go to ``doc.spans["coref"]`` with the
actor's label and ``kb_id_``; anything unsure stays unresolved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

SPANS_KEY = "coref"
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
MAX_SENTENCE_GAP = 3
SAYING = {
    "say",
    "add",
    "warn",
    "state",
    "announce",
    "claim",
    "deny",
    "insist",
    "accuse",
    "urge",
    "report",
    "confirm",
    "tell",
    "write",
    "argue",
    "vow",
    "pledge",
}


def resolve_references(doc: Doc, gazetteer: Gazetteer) -> None:
    actors = list(doc.spans["actors"])
    roles: dict[str, str] = {}
    for aff in doc._.affiliations or []:
        if aff["role"]:
            roles[aff["role"].split()[-1]] = aff["source_id"]
    sent_of = _sentence_index(doc)
    out: list[Span] = []
    persons = [a for a in actors if a.label_ == "PERSON"]
    orgs = [a for a in actors if a.label_ == "ORG"]
    taken = {i for a in actors for i in range(a.start, a.end)}
    for i in _candidate_positions(doc, gazetteer, orgs):
        tok = doc[i]
        if i in taken:
            continue
        low = tok.lower_
        if low in PERSON_PRONOUNS and tok.pos_ == "PRON":
            target = _antecedent(tok, persons, sent_of)
            if target is not None:
                out.append(Span(doc, tok.i, tok.i + 1, label="PERSON", kb_id=target.kb_id_))
        elif low == "it" and tok.dep_ == "nsubj" and tok.head.lemma_ in SAYING:
            # "the ministry ... it said": a speaking "it" is the latest state or organisation
            bodies = [
                a
                for a in actors
                if a.label_ != "PERSON"
                and a.end <= tok.i
                and sent_of[tok.i] - sent_of[a.start] <= 1
            ]
            if bodies:
                out.append(
                    Span(doc, tok.i, tok.i + 1, label=bodies[-1].label_, kb_id=bodies[-1].kb_id_)
                )
        elif tok.pos_ == "NOUN" and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
                continue
            if low in roles and low in gazetteer.role_nouns:
                out.append(Span(doc, tok.i - 1, tok.i + 1, label="PERSON", kb_id=roles[low]))
                continue
            org = next(
                (
                    o
                    for o in reversed(orgs)
                    if o.end <= tok.i and o.end - o.start > 1 and doc[o.end - 1].lower_ == low
                ),
                None,
            )
            if org is not None:
                out.append(Span(doc, tok.i - 1, tok.i + 1, label="ORG", kb_id=org.kb_id_))
    doc.spans[SPANS_KEY] = out


def _candidate_positions(doc: Doc, gazetteer: Gazetteer, orgs: list[Span]) -> list[int]:
    """Token positions worth a look: person pronouns and ``the <noun>``, via array ops."""
    strings = doc.vocab.strings
    lower = doc.to_array(LOWER)
    pronouns = [strings.add(w) for w in (*PERSON_PRONOUNS, "it")]
    nouns = {*gazetteer.role_nouns, *(doc[o.end - 1].lower_ for o in orgs)}
    the = np.zeros(len(doc), dtype=bool)
    the[1:] = lower[:-1] == strings.add("the")
    hits = np.isin(lower, pronouns) | (the & np.isin(lower, [strings.add(n) for n in nouns]))
    return np.flatnonzero(hits).tolist()


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return index
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _antecedent(tok, persons: list[Span], sent_of: list[int]) -> Span | None:
    before = [
        p
        for p in persons
        if p.end <= tok.i and sent_of[tok.i] - sent_of[p.start] <= MAX_SENTENCE_GAP
    ]
    if not before:
        return None
    if tok.dep_ in ("nsubj", "nsubjpass"):
        subjects = [p for p in before if p.root.dep_ in ("nsubj", "nsubjpass")]
        if subjects and sent_of[tok.i] - sent_of[subjects[-1].start] <= 1:
            latest = before[-1]
            # a person named later in the same clause as object does not steal "he"
            if (
                latest.root.dep_ in ("nsubj", "nsubjpass", "poss")
                or sent_of[latest.start] < (sent_of[tok.i])
            ):
                return latest
            return subjects[-1]
    return before[-1]
