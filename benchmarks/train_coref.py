"""A learned he/she antecedent ranker against actor_coref's rules, on GUM train.

The pipeline runs over GUM train and, for each ``he``/``she`` (all forms), records every
candidate actor the rules consider (those that agree and are not bound) with features: the
rules' salience, sentence and token distance, the role it was last named in (subject,
object, possessor, in a PP), parallel roles, whether it is the current speaker, reports the
pronoun's clause or is its clause's subject, its known gender, how often the story names it,
whether it was named inside a quotation, first or last as a pronoun. A candidate is right
when one of its named mentions lies in the pronoun's gold chain (as in ``gum_pronouns.py``).
A logistic regression over the candidates of pronouns with a right one scores them; the
ranker takes the highest. Leave-documents-out cross-validation compares it with the rules'
choice on the same folds, alone and as a back-up to the rules' sure cases (the reporter,
the current speaker, a single candidate).

    python benchmarks/train_coref.py [--model NAME] [--folds 5] [--C 0.1] [--dev]

Measured (en_core_web_md): the ranker does not beat the rules. On GUM train's folds, he/she
right 0.938 by the rules, 0.931 by the ranker, 0.936 with the ranker as back-up; fitted on
all of train and checked on GUM dev, 126/131 for each; in the pipeline, VOA dev pronoun
speakers 70/70 for each. So the pipeline keeps the rules and ships no weights; this script
is how to check that again after changing them (the rules' own figure on train is a tuned
one: they were written on it). Needs scikit-learn (``pip install -e .[train]``). Only GUM is
read, train to fit and, with ``--dev``, dev to check; no VOA story, so no test story.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from gum_pronouns import ACTOR_TYPES, DATA, PERSONAL, chains_of_actors

import nlp_pipeline
from nlp_pipeline.components.coref_mentions import SUBJECTS, phrase_top
from nlp_pipeline.components.coref_pronouns import Pronouns


def features(walk, tok, scores: dict[str, float], speaking: bool) -> list[dict[str, float]]:
    """Each candidate's features, from the walk's state when ``tok`` is resolved."""
    doc, sent = walk.doc, walk.sent[tok.i]
    last, near = {}, set()  # each candidate's latest mention; a subject since the sentence before
    for m in reversed(walk.history):
        if m.actor in scores:
            last.setdefault(m.actor, m)
            if m.weight == 1.0 and sent - m.sent <= 1:
                near.add(m.actor)
        if len(last) == len(scores) and sent - m.sent > 1:
            break
    reporter, subjects = walk._reporter(tok), walk._clause_subjects(tok)
    top, first = max(scores.values()), walk.history[0].actor if walk.history else ""
    subject, quoted = tok.dep_ in SUBJECTS, bool(walk.in_quote[tok.i])
    rows = []
    for rank, actor in enumerate(scores):  # most recent first
        m, ent = last[actor], walk.entities[actor]
        gap, dep = sent - m.sent, phrase_top(doc[m.i]).dep_
        row = {
            "salience": scores[actor],
            "most_salient": scores[actor] == top,
            "most_recent": rank == 0,
            "same_sentence": gap == 0,
            "previous_sentence": gap == 1,
            "gap": min(gap, 4) / 4,
            "tokens": min(tok.i - m.i, 100) / 100,
            "subject": m.weight == 1.0,
            "object": dep in ("dobj", "dative"),
            "possessor": doc[m.i].dep_ == "poss",
            "in_pp": dep == "pobj",
            "subject_near": actor in near,
            "parallel_subject": subject and m.weight == 1.0,
            "parallel_other": not subject and m.weight < 1.0,
            "speaker": actor == walk.speaker,
            "speaking_speaker": speaking and actor == walk.speaker,
            "reporter": actor == reporter,
            "clause_subject": actor in subjects,
            "gender_known": bool(ent.gender),
            "mentions": math.log1p(walk.counts.get(actor, 0)) / 3,
            "quoted_for_unquoted": m.quoted and not quoted,
            "topic": actor == first,
            "last_pronoun": doc[m.i].pos_ == "PRON",
            "not_person": ent.label != "PERSON",
        }
        rows.append({k: float(v) for k, v in row.items()})
    return rows


@contextmanager
def record_candidates(trace: list) -> Iterator[None]:
    """Hook the walk while in the block: each he/she's candidates (its first salience call,
    after agreement and binding), their features and the rules' choice go to ``trace``."""
    pronoun, salience = Pronouns._pronoun, Pronouns._salience

    def traced_pronoun(walk, tok):
        walk._tracing, n = tok, len(walk.out)
        pronoun(walk, tok)
        walk._tracing = None
        if trace and trace[-1][0] == tok.idx:
            chosen = [s.kb_id_ for s in walk.out[n:] if s.start == tok.i]
            trace[-1][-1] = chosen[0] if chosen else ""

    def traced_salience(walk, i, window, excluded, gender):
        scores = salience(walk, i, window, excluded, gender)
        tok = getattr(walk, "_tracing", None)
        if tok is not None and gender in ("m", "f") and scores:
            walk._tracing = None  # the first call only
            speaking = tok.dep_ in SUBJECTS and tok.head.lemma_ in walk.ext.speech_verbs
            rows = features(walk, tok, scores, speaking)
            trace.append([tok.idx, tok.idx + len(tok), list(scores), rows, ""])
        return scores

    Pronouns._pronoun, Pronouns._salience = traced_pronoun, traced_salience
    try:
        yield
    finally:
        Pronouns._pronoun, Pronouns._salience = pronoun, salience


