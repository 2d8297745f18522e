"""Description resolution on GUM: does ``the minister``, ``the company``, ``its CEO`` get
the named actor it describes?

Counts each definite description (``the`` or a possessive pronoun, then up to four words
ending in the noun head, no proper name inside: ``the minister``, ``the country``, ``the
34-year-old``, ``his father``) whose gold chain holds a proper name of an actor (GUM type
person, organization or place) before it. It is right when a span of the pipeline's
``doc.spans["coref"]`` whose smallest enclosing gold mention is the description gives an
actor one of whose named mentions sits in that chain (as in ``gum_pronouns.py``); an
unresolved description is wrong, and a wrong link is counted apart (precision), as it is
worse than none. Lines: all descriptions, by gold type, and those whose chain the actor
tagger tagged before the description (coreference's own part); then the errors counted by
kind (a wrong actor; unresolved with the antecedent untagged, or though tagged, after ``the``
or a possessive), so that a rule can start from the commonest cause.

    python benchmarks/gum_descriptions.py [--split dev|train] [--model NAME] [--errors N]

Tune on ``train``, report ``dev``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from gum_pronouns import ACTOR_TYPES, chains_of_actors, line, run_split, smallest_around

DETERMINERS = {"the", "his", "her", "its", "their"}
# a word of a noun phrase that ends at its head: no preposition, clause or coordination
_WORD = re.compile(r"[a-z0-9][a-z0-9-]*|[A-Z]{2,}")
_FUNCTION = {"of", "to", "in", "for", "at", "on", "and", "or", "who", "that", "he", "she"}


def is_description(mention: dict, mentions: list[dict]) -> bool:
    """``the minister``, ``its CEO``, ``the company's``: a determiner and at most four
    lowercase words (an acronym such as ``CEO`` allowed), no proper name mentioned inside."""
    words = re.sub(r"[’']s?$", "", mention["text"]).split()
    if mention["pronoun"] or mention["proper"] or not 2 <= len(words) <= 5:
        return False
    if words[0].lower() not in DETERMINERS:
        return False
    if any(not _WORD.fullmatch(w) or w in _FUNCTION for w in words[1:]):
        return False
    return not any(
        m["proper"] and mention["start"] <= m["start"] and m["end"] <= mention["end"]
        for m in mentions
        if m is not mention
    )


def score(record: dict, doc) -> list[tuple[str, bool, bool, str, bool]]:
    """(gold type, resolved, right, context, antecedent tagged) for each description."""
    mentions = record["mentions"]
    named_from: dict[str, int] = {}  # chain -> start of its first proper actor name
    for m in mentions:
        if m["proper"] and m["type"] in ACTOR_TYPES:
            named_from[m["chain"]] = min(m["start"], named_from.get(m["chain"], m["start"]))
    actor_chains, _ = chains_of_actors(mentions, doc)
    tagged_from: dict[str, int] = {}  # chain -> start of the first mention the tagger tagged
    for span in doc.spans.get("actors", []):
        around = smallest_around(mentions, span.start_char, span.end_char)
        chain = around["chain"] if around else ""
        tagged_from[chain] = min(span.start_char, tagged_from.get(chain, span.start_char))
    # each resolved span, by the gold mention it is the smallest inside
    linked: dict[tuple[int, int], str] = {}
    for span in doc.spans.get("coref", []):
        around = smallest_around(mentions, span.start_char, span.end_char)
        if around:
            linked[(around["start"], around["end"])] = span.kb_id_
    out = []
    for m in mentions:
        if m["chain"] not in named_from or named_from[m["chain"]] >= m["start"]:
            continue
        if not is_description(m, mentions):
            continue
        actor = linked.get((m["start"], m["end"]))
        right = actor is not None and m["chain"] in actor_chains.get(actor, set())
        context = record["text"][max(0, m["start"] - 160) : m["end"] + 20].replace("\n", " ")
        tagged = tagged_from.get(m["chain"], m["start"]) < m["start"]
        shown = f"{m['text']!r}: {context!r} -> {actor}"
        out.append((m["type"], actor is not None, right, shown, tagged))
    return out


def error_kind(row: tuple) -> str:
    """Why a description is not right: wrong (another actor), unresolved with its antecedent
    untagged (the tagger's part), or unresolved though tagged, by its determiner (``the``
    or a possessive: whose)."""
    if row[1]:
        return "wrong: another actor"
    if not row[4]:
        return "unresolved: antecedent untagged"
    det = row[3].split()[0].strip("'\"").lower()
    return f"unresolved: antecedent tagged, {'the' if det == 'the' else 'possessive'}"


def main(argv: list[str] | None = None) -> int:
    run = run_split(argv, __doc__.splitlines()[0], score)
    if run is None:
        return 0
    args, rows = run
    print(line("definite descriptions", rows))
    for kind in sorted(ACTOR_TYPES):
        print(line(f"  of a {kind}", [r for r in rows if r[0] == kind]))
    print(line("antecedent tagged", [r for r in rows if r[4]]))
    print("  errors by kind:")
    kinds = Counter((r[0], error_kind(r)) for r in rows if not r[2])
    for (kind, error), n in sorted(kinds.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"    {n:4d}  {kind:<12} {error}")
    wrong = [r for r in rows if r[1] and not r[2]]
    missed = [r for r in rows if r[4] and not r[1]]
    for r in wrong[: args.errors]:
        print(f"  WRONG {r[0]}: {r[3]}")
    for r in missed[: args.errors]:
        print(f"  MISSED {r[0]}: {r[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
