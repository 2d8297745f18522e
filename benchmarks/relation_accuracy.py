"""Relation accuracy on the project's VOA relation gold: affiliated_with and acts_on.

Gold: ``benchmarks/data/voa_gold/relations/<id>.json`` (guidelines in
``benchmarks/data/README.md``, section *Relations*) with the story texts and gold mentions
of ``benchmarks/data/voa_gold.jsonl``. Gold actor ids are annotators' slugs, so each
predicted actor id is first mapped to the gold id most of its overlapping mentions carry
(state ids usually agree already; a relation id spelt with an extra prefix, such as
``org:usa-department-of-justice`` for the mentions' ``org:department-of-justice``, is read
as the mentions' id, and a predicted row also matches on its own unmapped ids). A
predicted row matches a gold row of the same story when relation type, mapped source and
mapped target agree, one to one; ``+ev`` also asks that its evidence span overlap the gold
evidence. Affiliations count once per (source, target) per story, as annotated. On
matched ``acts_on`` rows it reports polarity, event_type and modality agreement, and
direction: of the rows that match with source and target taken in either order, the share
in the gold's order. Each is given twice: over all matched rows, and over the ``+ev`` pairs
only, since a pair matched outside the gold evidence is often another event between the same
two actors (``maintain trade relations`` against ``dispute``), whose polarity or direction
says nothing of the row's. Unmatched affiliations with a state the story names only by a
demonym are counted apart (DESIGN.md makes them rows; the gold guideline cannot hold them),
with the precision they leave.

    python benchmarks/relation_accuracy.py [--gold DIR] [--split dev] [--baseline PATH]
        [--errors FILE] [--diagnose]

``--baseline PATH`` runs the same measurement on another checkout (e.g. the main branch)
and prints it below. ``--split dev`` measures the dev stories only (what to look at while
changing rules: the test split is read once, at the end). ``--errors`` writes the dev
stories' unmatched rows, matched acts_on rows whose polarity, event_type or modality differ
(`mismatch`) and acts_on rows that match only the wrong way round (`reversed`): test stories
are for measuring, never for reading errors. ``--diagnose`` sorts the unmatched gold
``acts_on`` rows by cause (an end never found, the ends never together in the evidence
sentence, no row between them, a row the wrong way or of another type) and prints the counts
per split, the rows with only one end in the evidence sentence (b3) split by how the sentence
names the other (a demonym or capital of that state, an agreeing pronoun, a definite
description); it lists the dev rows only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "data"
TYPES = ("affiliated_with", "acts_on")
SPLITS = ("dev", "test")


def read_gold(gold_dir: Path) -> list[dict]:
    """Stories that have relation gold: text, split, gold mentions and relations."""
    stories = {}
    with (gold_dir / "voa_gold.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            stories[rec["id"]] = rec
    out = []
    for path in sorted((gold_dir / "voa_gold" / "relations").glob("*.json")):
        rel = json.loads(path.read_text(encoding="utf-8"))
        if rel["id"] not in stories:  # a gold file of a subset of the stories
            continue
        story = stories[rel["id"]]
        same = _reconcile({m["actor_id"] for m in story["mentions"] if m.get("actor_id")})
        rows = []
        for r in rel["relations"]:
            r = {**r, "source": same(r["source"]), "target": same(r["target"])}
            start = _find(story["text"], r.get("evidence", ""), r.get("occurrence", 1))
            rows.append({**r, "start_char": start, "end_char": start + len(r["evidence"])})
        out.append({**story, "relations": rows})
    return out


def _reconcile(mention_ids: set[str]):
    """Relation gold ids -> the story's mention gold id, where the two files spell one
    actor differently (`org:usa-department-of-justice` / `org:department-of-justice`)."""

    def same(actor_id: str) -> str:
        if actor_id in mention_ids:
            return actor_id
        kind, _, slug = actor_id.partition(":")
        for other in sorted(mention_ids):
            okind, _, oslug = other.partition(":")
            if okind == kind and (slug.endswith("-" + oslug) or oslug.endswith("-" + slug)):
                return other
        return actor_id

    return same


def _find(text: str, evidence: str, occurrence: int) -> int:
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(evidence, start + 1)
        if start < 0:
            return -1
    return start


def id_map(gold_mentions: list[dict], predicted_mentions: list[dict]) -> dict[str, str]:
    """Predicted actor id -> the gold id most of its overlapping mentions carry."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for p in predicted_mentions:
        for g in gold_mentions:
            overlap = g["start_char"] < p["end_char"] and p["start_char"] < g["end_char"]
            if overlap and g.get("actor_id"):
                votes[p["actor_id"]][g["actor_id"]] += 1
    return {pid: c.most_common(1)[0][0] for pid, c in votes.items()}


