"""Words/s of ``analyze --engine dask`` (2 local workers) vs. ``--n-process 2`` and bare spaCy.

On the same texts in one run: bare base-model ``nlp.pipe`` (n_process 1 and 2), the full
``analyze`` with ``n_process=2``, and the Dask engine on a ``LocalCluster`` of 2 worker
processes with 1 thread each, warm (cluster up and pipelines loaded, as a long-lived cluster
is) and cold (``--engine dask --workers 2``: cluster start and model loads included).
Measurements are interleaved and repeated; the best of each is kept, so machine noise hits
all sides alike. Also checks that the Dask tables equal the ``n_process=2`` tables.

    python benchmarks/dask_speed.py [--corpus corpora/voa/voa_stories.jsonl] [--repeat 2]
                                    [--limit N]   # only the first N documents
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpora/voa/voa_stories.jsonl")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, help="only the first N documents")
    args = parser.parse_args()

    import spacy
    from distributed import LocalCluster
    from pandas.testing import assert_frame_equal

    from nlp_pipeline import load, tables
    from nlp_pipeline.loading import resolve_model
    from nlp_pipeline.run import dask as dask_engine
    from nlp_pipeline.run.engine import analyze
    from nlp_pipeline.run.output import load_tables

    lines = args.corpus.read_text(encoding="utf-8").splitlines()[: args.limit]
    texts = [json.loads(line)["text"] for line in lines]
    limit = {"limit": args.limit} if args.limit else {}
    words = sum(len(t.split()) for t in texts)
    n = args.workers
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs (shared: numbers are noisy)")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"corpus: {args.corpus.name}, {len(texts)} docs, {words:,} words; {n} workers\n")
    bare, nlp = spacy.load(resolve_model()), load()
    list(bare.pipe(texts[:5]))
    list(nlp.pipe(texts[:5]))
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = max(best.get(name, 0.0), words / seconds)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        keep(
            "dask cold",
            timed(
                lambda: dask_engine.analyze(
                    args.corpus, out / "cold", workers=n, graph=False, **limit
                )
            ),
        )
        with LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            address = cluster.scheduler_address
            dask_engine.analyze(args.corpus, out / "warmup", scheduler=address, limit=4)
            for r in range(args.repeat):
                np_out, dk_out = out / f"np{r}", out / f"dk{r}"
                keep("bare nlp.pipe n_process=1", timed(lambda: list(bare.pipe(texts))))
                keep(
                    f"bare nlp.pipe n_process={n}",
                    timed(lambda: list(bare.pipe(texts, n_process=n))),
                )
                keep(
                    f"analyze n_process={n}",
                    timed(lambda d=np_out: analyze(args.corpus, d, nlp=nlp, n_process=n, **limit)),
                )
                keep(
                    "dask warm",
                    timed(
                        lambda d=dk_out: dask_engine.analyze(
                            args.corpus, d, scheduler=address, **limit
                        )
                    ),
                )
        local, dask = load_tables(out / "np0"), load_tables(out / "dk0")
        try:
            for name in tables.TABLES:
                assert_frame_equal(dask[name], local[name], obj=name)
            print("dask tables == n_process tables: yes\n")
        except AssertionError as err:  # workers have their own PYTHONHASHSEED: set-order bugs
            print(f"dask tables == n_process tables: NO: {str(err).splitlines()[0]}\n")
    print(f"{'run':<28}{'words/s':>10}")
    for name, wps in best.items():
        print(f"{name:<28}{wps:>10,.0f}")
    ratios = (
        ("dask warm", f"analyze n_process={n}"),
        ("dask cold", f"analyze n_process={n}"),
        ("dask warm", "bare nlp.pipe n_process=1"),
        ("dask warm", f"bare nlp.pipe n_process={n}"),
        (f"analyze n_process={n}", f"bare nlp.pipe n_process={n}"),
    )
    print(f"\nratios (best of {args.repeat}; target: dask warm / analyze n_process={n} >= 0.9):")
    for a, b in ratios:
        print(f"  {a + ' / ' + b:<52}{best[a] / best[b]:>6.2f}")
    scale = best["dask warm"] / best[f"analyze n_process={n}"]
    print(f"scale: dask {n} workers / analyze n_process={n}: {scale:.2f} (target: >= 0.9)")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
