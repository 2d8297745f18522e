"""Affiliations: a person or organisation to the state or organisation named before its
title (``Chinese President Xi Jinping``, ``Iran's U.N. Ambassador``, ``the Chinese
Foreign Ministry``), with the role words between them."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .cleaning import in_ranges
from .gazetteer import Gazetteer

NOT_ROLE_POS = {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM"}


def find_affiliations(
    doc: Doc, spans: list[Span], demonyms: list[tuple[int, int, str]], boiler, g: Gazetteer
) -> list[dict]:
    """Title and demonym affiliations: ``Chinese President Xi Jinping`` -> CHN."""
    by_start = {s.start: s for s in spans}
    out: list[dict] = []
    anchors = [(s, e, "state:" + iso, "demonym") for s, e, iso in demonyms]
    anchors += [(s.start, s.end, s.kb_id_, "name") for s in spans if s.label_ in ("STATE", "ORG")]
    orgs = [s for s in spans if s.label_ == "ORG"]
    # a demonym begins a title of its own (`Communist Party control Chinese President X`:
    # a heading run into the sentence; the nearer owner holds the role)
    titles = {s for s, _, _ in demonyms}
    for start, end, target, how in sorted(anchors):
        if in_ranges(boiler, doc[start].idx, doc[end - 1].idx + 1):
            continue
        if how == "demonym" and heritage(doc[start]) is not None:
            continue  # `Iranian American journalist X`: a heritage, not a post's state
        if how == "demonym":
            inner = next((o for o in orgs if o.start <= start and end <= o.end), None)
            if inner is not None:
                out.append(affiliation(doc, inner.kb_id_, target, "", inner.start, inner.end))
                continue
        i = end
        role_words: list[str] = []
        owned = False  # a possessive between (`China's Xi`)
        while i < len(doc) and i - end < 5:
            if i in by_start:
                # Iranian U.N. Ambassador X: an international body between the
                # state and the role belongs to the role, not to the state
                body = by_start[i]
                if g.org_by_id.get(body.kb_id_, {}).get("country", "-"):
                    break
                i = body.end
                continue
            tok = doc[i]
            if i in titles:
                break
            titled = (
                tok.lower_ == "of" and role_words and i + 1 < len(doc) and (doc[i + 1].is_title)
            )  # Secretary of State
            if tok.is_punct or tok.is_space or (tok.pos_ in NOT_ROLE_POS and not titled):
                break
            if tok.tag_ != "POS":
                role_words.append(tok.lower_)
            owned |= tok.tag_ == "POS"
            i += 1
        actor = by_start.get(i)
        role = " ".join(role_words)
        if actor is None or actor.kb_id_ == target:
            continue
        if actor.label_ == "STATE" or (actor.label_ == "ORG" and role_words):
            continue
        if role_words and not is_role(role, g):
            continue
        if actor.label_ == "PERSON" and not role_words and (not owned or modifier(actor)):
            continue  # `into the U.S. Sheinbaum`, `Islamic State's Sahel affiliate`
        out.append(affiliation(doc, actor.kb_id_, target, role, start, actor.end))
    # an international body belongs to no state (`Iran's U.N. mission`)
    out = [a for a in out if not g.is_igo(a["source_id"])]
    unique = {(a["source_id"], a["target_id"], a["start_char"]): a for a in out}
    return list(unique.values())


def affiliation(doc: Doc, source: str, target: str, role: str, start: int, end: int) -> dict:
    return {
        "source_id": source,
        "target_id": target,
        "role": role,
        "start_char": doc[start].idx,
        "end_char": doc[end - 1].idx + len(doc[end - 1]),
    }


def modifier(span: Span) -> bool:
    """A name that modifies a noun after it is not what the possessive owns."""
    root = span.root
    return root.dep_ in ("compound", "amod") and root.head.i >= span.end


def is_role(role: str, g: Gazetteer) -> bool:
    words = role.split()
    return any(" ".join(words[i:]) in g.role_nouns for i in range(len(words)))


def heritage(tok: Token) -> Token | None:
    """The first half of a hyphenated identity whose second half is ``tok``, if it is one:
    `an African American`, `the Afghan-American`, `Iranian American journalist X`. Like
    `an ethnic Somali`, it names a heritage, not the state one belongs to (the first half,
    where it is a demonym, is where one is from)."""
    doc, i = tok.doc, tok.i - 1
    if i > 0 and doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_:
        i -= 1
    # (a nationality or people by the tagger; not `Senior Chinese officials`, nor a name run
    # in from a heading: `Role of Russia Russian President X`)
    return doc[i] if i >= 0 and doc[i].is_alpha and doc[i].ent_type_ == "NORP" else None


def origin(tok: Token, state: str | None, demonyms: dict[str, str]) -> tuple[str | None, Token]:
    """Where one the demonym ``tok`` (of ``state``) describes is from, and the word saying
    so: for a hyphenated identity the first half's state (`the Afghan-American`: Afghanistan;
    `an African American`: none)."""
    first = heritage(tok)
    return (state, tok) if first is None else (demonyms.get(first.text), first)
