"""`make bench`'s LangChain baseline, answered by the same extractive answerer over its own passages: the run
that `bench/run.py` makes after retrieval (it once failed there, the baseline's index holding no passage vectors
for the answerer's passage similarity). Small fakes: the mini corpus and the trigram embedder."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import DATA, REPO
from ragqa.evaluation.runner import read_questions
from ragqa.ingest import load_corpus


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_baseline_answers_with_the_extractive_answerer(engine, mini_corpus: Path):
    bench = _bench()
    docs, _ = load_corpus(mini_corpus)
    base = bench.Baseline(engine, docs, size=200, overlap=40)
    assert base.vectors.shape == (len(base.texts), engine.embedder.dim)
    questions, _ = read_questions(DATA / "mini_eval" / "questions.jsonl")
    scores = bench._baseline_answers(engine, base, questions)
    for key in ("correct", "correct_concise", "false_abstention", "abstention_accuracy"):
        assert 0.0 <= scores[key] <= 1.0
    assert not any(key.startswith("answer_ms") for key in scores)  # timings are the bench's, not a quality
    # the numeric question's figure stands in one baseline passage: answered from it
    found = [t for t in base.texts if "30억" in t]
    assert found and scores["correct"] > 0.0
