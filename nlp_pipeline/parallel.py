"""Worker processes that hold the pipeline and send back table rows, not Docs.

``nlp.pipe(n_process=N)`` ships every parsed ``Doc`` back to the parent as bytes and
starts new workers on every call; the parent then spends a core rebuilding Docs it only
turns into rows. Here each worker loads (or, forked, inherits) the pipeline once for the
whole run and returns the rows of :mod:`nlp_pipeline.tables`, which are small, in order.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language

_WORKER: dict[str, Any] = {}  # the pipeline and the unit function inside a worker


def _init(model: str, fn: Callable) -> None:
    if "nlp" not in _WORKER:  # a forked worker inherited the parent's pipeline
        from .loading import load

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
        try:
            self._pool = ctx.Pool(n_process, initializer=_init, initargs=(model, fn))
        finally:
            _WORKER.pop("nlp", None)  # the parent keeps no extra reference

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        return self._pool.imap(_work, batches)

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
