"""Canonical actors: short forms and acronyms join the fullest name they abbreviate, and
every mention gets an actor id (``person:<slug>``, ``org:<slug>`` or a gazetteer id,
``state:<ISO3>``) and a display name.
"""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from ..schema import country_code
from .candidates import Cand
from .cleaning import in_ranges
from .evidence import PARTICLES, first_name_gender, lettered
from .gazetteer import Gazetteer
from .util import doc_text, hash_table, isin, slugify, span_text


def short_forms(doc: Doc, chosen: list[Cand], boiler: list | None, g: Gazetteer) -> list[Cand]:
    """Short forms of names found in full (``Kim``, ``Wang``, ``KCNA``, an acronym given
    in brackets) are mentions of them, also where the NER missed them."""
    short: dict[str, str] = {}  # word -> label
    for c in chosen:
        if c.label == "PERSON" and c.size > 1:
            for tok in doc[c.start : c.end]:
                word = strip_particle(tok.text)
                if name_word(word):
                    short.setdefault(word, "PERSON")
        elif c.label == "ORG" and c.size > 1:
            acronym = acronym_of(span_text(doc, c.start, c.end), g.words["acronym_skip"])
            if len(acronym) >= 2:
                short.setdefault(acronym, "ORG")
    short.update(dict.fromkeys(defined_acronyms(doc, chosen), "ORG"))
    taken: set[int] = set()
    for c in chosen:
        taken.update(range(c.start, c.end))
        # a known organisation's name keeps its label (``Twitter`` after ``Wilayat Twitter``)
        one_word = c.size == 1 and c.source != "gaz_org"
        label = short.get(doc[c.start].text, c.label) if one_word else c.label
        if c.label not in ("STATE", label):
            c.label, c.source = label, "short_form_label"
    if not short:
        return chosen
    articles = g.words["name_articles"]
    forms = {p + w: w for w in short for p in ("", *articles)}
    orth = doc.to_array(ORTH)
    for i in np.flatnonzero(isin(orth, hash_table(doc.vocab.strings, forms))).tolist():
        tok = doc[i]
        if i in taken or in_ranges(boiler, tok.idx, tok.idx + 1):
            continue
        label = short[forms[tok.text]]
        # ``,” O’Brien said``: a name the tagger read as a pronoun is no pronoun word
        misread = tok.pos_ == "PRON" and not tok.is_stop
        if label == "PERSON" and tok.pos_ not in ("PROPN", "NOUN", "X") and not misread:
            continue
        glued = int(i > 0 and doc[i - 1].lower_ in articles and not doc[i - 1].whitespace_)
        if not glued and i > 1 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_:
            # ``al-Rufay'i`` split into ``al``, ``-`` and the name
            glued = 2 * (doc[i - 2].lower_ + "-" in articles and not doc[i - 2].whitespace_)
        chosen.append(Cand(i - glued, i + 1, label, "alias"))
    chosen.sort(key=lambda c: c.start)
    return join_aliases(doc, chosen)


def join_aliases(doc: Doc, chosen: list[Cand]) -> list[Cand]:
    """``Mech`` + ``Dara``, ``Gal`` + ``-`` + ``Or``: words of a person's name found one by
    one where the NER missed the name are that name, one mention."""
    out: list[Cand] = []
    for c in chosen:
        prev = out[-1] if out else None
        if prev is not None and c.source == prev.source == "alias" and c.label == "PERSON":
            gap = doc[prev.end : c.start]
            glued = not doc[prev.end - 1].whitespace_
            hyphen = gap.text == "-" and glued and not gap[0].whitespace_
            spaced = not gap and doc[prev.end - 1].whitespace_ and not doc[c.start].is_sent_start
            if prev.label == "PERSON" and (hyphen or spaced):
                prev.end = c.end
                continue
        out.append(c)
    return out


