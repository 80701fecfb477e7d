"""Readers' verdicts on answers (ragqa.ui.feedback): kept with the answer, the latest one counting."""

from __future__ import annotations

import json
from datetime import datetime

from ragqa.ui import feedback


def _record(question: str, answer: str) -> dict:
    return {"question": question, "answer": answer, "abstained": False,
            "citations": [{"n": 1, "source": "a.pdf", "page": 3, "text": "근거 문장"}]}


def test_a_reader_may_change_their_mind_and_only_dislikes_become_draft_questions(tmp_path):
    path = feedback.path_under(tmp_path)
    a, b, c = _record("질문 A", "답 A"), _record("질문 B", "답 B"), _record("질문 C", "답 C")
    feedback.store(path, a, feedback.verdict_of(True), datetime(2026, 12, 5, 9, 0))
    feedback.store(path, b, feedback.verdict_of(False), datetime(2026, 12, 5, 9, 1))
    feedback.store(path, a, feedback.verdict_of(False), datetime(2026, 12, 5, 9, 2))  # A: liked, then disliked
    feedback.store(path, c, feedback.verdict_of(False), datetime(2026, 12, 5, 9, 3))
    feedback.store(path, c, feedback.verdict_of(None), datetime(2026, 12, 5, 9, 4))  # C: taken back
    with path.open("a", encoding="utf-8") as f:
        f.write("{not json\n")  # a damaged line loses nothing else
    items = feedback.read(path)
    assert len(items) == 5 and items[0]["record"] == a and items[0]["time"] == "2026-12-05T09:00:00"
    assert [(v["record"]["question"], v["verdict"]) for v in feedback.latest(items)] == [("질문 B", "dislike"),
                                                                                       ("질문 A", "dislike")]
    drafts = feedback.draft_questions(items)
    assert [d["question"] for d in drafts] == ["질문 B", "질문 A"] and drafts[0]["id"] == "fb001"
    assert drafts[0]["given_answer"] == "답 B" and drafts[0]["given_citations"][0]["page"] == 3
    from ragqa.evaluation.runner import read_questions

    out = tmp_path / "drafts.jsonl"
    out.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in drafts), "utf-8")
    questions, problems = read_questions(out)  # the draft is a question set ragqa eval reads as it is
    assert problems == [] and [q.question for q in questions] == ["질문 B", "질문 A"]


def test_no_file_is_no_feedback(tmp_path):
    assert feedback.read(feedback.path_under(tmp_path)) == [] and feedback.draft_questions([]) == []