def predict(stories: list[dict], found: list[dict] | None = None) -> list[list[dict]]:
    """The pipeline's relation rows per story, actor ids mapped to gold ids; ``found``
    gets each story's predicted mentions (char span, gold and raw ids) and sentences."""
    import nlp_pipeline
    from nlp_pipeline.tables import mention_rows

    nlp = nlp_pipeline.load()
    out = []
    for story, doc in zip(stories, nlp.pipe(s["text"] for s in stories), strict=True):
        mentions = mention_rows(doc, story["id"])
        mapping = id_map(story["mentions"], mentions)
        if found is not None:
            spans = [
                (m["start_char"], m["end_char"], {m["actor_id"], mapping.get(m["actor_id"], "")})
                for m in mentions
            ]
            sents = [(s.start_char, s.end_char) for s in doc.sents]
            found.append({"mentions": spans, "sents": sents, "cues": end_cues(nlp, doc)})
        rows = []
        for r in doc._.relations or []:
            if r["relation"] not in TYPES:
                continue
            source = mapping.get(r["source_id"], r["source_id"])
            target = mapping.get(r["target_id"], r["target_id"])
            if source != target:  # the raw ids too: gold relation and mention ids may differ
                ends = {"raw": (r["source_id"], r["target_id"])}
                rows.append({**r, "source": source, "target": target, **ends})
        seen, unique = set(), []
        for r in rows:  # gold has one affiliation per (source, target) per story
            key = (r["relation"], r["source"], r["target"])
            if r["relation"] == "affiliated_with" and key in seen:
                continue
            seen.add(key)
            unique.append(r)
        out.append(unique)
    return out


# how an actor is named where no predicted mention stands for it (the b3 rows, by kind)
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "i", "me", "my"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "we", "us", "our"}
DEFINITE = {"the", "this", "that", "these", "those", "both"}
B3_KINDS = {
    "demonym": "a demonym of the missing state (`the Turkish sale`, `Ukrainian officials`)",
    "capital": "a capital of the missing state, untagged (`in Washington`)",
    "pronoun": "an unresolved pronoun that agrees with it (`they`, `we`, `it`)",
    "misresolved": "a pronoun that agrees with it, resolved to another actor (`he`, `his`)",
    "description": "a definite description (`the government`, `the two allies`, `the party of X`)",
    "other": "none of these (a name the tagger missed or mislinked, a hyphened prefix)",
}


