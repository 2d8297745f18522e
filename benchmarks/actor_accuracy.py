"""Actor accuracy: which spans are PERSON / STATE / ORG, and which actor each one is.

Every figure is printed beside the bare base model (its NER, GPE = STATE) on the same texts:

- **VOA gold** (``benchmarks/data/voa_gold.jsonl``, the project's own set; ``dev`` is tuned
  on, ``test`` never): P/R/F1 per label with boundaries normalised (a leading ``the`` and a
  trailing possessive ignored); mention-to-actor-id accuracy (each predicted id is mapped to
  one gold actor, one to one, over all 30 stories); wrong merges (a predicted id whose
  mentions belong to two or more gold actors, within or across stories).
- **Overrides**: every pipeline mention whose span or label differs from the NER's, and
  every NER entity the pipeline dropped, counted by the rule that made the change
  (``span.id_``), with how often the pipeline and the bare NER were right: the net effect of
  each rule, in mentions.
- **GUM** (``../shared/data/gum``, news/interview/bio; train and dev): proper-name person and
  organisation mentions, and places whose Wikipedia identity is a country (pycountry), scored
  by the mention's last word (GUM spans include titles: *President Obama*).
- **CrossNER politics**: dev (tuned on by earlier rounds) and the first 1,000 sentences of
  train (never tuned on), exact spans as in ``nlp-pipeline evaluate entities``.

    python benchmarks/actor_accuracy.py [--models en_core_web_sm,en_core_web_md] [--only voa]
        [--gold FILE] [--errors]

``--gold`` scores another ``voa_gold.jsonl`` (a half of dev, say); ``--errors`` lists the dev
split's ORG false positives and misses, never the test split's.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import spacy

from nlp_pipeline import load
from nlp_pipeline.evaluate import (
    BASE_NER_MAP,
    Entity,
    GoldDoc,
    entity_table,
    parse_label_map,
    read_conll,
    run,
    score_entities,
)
from nlp_pipeline.loading import resolve_model

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
VOA_GOLD = ROOT / "benchmarks" / "data" / "voa_gold.jsonl"
CROSSNER_MAP = "person=PERSON,politician=PERSON,organisation=ORG,politicalparty=ORG,country=STATE"
_LEADING = ("the ", "The ")
_TRAILING = ("'s", "’s", "'", "’")


def normalise(text: str, start: int, end: int) -> tuple[int, int]:
    """Boundaries without a leading ``the`` and a trailing possessive: conventions differ."""
    span = text[start:end]
    for lead in _LEADING:
        if span.startswith(lead) and len(span) > len(lead):
            start += len(lead)
            span = span[len(lead) :]
    for trail in _TRAILING:
        if span.endswith(trail) and len(span) > len(trail):
            end -= len(trail)
            span = span[: -len(trail)]
    return start, end


# ----------------------------------------------------------------------------- data


def voa_gold(split: str | None = None, path: Path = VOA_GOLD) -> list[dict]:
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [r for r in rows if split is None or r["split"] == split]


def _gold_docs(rows: list[dict]) -> list[GoldDoc]:
    out = []
    for r in rows:
        ents = [
            Entity(*normalise(r["text"], m["start_char"], m["end_char"]), m["label"])
            for m in r["mentions"]
        ]
        out.append(GoldDoc(r["id"], r["text"], ents))
    return out


def gum_docs(split: str) -> list[GoldDoc]:
    """GUM named mentions as gold, keyed by their last word (see the module docstring)."""
    path = SHARED / "gum" / f"{split}.jsonl"
    if not path.is_file():
        return []
    import pycountry

    countries = {c.name for c in pycountry.countries}
    countries |= {getattr(c, "common_name", c.name) for c in pycountry.countries}
    countries |= {"United States", "United Kingdom", "Russia", "Iran", "Syria", "South Korea"}
    out = []
    for rec in map(json.loads, path.open(encoding="utf-8")):
        ents = set()
        for m in rec["mentions"]:
            if not m["proper"] or m["pronoun"]:
                continue
            label = {"person": "PERSON", "organization": "ORG"}.get(m["type"])
            if m["type"] == "place" and m["wikipedia"].replace("_", " ") in countries:
                label = "STATE"
            if label:
                ents.add(Entity(*_last_word(rec["text"], m["start"], m["end"]), label))
        out.append(GoldDoc(rec["doc_id"], rec["text"], sorted(ents)))
    return out


def _last_word(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = normalise(text, start, end)
    return end - len(text[start:end].split()[-1]), end


# ----------------------------------------------------------------------------- systems


def predictions(docs, key: str, text_norm=normalise) -> list[list[Entity]]:
    out = []
    for doc in docs:
        spans = doc.ents if key == "ents" else doc.spans.get("actors", [])
        ents = []
        for s in spans:
            label = BASE_NER_MAP.get(s.label_) if key == "ents" else s.label_
            if label:
                ents.append(Entity(*text_norm(doc.text, s.start_char, s.end_char), label))
        out.append(ents)
    return out


def overrides(docs, golds: list[GoldDoc]) -> dict[str, Counter]:
    """Per rule: how many mentions it changed, and whether pipeline or bare NER was right."""
    table: dict[str, Counter] = defaultdict(Counter)
    for doc, gold in zip(docs, golds, strict=True):
        gold_set = set(gold.entities)
        ner = {
            normalise(doc.text, e.start_char, e.end_char): BASE_NER_MAP.get(e.label_)
            for e in doc.ents
        }
        seen = set()
        for s in doc.spans.get("actors", []):
            span = normalise(doc.text, s.start_char, s.end_char)
            seen.add(span)
            if ner.get(span) == s.label_:
                continue
            overlap = [k for k in ner if k[0] < span[1] and span[0] < k[1] and ner[k]]
            rule = s.id_ or "?"
            change = "relabel" if span in ner else "reshape" if overlap else "add"
            bare_right = any(Entity(*k, ner[k]) in gold_set for k in overlap)
            row = table[f"{rule}: {change}"]
            row["n"] += 1
            row["pipeline right"] += Entity(*span, s.label_) in gold_set
            row["bare right"] += bare_right
        for k, label in ner.items():
            covered = any(a[0] < k[1] and k[0] < a[1] for a in seen)
            if label and not covered:
                row = table["drop NER entity"]
                row["n"] += 1
                row["pipeline right"] += Entity(*k, label) not in gold_set
                row["bare right"] += Entity(*k, label) in gold_set
    return table


def identity(docs, rows: list[dict]) -> dict[str, float]:
    """Mention-to-actor accuracy under a one-to-one id mapping, and wrong merges."""
    pairs: Counter = Counter()
    matched = 0
    for doc, r in zip(docs, rows, strict=True):
        gold = {
            normalise(r["text"], m["start_char"], m["end_char"]): m["actor_id"]
            for m in r["mentions"]
        }
        for s in doc.spans.get("actors", []):
            span = normalise(doc.text, s.start_char, s.end_char)
            if span in gold:
                pairs[(s.kb_id_, gold[span])] += 1
                matched += 1
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for (pred, gold_id), _ in pairs.most_common():
        if pred not in mapping and gold_id not in used:
            mapping[pred] = gold_id
            used.add(gold_id)
    right = sum(n for (pred, gold_id), n in pairs.items() if mapping.get(pred) == gold_id)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for pred, gold_id in pairs:
        by_pred[pred].add(gold_id)
    merges = {p: sorted(g) for p, g in by_pred.items() if len(g) > 1}
    return {"matched": matched, "right": right, "merges": merges}


# ----------------------------------------------------------------------------- report


def voa_report(
    models: list[str], split: str, show_merges: bool, path: Path = VOA_GOLD, errors: bool = False
) -> None:
    rows = voa_gold(split, path)
    if not rows:
        print(f"VOA gold ({split}): skipped, no {split} stories in {path}")
        return
    golds = _gold_docs(rows)
    results, extra = {}, {}
    for model in models:
        bare = spacy.load(resolve_model(model))
        docs, _ = run(bare, golds)
        results[f"bare {_short(model)}"] = score_entities(golds, predictions(docs, "ents"))
        docs, _ = run(load(model), golds)
        results[f"pipeline {_short(model)}"] = score_entities(golds, predictions(docs, "actors"))
        extra[model] = (identity(docs, rows), overrides(docs, golds))
        if errors and split == "dev":
            print(f"\nORG errors, {_short(model)} pipeline, {split}:")
            _print_errors(docs, golds, "ORG")
    n_words = sum(len(r["text"].split()) for r in rows)
    print(f"\nVOA gold, {split} ({len(rows)} stories, {n_words} words), boundary-normalised:")
    print(entity_table(results))
    for model, (ids, table) in extra.items():
        acc = ids["right"] / max(ids["matched"], 1)
        print(
            f"{_short(model)} pipeline: mention-to-actor accuracy {acc:.3f} "
            f"({ids['right']}/{ids['matched']} matched mentions); wrong merges "
            f"{len(ids['merges'])} predicted actors"
        )
        if show_merges:
            for pred, gold_ids in sorted(ids["merges"].items()):
                print(f"    {pred} = {', '.join(gold_ids)}")
        _print_overrides(table)


def _print_errors(docs, golds: list[GoldDoc], label: str) -> None:
    """Each false positive and miss involving ``label``: span, predicted and gold label
    (``-`` for none), the rule that decided (``span.id_``)."""
    for doc, gold in zip(docs, golds, strict=True):
        gold_label = {(e.start, e.end): e.label for e in gold.entities}
        pred = {
            normalise(doc.text, s.start_char, s.end_char): (s.label_, s.id_)
            for s in doc.spans.get("actors", [])
        }
        for span in sorted(set(gold_label) | set(pred)):
            p_label, rule = pred.get(span, ("-", ""))
            g_label = gold_label.get(span, "-")
            if p_label != g_label and label in (p_label, g_label):
                kind = "FP" if g_label != label else "miss"
                print(
                    f"    {gold.doc_id} {kind:<4} {doc.text[span[0] : span[1]]!r:<40} "
                    f"pred {p_label:<6} gold {g_label:<6} {rule}"
                )


def _print_overrides(table: dict[str, Counter]) -> None:
    print(f"    {'rule: change':<34} {'n':>4} {'pipe right':>10} {'bare right':>10} {'net':>5}")
    for rule, c in sorted(table.items(), key=lambda kv: -kv[1]["n"]):
        net = c["pipeline right"] - c["bare right"]
        print(
            f"    {rule:<34} {c['n']:>4} {c['pipeline right']:>10} {c['bare right']:>10} {net:>+5}"
        )


def simple_report(title: str, golds: list[GoldDoc], models: list[str], norm, mapping) -> None:
    if not golds:
        print(f"\n{title}: skipped (data not found)")
        return
    results = {}
    for model in models:
        docs, _ = run(spacy.load(resolve_model(model)), golds)
        results[f"bare {_short(model)}"] = score_entities(
            golds, predictions(docs, "ents", norm), mapping
        )
        docs, _ = run(load(model), golds)
        results[f"pipeline {_short(model)}"] = score_entities(
            golds, predictions(docs, "actors", norm), mapping
        )
    print(f"\n{title} ({len(golds)} documents):")
    print(entity_table(results))


def _short(model: str) -> str:
    return model.removeprefix("en_core_web_")


def _identity_norm(text: str, start: int, end: int) -> tuple[int, int]:
    return start, end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="en_core_web_sm,en_core_web_md")
    parser.add_argument("--only", choices=["voa", "gum", "crossner"], default=None)
    parser.add_argument("--merges", action="store_true", help="list every wrong merge")
    parser.add_argument("--gold", type=Path, default=VOA_GOLD, help="a voa_gold.jsonl")
    parser.add_argument(
        "--errors", action="store_true", help="list the dev split's ORG errors (never test's)"
    )
    args = parser.parse_args(argv)
    models = args.models.split(",")
    if args.only in (None, "voa"):
        for split in ("dev", "test"):
            voa_report(models, split, args.merges, args.gold, args.errors)
    if args.only in (None, "gum"):
        for split in ("train", "dev"):
            simple_report(f"GUM {split}, by last word", gum_docs(split), models, _last_word, None)
    if args.only in (None, "crossner"):
        mapping = parse_label_map(CROSSNER_MAP)
        folder = SHARED / "crossner_politics"
        for name, limit in (("dev", None), ("train", 1000)):
            path = folder / f"{name}.txt"
            golds = read_conll(path)[:limit] if path.is_file() else []
            title = f"CrossNER politics {name}" + (" (first 1,000, never tuned)" if limit else "")
            simple_report(title, golds, models, _identity_norm, mapping)
    return 0


if __name__ == "__main__":
    sys.exit(main())
