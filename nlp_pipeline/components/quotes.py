"""Quote extraction and speaker attribution: who said what, in which words.

Quotation marks are paired on the raw text (so apostrophes, unbalanced marks and quotes
reopened at each paragraph are handled before the parser sees anything); speech cues come
from a lexicon (``data/speech_cues.json``) but count only where the parse gives them a
speaker (subject) and a content (clausal complement or an adjacent quotation). Speakers are
resolved through the actor tagger's ``doc.spans["actors"]`` and ``doc.spans["coref"]``.

Output, plain data that survives ``DocBin`` and ``n_process>1``: ``doc.spans["quotes"]``
(content spans, label = kind) and ``doc._.quotes`` (rows of the ``quotes`` table without
``doc_id``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from .cleaning import in_ranges
from .util import DataComponent

SPANS_KEY = "quotes"
CUES_FILE = "speech_cues.json"

# -- quotation marks ---------------------------------------------------------------
_MARKS = re.compile("''|``|[\"“”„«»‘’‹›']")
# glyph -> nominal direction (``''`` is the doubled apostrophe of some news archives)
_DOUBLE = {'"': 0, "“": 1, "„": 1, "«": 1, "”": -1, "»": -1, "''": 0, "``": 1}
_SINGLE = {"'": 0, "‘": 1, "‹": 1, "’": -1, "›": -1}
_OPEN_AFTER = "([{—–-/:"  # a mark right after these opens
_CLOSE_BEFORE = ".,;:!?)]}—–-…"  # a mark right before these closes
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")


@dataclass
class Region:
    """One quotation: marks at ``open`` and ``close`` (close = paragraph end if unclosed)."""

    open: int
    close: int
    continues: bool = False  # the paragraph ended inside it and the next one reopens
    width: int = 1  # length of the opening mark

    @property
    def content(self) -> tuple[int, int]:
        return self.open + self.width, self.close


def _role(text: str, i: int, j: int, glyph_dir: int, single: bool) -> int:
    """+1 opening, -1 closing, 0 not a quotation mark (apostrophe, stray mark), 2 either
    (open if none is open), for the mark ``text[i:j]``."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[j] if j < len(text) else " "
    if single and ((prev.isalnum() and nxt.isalnum()) or nxt.isdigit()):
        return 0  # Korea's, don't, '90s
    left_open = prev.isspace() or prev in _OPEN_AFTER or prev in _DOUBLE
    right_close = nxt.isspace() or nxt in _CLOSE_BEFORE or nxt in _DOUBLE
    if left_open and not right_close:
        return 1
    if right_close and not left_open:
        return -1
    if single or (prev.isspace() and nxt.isspace()):
        return 0
    return glyph_dir or 2


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph char ranges: blank-line separated, or line by line if there is no blank line."""
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    if not breaks:
        breaks = [(m.start(), m.end()) for m in re.finditer(r"\n\s*", text)]
    starts = [0] + [e for _, e in breaks]
    ends = [s for s, _ in breaks] + [len(text)]
    return list(zip(starts, ends, strict=True))


def find_quotations(text: str, paras: list[tuple[int, int]] | None = None) -> list[Region]:
    """Pair the quotation marks of ``text``; never fails, whatever the marks."""
    out: list[Region] = []
    paras = paras or paragraphs(text)
    for k, (p_start, p_end) in enumerate(paras):
        double = single = None
        for m in _MARKS.finditer(text, p_start, p_end):
            i, j, glyph = m.start(), m.end(), m.group()
            if glyph in _DOUBLE:
                role = _role(text, i, j, _DOUBLE[glyph], False)
                if role == 0:
                    continue
                if double is None:
                    if role > 0:
                        double, width, single = i, j - i, None
                elif role < 0 or role == 2:
                    out.append(Region(double, i, width=width))
                    double = None
                else:
                    double, width = i, j - i  # a second opener: the first one was stray
            elif double is None:
                role = _role(text, i, j, _SINGLE[glyph], True)
                if single is None and role > 0:
                    single = i
                elif single is not None and role < 0 and i > single + 1:
                    out.append(Region(single, i))
                    single = None
        if double is not None and p_end - double > width:
            nxt = paras[k + 1][0] if k + 1 < len(paras) else len(text)
            reopened = _MARKS.match(text, nxt) is not None and text[nxt] not in "’'‘"
            out.append(Region(double, p_end, continues=reopened, width=width))
    out.sort(key=lambda r: r.open)
    return out


# -- the component -------------------------------------------------------------------
@dataclass
class _Quote:
    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None  # token range
    speaker: tuple[int, int] | None  # token range
    speaker_id: str = ""
    inherited: _Quote | None = None


class QuoteExtractor(DataComponent):
    """Find direct, mixed and indirect quotes and attribute them to speakers."""

    data_files = (CUES_FILE,)

    default_name = "quote_extractor"
    # settings: the actors' spans key, the fewest words of a quote without marks
    actors_key: str = "actors"
    min_words: int = 4

    # -- data ------------------------------------------------------------------
    def set_data(self, files: dict) -> None:
        super().set_data(files)
        cues = files[CUES_FILE]
        self.verbs = set(cues["verbs"])
        self.content_verbs = set(cues["content_verbs"])
        self.object_verbs = set(cues["object_verbs"])
        lemmas = self.verbs | self.object_verbs
        self.cue_hashes = numpy.array([self.vocab.strings.add(w) for w in lemmas], dtype="uint64")
        self.non_speakers = set(cues["non_speakers"])
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        self.matcher.add("PHRASE", [self.make_doc(p) for p in cues["phrases"]])
        self.matcher.add("ACCORDING", [self.make_doc(p) for p in cues["according"]])

    # -- extraction ------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on each access: once per document
        parsed = len(doc) and doc.has_annotation("DEP")
        quotes = _DocQuotes(doc, text, self).run() if parsed else []
        spans = [doc.char_span(q.start, q.end, alignment_mode="expand") for q in quotes]
        kept = [(q, s) for q, s in zip(quotes, spans, strict=True) if s is not None]
        doc.spans[SPANS_KEY] = [
            Span(doc, s.start, s.end, label=q.kind, kb_id=q.speaker_id) for q, s in kept
        ]
        doc._.quotes = [_row(doc, text, n, q) for n, (q, _) in enumerate(kept, 1)]
        return doc


class _DocQuotes:
    """The work for one document; holds the per-document indexes built once."""

    def __init__(self, doc: Doc, text: str, ext: QuoteExtractor) -> None:
        self.doc, self.ext, self.text = doc, ext, text
        boiler = doc._.boilerplate if doc.has_extension("boilerplate") else None
        self.boiler = list(boiler or []) + _meta_lines(doc, text)
        self.paras = paragraphs(text)
        self.para_starts = [s for s, _ in self.paras]
        # quotations never overlap, so their opens and closes are both sorted
        self.regions = [
            r for r in find_quotations(text, self.paras) if not self._boiler(*r.content)
        ]
        self.opens = [r.open for r in self.regions]
        self.closes = [r.close for r in self.regions]
        self.used: set[int] = set()
        # quotations that are sentences of their own before another speaker's tag
        self.own_sentence: set[int] = set()
        # token -> index of the quotation whose content holds it (-1: none)
        self.in_quote = [-1] * len(doc)
        for n, r in enumerate(self.regions):
            s, e = r.content
            span = doc.char_span(s, e, alignment_mode="contract")
            if span is not None:
                for i in range(span.start, span.end):
                    self.in_quote[i] = n
        self.actor_start = {s.start: s for s in doc.spans.get(ext.actors_key, [])}
        self.actor_end = {s.end: s for s in doc.spans.get(ext.actors_key, [])}
        self.actor_of: dict[int, str] = {}
        for key in ("coref", ext.actors_key):
            for span in doc.spans.get(key, []):
                for i in range(span.start, span.end):
                    self.actor_of[i] = span.kb_id_
        self.phrase_end: dict[int, int] = {}
        self.according: list[tuple[int, int]] = []
        phrase = ext.vocab.strings["PHRASE"]
        for match_id, start, end in ext.matcher(doc):
            if match_id == phrase:
                self.phrase_end[start] = end
            else:
                self.according.append((start, end))

    def _boiler(self, start: int, end: int) -> bool:
        return in_ranges(self.boiler, start, end)

    def _para(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def _overlapping(self, start: int, end: int) -> range:
        """Indexes of the quotations (marks included) overlapping chars [start, end)."""
        return range(bisect.bisect_right(self.closes, start), bisect.bisect_left(self.opens, end))

    # -- main ------------------------------------------------------------------
    def run(self) -> list[_Quote]:
        found: list[_Quote] = []
        cue_heads: set[int] = set()
        lemma_pos = self.doc.to_array([LEMMA, POS])
        is_cue = numpy.isin(lemma_pos[:, 0], self.ext.cue_hashes) & (lemma_pos[:, 1] == VERB)
        for i in numpy.flatnonzero(is_cue).tolist():
            tok = self.doc[i]
            if self.in_quote[i] < 0:
                got = self._from_cue(tok)
                if got:
                    found += got
                    cue_heads.add(tok.i)
        found += self._according(cue_heads, found)
        found += self._name_colon(found)
        found = self._continuations(found)
        found.sort(key=lambda q: (q.start, -q.end))
        out: list[_Quote] = []
        for q in found:
            if q.end <= q.start or self._boiler(q.start, q.end):
                continue
            if out and q.start < out[-1].end:
                continue
            out.append(q)
        return out

    # -- cue verbs ---------------------------------------------------------------
    def _from_cue(self, tok: Token) -> list[_Quote]:
        if tok.lemma_ == "point" and not any(c.dep_ == "prt" for c in tok.children):
            return []
        subj, top = _subject(tok, self.paras[self._para(tok.idx)])
        if subj is None or self.in_quote[subj.i] >= 0:
            return []
        if subj.lower_ in self.ext.non_speakers or subj.lemma_ in self.ext.non_speakers:
            return []
        if subj.lower_ in ("'s", "’s") or (subj.lower_ == "it" and tok.lemma_ not in _IT_SAYS):
            return []  # ``Let's say``; ``it does not answer whether``
        cue = self._cue_span(tok, top)
        if self._boiler(self.doc[cue[0]].idx, self.doc[cue[1] - 1].idx + 1):
            return []
        speaker = _noun_phrase(subj)
        if subj.lower_ in ("who", "that") and subj.head.dep_ == "relcl":
            antecedent = subj.head.head  # ``Wang, who said``: written "who", resolved as Wang
            sid = self._resolve(_noun_phrase(antecedent), antecedent)
        else:
            sid = self._resolve(speaker, subj)
        out: list[_Quote] = []
        content = self._complement(tok)
        if content is not None:
            out.append(_Quote(*content, cue, speaker, sid))
        tag = min(cue[0], speaker[0]), max(cue[1], speaker[1])
        tag_start, tag_end = self.doc[tag[0]].idx, _end_char(self.doc[tag[1] - 1])
        before = self._region_before(tag_start)
        if before is not None and content is not None and self._own_sentence(before):
            # ``"... won." Authorities said no ransom was paid``: a verb with content of its
            # own starts a new sentence; the quotation before it is the last speaker's
            self.own_sentence.add(before)
            before = None
        if before is not None:
            out.append(self._direct(before, cue, speaker, sid))
        after = self._region_after(tok, tag_end)
        if after is not None:
            out.append(self._direct(after, cue, speaker, sid))
        out.sort(key=lambda q: q.start)
        if len(out) == 2 and out[0].kind == out[1].kind == "direct":
            first, second = out
            inside = first.end <= tag_start and second.start >= tag_end
            if inside and self._tag_only(first.end, second.start, first):
                first.end = second.end  # "The talks," Wang said, "were useful.": one quote
                out.pop()
        if not out:
            content = self._around_tag(tok, tag)
            if content is not None:
                out.append(_Quote(*content, cue, speaker, sid))
        return out

    def _tag_only(self, end: int, start: int, q: _Quote) -> bool:
        """Only ``q``'s speech tag between two quotations (``"...," Wang said. "..."``): one
        utterance that the tag interrupts, so one quote."""
        if q.cue is None or q.speaker is None or "\n" in self.text[end:start]:
            return False
        gap = self.doc.char_span(end, start, alignment_mode="expand")
        if gap is None:
            return False
        words = 0
        for t in gap:
            if t.is_punct or t.is_space:
                if t.text in ("!", "?", ";"):
                    return False
            elif not (q.cue[0] <= t.i < q.cue[1] or q.speaker[0] <= t.i < q.speaker[1]):
                if t.pos_ in ("VERB", "AUX"):
                    return False
                words += 1
        return words <= 6

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
        if comma_before and after < sent.end and doc[after].text == ",":
            return self._classify(sent.start, sent.end, tok.i)
        if comma_before and (after >= sent.end or (doc[after].is_punct and doc[after].text != ",")):
            return self._classify(sent.start, tag[0] - 1, tok.i)
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
        """The content the parse gives a cue verb, or None."""
        para = self._para(tok.idx)
        comp = next(
            (c for c in tok.children if c.dep_ == "ccomp" and self._para(c.idx) == para), None
        )
        if comp is not None:
            return self._classify(comp.left_edge.i, comp.right_edge.i + 1, tok.i)
        mark = self._that_after(tok)  # ``told a meeting that ...``: the clause hung on the object
        if mark is not None:
            return self._classify(mark.i, mark.head.right_edge.i + 1, tok.i)
        content = self._quoted_object(tok)
        if content is not None or tok.lemma_ not in self.ext.verbs:
            return content
        if tok.lemma_ in self.ext.content_verbs:  # ``vowed to ...``, ``urged X to ...``
            comp = next((c for c in tok.rights if c.dep_ == "xcomp"), None)
        if comp is None:  # ``has said before his country faces``: a clause parsed as advcl
            comp = next((c for c in tok.rights if c.dep_ == "advcl" and _clause(c)), None)
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
        cs, ce = doc[start].idx, _end_char(doc[end - 1])
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
                return (*_strip(self.text, rs, re_), "direct")
        for n in regs:
            self.used.add(n)
            cs, ce = min(cs, self.regions[n].open), max(ce, self.regions[n].close + 1)
        return cs, min(ce, len(self.text)), "mixed"

    def _direct(self, n: int, cue, speaker, sid: str) -> _Quote:
        self.used.add(n)
        return _Quote(*_strip(self.text, *self.regions[n].content), "direct", cue, speaker, sid)

    def _region_before(self, tag_start: int) -> int | None:
        """``"...," Wang said``: a quotation closing right before the speech tag."""
        n = bisect.bisect_left(self.closes, tag_start) - 1
        if n < 0 or n in self.used or self.closes[n] < tag_start - 3:
            return None
        gap = self.text[self.closes[n] + 1 : tag_start]
        return n if not gap.strip(" ,") and self._speechlike(self.regions[n], 2) else None

    def _own_sentence(self, n: int) -> bool:
        """A quotation that is a whole sentence: it starts one and ends with its stop."""
        start, end = _strip(self.text, *self.regions[n].content)
        stop = self.text[start:end].rstrip()[-1:] in (".", "!", "?")
        return stop and self._starts_sentence(self.regions[n])

    def _region_after(self, tok: Token, tag_end: int) -> int | None:
        """``Wang said: "..."`` / ``he told reporters, "..."``: one opening right after."""
        for n in range(bisect.bisect_left(self.opens, tag_end), len(self.regions)):
            r = self.regions[n]
            if n in self.used:
                continue
            gap = self.text[tag_end : r.open]
            if len(gap) > 60 or _SENTENCE_END.search(gap) or self._has_verb(tag_end, r.open):
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

    def _speechlike(self, r: Region, min_words: int | None = None) -> bool:
        """Enough words, not a Title Like This: quoted speech rather than a name or title."""
        words = re.findall(r"[^\W\d_][\w'’-]*", self.text[slice(*r.content)])
        if len(words) < (min_words or self.ext.min_words):
            return False
        content = [w for w in words if w.lower() not in _MINOR_WORDS]
        return not content or sum(w[0].isupper() for w in content) / len(content) < 0.8

    # -- according to ----------------------------------------------------------
    def _according(self, cue_heads: set[int], found: list[_Quote]) -> list[_Quote]:
        doc, out = self.doc, []
        for start, end in self.according:
            pobj = next((c for c in doc[end - 1].children if c.dep_ == "pobj"), None)
            head = doc[start].head
            if pobj is None or self.in_quote[start] >= 0 or head.i in cue_heads:
                continue
            sent = doc[start].sent
            if any(q.start < sent.end_char and sent.start_char < q.end for q in found):
                continue
            speaker = _noun_phrase(pobj)
            pp_start, pp_end = doc[start].left_edge.i, max(end, speaker[1])
            if pp_start - sent.start >= sent.end - pp_end:
                content = self._classify(sent.start, pp_start, start)
            else:
                content = self._classify(pp_end, sent.end, start)
            if content is None or content[1] - content[0] < 10:
                continue
            sid = self._resolve(speaker, pobj)
            out.append(_Quote(*content, (start, end), speaker, sid))
        return out

    def _name_colon(self, found: list[_Quote]) -> list[_Quote]:
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
            out.append(_Quote(*content, (end, end + 1), (i, end), sid))
        return out

    # -- quotes with no cue of their own ---------------------------------------
    def _continuations(self, found: list[_Quote]) -> list[_Quote]:
        """A quotation with no speech tag continues the speaker of the quote before it."""
        by_region: dict[int, _Quote] = {}
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
        ordered = sorted(found, key=lambda q: q.start)
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
                prev.end = _strip(self.text, *r.content)[1]
                self.used.add(n)
            elif prev and self._para(prev.end) >= self._para(r.open) - 1:
                q = self._inherit(n, prev.inherited or prev)
                found.append(q)
                bisect.insort(ordered, q, key=lambda q: q.start)
        return found

    def _signature(self, n: int) -> _Quote | None:
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
        s, e = _strip(self.text, *r.content)
        if actor is not None:
            start, end = actor.start, actor.end
        sid = actor.kb_id_ if actor is not None else ""
        return _Quote(s, e, "direct", (dash.start, dash.end), (start, end), sid)

    def _inherit(self, n: int, source: _Quote) -> _Quote:
        self.used.add(n)
        s, e = _strip(self.text, *self.regions[n].content)
        q = _Quote(s, e, "direct", None, source.speaker, source.speaker_id)
        q.inherited = source.inherited or source
        return q

    def _starts_sentence(self, r: Region) -> bool:
        line_start = self.text.rfind("\n", 0, r.open) + 1
        before = self.text[line_start : r.open].rstrip()
        return not before or before[-1] in ".!?:”\"’'"

    # -- speakers ----------------------------------------------------------------
    def _resolve(self, speaker: tuple[int, int], head: Token) -> str:
        named = self._named_last(speaker, head)
        if named:
            return named
        first = self.actor_start.get(speaker[0])
        if first is not None and first.end < speaker[1] and self.doc[first.end].lower_ == "and":
            return first.kb_id_  # ``Trump and other U.S. officials``: the one named first
        if head.i in self.actor_of:
            return self.actor_of[head.i]
        for name in _apposed(head):
            if name.i in self.actor_of:
                return self.actor_of[name.i]
        inside = [self.actor_of[i] for i in range(*speaker) if i in self.actor_of]
        if inside and head.pos_ == "PROPN":
            return inside[-1]
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


_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NP_STOPS = {",", ";", ":", "(", ")", "—", "–", "―", "--"}
_IT_SAYS = {"say", "add", "announce", "report", "state", "tell", "warn", "note", "claim", "deny"}
# a sentence end, not the period of an abbreviation (``N.C.``, ``Mr.``)
_SENTENCE_END = re.compile(r"[!?;]|(?<![A-Z])(?<!Mr|Ms|Dr|St|Jr|Sr)(?<!Mrs)\.")
_DASH = re.compile(r"[ \t]*([―—–]|--)[ \t]*")
_OBJECT_DEPS = ("dobj", "oprd", "prep", "attr", "dative", "acomp", "npadvmod")
# words a Title Like This leaves in lower case
_MINOR_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with"}
_CLIMB = ("advcl", "xcomp", "conj", "pcomp", "prep")


def _subject(tok: Token, para: tuple[int, int]) -> tuple[Token | None, Token]:
    """The speaker of a cue verb: its subject, or that of the verb it hangs from
    (``Kim was quoted as saying``, ``Wang said ..., adding``), in the cue's paragraph."""
    if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl"):
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


