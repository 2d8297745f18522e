"""Run ``analyze`` on a Dask distributed cluster: partitions go out, table rows come back.

The driver streams the corpus into partitions of ``partition_size`` records and keeps only
two per worker thread in flight, so the corpus is never held in the driver. Each worker
process loads the pipeline once (cached by model name) and turns a partition into rows with
:func:`nlp_pipeline.runner.process_records`. The driver writes each partition's rows as one
shard, in the runner's format, as soon as it arrives (``as_completed``), then merges them
with the runner's merge: ``--resume`` works across engines and the tables and graph equal a
single-machine run's. Workers need no shared file system, only this package and the model.

A partition whose task raises is retried ``retries`` times, one whose worker dies is
rescheduled by Dask; if one still fails, the others are finished and written and the run
ends with a :class:`PartitionError` naming its records (no tables), so nothing is dropped
and ``--resume`` redoes only what is missing. Dask is imported lazily: it is an optional extra.
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from spacy.language import Language

from .corpus import Record, count_records
from .loading import DEFAULT_MODEL, default_batch_size, load
from .runner import (
    BATCH_CHARS,
    CHUNK_CHARS,
    FORMATS,
    SHARD_DIR,
    WINDOW_BATCHES,
    Summary,
    _windows,
    _write_shard,
    check_out,
    finish_run,
    one_line,
    open_run,
    process_records,
)

INSTALL_HINT = "the Dask engine needs dask.distributed: pip install 'nlp-pipeline[dask]'"
MAX_PARTITION = 64
CONNECT_TIMEOUT = 60

_PIPELINES: dict[str, Language] = {}  # per worker process, by model name
_LOCK = threading.Lock()  # a pipeline runs one partition at a time


class DaskMissingError(ImportError):
    """``dask.distributed`` is not installed."""


class PartitionError(RuntimeError):
    """Partitions failed after their retries; their records are in no shard."""


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as err:
        raise DaskMissingError(INSTALL_HINT) from err


def _pipeline(model: str) -> Language:
    if model not in _PIPELINES:
        _PIPELINES[model] = load(model)
    return _PIPELINES[model]


def warm(model: str) -> None:
    """Load the pipeline in this worker process, once."""
    with _LOCK:
        _pipeline(model)


def run_partition(
    records: list[Record], model: str, batch_size: int | None, batch_chars: int | None = None
) -> dict[str, list[dict]]:
    """A partition's table rows, computed on a worker with its cached pipeline."""
    with _LOCK:
        nlp = _pipeline(model)
        max_chars = min(nlp.max_length, CHUNK_CHARS)
        batch_size = batch_size or default_batch_size(nlp)
        return process_records(
            nlp,
            records,
            batch_size=batch_size,
            batch_chars=batch_chars or BATCH_CHARS,
            max_chars=max_chars,
        )


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator:
    """A client of the cluster at ``scheduler``, or of a local one with ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout=CONNECT_TIMEOUT) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # the driver reports failures, in one line
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _warm_all(client, model: str) -> int:
    """Load the pipeline on every worker now (a missing model fails before OUT is touched);
    the cluster's worker threads."""
    client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    threads = client.nthreads()
    futures = [
        client.submit(warm, model, workers=[addr], allow_other_workers=True, pure=False)
        for addr in threads
    ]
    client.gather(futures)
    return max(sum(threads.values()), 1)


def _partition_size(corpus: str | Path, limit: int | None, threads: int) -> int:
    """About four partitions per worker thread, at most :data:`MAX_PARTITION` records."""
    total = count_records(corpus)
    if total is None:
        return MAX_PARTITION
    total = min(total, limit) if limit else total
    return max(1, min(MAX_PARTITION, math.ceil(total / (4 * threads))))


