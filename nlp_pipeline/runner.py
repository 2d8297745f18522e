"""Run the pipeline over a corpus: batches, shards, resume, and the final tables.

Records stream from :mod:`nlp_pipeline.corpus` in windows (at most ``shard_size``
records and, unless one record is larger, :data:`WINDOW_BATCHES` batches' worth of
characters). A document longer than :data:`CHUNK_CHARS` is cut into paragraph-aligned
chunks; chunks and documents go through ``nlp.pipe`` in batches bounded both in count
(``batch_size``) and in characters (``batch_chars``), each inside ``nlp.memory_zone()``, so
parser memory is bounded whatever the document sizes and the string store does not grow
with the corpus (with ``n_process>1`` in long-lived workers of :mod:`nlp_pipeline.parallel`,
which send back rows, not Docs). Each window's rows are written as one shard, atomically,
under ``OUT/_shards``. A finished shard is never redone: ``resume=True`` skips the records
it holds. At the end the shards are streamed into the contract tables (plus ``texts``, the
text of every document whose input was not plain UTF-8 text), so memory stays flat in the
corpus size. How the work is cut (processes, batches, windows) and the order of the
documents never change a table's rows.
"""

from __future__ import annotations

import re
import shutil
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
from .files import AtomicFile, write_bytes
from .loading import DEFAULT_MODEL, default_batch_size, load
from .parallel import RowPool

