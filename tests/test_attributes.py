"""The vectorised attribute ruler and lemmatizer give exactly spaCy's output, token for token."""

from __future__ import annotations

import json
import pickle

import spacy

from nlp_pipeline.components import attributes
from nlp_pipeline.components.attributes import (
    FastAttributeRuler,
    FastLemmatizer,
    speed_up_attributes,
)
from nlp_pipeline.loading import resolve_model
from tests.conftest import ROOT

TRICKY = [
    "I ain't gonna do it, but he'd've said so.",
    "They wanna go   there\n\n now, don't they?",
    "Ain't nobody gon na stop us, y'all.",
    "",
    "   ",
    "U.S. officials didn't say whether Pyongyang's envoy would've attended.",
]


def analyses(docs):
    return [[(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in d] for d in docs]


def test_same_output_as_attribute_ruler(tmp_path):
    corpus = ROOT / "corpora" / "voa" / "voa_stories.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")][:25]
    texts += TRICKY
    slow = spacy.load(resolve_model("en_core_web_sm"))
    fast = spacy.load(resolve_model("en_core_web_sm"))
    assert speed_up_attributes(fast)
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer)
    expected = analyses(slow.pipe(texts))
    assert analyses(fast.pipe(texts)) == expected
    # (``nlp.pipe`` went through the fast lemmatizer, not the wrapped one's own ``pipe``)
    assert len(fast.get_pipe("lemmatizer")._cache) > 100
    assert analyses(fast.pipe(texts)) == expected  # (from the lemma cache, this time)
    # and after a save / load round trip, in the saved pipeline
    fast.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert isinstance(again.get_pipe("lemmatizer"), FastLemmatizer)
    assert analyses(again.pipe(TRICKY)) == analyses(slow.pipe(TRICKY))
    copied = pickle.loads(pickle.dumps(fast.get_pipe("lemmatizer")))
    assert copied.mode == "rule" and copied.lookups.tables


def test_same_output_when_the_signature_memory_is_emptied(monkeypatch):
    """The ruler forgets its token signatures (and their effect tables) when they pass a
    limit; a document read after that is still tagged as spaCy's ruler tags it."""
    corpus = ROOT / "corpora" / "voa" / "voa_stories.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")][:6] + TRICKY
    slow = spacy.load(resolve_model("en_core_web_sm"))
    fast = spacy.load(resolve_model("en_core_web_sm"))
    speed_up_attributes(fast)
    monkeypatch.setattr(attributes, "_CACHE_LIMIT", 50)
    ruler = fast.get_pipe("attribute_ruler")
    assert analyses(fast.pipe(texts)) == analyses(slow.pipe(texts))
    assert 0 < ruler._filled == len(ruler._hits) <= len(ruler._set)


def test_not_applied_twice(nlp):
    assert not speed_up_attributes(nlp)


def test_lemmas_of_new_words_survive_memory_zones(nlp):
    """A word first seen inside ``nlp.memory_zone()`` (as the CLI runs every batch) has its
    lemma's string dropped when the zone ends; read again in a later zone, the word still
    gets its lemma, not a hash the string store no longer knows."""
    text = "The zorblaxians were glimfooding the vexnarbs."
    read = []
    for _ in range(2):
        with nlp.memory_zone():
            read.append([t.lemma_ for t in next(nlp.pipe([text]))])
    assert read[0] == read[1] and read[0][1:3] == ["zorblaxian", "be"]