def _apposed(head: Token) -> list[Token]:
    """Names that stand beside a speaker noun: ``Guterres' spokesman, Stephane Dujarric,``
    (apposition), ``Al-Sharaa — leader of HTS — said`` (parsed as a second subject)."""
    out = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if head.dep_ in _SUBJECT_DEPS and head.pos_ == "NOUN":
        out += [c for c in head.head.children if c.dep_ == head.dep_ and c.i < head.i]
    return out


def _clause(tok: Token) -> bool:
    """A clause with its own subject right after the cue, opening with no conjunction or with
    ``that``/``before``/``whether``/``if`` (``said after the vote he would``)."""
    marks = [c.lower_ for c in tok.children if c.dep_ == "mark"]
    return (
        0 < tok.left_edge.i - tok.head.i <= 4
        and all(m in ("that", "before", "whether", "if") for m in marks)
        and any(c.dep_ in _SUBJECT_DEPS for c in tok.children)
    )


def _noun_phrase(head: Token) -> tuple[int, int]:
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
        # ``Foreign Minister Abbas Araghchi``: a name in apposition, no comma between
        name = c.dep_ == "appos" and c.pos_ == "PROPN"
        if (c.dep_ not in ("prep", "compound", "flat", "nummod") and not name) or (
            c.left_edge.i if name else c.i
        ) != end:
            break
        end = c.right_edge.i + 1
    return start, end


