"""Reading an act against the event lexicon (``data/plover_events.json``): its PLOVER
type, whether it is mutual, whether it is denied, its modality (asserted, hedged, future,
reported) and which prepositions can name the one acted on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Token

from .relation_args import prep_objects


class EventReading:
    """Event type, modality and negation of an act: a mixin of the document context, whose
    ``ext`` is the extractor holding the lexicon."""

    ext: Any

    def event_type(self, lemma: str, obj: Token | None, pred: Token | None = None) -> str:
        """The verb's PLOVER category, or its object noun's after a light verb; a noun is
        looked up with its compound first (`trade war`)."""
        if self.envoys(lemma, obj):  # PLOVER: reducing diplomatic ties is SANCTION
            return "SANCTION"
        types = self.ext.type_of
        noun = compound_lemma(obj, types) if obj is not None else ""
        if noun in types and (lemma in self.ext.light or lemma not in types):
            return types[noun]
        if lemma in self.ext.light and noun in self.ext.event_nouns:
            return ""  # `send a message to X` is no aid
        if pred is not None and pred.pos_ == "NOUN":
            lemma = compound_lemma(pred, types)
        if pred is not None and pred.pos_ == "VERB":
            # phrasal verbs and idioms first: `crack down`, `call on`, `take X to court`
            for key in phrases(pred, lemma):
                if key in types:
                    return types[key]
            tools = (types.get(t.lemma_.lower()) for t in prep_objects(pred, {"with"}))
            if "SANCTION" in tools:  # `hit Mexico with a new levy`
                return "SANCTION"
        return types.get(lemma, "")

    def modality(self, tok: Token) -> str:
        """hedged, future, reported or asserted, from the clause and those above it.

        Climbs from the event's verb through complements (`is expected to attack`,
        `said X attacked`, `accused X of attacking`); the strongest cue wins: reported,
        then hedged, then future.
        """
        cues = self.ext.cues
        found = set()
        node = tok
        for _ in range(8):
            for c in node.children:
                word = c.lower_
                if c.dep_ in ("aux", "auxpass"):
                    if word in cues["future_aux"]:
                        found.add("future")
                    elif word in cues["hedged_aux"]:
                        found.add("hedged")
                elif c.dep_ == "advmod" and word in cues["hedged_adverbs"]:
                    found.add("hedged")
                elif c.dep_ in ("acomp", "attr") and c.lemma_.lower() in cues["hedged_heads"]:
                    found.add("hedged")  # `it is unclear when ...`
            dep, head = node.dep_, node.head
            if head is node or dep not in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "prep"):
                break
            word = head.lemma_.lower()
            if dep in ("ccomp", "pcomp", "prep") and word in cues["reported_heads"]:
                found.add("reported")
            if word in cues["hedged_heads"]:
                found.add("hedged")
            elif dep == "xcomp" and word in cues["future_heads"]:
                found.add("future")
            node = head
        return next((m for m in ("reported", "hedged", "future") if m in found), "asserted")

    def negated(self, verb: Token) -> bool:
        """`did not condemn`, `never attacked`, `failed to meet`."""
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        head = verb.head
        if verb.dep_ == "xcomp" and head is not verb:
            return head.lemma_.lower() in self.ext.negating_heads or any(
                c.dep_ == "neg" for c in head.children
            )
        return False

    def envoys(self, lemma: str, noun: Token | None) -> bool:
        """Envoys recalled or expelled (`withdrew ambassadors`): a diplomatic sanction."""
        return (
            lemma in self.ext.envoy_sanctions
            and noun is not None
            and noun.lemma_.lower() in self.ext.envoys
        )

    def _symmetric(self, lemma: str, noun: Token | None) -> bool:
        """A mutual act: `sign`, `meet`, or a light verb's `talks` (not `request talks`)."""
        ext = self.ext
        if noun is None or lemma not in ext.light:
            return lemma in ext.symmetric
        return noun.lemma_.lower() in ext.symmetric

    def open_preps(self, preps: set[str], event_type: str) -> set[str]:
        """The prepositions that can name the one acted on, for this act.

        `at` names a place (`met at the UN`) unless the act is hostile (`fired at`); `on` a
        topic or a place after talk and untyped acts (`talks on Ukraine`, `posted on X`, but
        `sanctions on Iran`, `call on`, `conferred an honor on`); `for` the one helped,
        `from` the one left.
        """
        if self.ext.polarity_of_type.get(event_type) != "conflict":
            preps = preps - {"at"}
        if event_type in self.ext.topic_acts:
            preps = preps - {"on", "upon"}
        if event_type not in ("SUPPORT", "AID"):
            preps = preps - {"for"}  # `support for Kyiv`, `voted for X`
        if event_type != "RETREAT":
            preps = preps - {"from"}  # `pulled troops from Afghanistan`
        return preps


def phrases(verb: Token, lemma: str) -> Iterator[str]:
    """`crack down`, `call on`, `take to court`: a verb with its particle or preposition."""
    for c in verb.children:
        if c.dep_ == "prt":
            yield f"{lemma} {c.lower_}"
        elif c.dep_ == "prep":
            objects = [o.lemma_.lower() for o in c.children if o.dep_ == "pobj"]
            yield from (f"{lemma} {c.lower_} {o}" for o in objects)
            yield f"{lemma} {c.lower_}"


def compound_lemma(noun: Token, known: dict) -> str:
    """`trade war`, `economic war` where the lexicon has it, else the noun's lemma."""
    lemma = noun.lemma_.lower()
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and f"{c.lemma_.lower()} {lemma}" in known:
            return f"{c.lemma_.lower()} {lemma}"
    return lemma
