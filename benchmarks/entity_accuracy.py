"""PERSON / ORG / STATE accuracy on CrossNER politics dev: bare base model vs this pipeline.

Exact span + label P/R/F1, scored by :mod:`nlp_pipeline.evaluate` (the same code as
``nlp-pipeline evaluate entities``). CrossNER labels: person and politician = PERSON,
organisation and politicalparty = ORG, country = STATE; the bare model's GPE = STATE.

    python benchmarks/entity_accuracy.py [--limit N] [--errors errors.csv] [--model NAME]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy

from nlp_pipeline import load
from nlp_pipeline.evaluate import (
    BASE_NER_MAP,
    entity_table,
    parse_label_map,
    predicted_entities,
    read_conll,
    report_failures,
    run,
    score_entities,
    write_errors,
)
from nlp_pipeline.loading import resolve_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data" / "crossner_politics" / "dev.txt"
LABEL_MAP = "person=PERSON,politician=PERSON,organisation=ORG,politicalparty=ORG,country=STATE"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences only")
    parser.add_argument("--errors", type=Path, default=None, help="pipeline errors to this CSV")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: {args.data} not found (CrossNER politics dev set)")
        return 0
    mapping = parse_label_map(LABEL_MAP)
    golds = read_conll(args.data)[: args.limit]
    results = {}
    strict = {}
    for name, nlp, key, pred_map in (
        (f"bare {args.model}", spacy.load(resolve_model(args.model)), "ents", BASE_NER_MAP),
        ("pipeline", load(args.model), "actors", None),
    ):
        docs, failures = run(nlp, golds)
        report_failures(failures)
        preds = [predicted_entities(d, key, pred_map) for d in docs]
        results[name] = score_entities(golds, preds, mapping)
        strict[name] = score_entities(golds, preds, mapping, ignore_nested=False)
    n_tokens = sum(len(g.text.split()) for g in golds)
    print(f"CrossNER politics dev: {len(golds)} sentences, {n_tokens} tokens")
    print(entity_table(results))
    bare, ours = results.values()
    gain = ours.scores["STATE"].f1 - bare.scores["STATE"].f1
    print(f"STATE F1 gain over bare: {gain * 100:+.1f} points")
    print("Strict (mentions nested in election/event/misc names counted as false positives):")
    print(entity_table(strict))
    if args.errors:
        write_errors(ours.errors, args.errors)
        print(f"{len(ours.errors)} pipeline errors written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
