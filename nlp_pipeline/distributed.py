"""Run ``analyze`` on a Dask distributed cluster: partitions go out, table rows come back.

The driver streams the corpus into partitions of ``partition_size`` records and keeps only
two per worker thread in flight, so the corpus is never held in the driver. Each worker
process loads the pipeline once (cached by model name) and turns a partition into rows with
:func:`nlp_pipeline.runner.process_records`. The driver writes each partition's rows as one
shard, in the runner's format, as soon as it arrives (``as_completed``), then merges them
with the runner's merge: ``--resume`` works across engines and the tables and graph equal a
single-machine run's. Workers need no shared file system, only this package and the model.

A partition whose task raises is retried ``retries`` times, one whose worker dies is
rescheduled by Dask; one that still fails stops the run with a :class:`PartitionError`
naming its records, after the partitions in flight are written, so nothing is dropped and
``--resume`` redoes only what is missing. Dask is imported lazily: it is an optional extra.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from spacy.language import Language

from .corpus import Record, count_records, read_corpus
from .loading import DEFAULT_MODEL, load
from .runner import (
    CHUNK_CHARS,
    FORMATS,
    SHARD_DIR,
    Summary,
    _done_records,
    _shard_index,
    _skip_done,
    _windows,
    _write_shard,
    check_out,
    merge_shards,
    one_line,
    prepare_out,
    process_records,
    write_graph,
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


def warm(model: str) -> int:
    """Load the pipeline in this worker process (once); its thread count for the driver."""
    from distributed import get_worker

    with _LOCK:
        _pipeline(model)
    return get_worker().state.nthreads


def run_partition(records: list[Record], model: str, batch_size: int) -> dict[str, list[dict]]:
    """A partition's table rows, computed on a worker with its cached pipeline."""
    with _LOCK:
        nlp = _pipeline(model)
        max_chars = min(nlp.max_length, CHUNK_CHARS)
        return process_records(nlp, records, batch_size=batch_size, max_chars=max_chars)


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
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _warm_all(client, model: str) -> int:
    """Load the pipeline on every worker now (a missing model fails before OUT is touched);
    the cluster's worker threads."""
    client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    futures = [
        client.submit(warm, model, workers=[addr], allow_other_workers=False, pure=False)
        for addr in client.scheduler_info()["workers"]
    ]
    return max(sum(client.gather(futures)), 1)


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
    batch_size: int = 32,
    partition_size: int | None = None,
    retries: int = 2,
    resume: bool = False,
    overwrite: bool = False,
    limit: int | None = None,
    graph: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Like :func:`nlp_pipeline.runner.analyze`, on a Dask cluster (see the module docstring).

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
        shards = prepare_out(out, corpus_name, model, resume=resume, overwrite=overwrite)
        done = _done_records(shards)
        if on_progress and done:
            on_progress(min(len(done), limit or len(done)), 0)
        pending = _skip_done(islice(read_corpus(corpus), limit), done)
        first = max((_shard_index(p) for p in shards), default=0) + 1
        windows = _windows(pending, size)
        failures = _run(
            client,
            windows,
            out,
            first,
            model,
            batch_size,
            retries,
            2 * threads,
            summary,
            on_progress,
        )
    if failures:
        raise PartitionError(_failure_message(failures, retries))
    merge_shards(out, fmt, summary)
    if graph:
        try:
            summary.files.append(write_graph(out))
        except Exception as err:  # the tables are complete; report, do not lose them
            summary.graph_error = f"graph not written: {one_line(err)}"
    summary.seconds = time.perf_counter() - start
    return summary


def _run(
    client,
    windows: Iterator[list[Record]],
    out: Path,
    index: int,
    model: str,
    batch_size: int,
    retries: int,
    in_flight: int,
    summary: Summary,
    on_progress: Callable[[int, int], None] | None,
) -> list[tuple[list[Record], str]]:
    """Submit partitions, at most ``in_flight`` at a time; write each shard as it arrives.

    Returns the partitions that failed for good; after the first, no new one is submitted.
    """
    from distributed import as_completed

    pending: dict = {}  # future -> (shard number, the records' seq and doc_id only)
    finished = as_completed()
    failures: list[tuple[list[Record], str]] = []

    def submit() -> None:
        nonlocal index
        window = next(windows, None)
        if window is None or failures:
            return
        future = client.submit(
            run_partition, window, model, batch_size, retries=retries, pure=False
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
    what = f"records {ids[0].seq + 1}-{ids[-1].seq + 1} ({ids[0].doc_id} ...)"
    more = f" and {len(failures) - 1} more" if len(failures) > 1 else ""
    return (
        f"a partition failed after {retries} retries: {what}{more}: {error}; "
        "finished partitions are kept, rerun with --resume"
    )