def end_cues(nlp, doc) -> list[tuple[int, str, str]]:
    """Words of a document that may name an actor with no predicted mention on them:
    (start char, kind of B3_KINDS, state id for a demonym or capital, else "")."""
    from nlp_pipeline.components.gazetteer import pipeline_gazetteer

    g = pipeline_gazetteer(nlp).gazetteer
    covered = {
        i
        for key in ("actors", "coref")
        for s in doc.spans.get(key, [])
        for i in range(s.start, s.end)
    }
    heads = (
        g.role_nouns
        | g.words.get("org_descriptors", frozenset())
        | set(g.context.get("gov_nouns", []))
    )
    try:
        rel = nlp.get_pipe("relation_extractor")
        heads |= {*rel.plural_heads, *rel.singular_heads, *rel.owned_heads, *rel.member_heads}
        heads |= rel.side_heads | rel.state_bodies
    except KeyError:
        pass
    cues = []
    for t in doc:
        if t.tag_ in ("PRP", "PRP$"):  # (resolved to the missing end, it would be no b3)
            cues.append((t.idx, "misresolved" if t.i in covered else "pronoun", t.lower_))
            continue
        if t.i in covered:
            continue
        pair = f"{t.text} {doc[t.i + 1].text}" if t.i + 1 < len(doc) else ""
        state = g.demonyms.get(t.text) or g.demonyms.get(pair)  # (`the North Koreans`)
        capital = g.capitals.get(t.text) or g.capitals.get(pair)  # (`New Delhi`)
        definite = any(c.lower_ in DEFINITE or c.dep_ == "poss" for c in t.children)
        if state:
            cues.append((t.idx, "demonym", "state:" + state))
        elif capital:
            cues.append((t.idx, "capital", "state:" + capital))
        elif t.pos_ == "NOUN" and t.lemma_.lower() in heads and definite:
            cues.append((t.idx, "description", ""))
    return cues


def how_named(gold: dict, found: dict) -> str:
    """How the end of a b3 row missing from its evidence sentence is named there: the first
    of B3_KINDS that holds (a demonym or capital of that very state; a pronoun that agrees)."""
    lo, hi = gold["start_char"], gold["end_char"]
    sents = [(s, e) for s, e in found["sents"] if lo < e and s < hi]
    here = {i for a, _, ids in found["mentions"] if any(s <= a < e for s, e in sents) for i in ids}
    missing = {gold["source"], gold["target"]} - here
    cues = [(kind, x) for a, kind, x in found["cues"] if any(s <= a < e for s, e in sents)]
    if any(kind == "demonym" and x in missing for kind, x in cues):
        return "demonym"
    if any(kind == "capital" and x in missing for kind, x in cues):
        return "capital"
    person = any(m.startswith("person:") for m in missing)
    agree = PERSON_PRONOUNS | GROUP_PRONOUNS if person else GROUP_PRONOUNS
    for said in ("pronoun", "misresolved"):
        if any(kind == said and x in agree for kind, x in cues):
            return said
    if any(kind == "description" for kind, _ in cues):
        return "description"
    return "other"


def _overlaps(p: dict, g: dict) -> bool:
    return (
        g["start_char"] >= 0 and p["start_char"] < g["end_char"] and g["start_char"] < p["end_char"]
    )


def _in_order(p: dict, g: dict) -> bool:
    """Source and target as in the gold row (mapped or raw ids)."""
    return (g["source"], g["target"]) in ((p["source"], p["target"]), p["raw"])


def match(pred: list[dict], gold: list[dict], *, evidence: bool, ordered: bool = True) -> list:
    """One-to-one (pred, gold) pairs; rows overlapping the gold evidence are paired first."""
    pairs = _match(pred, gold, evidence=True, ordered=ordered, used=set())
    if evidence:
        return pairs
    used = {id(p) for p, _ in pairs}
    left = [g for g in gold if all(g is not b for _, b in pairs)]
    return pairs + _match(pred, left, evidence=False, ordered=ordered, used=used)


def _match(pred: list[dict], gold: list[dict], *, evidence: bool, ordered: bool, used: set):
    pairs = []
    for g in gold:
        want = (
            {(g["source"], g["target"])}
            if ordered
            else {
                (g["source"], g["target"]),
                (g["target"], g["source"]),
            }
        )
        cands = [
            (id(p), p)
            for p in pred
            if id(p) not in used
            and p["relation"] == g["relation"]
            and ((p["source"], p["target"]) in want or p["raw"] in want)
            and (not evidence or _overlaps(p, g))
        ]
        if cands:
            i, p = max(
                cands,
                key=lambda c: (
                    _overlaps(c[1], g),
                    _in_order(c[1], g),
                ),
            )
            used.add(i)
            pairs.append((p, g))
    return pairs


