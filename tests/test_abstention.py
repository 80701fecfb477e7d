"""The abstention model: one fitted decision, loaded from plain JSON, explained in words."""

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ragqa.answer.abstention import FEATURES, AbstentionModel, default_model
from ragqa.evaluation.records import QuestionResult
from ragqa.evaluation.report import render_html, tradeoff
from ragqa.evaluation.runner import summarize

ROOT = Path(__file__).resolve().parent.parent
BOUNDED = {"absent_share", "entity_share", "type_match", "year_mismatch", "english", "missing_idf", "how_much"}


def strong_answer(m: AbstentionModel) -> dict:
    """Every feature one standard deviation to the side its coefficient favours (shares kept in 0..1)."""
    v = {f: mu + (sd if c > 0 else -sd) for f, mu, sd, c in zip(m.features, m.mean, m.scale, m.coef)}
    return {f: min(1.0, max(0.0, x)) if f in BOUNDED else x for f, x in v.items()}


def test_the_shipped_model_is_fitted_json_with_its_provenance():
    m = default_model()
    assert m.features == FEATURES and 0 < m.threshold < 1
    assert m.provenance["command"].startswith("python eval/fit_abstention.py")
    assert all("test" not in f for f in m.provenance["fitted_on"])  # fitted on the tuning split only


def test_a_missing_name_or_unit_lowers_the_confidence_but_never_decides_alone():
    m = default_model()
    strong = strong_answer(m)
    assert m.probability(strong) >= m.threshold
    for feature in ("entity_share", "type_match"):
        weak = dict(strong, **{feature: 0.0})
        assert m.probability(weak) < m.probability(strong)
        assert m.probability(weak) >= m.threshold, feature


def test_the_abstention_note_names_what_lowered_the_confidence():
    m = AbstentionModel(FEATURES, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES),
                        tuple(2.0 if f == "entity_share" else -1.0 if f == "absent_share" else 0.0 for f in FEATURES),
                        0.0, 0.5, {})
    values = dict.fromkeys(FEATURES, 0.0)
    assert m.lowered_by(dict(values, absent_share=1.0)) == ["absent_share"]
    assert math.isclose(m.probability(dict(values, entity_share=1.0)), 1 / (1 + math.exp(-2.0)))


def test_a_model_fitted_on_other_features_is_refused(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"features": ["best_score"], "mean": [0], "scale": [1], "coef": [1],
                                "intercept": 0, "threshold": 0.5}), encoding="utf-8")
    with pytest.raises(RuntimeError, match="refit"):
        AbstentionModel.load(path)


def test_the_fitting_script_refuses_the_test_split():
    proc = subprocess.run([sys.executable, str(ROOT / "eval" / "fit_abstention.py"), "--questions",
                           str(ROOT / "eval" / "test.jsonl")], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "tuning split only" in proc.stderr


def test_the_answer_carries_its_confidence(engine):
    a = engine.ask("중국의 AI 반도체 투자 규모는 얼마인가?")
    b = engine.ask("일본의 AI 반도체 투자 규모는 얼마인가?")
    assert not a.abstained and b.abstained
    assert a.confidence is not None and b.confidence is not None and a.confidence > b.confidence
    assert any("confidence" in n for n in b.notes)


def _row(qid, qtype, confidence, abstained=False):
    return QuestionResult(qid, qtype, "q", "", abstained, {"answer_chars": 0}, confidence=confidence)


def test_the_trade_off_curve_moves_from_answering_all_to_abstaining_on_all():
    rows = [_row("a", "fact", 0.9), _row("b", "fact", 0.4), _row("c", "unanswerable", 0.2),
            _row("d", "unanswerable", 0.6), _row("e", "unanswerable", None, abstained=True)]
    curve = dict((t, (fa, ab)) for t, fa, ab in tradeoff(rows))
    assert curve[0.0] == (0.0, 1 / 3)  # only the question with nothing retrieved abstains
    assert curve[0.5] == (0.5, 2 / 3)
    assert curve[1.0] == (1.0, 1.0)
    assert tradeoff([_row("a", "fact", None)]) == []  # an LLM backend gives no confidences: no curve


def test_the_report_draws_the_trade_off():
    rows = [_row("a", "fact", 0.9), _row("c", "unanswerable", 0.2)]
    html = render_html(rows, summarize(rows), {})
    assert "abstention trade-off" in html and "<polyline" in html


def test_the_threshold_is_the_median_of_resampled_choices():
    sys.path.insert(0, str(ROOT / "eval"))
    from fit_abstention import bagged_threshold, choose_threshold

    rng = np.random.default_rng(1)
    answerable = rng.random(300) < 0.7
    p = np.clip(np.where(answerable, 0.65, 0.35) + rng.normal(0, 0.2, 300), 0, 1)  # overlapping classes
    y = answerable.astype(int)
    single, _ = choose_threshold(p, y, answerable)
    assert bagged_threshold(p, y, answerable, resamples=0) == (single, [])
    median, (low, high) = bagged_threshold(p, y, answerable, resamples=50)
    assert low <= median <= high and low < high  # the resampled choices spread, the median sits inside
    assert abs(median - single) <= 0.1


def _dump(path: Path, informative: bool, seed: int = 0) -> Path:
    """Rows as fit_abstention.py --dump writes them: four question sets, answerable or not; with ``informative``
    the similarity tells them apart, else it is noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for n in range(90):
        answerable = n % 3 != 0
        features = {f: float(rng.normal()) for f in FEATURES}
        if informative:
            features["similarity"] = (1.0 if answerable else -1.0) + 0.3 * float(rng.normal())
        rows.append({"id": f"q{n}", "set": f"set{n % 3 + n // 45}", "type": "fact" if answerable else "unanswerable",
                     "label": int(answerable), "answerable": answerable, "features": features})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_two_refits_are_compared_on_the_same_resampled_questions(tmp_path):
    noise, signal = _dump(tmp_path / "a.jsonl", False), _dump(tmp_path / "b.jsonl", True)

    def compare(a: Path, b: Path) -> str:
        proc = subprocess.run([sys.executable, str(ROOT / "eval" / "compare_abstention.py"), str(a), str(b),
                               "--resamples", "200"], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    same = compare(noise, noise)
    assert "B - A +0.0" in same and "[+0.0, +0.0]" in same and "0 with other features" in same
    better = compare(noise, signal)
    assert "90 with other features" in better and "B better in 100% of resamples" in better
    worse = compare(signal, noise)
    assert "B better in 0% of resamples" in worse
