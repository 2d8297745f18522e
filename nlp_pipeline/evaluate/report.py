"""Scores as text tables and error files, for the terminal and for reading the errors."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from .scoring import PRF, EntityResult, QuoteResult, QuoteScores, Ratio


def write_errors(errors: list[dict], path: str | Path) -> Path:
    """Every false positive / false negative as CSV (or Parquet by suffix), atomically."""
    import pandas as pd

    from ..tables import write_table

    path = Path(path)
    return write_table(
        pd.DataFrame(errors), path, "parquet" if path.suffix == ".parquet" else "csv"
    )


def entity_table(results: dict[str, EntityResult]) -> str:
    """P/R/F1 per label, one column group per system, side by side."""
    labels = list(dict.fromkeys(lab for r in results.values() for lab in r.scores))
    labels = [lab for lab in labels if lab != "ALL"] + ["ALL"]
    head = f"{'label':<8} {'gold':>6}" + "".join(f" | {name[:22]:^22}" for name in results)
    sub = f"{'':<8} {'':>6}" + " | {:>6} {:>6} {:>6}".format("P", "R", "F1") * len(results)
    lines = [head, sub, "-" * len(sub)]
    for lab in labels:
        some = next(r.scores[lab] for r in results.values() if lab in r.scores)
        row = f"{lab:<8} {some.tp + some.fn:>6}"
        for r in results.values():
            s = r.scores.get(lab, PRF())
            row += f" | {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        lines.append(row)
    return "\n".join(lines)


def quote_table(results: dict[str, QuoteResult]) -> str:
    """Quote metrics (rows) for each system and overlap threshold (columns)."""
    cols = [(name, t, sc) for name, r in results.items() for t, sc in r.scores.items()]
    rows: list[tuple[str, Callable[[QuoteScores], str]]] = [
        ("precision (all predictions)", lambda s: str(s.precision)),
        ("recall (a) quote mark", lambda s: str(s.recall_by["quote_mark"])),
        ("recall (b) speech-verb cue", lambda s: str(s.recall_by["speech_cue"])),
        ("recall (c) all", lambda s: str(s.recall)),
        ("F1 (all)", lambda s: f"{s.f1:.3f}"),
        ("speaker accuracy (matched)", lambda s: str(s.speaker)),
    ]
    kinds = sorted({k for *_, sc in cols for k in sc.recall_by if k.startswith("kind=")})
    rows += [(f"recall {k}", lambda s, k=k: str(s.recall_by.get(k, Ratio()))) for k in kinds]
    pkinds = sorted({k for *_, sc in cols for k in sc.precision_by})
    rows += [(f"precision {k}", lambda s, k=k: str(s.precision_by.get(k, Ratio()))) for k in pkinds]
    width = 22
    lines = [f"{'metric':<30}" + "".join(f" | {f'{n[:14]} @{t:g}':>{width}}" for n, t, _ in cols)]
    lines.append("-" * len(lines[0]))
    for label, fmt in rows:
        lines.append(f"{label:<30}" + "".join(f" | {fmt(sc):>{width}}" for *_, sc in cols))
    return "\n".join(lines)


def report_failures(failures: list[str]) -> None:
    """Say on stderr how many documents the pipeline crashed on (scored as no predictions)."""
    if failures:
        print(
            f"warning: the pipeline failed on {len(failures)} document(s), scored as no "
            f"predictions; first: {failures[0]}",
            file=sys.stderr,
        )