def canonicalise(doc: Doc, chosen: list[Cand], g: Gazetteer) -> dict[str, str]:
    """Give every mention its actor id; return id -> display name."""
    names: dict[str, str] = {}
    others = [span_text(doc, c.start, c.end) for c in chosen if c.label == "ORG" and not c.actor_id]
    fullest = person_names(
        [span_text(doc, c.start, c.end) for c in chosen if c.label == "PERSON"], others
    )
    by_title = titled_surnames(doc, chosen, fullest, others, g)
    orgs = [c for c in chosen if c.label == "ORG"]
    skip = g.words["acronym_skip"]
    org_full: dict[str, tuple[str, str | None]] = {}
    full_text = possessive_org_names(doc, chosen, g)
    defined = defined_acronyms(doc, chosen)
    scoped = Counter(span_text(doc, c.start, c.end) for c in orgs if c.start in full_text)
    for c in sorted(orgs, key=lambda c: (-c.size, c.start)):
        written = span_text(doc, c.start, c.end)
        text = full_text.get(c.start, written)
        if text != written and scoped[written] == 1:
            # "the Foreign Ministry" later on is China's, if China's is the only one named
            org_full.setdefault(written, (text, None))
        if c.actor_id:
            org_full[text] = (g.org_by_id[c.actor_id]["name"], c.actor_id)
            continue
        owner = org_full.get(defined.get(text, ""))
        owner = owner or next(
            (
                v
                for k, v in org_full.items()
                if text != k and (k.startswith(text + " ") or acronym_of(k, skip) == text)
            ),
            None,
        )
        org_full.setdefault(text, owner or (text, None))
    scope = f"@{zlib.crc32(doc_text(doc).encode()) & 0xFFFFFF:06x}"
    for c in chosen:
        text = span_text(doc, c.start, c.end)
        if c.label == "PERSON":
            name = by_title.get(c.start) or fullest.get(text, text)
            # one word with no fuller name here is no evidence of identity across documents
            c.actor_id = "person:" + slugify(name) + (scope if " " not in name else "")
        elif c.label == "ORG":
            text = full_text.get(c.start, text)
            name, gid = org_full.get(text, (text, None))
            c.actor_id = c.actor_id or gid or "org:" + slugify(name)
            name = g.org_by_id[c.actor_id]["name"] if c.actor_id in g.org_by_id else name
        else:
            name = g.state_name_of.get(c.actor_id.split(":", 1)[1], text)
        names[c.actor_id] = name
    return names


def possessive_org_names(doc: Doc, chosen: list[Cand], g: Gazetteer) -> dict[int, str]:
    """``China's Foreign Ministry`` is the ``Chinese Foreign Ministry``: a body named through
    a possessive state gets the demonym form, so its id says whose it is and
    ``Afghanistan's`` and ``China's Ministry of Foreign Affairs`` stay two actors."""
    state_end = {c.end: c for c in chosen if c.label == "STATE"}
    out = {}
    for c in chosen:
        if c.label != "ORG" or c.actor_id or c.start < 2 or doc[c.start - 1].tag_ != "POS":
            continue
        if not any(t.text in g.org_heads for t in doc[c.start : c.end]):
            continue
        state = state_end.get(c.start - 1)
        if state is not None:
            iso = state.actor_id.split(":", 1)[1]
            owner = g.demonym_of.get(iso) or g.state_name_of.get(iso, iso)
            out[c.start] = f"{owner} {span_text(doc, c.start, c.end)}"
    return out


def person_names(texts: list[str], others: list[str] = ()) -> dict[str, str]:
    """Each person name -> the fullest name of the document that contains all its words,
    or itself when there is none or more than one (``Aden`` with ``Aden Barre Duale`` and
    ``Shamsa Mohamed Aden``: never guessed). ``others`` are longer names of the document
    under another label whose last word may be a surname too (``Rastafarian Feniya Mbewe``
    misread as an organisation): such a word is not guessed either."""
    fullest: dict[str, str] = {}
    last_words = {strip_particle(o.split()[-1]) for o in others if " " in o}
    for text in sorted(dict.fromkeys(texts), key=lambda t: (-len(t.split()), t)):
        words = {strip_particle(w) for w in text.split() if w.lower() not in PARTICLES} - {""}
        owners = {f for f in fullest.values() if words <= {strip_particle(w) for w in f.split()}}
        if len(words) == 1 and words <= last_words:
            owners.add("")  # a second possible owner
        fullest[text] = owners.pop() if len(owners) == 1 else text
    return fullest


