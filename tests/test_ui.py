"""The UI is built from its three tab modules over an engine (no server, no browser)."""


def test_the_ui_builds_with_its_tabs_and_api(engine):
    from ragqa.ui import build_ui

    demo = build_ui(engine)
    config = demo.get_config_file()
    labels = {c.get("props", {}).get("label") for c in config["components"]}
    assert {"질문하기", "문서", "평가"} <= labels
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
