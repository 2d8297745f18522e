"""One analyze run's output folder: checks, resume, shards, progress, the final tables.

A :class:`Run` is made before the pipeline loads, so a bad corpus path or an OUT that
cannot be used fails fast; it is then handed to an engine (local processes in
:mod:`~nlp_pipeline.run.engine`, a Dask cluster in :mod:`~nlp_pipeline.run.dask`), which
asks it for windows of the records still to do and gives it each window's rows. Each
window's rows become one shard under ``OUT/_shards``, written atomically; a finished shard
is never redone: ``resume=True`` skips the records it holds. At the end the shards are
streamed into the contract tables (plus ``texts``, the text of every document whose input
was not plain UTF-8 text), so memory stays flat in the corpus size.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from pathlib import Path

import pandas as pd
import srsly
from spacy.language import Language

from .. import tables
from ..loading import DEFAULT_MODEL, default_batch_size
from ..schema import COLUMNS, INT_COLUMNS
from .chunks import BATCH_CHARS, CHUNK_CHARS, WINDOW_BATCHES, bounded
from .corpus import Record, corpus_kind, count_records, read_corpus
from .writer import TableWriter, write_bytes

SHARD_DIR = "_shards"
MANIFEST = "run.json"
FORMATS = ("csv", "parquet")
# the text the offsets index, for documents whose input is not that text (HTML, non-UTF-8)
TEXTS = "texts"
# what analyze writes into OUT besides the shards
OUTPUT_TABLES = (*tables.TABLES, TEXTS)

Progress = Callable[[int, int], None]


class OutputError(RuntimeError):
    """OUT cannot be used as asked (not empty, or holds another corpus's run)."""


@dataclass
class Summary:
    """What a run produced; counts are over the final tables, speed over this run."""

    out: Path
    documents: int = 0
    ok: int = 0
    errors: int = 0
    skipped: int = 0
    actors: int = 0
    quotes: int = 0
    relations: int = 0
    processed: int = 0
    words: int = 0
    seconds: float = 0.0
    files: list[Path] = field(default_factory=list)
    graph_error: str = ""

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Batching:
    """How ``nlp.pipe`` is fed: documents (or chunks) and characters per batch, and the
    longest text parsed whole. Unset values take the pipeline's defaults, on whichever
    machine holds the pipeline (a Dask worker resolves its own)."""

    batch_size: int | None = None
    batch_chars: int | None = None
    max_chars: int | None = None

    def resolve(self, nlp: Language) -> Batching:
        return Batching(
            self.batch_size or default_batch_size(nlp),
            self.batch_chars or BATCH_CHARS,
            self.max_chars or min(nlp.max_length, CHUNK_CHARS),
        )


class Run:
    """OUT checked against the flags (once, when made), the records still to do, the shards
    written, the progress callbacks and the :class:`Summary`.

    ``on_progress(docs, words)`` is called as each shard is written; ``on_doc(docs, words)``
    as an engine reports finished documents (or chunks: ``docs`` 0).
    """

    def __init__(
        self,
        corpus: str | Path,
        out: str | Path,
        *,
        model: str = DEFAULT_MODEL,
        fmt: str = "csv",
        resume: bool = False,
        overwrite: bool = False,
        limit: int | None = None,
        graph: bool = True,
        stdin_format: str = "auto",
        batch_size: int | None = None,
        batch_chars: int | None = None,
        max_chars: int | None = None,
        shard_size: int | None = None,
        on_progress: Progress | None = None,
        on_doc: Progress | None = None,
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.kind = corpus_kind(corpus)  # a missing corpus fails here, before any loading
        self.corpus, self.out, self.model, self.fmt = corpus, Path(out), str(model), fmt
        self.name = "-" if self.kind == "stdin" else str(Path(corpus).resolve())
        self.resume, self.overwrite, self.limit = resume, overwrite, limit
        self.graph, self.stdin_format, self.shard_size = graph, stdin_format, shard_size
        self.batching = Batching(batch_size, batch_chars, max_chars)
        self.on_progress, self.on_doc = on_progress, on_doc
        self.non_empty = check_out(self.out, resume=resume, overwrite=overwrite)
        self.summary = Summary(self.out)
        self.next_index = 1
        self.start = time.perf_counter()

    @cached_property
    def total(self) -> int | None:
        """The records this run covers, for progress and partition sizes (counted once);
        None where counting would need a full parse (stdin, CSV)."""
        total = None if self.kind == "stdin" else count_records(self.corpus)
        return min(total, self.limit) if total is not None and self.limit else total

    def windows(
        self, size: int, batch_chars: int | None, workers: int = 1
    ) -> Iterator[list[Record]]:
        """Prepare OUT, then yield the records still to do in windows (one shard each) of
        at most ``shard_size`` (else ``size``) records and, unless one record is longer,
        ``workers`` x :data:`WINDOW_BATCHES` batches' worth of characters."""
        pending, n_done = self._open()
        if n_done:  # a resumed run's progress starts where the last one stopped
            self._report(self.on_doc or self.on_progress, n_done, 0)
        self.start = time.perf_counter()
        chars = (batch_chars or BATCH_CHARS) * workers * WINDOW_BATCHES
        return bounded(pending, self.shard_size or size, chars)

    def write_shard(self, records: list[Record], rows: dict[str, list[dict]]) -> None:
        """Save one window's rows (the next shard number) and count its progress."""
        write_shard(self.out / SHARD_DIR / f"shard-{self.next_index:06d}.msgpack", records, rows)
        self.next_index += 1
        words = sum(r["n_words"] for r in rows["documents"] if r["status"] == "ok")
        self.summary.processed += len(records)
        self.summary.words += words
        self._report(self.on_progress, len(records), words)

    def advance(self, docs: int, words: int) -> None:
        """An engine finished ``docs`` documents of ``words`` words."""
        self._report(self.on_doc, docs, words)

    def finish(self) -> Summary:
        """Merge the shards into the tables, then the graph (whose failure loses no table)."""
        summary = merge_shards(self.out, self.fmt, self.summary)
        if self.graph:
            try:
                summary.files.append(write_graph(self.out))
            except Exception as err:  # the tables are complete; report, do not lose them
                summary.graph_error = f"graph not written: {one_line(err)}"
        summary.seconds = time.perf_counter() - self.start
        return summary

    @staticmethod
    def _report(callback: Progress | None, docs: int, words: int) -> None:
        if callback:
            callback(docs, words)

    def _open(self) -> tuple[Iterator[Record], int]:
        """Prepare OUT; the records still to do, and how many earlier runs finished."""
        shards = self._prepare()
        done: dict[int, str] = {}
        for path in shards:
            for seq, doc_id in srsly.msgpack_loads(path.read_bytes())["done"]:
                done[seq] = doc_id
        records: Iterable[Record] = read_corpus(self.corpus, stdin_format=self.stdin_format)
        if self.limit is not None:
            records = islice(records, self.limit)
        self.next_index = max((_shard_index(p) for p in shards), default=0) + 1
        return _skip_done(records, done), min(len(done), self.limit or len(done))

    def _prepare(self) -> list[Path]:
        """Clear or check OUT as the flags say; return the finished shards to keep."""
        if self.non_empty and self.overwrite:
            _clear(self.out)
        shard_dir = self.out / SHARD_DIR
        manifest = shard_dir / MANIFEST
        if self.resume and manifest.is_file():
            old = srsly.read_json(manifest)
            if old.get("corpus") != self.name:
                raise OutputError(
                    f"{self.out} holds a run over {old.get('corpus')}, not this corpus"
                )
            if old.get("model") != self.model:
                raise OutputError(
                    f"{self.out} was analysed with model {old.get('model')}, not {self.model}"
                )
        shard_dir.mkdir(parents=True, exist_ok=True)
        for tmp in [*shard_dir.glob(".*.tmp"), *self.out.glob(".*.tmp")]:  # a killed run's
            tmp.unlink()
        write_bytes(manifest, srsly.json_dumps({"corpus": self.name, "model": self.model}).encode())
        return sorted(shard_dir.glob("shard-*.msgpack"))


def check_out(out: Path, *, resume: bool, overwrite: bool) -> bool:
    """Raise :class:`OutputError` if OUT cannot be used with these flags; True if non-empty."""
    if resume and overwrite:
        raise OutputError("--resume and --overwrite exclude each other")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a directory")
    non_empty = out.is_dir() and any(out.iterdir())
    if non_empty and not (resume or overwrite):
        raise OutputError(f"{out} is not empty; use --resume to continue or --overwrite")
    return non_empty


def _clear(out: Path) -> None:
    """Remove what a previous run wrote, and nothing else."""
    shutil.rmtree(out / SHARD_DIR, ignore_errors=True)
    ours = [f"{name}.{fmt}" for name in OUTPUT_TABLES for fmt in FORMATS]
    for name in (*ours, "graph.gexf", "graph.graphml", "graph.json"):
        (out / name).unlink(missing_ok=True)
    for path in out.glob(".*.tmp"):
        path.unlink()
    if any(out.iterdir()):
        raise OutputError(f"{out} holds files this tool did not write; choose another --out")


def _shard_index(path: Path) -> int:
    match = re.search(r"(\d+)", path.stem)
    return int(match.group(1)) if match else 0


def _skip_done(records: Iterable[Record], done: dict[int, str]) -> Iterator[Record]:
    for rec in records:
        if rec.seq in done:
            if done[rec.seq] != rec.doc_id:
                raise OutputError(
                    f"the corpus changed since the interrupted run (record {rec.seq + 1} was "
                    f"{done[rec.seq]!r}, now {rec.doc_id!r}); use --overwrite"
                )
            continue
        yield rec


def one_line(err: BaseException) -> str:
    """An exception as one short line: type and first line of its message."""
    text = str(err).strip().splitlines()
    msg = f"{type(err).__name__}: {text[0]}" if text else type(err).__name__
    return msg[:300]


# ---------------------------------------------------------------- shards -> tables


def write_shard(path: Path, records: list[Record], rows: dict[str, list[dict]]) -> None:
    """One window's rows and the records they cover (by ``seq`` and ``doc_id``)."""
    done = [[r.seq, r.doc_id] for r in records]
    write_bytes(path, srsly.msgpack_dumps({"done": done, "tables": rows}))


def _shards_in_order(out: Path) -> list[Path]:
    """The shard files in corpus order (by their first record)."""
    loaded = []
    for path in (out / SHARD_DIR).glob("shard-*.msgpack"):
        first = srsly.msgpack_loads(path.read_bytes())["done"]
        loaded.append((first[0][0] if first else -1, path))
    return [path for _, path in sorted(loaded)]


def _read_shards(paths: list[Path]) -> Iterator[dict[str, list[dict]]]:
    for path in paths:
        yield srsly.msgpack_loads(path.read_bytes())["tables"]


_STREAMED = ("documents", "mentions", "quotes", "relations")
# what the actors table needs from each shard (None: every column)
_ACTOR_PARTS = {"doc_actors": None, "mentions": ["doc_id", "actor_id"], "quotes": ["speaker_id"]}


def merge_shards(out: Path, fmt: str, summary: Summary | None = None) -> Summary:
    """Stream all shards into the tables; only actor data is held in memory.

    ``texts`` is written only when some document needs it (HTML or non-UTF-8 input).
    """
    summary = summary or Summary(out)
    shards = _shards_in_order(out)
    columns = _columns(shards)
    writers = {n: TableWriter(out / f"{n}.{fmt}", fmt, columns[n], INT_COLUMNS) for n in _STREAMED}
    actor_parts: dict[str, list[pd.DataFrame]] = {name: [] for name in _ACTOR_PARTS}
    try:
        for shard in _read_shards(shards):  # write rows, keep what actors need
            # each table of the shard becomes a typed frame once, for both uses
            frames = {n: tables.frame(n, rows) for n, rows in shard.items() if rows}
            for name in _STREAMED:
                if name in frames:
                    writers[name].write(frames[name])
            if TEXTS in frames:
                if TEXTS not in writers:
                    writers[TEXTS] = TableWriter(out / f"{TEXTS}.{fmt}", fmt, COLUMNS[TEXTS])
                writers[TEXTS].write(frames[TEXTS])
            for name, cols in _ACTOR_PARTS.items():
                if name in frames:
                    actor_parts[name].append(frames[name][cols] if cols else frames[name])
            _count(summary, shard)
        summary.files = [w.close() for w in writers.values()]
    finally:
        for w in writers.values():
            w.discard()
    parts = {
        name: pd.concat(dfs, ignore_index=True) if dfs else tables.frame(name, [])
        for name, dfs in actor_parts.items()
    }
    # one order whatever the corpus order, processes or batches: ties between two names of
    # an actor go to the one in the first document by doc_id
    doc_actors = parts["doc_actors"].sort_values(["actor_id", "doc_id"], kind="stable")
    actors = tables.aggregate_actors(doc_actors, parts["mentions"], parts["quotes"])
    summary.actors = len(actors)
    summary.files.insert(2, tables.write_table(actors, out / f"actors.{fmt}", fmt))
    return summary


def _columns(shards: list[Path]) -> dict[str, list[str]]:
    """Each streamed table's contract columns, then any extra ones its rows carry."""
    columns = {name: list(COLUMNS[name]) for name in _STREAMED}
    for shard in _read_shards(shards):
        for name, cols in columns.items():
            for row in shard[name][:50]:
                cols.extend(k for k in row if k not in cols)
    return columns


def _count(summary: Summary, shard: dict[str, list[dict]]) -> None:
    docs = shard["documents"]
    summary.documents += len(docs)
    summary.ok += sum(r["status"] == "ok" for r in docs)
    summary.errors += sum(r["status"] == "error" for r in docs)
    summary.skipped += sum(r["status"] == "skipped" for r in docs)
    summary.quotes += len(shard["quotes"])
    summary.relations += len(shard["relations"])


def write_graph(out: Path) -> Path:
    """``OUT/graph.gexf``: the collapsed weighted actor graph of the saved tables."""
    from .. import graph

    relations = tables.read_table(find_table(out, "relations"))
    actors = tables.read_table(find_table(out, "actors"))
    built = graph.weighted_graph(relations, actors)
    return graph.WRITERS["gexf"](built, Path(out) / "graph.gexf")


def find_table(out: str | Path, name: str) -> Path:
    """The saved ``name`` table in ``out`` (CSV or Parquet, whichever is there)."""
    for fmt in FORMATS:
        if (path := Path(out) / f"{name}.{fmt}").is_file():
            return path
    raise FileNotFoundError(f"no {name} table in {out}; run analyze first")


def load_tables(out: str | Path) -> dict[str, pd.DataFrame]:
    """The five tables of a finished run."""
    return {name: tables.read_table(find_table(out, name)) for name in tables.TABLES}


def load_texts(out: str | Path) -> dict[str, str]:
    """doc_id -> the text the offsets index, for the documents in ``texts`` (HTML or
    non-UTF-8 input); for the others the text is the input file read as UTF-8."""
    for fmt in FORMATS:
        if (path := Path(out) / f"{TEXTS}.{fmt}").is_file():
            df = tables.read_table(path)
            return dict(zip(df["doc_id"], df["text"], strict=True))
    return {}
