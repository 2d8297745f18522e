"""Pronoun resolution on GUM (news, interview, bio): does a pronoun get its named antecedent?

Counts each third-person pronoun (``he``, ``her``, ``it``, ``their`` ...) whose gold chain
holds a proper name of an actor (GUM type person, organization or place). It is right when
the pipeline's ``doc.spans["coref"]`` gives it an actor one of whose named mentions
(``doc.spans["actors"]``) sits, as its smallest enclosing gold mention, in that chain; an
unresolved pronoun is wrong. Prints accuracy, the share resolved and the precision of the
resolved ones, for all pronouns, for ``he``/``she`` and their forms, and for those of the
latter whose antecedent the actor tagger tagged PERSON at least once (coreference's own part),
then the errors counted by kind (unresolved: antecedent untagged, cataphoric or tagged before;
wrong: an actor the gold has as no person, or the role of the chosen actor's last mention),
so that a rule can start from the commonest cause.

    python benchmarks/gum_pronouns.py [--split dev|train] [--model NAME] [--errors N]

Tune on ``train``, report ``dev`` (``../shared/data/gum``; its README describes the fields).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import nlp_pipeline

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gum"
PERSONAL = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
THIRD = PERSONAL | {"it", "its", "itself", "they", "them", "their", "theirs", "themselves"}
ACTOR_TYPES = {"person", "organization", "place"}


def score(record: dict, doc) -> list[tuple[str, bool, bool, str, bool, str]]:
    """(pronoun, resolved, right, context, antecedent tagged, kind of error) for each counted
    pronoun."""
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
        kind = "" if right else error_kind(m, actor, doc, actor_chains, chains)
        out.append((word, actor is not None, right, f"{context!r} -> {actor}", tagged, kind))
    return out


def error_kind(
    mention: dict, actor: str | None, doc, actor_chains: dict[str, set[str]], chains: dict
) -> str:
    """Why a pronoun is not right. Unresolved: its chain holds no tagged actor (a name the
    tagger missed), only actors tagged after it (cataphoric), or one tagged before it. Wrong:
    an actor the gold has as no person (for he/she: the tagger's error), else how the actor
    chosen was last mentioned before it (subject, object, possessor, ...)."""
    start = mention["start"]
    chain = [a for a, chains in actor_chains.items() if mention["chain"] in chains]
    mentions = [*doc.spans.get("actors", []), *doc.spans.get("coref", [])]
    if actor is None:
        if not chain:
            return "unresolved: antecedent untagged"
        before = any(s.kb_id_ in chain and s.start_char < start for s in mentions)
        return f"unresolved: {'antecedent tagged before' if before else 'cataphoric'}"
    last = max(
        (s for s in mentions if s.kb_id_ == actor and s.end_char <= start),
        key=lambda s: s.start,
        default=None,
    )
    types = {m["type"] for c in actor_chains.get(actor, ()) for m in chains[c]}
    if mention["text"].lower() in PERSONAL and "person" not in types:
        return "wrong: chose an actor that is no person in the gold"
    if last is None:
        return "wrong: chose an actor named after it"
    tok = last.root
    while tok.dep_ in ("compound", "appos", "conj", "flat") and tok.head.i != tok.i:
        tok = tok.head
    role = {
        "nsubj": "a subject",
        "nsubjpass": "a subject",
        "dobj": "an object",
        "dative": "an object",
        "poss": "a possessor",
        "pobj": "an object of a preposition",
    }.get(tok.dep_, "another role")
    untagged = "" if chain else ", antecedent untagged"
    return f"wrong: chose {role}{untagged}"


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
    print("  errors by kind:")
    kinds = Counter(("he/she" if r[0] in PERSONAL else "it/they", r[5]) for r in rows if not r[2])
    for (pronoun, kind), n in sorted(kinds.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"    {n:4d}  {pronoun:<7} {kind}")
    for r in [r for r in rows if not r[2]][: args.errors]:
        print(f"  ERR {r[0]} ({r[5]}): {r[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