def score(stories: list[dict], predicted: list[list[dict]]) -> dict:
    """Counts per split and relation type, and agreement on matched acts_on rows."""
    res: dict = {}
    for story, pred in zip(stories, predicted, strict=True):
        split = story.get("split") or "dev"
        for split_name in (split, "all"):
            for rel in TYPES:
                p = [r for r in pred if r["relation"] == rel]
                g = [r for r in story["relations"] if r["relation"] == rel]
                c = res.setdefault((split_name, rel), Counter())
                c["gold"] += len(g)
                c["pred"] += len(p)
                matched = match(p, g, evidence=False)
                c["match"] += len(matched)
                if rel == "affiliated_with":
                    taken = {id(pr) for pr, _ in matched}
                    left = [r for r in p if id(r) not in taken]
                    c["demonym_only"] += sum(demonym_only(r, story) for r in left)
                same_event = match(p, g, evidence=True)
                c["match_ev"] += len(same_event)
                if rel != "acts_on":
                    continue
                for pr, gr in matched:
                    c["polarity"] += pr.get("polarity", "") == gr.get("polarity", "")
                    c["event_type"] += pr.get("event_type", "") == gr.get("event_type", "")
                    c["modality"] += pr.get("modality", "") == gr.get("modality", "")
                for pr, gr in same_event:
                    c["polarity_ev"] += pr.get("polarity", "") == gr.get("polarity", "")
                    c["event_type_ev"] += pr.get("event_type", "") == gr.get("event_type", "")
                    c["modality_ev"] += pr.get("modality", "") == gr.get("modality", "")
                either = match(p, g, evidence=False, ordered=False)
                c["either"] += len(either)
                c["direction"] += sum(_in_order(pr, gr) for pr, gr in either)
                either = match(p, g, evidence=True, ordered=False)
                c["either_ev"] += len(either)
                c["direction_ev"] += sum(_in_order(pr, gr) for pr, gr in either)
    return {f"{s}|{r}": dict(c) for (s, r), c in res.items()}


def demonym_only(row: dict, story: dict) -> bool:
    """An affiliation with a state the story never names, given by a demonym in the row's
    evidence (``Spanish Prime Minister Pedro Sanchez``): DESIGN.md section 4 makes it a row,
    the gold guideline wants both ends named in the story, so the gold cannot hold it."""
    from nlp_pipeline.components.gazetteer import Gazetteer
    from nlp_pipeline.components.util import DATA_DIR

    target = row["raw"][1]
    if not target.startswith("state:") or target in {m.get("actor_id") for m in story["mentions"]}:
        return False
    global _DEMONYMS
    if _DEMONYMS is None:
        _DEMONYMS = Gazetteer.from_dir(DATA_DIR).demonyms
    words = story["text"][row["start_char"] : row["end_char"]].replace("-", " ").split()
    return any("state:" + _DEMONYMS.get(w.strip(".,;:'\""), "") == target for w in words)


