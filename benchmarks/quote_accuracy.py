"""Quote accuracy on PolNeAR dev (84 articles): this pipeline vs textacy's direct quotations.

Scored by :mod:`nlp_pipeline.evaluate` (the same code as ``nlp-pipeline evaluate quotes``):
a gold attribution is matched when a prediction covers at least 30% (and 80%) of its
content characters, one-to-one. Precision is over all predictions; recall over (a) gold
contents holding a quotation mark, (b) gold cues that are speech verbs, (c) all; speaker
accuracy is over matched attributions that have a Source (predicted speaker overlaps it).
textacy (``pip install '.[bench]'``) runs on the same parsed Docs as the pipeline.

    python benchmarks/quote_accuracy.py [--limit N] [--errors errors.csv] [--model NAME]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spacy.tokens import Doc

from nlp_pipeline import load
from nlp_pipeline.evaluate import (
    Quote,
    predicted_quotes,
    quote_table,
    read_brat,
    report_failures,
    run,
    score_quotes,
    write_errors,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data" / "polnear" / "dev"


def textacy_quotes(doc: Doc) -> list[Quote]:
    """textacy's ``direct_quotations`` as :class:`Quote` predictions (kind ``direct``)."""
    from textacy.extract.triples import direct_quotations

    return [
        Quote(
            ((q.content.start_char, q.content.end_char),),
            tuple((t.idx, t.idx + len(t)) for t in q.speaker),
            " ".join(t.text for t in q.cue),
            "direct",
        )
        for q in direct_quotations(doc)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--errors", type=Path, default=None, help="pipeline errors to this CSV")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: {args.data} not found (PolNeAR dev split)")
        return 0
    golds = read_brat(args.data)[: args.limit]
    docs, failures = run(load(args.model), golds)
    report_failures(failures)
    results = {"pipeline": score_quotes(golds, [predicted_quotes(d) for d in docs])}
    try:
        import textacy  # noqa: F401
    except ImportError:
        print("textacy reference skipped: textacy is not installed (pip install '.[bench]')")
    else:
        preds, broken = [], 0
        for doc in docs:
            try:
                preds.append(textacy_quotes(doc))
            except ValueError:  # textacy bails out on an odd number of quotation marks
                preds.append([])
                broken += 1
        results["textacy"] = score_quotes(golds, preds)
        if broken:
            print(
                f"textacy refused {broken} article(s) (odd number of quotation marks), "
                "scored as no predictions"
            )
    n_gold = sum(len(g.quotes) for g in golds)
    n_pred = {name: r.scores[0.3].precision.den for name, r in results.items()}
    print(f"PolNeAR dev: {len(golds)} articles, {n_gold} gold attributions, predictions {n_pred}")
    print(quote_table(results))
    if args.errors:
        write_errors(results["pipeline"].errors, args.errors)
        print(f"{len(results['pipeline'].errors)} pipeline errors written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
