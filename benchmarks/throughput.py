"""Throughput and memory of ``nlp-pipeline analyze`` (issues 5 and 16).

1. Words per second of ``analyze`` (corpus reading, the full pipeline, shards, final tables
   and graph) on ``corpora/voa`` and, when ``../shared/data/polnear`` is present, on PolNeAR
   texts, with ``n_process`` 1 and 2, each as a ratio to bare spaCy ``nlp.pipe`` (the base
   model alone, no project components, no output) on the same texts in the same run, and
   ``n_process`` N as a ratio to ``n_process`` 1 (target: 2 processes >= 1.8x one).
2. Peak resident memory of the ``nlp-pipeline analyze`` command (a subprocess per size, its
   own peak from ``wait4``) on corpora of 2,000 and of 20,000 documents made by repeating the
   VOA stories under new ids; target: the larger peak <= 1.1x the smaller (``memory_zone`` +
   streamed shards and tables).

    python benchmarks/throughput.py                  # everything, default sizes
    python benchmarks/throughput.py --docs 400 --skip-memory      # VOA cycled to 400 docs
    python benchmarks/throughput.py --memory 2000 20000 --words 40 --skip-throughput
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "corpora" / "voa" / "voa_stories.jsonl"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def voa_texts(n_docs: int | None = None) -> list[str]:
    """The VOA stories, cycled to ``n_docs`` documents when given."""
    texts = [json.loads(line)["text"] for line in VOA.read_text(encoding="utf-8").splitlines()]
    return list(islice(cycle(texts), n_docs)) if n_docs else texts


def polnear_texts(limit: int) -> list[str]:
    files = sorted(POLNEAR.glob("*/text/*.txt"))[:limit]
    return [p.read_text(encoding="utf-8") for p in files]


def write_jsonl(texts: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    return path


def throughput(name: str, texts: list[str], n_procs: tuple[int, ...]) -> None:
    import spacy

    from nlp_pipeline import load
    from nlp_pipeline.loading import resolve_model
    from nlp_pipeline.run.engine import analyze

    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(resolve_model())
    nlp = load()
    list(bare.pipe(texts[:5]))
    list(nlp.pipe(texts[:5]))
    print(f"\n{name}: {len(texts)} docs, {words:,} words")
    print(f"{'n_process':>9} {'bare w/s':>10} {'analyze w/s':>12} {'ratio':>6} {'vs n=1':>7}")
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(texts, Path(tmp) / "corpus.jsonl")
        for n in n_procs:
            start = time.perf_counter()
            for _ in bare.pipe(texts, n_process=n, batch_size=32):
                pass
            bare_wps = words / (time.perf_counter() - start)
            start = time.perf_counter()
            summary = analyze(corpus, Path(tmp) / f"out{n}", nlp=nlp, n_process=n, batch_size=32)
            wps = words / (time.perf_counter() - start)
            assert summary.ok == len(texts), summary
            first = first or wps
            row = f"{n:>9} {bare_wps:>10,.0f} {wps:>12,.0f} {wps / bare_wps:>6.2f}"
            print(f"{row} {wps / first:>7.2f}")
    if len(n_procs) > 1:
        print(f"scale: analyze n_process={n_procs[-1]} / n_process={n_procs[0]}: {wps / first:.2f}")


def memory_run(n_docs: int, max_words: int, tmp: Path) -> dict:
    """Peak RSS (MB) and seconds of the ``analyze`` command on ``n_docs`` VOA documents."""
    texts = [" ".join(t.split()[:max_words]) for t in voa_texts(n_docs)]
    corpus = write_jsonl(texts, tmp / f"corpus{n_docs}.jsonl")
    cmd = [sys.executable, "-m", "nlp_pipeline.cli", "analyze", str(corpus)]
    cmd += ["--out", str(tmp / f"out{n_docs}"), "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not all children's
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"analyze failed on {n_docs} docs (exit {proc.returncode})")
    return {"docs": n_docs, "peak_mb": usage.ru_maxrss / 1024, "seconds": seconds}


def memory(sizes: list[int], max_words: int) -> None:
    print(f"\npeak memory of nlp-pipeline analyze (1 process, texts cut to {max_words} words)")
    print(f"{'docs':>7} {'peak MB':>8} {'seconds':>8}")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            res = memory_run(n, max_words, Path(tmp))
            results.append(res)
            print(f"{n:>7} {res['peak_mb']:>8.0f} {res['seconds']:>8.1f}")
    if len(results) >= 2:
        ratio = results[-1]["peak_mb"] / results[0]["peak_mb"]
        print(f"scale: peak RSS {sizes[-1]} / {sizes[0]} docs: {ratio:.2f} (target: <= 1.1)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory", type=int, nargs="*", default=[2000, 20000])
    parser.add_argument("--words", type=int, default=40, help="words kept per memory-test doc")
    parser.add_argument("--docs", type=int, help="VOA cycled to this many docs (throughput)")
    parser.add_argument("--polnear-docs", type=int, default=200)
    parser.add_argument("--n-process", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    if not args.skip_throughput:
        throughput("corpora/voa", voa_texts(args.docs), tuple(args.n_process))
        if POLNEAR.is_dir() and args.polnear_docs:
            texts = polnear_texts(args.polnear_docs)
            throughput(f"polnear ({len(texts)} texts)", texts, tuple(args.n_process))
        else:
            print("\npolnear: skipped (--polnear-docs 0 or ../shared/data/polnear not present)")
    if args.memory and not args.skip_memory:
        memory(args.memory, args.words)


if __name__ == "__main__":
    main()
