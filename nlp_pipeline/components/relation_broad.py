"""The broad reading of ``acts_on``: a fallback after the shaped rules of ``relation_acts``.

A verb whose subject is an actor acts on any other actor in its own argument structure
(its object, dative, a prepositional object of the verb or of its object, their
conjuncts), but never inside a clause below it, and never for verbs whose content is the
act (`said`, `believe`), copulas or posts held. It writes a row only for a pair the rules
left unlinked in that sentence, typed by the lexicon where it knows the verb or its object.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from .relation_acts import Acts
from .relation_args import arguments


class Broad(Acts):
    """The fallback reading of who acts on whom (after ``acts_on``)."""

    def broad(self) -> None:
        """One row per actor subject and actor argument of a verb the rules left unlinked."""
        sents = [s.start_char for s in self.doc.sents] if self.doc.has_annotation("DEP") else []
        linked = {
            (bisect_right(sents, r["start_char"]), frozenset((r["source_id"], r["target_id"])))
            for r in self.rows
            if r["relation"] in ("acts_on", "affiliated_with")
        }
        for verb in getattr(self, "acting", []):
            if not self._broad_verb(verb):
                continue
            sources = [a for t in arguments(verb, self.ext.causative)[0] for a in self.actors_at(t)]
            if not sources:
                continue
            lemma = verb.lemma_.lower()
            sent = bisect_right(sents, verb.sent.start_char)
            own = {a.kb_id_ for a in sources}
            for target, obj in self._broad_targets(verb):
                if target.kb_id_ in own:
                    continue
                for source in sources:
                    key = (sent, frozenset((source.kb_id_, target.kb_id_)))
                    if key in linked:
                        continue
                    linked.add(key)
                    self._acts(source, target, verb, lemma, obj)

    def _broad_verb(self, verb: Token) -> bool:
        """A verb that may act on its arguments: no participle on a noun (`U.S.-backed`),
        no speech, thought, copula, motion or post."""
        if verb.dep_ == "amod" or verb.pos_ != "VERB":
            return False
        return verb.lemma_.lower() not in self.ext.broad_skip

    def _broad_targets(self, verb: Token) -> list[tuple[Span, Token | None]]:
        """(actor, object noun) pairs in a verb's own arguments, never below a clause: not
        another's act (`discuss North Korea's transfer of arms to Russia`), nor a motion
        (`completed a journey from China`), nor a circumstance after a comma."""
        ext = self.ext
        objects = [
            c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "dative" and c.pos_ != "ADP")
        ]
        noun = next((o for o in objects if o.pos_ == "NOUN" and not self.actors_at(o)), None)
        preps = ext.broad_preps
        if verb.lemma_.lower() in ext.place_objects:
            preps = preps - {"to"}  # `deported detainees to Honduras`: a destination
        found: list[tuple[Span, Token | None]] = []
        # (a word, and the prepositions crossed to reach it)
        heads: list[tuple[Token, int]] = [(verb, 0)] + [(o, 0) for o in objects]
        while heads:
            tok, depth = heads.pop(0)
            if tok is not verb:
                found += [(a, noun) for a in self.actors_at(tok)]
            owned = tok is not verb and bool(self.doers(tok))
            if depth >= ext.broad_depth or owned or tok.lemma_.lower() in ext.skip:
                continue
            for prep in tok.children:
                if prep.dep_ not in ("prep", "dative") or prep.lower_ not in preps:
                    continue
                if self.doc[prep.i - 1].text == ",":
                    continue  # `highlighted the violations, with X,`: a circumstance
                heads += [(p, depth + 1) for p in prep.children if p.dep_ == "pobj"]
        return found
