"""Read a corpus as a stream of records, turning bad input into flagged records.

Supported inputs (DESIGN section 5): a ``.txt`` file, a directory of ``.txt`` files
(recursive, ``doc_id`` = relative path without extension), a ``.jsonl`` file (``id``,
``text``, optional ``title``, ``date``, ``url``), a ``.csv`` file (``id``, ``text``) and
``-`` for JSONL on standard input. Nothing here raises on a bad document: an empty,
binary or malformed one becomes a :class:`Record` with ``status`` ``skipped`` or
``error`` and a one-line ``error``, so the runner can write its row and go on. Only a
corpus path that cannot be read at all raises :class:`CorpusError`.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

# a document above this many characters is skipped rather than parsed in chunks
MAX_CHARS = 20_000_000
REPLACED = "warning: not valid UTF-8, decoded with replacement characters"
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


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
    # one line; for ``ok`` records a warning (e.g. replacement decoding) or empty
    error: str = ""


def corpus_kind(path: str | Path) -> str:
    """``stdin``, ``dir``, ``jsonl``, ``csv`` or ``txt``; raises if the path is missing."""
    if str(path) == "-":
        return "stdin"
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus not found: {path}")
    if path.is_dir():
        return "dir"
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "csv" if suffix == ".csv" else "txt"


def read_corpus(path: str | Path) -> Iterator[Record]:
    """Yield the corpus's records in a stable order (the order resume relies on)."""
    kind = corpus_kind(path)
    if kind == "stdin":
        records = _read_jsonl(sys.stdin.buffer, "stdin")
    elif kind == "dir":
        records = _read_dir(Path(path))
    elif kind == "jsonl":
        records = _read_jsonl_file(Path(path))
    elif kind == "csv":
        records = _read_csv(Path(path))
    else:
        records = iter([_text_record(Path(path), Path(path).stem)])
    seen: dict[str, int] = {}
    for seq, rec in enumerate(records):
        rec.seq = seq
        if rec.doc_id in seen:
            rec.status, rec.text = "skipped", ""
            rec.error = f"duplicate id: first seen as record {seen[rec.doc_id] + 1}"
        else:
            seen[rec.doc_id] = seq
        yield rec


def count_records(path: str | Path) -> int | None:
    """A cheap count for progress bars; None where it would need a full parse."""
    kind = corpus_kind(path)
    if kind == "dir":
        return sum(1 for _ in _txt_files(Path(path)))
    if kind == "txt":
        return 1
    if kind == "jsonl":
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    return None


def _txt_files(root: Path) -> Iterator[Path]:
    return (p for p in sorted(root.rglob("*")) if p.suffix.lower() == ".txt" and p.is_file())


def _read_dir(root: Path) -> Iterator[Record]:
    for path in _txt_files(root):
        yield _text_record(path, path.relative_to(root).with_suffix("").as_posix())


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 text (BOM dropped) and a warning when bytes had to be replaced."""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="replace"), REPLACED


def _text_record(path: Path, doc_id: str) -> Record:
    rec = Record(0, doc_id)
    try:
        data = path.read_bytes()
    except OSError as err:
        rec.status, rec.error = "error", f"cannot read file: {err.strerror or err}"
        return rec
    if b"\x00" in data[:65536]:
        rec.status, rec.error = "error", "binary file (NUL bytes), not text"
        return rec
    text, warning = _decode(data)
    # offsets index the text as Path.read_text() returns it: universal newlines
    rec.text = text.replace("\r\n", "\n").replace("\r", "\n")
    rec.error = warning
    return _check_text(rec)


def _check_text(rec: Record) -> Record:
    if not rec.text.strip():
        rec.status, rec.error, rec.text = "skipped", "empty text", ""
    elif len(rec.text) > MAX_CHARS:
        rec.status, rec.text = "skipped", ""
        rec.error = f"document too large (over {MAX_CHARS:,} characters)"
    return rec


def _read_jsonl_file(path: Path) -> Iterator[Record]:
    with open(path, "rb") as f:
        yield from _read_jsonl(f, path.name)


def _field(obj: dict, *names: str) -> str:
    for name in names:
        value = obj.get(name)
        if value is not None and value != "":
            return str(value)
    return ""


def _read_jsonl(stream: BinaryIO, name: str) -> Iterator[Record]:
    for lineno, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        line, warning = _decode(raw)
        rec = Record(0, f"{name}:{lineno}")
        try:
            obj = json.loads(line)
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
        rec.date = _field(obj, "date", "published")
        text = obj.get("text")
        if not isinstance(text, str):
            what = "has no 'text' field" if text is None else "has a 'text' that is not a string"
            rec.status, rec.error = "error", f"line {lineno} {what}"
        else:
            rec.text, rec.error = text, warning
            _check_text(rec)
        yield rec


class _CountingReplace:
    """Error handler that replaces undecodable bytes and remembers that it did."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, err: UnicodeDecodeError) -> tuple[str, int]:
        self.count += 1
        return "\ufffd", err.end


def _read_csv(path: Path) -> Iterator[Record]:
    import codecs

    handler = _CountingReplace()
    handler_name = f"nlp_pipeline_csv_{id(handler)}"
    codecs.register_error(handler_name, handler)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, "rb") as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors=handler_name, newline="")
        reader = csv.DictReader(stream)
        try:
            fields = reader.fieldnames or []
        except csv.Error as err:
            yield Record(0, path.stem, status="error", error=f"unreadable CSV: {err}")
            return
        if "text" not in fields:
            shown = ", ".join(fields[:8]) or "none"
            yield Record(
                0, path.stem, status="error", error=f"CSV has no 'text' column (columns: {shown})"
            )
            return
        rownum = 0
        while True:
            rownum += 1
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
            rec.date = row.get("date") or row.get("published") or ""
            text = row.get("text")
            if text is None:
                rec.status, rec.error = "error", f"row {rownum} has no 'text' value"
            else:
                rec.text = text
                if handler.count and "\ufffd" in text:
                    rec.error = REPLACED
                _check_text(rec)
            yield rec
