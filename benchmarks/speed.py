"""Throughput of this pipeline vs. the bare base model on the same texts, in one run.

Prints words per second for the bare base pipeline and for this project's pipeline
(n_process 1, optionally 2), their ratio, and the time split by component. Runs are
interleaved and repeated so that machine noise hits both sides alike.

    python benchmarks/speed.py [--corpus corpora/voa/voa_stories.jsonl] [--repeat 3]

The base model is the default one (``en_core_web_md``); the bare ``en_core_web_sm`` runs
beside it, so both "pipeline vs. the model it ships on" and "vs. bare sm" are printed.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import spacy

import nlp_pipeline
from nlp_pipeline.loading import COMPONENTS, DEFAULT_MODEL, FALLBACK_MODEL, resolve_model

ROOT = Path(__file__).resolve().parents[1]


def read_texts(path: Path, limit: int | None) -> list[str]:
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    return texts[:limit] if limit else texts


def words_per_second(nlp, texts: list[str], n_process: int, batch_size: int) -> float:
    n_words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return n_words / (time.perf_counter() - start)


def component_times(nlp, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds spent in each component, running the pipeline one stage at a time."""
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    times = {"tokenizer": time.perf_counter() - start}
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        times[name] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpora/voa/voa_stories.jsonl")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--n-process", type=int, nargs="+", default=[1])
    args = parser.parse_args()

    texts = read_texts(args.corpus, args.limit)
    bare = spacy.load(resolve_model(args.model))
    full = nlp_pipeline.load(args.model)
    actors_only = nlp_pipeline.load(
        args.model,
        exclude=tuple(c for c in COMPONENTS if c not in ("article_cleaner", "actor_tagger")),
    )
    configs = {"bare": bare, "actors only": actors_only, "full": full}
    if args.model != FALLBACK_MODEL:
        configs[f"bare {FALLBACK_MODEL.removeprefix('en_core_web_')}"] = spacy.load(
            resolve_model(FALLBACK_MODEL)
        )
    print(
        f"machine: {platform.processor() or platform.machine()}, "
        f"python {platform.python_version()}, spaCy {spacy.__version__}"
    )
    print(
        f"texts: {len(texts)} from {args.corpus.name}, "
        f"{sum(len(t.split()) for t in texts)} words; base model {args.model}"
    )
    print(f"full pipeline: {', '.join(full.pipe_names)}")
    for nlp in configs.values():  # warm up
        list(nlp.pipe(texts[:5]))
    for n_process in args.n_process:
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, nlp in configs.items():
                wps = words_per_second(nlp, texts, n_process, args.batch_size)
                best[name] = max(best.get(name, 0.0), wps)
        print(f"\nn_process={n_process} (best of {args.repeat}, words/s)")
        for name, wps in best.items():
            print(f"  {name:<12} {wps:9.0f}   ratio to bare {wps / best['bare']:.3f}")
    times = component_times(full, texts, args.batch_size)
    total = sum(times.values())
    print("\ntime by component (full pipeline, n_process=1)")
    for name, sec in times.items():
        print(f"  {name:<18} {sec:7.2f} s  {100 * sec / total:5.1f}%")


if __name__ == "__main__":
    main()
