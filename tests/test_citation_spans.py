"""Each sentence the answer quotes is one of the quotes of the citation its marker names: the UI highlights
a citation's quotes when it is clicked, so a second quote from the same passage is highlighted too, and the
text between two quotes is not."""

from __future__ import annotations

import pytest

from ragqa.answer.citations import strip_markers

QUESTIONS = [
    "중국과 한국의 AI 반도체 투자는 각각 얼마이며, 일본은 어떤가?",
    "AI 반도체 투자 경쟁에 대해 설명하시오.",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_each_quoted_sentence_is_a_quote_of_the_citation_its_marker_names(engine, question):
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
            assert any(strip_markers(s.text).strip() in raw[qs:qe] for qs, qe in c.quotes)
    # every quote holds a quoted sentence: nothing is highlighted that the answer does not say
    for c in a.citations:
        raw = (engine.cfg.paths.corpus_dir / c.chunk.source).read_text("utf-8")
        said = [strip_markers(s.text).strip() for s in a.sentences if s.supported and c.n in s.citations]
        assert all(any(t in raw[qs:qe] for t in said) for qs, qe in c.quotes)
