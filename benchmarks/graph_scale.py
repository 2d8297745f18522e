"""Build the weighted actor graph and write GEXF for 100k and 1M synthetic relation rows.

Each size runs in a fresh subprocess, so the peak resident memory printed is that size's
own. Actor names follow a Zipf-like law (a few actors in most rows, a long tail), dates
span three years, relation types and predicates are mixed as in news. Targets: 1M rows
under 60 s and 4 GB, time growing about linearly (the 1M/100k ratio is printed).

    python benchmarks/graph_scale.py            # 100k and 1M
    python benchmarks/graph_scale.py 200000     # one size
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

N_ACTORS = 60_000
PREDICATES = [
    "meet",
    "condemn",
    "praise",
    "sanction",
    "hold talks",
    "provide assistance",
    "accuse",
    "warn",
    "sign",
    "visit",
    "message",
    "attack",
    "support",
    "said",
]
TYPES = ["co_occurs", "acts_on", "quotes", "affiliated_with"]
TYPE_P = [0.6, 0.2, 0.12, 0.08]


def synthetic(n_rows: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Relation rows and the actors table, with Zipf-distributed actor popularity."""
    rng = np.random.default_rng(seed)
    labels = np.array(["PERSON", "STATE", "ORG"])[rng.choice(3, N_ACTORS, p=[0.6, 0.1, 0.3])]
    ids = np.array([f"{lab.lower()}:actor-{i}" for i, lab in enumerate(labels)], dtype=object)
    names = np.array([f"Actor {i} & Co <{lab}>" for i, lab in enumerate(labels)], dtype=object)
    weights = 1.0 / np.arange(1, N_ACTORS + 1) ** 1.1
    weights /= weights.sum()
    src = rng.choice(N_ACTORS, n_rows, p=weights)
    tgt = rng.choice(N_ACTORS, n_rows, p=weights)
    tgt = np.where(tgt == src, (tgt + 1) % N_ACTORS, tgt)
    relation = np.array(TYPES, dtype=object)[rng.choice(4, n_rows, p=TYPE_P)]
    acts = relation == "acts_on"
    predicate = np.where(acts, np.array(PREDICATES, dtype=object)[rng.integers(0, 14, n_rows)], "")
    polarity = np.where(
        acts,
        np.array(["cooperation", "conflict", ""], dtype=object)[rng.integers(0, 3, n_rows)],
        "",
    )
    doc = rng.integers(0, max(n_rows // 20, 1), n_rows)
    days = pd.date_range("2021-01-01", "2023-12-31").strftime("%Y-%m-%d").to_numpy(dtype=object)
    doc_day = rng.integers(0, len(days), doc.max() + 1)
    relations = pd.DataFrame(
        {
            "doc_id": [f"doc-{d}" for d in doc],
            "source_id": ids[src],
            "source_name": names[src],
            "relation": relation,
            "target_id": ids[tgt],
            "target_name": names[tgt],
            "predicate": predicate,
            "start_char": rng.integers(0, 5000, n_rows),
            "end_char": rng.integers(5000, 6000, n_rows),
            "quote_id": np.where(relation == "quotes", "q1", ""),
            "polarity": polarity,
            "role": np.where(relation == "affiliated_with", "spokesperson", ""),
            "date": days[doc_day[doc]],
        }
    )
    counts = np.bincount(np.concatenate([src, tgt]), minlength=N_ACTORS)
    seen = counts > 0
    actors = pd.DataFrame(
        {
            "actor_id": ids[seen],
            "name": names[seen],
            "label": labels[seen],
            "country": "",
            "aliases": "",
            "n_mentions": counts[seen],
            "n_docs": np.minimum(counts[seen], doc.max() + 1),
            "n_quotes": 0,
        }
    )
    return relations, actors


def run_one(n_rows: int) -> dict:
    from nlp_pipeline.graph import weighted_graph, write_gexf

    relations, actors = synthetic(n_rows)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    graph = weighted_graph(relations, actors)
    t1, c1 = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        path = write_gexf(graph, Path(tmp) / "graph.gexf")
        size = path.stat().st_size
    t2, c2 = time.perf_counter(), time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": n_rows,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "build_s": round(t1 - t0, 2),
        "gexf_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "build_cpu_s": round(c1 - c0, 2),
        "gexf_cpu_s": round(c2 - c1, 2),
        "total_cpu_s": round(c2 - c0, 2),
        "load": round(os.getloadavg()[0], 1),
        "peak_mb": round(peak / 1024),
        "input_mb": round(base / 1024),
        "gexf_mb": round(size / 2**20, 1),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    results = []
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        res = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(res)
        print(
            f"{res['rows']:>9,} rows -> {res['nodes']:,} nodes, {res['edges']:,} edges: "
            f"build {res['build_s']} s + GEXF {res['gexf_s']} s = {res['total_s']} s wall "
            f"(CPU {res['build_cpu_s']} + {res['gexf_cpu_s']} = {res['total_cpu_s']} s, "
            f"load average {res['load']}); "
            f"peak RSS {res['peak_mb']} MB (input tables alone {res['input_mb']} MB); "
            f"GEXF {res['gexf_mb']} MB"
        )
    if len(results) >= 2:
        a, b = results[0], results[-1]
        print(
            f"rows x{b['rows'] / a['rows']:.0f} -> wall time x{b['total_s'] / a['total_s']:.1f}, "
            f"CPU time x{b['total_cpu_s'] / a['total_cpu_s']:.1f}, "
            f"edges x{b['edges'] / a['edges']:.1f}, peak memory x{b['peak_mb'] / a['peak_mb']:.1f}"
        )


if __name__ == "__main__":
    main()