_DEMONYMS: dict[str, str] | None = None


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def report(figures: dict, title: str) -> None:
    print(f"\n{title}")
    print(
        f"{'split':<5} {'relation':<16} {'gold':>4} {'pred':>4} {'match':>5}"
        "   P     R    P+ev  R+ev"
    )
    for split in (*SPLITS, "all"):
        for rel in TYPES:
            c = Counter(figures.get(f"{split}|{rel}", {}))
            if not c["gold"] and not c["pred"]:
                continue
            print(
                f"{split:<5} {rel:<16} {c['gold']:>4} {c['pred']:>4} {c['match']:>5}  "
                f"{_ratio(c['match'], c['pred'])}  {_ratio(c['match'], c['gold'])}  "
                f"{_ratio(c['match_ev'], c['pred'])}  {_ratio(c['match_ev'], c['gold'])}"
            )
        c = Counter(figures.get(f"{split}|affiliated_with", {}))
        if c["demonym_only"]:
            print(
                f"{'':<5} affiliated_with: {c['demonym_only']} unmatched rows tie a person to a "
                "state the story names only by a demonym (no gold row can hold them); "
                f"P without them {_ratio(c['match'], c['pred'] - c['demonym_only'])}"
            )
        c = Counter(figures.get(f"{split}|acts_on", {}))
        if c["match"] or c["either"]:
            print(
                f"{'':<5} acts_on matched: polarity {_ratio(c['polarity'], c['match'])}, "
                f"event_type {_ratio(c['event_type'], c['match'])}, "
                f"modality {_ratio(c['modality'], c['match'])} (of {c['match']}); "
                f"direction {_ratio(c['direction'], c['either'])} (of {c['either']})"
            )
            print(
                f"{'':<5} same event (evidence overlaps): polarity "
                f"{_ratio(c['polarity_ev'], c['match_ev'])}, "
                f"event_type {_ratio(c['event_type_ev'], c['match_ev'])}, "
                f"modality {_ratio(c['modality_ev'], c['match_ev'])} (of {c['match_ev']}); "
                f"direction {_ratio(c['direction_ev'], c['either_ev'])} (of {c['either_ev']})"
            )


CAUSES = {
    "a": "an end has no predicted mention in the story (tagging, identity)",
    "b1": "both ends predicted, together in another sentence, not the evidence's",
    "b2": "both ends predicted, never in one sentence",
    "b3": "both ends predicted, only one in the evidence sentence",
    "c": "both ends in the evidence sentence, no row links them (relation reading)",
    "d": "a row links them the wrong way or with another type",
}


def cause(gold: dict, pred: list[dict], found: dict, taken: set[int]) -> str:
    """Why one gold acts_on row has no match: the first of CAUSES that holds (``taken``:
    the acts_on rows matched to other gold rows)."""
    pair = {gold["source"], gold["target"]}

    def ids_in(lo: int, hi: int) -> set[str]:
        return {i for a, _, ids in found["mentions"] if lo <= a < hi for i in ids}

    if not pair <= {i for *_, ids in found["mentions"] for i in ids}:
        return "a"
    linked = (p for p in pred if pair in ({p["source"], p["target"]}, set(p["raw"])))
    if any(p["relation"] != "acts_on" or id(p) not in taken for p in linked):
        return "d"  # (a row taken by another gold row of the pair leaves this one unread)
    lo, hi = gold["start_char"], gold["end_char"]
    evidence = [(s, e) for s, e in found["sents"] if lo >= 0 and lo < e and s < hi]
    here = set().union(*(ids_in(s, e) for s, e in evidence))
    if pair <= here:
        return "c"
    if here & pair:
        return "b3"
    return "b1" if any(pair <= ids_in(s, e) for s, e in found["sents"]) else "b2"


def diagnose(stories: list[dict], predicted: list[list[dict]], found: list[dict]) -> list:
    """Counts of CAUSES per split for the unmatched gold acts_on rows; the dev rows."""
    counts: dict[str, Counter] = defaultdict(Counter)
    rows = []
    for story, pred, seen in zip(stories, predicted, found, strict=True):
        p = [r for r in pred if r["relation"] == "acts_on"]
        g = [r for r in story["relations"] if r["relation"] == "acts_on"]
        pairs = match(p, g, evidence=False)
        hit, taken = {id(b) for _, b in pairs}, {id(a) for a, _ in pairs}
        split = story.get("split") or "dev"
        for r in g:
            if id(r) in hit:
                continue
            why = cause(r, pred, seen, taken)
            counts[split][why] += 1
            if why == "b3":
                why = f"b3 {how_named(r, seen)}"
                counts[split][why] += 1
            if split == "dev":
                rows.append(
                    (why, story["id"], r["source"], r["target"], r["predicate"], r["evidence"])
                )
    for split in SPLITS:
        c = counts.get(split)
        if c:
            print(f"\nunmatched gold acts_on, {split}: {sum(c[key] for key in CAUSES)}")
            for key, text in CAUSES.items():
                print(f"  ({key:<2}) {c[key]:>4}  {text}")
                if key == "b3":  # (how the end missing from the sentence is named there)
                    for kind, what in B3_KINDS.items():
                        print(f"         {c['b3 ' + kind]:>4}  {what}")
    return sorted(rows)


