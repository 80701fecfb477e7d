"""A citation's span covers every sentence the answer quotes from its passage: the UI highlights that span
when the citation is clicked, so a second quote from the same passage must be inside it too."""

from __future__ import annotations

import pytest

from ragqa.answer.citations import strip_markers

QUESTIONS = [
    "중국과 한국의 AI 반도체 투자는 각각 얼마이며, 일본은 어떤가?",
    "AI 반도체 투자 경쟁에 대해 설명하시오.",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_each_quoted_sentence_lies_in_the_span_its_marker_cites(engine, question):
    a = engine.ask(question)
    assert not a.abstained
    quoted = [s for s in a.sentences if s.supported]
    assert len(quoted) > 1  # several quotes, some from one passage: what the test is about
    cited = {c.n: c for c in a.citations}
    for s in a.sentences:
        if not s.supported:
            continue
        for n in s.citations:
            c = cited[n]
            raw = (engine.cfg.paths.corpus_dir / c.chunk.source).read_text("utf-8")
            assert strip_markers(s.text).strip() in raw[c.start:c.end]
