"""Is there recall left in dependency shapes? Actor pairs with no `acts_on` row, by shape.

For every ordered pair of predicted actor mentions in one sentence of a dev story, this
takes the dependency path between the two mentions' heads (the arcs up from the source to
their common head, that head's POS, the arcs down to the target) and asks whether the gold
has an ``acts_on`` row from the one actor to the other with evidence in that sentence. It
prints, for the pairs the pipeline gives no row, the shapes that hold the most gold rows and
the share of their pairs that are gold: a shape right for most of its pairs would be a rule
worth writing; shapes right for a few in ten are not.

    python benchmarks/relation_shapes.py [--gold DIR] [--top 15]

Dev stories only (the test split is never read for errors).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from relation_accuracy import GOLD, id_map, read_gold
from spacy.tokens import Token


def _chain(tok: Token) -> list[Token]:
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def shape(a: Token, b: Token) -> tuple[str, str, str] | None:
    """(arcs up from a, the common head's POS, arcs down to b), or None across sentences."""
    up, down = _chain(a), _chain(b)
    where = {t.i: k for k, t in enumerate(down)}
    for k, tok in enumerate(up):
        if tok.i in where:
            arcs_up = "/".join(t.dep_ for t in up[:k])
            arcs_down = "/".join(t.dep_ for t in reversed(down[: where[tok.i]]))
            return arcs_up, tok.pos_, arcs_down
    return None


def pairs(stories: list[dict]) -> list[tuple[tuple[str, str, str], bool, bool]]:
    """(shape, gold has the row, the pipeline has it) for each ordered pair in a sentence."""
    import nlp_pipeline
    from nlp_pipeline.tables import mention_rows

    nlp = nlp_pipeline.load()
    out = []
    for story, doc in zip(stories, nlp.pipe(s["text"] for s in stories), strict=True):
        mentions = mention_rows(doc, story["id"])
        mapping = id_map(story["mentions"], mentions)
        gold = [r for r in story["relations"] if r["relation"] == "acts_on"]
        rows = [r for r in doc._.relations or [] if r["relation"] == "acts_on"]
        for sent in doc.sents:
            lo, hi = sent.start_char, sent.end_char
            found = []
            for m in mentions:
                span = doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
                if span is not None and lo <= m["start_char"] < hi:
                    found.append((mapping.get(m["actor_id"], m["actor_id"]), m["actor_id"], span))
            for source, raw_source, a in found:
                for target, raw_target, b in found:
                    if source == target or a.start == b.start:
                        continue
                    path = shape(a.root, b.root)
                    if path is None:
                        continue
                    in_gold = any(
                        (g["source"], g["target"]) == (source, target)
                        and g["start_char"] < hi
                        and lo < g["end_char"]
                        for g in gold
                    )
                    in_rows = any(
                        (r["source_id"], r["target_id"]) == (raw_source, raw_target)
                        and r["start_char"] < hi
                        and lo < r["end_char"]
                        for r in rows
                    )
                    out.append((path, in_gold, in_rows))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of voa_gold.jsonl")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    stories = [s for s in read_gold(args.gold) if s.get("split") == "dev"]
    found = pairs(stories)
    missed = [(path, gold) for path, gold, have in found if not have]
    by_shape: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for path, gold in missed:
        by_shape[path][gold] += 1
    print(f"dev stories: {len(stories)}; actor pairs in a sentence: {len(found)}")
    print(f"with no pipeline row: {len(missed)}, of them gold: {sum(g for _, g in missed)}")
    sure = [k for k, (no, yes) in by_shape.items() if yes + no >= 5 and yes / (yes + no) >= 0.5]
    print(f"shapes with >= 5 such pairs, half or more of them gold: {len(sure)}")
    print(f"\n{'gold':>5} {'not':>5} {'share':>6}  shape (arcs up | head POS | arcs down)")
    ranked = sorted(by_shape.items(), key=lambda kv: (-kv[1][1], -kv[1][0]))[: args.top]
    for (up, pos, down), (no, yes) in ranked:
        print(f"{yes:5d} {no:5d} {yes / (yes + no):6.2f}  {up or '-'} | {pos} | {down or '-'}")


if __name__ == "__main__":
    main()
