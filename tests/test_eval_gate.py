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
    """Both splits: the tuning split (everything may be fitted to it) and the test split."""
    baseline = json.loads((REPO / "eval" / "baseline.json").read_text("utf-8"))
    monkeypatch.setenv("RAGQA_MODELS", str(REPO / "models"))
    monkeypatch.setenv("RAGQA_CORPUS", str(REPO / "corpus"))
    monkeypatch.setenv("RAGQA_INDEX", str(tmp_path / "index"))
    assert cli.main(["index", "--quiet"]) == 0
    tolerance = baseline["tolerance"]
    drops = {}
    for name, split in baseline["splits"].items():
        out = tmp_path / name
        assert cli.main(["eval", str(REPO / split["questions"]), "--out", str(out)]) == 0
        summary = json.loads((out / "summary.json").read_text("utf-8"))["summary"]["overall"]
        drops.update({f"{name} {k}": (summary.get(k), v) for k, v in split["metrics"].items()
                      if summary.get(k) is None or math.isnan(summary[k]) or summary[k] < v - tolerance})
        if summary["false_abstention"] > split["false_abstention_max"]:
            drops[f"{name} false_abstention"] = (summary["false_abstention"], split["false_abstention_max"])
    assert not drops, f"headline metrics moved past the tolerance ({tolerance}): {drops}"
