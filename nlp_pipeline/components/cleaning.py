"""Article cleaning: find the metadata and the boilerplate of a scraped news page.

Scraped articles carry a date header, a headline, a dateline, tag lines and a portal
footer. Nothing is removed from the text (offsets must index the original); instead
the cleaner records ``doc._.meta`` (title, date, dateline) and ``doc._.boilerplate``
(character ranges later components ignore). Line breaks become sentence boundaries.

``meta["date"]`` is ISO 8601 (``2021-07-01T10:04`` when the time is given): the date of
the dateline (``2021 Jul 01, 10:04, SEOUL, South Korea``) when there is one, else the date
of the page header (``Thursday Aug 11, 2022``, often the day the page was scraped).

Page furniture inside the page (bylines, credit lines, ``Related: ...`` links) is boilerplate
too: its reporter, wire service and the states of other stories are no actors of this one.
Its words are data (``data/page_furniture.json``); the shapes are here.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from ..run.inputs import iso_date
from .util import DATA_DIR, DataComponent, doc_text, read_data

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}\s+{_MONTH}\s+\d{{1,2}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})",
    re.IGNORECASE,
)
# a date with the time that may follow it: "2021 Jul 01, 10:04"
_DATE_TIME = re.compile(
    _DATE.pattern + r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?", re.IGNORECASE
)
_CAPS_PLACE = re.compile(r"\b[A-Z][A-Z.\-]{2,}(?:\s+[A-Z][A-Z.\-]+)*,\s+[A-Z]")
_FOOTER = re.compile(
    r"©|\(c\)\s*\d{4}|all rights reserved|terms of use|privacy policy|[\w.+-]+@[\w-]+\.\w+"
    r"|\[email protected\]|\+?\d[\d\s()–-]{7,}\d|^\s*(?:editor|published by|registration"
    r"|follow us|share this|subscribe|copyright)\b",
    re.IGNORECASE,
)
_END = ".?!\"'”’)…:"
FURNITURE_FILE = "page_furniture.json"
_BULLETS = r"[\s•·▪►▸>*+\-–—]*"
# byline parts: "By Jane Doe, Reuters | Mar 3, 2024", "Reporting by A; Editing by B"
_PART_SEPARATOR = re.compile(r"\s*[,;|/•·]\s*|\s+[-–—]+\s+|\s+via\s+")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?:\s*[aApP]\.?[mM]\.?)?(?:\s+[A-Z]{2,4}\b)?")
# a menu or breadcrumb: "Home | World | Asia", "News › World › Asia"
_NAV = re.compile(r"\s*[|•·›»]\s*")
_NAME_WORD = re.compile(r"(?:[a-z]{1,3}['’-])?[A-Z]")  # Seo, AFP, al-Sudani, d'Estaing


def _is_prose(line: str) -> bool:
    words = line.split()
    return (len(words) >= 8 and line.rstrip()[-1:] in _END) or len(words) >= 30


def _alternation(phrases: list[str]) -> str:
    """A regex alternation of ``phrases``, longest first, spaces matching any whitespace."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


