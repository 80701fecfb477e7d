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
