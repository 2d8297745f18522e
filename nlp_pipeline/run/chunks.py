"""Cutting the work: long texts into chunks, records into windows, chunks into batches,
and one record's chunk rows back into its rows.

Sizes are bounded in characters as well as in counts because parser memory grows with the
characters in a batch, not with the number of documents. None of the cuts changes a
table's rows: offsets are shifted back into the full text and quote ids renumbered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from .. import tables
from ..schema import OFFSET_COLUMNS, ROW_TABLES
from .corpus import Record

# a document longer than this is parsed in paragraph-aligned chunks (bounded parser memory)
CHUNK_CHARS = 100_000
# the most characters one nlp.pipe batch holds (a longer single chunk goes alone)
BATCH_CHARS = 200_000
# a window (one shard) holds at most this many batches' worth of characters per process
WINDOW_BATCHES = 4


@dataclass
class Unit:
    """A piece of one record that goes through ``nlp.pipe``: the whole text or a chunk.

    It carries its own characters, not the record's whole text, so a worker process is sent
    only what it parses."""

    seq: int
    doc_id: str
    title: str
    date: str
    start: int
    text: str
    last: bool  # the record's last piece

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class _Sized(Protocol):
    text: str


def split_text(text: str, limit: int) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` slices of at most ``limit`` chars, cut at paragraphs.

    Prefers a blank line, then a line break, then a sentence end, then any space.
    """
    spans, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for pattern in (r"\n\s*\n", r"\n", r"[.!?][\"')\]”’]*\s", r"\s"):
            found = [m.end() for m in re.finditer(pattern, window)]
            found = [f for f in found if f > limit // 4]
            if found:
                cut = found[-1]
                break
        end = start + (cut if cut > 0 else limit)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def make_units(records: list[Record], max_chars: int) -> list[Unit]:
    """The pieces of the ``ok`` records, none longer than ``max_chars``."""
    units = []
    for rec in records:
        if rec.status != "ok":
            continue
        spans = split_text(rec.text, max_chars)
        for k, (s, e) in enumerate(spans):
            last = k == len(spans) - 1
            units.append(Unit(rec.seq, rec.doc_id, rec.title, rec.date, s, rec.text[s:e], last))
    return units


def bounded(items: Iterable[_Sized], size: int, max_chars: int) -> Iterator[list]:
    """Consecutive lists of at most ``size`` items and, unless one item alone is longer,
    at most ``max_chars`` characters of text: windows of records, batches of units."""
    group: list = []
    chars = 0
    for item in items:
        if group and (len(group) >= size or chars + len(item.text) > max_chars):
            yield group
            group, chars = [], 0
        group.append(item)
        chars += len(item.text)
    if group:
        yield group


def make_batches(units: list[Unit], batch_size: int, batch_chars: int) -> list[list[Unit]]:
    """Consecutive batches of at most ``batch_size`` units and ``batch_chars`` characters
    (a unit longer than that goes alone)."""
    return list(bounded(units, batch_size, batch_chars))


def merge_chunks(rec: Record, parts: list[tuple[Unit, dict]]) -> dict[str, list[dict]]:
    """One record's tables from its chunks, offsets shifted back into the full text."""
    if len(parts) == 1 and parts[0][0].start == 0:
        return parts[0][1]
    merged: dict[str, list[dict]] = {name: [] for name in ROW_TABLES}
    actors: dict[str, dict] = {}
    for unit, part in parts:
        # quote ids restart in every chunk: renumber them q1..qN over the whole document
        ids = {
            q["quote_id"]: f"q{len(merged['quotes']) + i}" for i, q in enumerate(part["quotes"], 1)
        }
        for name in ("mentions", "quotes", "relations"):
            for row in part[name]:
                row = dict(row)
                for col in OFFSET_COLUMNS:
                    if isinstance(row.get(col), int):
                        row[col] += unit.start
                if row.get("quote_id"):
                    row["quote_id"] = ids.get(row["quote_id"], row["quote_id"])
                merged[name].append(row)
        for row in part["doc_actors"]:
            _merge_actor(actors.setdefault(row["actor_id"], dict(row)), row)
    first = parts[0][1]["documents"][0]
    doc_row = tables.document_row(
        rec.doc_id, title=first["title"], date=first["date"], text=rec.text
    )
    for col, name in (
        ("n_mentions", "mentions"),
        ("n_quotes", "quotes"),
        ("n_relations", "relations"),
    ):
        doc_row[col] = len(merged[name])
    for row in merged["relations"]:
        row["date"] = doc_row["date"]
    merged["documents"] = [doc_row]
    merged["doc_actors"] = list(actors.values())
    return merged


def _merge_actor(old: dict, row: dict) -> None:
    """One actor seen in two chunks: every alias, and the longest name."""
    joined = old["aliases"] + tables.ALIAS_SEP + row["aliases"]
    old["aliases"] = tables.ALIAS_SEP.join(
        sorted(set(filter(None, joined.split(tables.ALIAS_SEP))))
    )
    if len(row["name"]) > len(old["name"]):
        old["name"] = row["name"]