def _meta_lines(doc: Doc, text: str) -> list[list[int]]:
    """The headline and dateline lines: metadata, not body text with quotes."""
    meta = (doc._.meta or {}) if doc.has_extension("meta") else {}
    out = []
    for key in ("title", "dateline"):
        line = meta.get(key)
        at = text.find(line) if line else -1
        if at >= 0:
            out.append([at, at + len(line)])
    return out


def _end_char(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Content chars without surrounding blanks and the comma before a closing mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _row(doc: Doc, text: str, n: int, q: _Quote) -> dict:
    """A ``quotes`` table row (minus ``doc_id``): plain str/int/None values only."""
    actors = (doc._.actors or {}) if doc.has_extension("actors") else {}
    actor = actors.get(q.speaker_id, {})
    cue = doc[q.cue[0] : q.cue[1]] if q.cue else None
    speaker = doc[q.speaker[0] : q.speaker[1]] if q.speaker else None
    return {
        "quote_id": f"q{n}",
        "start_char": q.start,
        "end_char": q.end,
        "text": text[q.start : q.end],
        "kind": q.kind,
        "cue": cue.text if cue else "",
        "cue_start": cue.start_char if cue else None,
        "cue_end": cue.end_char if cue else None,
        "speaker_text": speaker.text if speaker else "",
        "speaker_start": speaker.start_char if speaker else None,
        "speaker_end": speaker.end_char if speaker else None,
        "speaker_id": q.speaker_id if actor else "",
        "speaker_name": actor.get("name", ""),
        "speaker_label": actor.get("label", ""),
    }


@Language.factory(
    "quote_extractor",
    default_config={"actors_key": "actors", "min_words": 4},
    requires=["token.dep", "token.lemma", "doc.spans"],
    assigns=["doc.spans", "doc._.quotes"],
)
def make_quote_extractor(
    nlp: Language, name: str, actors_key: str, min_words: int
) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, actors_key=actors_key, min_words=min_words)