class PageFurniture:
    """Recognise the furniture lines of a news page from the words of
    ``data/page_furniture.json``: bylines and credit lines, and related-content links."""

    def __init__(self, words: dict) -> None:
        self.particles = frozenset(words["name_particles"])
        self.roles = frozenset(words["byline_roles"])
        self.heads = frozenset(words["agency_heads"])
        self.agencies = frozenset(words["agencies"])
        self.stamps = frozenset(words["stamp_words"])
        credit = _alternation(words["credit_cues"])
        self.credit = re.compile(rf"(?:{credit})(?:\s+|$)", re.IGNORECASE)
        label = _alternation(words["credit_labels"])
        self.label = re.compile(rf"(?:{label})\s*:\s*", re.IGNORECASE)
        # a caption's credit after its last sentence: "... in Pyongyang. Photo: AP"
        self.tail = re.compile(
            rf"(?<=[.!?\"”’)])\s+(?P<credit>\(?(?:{label})\s*:\s*\S.*)$", re.IGNORECASE
        )
        cues = words["related_cues"]
        # "Related: ...", "READ MORE »", "See also", a heading alone; not "Related talks ..."
        self.related = re.compile(
            rf"{_BULLETS}(?:{_alternation(cues)})\s*(?P<rest>(?:[:|»›>]|[-–—]+\s).*)?$",
            re.IGNORECASE,
        )
        # "READ MORE Japan and Australia ...": a cue of two words or more in capitals, then
        # a link's title (one word is too like a headline's first: "WATCH What ...")
        loud = [c.upper() for c in cues if " " in c]
        self.loud = re.compile(rf"{_BULLETS}(?:{_alternation(loud)})\s+(?=.*[a-z])")

    def link_kind(self, line: str) -> str | None:
        """``"heading"`` for a related-content heading alone (link titles follow it),
        ``"link"`` for a line that is a related link, else ``None``."""
        match = self.related.match(line)
        if match:
            rest = (match.group("rest") or "").strip(" :|»›>-–—")
            return "link" if rest else "heading"
        items = _NAV.split(line)
        if len(items) >= 3 and all(0 < len(item.split()) <= 3 for item in items):
            return "link"
        return "link" if self.loud.match(line) else None

    def tail_credit(self, line: str) -> int | None:
        """Where a credit that ends ``line`` (``Photo: AP``, ``Source: Jane Doe``) starts."""
        match = self.tail.search(line)
        if match and self.byline(match.group("credit")) in ("byline", "name"):
            return match.start("credit")
        return None

    def byline(self, line: str) -> str | None:
        """``"byline"`` for a byline or a credit line (``By NAME``, ``NAME, Reporter``,
        ``NAME | AGENCY``, ``NAME and NAME, AGENCY``, ``Reporting by NAME; Editing by NAME``,
        ``(Reuters)``, ``Source: Xinhua``), ``"cue"`` for a credit cue alone (``By``, the
        name on the next line), ``"name"`` for a few capitalised words, else ``None``.
        Every part must be a name, so ``By Monday, the talks had collapsed.`` is none."""
        text = _TIME.sub(" ", _DATE.sub(" ", line)).strip(" \t()[]-–—.")
        text = text[m.end() :] if (m := self.label.match(text)) else text
        n_words = len(text.split())
        if not text or n_words > 40:
            return None
        credited = furnished = named = False
        for part in _PART_SEPARATOR.split(text):
            if m := self.credit.match(part):
                credited, part = True, part[m.end() :]
            words = [w for w in (w.strip('()[]"“”.') for w in part.split()) if w]
            lowered = [w.lower() for w in words]
            if not words or lowered[0] in self.stamps or " ".join(lowered[:2]) in self.stamps:
                continue  # "Updated", "Last updated" before a removed date
            if " ".join(lowered) not in self.agencies and (
                not _NAME_WORD.match(words[0])
                or not all(_NAME_WORD.match(w) or w.lower() in self.particles for w in words)
            ):
                return None
            named, furnished = True, furnished or self._is_credit(lowered)
        if credited:
            return "byline" if named else "cue"
        if furnished and n_words <= 12:
            return "byline"
        return "name" if named and n_words <= 8 else None

    def _is_credit(self, words: list[str]) -> bool:
        """A role (``Staff Writer``) or an agency (``Reuters``, ``Lotus Bay News Wire``)."""
        joined = " ".join(words)
        return (
            joined in self.agencies
            or words[-1] in self.heads
            or " ".join(words[-2:]) in self.heads
            or any(
                w in self.roles or " ".join(words[i : i + 2]) in self.roles
                for i, w in enumerate(words)
            )
        )

    def furniture(self, lines: list[str]) -> list[bool]:
        """Which of ``lines`` are furniture. The titles listed under a related-content
        heading are links until a line that reads as a paragraph; a name after a lone
        ``By`` is the byline's."""
        out, in_list, after_cue = [], False, False
        for line in lines:
            kind, shape = self.link_kind(line), self.byline(line)
            in_list = kind == "heading" or (
                in_list and not kind and not _is_prose(line) and line[-1:] != "."
            )
            out.append(
                bool(kind)
                or in_list
                or shape in ("byline", "cue")
                or (after_cue and shape == "name")
            )
            after_cue = shape == "cue"
        return out


