"""Throughput and memory of ``nlp-pipeline analyze`` (issue 5).

1. Words per second of ``analyze`` (corpus reading, the full pipeline, shards, final tables
   and graph) on ``corpora/voa`` and, when ``../shared/data/polnear`` is present, on PolNeAR
   texts, with ``n_process`` 1 and 2, each as a ratio to bare spaCy ``nlp.pipe`` (the base
   model alone, no project components, no output) on the same texts in the same run.
2. Peak resident memory of ``analyze`` (one process, fresh interpreter per size) on a corpus
   of 2,000 and of 20,000 documents made by repeating the sample texts; the claim is that the
   larger stays within 1.2x of the smaller (``memory_zone`` + streamed shards and tables).

    python benchmarks/throughput.py                  # everything, default sizes
    python benchmarks/throughput.py --memory 2000 20000 --words 40 --skip-throughput
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "corpora" / "voa" / "voa_stories.jsonl"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def voa_texts() -> list[str]:
    return [json.loads(line)["text"] for line in VOA.read_text(encoding="utf-8").splitlines()]


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
    print(f"{'n_process':>9} {'bare w/s':>10} {'analyze w/s':>12} {'ratio':>6}")
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
            print(f"{n:>9} {bare_wps:>10,.0f} {wps:>12,.0f} {wps / bare_wps:>6.2f}")


def _rss_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak since the last reset) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(n_docs: int, max_words: int) -> None:
    """Run in a fresh interpreter: analyse ``n_docs`` repeated texts, print peak RSS.

    The peak is reset after loading the pipeline (Linux ``clear_refs``), so it measures the
    run itself, not the one-off peak of building the pipeline.
    """
    from nlp_pipeline import load
    from nlp_pipeline.run.engine import analyze

    texts = [" ".join(t.split()[:max_words]) for t in voa_texts()]
    nlp = load()
    list(nlp.pipe(texts[:5]))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(list(islice(cycle(texts), n_docs)), Path(tmp) / "corpus.jsonl")
        base = _rss_mb("VmRSS")
        try:
            Path("/proc/self/clear_refs").write_text("5")  # reset the peak to the current RSS
        except OSError:
            print("cannot reset the peak RSS; it includes loading", file=sys.stderr)
        start = time.perf_counter()
        summary = analyze(corpus, Path(tmp) / "out", nlp=nlp, batch_size=64)
        seconds = time.perf_counter() - start
        peak = _rss_mb("VmHWM")
    print(
        json.dumps(
            {
                "docs": summary.documents,
                "base_mb": base,
                "peak_mb": peak,
                "seconds": seconds,
                "relations": summary.relations,
            }
        )
    )


def memory(sizes: list[int], max_words: int) -> None:
    print(f"\npeak memory of analyze (1 process, texts cut to {max_words} words)")
    print(f"{'docs':>7} {'before run MB':>14} {'peak MB':>8} {'seconds':>8}")
    results = []
    for n in sizes:
        cmd = [sys.executable, __file__, "--memory-child", str(n), "--words", str(max_words)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        res = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(res)
        print(f"{n:>7} {res['base_mb']:>14.0f} {res['peak_mb']:>8.0f} {res['seconds']:>8.1f}")
    if len(results) >= 2:
        ratio = results[-1]["peak_mb"] / results[0]["peak_mb"]
        print(f"peak ratio {sizes[-1]} / {sizes[0]} docs: {ratio:.2f} (target: <= 1.2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory", type=int, nargs="*", default=[2000, 20000])
    parser.add_argument("--words", type=int, default=40, help="words kept per memory-test doc")
    parser.add_argument("--polnear-docs", type=int, default=200)
    parser.add_argument("--n-process", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.words)
        return
    if not args.skip_throughput:
        throughput("corpora/voa", voa_texts(), tuple(args.n_process))
        if POLNEAR.is_dir():
            texts = polnear_texts(args.polnear_docs)
            throughput(f"polnear ({len(texts)} texts)", texts, tuple(args.n_process))
        else:
            print("\npolnear: ../shared/data/polnear not present, skipped")
    if args.memory:
        memory(args.memory, args.words)


if __name__ == "__main__":
    main()
