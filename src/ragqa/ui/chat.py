"""The 질문하기 tab: chat with streamed answers, citation cards, and the cited span in its document."""

from __future__ import annotations

import queue
import tempfile
import threading
from pathlib import Path

from ragqa.config import RETRIEVAL_MODES
from ragqa.ingest.manifest import read_examples
from ragqa.ui import feedback, page_view, render, transcript
from ragqa.ui.documents import indexed_sources, refreshed_choices

def chat_tab(gr, engine, backends: list[str]) -> None:
    """Build the tab inside the current ``gr.Blocks``."""
    cfg = engine.cfg
    examples = read_examples(cfg.paths.corpus_dir)

    def ask(message, history, backend, k, mode, turns, docs=None, threshold=None, log=None):
        history = list(history or [])
        turns = list(turns or [])
        log = list(log or [])  # {"message": its index in the chat, "record": its --json object}: export, verdicts
        message = (message or "").strip()
        if not message:
            history.append({"role": "assistant", "content": "질문을 입력해 주세요. (빈 질문)"})
            yield history, turns, None, gr.update(), "", log
            return
        history.append({"role": "user", "content": render.esc(message)})
        history.append({"role": "assistant", "content": "…"})
        yield history, turns, None, gr.update(), "", log
        tokens: queue.Queue = queue.Queue()
        box: dict = {}

        def work():
            try:
                box["answer"] = engine.ask(message, backend=backend, k=int(k), mode=mode, history=turns[-3:],
                                           on_token=tokens.put, docs=list(docs) if docs else None,
                                           threshold=None if threshold is None else float(threshold))
            except Exception as exc:  # shown to the user, never a stack trace
                box["error"] = str(exc)
            finally:
                tokens.put(None)

        threading.Thread(target=work, daemon=True).start()
        streamed = ""
        while True:
            piece = tokens.get()
            if piece is None:
                break
            streamed += piece
            history[-1] = {"role": "assistant", "content": render.esc(streamed) + " ▌"}
            yield history, turns, None, gr.update(), "", log
        if "error" in box:
            history[-1] = {"role": "assistant", "content": f"⚠️ {render.esc(box['error'])}"}
            yield history, turns, None, gr.update(choices=[], value=None), "", log
            return
        answer = box["answer"]
        history[-1] = {"role": "assistant", "content": render.answer_markdown(answer)}
        turns.append((answer.resolved_question or message, answer.text))
        choices = [f"[{c.n}]" for c in answer.citations]
        try:  # made now: a later change of the corpus cannot move what an exported citation quotes
            log.append({"message": len(history) - 1, "record": engine.record(answer, docs=list(docs) if docs else None)})
        except Exception as exc:  # noqa: BLE001 - the answer is shown all the same; only its export is missing
            history.append({"role": "assistant",
                            "content": f"⚠️ 이 답변은 내보내기와 의견에 담기지 않습니다: {render.esc(str(exc))}"})
        yield history, turns, answer, gr.update(choices=choices, value=None), "", log

    def cards(answer):
        if answer is None:
            return ""
        return render.citation_cards(answer, engine.index.docs, engine.source_text)

    def open_citation(answer, choice):
        hidden = gr.update(value=None, visible=False)
        if answer is None or not choice:
            return "", hidden
        n = int(choice.strip("[]"))
        html = render.context_view(answer, n, engine.index.docs, engine.source_text)
        cite = next((c for c in answer.citations if c.n == n), None)
        info = engine.index.docs.get(cite.chunk.source) if cite is not None else None
        if info is None:
            return html, hidden
        raw = engine.source_text(cite.chunk.source)
        shown = page_view.cited_page(engine.corpus_dir / cite.chunk.source, info.file_sha256,
                                     info.page_of(cite.start), [raw[a:b] for a, b in cite.spans])
        return page_view.with_shown(html, shown, gr)

    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="대화", height=460, elem_id="rq-chat")
            with gr.Row():
                box = gr.Textbox(label="질문", placeholder=f"예: {examples[0]}" if examples else "문서에 대해 질문하세요",
                                 scale=5, elem_id="rq-question")
                send = gr.Button("보내기", variant="primary", scale=1, elem_id="rq-send")
            if examples:  # the corpus's own (examples.json); another corpus's would mislead
                gr.Examples(list(examples), inputs=box, label="예시 질문")
            with gr.Row():
                clear = gr.Button("대화 지우기", size="sm")
                export = gr.Button("대화 내보내기 (Markdown · JSONL)", size="sm", elem_id="rq-export")
            # shown once there is something to download: an empty file box would take the chat's room
            exported = gr.File(label="내보낸 대화", file_count="multiple", interactive=False, visible=False,
                               elem_id="rq-exported")
            scope = gr.Dropdown(indexed_sources(engine), value=[], multiselect=True,
                                label="검색할 문서 (비우면 전체)", elem_id="rq-scope")
            with gr.Accordion("설정", open=False):
                backend = gr.Dropdown(backends, value=cfg.answer.backend, label="답변 백엔드", elem_id="rq-backend")
                k = gr.Slider(1, 10, value=cfg.retrieval.k, step=1, label="검색 문단 수 (top-k)")
                mode = gr.Radio(list(RETRIEVAL_MODES), value=cfg.retrieval.mode, label="검색 방식")
                threshold = gr.Slider(0.0, 1.0, value=round(engine.abstention_threshold(), 2), step=0.01,
                                      label="답변 기준 신뢰도 (낮추면 더 많이 답하고, 높이면 더 자주 '찾을 수 없음')",
                                      elem_id="rq-threshold")
                gr.Textbox(value=cfg.retrieval.reranker or "(없음: 이 환경에서 제공되는 재순위 모델이 없습니다)",
                           label="재순위 모델 (RAGQA_RERANKER)", interactive=False)
        with gr.Column(scale=2):
            gr.Markdown("### 인용 근거")
            cite_html = gr.HTML(elem_id="rq-citations")
            pick = gr.Radio([], label="인용 열기 (문서 맥락 보기)", elem_id="rq-pick")
            context_html = gr.HTML(elem_id="rq-context")
            # a PDF's cited page as printed, the quoted lines marked: a table or a figure is checked at a glance
            page_img = page_view.image(gr, "rq-page")
    answer_state = gr.State(None)
    turns = gr.State([])
    log = gr.State([])
    inputs = [box, chat, backend, k, mode, turns, scope, threshold, log]
    # documents uploaded or removed in the 문서 tab since the page was built appear when the list is opened
    scope.focus(lambda chosen: refreshed_choices(gr, engine, list(chosen or [])), scope, scope)
    outputs = [chat, turns, answer_state, pick, box, log]
    for trigger in (send.click, box.submit):
        trigger(ask, inputs, outputs, concurrency_limit=4).then(cards, answer_state, cite_html)
    pick.change(open_citation, [answer_state, pick], [context_html, page_img])
    def clear_all():
        gone = gr.update(value=None, visible=False)
        return [], [], None, gr.update(choices=[], value=None), "", "", [], gone, gone

    for trigger in (clear.click, chat.clear):  # the button, or the chat's own trash icon: the whole session goes
        trigger(clear_all, None, [chat, turns, answer_state, pick, cite_html, context_html, log, exported, page_img])

    def export_chat(entries):
        if not entries:
            gr.Warning("내보낼 대화가 없습니다. 먼저 질문해 주세요.")
            return gr.update(value=None, visible=False)
        files = transcript.write([e["record"] for e in entries], Path(tempfile.mkdtemp(prefix="ragqa-chat-")))
        return gr.update(value=[str(p) for p in files], visible=True)

    export.click(export_chat, log, exported)

    def judge(entries, evt):
        """👍 / 👎 on an answer: kept with the answer as it was given (ragqa.ui.feedback)."""
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        entry = next((e for e in entries or [] if e["message"] == index), None)
        if entry is None:
            gr.Warning("답변이 아닌 메시지에는 의견을 남기지 않습니다.")
            return
        verdict = feedback.verdict_of(evt.liked)
        try:
            feedback.store(feedback.path_under(cfg.paths.home), entry["record"], verdict)
        except OSError as exc:  # a home the app cannot write to: said, and the chat goes on
            gr.Warning(f"의견을 저장하지 못했습니다: {exc}")
            return
        gr.Info({"like": "좋은 답변으로 기록했습니다.", "dislike": "잘못된 답변으로 기록했습니다. 평가 탭에서 모아 볼 수 있습니다.",
                 "withdrawn": "의견을 거두었습니다."}[verdict])

    judge.__annotations__["evt"] = gr.LikeData  # filled by its type hint (see evaluation.show_row)
    chat.like(judge, log, None)
