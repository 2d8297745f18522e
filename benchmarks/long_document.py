"""Peak memory of ``nlp-pipeline analyze`` on very long single-line documents (issue 15).

A 2 MB document without a line break is cut into 100,000-character chunks; batches are
bounded by characters (``--batch-chars``, default 200,000), so the chunks no longer all go
through the parser at once. This runs the real command (default settings unless told
otherwise) in a fresh process per measurement and prints that process's peak resident
memory (``getrusage(RUSAGE_CHILDREN)``, measured by a wrapper process around each run).

    python benchmarks/long_document.py                    # one 2 MB line, default settings
    python benchmarks/long_document.py --docs 1 3         # flat in corpus size: 1 vs 3 lines
    python benchmarks/long_document.py --args --batch-size 1

Target (issue 15): peak <= 1.5 GB for one 2 MB line with default settings.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "corpora" / "voa" / "voa_stories.jsonl"
SCRIPT = Path(sys.executable).with_name("nlp-pipeline")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "nlp_pipeline.cli"]
TARGET_MB = 1536


def long_line(chars: int, variant: int = 0) -> str:
    """``chars`` characters of VOA prose on one line (no line break at all)."""
    texts = [json.loads(line)["text"] for line in VOA.read_text(encoding="utf-8").splitlines()]
    texts = texts[variant % len(texts) :] + texts[: variant % len(texts)]
    one = " ".join(" ".join(t.split()) for t in texts) + " "
    return (one * (chars // len(one) + 1))[:chars]


def measure(cmd: list[str]) -> None:
    """Run ``cmd``; print its exit code, seconds and peak RSS (MB) as JSON."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux
    print(
        json.dumps(
            {
                "rc": done.returncode,
                "seconds": seconds,
                "peak_mb": peak_kb / 1024,
                "stderr": done.stderr[-300:],
            }
        )
    )


def run(n_docs: int, chars: int, extra: list[str], tmp: Path) -> dict:
    if n_docs == 1:
        corpus = tmp / f"line-{chars}.txt"
        corpus.write_text(long_line(chars), encoding="utf-8")
    else:
        corpus = tmp / f"lines-{n_docs}x{chars}.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for i in range(n_docs):
                f.write(json.dumps({"id": f"d{i}", "text": long_line(chars, i)}) + "\n")
    out = tmp / f"out-{n_docs}-{len(extra)}"
    cmd = [*COMMAND, "analyze", str(corpus), "--out", str(out), "-q", "--overwrite", *extra]
    wrapper = [sys.executable, __file__, "--measure", *cmd]
    done = subprocess.run(wrapper, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"analyze failed ({result['rc']}): {result['stderr']}")
    return result


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        measure(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1], help="lines in the corpus")
    parser.add_argument("--chars", type=int, default=2_000_000, help="characters per line")
    parser.add_argument("--args", nargs=argparse.REMAINDER, default=[], help="for analyze")
    args = parser.parse_args()
    settings = " ".join(args.args) or "default settings"
    print(f"peak memory of `nlp-pipeline analyze` ({settings}), one process per run")
    print(f"{'docs':>5} {'chars/doc':>10} {'peak MB':>8} {'seconds':>8}")
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.docs:
            res = run(n, args.chars, args.args, Path(tmp))
            peaks.append(res["peak_mb"])
            print(f"{n:>5} {args.chars:>10,} {res['peak_mb']:>8.0f} {res['seconds']:>8.1f}")
    verdict = "ok" if peaks[0] <= TARGET_MB else "OVER"
    print(f"peak for {args.docs[0]} doc(s): {peaks[0]:.0f} MB (target <= {TARGET_MB}: {verdict})")
    if len(peaks) > 1:
        print(f"peak ratio {args.docs[-1]} / {args.docs[0]} docs: {peaks[-1] / peaks[0]:.2f}")


if __name__ == "__main__":
    main()
