"""Ends named by description, read once a document's affiliations are known: `both
countries`, `all three countries`, `the other three countries` (the last actors of that kind
named, not quoted commentators, not those its own sentence named), `the government` (the one
state just named, else the state the same noun last stood for), `the militants` (the
organisation named last), `His party` (the one party the text ties its owner to), `the
warring parties` (the two sides of the fight reported before), `it` in a reported clause,
and first persons inside a quote's quotation marks (`I`: the speaker, `we`: the body the
speaker holds a post in), which also go to ``doc.spans["coref"]``.

The word lists (``plural_heads``, ``singular_heads``, ``owned_heads``, ``side_heads``,
``member_heads``, ``we``) come from ``data/relations.json``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from .quote_marks import find_quotations
from .relation_args import Mentions, prep_objects
from .util import isin, role_head


class Descriptions(Mentions):
    """Fills ``described``: token index -> the actors a description there names."""

    def __init__(self, doc: Doc, ext: Any) -> None:
        super().__init__(doc, ext)
        # token index -> how to read a description that needs the rows before it (its
        # sentence is read for acts only when it names two actors without it)
        self.pending: dict[int, Callable[[], list[Span]]] = {}

    def describe(self) -> None:
        """Ends named by description: `both countries` (the last two states mentioned) and
        `it` or `they` as the subject of a reported clause (`Mogadishu announced it was
        cutting ties`: the reporting subject, when that is no person)."""
        starts = [m.start for m in self.mentions]
        lemmas, lowers = self.doc.to_array([LEMMA, LOWER]).T
        words = self.ext.hashes["descriptions"]
        hits = np.flatnonzero(isin(lemmas, words) | isin(lowers, words)).tolist()
        commentators = self._commentators() if hits else set()  # (no row is added meanwhile)
        for i in hits:
            tok = self.doc[i]
            if i in self.by_token:
                continue
            lemma = tok.lemma_.lower()
            found: list[Span] = []
            if tok.tag_ == "NNS" and lemma in self.ext.plural_heads:
                kind = self.ext.plural_heads[lemma]
                n = 0 if kind == "STATE" and self._kind_named(tok) else self._count(tok)
                found = self._last_of(tok, starts, kind, n, commentators) if n else []
            elif tok.tag_ == "NN" and lemma in self.ext.owned_heads:
                self.pending[i] = partial(self._owned, tok, self.ext.owned_heads[lemma])
            elif tok.tag_ == "NNS" and lemma in self.ext.side_heads:
                if any(c.lower_ == "the" for c in tok.children):
                    self.pending[i] = partial(self._sides, tok)
            elif tok.tag_ == "NN" and lemma in self.ext.singular_heads:
                found = self._the_one(tok, starts, self.ext.singular_heads[lemma])
            elif self._group_description(tok, lemma):
                found = self._last_of(tok, starts, "ORG", 1, commentators)
            elif tok.lower_ in self.ext.clause_pronouns and tok.dep_ == "nsubj":
                clause = tok.head
                if clause.dep_ != "ccomp" or clause.head.pos_ != "VERB":
                    continue
                said = [self.actor(c) for c in clause.head.children if c.dep_ == "nsubj"]
                said = [a for a in said if a is not None and a.label_ != "PERSON"]
                found = said if len(said) == 1 else []
            if found:
                self.described[tok.i] = found

    def _the_one(self, tok: Token, starts: list[int], label: str) -> list[Span]:
        """`the country`, `the government`: the one state named in the two sentences before
        it and its own sentence up to it (none when they name two)."""
        if not any(c.lower_ == "the" for c in tok.children):
            return []
        if any(
            c.dep_ in ("poss", "compound", "nmod") or c.tag_ == "JJS" or self.demonym(c)
            for c in tok.children
        ):
            return []  # (`Kenya's government`, `the Somali government`, `the greatest nation`)
        if prep_objects(tok, {"of"}):
            return []  # (`the government of Pakistan`: named on it)
        first = self._sentences_back(tok, 2)
        lo, hi = bisect_right(starts, first - 1), bisect_right(starts, tok.i - 1)
        named = {m.kb_id_ for m in self.mentions[lo:hi] if m.label_ == label and m.kb_id_}
        # (`Iraqi Prime Minister X announced that the country's ...`: a demonym names one too)
        named |= {
            "state:" + self.g.demonyms[t.text]
            for t in self.doc[first : tok.i]
            if t.text in self.g.demonyms
        }
        if len(named) != 1:
            named = {self._same_description(tok)} - {""}
        if len(named) != 1:
            return []
        return [Span(self.doc, tok.i, tok.i + 1, label=label, kb_id=named.pop())]

    def _same_description(self, tok: Token) -> str:
        """`the Philippine government reported ... The government, which believed`: a bare
        description with no one actor near it is the state that the same noun last stood
        for, within a few sentences (named on it, or resolved)."""
        first = self._sentences_back(tok, self.ext.singular_window)
        lemma = tok.lemma_.lower()
        for t in reversed(self.doc[first : tok.i]):
            if t.tag_ != "NN" or t.lemma_.lower() != lemma:
                continue
            found = self.described.get(t.i) or [self.actor(t)]
            mods = [c for c in t.children if c.dep_ in ("amod", "compound", "poss")]
            found += [self.actor(c) for c in mods] + [s for c in mods for s in self.demonym(c)]
            states = {s.kb_id_ for s in found if s is not None and s.label_ == "STATE"}
            if len(states) == 1:
                return states.pop()
        return ""

    def actors_at(self, tok: Token) -> list[Span]:
        """As ``Mentions.actors_at``, with the descriptions read once reached (`His party`,
        `the warring parties`: posts and acts are read in text order)."""
        for t in (tok, *tok.conjuncts):
            if t.i in self.pending:
                found = self.pending.pop(t.i)()
                if found:
                    self.described[t.i] = found
        return super().actors_at(tok)

    def _sides(self, tok: Token) -> list[Span]:
        """`the parties`, `the warring parties`: the two sides of the last fight the text
        reported in the few sentences before them, or anywhere before when they are said
        to be at war (`RSF has been fighting the SAF`)."""
        warring = any(c.lemma_.lower() in self.ext.side_kinds for c in tok.children)
        first = 0 if warring else self.doc[self._sentences_back(tok, self.ext.plural_window)].idx
        fights = (
            r
            for r in reversed(self.rows)
            if r["relation"] == "acts_on"
            and r["event_type"] in self.ext.side_types
            and first <= r["start_char"]
            and r["end_char"] <= tok.idx
        )
        fight = next(fights, None)
        if fight is None:
            return []
        return [
            Span(self.doc, tok.i, tok.i + 1, label=a.partition(":")[0].upper(), kb_id=a)
            for a in (fight["source_id"], fight["target_id"])
        ]

    def _owned(self, tok: Token, label: str) -> list[Span]:
        """`His party`, `the party of former President X`: the one organisation the text
        ties its owner to (an affiliation, or the owner's possessive on its name: `his
        National Congress Party`)."""
        owners = [c for c in tok.children if c.dep_ == "poss"] + prep_objects(tok, {"of"})
        people = {a.kb_id_ for c in owners for a in [self.actor(c)] if a and a.label_ == "PERSON"}
        if len(people) != 1:
            return []
        person = people.pop()
        tied = {
            r["target_id"]
            for r in self.rows
            if r["relation"] == "affiliated_with" and r["source_id"] == person
        }
        for m in self.mentions:
            owner = [self.actor(c) for c in m.root.children if c.dep_ == "poss"]
            if m.label_ == label and any(o is not None and o.kb_id_ == person for o in owner):
                tied.add(m.kb_id_)
        bodies = self.ext.owned_not_named  # (`his own party`: not the committee he chairs)
        tied = {
            t
            for t in tied
            if t.partition(":")[0] == label.lower()
            and not set(self.actors.get(t, {}).get("name", "").split()) & bodies
        }
        if len(tied) != 1:
            return []
        return [Span(self.doc, tok.i, tok.i + 1, label=label, kb_id=tied.pop())]

    def _kind_named(self, tok: Token) -> bool:
        """`the Gulf countries`, `the Arab nations`, `the first two countries`: a name or
        an ordinal on a plural of states says which, not the last ones named (`the Turkish
        and French leaders` are named by theirs)."""
        return any(
            c.dep_ in ("amod", "compound", "nmod")
            and (c.pos_ == "PROPN" or c.ent_type_ not in ("", "CARDINAL"))
            for c in tok.children
        )

    def _count(self, tok: Token) -> int:
        """How many actors a definite plural names: `both countries`, `the two leaders`
        (two), `all three countries` (as many as its number says); 0 for a bare plural."""
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod")}
        dets |= {q.lower_ for c in tok.children for q in c.children if q.dep_ == "quantmod"}
        n = max((self.ext.plural_counts.get(d, 0) for d in dets), default=0)
        if n > 2:
            return n if dets & {"the", "all"} else 0
        return 2 if dets & self.ext.plural_dets else 0

    def _group_description(self, tok: Token, lemma: str) -> bool:
        """`the militants`, `the armed rebels` (not `militants`, `the Syrian rebels`)."""
        if tok.tag_ != "NNS" or lemma not in self.ext.member_heads:
            return False
        if not any(c.lower_ == "the" for c in tok.children):
            return False
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
        return mods <= self.ext.group_kinds

    def first_persons(self) -> list[Span]:
        """First persons in a speaker's own words, inside the quotation marks of a quote
        whose speaker is known: `I`, `me`, `my` are the speaker; `we`, `our`, `us` the body
        it speaks for (``speaks_for``); in reported speech they are the writer's. Added to
        the mentions, as coreference's are, and returned."""
        lower = self.doc.to_array(LOWER)
        first = isin(lower, self.ext.hashes["first_persons"])  # (only these tokens are read)
        if not first.any():
            return []
        marks = [r.content for r in find_quotations(self.text)]
        found = []
        for q in self.quote_list:
            speaker = q.get("speaker_id") or ""
            if not speaker:
                continue
            body = self.speaks_for(speaker)
            for lo, hi in marks:
                lo, hi = max(lo, q["start_char"]), min(hi, q["end_char"])
                words = self.doc.char_span(lo, hi, alignment_mode="contract") if lo < hi else None
                if words is None:
                    continue
                for i in (np.flatnonzero(first[words.start : words.end]) + words.start).tolist():
                    tok = self.doc[i]
                    if i in self.by_token or tok.pos_ != "PRON":  # (`US`, the state)
                        continue
                    actor = speaker if tok.lower_ in self.ext.i else body
                    if actor:
                        label = actor.partition(":")[0].upper()
                        found.append(Span(self.doc, i, i + 1, label=label, kb_id=actor))
        self.add_mentions(found)
        return found

    def speaks_for(self, speaker: str) -> str:
        """The body a speaker's `we` is: a state or organisation itself; for a person, the
        one state or organisation the text gives them a post in (not where they are from,
        not the institute of an analyst), the organisation where it is of that state (a
        DHS spokesperson's `we` is the department), else no one."""
        if not speaker.startswith("person:"):
            return speaker
        ties = [r for r in self.rows if r["relation"] == "affiliated_with"]
        own = (r for r in ties if r["source_id"] == speaker)
        posts = {r["target_id"] for r in own if self._holds_post(r["role"])}
        states = {
            s
            for o in posts
            if o.startswith("org:")
            for s in (
                "state:" + (self.actors.get(o, {}).get("country") or "-"),
                *(r["target_id"] for r in ties if r["source_id"] == o),
            )
        }
        posts = {p for p in posts if p not in states}  # (the department, not its state)
        return posts.pop() if len(posts) == 1 else ""

    def _holds_post(self, role: str) -> bool:
        """A role that is a post held (``spokesperson``), not a topic role (``analyst``)."""
        head = role_head(role.split() or [""])
        return head in self.g.post_heads and head not in self.ext.topic_roles

    def _sentences_back(self, tok: Token, n: int) -> int:
        """The first token of the sentence ``n`` sentences before ``tok``'s (or of the doc)."""
        first = tok.sent.start
        for _ in range(n):
            first = self.doc[first - 1].sent.start if first else 0
        return first

    def _last_of(
        self, tok: Token, starts: list[int], label: str, n: int, commentators: set[str]
    ) -> list[Span]:
        """The ``n`` distinct actors of a kind mentioned last before a token, in its sentence
        or the few before it, as spans on the token; none unless there are ``n``."""
        first = self._sentences_back(tok, self.ext.plural_window - 1)
        # `Japan held the exercise with the other three countries`: not those just named
        other = any(c.lower_ == "other" for c in tok.children)
        skip = {m.kb_id_ for m in self._in_sentence_before(tok, starts)} if other else set()
        posts = self._state_posts() if label == "STATE" else {}
        found: dict[str, str] = {}
        for m in reversed(self.mentions[: bisect_right(starts, tok.i - 1)]):
            if m.start < first or len(found) == n:
                break
            actor, kind = m.kb_id_, m.label_
            if kind == "PERSON" and actor in posts:  # (`Indian Prime Minister Modi`: India)
                actor, kind = posts[actor], "STATE"
            if actor in commentators or actor in found or actor in skip or not actor:
                continue
            if not label or kind == label:
                found[actor] = kind
        if len(found) < n:
            return []
        return [Span(self.doc, tok.i, tok.i + 1, label=kind, kb_id=a) for a, kind in found.items()]

    def _in_sentence_before(self, tok: Token, starts: list[int]) -> list[Span]:
        """The mentions of a token's sentence before it."""
        lo, hi = bisect_right(starts, tok.sent.start - 1), bisect_right(starts, tok.i - 1)
        return self.mentions[lo:hi]

    def _state_posts(self) -> dict[str, str]:
        """People holding a post of one state in this text (`Indian Prime Minister Modi`):
        where a plural of states is counted back, naming them names that state."""
        held: dict[str, set[str]] = {}
        for r in self.rows:
            if r["relation"] == "affiliated_with" and r["target_id"].startswith("state:"):
                held.setdefault(r["source_id"], set()).add(r["target_id"])
        return {person: states.pop() for person, states in held.items() if len(states) == 1}

    def _commentators(self) -> set[str]:
        """People quoted on the story who hold no state post (`Pollack, an expert at X,
        said`): they talk about the sides, they are not one of them."""
        speakers = {q.get("speaker_id") or "" for q in self.quote_list}
        posts = {
            r["source_id"]
            for r in self.rows
            if r["relation"] == "affiliated_with" and r["target_id"].startswith("state:")
        }
        return {s for s in speakers if s.startswith("person:")} - posts
