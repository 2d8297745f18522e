"""What the text and reference data say about a name: person, organisation or place.

The statistical NER proposes a label; the actor tagger overrides it only on evidence found
here, and records which rule did (``span.id_``) so that ``benchmarks/actor_accuracy.py``
can count each rule's net effect against gold. The evidence is deliberately local and
explainable: titles before a name (nameparser's list and the role gazetteer), given names
(gender-guesser's offline dictionary), organisation head words, place nouns around a name,
and GeoNames cities (``data/places.json``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from functools import cache

from nameparser.config import CONSTANTS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer

# prepositions whose object is a location when it is not an organisation (``in Nangarhar``)
_IN_PLACE = {"in", "near", "inside", "outside", "across", "throughout", "around"}
_GIVEN = {"male", "female", "mostly_male", "mostly_female", "andy"}
CALENDAR_WORDS = frozenset(
    w for w in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr) if w
)
# nameparser's titles, less function words it lists for "His Holiness" and the like
TITLES = frozenset(t.lower() for t in CONSTANTS.titles) - STOP_WORDS
PARTICLES = frozenset(p.rstrip("-").lower() for p in CONSTANTS.prefixes) - {"st", "ste"}


@cache
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def gender(first_name: str) -> str:
    """gender-guesser's verdict for a first name (``unknown`` when it has none)."""
    return _detector().get_gender(first_name)


@cache
def first_name_gender(name: str) -> str:
    """``m``/``f`` for a first name the offline list is sure of, else ``""``."""
    if not name[:1].isupper() or not name.isalpha():
        return ""
    return {"male": "m", "female": "f"}.get(gender(name), "")


def popularity(first_name: str) -> int:
    """How common a first name is in the country where it is most common, on
    gender-guesser's scale (1 = rare .. 13 = very common; 0 = not a known first name)."""
    entry = _detector().names.get(first_name.lower()) or {}
    digits = [int(ch, 16) for freqs in entry.values() for ch in freqs if ch.strip()]
    return max(digits, default=0)


def lettered(word: str) -> bool:
    """Letters only, or letters joined by an apostrophe (``O'Brien``, ``O’Malley``,
    ``D'Souza``): a word a name can be made of."""
    return word.replace("'", "").replace("’", "").isalpha() and word[-1:].isalpha()


def is_given_name(word: str, min_popularity: int = 1) -> bool:
    """A capitalised first name in gender-guesser's dictionary (``The`` and ``May`` are in
    it too: function words never count). ``min_popularity`` 2 leaves out names as rare as
    ``Red`` or ``Art``, which are more often words."""
    return (
        word.isalpha()
        and word[:1].isupper()
        and word.lower() not in STOP_WORDS
        and gender(word) in _GIVEN
        and popularity(word) >= min_popularity
    )


def is_title(word: str, g: Gazetteer) -> bool:
    """A title or role word (``President``, ``Mr.``, ``activist``); nameparser's list holds
    some given names (``Dean``) and parts of compound titles (``United``), which do not
    count."""
    low = word.lower().rstrip(".")
    if low in g.role_nouns:
        return True
    return low in TITLES and low not in g.not_titles and not is_given_name(word)


def titled(doc: Doc, start: int, g: Gazetteer) -> bool:
    """A title or role noun right before the name: ``Chancellor Olaf Scholz``."""
    return start > 0 and is_title(doc[start - 1].text, g) and not doc[start - 1].is_sent_start


def has_org_head(span: Span, g: Gazetteer) -> bool:
    return any(t.text in g.org_heads for t in span)


def person_form(span: Span, g: Gazetteer) -> bool:
    """``Amanda Nunes``, ``Paris Hilton``: two to four capitalised words led by a given name,
    holding no organisation word and not led by ``the`` (``the Noble Sanctuary``)."""
    words = [t for t in span if not t.is_punct]
    doc = span.doc
    return (
        2 <= len(words) <= 4
        and not headline(span)
        and (span.start == 0 or doc[span.start - 1].lower_ != "the")
        and all(t.text[:1].isupper() for t in words)
        and is_given_name(words[0].text, min_popularity=2)
        # middle words are names or initials (John F. Kennedy), not nouns (Fashion Week)
        and all(
            is_given_name(t.text) or t.lower_ in PARTICLES or len(t.text.rstrip(".")) == 1
            for t in words[1:-1]
        )
        and not has_org_head(span, g)
        and span.text not in g.org_names
    )


