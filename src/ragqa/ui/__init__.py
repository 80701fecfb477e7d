"""The Gradio UI: a thin layer over the same engine the CLI uses.

Tabs: 질문하기 (chat with checkable citations), 검색 (what retrieval finds, with its scores), 문서 (documents,
upload, remove), 평가 (batch evaluation, readers' verdicts). Bound to 127.0.0.1 by default;
``RAGQA_AUTH=user:pass`` turns on basic auth for when it is exposed.
"""

from __future__ import annotations

import os
from pathlib import Path

from ragqa.config import Config


def build_ui(engine):
    """The app: a header with the index status, four tabs (one module each), and the HTTP API."""
    import gradio as gr

    from ragqa.answer.checks import AnswerError
    from ragqa.answer.registry import backends
    from ragqa.ui.chat import chat_tab
    from ragqa.ui.documents import documents_tab, status_md
    from ragqa.ui.evaluation import evaluation_tab
    from ragqa.ui.search import search_tab

    def api_ask(question: str, backend: str = "", docs: str = "", threshold: float = -1.0) -> dict:
        """The `ragqa ask --json` object, over HTTP (gradio_client: predict(q, api_name="/ask")). ``docs``: the
        documents to search, one name a line (`--doc`); ``threshold``: the abstention threshold, negative for
        the fitted one (`--threshold`)."""
        from ragqa.engine import UnknownDocument

        try:
            return engine.ask_json(question, backend=backend or None, docs=engine.resolve_docs(docs.splitlines()),
                                   threshold=threshold if threshold >= 0 else None)
        except (AnswerError, UnknownDocument) as exc:
            return {"question": question, "error": str(exc), "answer": "", "abstained": True, "citations": [],
                    "contexts": [], "unsupported": [], "timings_ms": {}}

    def api_index_info() -> dict:
        """Which index this server answers from: `ragqa ask` uses the server only for the same build."""
        return {"index": str(Path(engine.index.path).resolve()), "chunks": len(engine.index.chunks)}

    with gr.Blocks(title="ragqa · 한국어 보고서 질의응답") as demo:
        gr.api(api_ask, api_name="ask", concurrency_limit=4)
        gr.api(api_index_info, api_name="index_info")
        # the corpus is the reader's (the shipped AI-industry reports, or their own finance or law files)
        gr.Markdown("# ragqa · 한국어 보고서 질의응답\n근거 문장을 인용해 답하고, 문서에 없으면 없다고 말합니다.")
        status = gr.Markdown(status_md(engine))
        with gr.Tab("질문하기"):
            chat_tab(gr, engine, backends())
        with gr.Tab("검색"):
            search_tab(gr, engine)
        with gr.Tab("문서"):
            documents_tab(gr, engine, status)
        with gr.Tab("평가"):
            evaluation_tab(gr, engine, backends())
    return demo


def launch(cfg: Config, host: str = "127.0.0.1", port: int = 7860, engine=None) -> None:
    from ragqa.engine import Engine
    from ragqa.ui.render import CSS
    from ragqa.ui.uploads import MAX_UPLOAD_BYTES

    engine = engine or Engine(cfg)
    try:  # load models, the index and the chain before the first question, not during it
        print(f"warmed up in {engine.warm_up():.1f} s")
    except Exception as exc:  # the UI still starts and shows the problem (missing index, model) in its status
        print(f"warning: {exc}")
    auth = None
    if os.environ.get("RAGQA_AUTH"):
        user, _, password = os.environ["RAGQA_AUTH"].partition(":")
        auth = (user, password)
    elif host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {host} without RAGQA_AUTH: anyone who can reach it can use it")
    demo = build_ui(engine)
    demo.queue(default_concurrency_limit=4).launch(server_name=host, server_port=port, auth=auth, css=CSS,
                                                   show_error=True, max_file_size=MAX_UPLOAD_BYTES)
