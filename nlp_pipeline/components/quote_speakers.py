"""Who said a quote: the speaker of a cue verb (its subject, climbing from ``adding``
and ``was quoted as saying``), the speaker phrase as written, its actor through
``doc.spans["actors"]`` and ``doc.spans["coref"]``, and the speaker of quotations with no
cue of their own (continued, reopened or signed with a dash).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc, Token

from .quote_marks import Quotations, Quote, outermost, strip_content

SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NP_STOPS = {",", ";", ":", "(", ")", "—", "–", "―", "--"}
_NAME_DEPS = ("appos", "dobj")  # a noun has no object: a name after it is the noun's
_CLIMB = ("advcl", "xcomp", "conj", "pcomp", "prep")
_DASH = re.compile(r"[ \t]*([―—–]|--)[ \t]*")


class Speakers(Quotations):
    """Quotations plus the document's actors, indexed by token."""

    def __init__(self, doc: Doc, text: str, ext: Any) -> None:
        super().__init__(doc, text, ext)
        actors = list(doc.spans.get(ext.actors_key, []))
        self.actor_start = {s.start: s for s in actors}
        self.actor_end = {s.end: s for s in actors}
        self.lemma_pos = doc.to_array([LEMMA, POS])  # (read as arrays, not a Token per word)
        self.actor_of: dict[int, str] = {}
        for spans in (doc.spans.get("coref", []), actors):
            for span in spans:
                for i in range(span.start, span.end):
                    self.actor_of[i] = span.kb_id_

    def _resolve(self, speaker: tuple[int, int], head: Token) -> str:
        named = self._named_last(speaker, head)
        if named:
            return named
        first = self.actor_start.get(speaker[0])
        if first is not None and first.end < speaker[1] and self.doc[first.end].lower_ == "and":
            return first.kb_id_  # ``Trump and other U.S. officials``: the one named first
        if head.i in self.actor_of:
            return self.actor_of[head.i]
        labels = self.doc._.actors or {}
        preps = [c.i for c in head.children if c.dep_ == "prep" and c.i > head.i]
        after = min(preps, default=len(self.doc))
        for name in _apposed(head):
            actor = self.actor_of.get(name.i, "")
            # ``The head of the U.N. children's program, UNICEF,``: the program's name
            if actor and (name.i < after or labels.get(actor, {}).get("label") == "PERSON"):
                return actor
        inside = [self.actor_of[i] for i in range(*speaker) if i in self.actor_of]
        if inside and head.pos_ == "PROPN":
            return inside[-1]
        for name in _examples(head):
            if name.i in self.actor_of:
                return self.actor_of[name.i]  # ``Critics, including Hungary's Viktor Orban,``
        return self._source(head, speaker) or self._source_before(head)

    def _source_before(self, noun: Token) -> str:
        """``the website`` after ``China's Foreign Ministry website``: the last document of
        that kind whose source the story named."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return ""
        lemma, pos = self.lemma_pos[: noun.i].T
        for i in reversed(np.flatnonzero((lemma == noun.lemma) & (pos == NOUN)).tolist()):
            tok = self.doc[i]
            source = self._source(tok, (tok.left_edge.i, tok.right_edge.i + 1))
            if source:
                return source
        return ""

    def _source(self, noun: Token, speaker: tuple[int, int]) -> str:
        """``according to a statement from the ministry``, ``China's Foreign Ministry
        website``, ``A page for Mauritius on China's Foreign Ministry website``: a document
        speaks for the actor it comes from (``by``, ``from``, its owner), not one it is
        about (``for``, ``about``)."""
        if noun.lemma_ not in self.ext.non_speakers and noun.lower_ not in self.ext.non_speakers:
            return ""  # (``data``: lemmatised ``datum``)
        kids = [c for c in noun.children if speaker[0] <= c.i < speaker[1] or c.dep_ == "acl"]
        # ``Matiangi's official Twitter account``: a person's own, not the platform's
        labels = self.doc._.actors or {}
        people = [
            self.actor_of[i]
            for i in range(speaker[0], noun.i)
            if self.doc[i].dep_ == "poss"
            and labels.get(self.actor_of.get(i, ""), {}).get("label") == "PERSON"
        ]
        if people:
            return people[-1]
        # ``China's Foreign Ministry website``: the owner nearest the noun
        owners = [c.i for c in kids if c.dep_ in ("poss", "compound") and c.i in self.actor_of]
        if owners:
            return self.actor_of[max(owners)]
        for c in kids:
            if c.dep_ == "acl" and c.tag_ == "VBN":  # ``a statement released by the ministry``
                c = next((g for g in c.children if g.dep_ == "agent"), c)
            for obj in (g for g in c.children if c.dep_ in ("prep", "agent") and g.dep_ == "pobj"):
                if c.lower_ in ("by", "from", "of") and obj.i in self.actor_of:
                    return self.actor_of[obj.i]
                if c.lower_ in ("by", "from", "of", "on", "in") and (
                    source := self._source(obj, speaker)
                ):
                    return source
        return ""

    def _named_last(self, speaker: tuple[int, int], head: Token) -> str:
        """A person named at the end of a speaker phrase whose head is a title or role, not
        a person: ``U.N. Resident Coordinator for Myanmar Andrew Kirkwood``, ``the leader of
        the BBOG movement, Florence Ozor,``."""
        doc = self.doc
        end = speaker[1]
        while end > speaker[0] and doc[end - 1].is_punct:
            end -= 1
        person = self.actor_end.get(end)
        if person is None or person.label_ != "PERSON" or person.start <= head.i:
            return ""
        if doc[person.start - 1].text == ",":
            return person.kb_id_
        titled = head.pos_ == "PROPN" and head.i in self.actor_of and len(person) > 1
        return person.kb_id_ if titled and self.actor_of[head.i] != person.kb_id_ else ""

    def _continuations(self, found: list[Quote]) -> list[Quote]:
        """A quotation with no speech tag continues the speaker of the quote before it."""
        by_region: dict[int, Quote] = {}
        for q in found:
            n = bisect.bisect_left(self.opens, q.start) - 1
            if q.kind == "direct" and n >= 0 and q.start <= self.closes[n]:
                by_region[n] = q
        # paragraphs reopened without closing: the attribution usually comes at the end
        for n in range(len(self.regions) - 2, -1, -1):
            nxt = by_region.get(n + 1)
            if n not in self.used and self.regions[n].continues and nxt is not None:
                by_region[n] = self._inherit(n, nxt)
                found.append(by_region[n])
        ordered = outermost(found)  # (a quotation continues a quote that is kept)
        for n, r in enumerate(self.regions):
            if n in self.used or not self._speechlike(r):
                continue
            signed = self._signature(n)
            if signed is not None:
                bisect.insort(ordered, signed, key=lambda q: q.start)
                found.append(signed)
                continue
            if not self._starts_sentence(r):
                continue
            k = bisect.bisect_left(ordered, r.open, key=lambda q: q.start) - 1
            while k >= 0 and (ordered[k].end > r.open or ordered[k].speaker is None):
                k -= 1
            prev = ordered[k] if k >= 0 else None
            own = n in self.own_sentence
            if (
                prev
                and prev.kind == "direct"
                and not own
                and self._tag_only(prev.end, r.open, prev)
            ):
                prev.end = strip_content(self.text, *r.content)[1]
                self.used.add(n)
            elif prev and self._para(prev.end) >= self._para(r.open) - 1:
                q = self._inherit(n, prev.inherited or prev)
                if self._someone_else(prev.inherited or prev, r.open):
                    q.speaker, q.speaker_id = None, ""
                found.append(q)
                bisect.insort(ordered, q, key=lambda q: q.start)
        return found

    def _someone_else(self, source: Quote, start: int) -> bool:
        """Whether a person other than ``source``'s speaker is named, outside quotation
        marks, between it and a quotation opening a later paragraph: a new paragraph about
        someone else no longer continues the speaker (on PolNeAR train, 9 in 11 such were
        another's)."""
        if self._para(source.end) >= self._para(start):
            return False
        span = self.doc.char_span(source.end, start, alignment_mode="contract")
        for i in range(span.start, span.end) if span is not None else ():
            actor = self.actor_start.get(i)
            if (
                actor is not None
                and actor.kb_id_ != source.speaker_id
                and actor.label_ == "PERSON"
                and not self._overlapping(actor.start_char, actor.end_char)
            ):
                return True
        return False

    def _signature(self, n: int) -> Quote | None:
        """``"..." ― Maria Lopez``: a quotation signed with a dash and a name."""
        r = self.regions[n]
        m = _DASH.match(self.text, r.close + 1)
        if m is None:
            return None
        doc = self.doc
        dash = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        name = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if dash is None or name is None:
            return None
        start = end = name.start
        while end < len(doc) and end - start < 5 and doc[end].pos_ == "PROPN":
            end += 1
        actor = self.actor_start.get(start)
        if actor is None and end - start < 2:
            return None
        self.used.add(n)
        s, e = strip_content(self.text, *r.content)
        if actor is not None:
            start, end = actor.start, actor.end
        sid = actor.kb_id_ if actor is not None else ""
        return Quote(s, e, "direct", (dash.start, dash.end), (start, end), sid)

    def _inherit(self, n: int, source: Quote) -> Quote:
        self.used.add(n)
        s, e = strip_content(self.text, *self.regions[n].content)
        q = Quote(s, e, "direct", None, source.speaker, source.speaker_id)
        q.inherited = source.inherited or source
        return q


def subject(tok: Token, para: tuple[int, int]) -> tuple[Token | None, Token]:
    """The speaker of a cue verb: its subject, or that of the verb it hangs from
    (``Kim was quoted as saying``, ``Wang said ..., adding``), in the cue's paragraph."""
    if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and not _perfect(tok):
        return None, tok  # ``Asked about it, Wang said``: Wang was asked, not asking
    if tok.lemma_ != "quote" and any(c.dep_ == "auxpass" for c in tok.children):
        # ``West Java, which has yet to be declared rabies-free``, ``he was told``: the one
        # spoken of or to; only an agent (``announced by the ministry``) speaks
        agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children]
        return (agents[0] if agents else None), tok
    cur = tok
    for _ in range(4):
        subjects = []
        for c in cur.children:
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and cur.lemma_ == "quote"):
                subjects.append(c)
            elif c.dep_ == "agent":
                subjects += [g for g in c.children if g.dep_ == "pobj"]
        subjects = [c for c in subjects if para[0] <= c.idx < para[1]]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - tok.i)), cur
        if cur.dep_ == "acl" and cur.head.pos_ in ("PROPN", "NOUN"):
            return cur.head, cur  # footage of Clinton asking, "..."
        if cur.dep_ not in _CLIMB or cur.head is cur:
            break
        if any(c.dep_ == "nsubjpass" for c in cur.children):
            break
        cur = cur.head
    return None, tok


