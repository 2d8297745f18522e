"""The local engine: records in, rows out, in this process or in long-lived workers.

Chunks and documents go through ``nlp.pipe`` in batches bounded both in count and in
characters, each inside ``nlp.memory_zone()``, so parser memory is bounded whatever the
document sizes and the string store does not grow with the corpus. A failing batch is
retried one document at a time, so only the bad document gets an error row.

``nlp.pipe(n_process=N)`` would ship every parsed ``Doc`` back to the parent as bytes and
start new workers on every call; the parent would then spend a core rebuilding Docs it only
turns into rows. A :class:`RowPool` worker loads (or, forked, inherits) the pipeline once
for the whole run and returns the rows of :mod:`nlp_pipeline.tables`, which are small.
How the work is cut (processes, batches, windows) never changes a table's rows.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

from spacy.language import Language

from .. import tables
from ..loading import load
from ..schema import ROW_TABLES
from .chunks import WINDOW_BATCHES, Unit, make_batches, make_units, merge_chunks
from .corpus import Record
from .output import TEXTS, Batching, Run, Summary, one_line

_WORKER: dict[str, Any] = {}  # the pipeline and the unit function inside a worker


def _init(model: str, fn: Callable) -> None:
    if "nlp" not in _WORKER:  # a forked worker inherited the parent's pipeline
        _WORKER["nlp"] = load(model)
    _WORKER["fn"] = fn


def _work(batch: list) -> list:
    return _WORKER["fn"](_WORKER["nlp"], batch)


class RowPool:
    """``n_process`` workers applying ``fn(nlp, batch) -> results`` to batches, in order."""

    def __init__(self, nlp: Language, n_process: int, fn: Callable, model: str) -> None:
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        if ctx.get_start_method() == "fork":
            _WORKER["nlp"] = nlp
        self.n_process = n_process
        try:
            self._pool = ctx.Pool(n_process, initializer=_init, initargs=(model, fn))
        finally:
            _WORKER.pop("nlp", None)  # the parent keeps no extra reference

    def submit(self, batch: list) -> AsyncResult:
        """Send ``batch`` to a free worker; ``.get()`` waits for its results."""
        return self._pool.apply_async(_work, (batch,))

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> RowPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.terminate()


def analyze(
    corpus: str | Path,
    out: str | Path,
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    **options,
) -> Summary:
    """Analyse ``corpus`` into ``out`` with local processes; ``options`` are those of
    :class:`~nlp_pipeline.run.output.Run`."""
    run = Run(corpus, out, **options)  # checks corpus and OUT before the pipeline loads
    return run_local(run, nlp if nlp is not None else load(run.model), n_process)


def run_local(run: Run, nlp: Language, n_process: int = 1) -> Summary:
    """Do ``run`` with ``nlp`` in this process, or ``n_process`` worker processes.

    With workers, the next window is sent before the current one is collected, so no
    worker waits while the parent writes a shard or reads the corpus."""
    batching = run.batching.resolve(nlp)
    workers = max(n_process, 1)
    size = batching.batch_size * workers * WINDOW_BATCHES
    fn = partial(units_tables, batching=batching)
    pool = RowPool(nlp, n_process, fn, run.model) if n_process > 1 else None
    ahead: deque[tuple[list[Record], Callable[[], dict]]] = deque()
    with pool or nullcontext():
        for window in run.windows(size, batching.batch_chars, workers):
            ahead.append((window, _start(nlp, window, batching, run.advance, pool)))
            if len(ahead) > (pool is not None):
                run.write_shard(*_collect(ahead.popleft()))
        while ahead:
            run.write_shard(*_collect(ahead.popleft()))
    return run.finish()


def _collect(job: tuple[list[Record], Callable[[], dict]]) -> tuple[list[Record], dict]:
    window, rows = job
    return window, rows()


def process_records(
    nlp: Language,
    records: list[Record],
    *,
    batch_size: int | None = None,
    batch_chars: int | None = None,
    max_chars: int | None = None,
    on_doc: Callable[[int, int], None] | None = None,
) -> dict[str, list[dict]]:
    """Rows for ``records`` (in their order); a failing document gets an error row.

    Unset batch sizes take :class:`~nlp_pipeline.run.output.Batching`'s defaults."""
    batching = Batching(batch_size, batch_chars, max_chars).resolve(nlp)
    return _start(nlp, records, batching, on_doc)()


def _start(
    nlp: Language,
    records: list[Record],
    batching: Batching,
    on_doc: Callable[[int, int], None] | None = None,
    pool: RowPool | None = None,
) -> Callable[[], dict[str, list[dict]]]:
    """Start parsing ``records`` (in ``pool`` when given, else here and now); the returned
    call waits for the results and gives the rows."""
    if on_doc:
        for rec in records:
            if rec.status != "ok":
                on_doc(1, 0)
    units = make_units(records, batching.max_chars)

    def done(unit: Unit) -> None:
        if on_doc:
            on_doc(int(unit.last), len(unit.text.split()))

    if pool is None:
        results = units_tables(nlp, units, batching=batching, on_unit=done)
        return lambda: _rows(records, units, results)
    # small enough batches that every worker stays busy to the end of the window
    size = max(1, min(batching.batch_size, len(units) // (pool.n_process * 4)))
    batches = make_batches(units, size, batching.batch_chars)
    parts = [pool.submit(batch) for batch in batches]

    def rows() -> dict[str, list[dict]]:
        results: list[dict | str] = []
        for batch, part in zip(batches, parts, strict=True):
            results.extend(part.get())
            for unit in batch:
                done(unit)
        return _rows(records, units, results)

    return rows


def _rows(
    records: list[Record], units: list[Unit], results: list[dict | str]
) -> dict[str, list[dict]]:
    """The rows of ``records`` from their units' tables (or one-line errors)."""
    by_record: dict[int, list[tuple[Unit, dict | str]]] = {}
    for unit, result in zip(units, results, strict=True):
        by_record.setdefault(unit.seq, []).append((unit, result))
    rows: dict[str, list[dict]] = {name: [] for name in (*ROW_TABLES, TEXTS)}
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
        merged = merge_chunks(rec, parts)
        merged["documents"][0]["error"] = rec.error
        merged["documents"][0]["url"] = rec.url
        for name in ROW_TABLES:
            rows[name].extend(merged[name])
        if rec.origin:
            rows[TEXTS].append({"doc_id": rec.doc_id, "origin": rec.origin, "text": rec.text})
    return rows


def units_tables(
    nlp: Language,
    units: list[Unit],
    *,
    batching: Batching,
    on_unit: Callable[[Unit], None] | None = None,
) -> list[dict | str]:
    """Run ``units`` through ``nlp`` in ``batching``'s batches; a failing batch is retried
    one by one, so only the bad document gets an error string."""
    results: list[dict | str | None] = [None] * len(units)
    offset = 0
    for batch in make_batches(units, batching.batch_size, batching.batch_chars):
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


def _unit_tables(doc, unit: Unit) -> dict | str:
    try:
        return tables.doc_tables(doc, unit.doc_id, title=unit.title, date=unit.date)
    except Exception as err:
        return one_line(err)
