"""Run the pipeline over a corpus: batches, shards, resume, and the final tables.

Records stream from :mod:`nlp_pipeline.corpus` in windows; each window goes through
``nlp.pipe`` inside ``nlp.memory_zone()`` (so the string store does not grow with the
corpus; with ``n_process>1`` in long-lived workers of :mod:`nlp_pipeline.parallel`, which
send back rows, not Docs) and its rows are written as one shard, atomically, under
``OUT/_shards``. A finished shard is never redone: ``resume=True`` skips the records it
holds. At the end the shards are streamed into the five contract tables, so memory stays
flat in the corpus size.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

import pandas as pd
import srsly
from spacy.language import Language

from . import tables
from .corpus import Record, corpus_kind, read_corpus
from .loading import DEFAULT_MODEL, default_batch_size, load
from .parallel import RowPool

SHARD_DIR = "_shards"
MANIFEST = "run.json"
FORMATS = ("csv", "parquet")
# a document longer than this is parsed in paragraph-aligned chunks (bounded parser memory)
CHUNK_CHARS = 100_000
OFFSET_COLUMNS = ("start_char", "end_char", "cue_start", "cue_end", "speaker_start", "speaker_end")
ROW_TABLES = ("documents", "mentions", "doc_actors", "quotes", "relations")


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


def analyze(
    corpus: str | Path,
    out: str | Path,
    *,
    nlp: Language | None = None,
    model: str = DEFAULT_MODEL,
    fmt: str = "csv",
    n_process: int = 1,
    batch_size: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    limit: int | None = None,
    graph: bool = True,
    shard_size: int | None = None,
    max_chars: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_doc: Callable[[int, int], None] | None = None,
) -> Summary:
    """Analyse ``corpus`` into ``out``; see the module docstring for the guarantees.

    ``on_progress(docs, words)`` is called after each shard is written, with its counts;
    ``on_doc(docs, words)`` as each document (or chunk: ``docs`` 0) leaves the pipeline.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    kind = corpus_kind(corpus)
    corpus_name = "-" if kind == "stdin" else str(Path(corpus).resolve())
    nlp = nlp if nlp is not None else load(model)  # before touching OUT
    pending, next_index, n_done = open_run(
        out, corpus, corpus_name, model, resume=resume, overwrite=overwrite, limit=limit
    )
    if on_doc and n_done:  # a resumed run's progress starts where the last one stopped
        on_doc(n_done, 0)
    max_chars = max_chars or min(nlp.max_length, CHUNK_CHARS)
    batch_size = batch_size or default_batch_size(nlp)
    shard_size = shard_size or batch_size * max(n_process, 1) * 4
    summary = Summary(out)
    start = time.perf_counter()
    fn = partial(units_tables, batch_size=batch_size)
    pool = RowPool(nlp, n_process, fn, str(model)) if n_process > 1 else None
    with pool or nullcontext():
        for window in _windows(pending, shard_size):
            rows = process_records(
                nlp,
                window,
                n_process=n_process,
                batch_size=batch_size,
                max_chars=max_chars,
                on_doc=on_doc,
                pool=pool,
            )
            _write_shard(out / SHARD_DIR / f"shard-{next_index:06d}.msgpack", window, rows)
            next_index += 1
            words = sum(r["n_words"] for r in rows["documents"] if r["status"] == "ok")
            summary.processed += len(window)
            summary.words += words
            if on_progress:
                on_progress(len(window), words)
    return finish_run(out, fmt, summary, graph=graph, start=start)


def open_run(
    out: Path,
    corpus: str | Path,
    corpus_name: str,
    model: str,
    *,
    resume: bool,
    overwrite: bool,
    limit: int | None,
) -> tuple[Iterator[Record], int, int]:
    """Prepare OUT; return the records still to do, the next shard number, and how many
    records earlier runs finished (within ``limit``)."""
    shards = prepare_out(out, corpus_name, model, resume=resume, overwrite=overwrite)
    done = _done_records(shards)
    records: Iterable[Record] = read_corpus(corpus)
    if limit is not None:
        records = islice(records, limit)
    next_index = max((_shard_index(p) for p in shards), default=0) + 1
    return _skip_done(records, done), next_index, min(len(done), limit or len(done))


