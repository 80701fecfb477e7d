"""Regression gate: the default backend on the project's eval set must not drop any headline
metric by more than the stated tolerance below ``eval/baseline.json``. The baseline is updated
deliberately (`python eval/update_baseline.py runs/<run>`), with the reason in the commit."""

import json
import math
from pathlib import Path

import pytest

from ragqa import cli

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]


def test_headline_metrics_hold(tmp_path, monkeypatch):
    baseline = json.loads((REPO / "eval" / "baseline.json").read_text("utf-8"))
    monkeypatch.setenv("RAGQA_MODELS", str(REPO / "models"))
    monkeypatch.setenv("RAGQA_CORPUS", str(REPO / "corpus"))
    monkeypatch.setenv("RAGQA_INDEX", str(tmp_path / "index"))
    assert cli.main(["index", "--quiet"]) == 0
    out = tmp_path / "run"
    assert cli.main(["eval", str(REPO / "eval" / "questions.jsonl"), "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text("utf-8"))["summary"]["overall"]
    tolerance = baseline["tolerance"]
    drops = {k: (summary.get(k), v) for k, v in baseline["metrics"].items()
             if summary.get(k) is None or math.isnan(summary[k]) or summary[k] < v - tolerance}
    assert not drops, f"headline metrics dropped more than {tolerance}: {drops}"
