"""The components as spaCy components: saved and restored with their data, one gazetteer per
pipeline, spans keys from the config, extensions registered by the components themselves."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import spacy
import srsly
from spacy.attrs import LOWER

import nlp_pipeline
from nlp_pipeline.components.util import doc_text, hash_table, isin, span_text
from nlp_pipeline.loading import COMPONENTS

# a made-up organisation, so only a custom gazetteer entry can give it its id and country
TEXT = (
    "The Vantorian Maritime Guild condemned Russia on Monday. Maritime Guild chairman "
    "Erik Holm said the guild would press Moscow to reopen the port."
)
GUILD = {
    "id": "org:vantorian-maritime-guild",
    "name": "Vantorian Maritime Guild",
    "aliases": ["Maritime Guild"],
    "country": "NOR",
}


def outputs(doc) -> dict:
    """Everything the components leave on a Doc, as plain data."""
    return {
        "actors": [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans["actors"]],
        "coref": [(s.start_char, s.kb_id_) for s in doc.spans["coref"]],
        "quotes": doc._.quotes,
        "relations": doc._.relations,
        "table": doc._.actors,
    }


@pytest.fixture(scope="module")
def custom():
    """A pipeline whose gazetteer holds one entry the package's data does not."""
    nlp = nlp_pipeline.load("en_core_web_sm")
    tagger = nlp.get_pipe("actor_tagger")
    gazetteer = tagger.gazetteer
    gazetteer.orgs.append(GUILD)
    gazetteer.index()
    tagger.set_gazetteer(gazetteer)
    return nlp


def guild_of(doc) -> set[str]:
    return {s.kb_id_ for s in doc.spans["actors"] if "Guild" in s.text}


def test_custom_entry_is_used(custom):
    doc = custom(TEXT)
    assert guild_of(doc) == {GUILD["id"]}
    assert doc._.actors[GUILD["id"]]["country"] == "NOR"


def test_custom_entry_survives_to_bytes_and_from_bytes(custom):
    restored = nlp_pipeline.load("en_core_web_sm").from_bytes(custom.to_bytes())
    assert GUILD["id"] in restored.get_pipe("actor_tagger").gazetteer.org_by_id
    assert outputs(restored(TEXT)) == outputs(custom(TEXT))
    assert guild_of(restored(TEXT)) == {GUILD["id"]}


def test_custom_entry_survives_to_disk_and_spacy_load(custom, tmp_path):
    custom.to_disk(tmp_path)
    restored = spacy.load(tmp_path)
    assert restored.pipe_names == custom.pipe_names
    assert outputs(restored(TEXT)) == outputs(custom(TEXT))
    assert guild_of(restored(TEXT)) == {GUILD["id"]}


def test_relation_extractor_reads_the_taggers_gazetteer_after_from_bytes(custom):
    restored = nlp_pipeline.load("en_core_web_sm").from_bytes(custom.to_bytes())
    tagger = restored.get_pipe("actor_tagger")
    relations = restored.get_pipe("relation_extractor")
    assert relations.gazetteer is tagger.gazetteer
    assert GUILD["id"] in relations.gazetteer.org_by_id
    # another pipeline in the same process keeps the package's data
    other = nlp_pipeline.load("en_core_web_sm").get_pipe("actor_tagger")
    assert GUILD["id"] not in other.gazetteer.org_by_id


def test_same_output_on_a_scraped_article_after_a_round_trip(nlp, scraped_text):
    restored = nlp_pipeline.load().from_bytes(nlp.to_bytes())
    before = outputs(nlp(scraped_text))
    assert before["actors"] and before["quotes"] and before["relations"]
    assert outputs(restored(scraped_text)) == before


@pytest.mark.parametrize("name", [*COMPONENTS[1:], "attribute_ruler"])  # the cleaner holds none
def test_every_component_round_trips_its_data(nlp, name):
    pipe = nlp.get_pipe(name)
    copy = nlp_pipeline.load("en_core_web_sm").get_pipe(name)
    copy.from_bytes(pipe.to_bytes())
    assert getattr(copy, "data", {}) == getattr(pipe, "data", {})