def finish_run(out: Path, fmt: str, summary: Summary, *, graph: bool, start: float) -> Summary:
    """Merge the shards into the tables, then the graph (whose failure loses no table)."""
    merge_shards(out, fmt, summary)
    if graph:
        try:
            summary.files.append(write_graph(out))
        except Exception as err:  # the tables are complete; report, do not lose them
            summary.graph_error = f"graph not written: {one_line(err)}"
    summary.seconds = time.perf_counter() - start
    return summary


def prepare_out(
    out: Path, corpus_name: str, model: str, *, resume: bool, overwrite: bool
) -> list[Path]:
    """Check OUT against the flags; return the finished shards to keep."""
    if check_out(out, resume=resume, overwrite=overwrite) and overwrite:
        _clear(out)
    shard_dir = out / SHARD_DIR
    manifest = shard_dir / MANIFEST
    if resume and manifest.is_file():
        old = srsly.read_json(manifest)
        if old.get("corpus") != corpus_name:
            raise OutputError(f"{out} holds a run over {old.get('corpus')}, not this corpus")
        if old.get("model") != str(model):
            raise OutputError(f"{out} was analysed with model {old.get('model')}, not {model}")
    shard_dir.mkdir(parents=True, exist_ok=True)
    for tmp in [*shard_dir.glob(".*.tmp"), *out.glob(".*.tmp")]:  # left by a killed run
        tmp.unlink()
    _atomic_write(manifest, srsly.json_dumps({"corpus": corpus_name, "model": str(model)}).encode())
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
    ours = [f"{name}.{fmt}" for name in tables.TABLES for fmt in FORMATS]
    for name in (*ours, "graph.gexf", "graph.graphml", "graph.json"):
        (out / name).unlink(missing_ok=True)
    for path in out.glob(".*.tmp"):
        path.unlink()
    if any(out.iterdir()):
        raise OutputError(f"{out} holds files this tool did not write; choose another --out")


def _shard_index(path: Path) -> int:
    match = re.search(r"(\d+)", path.stem)
    return int(match.group(1)) if match else 0


def _done_records(shards: list[Path]) -> dict[int, str]:
    done: dict[int, str] = {}
    for path in shards:
        for seq, doc_id in srsly.msgpack_loads(path.read_bytes())["done"]:
            done[seq] = doc_id
    return done


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


