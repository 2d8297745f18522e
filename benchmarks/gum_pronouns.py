"""Pronoun resolution on GUM (news, interview, bio): does a pronoun get its named antecedent?

Counts each third-person pronoun (``he``, ``her``, ``it``, ``their`` ...) whose gold chain
holds a proper name of an actor (GUM type person, organization or place). It is right when
the pipeline's ``doc.spans["coref"]`` gives it an actor one of whose named mentions
(``doc.spans["actors"]``) sits, as its smallest enclosing gold mention, in that chain; an
unresolved pronoun is wrong. Prints accuracy, the share resolved and the precision of the
resolved ones, for all pronouns, for ``he``/``she`` and their forms, and for those of the
latter whose antecedent the actor tagger tagged PERSON at least once (coreference's own part).

    python benchmarks/gum_pronouns.py [--split dev|train] [--model NAME] [--errors N]

Tune on ``train``, report ``dev`` (``../shared/data/gum``; its README describes the fields).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import nlp_pipeline

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gum"
PERSONAL = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
THIRD = PERSONAL | {"it", "its", "itself", "they", "them", "their", "theirs", "themselves"}
ACTOR_TYPES = {"person", "organization", "place"}


def score(record: dict, doc) -> list[tuple[str, bool, bool, str, bool]]:
    """(pronoun, resolved, right, context, antecedent tagged) for each counted pronoun."""
    mentions = record["mentions"]
    chains: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        chains[m["chain"]].append(m)
    named = {
        c for c, ms in chains.items() if any(m["proper"] and m["type"] in ACTOR_TYPES for m in ms)
    }
    actor_chains, person_chains = chains_of_actors(mentions, doc)
    coref = {(s.start_char, s.end_char): s.kb_id_ for s in doc.spans.get("coref", [])}
    out = []
    for m in mentions:
        word = m["text"].lower()
        if not m["pronoun"] or word not in THIRD or m["chain"] not in named:
            continue
        actor = coref.get((m["start"], m["end"]))
        right = actor is not None and m["chain"] in actor_chains.get(actor, set())
        context = record["text"][max(0, m["start"] - 120) : m["end"] + 20].replace("\n", " ")
        tagged = m["chain"] in person_chains
        out.append((word, actor is not None, right, f"{context!r} -> {actor}", tagged))
    return out


def chains_of_actors(mentions: list[dict], doc) -> tuple[dict[str, set[str]], set[str]]:
    """The gold chains each predicted actor's named mentions fall in (by the smallest
    enclosing gold mention), and those of the mentions tagged PERSON."""
    actor_chains: dict[str, set[str]] = defaultdict(set)
    person_chains: set[str] = set()
    for span in doc.spans.get("actors", []):
        around = smallest_around(mentions, span.start_char, span.end_char)
        if around:
            actor_chains[span.kb_id_].add(around["chain"])
            if span.label_ == "PERSON":
                person_chains.add(around["chain"])
    return actor_chains, person_chains


def smallest_around(mentions: list[dict], start: int, end: int) -> dict | None:
    """The smallest gold mention holding ``start:end``."""
    around = [m for m in mentions if m["start"] <= start and end <= m["end"]]
    return min(around, key=lambda m: m["end"] - m["start"]) if around else None


def line(name: str, rows: list[tuple]) -> str:
    n = len(rows)
    resolved = sum(r[1] for r in rows)
    right = sum(r[2] for r in rows)
    precision = right / resolved if resolved else 0.0
    return (
        f"  {name:<22} n={n:4d}  accuracy {right / max(n, 1):.3f}  "
        f"resolved {resolved / max(n, 1):.3f}  precision {precision:.3f}"
    )


def run_split(argv: list[str] | None, description: str, score) -> tuple | None:
    """Parse the command line, run the pipeline over one GUM split and ``score`` each
    document; None (after a line saying so) where the split is not there."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--model", default="en_core_web_md", help="the pipeline default")
    parser.add_argument("--errors", type=int, default=0, help="print the first N errors")
    args = parser.parse_args(argv)
    path = DATA / f"{args.split}.jsonl"
    if not path.is_file():
        print(f"skipped: {path} not found")
        return None
    records = [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]
    nlp = nlp_pipeline.load(args.model)
    rows = []
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        rows += score(record, doc)
    print(f"GUM {args.split}: {len(records)} documents, pipeline {', '.join(nlp.pipe_names)}")
    return args, rows


def main(argv: list[str] | None = None) -> int:
    run = run_split(argv, __doc__.splitlines()[0], score)
    if run is None:
        return 0
    args, rows = run
    print(line("third-person pronouns", rows))
    print(line("he/she (all forms)", [r for r in rows if r[0] in PERSONAL]))
    print(line("it/they (all forms)", [r for r in rows if r[0] not in PERSONAL]))
    # the actor tagger's part: pronouns whose antecedent it tagged PERSON at least once
    print(line("he/she, antecedent tagged", [r for r in rows if r[0] in PERSONAL and r[4]]))
    for r in [r for r in rows if not r[2]][: args.errors]:
        print(f"  ERR {r[0]}: {r[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
