"""Run ``analyze`` on a Dask distributed cluster: partitions go out, table rows come back.

The driver streams the corpus into partitions of ``partition_size`` records and keeps only
two per worker thread in flight, so the corpus is never held in the driver. Each worker
process loads the pipeline once (cached by model name) and turns a partition into rows with
:func:`nlp_pipeline.run.engine.process_records`. The driver writes each partition's rows
as one shard as soon as it arrives (``as_completed``), through the same
:class:`~nlp_pipeline.run.output.Run` as the local engine: ``--resume`` works across engines
and the tables and graph equal a single-machine run's. Workers need no shared file system,
only this package and the model.

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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from spacy.language import Language

from ..loading import load
from .corpus import Record
from .engine import process_records
from .output import Batching, Run, Summary, one_line

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


def run_partition(records: list[Record], model: str, batching: Batching) -> dict[str, list[dict]]:
    """A partition's table rows, computed on a worker with its cached pipeline."""
    with _LOCK:
        return process_records(_pipeline(model), records, **asdict(batching))


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


def _partition_size(total: int | None, threads: int) -> int:
    """About four partitions per worker thread, at most :data:`MAX_PARTITION` records."""
    if total is None:
        return MAX_PARTITION
    return max(1, min(MAX_PARTITION, math.ceil(total / (4 * threads))))


def analyze(
    corpus: str | Path,
    out: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int | None = None,
    retries: int = 2,
    **options,
) -> Summary:
    """Like :func:`nlp_pipeline.run.engine.analyze`, on a Dask cluster (see the module
    docstring); ``options`` are those of :class:`~nlp_pipeline.run.output.Run`.

    A partition holds at most ``partition_size`` records and, unless one record is longer,
    :data:`~nlp_pipeline.run.chunks.WINDOW_BATCHES` batches' worth of characters.
    """
    require_dask()
    run = Run(corpus, out, shard_size=partition_size, **options)  # before starting a cluster
    return run_dask(run, scheduler, workers, retries)


def run_dask(run: Run, scheduler: str | None = None, workers: int = 2, retries: int = 2) -> Summary:
    """Do ``run`` on the cluster at ``scheduler`` (or a local one of ``workers`` processes)."""
    with connect(scheduler, workers) as client:
        threads = _warm_all(client, run.model)
        size = _partition_size(run.total, threads)
        windows = run.windows(size, run.batching.batch_chars)
        failures = _submit_all(client, run, windows, retries, in_flight=2 * threads)
    if failures:
        raise PartitionError(_failure_message(failures, retries))
    return run.finish()


def _submit_all(
    client, run: Run, windows: Iterator[list[Record]], retries: int, in_flight: int
) -> list[tuple[list[Record], str]]:
    """Submit partitions, at most ``in_flight`` at a time; write each shard as it arrives.

    Returns the partitions that failed for good; the others go on, so a rerun with
    ``--resume`` has only those to redo.
    """
    from distributed import as_completed

    pending: dict = {}  # future -> the records' seq and doc_id only
    finished = as_completed()
    failures: list[tuple[list[Record], str]] = []

    def submit() -> None:
        window = next(windows, None)
        if window is None:
            return
        future = client.submit(
            run_partition, window, run.model, run.batching, retries=retries, pure=False
        )
        pending[future] = [Record(r.seq, r.doc_id) for r in window]
        finished.add(future)

    for _ in range(in_flight):
        submit()
    for future in finished:
        ids = pending.pop(future)
        try:
            rows = future.result()
        except (Exception, asyncio.CancelledError) as err:
            failures.append((ids, one_line(err)))
            submit()
            continue
        finally:
            future.release()
        run.write_shard(ids, rows)
        submit()
    return failures


def _failure_message(failures: list[tuple[list[Record], str]], retries: int) -> str:
    ids, error = failures[0]
    return (
        f"{len(failures)} partition(s) failed after {retries} retries, first: records "
        f"{ids[0].seq + 1}-{ids[-1].seq + 1} ({ids[0].doc_id} ...): {error}; the other "
        "partitions are kept: fix the cause and rerun with --resume"
    )
