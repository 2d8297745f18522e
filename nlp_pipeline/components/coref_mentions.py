"""The walk's memory for :mod:`coref`: the actors mentioned so far, how salient each is
(subject before object, fading by sentence, the topic of the story, the current speaker),
and the resolved spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from .evidence import lettered

if TYPE_CHECKING:
    from .coref import ActorCoref

SUBJECTS = {"nsubj", "nsubjpass"}
# deps that keep a word inside the phrase of its head (``Mary Nicholson and her husband Tom``)
_PHRASE_DEPS = {"compound", "appos", "conj", "flat"}
# salience, tuned on GUM train: a mention's weight halves with each sentence; the actors
# mentioned most gain a little (the topic of the story)
DECAY = 0.5
TOPIC = 0.02
QUOTED = 0.3  # a name inside a quotation, for a pronoun outside it
# a person's further mentions in one sentence count half (``the young professional in his
# 30s who ... his taste``: one sentence about him, not three); tuned on GUM train
REPEAT = 0.5


@dataclass
class Entity:
    label: str
    gender: str = ""  # "m", "f", "" unknown; states and organisations stay ""
    roles: set[tuple[str, ...]] = field(default_factory=set)  # ("prime", "minister")
    states: set[str] = field(default_factory=set)  # affiliated with
    number: str = ""  # an organisation's: "p" (``the Taliban have``), "s", "" unknown


@dataclass
class Mention:
    i: int  # token
    sent: int
    actor: str
    weight: float  # grammatical salience: subject 1, object less
    quoted: bool  # inside a quotation: counts less for a pronoun outside one


class Mentions:
    """One document's actors, the salience history of the walk and the resolved spans."""

    def __init__(self, doc: Doc, ext: ActorCoref) -> None:
        self.doc, self.ext = doc, ext
        starts = doc.to_array(SENT_START) if doc.has_annotation("SENT_START") else None
        self.sent = np.cumsum(starts == 1).tolist() if starts is not None else [0] * len(doc)
        self.lower = doc.to_array(LOWER)  # (read by the walk's array scans)
        self.actors = sorted(doc.spans[ext.actors_key], key=lambda s: s.start)
        self.covered = np.zeros(len(doc) + 1, dtype=bool)
        self.actor_at: dict[int, str] = {}  # last token of a mention -> its actor
        self.actor_tok: dict[int, str] = {}  # each token of a mention -> its actor
        for s in self.actors:
            self.covered[s.start : s.end] = True
            self.actor_at[s.end - 1] = s.kb_id_
            self.actor_tok.update(dict.fromkeys(range(s.start, s.end), s.kb_id_))
        self.in_quote = np.zeros(len(doc), dtype=bool)
        self.quoted_by: dict[int, str] = {}  # token in a quotation -> the named speaker
        self.quoted_by_pronoun: dict[int, int] = {}  # ... -> the he/she said to speak it
        self.pronoun_actor: dict[int, str] = {}  # a resolved he/she -> its actor
        self.people = {s.kb_id_ for s in self.actors if s.label_ == "PERSON"}
        self.tagged: dict[int, str] = {}  # a speaker's name in a misread tag -> its actor
        self.named_in: dict[int, set[str]] = {}  # token in a quotation -> actors named in it
        self.entities: dict[str, Entity] = {}
        self.history: list[Mention] = []
        self.counts: dict[str, int] = {}
        self.speaker = ""  # the actor of the latest speech verb's subject
        self.asked = False  # whether that verb was ``ask`` (an interviewer's question)
        self.out: list[Span] = []
        self.done: set[int] = set()  # tokens resolved before the walk
        self.relatives: dict[int, str] = {}  # a relative's name the tagger linked -> its own id
        self.kin: dict[tuple[str, str], set[str]] = {}  # (person, ``father``) -> who
        self.types: dict[str, set[str]] = {}  # an organisation's head noun -> those so named

    def _short_names(self) -> dict[str, str]:
        """Each word of a person's full name (``Nunes`` of ``Amanda Nunes``) that belongs to
        no other actor: an untagged later ``Nunes`` is that person; and the one-word name of
        a state or body, whose untagged possessive may own a role (``Solo's mayor``)."""
        names = self.doc._.actors or {}
        owner: dict[str, str] = {}
        for actor, rec in names.items():
            words = rec["name"].split() if rec["label"] == "PERSON" else []
            if rec["label"] != "PERSON" and " " not in rec["name"]:
                words = [rec["name"], rec["name"]]  # a one-word place or body, for ``Solo's``
            for w in words if len(words) > 1 else []:
                if w[:1].isupper() and lettered(w) and len(w) > 2:
                    owner[w] = actor if owner.get(w, actor) == actor else ""
        return {w: a for w, a in owner.items() if a}

    def _mention(self, root: Token, actor: str) -> None:
        quoted = bool(self.in_quote[root.i])
        tagged = self.tagged.get(root.i) == actor
        weight = 1.0 if tagged else grammatical_weight(root)
        self.history.append(Mention(root.i, self.sent[root.i], actor, weight, quoted))
        self.counts[actor] = self.counts.get(actor, 0) + 1
        verb = subject_of(root)
        verbs = self.ext.speech_verbs
        if tagged:
            self.speaker, self.asked = actor, False
        elif verb is not None and not quoted:
            # a subject of what someone reports (``Axelrod said ... than Obama did``) neither
            # speaks nor interrupts
            if any(a.lemma_ in verbs for a in verb.ancestors):
                return
            # the current speaker holds until another person is the subject of a clause
            if verb.lemma_ in verbs:
                # ``Borger asked``, not ``Allen Got Asked``: who asks is no one answering
                passive = any(c.dep_ == "auxpass" for c in verb.children)
                self.speaker, self.asked = actor, verb.lemma_ == "ask" and not passive
            elif actor != self.speaker and self.entities[actor].label == "PERSON":
                # a woman named between his quotes does not end his run (nor a man hers)
                now = self.entities.get(self.speaker)
                if not (now and now.gender and self.entities[actor].gender not in ("", now.gender)):
                    self.speaker = ""

    def _resolved(self, start: int, end: int, actor: str) -> None:
        if actor.startswith("_"):  # an unnamed person: the chain goes on, with no id
            self._mention(self.doc[end - 1], actor)
            return
        ent = self.entities[actor]
        self.out.append(Span(self.doc, start, end, label=ent.label, kb_id=actor))
        self._mention(self.doc[end - 1], actor)

    def _salience(self, i: int, window: int, excluded: set[str], gender: str) -> dict[str, float]:
        """Actors of agreeing ``gender`` (``n``: states and organisations, ``o``:
        organisations, ``p``: people) mentioned in the last ``window`` sentences, by salience."""
        quoted = self.in_quote[i]
        scores: dict[str, float] = {}
        # a state or organisation counts once a sentence, by its best mention: a state named
        # again and again as a place (``in north and east Syria ... Syria's territory``) is
        # not the one that speaks; a person's further mentions add ``REPEAT`` of theirs
        best: dict[tuple[str, int], float] = {}
        repeat = 0.0 if gender in ("n", "o") else REPEAT
        for m in reversed(self.history):
            gap = self.sent[i] - m.sent
            if gap > window:
                break
            if m.actor in excluded:
                continue
            ent = self.entities[m.actor]
            if not _agrees(ent, gender):
                continue
            weight = (QUOTED if m.quoted and not quoted else m.weight) * DECAY**gap
            key = (m.actor, m.sent)
            low, high = sorted((weight, best.get(key, 0.0)))
            scores[m.actor] = scores.get(m.actor, 0.0) + high - best.get(key, 0.0) + repeat * low
            best[key] = high
        for actor in scores:
            scores[actor] += TOPIC * self.counts.get(actor, 0)
        return scores

    def _number(self, actor: str, plural: bool) -> bool:
        """A state or a singular organisation is ``it``; a plural organisation ``they``."""
        ent = self.entities.get(actor)
        if ent is None or not _agrees(ent, "o" if plural else "n"):
            return False
        return (ent.number == "p") == plural

    def _possessive(self, i: int) -> bool:
        return i + 1 < len(self.doc) and self.doc[i].tag_ == "POS" and not self.covered[i + 1]

    def _seen(self, i: int) -> set[str]:
        return {m.actor for m in self.history if m.i < i}