def titled_surnames(
    doc: Doc, chosen: list[Cand], fullest: dict[str, str], others: list[str], g: Gazetteer
) -> dict[int, str]:
    """``Mr. Clinton`` in a story of Bill and Hillary Clinton is Bill: a surname that several
    full names share is, after a title of one gender, the one whose first name has that
    gender, when each other owner's has the other (``Khizr`` of ``Khizr and Ghazala Khan``,
    unknown, keeps ``Mr. Khan`` open; so does a name the NER misread as an organisation).
    Where the story titles it with one gender only, every mention of the surname is that
    person; returns mention start -> full name."""
    alone = [c for c in chosen if c.label == "PERSON" and c.size == 1]
    alone = [c for c in alone if fullest.get(doc[c.start].text) == doc[c.start].text]
    title = {c.start: g.gender_titles.get(doc[c.start - 1].lower_, "") for c in alone if c.start}
    genders: dict[str, set[str]] = {}
    for c in alone:
        if title.get(c.start):
            genders.setdefault(doc[c.start].text, set()).add(title[c.start])
    # ``Khizr and Ghazala Khan``: a lone first name (or one misread as an organisation)
    # before ``and`` and a full name may share its surname (``Khizr Khan``)
    person_at = {c.start: c for c in chosen if c.label == "PERSON" and c.size > 1}
    lone = alone + [c for c in chosen if c.label == "ORG" and c.size == 1 and not c.actor_id]
    couples = [
        f"{doc[c.start].text} {doc[person_at[c.end + 1].end - 1].text}"
        for c in lone
        if c.end + 1 in person_at and doc[c.end].lower_ == "and"
    ]
    names = [*fullest.values(), *others, *couples]
    out: dict[int, str] = {}
    for c in alone:
        word = doc[c.start].text
        told = genders.get(word, set())
        gender = title.get(c.start) or (next(iter(told)) if len(told) == 1 else "")
        owner = surname_owner(word, gender, names) if gender else ""
        if owner:
            out[c.start] = owner
    return out


def surname_owner(word: str, gender: str, names: list[str]) -> str:
    """The one full name among ``names`` with ``word`` in it whose first name is of
    ``gender`` (``m``/``f``), when every other such name's first name is of the other."""
    owners = list({n for n in names if " " in n and word in map(strip_particle, n.split())})
    known = [first_name_gender(n.split()[0]) for n in owners]
    if known.count(gender) != 1 or "" in known:
        return ""
    return owners[known.index(gender)]


def name_word(word: str) -> bool:
    """A word that can stand for a person's name alone (``Kim``, ``McKegg``, ``O'Brien``)."""
    return (
        lettered(word)
        and word[:1].isupper()
        and not word.isupper()
        and word.lower() not in PARTICLES
    )


def defined_acronyms(doc: Doc, chosen: list[Cand]) -> dict[str, str]:
    """``United Nations High Commissioner for Refugees (UNHCR)`` and ``DOJ (Department of
    Justice)``: an acronym in brackets beside a name is that name's -> acronym: name."""
    out: dict[str, str] = {}
    by_end = {c.end: c for c in chosen if c.label == "ORG" and c.size > 1}
    by_start = {c.start: c for c in chosen if c.label == "ORG" and c.size > 1}
    brackets = np.flatnonzero(doc.to_array(ORTH) == doc.vocab.strings.add("(")).tolist()
    for i in brackets:
        if i + 2 < len(doc) and doc[i + 2].text == ")" and acronym_like(doc[i + 1].text):
            full = by_end.get(i)  # Name (ACRONYM)
            if full is not None:
                out[doc[i + 1].text] = span_text(doc, full.start, full.end)
        full = by_start.get(i + 1)  # ACRONYM (Name)
        if i > 0 and full is not None and acronym_like(doc[i - 1].text):
            out[doc[i - 1].text] = span_text(doc, full.start, full.end)
    return out


def acronym_like(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 8 and letters.isalnum() and letters.isupper()


def strip_particle(word: str) -> str:
    """``al-Sudani`` -> ``Sudani``: news shortens Arabic names without the article (and
    spells ``Rufay'i`` with either apostrophe)."""
    head, sep, rest = word.replace("’", "'").partition("-")
    return rest if sep and head.lower() in PARTICLES else word


def acronym_of(text: str, skip: frozenset[str]) -> str:
    """``Department of Justice`` -> ``DOJ``: the initials, less the ``skip`` words."""
    return "".join(w[0] for w in text.split() if w.lower() not in skip and w[:1].isupper())


def actor_table(
    spans: list[Span], names: dict[str, str], affiliations: list[dict], g: Gazetteer
) -> dict[str, dict]:
    """Plain-data record of each actor in the document."""
    table: dict[str, dict] = {}
    for span in spans:
        rec = table.setdefault(
            span.kb_id_,
            {"name": names[span.kb_id_], "label": span.label_, "country": "", "aliases": []},
        )
        if span.text not in rec["aliases"]:
            rec["aliases"].append(span.text)
    for actor_id, rec in table.items():
        if rec["label"] == "STATE":
            rec["country"] = country_code(actor_id.split(":", 1)[1])
        elif actor_id in g.org_by_id:
            rec["country"] = g.org_by_id[actor_id]["country"]
    for aff in affiliations:
        rec = table.get(aff["source_id"])
        target = aff["target_id"]
        if rec is not None and not rec["country"]:
            if target.startswith("state:"):
                rec["country"] = country_code(target.split(":", 1)[1])
            elif table.get(target, {}).get("country"):
                rec["country"] = table[target]["country"]
    return table
