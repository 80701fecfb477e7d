"""The UI is built from its three tab modules over an engine (no server, no browser)."""


def test_the_ui_builds_with_its_tabs_and_api(engine):
    from ragqa.ui import build_ui

    demo = build_ui(engine)
    config = demo.get_config_file()
    labels = {c.get("props", {}).get("label") for c in config["components"]}
    assert {"질문하기", "검색", "문서", "평가"} <= labels
    api = {d.get("api_name") for d in config["dependencies"]}
    assert {"ask", "index_info"} <= api


def test_evaluation_failures_are_labelled_in_korean_from_the_shared_labels():
    from ragqa.evaluation.records import QuestionResult
    from ragqa.ui.evaluation import _failed

    r = QuestionResult("q", "numeric", "질문", "답", False, {"correct": 0.0, "false_abstention": 0.0})
    assert _failed(r) == "오답"


def test_the_chat_message_says_why_a_question_was_refused_and_how_confident_an_answer_is(engine):
    from ragqa.ui.render import answer_markdown

    refused = engine.ask("일본의 AI 반도체 투자 규모는 얼마인가?")
    assert refused.abstained and refused.confidence is not None
    shown = answer_markdown(refused)
    assert "판단 근거: confidence" in shown and f"신뢰도 {refused.confidence:.2f}" in shown and "낮추면" in shown
    answered = engine.ask("중국의 AI 반도체 투자 규모는 얼마인가?")
    shown = answer_markdown(answered)
    assert not answered.abstained and f"신뢰도 {answered.confidence:.2f}" in shown and "판단 근거" not in shown
    assert "앞선 대화를 반영한 질문" not in shown  # a question that stands alone is shown as asked
    followup = engine.ask("그럼 한국은?", history=[("중국의 AI 반도체 투자 규모는 얼마인가?", answered.text)])
    assert "앞선 대화를 반영한 질문: 한국의 AI 반도체 투자 규모는 얼마인가?" in answer_markdown(followup)


def test_the_chat_offers_the_corpus_own_example_questions_and_no_others(engine):
    import json

    from ragqa.ui import build_ui

    def examples():
        config = build_ui(engine).get_config_file()
        return [c["props"].get("samples") for c in config["components"] if c.get("props", {}).get("label") == "예시 질문"]

    assert examples() == []  # this corpus has no examples.json: no other corpus's questions
    (engine.cfg.paths.corpus_dir / "examples.json").write_text(
        json.dumps({"questions": ["중국의 AI 반도체 투자 규모는?", " ", 3]}, ensure_ascii=False), "utf-8")
    shown = examples()
    assert len(shown) == 1 and [row[0] for row in shown[0]] == ["중국의 AI 반도체 투자 규모는?"]


def test_the_conversation_exports_as_markdown_with_each_quote_and_as_the_json_contract(engine, tmp_path):
    import json
    from datetime import datetime

    from ragqa.ui import transcript

    answered = engine.record(engine.ask("중국의 AI 반도체 투자 규모는 얼마인가?"))
    refused = engine.record(engine.ask("일본의 AI 반도체 투자 규모는 얼마인가?"))
    assert not answered["abstained"] and answered["citations"] and refused["abstained"]
    md, jsonl = transcript.write([answered, refused], tmp_path, datetime(2026, 12, 5, 9, 30))
    assert md.name == "ragqa-chat-20261205-093000.md" and jsonl.suffix == ".jsonl"
    assert [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()] == [answered, refused]
    text = md.read_text("utf-8")
    assert "## 1. 중국의 AI 반도체 투자 규모는 얼마인가?" in text and "## 2. 일본의" in text
    first = answered["citations"][0]
    quote = " ".join(engine.source_text(first["source"])[first["quotes"][0]["start"]:
                                                        first["quotes"][0]["end"]].split())
    assert f"> {quote}" in text and f"`{first['source']}`" in text  # checkable: the quote, where it is
    assert f"> {refused['answer'].splitlines()[0]}" in text  # a refusal is set apart, not stated as an answer
    assert text.index("## 1.") < text.index("[1] **") < text.index("## 2.")


def test_an_exported_quote_stays_on_its_line_and_a_page_is_named_as_its_format_names_it():
    from datetime import datetime

    from ragqa.ui.transcript import markdown

    cite = {"n": 1, "source": "deck.pptx", "title": "브리핑", "page": 3, "section": "투자 현황",
            "quotes": [{"text": "# 민간 투자\n크게 늘었다"}]}
    text = markdown([{"question": "투자는?", "answer": "늘었다 [1]", "abstained": False, "backend": "extractive",
                      "citations": [cite], "confidence": 0.9}], datetime(2026, 1, 1))
    assert "[1] **브리핑** · `deck.pptx` · 슬라이드 3 · 투자 현황" in text
    assert "> \\# 민간 투자 크게 늘었다" in text and "신뢰도 0.90" in text


def test_the_search_tab_shows_each_passage_with_its_scores_and_the_query_terms_marked(engine):
    from ragqa import korean
    from ragqa.ui.render import search_cards, term_spans

    assert term_spans("AI 반도체 투자는 반도체가", ["반도체", "ai", "투자", "x"]) == [(0, 2), (3, 6), (7, 9), (11, 14)]
    assert term_spans("투자", []) == []
    query = "중국의 AI 반도체 투자 규모"
    result = engine.search(query, k=3)
    html = search_cards(result.hits, engine.index.docs, korean.terms(query))
    assert html.count('class="rq-card rq-hit"') == len(result.hits) == 3
    assert '<mark class="rq-hl">반도체</mark>' in html and "30억" in html
    assert "BM25" in html and "의미" in html  # what ranked each passage
    assert "찾은 문단이 없습니다" in search_cards([], engine.index.docs, [])


def test_a_document_view_shows_its_sections_and_the_lines_no_passage_holds(tmp_path, fake_embedder):
    from conftest import one_document_engine

    from ragqa.ui.document_view import left_out, sections, view

    text = ("목 차\n1. 투자 현황\t1\n2. 전망\t3\n\n# 1. 투자 현황\n\n중국의 AI 반도체 투자는 30억 달러로 집계됐다. "
            "한국은 15억 달러였다.\n\n# 2. 전망\n\n<script>x()</script> 내년 투자는 더 늘어날 것으로 보인다.\n")
    eng = one_document_engine(tmp_path, fake_embedder, "brief.md", text)
    chunks = [c for c in eng.index.chunks if c.source == "brief.md"]
    dropped, share = left_out(eng.source_text("brief.md"), chunks)
    assert dropped == ["목 차", "1. 투자 현황\t1", "2. 전망\t3"]  # the contents page; not the sections' titles
    assert 0.5 < share < 1.0
    assert [s.name for s in sections(chunks)] == ["1. 투자 현황", "2. 전망"]
    html = view(eng.index.docs["brief.md"], chunks, eng.source_text("brief.md"))
    assert "문단에서 뺀 줄 3개" in html and "30억 달러" in html and "<script>" not in html
