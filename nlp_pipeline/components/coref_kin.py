"""Relatives for :mod:`coref`: who the story says is whose relative (``his brother, George
Whitman,``, ``Daniel was a son of Johann Bernoulli``), and ``his father`` to the one so
related to the person ``his`` is."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .coref_mentions import SUBJECTS, Mentions

_COPULAS = ("be", "become")


class Kin(Mentions):
    """The kinship the story states, read in the walk's order, and the relatives it names."""

    def _relation(self, holder: str, noun: str, of: str) -> None:
        """``holder`` is ``of``'s ``noun`` (``son``); then ``of`` is ``holder``'s father or
        mother, by ``of``'s gender (both, when the converse has one gender only)."""
        if holder == of or not holder or not of:
            return
        self.kin.setdefault((of, noun), set()).add(holder)
        gender = self.entities[of].gender
        for other in self.ext.kin_converse.get(noun, ()):
            if self.ext.gendered.get(other) == gender or len(self.ext.kin_converse[noun]) == 1:
                self.kin.setdefault((holder, other), set()).add(of)

    def _relative(self, owner: str, tok: Token, start: int) -> None:
        """``his father`` (``tok`` the possessor, ``owner`` the person it is): the one
        related so to the owner, when the story has exactly one; ``his brother, George
        Whitman,``: the relation itself, said of the name that follows."""
        doc, noun = self.doc, None
        for k in range(tok.i + 1, min(tok.i + 4, len(doc))):  # ``his first daughter``
            if doc[k].lower_ in self.ext.kinship and doc[k].tag_ == "NN":
                noun = doc[k]
                break
            if self.covered[k] or doc[k].pos_ not in ("ADJ", "NUM"):
                return
        if noun is None or self.entities.get(owner, None) is None:
            return
        nxt = noun.i + 2 if noun.i + 2 < len(doc) and doc[noun.i + 1].text == "," else noun.i + 1
        span = next((s for s in self.actors if s.start == nxt and s.label_ == "PERSON"), None)
        named = self.relatives.get(nxt, span.kb_id_) if span is not None else ""
        held = self.kin.get((owner, noun.lower_), set())
        if span is not None and not any(self._part_of(span.text, h) for h in held):
            self._relation(named, noun.lower_, owner)
        elif len(held) == 1 and not named:
            # not in focus for the pronouns after it: ``His father is of Polish descent,
            # while his mother ...`` is still about him
            actor = next(iter(held))
            if not actor.startswith("_"):
                label = self.entities[actor].label
                self.out.append(Span(self.doc, start, noun.i + 1, label=label, kb_id=actor))

    def _kin_said(self, span: Span) -> None:
        """``Daniel was a son of Johann Bernoulli``, ``Ali, the son of Omar Ali,``, ``born
        in Paris, the daughter of Katherine``, ``born to Gerald and Sherri Padalecki``: the
        relation the name in ``span`` is the object of."""
        first = span.root
        while first.dep_ == "conj":  # ``to Gerald and Sherri``
            first = first.head
        prep, relative = first.head, self.relatives.get(span.start, span.kb_id_)
        if first.dep_ != "pobj":
            return
        if prep.lower_ == "to" and prep.head.lemma_ == "bear":
            parent = self.ext.parent_nouns.get(self.entities[relative].gender)
            child = self._subject_actor_of(prep.head)
            if parent and child:
                self._relation(relative, parent, child)
            return
        noun = prep.head
        if prep.lower_ != "of" or noun.lower_ not in self.ext.kinship:
            return
        host = noun.head
        if noun.dep_ == "appos" and host.dep_ == "pobj" and host.i not in self.actor_tok:
            holder = self._subject_actor_of(host.head.head)  # apposed to the place she was born
        elif noun.dep_ == "appos":
            holder = self._actor_of(host)
        elif noun.dep_ == "attr" and host.lemma_ in _COPULAS:
            holder = self._subject_actor_of(host)
        else:
            return
        if holder:
            self._relation(holder, noun.lower_, relative)

    def _subject_actor_of(self, verb: Token) -> str:
        """The person who is the one subject of ``verb``."""
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        actor = self._actor_of(subjects[0]) if len(subjects) == 1 else ""
        return actor if actor and self.entities[actor].label == "PERSON" else ""

    def _part_of(self, name: str, actor: str) -> bool:
        """``his father, Johann,`` after ``Johann Bernoulli`` was so named (the tagger
        keeping the short name apart, or linking it to another): one relative, said again."""
        names = self.doc._.actors or {}
        return set(name.split()) <= set(names.get(actor, {}).get("name", "").split())

    def _actor_of(self, tok: Token) -> str:
        """The person a name or a resolved he or she at ``tok`` is."""
        return self.actor_tok.get(tok.i) or self.pronoun_actor.get(tok.i, "")
