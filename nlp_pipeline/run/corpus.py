"""Read a corpus as a stream of records, turning bad input into flagged records.

Supported inputs: a ``.txt`` or ``.html``/``.htm`` file, a directory of them (recursive,
``doc_id`` = relative path without extension), a ``.jsonl`` file (``id``, ``text`` or
``html``, optional ``title``, ``date``/``published``, ``url``), a ``.csv`` file with the
same columns, and ``-`` for standard input: JSONL when its first line is a JSON object,
else one document (an HTML page or plain text), or as ``stdin_format`` says.

Bytes are decoded by :func:`nlp_pipeline.run.inputs.decode` (UTF-8, else the detected
encoding); HTML pages are reduced to their main text by
:func:`nlp_pipeline.run.inputs.extract_html`. A record's ``origin`` says when its text is not
the input read as UTF-8 (``html``, or the encoding it was decoded from): the run then
saves the text, which the offsets index, in the ``texts`` table. Dates become ISO 8601; a
``date``/``published`` field beats the dates found in the text.

Nothing here raises on a bad document: an empty, binary, undecodable or malformed one
becomes a :class:`Record` with ``status`` ``skipped`` or ``error`` and a one-line
``error``, so the engine can write its row and go on. Only a corpus path that cannot be
read at all raises :class:`CorpusError`.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from .inputs import HTML_SUFFIXES, declared_charset, decode, extract_html, iso_date, looks_like_html

# a document above this many characters is skipped rather than parsed in chunks
MAX_CHARS = 20_000_000
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TABLE_SUFFIXES = {*JSONL_SUFFIXES, ".csv"}
TEXT_SUFFIXES = {".txt", *HTML_SUFFIXES}
STDIN_FORMATS = ("auto", "jsonl", "text", "html")
UNDECODABLE = "not text: no encoding decodes these bytes (not UTF-8, none detected)"
# bytes of a CSV file checked for UTF-8 before it is read (past that: replacement)
_CSV_SAMPLE = 4_000_000


class CorpusError(ValueError):
    """The corpus as a whole cannot be read (missing path, unreadable directory)."""


@dataclass
class Record:
    """One input document; ``seq`` is its position in the corpus stream."""

    seq: int
    doc_id: str
    text: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    status: str = "ok"
    # one line; for ``ok`` records a warning (e.g. an unreadable date) or empty
    error: str = ""
    # "" when ``text`` is the input read as UTF-8; else "html" or the source encoding
    origin: str = ""


def corpus_kind(path: str | Path) -> str:
    """``stdin``, ``dir``, ``jsonl``, ``csv``, ``html`` or ``txt``; raises if missing."""
    if str(path) == "-":
        return "stdin"
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus not found: {path}")
    if path.is_dir():
        if not any(p.suffix.lower() in TEXT_SUFFIXES for p in path.rglob("*")):
            # a folder of .jsonl/.csv would otherwise run as zero documents, silently
            tables = sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in TABLE_SUFFIXES)
            hint = f"; give the file itself: {tables[0]}" if tables else ""
            raise CorpusError(f"no .txt or .html files in folder {path}{hint}")
        return "dir"
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "csv" if suffix == ".csv" else "txt"


def read_corpus(
    path: str | Path, *, stdin_format: str = "auto", stdin: BinaryIO | None = None
) -> Iterator[Record]:
    """Yield the corpus's records in a stable order (the order resume relies on)."""
    kind = corpus_kind(path)
    if kind == "stdin":
        records = read_stdin(stdin or sys.stdin.buffer, stdin_format)
    elif kind == "dir":
        records = _read_dir(Path(path))
    elif kind == "jsonl":
        records = _read_jsonl_file(Path(path))
    elif kind == "csv":
        records = _read_csv(Path(path))
    else:
        records = iter([file_record(Path(path), Path(path).stem)])
    seen: dict[str, int] = {}
    for seq, rec in enumerate(records):
        rec.seq = seq
        if rec.doc_id in seen:
            rec.status, rec.text, rec.origin = "skipped", "", ""
            rec.error = f"duplicate id: first seen as record {seen[rec.doc_id] + 1}"
        else:
            seen[rec.doc_id] = seq
        yield rec


def count_records(path: str | Path) -> int | None:
    """A cheap count for progress bars; None where it would need a full parse."""
    kind = corpus_kind(path)
    if kind == "dir":
        return sum(1 for _ in _text_files(Path(path)))
    if kind in ("txt", "html"):
        return 1
    if kind == "jsonl":
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    return None


