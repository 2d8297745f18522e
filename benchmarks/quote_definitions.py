"""What counts as a quote: the quote extractor's default against ``propositions_only``.

PolNeAR counts requests, vows and embedded questions as attributions; the project's gold
(``benchmarks/data/README.md``, Quotes) counts only contents that state a proposition, or
words reproduced in quotation marks. The two settings are scored on the same texts: the
VOA gold's dev and held-out test splits and PolNeAR dev (when ``../shared`` has it), at
overlap 0.3 and 0.8, by :mod:`nlp_pipeline.evaluate`.

    python benchmarks/quote_definitions.py [--model NAME] [--split dev|test]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from gold import DEV, TEST

from nlp_pipeline import load
from nlp_pipeline.evaluate import predicted_quotes, quote_table, read_gold, run, score_quotes
from nlp_pipeline.loading import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "benchmarks" / "data" / "voa_gold.jsonl"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "dev"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--split", choices=("dev", "test"), default=None)
    args = parser.parse_args(argv)
    nlp = load(args.model)
    extractor = nlp.get_pipe("quote_extractor")
    voa = read_gold(VOA, "jsonl")
    sets = {
        f"VOA {name}": [g for g in voa if g.doc_id in ids]
        for name, ids in (("dev", set(DEV)), ("test", set(TEST)))
        if args.split in (None, name)
    }
    if POLNEAR.is_dir():
        sets["PolNeAR dev"] = read_gold(POLNEAR, "brat")
    else:
        print(f"PolNeAR skipped: {POLNEAR} not found")
    for name, golds in sets.items():
        results = {}
        for strict in (False, True):
            extractor.propositions_only = strict
            docs, _ = run(nlp, golds)
            preds = [predicted_quotes(d) for d in docs]
            results["propositions_only" if strict else "default"] = score_quotes(golds, preds)
        print(f"\n{name}: {len(golds)} documents, {sum(len(g.quotes) for g in golds)} gold quotes")
        print(quote_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
