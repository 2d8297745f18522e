"""Speech cues and the layout of a speech tag: a cue verb counts where the parse gives it a
speaker and a content (a clausal complement, a quoted object, an adjacent quotation or the
words around ``, he said,``); also ``according to X`` and ``NAME: ...`` paragraphs.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from .quote_marks import Quote, Region, end_char, strip_content
from .quote_speakers import SUBJECT_DEPS, Speakers, noun_phrase, subject

_OBJECT_DEPS = ("dobj", "oprd", "prep", "attr", "dative", "acomp", "npadvmod")
_CLAUSE_DEPS = ("advcl", "csubj", "csubjpass", "relcl", "acl", "ccomp")
_MODALS = ("'d", "’d", "'ll", "’ll")


class Cues(Speakers):
    """Speakers plus the cue phrases the extractor's matcher finds in the document."""

    def __init__(self, doc: Doc, text: str, ext: Any) -> None:
        super().__init__(doc, text, ext)
        self.phrase_end: dict[int, int] = {}
        self.according: list[tuple[int, int]] = []
        phrase = ext.vocab.strings["PHRASE"]
        for match_id, start, end in ext.matcher(doc):
            if match_id == phrase:
                self.phrase_end[start] = end
            else:
                self.according.append((start, end))

    # -- cue verbs ---------------------------------------------------------------
    def _from_cue(self, tok: Token) -> list[Quote]:
        """The quotes of one cue verb: its content, the quotations beside its tag, or the
        words around the tag; none unless the verb has a speaker outside any quotation."""
        if tok.lemma_ in self.ext.particle_verbs and not any(c.dep_ == "prt" for c in tok.children):
            return []
        subj, top = subject(tok, self.paras[self._para(tok.idx)])
        if subj is None:
            subj = self._named_after(tok)
        if subj is None or self.in_quote[subj.i] >= 0:
            return []
        if (
            subj.lower_ in self.ext.non_speakers or subj.lemma_ in self.ext.non_speakers
        ) and not self._source(subj, noun_phrase(subj)):
            return []  # ``polls show``; but ``a statement from the ISPR said`` speaks for it
        if subj.lower_ in ("'s", "’s") or (
            subj.lower_ == "it" and tok.lemma_ not in self.ext.it_speaks
        ):
            return []  # ``Let's say``; ``it does not answer whether``
        cue = self._cue_span(tok, top)
        if self._boiler(self.doc[cue[0]].idx, self.doc[cue[1] - 1].idx + 1):
            return []
        speaker = noun_phrase(subj)
        if subj.lower_ in ("who", "that", "which") and subj.head.dep_ == "relcl":
            antecedent = subj.head.head  # ``Wang, who said``: written "who", resolved as Wang
            sid = self._resolve(noun_phrase(antecedent), antecedent)
        else:
            sid = self._resolve(speaker, subj)
        out: list[Quote] = []
        content = self._complement(tok)
        if content is not None:
            out.append(Quote(*content, cue, speaker, sid))
        tag = min(cue[0], speaker[0]), max(cue[1], speaker[1])
        tag_start, tag_end = self.doc[tag[0]].idx, end_char(self.doc[tag[1] - 1])
        before = self._region_before(tag_start)
        if (
            before is not None
            and (content is not None or self._acts_after_stop(tok, before))
            and self._own_sentence(before)
        ):
            # ``"... won." Authorities said no ransom was paid``: a verb with content of its
            # own starts a new sentence; the quotation before it is the last speaker's
            self.own_sentence.add(before)
            before = None
        elif before is not None and content is not None and self._ends_sentence(before):
            # ``X are "full of tensions." Gatov told VOA that ...``: a quotation ending the
            # sentence before is that sentence's, not this verb's
            before = None
        if before is not None:
            out.append(self._direct(before, cue, speaker, sid))
        after = self._region_after(tok, tag_end)
        if after is not None:
            out.append(self._direct(after, cue, speaker, sid))
        out.sort(key=lambda q: q.start)
        if out and out[0].kind == "direct" and out[0].end <= tag_start:
            joined = self._joined_before(bisect.bisect_right(self.opens, out[0].start) - 1)
            if joined is not None:
                out.insert(0, self._direct(joined, cue, speaker, sid))
        if len(out) == 2 and out[0].kind == out[1].kind == "direct":
            first, second = out
            inside = first.end <= tag_start and second.start >= tag_end
            if inside and self._tag_only(first.end, second.start, first):
                first.end = second.end  # "The talks," Wang said, "were useful.": one quote
                out.pop()
        if not out:
            content = self._around_tag(tok, tag)
            if content is not None:
                out.append(Quote(*content, cue, speaker, sid))
        return out

    def _acts_after_stop(self, tok: Token, n: int) -> bool:
        """``"... resolved politically." Stevandic denounced the moves``: after a quotation
        closed by a full stop, a cue verb with an object of its own is a new sentence's."""
        start, end = strip_content(self.text, *self.regions[n].content)
        stop = self.text[start:end].rstrip()[-1:] == "."
        return stop and any(c.dep_ == "dobj" for c in tok.rights)

    def _named_after(self, tok: Token) -> Token | None:
        """``"...," said international relations lecturer Soli Ozel of Istanbul's Kadir Has
        University``, the name parsed as the subject of a verb misread in the name (``Has``):
        after a quotation, a cue verb with no subject is said by the person named after it,
        past its title words."""
        doc = self.doc
        if tok.i < 2 or not doc[tok.i - 1].is_quote or self.in_quote[tok.i - 2] < 0:
            return None
        for k in range(tok.i + 1, min(tok.i + 8, len(doc))):
            name = self.actor_start.get(k)
            if name is not None:
                return name.root if name.label_ == "PERSON" else None
            if not (doc[k].is_alpha and doc[k].pos_ in ("NOUN", "PROPN", "ADJ")):
                return None
        return None

    def _around_tag(self, tok: Token, tag: tuple[int, int]) -> tuple[int, int, str] | None:
        """Unquoted content around a tag: ``X, he said, Y`` / ``X, he said.`` / ``He said: X``."""
        doc, sent = self.doc, tok.sent
        after = tag[1]
        while after < sent.end and doc[after].head.i == tok.i and after - tag[1] < 8:
            if doc[after].dep_ not in ("npadvmod", "advmod", "prep"):
                break
            after = doc[after].right_edge.i + 1
        comma_before = tag[0] > sent.start and doc[tag[0] - 1].text == ","
        if after < len(doc) and doc[after].text == ":" and after + 1 < len(doc):
            para_end = self.paras[self._para(doc[after].idx)][1]
            end = doc.char_span(doc[after].idx, para_end, alignment_mode="contract")
            return self._classify(after + 1, end.end if end else sent.end, tok.i)
        # ``Since Assad's fall, the U.S. has called for ...``: the cue's own adverbial, no content
        own_before = _modifies(tok, doc[sent.start : tag[0] - 1])
        if comma_before and after < sent.end and doc[after].text == ",":
            own_after = _modifies(tok, doc[after + 1 : sent.end])
            if own_before and own_after:
                return None
            start = after + 1 if own_before else sent.start
            return self._classify(start, tag[0] - 1 if own_after else sent.end, tok.i)
        if comma_before and (after >= sent.end or (doc[after].is_punct and doc[after].text != ",")):
            return None if own_before else self._classify(sent.start, tag[0] - 1, tok.i)
        return None

    def _cue_span(self, tok: Token, top: Token) -> tuple[int, int]:
        head = top if top.lemma_ == "quote" else tok
        aux = [c.i for c in head.lefts if c.dep_ in ("aux", "auxpass", "neg")]
        start = min(aux) if aux and tok.i - min(aux) <= 4 else tok.i
        end = tok.i + 1
        for c in tok.rights:
            if c.dep_ == "prt" and c.i == end:
                end += 1
        return start, self.phrase_end.get(end, end)

    def _complement(self, tok: Token) -> tuple[int, int, str] | None:
        """The content the parse gives a cue verb, or None. With ``propositions_only``, a
        content that states no proposition (a question, a request, a commitment's infinitive,
        a noun's clause) counts only with quotation marks in it: then the speaker's words are
        reproduced. Without it, requests, vows and embedded questions are quotes, as PolNeAR
        counts them."""
        strict = self.ext.propositions_only
        para = self._para(tok.idx)
        comp = next(
            (c for c in tok.children if c.dep_ == "ccomp" and self._para(c.idx) == para), None
        )
        if comp is not None:
            bare = strict and comp.left_edge.i > tok.i and (_question(comp) or _subjunctive(comp))
            return self._classify(comp.left_edge.i, comp.right_edge.i + 1, tok.i, need_marks=bare)
        mark = self._that_after(tok)  # ``told a meeting that ...``: the clause hung on the object
        if mark is not None:
            # ``dismissed concerns that ...``: the clause of a noun, the object, not the hearer
            noun = mark.head.head
            bare = strict and noun.dep_ == "dobj" and noun.head.i == tok.i
            bare = bare and tok.lemma_ not in self.ext.hearer_verbs
            return self._classify(mark.i, mark.head.right_edge.i + 1, tok.i, need_marks=bare)
        content = self._quoted_object(tok)
        if content is not None or tok.lemma_ not in self.ext.verbs:
            return content
        # ``vowed to "enforce law and order"``; without propositions_only ``urged X to ...`` too
        if tok.lemma_ in (self.ext.commit_verbs if strict else self.ext.infinitive_verbs):
            comp = next((c for c in tok.rights if c.dep_ == "xcomp"), None)
            if comp is not None:
                return self._classify(
                    comp.left_edge.i, comp.right_edge.i + 1, tok.i, need_marks=strict
                )
        # ``has said before his country faces``: a clause parsed as advcl
        comp = next((c for c in tok.rights if c.dep_ == "advcl" and _clause(c, strict)), None)
        if comp is None:
            return None
        return self._classify(comp.left_edge.i, comp.right_edge.i + 1, tok.i)

    def _quoted_object(self, tok: Token) -> tuple[int, int, str] | None:
        """``called the plan "a disaster"``: an object counts only with quoted words in it."""
        rights: list[int] = []
        for c in tok.rights:
            if c.dep_ not in _OBJECT_DEPS or (rights and c.left_edge.i != rights[-1] + 1):
                break
            rights.append(c.right_edge.i)
        if not rights:
            return None
        end = min(rights[-1] + 1, tok.sent.end)
        content = self._classify(tok.i + 1, end, tok.i, need_marks=True)
        if content and content[2] == "direct" and tok.lemma_ not in self.ext.object_verbs:
            # wrote "The Art of the Deal": a title, not words said
            return content if self._speechlike(Region(content[0] - 1, content[1]), 1) else None
        return content

    def _that_after(self, tok: Token) -> Token | None:
        for t in tok.doc[tok.i + 1 : min(tok.i + 10, tok.sent.end)]:
            if t.lower_ == "that" and t.dep_ == "mark" and t.head.i > t.i:
                return t
            if t.pos_ in ("VERB", "AUX") or (t.is_punct and t.text != ","):
                return None
        return None

    def _classify(
        self, start: int, end: int, anchor: int, need_marks: bool = False
    ) -> tuple[int, int, str] | None:
        """Content chars and kind of the token range [start, end) in ``anchor``'s paragraph."""
        doc = self.doc
        for a_start, _ in self.according:
            if start < a_start < end:
                end = a_start
        while start < end and (doc[start].is_punct or doc[start].dep_ == "mark"):
            if doc[start].lower_ not in ("that", "before") and not doc[start].is_punct:
                break
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - start < 2:
            return None
        cs, ce = doc[start].idx, end_char(doc[end - 1])
        p_start, p_end = self.paras[self._para(doc[anchor].idx)]
        cs, ce = max(cs, p_start), min(ce, p_end)
        if ce - cs < 2:
            return None
        regs = self._overlapping(cs, ce)
        if not regs:
            return None if need_marks else (cs, ce, "indirect")
        if len(regs) == 1:
            r = self.regions[regs[0]]
            rs, re_ = r.content
            outside = self.text[cs:rs] + self.text[re_:ce]
            if not re.sub(r"[\W_]+", "", outside):
                self.used.add(regs[0])
                return (*strip_content(self.text, rs, re_), "direct")
        for n in regs:
            self.used.add(n)
            cs, ce = min(cs, self.regions[n].open), max(ce, self.regions[n].close + 1)
        return cs, min(ce, len(self.text)), "mixed"

    def _direct(self, n: int, cue, speaker, sid: str) -> Quote:
        self.used.add(n)
        s, e = strip_content(self.text, *self.regions[n].content)
        return Quote(s, e, "direct", cue, speaker, sid)

    def _region_before(self, tag_start: int) -> int | None:
        """``"...," Wang said``: a quotation closing right before the speech tag."""
        n = bisect.bisect_left(self.closes, tag_start) - 1
        if n < 0 or n in self.used or self.closes[n] < tag_start - 3:
            return None
        gap = self.text[self.closes[n] + 1 : tag_start]
        return n if not gap.strip(" ,") and self._speechlike(self.regions[n], 2) else None

    def _joined_before(self, n: int) -> int | None:
        """``"A..." and "B...," tweeted X``: a quotation joined by ``and`` to the one
        before the tag is the same speaker's."""
        if n <= 0 or n - 1 in self.used:
            return None
        gap = self.text[self.closes[n - 1] + 1 : self.regions[n].open]
        return n - 1 if gap.strip(" ,") == "and" and self._speechlike(self.regions[n - 1]) else None

    def _region_after(self, tok: Token, tag_end: int) -> int | None:
        """``Wang said: "..."`` / ``he told reporters, "..."``: one opening right after."""
        for n in range(bisect.bisect_left(self.opens, tag_end), len(self.regions)):
            r = self.regions[n]
            if n in self.used:
                continue
            gap = self.text[tag_end : r.open]
            if (
                len(gap) > 60
                or self.ext.sentence_end.search(gap)
                or self._has_verb(tag_end, r.open)
            ):
                break
            stripped = gap.strip()
            said = stripped[-1:] in (":", ",") or self.text[r.close - 1] in ".?!"
            if (said or stripped in ("", "that")) and self._speechlike(
                r, 2 if said else self.ext.min_words
            ):
                return n
            break
        return None

    def _has_verb(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)

    # -- according to ----------------------------------------------------------
    def _according(self, cue_heads: set[int], found: list[Quote]) -> list[Quote]:
        doc, out = self.doc, []
        for start, end in self.according:
            pobj = next((c for c in doc[end - 1].children if c.dep_ == "pobj"), None)
            head = doc[start].head
            if pobj is None or self.in_quote[start] >= 0 or head.i in cue_heads:
                continue
            sent = doc[start].sent
            if any(q.start < sent.end_char and sent.start_char < q.end for q in found):
                continue
            speaker = noun_phrase(pobj)
            pp_start, pp_end = doc[start].left_edge.i, max(end, speaker[1])
            if pp_start - sent.start >= sent.end - pp_end:
                content = self._classify(sent.start, pp_start, start)
            else:
                content = self._classify(pp_end, sent.end, start)
            if content is None or content[1] - content[0] < 10:
                continue
            sid = self._resolve(speaker, pobj)
            out.append(Quote(*content, (start, end), speaker, sid))
        return out

    def _name_colon(self, found: list[Quote]) -> list[Quote]:
        """``Rush Limbaugh: ...`` / ``WALLACE: ...``: a paragraph opened by a name and a colon
        (headlines, interview transcripts)."""
        doc, out = self.doc, []
        for p_start, p_end in self.paras:
            first = doc.char_span(p_start, p_end, alignment_mode="contract")
            if first is None or len(first) < 4:
                continue
            i = first.start + (1 if first[0].is_quote else 0)
            actor = self.actor_start.get(i)
            end = actor.end if actor is not None else i + 1
            # ``WALLACE:`` in a transcript, not ``SEOUL:`` or ``UPDATE:``
            shouting = actor is None and doc[i].is_upper and doc[i].ent_type_ == "PERSON"
            if (actor is None and not shouting) or end >= first.end or doc[end].text != ":":
                continue
            content = self._classify(end + 1, first.end, i)
            if content is None or any(q.start < content[1] and content[0] < q.end for q in found):
                continue
            sid = actor.kb_id_ if actor is not None else self.actor_of.get(i, "")
            out.append(Quote(*content, (end, end + 1), (i, end), sid))
        return out