def _perfect(verb: Token) -> bool:
    """``Although Mauritius has said``: a participle with a subject and ``has``, said by the
    subject (not ``If I would have told``)."""
    aux = [c for c in verb.children if c.dep_ == "aux"]
    return (
        any(c.lemma_ == "have" for c in aux)
        and not any(c.tag_ == "MD" for c in aux)
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def _examples(head: Token) -> list[Token]:
    """The named members of a group speaker (``critics, including X``, ``leaders, such as
    X``): the gold takes the first named one, as for coordinated speakers."""
    preps = [
        c
        for c in head.children
        if c.dep_ == "prep"
        and (
            c.lower_ == "including"
            or (c.lower_ == "as" and any(g.lower_ == "such" for g in c.children))
        )
    ]
    return [g for c in preps for g in c.children if g.dep_ == "pobj"]


def _apposed(head: Token) -> list[Token]:
    """Names that stand beside a speaker noun: ``Guterres' spokesman, Stephane Dujarric,``
    (apposition; ``said Iberdrola engineer Alonso Soberon``, misread as its object),
    ``Al-Sharaa — leader of HTS — said`` (parsed as a second subject)."""
    out = [c for c in head.children if c.dep_ in _NAME_DEPS and c.pos_ == "PROPN"]
    if head.dep_ in SUBJECT_DEPS and head.pos_ == "NOUN":
        out += [c for c in head.head.children if c.dep_ == head.dep_ and c.i < head.i]
    return out


def noun_phrase(head: Token) -> tuple[int, int]:
    """The speaker as written: the subject's phrase without clauses or appositions."""
    start = head.left_edge.i
    doc = head.doc
    for i in range(head.i - 1, start - 1, -1):
        t = doc[i]
        if "\n" in t.text or "\n" in t.whitespace_ or t.is_quote or t.text in _NP_STOPS:
            start = i + 1
            break
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    end = head.i + 1
    for c in head.rights:
        # ``Foreign Minister Abbas Araghchi``: a name in apposition, no comma between;
        # ``said Iberdrola engineer Alonso Soberon of renewables``: misread as the object
        name = c.dep_ in _NAME_DEPS and c.pos_ == "PROPN"
        if (c.dep_ not in ("prep", "compound", "flat", "nummod") and not name) or (
            c.left_edge.i if name else c.i
        ) != end:
            break
        end = c.i + 1 if c.dep_ == "dobj" else c.right_edge.i + 1
    return start, end