def examples(records: list[dict], model: str) -> list[dict]:
    """One example per counted he/she: its document, candidates' features and labels, the
    rules' choice."""
    nlp = nlp_pipeline.load(model)
    trace: list = []
    out = []
    for n, record in enumerate(records):
        trace.clear()
        with record_candidates(trace):
            doc = nlp(record["text"])
        chains: dict[str, list[dict]] = defaultdict(list)
        for m in record["mentions"]:
            chains[m["chain"]].append(m)
        named = {
            c
            for c, ms in chains.items()
            if any(m["proper"] and m["type"] in ACTOR_TYPES for m in ms)
        }
        chains_of = chains_of_actors(record["mentions"], doc)[0]
        traced = {(t[0], t[1]): t for t in trace}
        for m in record["mentions"]:
            if not m["pronoun"] or m["text"].lower() not in PERSONAL or m["chain"] not in named:
                continue
            _, _, actors, rows, rule = traced.get((m["start"], m["end"]), (0, 0, [], [], ""))
            labels = [m["chain"] in chains_of.get(a, ()) for a in actors]
            out.append({"doc": n, "actors": actors, "rows": rows, "labels": labels, "rule": rule})
    return out


def fit(train: list[dict], names: list[str], c: float) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    x, y = [], []
    for ex in train:
        if any(ex["labels"]) and len(ex["labels"]) > 1:
            x += [[row[f] for f in names] for row in ex["rows"]]
            y += ex["labels"]
    clf = LogisticRegression(C=c, max_iter=2000).fit(np.array(x), np.array(y))
    return dict(zip(names, clf.coef_[0].tolist(), strict=True))


def choice(ex: dict, weights: dict[str, float] | None, backup: bool) -> int:
    """The rules' choice (no ``weights``), the ranker's, or the ranker's where the rules
    are not sure (``backup``)."""
    rule = ex["actors"].index(ex["rule"]) if ex["rule"] in ex["actors"] else -1
    row = ex["rows"][rule] if rule >= 0 else {}
    sure = row.get("reporter") or row.get("speaking_speaker") or len(ex["actors"]) == 1
    if weights is None or (backup and sure):
        return rule
    points = [sum(w * r[f] for f, w in weights.items()) for r in ex["rows"]]
    return points.index(max(points))


def right(exs: list[dict], weights: dict[str, float] | None, backup: bool = False) -> int:
    return sum(
        ex["labels"][i] for ex in exs if ex["actors"] and (i := choice(ex, weights, backup)) >= 0
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="en_core_web_md")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--C", type=float, default=0.1, help="inverse L2 regularisation")
    parser.add_argument("--dev", action="store_true", help="check the fitted ranker on GUM dev")
    args = parser.parse_args(argv)
    records = [json.loads(x) for x in (DATA / "train.jsonl").open(encoding="utf-8") if x.strip()]
    assert all(r["doc_id"].startswith("GUM_") for r in records), "GUM train only: no VOA story"
    exs = examples(records, args.model)
    names = list(next(ex for ex in exs if ex["rows"])["rows"][0])
    totals = np.zeros(4, dtype=int)  # n, rules, ranker, ranker as back-up
    for k in range(args.folds):  # documents dealt round the folds in order: deterministic
        test = [ex for ex in exs if ex["doc"] % args.folds == k]
        weights = fit([ex for ex in exs if ex["doc"] % args.folds != k], names, args.C)
        fold = np.array(
            [len(test), right(test, None), right(test, weights), right(test, weights, True)]
        )
        totals += fold
        print(f"fold {k}: n={fold[0]:4d}  " + "  ".join(f"{x / fold[0]:.3f}" for x in fold[1:]))
    n = totals[0]
    print(f"GUM train, {args.folds}-fold by document, he/she (all forms), n={n}:")
    print(f"  rules {totals[1] / n:.3f}  ranker {totals[2] / n:.3f}  back-up {totals[3] / n:.3f}")
    weights = fit(exs, names, args.C)
    print("weights on all of train: " + ", ".join(f"{f} {w:+.2f}" for f, w in weights.items()))
    if args.dev:  # a check only: nothing above has seen it
        dev = [json.loads(x) for x in (DATA / "dev.jsonl").open(encoding="utf-8") if x.strip()]
        exs = examples(dev, args.model)
        n, figures = len(exs), (right(exs, None), right(exs, weights), right(exs, weights, True))
        print(
            f"GUM dev, he/she (all forms), n={n}: rules {figures[0]}, ranker {figures[1]}, "
            f"back-up {figures[2]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
