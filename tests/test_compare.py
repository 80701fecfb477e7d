"""Two eval runs side by side: the questions a change gained and lost, and the metrics they moved."""

import json

import pytest

from ragqa import cli
from ragqa.evaluation import compare, runner
from ragqa.evaluation.records import QuestionResult


def _row(qid, qtype, answer, correct, abstained=False):
    m = {"answer_chars": len(answer), "false_abstention": float(abstained)} if qtype != "unanswerable" else \
        {"answer_chars": len(answer), "abstention_accuracy": float(abstained)}
    if qtype != "unanswerable":
        m.update(correct=float(correct), correct_concise=float(correct))
    return QuestionResult(qid, qtype, f"질문 {qid}", answer, abstained, m)


def _write(folder, rows):
    runner.write(folder, rows, runner.summarize(rows), {})
    return folder


def test_compare_pairs_questions_and_says_what_moved(tmp_path):
    before = _write(tmp_path / "a", [_row("1", "numeric", "30억 달러", True), _row("2", "numeric", "", False, True),
                                     _row("3", "fact", "틀린 답", False), _row("4", "unanswerable", "", False, True),
                                     _row("5", "fact", "같은 답", True)])
    after = _write(tmp_path / "b", [_row("1", "numeric", "30억 달러이다", True), _row("2", "numeric", "15억", True),
                                    _row("3", "fact", "또 틀린 답", False), _row("4", "unanswerable", "답함", False),
                                    _row("5", "fact", "같은 답", True), _row("6", "fact", "새 질문", True)])
    c = compare.compare(before, after)
    assert c.paired == 5 and c.only_after == ["6"] and c.only_before == []
    assert [m.id for m in c.gained] == ["2"] and c.gained[0].before == "false abstention" and c.gained[0].after == "ok"
    assert [m.id for m in c.lost] == ["4"] and c.lost[0].after == "should abstain"
    assert sorted(m.id for m in c.changed) == ["1", "3"]  # another answer, the same verdict; 5 did not move
    assert c.metrics["overall"]["correct"] == (0.5, 0.8)  # the answerable questions of each run
    assert c.metrics["unanswerable"]["abstention_accuracy"] == (1.0, 0.0)
    assert c.sign_test_p == 1.0  # one gained, one lost: no evidence either way
    text = compare.render_text(c)
    assert "1 now pass, 1 now fail" in text and "correct" in text and "+0.300" in text


def test_sign_test_is_the_exact_binomial_tail():
    moved = compare.Moved("x", "fact", "q", "incorrect", "ok", "", "")
    c = compare.Comparison("a", "b", {"overall": {}}, 10, gained=[moved] * 6)
    assert c.sign_test_p == pytest.approx(2 / 2 ** 6)  # six of six one way: 2 * 0.5^6
    c = compare.Comparison("a", "b", {"overall": {}}, 10, gained=[moved] * 5, lost=[moved])
    assert c.sign_test_p == pytest.approx(2 * (1 + 6) / 2 ** 6)


def test_compare_cli_prints_json_and_refuses_a_folder_that_is_no_run(tmp_path, capsys):
    rows = [_row("1", "numeric", "30억", True)]
    a, b = _write(tmp_path / "a", rows), _write(tmp_path / "b", rows)
    assert cli.main(["compare", str(a), str(b), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["paired"] == 1 and out["gained"] == [] and out["sign_test_p"] == 1.0
    (tmp_path / "empty").mkdir()
    assert cli.main(["compare", str(a), str(tmp_path / "empty")]) == cli.EXIT_USAGE
    assert "not a ragqa eval output" in capsys.readouterr().err


def test_the_evaluation_tab_says_what_moved_since_its_last_run(tmp_path):
    from ragqa.ui.evaluation import compared_html

    before = _write(tmp_path / "a", [_row("1", "numeric", "", False, True), _row("2", "fact", "답", True)])
    after = _write(tmp_path / "b", [_row("1", "numeric", "15억", True), _row("2", "fact", "답", True)])
    shown = compared_html(str(before), after)
    assert "같은 질문 2개 · 새로 맞음 1 · 새로 틀림 0" in shown and "false abstention → ok" in shown
    assert "correct: 0.5 → 1.0" in shown
    assert compared_html(None, after) == ""  # the session's first run
    assert compared_html(str(tmp_path / "gone"), after) == ""  # a previous folder since removed
    other = _write(tmp_path / "c", [_row("9", "fact", "답", True)])
    assert compared_html(str(other), after) == ""  # another question set: nothing in common