def indefinite(span: Span, g: Gazetteer) -> bool:
    """``a super PAC``, ``a GREAT and POWERFUL STATE``: one word after ``a``/``an`` (and up
    to two lower-case modifiers) that heads its phrase is a common noun, not a name (an
    organisation head too: ``a super PAC``). Not a longer name (``an Association of
    Southeast Asia``) nor a name modifying what follows (``a CNN reporter``, ``an NDP
    Member``, ``an NBC/Telemundo debate``)."""
    if len(span) != 1:
        return False
    doc = span.doc
    i = span.start - 1
    while i >= 0 and span.start - i <= 3 and doc[i].tag_ in ("JJ", "NN") and doc[i].is_lower:
        i -= 1
    after = doc[span.end] if span.end < len(doc) else None
    modifies = after is not None and (
        after.tag_ in ("NN", "NNS", "NNP", "NNPS", "JJ") or after.text in ("/", "-")
    )
    return i >= 0 and doc[i].lower_ in ("a", "an") and not modifies


def headline(span: Span) -> bool:
    """The span's sentence is in title case (a headline): capitals there are no evidence."""
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    words = [t for t in sent if t.is_alpha]
    return len(words) > 3 and sum(t.is_title for t in words) > 0.6 * len(words)


def headline_name_end(span: Span) -> int:
    """``Donald Trump Got More Votes In Ohio``: a title-case headline runs a name into the
    words after it, so the name ends where the longest of its beginnings (two words or
    more) that the story names as a person elsewhere ends (else where the span ends)."""
    if len(span) < 3 or not headline(span):
        return span.end
    doc = span.doc
    names = {
        e.text
        for e in doc.ents
        if e.label_ == "PERSON" and (e.end <= span.start or e.start >= span.end)
    }
    for end in range(span.end - 1, span.start + 1, -1):
        if doc[span.start : end].text in names:
            return end
    return span.end


def place_context(span: Span, g: Gazetteer, *, lenient: bool) -> bool:
    """The text treats the name as a place: ``the towns of X and Y``, ``X Province``, and,
    with ``lenient`` (for names the NER called PERSON), ``in X``."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in g.place_heads:
        return True  # Boni Forest, the East China Sea
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i < span.start:
        root = root.head
    if root.dep_ == "compound" and root.head.lower_ in g.place_nouns:
        return True  # the Dasht-e-Barchi neighborhood
    if root.dep_ == "appos" and root.head.lower_ in g.place_nouns:
        return True  # the capital, Bangui
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ == "of" and prep.head.lemma_.lower() in g.place_nouns:
        return True  # the province of Nangarhar
    return lenient and prep.lower_ in _IN_PLACE


def at_site(span: Span, g: Gazetteer) -> bool:
    """The object of ``in``/``on``/``at`` after a base or island: ``the air base on Diego
    Garcia``, ``a radar base at Kurecik``. A person is never a base's location."""
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i < span.start:
        root = root.head
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ in g.words["site_preps"]
        and prep.head.lower_ in g.words["site_nouns"]
    )


def names_thing(span: Span, label: str, g: Gazetteer) -> bool:
    """The name is a place or a thing by the noun it goes with: written before a site noun
    (``close Dadaab and Kakuma camps``; an ORG keeps ``a Hezbollah camp``), a thing noun's
    appositive (``the cargo ship, the Golbon``), listed after one (``AI models, including
    Manus``), its subject (``Kurecik is a radar base``) or a designation with a digit before
    one (``the S-400 missile system``)."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < span.start:
        root = root.head
    head, things = root.head, g.words["thing_nouns"]
    if root.dep_ in ("compound", "nmod"):
        if label != "ORG" and head.lower_ in g.words["site_nouns"]:
            return True
        return head.lower_ in things and any(c.isdigit() for c in span.text)
    if label != "PERSON" and (
        (root.dep_ == "appos" and head.lower_ in things)
        or any(c.dep_ == "appos" and c.lower_ in things for c in root.children)
    ):
        return True
    if root.dep_ == "nsubj" and head.lemma_ == "be":  # Kurecik is a U.S. radar base
        nouns = things | g.words["site_nouns"]
        return any(c.dep_ == "attr" and c.lower_ in nouns for c in head.children)
    listed = root.dep_ == "pobj" and head.lower_ in ("including", "like")
    return listed and head.head.lower_ in things


def names_document(span: Span, g: Gazetteer) -> bool:
    """A law, treaty, programme or index named in title case: ``the Dayton Accords``, and
    ``Countering America's Adversaries Through Sanctions Act``, where the NER stops at the
    possessive inside the name."""
    doc = span.doc
    last = span.end - 1
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        i = span.end + 1
        while i < len(doc) and i - span.end <= 6 and doc[i].is_title:
            last = i
            i += 1
    return doc[last].text in g.document_heads


def people_group(span: Span, g: Gazetteer) -> bool:
    """An ethnic or religious group or a faith, not an actor: ``ethnic Baloch``,
    ``Hazara Shi'ite Muslims``, ``a million Uyghurs``, ``Islam``, ``the Kurds``."""
    if span.text in g.words["faiths"] or span[-1].text in g.words["adherents"]:
        return True
    if span.text in g.words["peoples"]:
        return True
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in g.words["group_words"]:
        return True
    root = span.root
    counted = any(c.dep_ == "nummod" for c in root.children)
    prep = root.head
    counted = counted or (
        root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.tag_ == "CD"
    )  # thousands of Uyghurs
    return counted and root.tag_ == "NNPS"


