"""Evaluation files are valid JSON for any parser, and failures have one name everywhere."""

import json
import math

from ragqa.evaluation import labels, runner


def strict_loads(text: str):
    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def test_undefined_metrics_are_written_as_null_not_nan(tmp_path):
    q = runner.Question("u1", "화성의 인구는?", "unanswerable")
    rows = runner.run([q], {}, lambda q: {"answer": "", "abstained": True, "citations": [], "contexts": []},
                      progress=False)
    summary = runner.summarize(rows)
    assert math.isnan(summary.overall["faithfulness_overall"])  # undefined: no claims at all
    runner.write(tmp_path, rows, summary, {"note": float("inf")})
    lines = (tmp_path / "results.jsonl").read_text("utf-8").splitlines()
    assert strict_loads(lines[0])["metrics"]["faithfulness"] is None
    payload = strict_loads((tmp_path / "summary.json").read_text("utf-8"))
    assert payload["summary"]["overall"]["faithfulness_overall"] is None and payload["config"]["note"] is None
    assert "<html" in (tmp_path / "report.html").read_text("utf-8").lower()


def test_failure_labels_are_shared_and_ordered_by_seriousness():
    assert labels.failures({"abstention_accuracy": 0.0}) == ["should_abstain"]
    assert labels.failures({"false_abstention": 1.0, "correct": 0.0}) == ["false_abstention"]
    assert labels.failures({"false_abstention": 0.0, "correct": 0.0, "faithfulness": 0.5}) == \
        ["incorrect", "unsupported_claim"]
    assert labels.failures({"correct": 1.0, "correct_concise": 0.0, "faithfulness": float("nan")}) == ["too_long"]
    assert labels.failure_label({"correct": 1.0, "correct_concise": 1.0, "faithfulness": 1.0}) == "ok"
    assert labels.failure_label({"correct": 0.0}, "ko") == "오답"
