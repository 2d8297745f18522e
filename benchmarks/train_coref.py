"""Train actor_coref's he/she antecedent ranker on GUM train and write it to ``coref.json``.

The pipeline runs over GUM train with the hand-written rules deciding (the ranker off) and
records, for each ``he``/``she`` (all forms), every agreeing candidate actor with its
features (``coref_pronouns.Pronouns._features``). A candidate is right when one of its
named mentions lies in the pronoun's gold chain (as in ``gum_pronouns.py``). A logistic
regression over the candidates of pronouns with a right one learns the weights; the
ranker picks the candidate of highest score. Leave-documents-out cross-validation on GUM
train compares it with the rules on the same folds before the weights are written.

    python benchmarks/train_coref.py [--model NAME] [--folds 5] [--dry-run]

Needs scikit-learn (``pip install -e .[train]``); the pipeline itself only reads the
weights. GUM dev and the VOA gold set are never read here: they are for reporting
(``gum_pronouns.py --split dev``, ``speaker_accuracy.py``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from gum_pronouns import ACTOR_TYPES, DATA, PERSONAL

import nlp_pipeline

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "nlp_pipeline" / "data" / "coref.json"
WHY = (
    "pronoun_ranker: weights of a linear scorer over the candidates of a he/she (features "
    "named in coref_pronouns.Pronouns._features); the highest scoring one is the antecedent. "
    "Trained on GUM train by benchmarks/train_coref.py, which writes this entry."
)


def examples(records: list[dict], model: str) -> list[dict]:
    """One example per counted he/she: its document, candidates' features and labels, the
    rules' choice."""
    nlp = nlp_pipeline.load(model)
    pipe = nlp.get_pipe("actor_coref")
    pipe.ranker = {}  # the rules decide while the features are recorded
    out = []
    for n, record in enumerate(records):
        pipe.trace = []
        doc = nlp(record["text"])
        chains: dict[str, list[dict]] = defaultdict(list)
        for m in record["mentions"]:
            chains[m["chain"]].append(m)
        named = {
            c for c, ms in chains.items() if any(m["proper"] and m["type"] in ACTOR_TYPES for m in ms)
        }
        actor_chains: dict[str, set[str]] = defaultdict(set)
        for span in doc.spans.get("actors", []):
            around = [
                m
                for m in record["mentions"]
                if m["start"] <= span.start_char and span.end_char <= m["end"]
            ]
            if around:
                chain = min(around, key=lambda m: m["end"] - m["start"])["chain"]
                actor_chains[span.kb_id_].add(chain)
        traced = {(t[0], t[1]): t for t in pipe.trace}
        for m in record["mentions"]:
            if not m["pronoun"] or m["text"].lower() not in PERSONAL or m["chain"] not in named:
                continue
            start, end, actors, rows, rule = traced.get((m["start"], m["end"]), (0, 0, [], [], ""))
            labels = [m["chain"] in actor_chains.get(a, ()) for a in actors]
            out.append({"doc": n, "actors": actors, "rows": rows, "labels": labels, "rule": rule})
        pipe.trace = None
    return out


def fit(train: list[dict], names: list[str]) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    x, y = [], []
    for ex in train:
        if any(ex["labels"]) and len(ex["labels"]) > 1:
            x += [[row[f] for f in names] for row in ex["rows"]]
            y += ex["labels"]
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(np.array(x), np.array(y))
    return {f: round(float(w), 4) for f, w in zip(names, clf.coef_[0], strict=True)}


def pick(ex: dict, weights: dict[str, float]) -> int:
    points = [sum(w * row[f] for f, w in weights.items()) for row in ex["rows"]]
    return points.index(max(points))


def accuracy(exs: list[dict], weights: dict[str, float] | None) -> tuple[int, int]:
    """(right, all): the ranker's choice with ``weights``, the rules' without."""
    right = 0
    for ex in exs:
        if not ex["actors"]:
            continue
        i = pick(ex, weights) if weights else ex["actors"].index(ex["rule"])
        right += ex["labels"][i]
    return right, len(exs)


def write(weights: dict[str, float]) -> None:
    """Put the weights last in ``coref.json``, keeping the hand-laid file as it is."""
    text = CORE.read_text(encoding="utf-8")
    text = re.sub(r',\n "_why_pronoun_ranker".*\Z', "\n}\n", text, flags=re.S)
    entry = ",\n ".join(f'"{f}": {w}' for f, w in weights.items())
    tail = (
        f',\n "_why_pronoun_ranker": {json.dumps(WHY)},\n'
        f' "pronoun_ranker": {{"weights": {{\n  {entry.replace(", ", ",  ")}\n }}}}\n}}\n'
    )
    text = text.rstrip().removesuffix("}").rstrip() + tail
    json.loads(text)
    CORE.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="en_core_web_md")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--dry-run", action="store_true", help="cross-validate, write nothing")
    args = parser.parse_args(argv)
    path = DATA / "train.jsonl"
    records = [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]
    exs = examples(records, args.model)
    names = list(next(ex for ex in exs if ex["rows"])["rows"][0])
    rules = model = [0, 0]
    for k in range(args.folds):  # documents dealt round the folds in order: deterministic
        test = [ex for ex in exs if ex["doc"] % args.folds == k]
        train = [ex for ex in exs if ex["doc"] % args.folds != k]
        r, m = accuracy(test, None), accuracy(test, fit(train, names))
        rules, model = [rules[0] + r[0], r[1] + rules[1]], [model[0] + m[0], m[1] + model[1]]
        print(f"fold {k}: n={r[1]:4d}  rules {r[0] / r[1]:.3f}  ranker {m[0] / m[1]:.3f}")
    print(f"GUM train, {args.folds}-fold by document, he/she (all forms), n={rules[1]}:")
    print(f"  rules {rules[0] / rules[1]:.3f}  ranker {model[0] / model[1]:.3f}")
    weights = fit(exs, names)
    print("weights: " + ", ".join(f"{f} {w:+.2f}" for f, w in weights.items()))
    if not args.dry_run:
        write(weights)
        print(f"written to {CORE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