def write_errors(path: Path, stories: list[dict], predicted: list[list[dict]]) -> None:
    """Unmatched predictions and gold rows of the dev stories only."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["doc_id", "kind", "relation", "source", "target", "predicate", "evidence"])
        for story, pred in zip(stories, predicted, strict=True):
            if story.get("split") != "dev":
                continue
            for rel in TYPES:
                p = [r for r in pred if r["relation"] == rel]
                g = [r for r in story["relations"] if r["relation"] == rel]
                pairs = match(p, g, evidence=False)
                hit_p = {id(a) for a, _ in pairs}
                hit_g = {id(b) for _, b in pairs}
                for r in p:
                    if id(r) not in hit_p:
                        text = story["text"][r["start_char"] : r["end_char"]]
                        out.writerow(
                            [story["id"], "fp", rel, r["source"], r["target"], r["predicate"], text]
                        )
                for a, b in pairs if rel == "acts_on" else []:
                    fields = ("polarity", "event_type", "modality")
                    diff = [f"{f} {a.get(f, '')}/{b[f]}" for f in fields if a.get(f, "") != b[f]]
                    if not _in_order(a, b):
                        diff.append("direction")
                    if diff:
                        note = f"{a['predicate']} ({'; '.join(diff)})"
                        out.writerow(
                            [
                                story["id"],
                                "mismatch",
                                rel,
                                b["source"],
                                b["target"],
                                note,
                                b["evidence"],
                            ]
                        )
                either = match(p, g, evidence=False, ordered=False) if rel == "acts_on" else []
                for a, b in either:
                    if not _in_order(a, b):  # (what the direction figure counts as wrong)
                        note = f"{a['predicate']} (direction {a['source']} -> {a['target']})"
                        row = [story["id"], "reversed", rel, b["source"], b["target"], note]
                        out.writerow([*row, b["evidence"]])
                for r in g:
                    if id(r) not in hit_g:
                        out.writerow(
                            [
                                story["id"],
                                "fn",
                                rel,
                                r["source"],
                                r["target"],
                                r["predicate"],
                                r["evidence"],
                            ]
                        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of voa_gold.jsonl")
    parser.add_argument("--baseline", type=Path, help="another checkout to measure alongside")
    parser.add_argument("--errors", type=Path, help="write unmatched dev rows to this CSV")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--split", choices=SPLITS, help="measure one split only")
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="why gold acts_on rows are missed: counts per split, the dev rows listed",
    )
    args = parser.parse_args(argv)
    stories = [s for s in read_gold(args.gold) if args.split in (None, s.get("split"))]
    if not stories:
        print(f"no relation gold under {args.gold}", file=sys.stderr)
        return 1
    found: list[dict] | None = [] if args.diagnose else None  # (mentions, sentences)
    predicted = predict(stories, found)
    figures = score(stories, predicted)
    if args.json:
        print(json.dumps(figures))
        return 0
    import nlp_pipeline

    n = Counter(s.get("split") for s in stories)
    print(f"relation gold: {len(stories)} stories ({n['dev']} dev, {n['test']} test)")
    report(figures, f"this pipeline ({Path(nlp_pipeline.__file__).parents[1]})")
    if args.baseline:
        env = {**os.environ, "PYTHONPATH": str(args.baseline)}
        cmd = [sys.executable, __file__, "--gold", str(args.gold.resolve()), "--json"]
        cmd += ["--split", args.split] if args.split else []
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        report(json.loads(done.stdout.strip().splitlines()[-1]), f"baseline ({args.baseline})")
    if args.errors:
        write_errors(args.errors, stories, predicted)
    if args.diagnose:
        for row in diagnose(stories, predicted, found):
            print("  " + " | ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