def analyze(
    corpus: str | Path,
    out: str | Path,
    *,
    model: str = DEFAULT_MODEL,
    scheduler: str | None = None,
    workers: int = 2,
    fmt: str = "csv",
    batch_size: int | None = None,
    batch_chars: int | None = None,
    partition_size: int | None = None,
    retries: int = 2,
    resume: bool = False,
    overwrite: bool = False,
    limit: int | None = None,
    graph: bool = True,
    stdin_format: str = "auto",
    on_progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Like :func:`nlp_pipeline.runner.analyze`, on a Dask cluster (see the module docstring).

    A partition holds at most ``partition_size`` records and, unless one record is longer,
    :data:`~nlp_pipeline.runner.WINDOW_BATCHES` batches' worth of characters.
    ``on_progress(docs, words)`` is called as each partition's shard is written.
    """
    require_dask()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    check_out(out, resume=resume, overwrite=overwrite)  # before starting a cluster
    corpus_name = "-" if str(corpus) == "-" else str(Path(corpus).resolve())
    if corpus_name != "-":
        count_records(corpus)  # a missing corpus fails here, not on the cluster
    with connect(scheduler, workers) as client:
        threads = _warm_all(client, model)
        size = partition_size or _partition_size(corpus, limit, threads)
        summary = Summary(out)
        start = time.perf_counter()
        pending, first, n_done = open_run(
            out,
            corpus,
            corpus_name,
            model,
            resume=resume,
            overwrite=overwrite,
            limit=limit,
            stdin_format=stdin_format,
        )
        if on_progress and n_done:
            on_progress(n_done, 0)
        windows = _windows(pending, size, (batch_chars or BATCH_CHARS) * WINDOW_BATCHES)
        failures = _run(
            client,
            windows,
            out,
            first,
            model,
            (batch_size, batch_chars),
            retries,
            2 * threads,
            summary,
            on_progress,
        )
    if failures:
        raise PartitionError(_failure_message(failures, retries))
    return finish_run(out, fmt, summary, graph=graph, start=start)


def _run(
    client,
    windows: Iterator[list[Record]],
    out: Path,
    index: int,
    model: str,
    batching: tuple[int | None, int | None],
    retries: int,
    in_flight: int,
    summary: Summary,
    on_progress: Callable[[int, int], None] | None,
) -> list[tuple[list[Record], str]]:
    """Submit partitions, at most ``in_flight`` at a time; write each shard as it arrives.

    Returns the partitions that failed for good; the others go on, so a rerun with
    ``--resume`` has only those to redo.
    """
    from distributed import as_completed

    pending: dict = {}  # future -> (shard number, the records' seq and doc_id only)
    finished = as_completed()
    failures: list[tuple[list[Record], str]] = []

    def submit() -> None:
        nonlocal index
        window = next(windows, None)
        if window is None:
            return
        batch_size, batch_chars = batching
        extra = {"batch_chars": batch_chars} if batch_chars else {}  # the default: none sent
        future = client.submit(
            run_partition, window, model, batch_size, **extra, retries=retries, pure=False
        )
        pending[future] = (index, [Record(r.seq, r.doc_id) for r in window])
        finished.add(future)
        index += 1

    for _ in range(in_flight):
        submit()
    for future in finished:
        number, ids = pending.pop(future)
        try:
            rows = future.result()
        except (Exception, asyncio.CancelledError) as err:
            failures.append((ids, one_line(err)))
            submit()
            continue
        finally:
            future.release()
        _write_shard(out / SHARD_DIR / f"shard-{number:06d}.msgpack", ids, rows)
        words = sum(r["n_words"] for r in rows["documents"] if r["status"] == "ok")
        summary.processed += len(ids)
        summary.words += words
        if on_progress:
            on_progress(len(ids), words)
        submit()
    return failures


def _failure_message(failures: list[tuple[list[Record], str]], retries: int) -> str:
    ids, error = failures[0]
    return (
        f"{len(failures)} partition(s) failed after {retries} retries, first: records "
        f"{ids[0].seq + 1}-{ids[-1].seq + 1} ({ids[0].doc_id} ...): {error}; the other "
        "partitions are kept: fix the cause and rerun with --resume"
    )
