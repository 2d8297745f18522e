"""Quotation marks, paired on the raw text before the parser sees anything: apostrophes,
unbalanced marks and quotes reopened at each paragraph are handled here.

``Quotations`` is the base of the quote extractor's document context: one document's
quotations indexed by char, token and paragraph, and which of them a quote has used.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from .cleaning import in_ranges

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


@dataclass
class Quote:
    """A quote found: content chars, kind, and the token ranges of its cue and speaker."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None  # token range
    speaker: tuple[int, int] | None  # token range
    speaker_id: str = ""
    inherited: Quote | None = None


class Quotations:
    """One document's quotations, indexed once; the base of the extractor's context."""

    def __init__(self, doc: Doc, text: str, ext: Any) -> None:
        self.doc, self.ext, self.text = doc, ext, text
        self.boiler = list(doc._.boilerplate or []) + _meta_lines(doc, text)
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

    def _boiler(self, start: int, end: int) -> bool:
        return in_ranges(self.boiler, start, end)

    def _para(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def _overlapping(self, start: int, end: int) -> range:
        """Indexes of the quotations (marks included) overlapping chars [start, end)."""
        return range(bisect.bisect_right(self.closes, start), bisect.bisect_left(self.opens, end))

    def _tag_only(self, end: int, start: int, q: Quote) -> bool:
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

    def _own_sentence(self, n: int) -> bool:
        """A quotation that is a whole sentence: it starts one and ends with its stop."""
        return self._ends_sentence(n) and self._starts_sentence(self.regions[n])

    def _ends_sentence(self, n: int) -> bool:
        """A quotation whose content ends with a full stop: its sentence ends with it."""
        start, end = strip_content(self.text, *self.regions[n].content)
        return self.text[start:end].rstrip()[-1:] in (".", "!", "?")

    def _speechlike(self, r: Region, min_words: int | None = None) -> bool:
        """Enough words, not a Title Like This: quoted speech rather than a name or title."""
        words = re.findall(r"[^\W\d_][\w'’-]*", self.text[slice(*r.content)])
        if len(words) < (min_words or self.ext.min_words):
            return False
        content = [w for w in words if w.lower() not in self.ext.title_minor_words]
        return not content or sum(w[0].isupper() for w in content) / len(content) < 0.8

    def _starts_sentence(self, r: Region) -> bool:
        line_start = self.text.rfind("\n", 0, r.open) + 1
        before = self.text[line_start : r.open].rstrip()
        return not before or before[-1] in ".!?:”\"’'"


def _meta_lines(doc: Doc, text: str) -> list[list[int]]:
    """The headline and dateline lines: metadata, not body text with quotes."""
    meta = doc._.meta or {}
    out = []
    for key in ("title", "dateline"):
        line = meta.get(key)
        at = text.find(line) if line else -1
        if at >= 0:
            out.append([at, at + len(line)])
    return out


def outermost(found: list[Quote]) -> list[Quote]:
    """The quotes by start, less those overlapping an earlier, longer one: one quote per
    stretch of text."""
    out: list[Quote] = []
    for q in sorted(found, key=lambda q: (q.start, -q.end)):
        if not out or q.start >= out[-1].end:
            out.append(q)
    return out


def end_char(tok: Token) -> int:
    return tok.idx + len(tok.text)


def strip_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Content chars without surrounding blanks and the comma before a closing mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end