def _text_files(root: Path) -> Iterator[Path]:
    return (p for p in sorted(root.rglob("*")) if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())


def _read_dir(root: Path) -> Iterator[Record]:
    for path in _text_files(root):
        yield file_record(path, path.relative_to(root).with_suffix("").as_posix())


# ---------------------------------------------------------------- one document


def file_record(path: Path, doc_id: str | None = None) -> Record:
    """One ``.txt`` or ``.html`` file as a record (HTML by its suffix)."""
    rec = Record(0, path.stem if doc_id is None else doc_id)
    try:
        data = path.read_bytes()
    except OSError as err:
        rec.status, rec.error = "error", f"cannot read file: {err.strerror or err}"
        return rec
    return bytes_record(rec, data, html=path.suffix.lower() in HTML_SUFFIXES)


def bytes_record(rec: Record, data: bytes, *, html: bool = False) -> Record:
    """Fill ``rec`` from the bytes of one document: plain text or an HTML page."""
    decoded = decode(data, declared=declared_charset(data) if html else None)
    if decoded is None:
        binary = b"\x00" in data[:65536]
        rec.status = "error"
        rec.error = "binary file (NUL bytes), not text" if binary else UNDECODABLE
        return rec
    if html:
        return html_record(rec, decoded.text)
    # offsets index the text as Path.read_text() returns it: universal newlines
    rec.text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    rec.origin = "" if decoded.encoding == "utf-8" else decoded.encoding
    rec.error = _join(rec.error, decoded.warning)
    return check_text(rec)


def html_record(rec: Record, html: str) -> Record:
    """``rec`` with the main text of an HTML page; its title, date and canonical URL fill
    the fields the source left empty."""
    try:
        page = extract_html(html)
    except Exception as err:  # a page trafilatura cannot parse is this document's error
        rec.status, rec.error = "error", f"cannot extract text from HTML: {err}"[:300]
        return rec
    rec.text, rec.origin = page.text, "html"
    rec.title, rec.url = rec.title or page.title, rec.url or page.url
    rec.date = rec.date or page.date
    if not page.text.strip():
        rec.status, rec.error, rec.text, rec.origin = "skipped", "no article text in HTML", "", ""
        return rec
    return check_text(rec)


def check_text(rec: Record) -> Record:
    """Mark an empty or oversized text ``skipped``."""
    if not rec.text.strip():
        rec.status, rec.error, rec.text, rec.origin = "skipped", "empty text", "", ""
    elif len(rec.text) > MAX_CHARS:
        rec.status, rec.text, rec.origin = "skipped", "", ""
        rec.error = f"document too large (over {MAX_CHARS:,} characters)"
    return rec


def _join(*warnings: str) -> str:
    return "; ".join(w for w in warnings if w)


def _set_date(rec: Record, value: object) -> None:
    """A source ``date``/``published`` value as ISO; an unreadable one is a warning."""
    raw = "" if value is None else " ".join(str(value).split())
    if not raw:
        return
    rec.date = iso_date(raw)
    if not rec.date:
        rec.error = _join(rec.error, f"warning: date {raw[:40]!r} not understood, ignored")


# ---------------------------------------------------------------- stdin


def read_stdin(stream: BinaryIO, fmt: str = "auto") -> Iterator[Record]:
    """Standard input as JSONL records or as one document with id ``stdin``.

    ``auto``: JSONL when the first non-blank line is a JSON object, an HTML page when it
    starts like one, else plain text.
    """
    if fmt not in STDIN_FORMATS:
        raise CorpusError(f"unknown stdin format {fmt!r}; use one of {', '.join(STDIN_FORMATS)}")
    lines: Iterable[bytes] = stream
    if fmt == "auto":
        head: list[bytes] = []
        for raw in stream:
            head.append(raw)
            if raw.strip():
                break
        fmt = sniff(head[-1] if head else b"")
        lines = chain(head, stream)
    if fmt == "jsonl":
        yield from _read_jsonl(lines, "stdin")
        return
    data = b"".join(lines)
    yield bytes_record(Record(0, "stdin"), data, html=fmt == "html")


def sniff(first_line: bytes) -> str:
    """``jsonl``, ``html`` or ``text`` for a stream whose first non-blank line is given."""
    line = first_line.lstrip(b"\xef\xbb\xbf").strip()
    if line.startswith(b"{"):
        try:
            if isinstance(json.loads(line), dict):
                return "jsonl"
        except ValueError:
            pass
    return "html" if looks_like_html(line) else "text"


# ---------------------------------------------------------------- JSONL and CSV


