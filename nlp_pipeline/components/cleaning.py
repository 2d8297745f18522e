"""Article cleaning: find the metadata and the boilerplate of a scraped news page.

Scraped articles carry a date header, a headline, a dateline, tag lines and a portal
footer. Nothing is removed from the text (offsets must index the original); instead
the cleaner records ``doc._.meta`` (title, date, dateline) and ``doc._.boilerplate``
(character ranges later components ignore). Line breaks become sentence boundaries.

``meta["date"]`` is ISO 8601 (``2021-07-01T10:04`` when the time is given): the date of
the dateline (``2021 Jul 01, 10:04, SEOUL, South Korea``) when there is one, else the date
of the page header (``Thursday Aug 11, 2022``, often the day the page was scraped).
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from ..run.inputs import iso_date
from .extensions import install_extensions

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


def _is_prose(line: str) -> bool:
    words = line.split()
    return (len(words) >= 8 and line.rstrip()[-1:] in _END) or len(words) >= 30


def clean_article(text: str) -> tuple[dict, list[tuple[int, int]]]:
    """Return ``(meta, boilerplate_ranges)`` for a raw article text."""
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
    dateline_date = header_date = None
    for start, end, line in lines[:first]:
        n_words = len(line.split())
        if _DATE.search(line) and n_words <= 8 and _CAPS_PLACE.search(line):
            if meta["dateline"] is None:
                meta["dateline"], dateline_date = line, _line_date(line)
        elif _DATE.search(line) and n_words <= 6:
            header_date = header_date or _line_date(line)
        elif _FOOTER.search(line):
            boiler.append((start, end))
        elif meta["title"] is None and 2 <= n_words <= 30:
            meta["title"] = line
    for start, end, line in lines[first : last + 1]:
        if len(line.split()) <= 15 and _FOOTER.search(line):
            boiler.append((start, end))
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


class ArticleCleaner:
    """Record metadata and boilerplate ranges; changes no token."""

    def __init__(self, nlp: Language, name: str) -> None:
        install_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        meta, boiler = clean_article(doc.text)
        doc._.meta = meta
        doc._.boilerplate = [list(r) for r in boiler]
        _paragraph_sentences(doc)
        return doc


def _paragraph_sentences(doc: Doc) -> None:
    """A line break ends a sentence in news: captions and headlines do not run into the
    body. The parser keeps boundaries set before it runs."""
    if "\n" not in doc.text:
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