def test_bytes_saved_before_a_data_section_existed_still_load(nlp):
    # a pipeline saved by an older release lacks the sections added since: they come from
    # the package, as from_disk does for a saved folder
    pipe = nlp.get_pipe("relation_extractor")
    old = {name: dict(content) for name, content in pipe.data.items()}
    del old["relations.json"]["outlets"]
    copy = nlp_pipeline.load("en_core_web_sm").get_pipe("relation_extractor")
    copy.from_bytes(srsly.msgpack_dumps(old))
    assert copy.data == pipe.data
    assert "org:voa" in copy.outlets


def test_spans_key_comes_from_the_config():
    readers = ("actor_coref", "quote_extractor", "relation_extractor")
    config = {"actor_tagger": {"spans_key": "names"}}
    config |= {name: {"actors_key": "names"} for name in readers}
    nlp = nlp_pipeline.load("en_core_web_sm", config=config)
    doc = nlp('"We will not back down," Chinese President Xi Jinping said. He met Kim Jong Un.')
    assert "actors" not in doc.spans
    assert {s.kb_id_ for s in doc.spans["names"]} == {"person:xi-jinping", "person:kim-jong-un"}
    assert ("person:xi-jinping", "state:CHN") in {
        (a["source_id"], a["target_id"]) for a in doc._.affiliations
    }
    # `We` in Xi's quote (the relation extractor's, from his post), `He` (coreference's)
    assert [s.kb_id_ for s in doc.spans["coref"]] == ["state:CHN", "person:xi-jinping"]
    assert doc._.quotes[0]["speaker_id"] == "person:xi-jinping"
    assert any(r["relation"] == "affiliated_with" for r in doc._.relations)


def test_importing_registers_no_extension_until_a_component_is_made():
    code = (
        "import spacy\n"
        "from spacy.tokens import Doc\n"
        "import nlp_pipeline.components\n"
        "assert not Doc.has_extension('actors')\n"
        "spacy.blank('en').add_pipe('quote_extractor')\n"
        "from nlp_pipeline.components.extensions import DOC_EXTENSIONS, install_extensions\n"
        "install_extensions()\n"
        "assert all(Doc.has_extension(n) for n in DOC_EXTENSIONS)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_components_added_to_a_blank_pipeline_work_without_initialize():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    tagger = nlp.add_pipe("actor_tagger")
    doc = nlp("Talks between Germany and France resumed.")
    assert tagger.gazetteer.state_names["Germany"] == "DEU"
    assert [s.kb_id_ for s in doc.spans["actors"]] == ["state:DEU", "state:FRA"]


def test_a_pipeline_saved_before_a_data_section_existed_still_loads(nlp, tmp_path):
    import json

    nlp.to_disk(tmp_path)
    saved = tmp_path / "actor_coref" / "coref.json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    del data["any_leader"]  # a section added after the pipeline was saved
    saved.write_text(json.dumps(data), encoding="utf-8")
    loaded = spacy.load(tmp_path)
    text = 'Kenyan President William Ruto met reporters. "We are ready," the leader said.'
    speakers = [q["speaker_id"] for q in loaded(text)._.quotes]
    assert speakers == [q["speaker_id"] for q in nlp(text)._.quotes] == ["person:william-ruto"]


def test_shared_text_and_hash_lookups_match_spacy(nlp, scraped_doc, scraped_text):
    """The components' shared readings of a document give what spaCy's own do: its text
    (built once, the same string object on every read) and hash membership (``np.isin``)."""
    assert doc_text(scraped_doc) == scraped_doc.text == scraped_text
    assert doc_text(scraped_doc) is doc_text(scraped_doc)
    n = len(scraped_doc)
    for start, end in [
        (0, 0),
        (0, 1),
        (0, n),
        (n - 1, n),
        (3, 2),
        *((i, i + 4) for i in range(n - 4)),
    ]:
        assert span_text(scraped_doc, start, end) == scraped_doc[start:end].text
    lower = scraped_doc.to_array(LOWER)
    strings = nlp.vocab.strings
    for words in ([], ["the"], ["said", "the", "korea", "no-such-word-anywhere"]):
        expected = np.isin(lower, np.array([strings.add(w) for w in words], dtype="uint64"))
        assert (isin(lower, hash_table(strings, words)) == expected).all()
    the = [t.lower_ for t in scraped_doc].count("the")
    assert isin(lower, hash_table(strings, ["the"])).sum() == the > 0