SHARD_DIR = "_shards"
MANIFEST = "run.json"
FORMATS = ("csv", "parquet")
# a document longer than this is parsed in paragraph-aligned chunks (bounded parser memory)
CHUNK_CHARS = 100_000
# the most characters one nlp.pipe batch holds (a longer single chunk goes alone): parser
# memory grows with the characters in a batch, not with the number of documents
BATCH_CHARS = 200_000
# a window (one shard) holds at most this many batches' worth of characters per process
WINDOW_BATCHES = 4
OFFSET_COLUMNS = ("start_char", "end_char", "cue_start", "cue_end", "speaker_start", "speaker_end")
ROW_TABLES = ("documents", "mentions", "doc_actors", "quotes", "relations")
# the text the offsets index, for documents whose input is not that text (HTML, non-UTF-8)
TEXTS = "texts"
TEXT_COLUMNS = ["doc_id", "origin", "text"]
# what analyze writes into OUT besides the shards
OUTPUT_TABLES = (*tables.TABLES, TEXTS)


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
    batch_chars: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    limit: int | None = None,
    graph: bool = True,
    shard_size: int | None = None,
    max_chars: int | None = None,
    stdin_format: str = "auto",
    on_progress: Callable[[int, int], None] | None = None,
    on_doc: Callable[[int, int], None] | None = None,
) -> Summary:
    """Analyse ``corpus`` into ``out``; see the module docstring for the guarantees.

    ``batch_size`` caps the documents (or chunks) of one ``nlp.pipe`` batch and
    ``batch_chars`` (default :data:`BATCH_CHARS`) its characters. ``on_progress(docs,
    words)`` is called after each shard is written, with its counts; ``on_doc(docs,
    words)`` as each document (or chunk: ``docs`` 0) leaves the pipeline.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    kind = corpus_kind(corpus)
    corpus_name = "-" if kind == "stdin" else str(Path(corpus).resolve())
    nlp = nlp if nlp is not None else load(model)  # before touching OUT
    pending, next_index, n_done = open_run(
        out,
        corpus,
        corpus_name,
        model,
        resume=resume,
        overwrite=overwrite,
        limit=limit,
        stdin_format=stdin_format,
    )
    if on_doc and n_done:  # a resumed run's progress starts where the last one stopped
        on_doc(n_done, 0)
    max_chars = max_chars or min(nlp.max_length, CHUNK_CHARS)
    batch_size = batch_size or default_batch_size(nlp)
    batch_chars = batch_chars or BATCH_CHARS
    workers = max(n_process, 1)
    shard_size = shard_size or batch_size * workers * WINDOW_BATCHES
    window_chars = batch_chars * workers * WINDOW_BATCHES
    summary = Summary(out)
    start = time.perf_counter()
    fn = partial(units_tables, batch_size=batch_size, batch_chars=batch_chars)
    pool = RowPool(nlp, n_process, fn, str(model)) if n_process > 1 else None
    with pool or nullcontext():
        for window in _windows(pending, shard_size, window_chars):
            rows = process_records(
                nlp,
                window,
                n_process=n_process,
                batch_size=batch_size,
                batch_chars=batch_chars,
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
    stdin_format: str = "auto",
) -> tuple[Iterator[Record], int, int]:
    """Prepare OUT; return the records still to do, the next shard number, and how many
    records earlier runs finished (within ``limit``)."""
    shards = prepare_out(out, corpus_name, model, resume=resume, overwrite=overwrite)
    done = _done_records(shards)
    records: Iterable[Record] = read_corpus(corpus, stdin_format=stdin_format)
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
    write_bytes(manifest, srsly.json_dumps({"corpus": corpus_name, "model": str(model)}).encode())
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


def _windows(
    records: Iterable[Record], size: int, max_chars: int | None = None
) -> Iterator[list[Record]]:
    """Consecutive lists of at most ``size`` records and, unless one record alone is
    longer, at most ``max_chars`` characters of text."""
    if max_chars is None:
        it = iter(records)
        while window := list(islice(it, size)):
            yield window
        return
    window: list[Record] = []
    chars = 0
    for rec in records:
        if window and (len(window) >= size or chars + len(rec.text) > max_chars):
            yield window
            window, chars = [], 0
        window.append(rec)
        chars += len(rec.text)
    if window:
        yield window


# ---------------------------------------------------------------- processing


@dataclass
class _Unit:
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


def _units(records: list[Record], max_chars: int) -> list[_Unit]:
    units = []
    for rec in records:
        if rec.status != "ok":
            continue
        spans = split_text(rec.text, max_chars)
        for k, (s, e) in enumerate(spans):
            last = k == len(spans) - 1
            units.append(_Unit(rec.seq, rec.doc_id, rec.title, rec.date, s, rec.text[s:e], last))
    return units


def make_batches(units: list[_Unit], batch_size: int, batch_chars: int) -> list[list[_Unit]]:
    """Consecutive batches of at most ``batch_size`` units and ``batch_chars`` characters
    (a unit longer than that goes alone)."""
    batches: list[list[_Unit]] = []
    batch: list[_Unit] = []
    chars = 0
    for unit in units:
        if batch and (len(batch) >= batch_size or chars + len(unit.text) > batch_chars):
            batches.append(batch)
            batch, chars = [], 0
        batch.append(unit)
        chars += len(unit.text)
    if batch:
        batches.append(batch)
    return batches


def process_records(
    nlp: Language,
    records: list[Record],
    *,
    n_process: int = 1,
    batch_size: int = 32,
    batch_chars: int = BATCH_CHARS,
    max_chars: int = CHUNK_CHARS,
    on_doc: Callable[[int, int], None] | None = None,
    pool: RowPool | None = None,
) -> dict[str, list[dict]]:
    """Rows for ``records`` (in their order); a failing document gets an error row."""
    if on_doc:
        for rec in records:
            if rec.status != "ok":
                on_doc(1, 0)
    units = _units(records, max_chars)
    results = _run_units(
        nlp,
        units,
        n_process=n_process,
        batch_size=batch_size,
        batch_chars=batch_chars,
        on_doc=on_doc,
        pool=pool,
    )
    rows: dict[str, list[dict]] = {name: [] for name in (*ROW_TABLES, TEXTS)}
    by_record: dict[int, list[tuple[_Unit, dict | str]]] = {}
    for unit, result in zip(units, results, strict=True):
        by_record.setdefault(unit.seq, []).append((unit, result))
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
        if rec.origin:
            rows[TEXTS].append({"doc_id": rec.doc_id, "origin": rec.origin, "text": rec.text})
    return rows


def _run_units(
    nlp: Language,
    units: list[_Unit],
    *,
    n_process: int,
    batch_size: int,
    batch_chars: int = BATCH_CHARS,
    on_doc: Callable[[int, int], None] | None = None,
    pool: RowPool | None = None,
) -> list[dict | str]:
    """Tables per unit, or a one-line error, in order; in worker processes when asked."""
    if not units:
        return []

    def done(unit: _Unit) -> None:
        if on_doc:
            on_doc(int(unit.last), len(unit.text.split()))

    if n_process <= 1 or len(make_batches(units, batch_size, batch_chars)) <= 1:
        return units_tables(
            nlp, units, batch_size=batch_size, batch_chars=batch_chars, on_unit=done
        )
    # small enough batches that every worker stays busy to the end of the window
    size = max(1, min(batch_size, len(units) // (n_process * 4)))
    batches = make_batches(units, size, batch_chars)
    fn = partial(units_tables, batch_size=batch_size, batch_chars=batch_chars)
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
    batch_chars: int = BATCH_CHARS,
    on_unit: Callable[[_Unit], None] | None = None,
) -> list[dict | str]:
    """Run ``units`` through ``nlp`` in batches of at most ``batch_size`` units and
    ``batch_chars`` characters; a failing batch is retried one by one, so only the bad
    document gets an error string."""
    results: list[dict | str | None] = [None] * len(units)
    offset = 0
    for batch in make_batches(units, batch_size, batch_chars):
        texts = ((u.text, i) for i, u in enumerate(batch))
        try:
            with nlp.memory_zone():
                for doc, i in nlp.pipe(texts, as_tuples=True, batch_size=len(batch)):
                    results[offset + i] = _unit_tables(doc, batch[i])
                    if on_unit:
                        on_unit(batch[i])
        except Exception:
            pass  # retried one by one below
        for i, unit in enumerate(batch):
            if results[offset + i] is None:
                try:
                    with nlp.memory_zone():
                        results[offset + i] = _unit_tables(nlp(unit.text), unit)
                except Exception as err:
                    results[offset + i] = one_line(err)
                if on_unit:
                    on_unit(unit)
        offset += len(batch)
    return results  # type: ignore[return-value]


def _unit_tables(doc, unit: _Unit) -> dict | str:
    try:
        return tables.doc_tables(doc, unit.doc_id, title=unit.title, date=unit.date)
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


def _write_shard(path: Path, records: list[Record], rows: dict[str, list[dict]]) -> None:
    done = [[r.seq, r.doc_id] for r in records]
    write_bytes(path, srsly.msgpack_dumps({"done": done, "tables": rows}))


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
        self.file = AtomicFile(path)
        self.tmp = self.file.tmp
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
            name = self.path.stem
            empty = tables.frame(name, []) if name in tables.COLUMNS else pd.DataFrame()
            self.write(empty)
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        return self.file.commit()

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        self.file.discard()


def merge_shards(out: Path, fmt: str, summary: Summary | None = None) -> Summary:
    """Stream all shards into the tables; only actor data is held in memory.

    ``texts`` is written only when some document needs it (HTML or non-UTF-8 input).
    """
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
            if shard.get(TEXTS):
                if TEXTS not in writers:
                    writers[TEXTS] = _TableWriter(out / f"{TEXTS}.{fmt}", fmt, TEXT_COLUMNS)
                writers[TEXTS].write(pd.DataFrame(shard[TEXTS], columns=TEXT_COLUMNS))
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


def build_graph(
    out: Path,
    *,
    multi: bool = False,
    types: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    **filters,
):
    """The actor graph from the saved tables of ``out`` (no re-parsing).

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
        return graph.multigraph(rows, actors)
    return graph.weighted_graph(relations, actors, types=types, start=start, end=end, **filters)


def write_graph(
    out: Path, graph_format: str = "gexf", *, path: Path | None = None, **options
) -> Path:
    """Build the graph (:func:`build_graph` ``options``) and write it to ``path``
    (default: ``OUT/graph.<format>``, the graph ``analyze`` saves)."""
    from . import graph

    built = build_graph(out, **options)
    target = Path(path) if path is not None else Path(out) / f"graph.{graph_format}"
    return graph.WRITERS[graph_format](built, target)
