"""Words per second of a transformer pipeline with this project's components: GPU vs CPU.

Runs ``nlp_pipeline.load(MODEL)`` over the ``corpora/voa`` stories with ``nlp.pipe``
(one process, as GPU runs must be) once on the CPU and, when spaCy can use a GPU
(``spacy.prefer_gpu()``: torch with CUDA plus cupy), once on the GPU, each in a fresh
interpreter because the device is fixed when the pipeline is loaded. Prints words/s for
each and the GPU/CPU ratio, or says plainly that there is no GPU and why. For scale, the
same run also times the default ``en_core_web_sm`` pipeline on the CPU.

MODEL defaults to the tiny MiniLM pipeline that scripts/build_trf_pipeline.py builds
(needs ``make trf`` and ../shared/data/crossner_politics); pass ``--model en_core_web_trf``
or a path for a real one.

    python benchmarks/trf_gpu.py [--model PATH_OR_NAME] [--docs 40] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "corpora" / "voa" / "voa_stories.jsonl"
BUILDER = ROOT / "scripts" / "build_trf_pipeline.py"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def gpu_status() -> str:
    """Empty when spaCy can run on a GPU here, else the reason it cannot."""
    if importlib.util.find_spec("torch") is None:
        return "torch is not installed (make trf)"
    import torch

    if not torch.cuda.is_available():
        return f"no CUDA GPU visible to torch {torch.__version__}"
    if importlib.util.find_spec("cupy") is None:
        return "torch sees a GPU but cupy is not installed (pip install cupy-cuda12x)"
    return ""


def measure(model: str, device: str, docs: int, batch_size: int) -> dict:
    """Words/s of the full pipeline on ``device``; run in its own interpreter."""
    import spacy

    if device == "gpu":
        spacy.require_gpu()
    import nlp_pipeline

    lines = VOA.read_text(encoding="utf-8").splitlines()[:docs]
    texts = [json.loads(line)["text"] for line in lines]
    nlp = nlp_pipeline.load(model)
    list(nlp.pipe(texts[:4], batch_size=batch_size))  # warm-up: weights, kernels, caches
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    return {"device": device, "docs": len(texts), "words": words, "seconds": seconds}


def build_default(where: Path) -> str:
    spec = importlib.util.spec_from_file_location("build_trf_pipeline", BUILDER)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    if not builder.DEFAULT_TRAIN.is_file():
        raise SystemExit(f"skipped: {builder.DEFAULT_TRAIN} not found; pass --model")
    print("building the MiniLM test pipeline (about a minute on 2 cores) ...", flush=True)
    return str(builder.build(where / "trf_minilm", log=lambda _: None))


def child(args: argparse.Namespace, device: str, model: str) -> dict:
    command = [sys.executable, __file__, "--model", model, "--docs", str(args.docs)]
    command += ["--batch-size", str(args.batch_size), "--child", device]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{device} run failed:\n{result.stderr[-3000:]}")
    return {**json.loads(result.stdout.strip().splitlines()[-1]), "model": model}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="pipeline name or path (default: build)")
    parser.add_argument("--docs", type=int, default=40, help="first N VOA stories")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--child", choices=["cpu", "gpu"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.model, args.child, args.docs, args.batch_size)))
        return 0
    if importlib.util.find_spec("spacy_transformers") is None:
        print("skipped: spacy-transformers is not installed (make trf)")
        return 0
    no_gpu = gpu_status()
    name = args.model or "the MiniLM test pipeline (scripts/build_trf_pipeline.py)"
    with tempfile.TemporaryDirectory() as tmp:
        args.model = args.model or build_default(Path(tmp))
        runs = [child(args, "cpu", args.model)]
        runs += [] if no_gpu else [child(args, "gpu", args.model)]
        sm = child(args, "cpu", "en_core_web_sm")
    print(
        f"model {name}, {runs[0]['docs']} VOA stories, {runs[0]['words']:,} words, "
        f"batch size {args.batch_size}, one process"
    )
    rate = {r["device"]: r["words"] / r["seconds"] for r in runs}
    sm_rate = sm["words"] / sm["seconds"]
    for r in runs:
        print(f"  {r['device']}: {rate[r['device']]:10,.0f} words/s  ({r['seconds']:.1f}s)")
    print(
        f"  en_core_web_sm on cpu: {sm_rate:10,.0f} words/s; "
        f"transformer/sm on cpu: {rate['cpu'] / sm_rate:.2f}x"
    )
    if no_gpu:
        print(f"GPU: not measured, {no_gpu}; CPU figure only")
    else:
        print(f"GPU/CPU speed-up: {rate['gpu'] / rate['cpu']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