@cache
def _package_furniture() -> PageFurniture:
    return PageFurniture(read_data(DATA_DIR, [FURNITURE_FILE])[FURNITURE_FILE])


def clean_article(
    text: str, furniture: PageFurniture | None = None
) -> tuple[dict, list[tuple[int, int]]]:
    """Return ``(meta, boilerplate_ranges)`` for a raw article text; ``furniture`` defaults
    to the package's words."""
    furniture = furniture or _package_furniture()
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            lines.append((start, start + len(stripped), stripped))
        pos += len(raw) + 1
    meta: dict = {"title": None, "date": None, "dateline": None}
    boiler: list[tuple[int, int]] = []
    prose = [i for i, (_, _, line) in enumerate(lines) if _is_prose(line)]
    if len(lines) < 2 or not prose:
        return meta, boiler
    first, last = prose[0], prose[-1]
    furnished = furniture.furniture([line for _, _, line in lines[: last + 1]])
    dateline_date = header_date = None
    for i, (start, end, line) in enumerate(lines[: last + 1]):
        n_words, header = len(line.split()), i < first
        if header and _DATE.search(line) and n_words <= 8 and _CAPS_PLACE.search(line):
            if meta["dateline"] is None:
                meta["dateline"], dateline_date = line, _line_date(line)
        elif header and _DATE.search(line) and (n_words <= 6 or furnished[i]):
            header_date = header_date or _line_date(line)  # a page header, or a byline's
            if furnished[i]:
                boiler.append((start, end))
        elif furnished[i] or (_FOOTER.search(line) and (header or n_words <= 15)):
            boiler.append((start, end))
        else:
            if (credit := furniture.tail_credit(line)) is not None:
                boiler.append((start + credit, end))
            if header and meta["title"] is None and 2 <= n_words <= 30:
                meta["title"] = line
    if last + 1 < len(lines):
        boiler.append((lines[last + 1][0], len(text)))
    meta["date"] = dateline_date or header_date  # the dateline beats the page header
    return meta, boiler


def _line_date(line: str) -> str | None:
    """The first date of ``line`` (with its time, if given) as ISO 8601."""
    match = _DATE_TIME.search(line)
    if match is None:
        return None
    return iso_date(match.group(0)) or iso_date(_DATE.search(line).group(0)) or None


def in_ranges(ranges: list | None, start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps any of ``ranges`` (sorted, few)."""
    return bool(ranges) and any(s < end and start < e for s, e in ranges)


class ArticleCleaner(DataComponent):
    """Record metadata and boilerplate ranges; changes no token."""

    data_files = (FURNITURE_FILE,)

    def __init__(self, nlp: Language, name: str = "article_cleaner") -> None:
        super().__init__(nlp, name)
        self.initialize()

    def set_data(self, data: dict) -> None:
        super().set_data(data)
        self.furniture = PageFurniture(data[FURNITURE_FILE])

    def __call__(self, doc: Doc) -> Doc:
        meta, boiler = clean_article(doc_text(doc), self.furniture)
        doc._.meta = meta
        doc._.boilerplate = [list(r) for r in boiler]
        _paragraph_sentences(doc)
        return doc


def _paragraph_sentences(doc: Doc) -> None:
    """A line break ends a sentence in news: captions and headlines do not run into the
    body. The parser keeps boundaries set before it runs."""
    if "\n" not in doc_text(doc):
        return
    for i in np.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True


@Language.factory(
    "article_cleaner",
    assigns=["doc._.meta", "doc._.boilerplate"],
)
def make_article_cleaner(nlp: Language, name: str) -> ArticleCleaner:
    return ArticleCleaner(nlp, name)