def _windows(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while window := list(islice(it, size)):
        yield window


# ---------------------------------------------------------------- processing


@dataclass
class _Unit:
    """A piece of one record that goes through ``nlp.pipe``: the whole text or a chunk."""

    rec: Record
    start: int
    end: int


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


def process_records(
    nlp: Language,
    records: list[Record],
    *,
    n_process: int = 1,
    batch_size: int = 32,
    max_chars: int = CHUNK_CHARS,
    on_doc: Callable[[int, int], None] | None = None,
    pool: RowPool | None = None,
) -> dict[str, list[dict]]:
    """Rows for ``records`` (in their order); a failing document gets an error row."""
    units: list[_Unit] = []
    for rec in records:
        if rec.status == "ok":
            units.extend(_Unit(rec, s, e) for s, e in split_text(rec.text, max_chars))
        elif on_doc:
            on_doc(1, 0)
    results = _run_units(
        nlp, units, n_process=n_process, batch_size=batch_size, on_doc=on_doc, pool=pool
    )
    rows: dict[str, list[dict]] = {name: [] for name in ROW_TABLES}
    by_record: dict[int, list[tuple[_Unit, dict | str]]] = {}
    for unit, result in zip(units, results, strict=True):
        by_record.setdefault(unit.rec.seq, []).append((unit, result))
    for rec in records:
        parts = by_record.get(rec.seq, [])
        errors = [r for _, r in parts if isinstance(r, str)]
        if rec.status != "ok" or errors:
            status, error = (rec.status, rec.error) if rec.status != "ok" else ("error", errors[0])
            row = tables.document_row(
                rec.doc_id,
                title=rec.title,
                date=rec.date,
                text=rec.text,
                status=status,
                error=error,
            )
            rows["documents"].append({**row, "url": rec.url})
            continue
        merged = _merge_chunks(rec, parts)
        merged["documents"][0]["error"] = rec.error
        merged["documents"][0]["url"] = rec.url
        for name in ROW_TABLES:
            rows[name].extend(merged[name])
    return rows


def _run_units(
    nlp: Language,
    units: list[_Unit],
    *,
    n_process: int,
    batch_size: int,
    on_doc: Callable[[int, int], None] | None = None,
    pool: RowPool | None = None,
) -> list[dict | str]:
    """Tables per unit, or a one-line error, in order; in worker processes when asked."""
    if not units:
        return []

    def done(unit: _Unit) -> None:
        if on_doc:
            last = unit.end == len(unit.rec.text)
            on_doc(int(last), len(unit.rec.text[unit.start : unit.end].split()))

    if n_process <= 1 or len(units) <= batch_size:
        return units_tables(nlp, units, batch_size=batch_size, on_unit=done)
    # small enough batches that every worker stays busy to the end of the window
    size = max(1, min(batch_size, len(units) // (n_process * 4)))
    batches = [units[i : i + size] for i in range(0, len(units), size)]
    fn = partial(units_tables, batch_size=batch_size)
    model = str(nlp.path or DEFAULT_MODEL)  # what a spawned (not forked) worker loads
    with nullcontext(pool) if pool else RowPool(nlp, n_process, fn, model) as workers:
        results: list[dict | str] = []
        for batch, part in zip(batches, workers.map(batches), strict=True):
            results.extend(part)
            for unit in batch:
                done(unit)
    return results


def units_tables(
    nlp: Language,
    units: list[_Unit],
    *,
    batch_size: int = 32,
    on_unit: Callable[[_Unit], None] | None = None,
) -> list[dict | str]:
    """Run ``units`` through ``nlp``; a failing batch is retried one by one, so only the
    bad document gets an error string."""
    results: list[dict | str | None] = [None] * len(units)
    texts = ((u.rec.text[u.start : u.end], i) for i, u in enumerate(units))
    try:
        with nlp.memory_zone():
            for doc, i in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
                results[i] = _unit_tables(doc, units[i])
                if on_unit:
                    on_unit(units[i])
    except Exception:
        pass  # retried one by one below
    for i, unit in enumerate(units):
        if results[i] is None:
            try:
                with nlp.memory_zone():
                    results[i] = _unit_tables(nlp(unit.rec.text[unit.start : unit.end]), unit)
            except Exception as err:
                results[i] = one_line(err)
            if on_unit:
                on_unit(unit)
    return results  # type: ignore[return-value]


def _unit_tables(doc, unit: _Unit) -> dict | str:
    try:
        return tables.doc_tables(doc, unit.rec.doc_id, title=unit.rec.title, date=unit.rec.date)
    except Exception as err:
        return one_line(err)


def one_line(err: BaseException) -> str:
    """An exception as one short line: type and first line of its message."""
    text = str(err).strip().splitlines()
    msg = f"{type(err).__name__}: {text[0]}" if text else type(err).__name__
    return msg[:300]


def _merge_chunks(rec: Record, parts: list[tuple[_Unit, dict]]) -> dict[str, list[dict]]:
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
            old = actors.setdefault(row["actor_id"], dict(row))
            names = set(
                filter(
                    None,
                    (old["aliases"] + tables.ALIAS_SEP + row["aliases"]).split(tables.ALIAS_SEP),
                )
            )
            old["aliases"] = tables.ALIAS_SEP.join(sorted(names))
            if len(row["name"]) > len(old["name"]):
                old["name"] = row["name"]
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


# ---------------------------------------------------------------- output


def _readable(tmp: str) -> None:
    """mkstemp files are private (0600); give the result the user's usual mode."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _readable(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _write_shard(path: Path, records: list[Record], rows: dict[str, list[dict]]) -> None:
    done = [[r.seq, r.doc_id] for r in records]
    _atomic_write(path, srsly.msgpack_dumps({"done": done, "tables": rows}))


def _read_shards(out: Path) -> Iterator[dict[str, list[dict]]]:
    """Shards in corpus order (by their first record)."""
    loaded = []
    for path in (out / SHARD_DIR).glob("shard-*.msgpack"):
        first = srsly.msgpack_loads(path.read_bytes())["done"]
        loaded.append((first[0][0] if first else -1, path))
    for _, path in sorted(loaded):
        yield srsly.msgpack_loads(path.read_bytes())["tables"]


class _TableWriter:
    """Stream frames into one CSV or Parquet file, renamed into place on close."""

    def __init__(self, path: Path, fmt: str, columns: list[str]) -> None:
        self.path, self.fmt, self.columns = path, fmt, columns
        fd, self.tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        self.writer = None
        self.first = True
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            self.schema = pa.schema(
                [(c, pa.int64() if c in tables.INT_COLUMNS else pa.string()) for c in columns]
            )
            self.writer = pq.ParquetWriter(self.tmp, self.schema)

    def write(self, df: pd.DataFrame) -> None:
        df = df.reindex(columns=self.columns)
        if self.fmt == "parquet":
            import pyarrow as pa

            for col in df.columns:
                if col not in tables.INT_COLUMNS:
                    df[col] = df[col].map(lambda v: "" if v is None or v is pd.NA else str(v))
            self.writer.write_table(pa.Table.from_pandas(df, self.schema, preserve_index=False))
        else:
            df.to_csv(self.tmp, mode="w" if self.first else "a", header=self.first, index=False)
        self.first = False

    def close(self) -> Path:
        if self.first:
            self.write(tables.frame(self.path.stem, []))
        if self.writer is not None:
            self.writer.close()
        _readable(self.tmp)
        os.replace(self.tmp, self.path)
        return self.path


def merge_shards(out: Path, fmt: str, summary: Summary | None = None) -> Summary:
    """Stream all shards into the contract tables; only actor data is held in memory."""
    summary = summary or Summary(out)
    names = ("documents", "mentions", "quotes", "relations")
    extra: dict[str, list[str]] = {name: [] for name in names}
    for shard in _read_shards(out):  # pass 1: the columns beyond the contract's
        for name in names:
            for row in shard[name][:50]:
                extra[name].extend(
                    k for k in row if k not in tables.COLUMNS[name] and k not in extra[name]
                )
    writers = {
        n: _TableWriter(out / f"{n}.{fmt}", fmt, tables.COLUMNS[n] + extra[n]) for n in names
    }
    actor_parts: dict[str, list[pd.DataFrame]] = {"doc_actors": [], "mentions": [], "quotes": []}
    keep = {"doc_actors": None, "mentions": ["doc_id", "actor_id"], "quotes": ["speaker_id"]}
    try:
        for shard in _read_shards(out):  # pass 2: write rows, keep what actors need
            for name in names:
                if shard[name]:
                    writers[name].write(tables.frame(name, shard[name]))
            for name, cols in keep.items():
                if shard[name]:
                    df = tables.frame(name, shard[name])
                    actor_parts[name].append(df[cols] if cols else df)
            docs = shard["documents"]
            summary.documents += len(docs)
            summary.ok += sum(r["status"] == "ok" for r in docs)
            summary.errors += sum(r["status"] == "error" for r in docs)
            summary.skipped += sum(r["status"] == "skipped" for r in docs)
            summary.quotes += len(shard["quotes"])
            summary.relations += len(shard["relations"])
        summary.files = [w.close() for w in writers.values()]
    finally:
        for w in writers.values():
            if os.path.exists(w.tmp):
                os.unlink(w.tmp)
    parts = {
        name: pd.concat(dfs, ignore_index=True) if dfs else tables.frame(name, [])
        for name, dfs in actor_parts.items()
    }
    actors = tables.aggregate_actors(parts["doc_actors"], parts["mentions"], parts["quotes"])
    summary.actors = len(actors)
    summary.files.append(tables.write_table(actors, out / f"actors.{fmt}", fmt))
    return summary


def find_table(out: str | Path, name: str) -> Path:
    """The saved ``name`` table in ``out`` (CSV or Parquet, whichever is there)."""
    for fmt in FORMATS:
        if (path := Path(out) / f"{name}.{fmt}").is_file():
            return path
    raise FileNotFoundError(f"no {name} table in {out}; run analyze first")


def load_tables(out: str | Path) -> dict[str, pd.DataFrame]:
    """The five tables of a finished run."""
    return {name: tables.read_table(find_table(out, name)) for name in tables.TABLES}


def write_graph(
    out: Path,
    graph_format: str = "gexf",
    *,
    multi: bool = False,
    types: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    **filters,
) -> Path:
    """Build the actor graph from the saved tables and export it next to them.

    The collapsed weighted graph by default (``filters`` go to
    :func:`nlp_pipeline.graph.weighted_graph`); ``multi`` keeps one edge per relation row.
    """
    from . import graph

    relations = tables.read_table(find_table(out, "relations"))
    actors = tables.read_table(find_table(out, "actors"))
    if multi:
        rows = graph.filter_relations(
            relations, types=types, start=start, end=end, modality=filters.get("modality")
        )
        built = graph.multigraph(rows, actors)
    else:
        built = graph.weighted_graph(
            relations, actors, types=types, start=start, end=end, **filters
        )
    return graph.export(built, out, [graph_format])[0]
