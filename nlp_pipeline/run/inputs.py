"""Input documents as text: byte decoding, HTML pages, dates.

- :func:`decode` turns a file's bytes into text: UTF-8 (a BOM is honoured), else the
  encoding ``charset-normalizer`` detects. Offsets in every table index this decoded text.
  Bytes that no encoding explains give ``None``: the caller writes an error row.
- :func:`extract_html` takes the main text, title and publication date out of a scraped
  page with ``trafilatura`` (no fetching: the page is never reloaded, links never followed);
  navigation, footers and "Subscribe ..." boxes are dropped. Offsets index the extracted
  text, which the run saves in the ``texts`` table.
- :func:`iso_date` turns any common date spelling into ISO 8601 (``2021-07-01``, with the
  time when it is given: ``2021-07-01T10:04``) with ``dateparser``.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

# ---------------------------------------------------------------- decoding

UTF_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# the single-byte code pages a mostly-ASCII news text may come in, most common first; on a
# tie the first wins (short texts rarely tell cp1252 from cp1250 or latin-1)
SINGLE_BYTE = (
    "cp1252",
    "iso8859_15",
    "latin_1",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "iso8859_9",
    "cp1257",
    "iso8859_13",
    "cp1255",
    "cp1256",
    "mac_roman",
    "cp850",
)
# non-letters that legitimately follow or precede letters in news text
_TEXT_PUNCT = set("“”‘’„‚«»‹›–—…•·°€£¥©®™§¶×÷±¿¡ ­")
_NUL_SCAN = 65536


@dataclass
class Decoded:
    """Decoded text, the encoding it was read with, and a warning (one line) or ``""``."""

    text: str
    encoding: str
    warning: str = ""


def decode(data: bytes, *, declared: str | None = None) -> Decoded | None:
    """Bytes to text; ``None`` when they are not text in any encoding we can tell.

    Order: a Unicode BOM; strict UTF-8; ``declared`` (an HTML page's own charset) when the
    bytes decode with it; UTF-8 with the odd broken byte replaced (a warning) when nearly
    all of the non-ASCII bytes are valid UTF-8; else charset-normalizer's detection.
    """
    for bom, encoding in UTF_BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:_NUL_SCAN]:
        return None  # binary (or UTF-16 without a BOM, which we do not guess)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return Decoded(data.decode(declared), _codec_name(declared))
        except (UnicodeDecodeError, LookupError):
            pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = sum(1 for c in replaced if ord(c) > 127 and c != "\ufffd")
    if good and bad <= good:
        return Decoded(
            replaced, "utf-8", f"warning: {bad} byte(s) not valid UTF-8 replaced with U+FFFD"
        )
    return _detect(data)


def _codec_name(name: str) -> str:
    import codecs

    return codecs.lookup(name).name


def _mostly_single_byte(data: bytes) -> bool:
    """Few non-ASCII bytes, most of them alone between ASCII ones: accented letters and
    curly quotes in a Western text, not a CJK multi-byte encoding (whose bytes pair up)."""
    high = [i for i, b in enumerate(data) if b > 127]
    if not high or len(high) > len(data) // 3:
        return False
    alone = sum(
        1
        for i in high
        if (i == 0 or data[i - 1] < 128) and (i + 1 == len(data) or data[i + 1] < 128)
    )
    return alone * 2 >= len(high)


def _plausible(text: str) -> float:
    """Share of non-ASCII characters that are letters or text punctuation, and not a
    letter of another script glued to a Latin letter (``Pe鎙`` for ``Peña``)."""
    odd = [i for i, c in enumerate(text) if ord(c) > 127]
    if not odd:
        return 1.0
    good = 0
    for i in odd:
        c = text[i]
        if c in _TEXT_PUNCT:
            good += 1
            continue
        if not unicodedata.category(c).startswith("L"):
            continue
        script = _script(c)
        around = [text[j] for j in (i - 1, i + 1) if 0 <= j < len(text)]
        if all(not a.isalpha() or ord(a) > 127 or script == "LATIN" for a in around):
            good += 1
    return good / len(odd)


def _script(c: str) -> str:
    return unicodedata.name(c, "UNKNOWN").split(" ", 1)[0]


def _detect(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    single = _mostly_single_byte(data)
    matches = list(from_bytes(data, cp_isolation=list(SINGLE_BYTE) if single else None))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    names: list[str] = []
    for m in matches:
        if m.chaos <= least + 0.01:
            names.extend(n for n in [m.encoding, *m.could_be_from_charset] if n not in names)
    texts: dict[str, str] = {}
    for name in names:
        try:
            texts[name] = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    if not texts:
        return None
    rank = {n: i for i, n in enumerate(SINGLE_BYTE)}
    best = max(texts, key=lambda n: (round(_plausible(texts[n]), 3), -rank.get(n, len(rank))))
    return Decoded(texts[best], best)


# ---------------------------------------------------------------- HTML

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
HTML_SUFFIXES = {".html", ".htm"}


def looks_like_html(start: bytes) -> bool:
    """Whether a stream beginning with ``start`` is an HTML page."""
    return bool(_HTML_START.match(start.lstrip(b"\xef\xbb\xbf")[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


@dataclass
class HtmlText:
    """What :func:`extract_html` found; ``text`` is empty when the page has no article."""

    text: str
    title: str = ""
    date: str = ""
    url: str = ""


def extract_html(html: str) -> HtmlText:
    """Main text, title and publication date (ISO) of a news page, with trafilatura.

    The date comes from the page's structured metadata only (meta tags, ``<time>``, JSON-LD,
    the URL), not from dates found anywhere in the page, which are often the scrape date.
    """
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # a failed page is our row
    found = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        favor_precision=True,  # a page of links and boilerplate only gives no text
        include_comments=False,
        include_images=False,
        deduplicate=False,
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    if found is None:
        return HtmlText("")
    data = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    text = (data.get("text") or "").strip()
    return HtmlText(
        text,
        title=(data.get("title") or "").strip(),
        date=_html_date(data.get("date") or ""),
        url=(data.get("url") or "").strip(),
    )


def _html_date(value: str) -> str:
    """htmldate's ``%Y-%m-%dT%H:%M:%S%z`` without the midnight it gives to a bare day."""
    if value.endswith("T00:00:00"):
        value = value[: -len("T00:00:00")]
    return iso_date(value)


# ---------------------------------------------------------------- dates

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_ISO_PARTIAL = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\b|T\d{2}", re.IGNORECASE)
_DATEPARSER_SETTINGS = {
    # absolute dates only: "yesterday" or "2 days ago" would depend on when the run was
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    # a year alone or a month without a day are not silently completed with today's day
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}


@functools.lru_cache(maxsize=8192)
def iso_date(value: str) -> str:
    """``value`` as ISO 8601, or ``""`` when it is no date.

    A day alone gives ``YYYY-MM-DD``; a given time adds ``THH:MM`` (seconds when not zero)
    and a given time zone its offset. ``YYYY`` and ``YYYY-MM`` stay as they are.
    """
    value = " ".join(str(value).split())
    if not value:
        return ""
    if _ISO_PARTIAL.match(value):
        return value
    parsed: datetime | None = None
    if _ISO.match(value):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return ""
    else:
        import dateparser

        try:
            parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
        except (ValueError, TypeError, OverflowError):  # pragma: no cover - dateparser edge
            parsed = None
    if parsed is None:
        return ""
    if not _HAS_TIME.search(value) and parsed.tzinfo is None:
        return parsed.date().isoformat()
    timespec = "minutes" if parsed.second == 0 and parsed.microsecond == 0 else "seconds"
    return parsed.isoformat(timespec=timespec)