def _clause(tok: Token, propositions_only: bool) -> bool:
    """A clause with its own subject right after the cue, opening with no conjunction or with
    ``that``/``before`` (``said after the vote he would``); ``asked if he agreed`` only
    without propositions_only."""
    marks = [c.lower_ for c in tok.children if c.dep_ == "mark"]
    opening = ("that", "before") if propositions_only else ("that", "before", "whether", "if")
    return (
        0 < tok.left_edge.i - tok.head.i <= 4
        and all(m in opening for m in marks)
        and any(c.dep_ in SUBJECT_DEPS for c in tok.children)
    )


def _modifies(tok: Token, span: Span) -> bool:
    """Words that are all the cue verb's own adverbials (a prepositional phrase, an adverb, a
    clause opened by ``as``/``since``), not words it reports."""
    tops = [
        t for t in span if not t.is_punct and (t.head == t or not span.start <= t.head.i < span.end)
    ]
    return bool(tops) and all(
        t.head.i == tok.i
        and (
            t.dep_ in ("prep", "advmod", "npadvmod", "cc", "agent")
            or (t.dep_ == "advcl" and any(c.dep_ == "mark" for c in t.children))
            or (t.dep_ == "conj" and t.pos_ == "ADP")
        )
        for t in tops
    )


def _question(comp: Token) -> bool:
    """An embedded question: ``asked whether ...``, ``did not say which countries ...``, the
    wh-word an argument of the clause (not ``said when he returns, his impression is``)."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in comp.children):
        return True
    tok = comp.left_edge
    if tok.tag_ not in ("WDT", "WP", "WP$", "WRB") or tok.lower_ == "that":
        return False
    while tok.i != comp.i:
        if tok.dep_ in _CLAUSE_DEPS:
            return False  # ``said what he saw was horrific``: a clause's subject
        tok = tok.head
    return True


def _subjunctive(comp: Token) -> bool:
    """A mandative subjunctive, the demand of a request: a base-form verb with no modal, after
    a subject it does not agree with (``demanded Beijing remove them``, ``demanded his party
    be eliminated``); ``alleging the moves violate U.S. law`` is a present tense."""
    # ``she’d vote``: the curly ``’d`` is misread as a noun, but it is a modal all the same
    aux = [c for c in comp.children if c.dep_ in ("aux", "auxpass") or c.lower_ in _MODALS]
    verb = aux[0] if aux else comp
    subj = next((c for c in comp.children if c.dep_ in SUBJECT_DEPS), None)
    if verb.tag_ != "VB" or subj is None:
        return False
    person = subj.morph.get("Person")
    third_singular = subj.morph.get("Number") == ["Sing"] and person in ([], ["3"])
    return verb.lower_ == "be" or third_singular
