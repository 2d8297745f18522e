"""Who said it: resolved speaker accuracy on the project's VOA gold set, by kind of speaker.

Gold quotes are matched to the pipeline's one-to-one by content overlap (30%, as in
:mod:`nlp_pipeline.evaluate`). On matched quotes, the speaker is right when the pipeline's
``speaker_id``, mapped to the gold's ids, is the gold ``speaker_id`` (both empty for an
unnamed speaker such as ``officials``). Pipeline ids map to gold ids through the mentions:
a predicted actor is the gold actor that most of its overlapping mentions carry.

Printed per split, for this pipeline, the same without ``actor_coref``, and (``--baseline
DIR``) another checkout of the package, such as main: accuracy over all matched quotes and
over those whose gold speaker is a pronoun, a surname alone, or a role noun
(``the minister``), and the share of named gold speakers left with no ``speaker_name``.

    python benchmarks/speaker_accuracy.py [--gold FILE] [--baseline DIR] [--split dev] [--errors]

``--errors`` lists the dev split's wrong speakers; the test split's are never printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "data" / "voa_gold.jsonl"
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "who", "i", "we"}
KINDS = ("all", "pronoun", "surname", "role noun")


def speaker_kind(q: dict) -> str:
    """``pronoun`` (he), ``surname`` (Nunes for person:amanda-nunes), ``role noun`` (the
    minister) or ``name``/``unnamed``, from the gold speaker."""
    text, sid = q["speaker_text"].strip(), q["speaker_id"]
    words = text.split()
    if text.lower() in PRONOUNS:
        return "pronoun"
    if not sid:
        return "unnamed"
    if len(words) == 1 and sid.startswith("person:") and "-" in sid:
        return "surname"
    if words and words[0].lower() in ("the", "a", "an") and not words[-1][:1].isupper():
        return "role noun"
    return "name"


def id_map(doc, mentions: list[dict]) -> dict[str, str]:
    """Predicted actor id -> the gold id most of its overlapping mentions carry."""
    votes: dict[str, Counter] = {}
    for span in doc.spans.get("actors", []):
        for m in mentions:
            if m["start_char"] < span.end_char and span.start_char < m["end_char"]:
                votes.setdefault(span.kb_id_, Counter())[m["actor_id"]] += 1
    return {pid: c.most_common(1)[0][0] for pid, c in votes.items()}


def rows_for(records: list[dict], exclude: tuple[str, ...]) -> list[dict]:
    """One row per matched gold quote: split, kind, gold and predicted (mapped) speaker."""
    import nlp_pipeline
    from nlp_pipeline.evaluate import Quote, match_quotes, quote_from_row

    nlp = nlp_pipeline.load(exclude=exclude)
    out = []
    for rec, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        gold = [Quote(((q["start_char"], q["end_char"]),)) for q in rec["quotes"]]
        pred = doc._.quotes or []
        mapping = id_map(doc, rec["mentions"])
        for gi, pj in match_quotes(gold, [quote_from_row(r) for r in pred], 0.3).items():
            g, p = rec["quotes"][gi], pred[pj]
            out.append(
                {
                    "split": rec["split"],
                    "id": rec["id"],
                    "kind": speaker_kind(g),
                    "gold": g["speaker_id"],
                    "pred": mapping.get(p["speaker_id"], p["speaker_id"]),
                    "name": p["speaker_name"],
                    "gold_text": g["speaker_text"],
                    "pred_text": p["speaker_text"],
                    "content": g.get("content", rec["text"][g["start_char"] : g["end_char"]]),
                }
            )
    return out


def figures(rows: list[dict]) -> dict[str, str]:
    out = {}
    for kind in KINDS:
        sel = [r for r in rows if kind == "all" or r["kind"] == kind]
        right = sum(r["gold"] == r["pred"] for r in sel)
        out[kind] = f"{right / len(sel):.3f} ({right}/{len(sel)})" if sel else "-"
    named = [r for r in rows if r["gold"]]
    empty = sum(not r["name"] for r in named)
    out["empty name, named gold"] = (
        f"{empty / len(named):.3f} ({empty}/{len(named)})" if named else "-"
    )
    return out


def misses(rows: list[dict], split: str) -> str:
    """Counts only, so that a held-out split says where its errors are without showing
    them: per gold kind, speakers left unresolved (no name) and resolved to another actor."""
    out = Counter()
    for r in rows:
        if r["split"] == split and r["gold"] != r["pred"]:
            out[r["kind"], "unresolved" if not r["name"] else "wrong"] += 1
    return ", ".join(f"{k} {how} {n}" for (k, how), n in sorted(out.items())) or "none"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--baseline", type=Path, help="another checkout's root to compare")
    parser.add_argument("--errors", action="store_true", help="list the dev split's errors")
    parser.add_argument("--split", help="measure one split only (dev while tuning)")
    parser.add_argument("--rows", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(f"skipped: {args.gold} not found (python benchmarks/gold.py build)")
        return 0
    records = [json.loads(x) for x in args.gold.open(encoding="utf-8") if x.strip()]
    records = [r for r in records if args.split in (None, r["split"])]
    if args.rows:  # the baseline's rows, for the parent process
        print(json.dumps(rows_for(records, ())))
        return 0
    systems = {
        "this pipeline": rows_for(records, ()),
        "without actor_coref": rows_for(records, ("actor_coref",)),
    }
    if args.baseline:
        env = {**os.environ, "PYTHONPATH": str(args.baseline.resolve())}
        cmd = [sys.executable, __file__, "--gold", str(args.gold), "--rows"]
        cmd += ["--split", args.split] if args.split else []
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        systems[f"baseline {args.baseline}"] = json.loads(run.stdout.strip().splitlines()[-1])
    for split in sorted({r["split"] for r in records}):
        n = sum(len(r["quotes"]) for r in records if r["split"] == split)
        print(f"\n{split}: {sum(r['split'] == split for r in records)} stories, {n} gold quotes")
        table = {
            name: figures([r for r in rows if r["split"] == split])
            for name, rows in systems.items()
        }
        names = list(table)
        print(f"  {'speaker accuracy':<24}" + "".join(f"{n:>26}" for n in names))
        for key in [*KINDS, "empty name, named gold"]:
            print(f"  {key:<24}" + "".join(f"{table[n][key]:>26}" for n in names))
        matched = len([r for r in systems["this pipeline"] if r["split"] == split])
        print(f"  matched quotes (this pipeline): {matched}/{n}")
        print(f"  misses by gold kind (this pipeline): {misses(systems['this pipeline'], split)}")
    if args.errors:
        print("\ndev errors (gold speaker -> predicted):")
        for r in systems["this pipeline"]:
            if r["split"] == "dev" and r["gold"] != r["pred"]:
                print(
                    f"  {r['id']} [{r['kind']}] {r['gold_text']!r}={r['gold'] or '-'} -> "
                    f"{r['pred_text']!r}={r['pred'] or '-'}: {r['content'][:70]!r}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