def _read_jsonl_file(path: Path) -> Iterator[Record]:
    with open(path, "rb") as f:
        yield from _read_jsonl(f, path.name)


def _field(obj: dict, *names: str) -> str:
    for name in names:
        value = obj.get(name)
        if value is not None and value != "":
            return str(value)
    return ""


def _read_jsonl(stream: Iterable[bytes], name: str) -> Iterator[Record]:
    for lineno, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        rec = Record(0, f"{name}:{lineno}")
        decoded = decode(raw)
        if decoded is None:
            rec.status, rec.error = "error", f"line {lineno} is {UNDECODABLE}"
            yield rec
            continue
        try:
            obj = json.loads(decoded.text)
        except ValueError as err:
            rec.status, rec.error = "error", f"line {lineno} is not valid JSON: {err.msg}"
            yield rec
            continue
        if not isinstance(obj, dict):
            rec.status, rec.error = "error", f"line {lineno} is not a JSON object"
            yield rec
            continue
        rec.doc_id = _field(obj, "id") or rec.doc_id
        rec.title, rec.url = _field(obj, "title"), _field(obj, "url")
        rec.error = decoded.warning
        _set_date(rec, _field(obj, "date", "published"))
        if decoded.encoding != "utf-8":
            rec.origin = decoded.encoding
        yield _fill(rec, obj.get("text"), obj.get("html"), f"line {lineno}", "field")


def _fill(rec: Record, text: object, html: object, where: str, what: str) -> Record:
    """``rec`` with its ``text`` (or, lacking one, the main text of its ``html``)."""
    if isinstance(text, str) and (text.strip() or not isinstance(html, str)):
        rec.text = text
        return check_text(rec)
    if isinstance(html, str):
        return html_record(rec, html)
    if text is None and html is None:
        rec.status, rec.error = "error", f"{where} has no 'text' or 'html' {what}"
    else:
        rec.status, rec.error = "error", f"{where} has a 'text' that is not a string"
    return rec


class _CountingReplace:
    """Error handler that replaces undecodable bytes and remembers that it did."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, err: UnicodeDecodeError) -> tuple[str, int]:
        self.count += 1
        return "\ufffd", err.end


def _csv_encoding(path: Path) -> tuple[str, str]:
    """The encoding to read a CSV file with, and its ``origin`` ("" for UTF-8).

    A file whose first few MB are not UTF-8 is decoded as charset-normalizer detects from
    them; bytes the encoding cannot map later on are replaced (with a warning per row).
    """
    with open(path, "rb") as f:
        sample = f.read(_CSV_SAMPLE)
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", ""
    try:
        sample.decode("utf-8")
        return "utf-8", ""
    except UnicodeDecodeError as err:
        if err.start >= len(sample) - 4:  # a character cut by the sample's end
            return "utf-8", ""
    decoded = decode(sample)
    if decoded is None or decoded.encoding in ("utf-8", "utf-16", "utf-32"):
        return "utf-8", ""
    return decoded.encoding, decoded.encoding


def _read_csv(path: Path) -> Iterator[Record]:
    import codecs

    handler = _CountingReplace()
    handler_name = f"nlp_pipeline_csv_{id(handler)}"
    codecs.register_error(handler_name, handler)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    encoding, origin = _csv_encoding(path)
    with open(path, "rb") as raw:
        stream = io.TextIOWrapper(raw, encoding=encoding, errors=handler_name, newline="")
        reader = csv.DictReader(stream)
        try:
            fields = reader.fieldnames or []
        except csv.Error as err:
            yield Record(0, path.stem, status="error", error=f"unreadable CSV: {err}")
            return
        if "text" not in fields and "html" not in fields:
            shown = ", ".join(fields[:8]) or "none"
            yield Record(
                0,
                path.stem,
                status="error",
                error=f"CSV has no 'text' column (nor 'html'; columns: {shown})",
            )
            return
        rownum = 0
        while True:
            rownum += 1
            seen = handler.count
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                yield Record(
                    0, f"{path.name}:{rownum}", status="error", error=f"bad CSV row: {err}"
                )
                continue
            rec = Record(0, (row.get("id") or "").strip() or f"{path.name}:{rownum}")
            rec.title, rec.url = row.get("title") or "", row.get("url") or ""
            rec.origin = origin
            if handler.count > seen:
                rec.error = f"warning: bytes not valid {encoding} replaced with U+FFFD"
            _set_date(rec, row.get("date") or row.get("published"))
            yield _fill(rec, row.get("text"), row.get("html"), f"row {rownum}", "value")
