"""The deterministic faithfulness checker against 30 hand-labelled claims (eval/claims_labelled.jsonl).

The labels are a person's judgement, written before the checker was run on them. The test
keeps the agreement from regressing; the figure itself is reported in docs/metrics.md."""

import json
from pathlib import Path

import pytest

from ragqa.answer.verify import check

CLAIMS = Path(__file__).resolve().parents[1] / "eval" / "claims_labelled.jsonl"


def agreement(embedder=None) -> tuple[float, list[dict]]:
    rows = [json.loads(line) for line in CLAIMS.read_text("utf-8").splitlines() if line.strip()]
    wrong = []
    for r in rows:
        sim = None
        if embedder is not None:
            import numpy as np

            sim = float(np.dot(embedder.embed_documents([r["claim"]])[0], embedder.embed_documents([r["passage"]])[0]))
        if check(r["claim"], r["passage"], None, sim).supported != r["supported"]:
            wrong.append(r)
    return 1 - len(wrong) / len(rows), wrong


def test_agreement_without_embeddings():
    score, wrong = agreement()
    assert score >= 0.75, [w["claim"] for w in wrong]


@pytest.mark.slow
def test_agreement_with_the_real_embedder():
    from ragqa.config import Config
    from ragqa.models import load_embedder

    cfg = Config.from_env()
    score, wrong = agreement(load_embedder(cfg.embed, Path(__file__).resolve().parents[1] / "models"))
    print(f"agreement with hand labels: {score:.2f}; disagreements: {[w['claim'] for w in wrong]}")
    assert score >= 0.85, [w["claim"] for w in wrong]