def place_name(span: Span, g: Gazetteer) -> bool:
    """A name ending in a place noun: ``Boni Forest``, ``Agalega Island``."""
    return len(span) > 1 and span[-1].text in g.place_heads


def speaks(span: Span, sayings: frozenset[str]) -> bool:
    """The name is the subject of a speech verb."""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in sayings


def quote_tag_speaker(span: Span, sayings: frozenset[str]) -> bool:
    """``"...," Wang said.``: a one-word subject of the tag right after a direct quote."""
    doc = span.doc
    if len(span) != 1 or not speaks(span, sayings) or span.start < 1:
        return False
    before = doc[span.start - 1]
    verb = span.root.head
    if verb.i == span.start - 1:  # "...," said Wang
        before = doc[verb.i - 1] if verb.i > 0 else before
    return before.is_quote or before.text in ("”", "’")


def person_words(ents: Iterable[Span]) -> set[str]:
    """Words of every name of two or more words the NER called PERSON (``ents``: the
    document's entities)."""
    return {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}


def one_word_person_evidence(tok: Token, words: set[str], g: Gazetteer) -> bool:
    """Evidence that a lone capitalised word names a person here."""
    return (
        tok.text in words
        or titled(tok.doc, tok.i, g)
        or speaks(tok.doc[tok.i : tok.i + 1], g.words["saying_verbs"])
    )


def calendar_prefix(span: Span) -> int:
    """How many leading words of a name are days or months (``Sunday Israel``)."""
    n = 0
    while n < len(span) - 1 and span[n].text in CALENDAR_WORDS:
        n += 1
    return n


def led_by(span: Span, g: Gazetteer) -> bool:
    """``the Trump administration``: one word before a leader noun names the leader, unless
    it is a state, a capital, a city of 100,000 or an acronym."""
    root = span.root
    text = span.text
    return (
        len(span) == 1
        and root.dep_ == "compound"
        and root.head.lower_ in g.words["leader_nouns"]
        and text[:1].isupper()
        and not text.isupper()
        and g.cities.get(text, 0) < 100_000
        and text not in g.capitals
        and not g.state_id(text)
    )


# a surname that opens with an elided particle: ``O'Brien``, ``D’Souza``, ``N'Diaye``
_ELIDED = re.compile(r"[A-Z]['’][A-Z][a-z]+$")
# particles that are no English words (not ``at``, ``as``, ``do``): ``von``, ``der``, ``bin``
NAME_PARTICLES = PARTICLES - STOP_WORDS


def particle_end(doc: Doc, end: int) -> int:
    """The end of a person's name that goes on past ``end`` with lower-case particles and a
    capitalised word (``Ursula`` + ``von der Leyen``) or with a surname that opens with an
    elided particle (``Martin`` + ``O’Malley``), else ``end``."""
    if end < len(doc) and _ELIDED.match(doc[end].text):
        return end + 1
    i = end
    while i < len(doc) and doc[i].lower_ in NAME_PARTICLES and doc[i].is_lower:
        i += 1
    if i == end or i == len(doc) or not doc[i].is_title or not doc[i].is_alpha:
        return end
    return i + 1


def modifies_thing(span: Span, g: Gazetteer) -> bool:
    """One word before a common noun that is no role or government (``Baloch separatists``,
    ``the Brexit talks``, ``the Gee family``): it describes the noun, it names nobody."""
    root = span.root
    head = root.head
    return (
        len(span) == 1
        and root.dep_ in ("compound", "amod", "nmod")
        and head.i > root.i
        and head.pos_ == "NOUN"
        and head.lower_ not in g.role_nouns
        and head.lemma_.lower() not in g.role_nouns
        and head.lower_ not in g.words["gov_nouns"]
    )


_DESIGNATION = re.compile(r"[A-Z]{2,}-\d+")


def designation(word: str) -> bool:
    """A code of capitals, a hyphen and a number (``COVID-19``, ``AK-47``, ``MH-17``): a
    disease, a weapon or a flight. Organisations so named have one letter (``G-7``)."""
    return _DESIGNATION.fullmatch(word) is not None