def _agrees(ent: Entity, gender: str) -> bool:
    """``n``: a state or organisation; ``o``: an organisation; ``m``/``f``: a person of that
    or unknown gender, or an organisation with a person's first name (a misread name);
    ``p``: any of these people, each once."""
    if gender == "p":
        return ent.label == "PERSON" or (ent.label == "ORG" and bool(ent.gender))
    if gender == "n":
        return ent.label != "PERSON" and not ent.gender
    if gender == "o":
        return ent.label == "ORG" and not ent.gender
    if ent.label == "PERSON":
        return ent.gender in ("", gender)
    return ent.label == "ORG" and ent.gender == gender


def phrase_top(tok: Token) -> Token:
    """The head of the phrase a name sits in: ``Tom`` in ``Mary and her husband Tom`` ->
    ``Mary``."""
    while tok.dep_ in _PHRASE_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def subject_of(tok: Token) -> Token | None:
    """The verb a name is the subject of, else None. ``Like Lutnick, Kevin Hassett, director
    of ..., emphasized``: a parser hangs the subject on the opening phrase's object as an
    apposition, leaving the verb after it with no subject; it is that verb's."""
    top = phrase_top(tok)
    if top.dep_ in SUBJECTS:
        return top.head
    prep = top.head
    if tok.dep_ == "appos" and top.dep_ == "pobj" and prep.dep_ == "prep":
        verb = prep.head
        finite = verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ", "VBP")
        if verb.i > tok.i and finite and not any(c.dep_ in SUBJECTS for c in verb.children):
            return verb
    return None


def grammatical_weight(tok: Token) -> float:
    """A mention's salience by its role in the clause: a subject 1, an object 0.6, else 0.5
    (shared with the roles' walk, which weighs a demonym by its noun's phrase)."""
    if subject_of(tok) is not None:
        return 1.0
    dep = phrase_top(tok).dep_
    if dep in ("dobj", "dative"):
        return 0.6
    return 0.5
