"""The Gradio UI: a thin layer over the same engine the CLI uses.

Tabs: 질문하기 (chat with checkable citations), 문서 (documents, upload, remove), 평가
(batch evaluation). Bound to 127.0.0.1 by default; ``RAGQA_AUTH=user:pass`` turns on
basic auth for when it is exposed.
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
from pathlib import Path

from ragqa.config import RETRIEVAL_MODES, Config
from ragqa.evaluation.labels import failure_label


def build_ui(engine):
    import gradio as gr

    from ragqa.answer.chain import AnswerError, backends
    from ragqa.ui import render
    from ragqa.ui.uploads import ALLOWED, UploadError, remove_document, store_upload

    cfg = engine.cfg
    examples = ["한국의 AI 민간 투자 규모는 얼마인가?", "2024년에 출시된 초거대 AI 모델은 몇 개인가?",
                "SK 하이닉스의 HBM 전략은?", "그럼 중국은?", "Which Korean model was selected as a notable AI model?"]

    def docs_table():
        rows = []
        try:
            for d in engine.index.docs.values():
                rows.append([d.title, d.publisher, d.date, d.source, d.chunks])
        except Exception as exc:  # no index yet: say so in the table
            rows.append([f"(색인 없음: {exc})", "", "", "", 0])
        return rows

    def status_md():
        try:
            m = engine.index.manifest
            return (f"**색인** `{engine.index.path.name}` · 문서 {m['counts']['documents']}개 · 청크 "
                    f"{m['counts']['chunks']}개 · 임베딩 `{m['embedding']['model']}` ({m['embedding']['dim']}차원)"
                    f" · 생성 {m.get('built_at', '')}")
        except Exception as exc:
            return f"⚠️ {render.esc(str(exc))}"

    # -- chat ------------------------------------------------------------------------------
    def ask(message, history, backend, k, mode, turns):
        history = list(history or [])
        turns = list(turns or [])
        message = (message or "").strip()
        if not message:
            history.append({"role": "assistant", "content": "질문을 입력해 주세요. (빈 질문)"})
            yield history, turns, None, gr.update(), ""
            return
        history.append({"role": "user", "content": render.esc(message)})
        history.append({"role": "assistant", "content": "…"})
        yield history, turns, None, gr.update(), ""
        tokens: queue.Queue = queue.Queue()
        box: dict = {}

        def work():
            try:
                box["answer"] = engine.ask(message, backend=backend, k=int(k), mode=mode, history=turns[-3:],
                                           on_token=tokens.put)
            except (AnswerError, Exception) as exc:  # shown to the user, never a stack trace
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
            yield history, turns, None, gr.update(), ""
        if "error" in box:
            history[-1] = {"role": "assistant", "content": f"⚠️ {render.esc(box['error'])}"}
            yield history, turns, None, gr.update(choices=[], value=None), ""
            return
        answer = box["answer"]
        history[-1] = {"role": "assistant", "content": render.answer_markdown(answer)}
        turns.append((answer.resolved_question or message, answer.text))
        choices = [f"[{c.n}]" for c in answer.citations]
        yield history, turns, answer, gr.update(choices=choices, value=None), ""

    def cards(answer):
        if answer is None:
            return ""
        return render.citation_cards(answer, engine.index.docs, engine.source_text)

    def open_citation(answer, choice):
        if answer is None or not choice:
            return ""
        return render.context_view(answer, int(choice.strip("[]")), engine.index.docs, engine.source_text)

    # -- documents -------------------------------------------------------------------------
    def upload(files, progress=gr.Progress(track_tqdm=True)):
        messages = []
        for f in files or []:
            path = Path(getattr(f, "name", f))
            original = getattr(f, "orig_name", None) or path.name
            try:
                dest = store_upload(path, original, cfg.paths.corpus_dir)
                messages.append(f"✅ {render.esc(dest.name)} 저장")
            except UploadError as exc:
                messages.append(f"❌ {render.esc(original)}: {render.esc(str(exc))}")
        if any(m.startswith("✅") for m in messages):
            report = engine.build(progress=True)
            messages.append(f"색인 갱신: 추가 {len(report.added)} · 변경 {len(report.changed)} · 삭제 "
                            f"{len(report.removed)} · 임베딩 {report.embedded}청크 · {report.seconds:.1f}초")
            messages += [f"⚠️ {render.esc(w)}" for w in report.warnings]
        return "<br>".join(messages), docs_table(), gr.update(choices=sources()), status_md()

    def sources():
        try:
            return sorted(engine.index.docs)
        except Exception:
            return []

    def remove(source, progress=gr.Progress(track_tqdm=True)):
        if not source:
            return "삭제할 문서를 고르세요.", docs_table(), gr.update(choices=sources()), status_md()
        try:
            remove_document(source, cfg.paths.corpus_dir)
        except UploadError as exc:
            return f"❌ {render.esc(str(exc))}", docs_table(), gr.update(choices=sources()), status_md()
        report = engine.build(progress=True)
        return (f"🗑️ {render.esc(source)} 삭제 · 색인 갱신 {report.seconds:.1f}초", docs_table(),
                gr.update(choices=sources(), value=None), status_md())

    # -- evaluation --------------------------------------------------------------------------
    def run_eval(qfile, limit, backend, progress=gr.Progress(track_tqdm=True)):
        from ragqa.evaluation import runner

        path = Path(getattr(qfile, "name", qfile)) if qfile else Path(cfg.paths.home) / "eval" / "questions.jsonl"
        try:
            questions, problems = runner.read_questions(path)
        except (OSError, UnicodeDecodeError) as exc:
            return f"❌ {render.esc(str(exc))}", [], [], None, {}
        if limit:
            questions = questions[: int(limit)]
        try:
            rows, summary = engine.evaluate(questions, backend=backend)
        except runner.QuestionsError as exc:
            return "❌ " + render.esc(str(exc)).replace("\n", "<br>"), [], [], None, {}
        out = Path(tempfile.mkdtemp(prefix="ragqa-eval-"))
        runner.write(out, rows, summary, {"questions": str(path), "backend": backend, "n": len(rows)})
        metric_rows = [[t, *(_fmt(a.get(m)) for m in runner.HEADLINE)]
                       for t, a in [("overall", summary.overall), *summary.by_type.items()]]
        q_rows = [[r.id, r.type, r.question, r.answer[:200], _failed(r)] for r in rows]
        msg = (f"✅ {len(rows)}문항 평가 완료" + (f" · 건너뛴 줄 {len(problems)}" if problems else "") +
               f" · 보고서: {render.esc(str(out / 'report.html'))}")
        return msg, metric_rows, q_rows, [str(out / "results.jsonl"), str(out / "summary.json"),
                                         str(out / "report.html")], {r.id: r for r in rows}

    def filter_rows(store, failed_only, qtype):
        return [[r.id, r.type, r.question, r.answer[:200], _failed(r)] for r in (store or {}).values()
                if (not failed_only or _failed(r) != "ok") and (not qtype or qtype == "전체" or r.type == qtype)]

    def show_row(store, evt: gr.SelectData):
        row = evt.row_value if hasattr(evt, "row_value") else None
        rid = row[0] if row else None
        r = (store or {}).get(rid)
        if not r:
            return ""
        cites = "".join(f'<div class="rq-card"><b>[{c["n"]}] {render.esc(c.get("title", ""))}</b> '
                        f'<span class="rq-meta">{render.esc(c.get("source", ""))} {c.get("start")}–{c.get("end")}</span>'
                        f'<div class="rq-passage">{render.esc(c.get("text", ""))}</div></div>'
                        for c in r.citations)
        return (f"<b>{render.esc(r['question'])}</b><br>{render.esc(r['answer'])}<br>"
                f'<div class="rq-meta">정답: {render.esc(r.gold_answer)} · {_failed(r)}</div>{cites}')

    def api_ask(question: str, backend: str = "") -> dict:
        """The `ragqa ask --json` object, over HTTP (gradio_client: predict(q, api_name="/ask"))."""
        try:
            return engine.ask_json(question, backend=backend or None)
        except AnswerError as exc:
            return {"question": question, "error": str(exc), "answer": "", "abstained": True, "citations": [],
                    "contexts": [], "unsupported": [], "timings_ms": {}}

    def api_index_info() -> dict:
        """Which index this server answers from: `ragqa ask` uses the server only for the same build."""
        return {"index": str(Path(engine.index.path).resolve()), "chunks": len(engine.index.chunks)}

    with gr.Blocks(title="ragqa · 한국어 보고서 질의응답") as demo:
        gr.api(api_ask, api_name="ask", concurrency_limit=4)
        gr.api(api_index_info, api_name="index_info")
        gr.Markdown("# ragqa · 한국어 AI 산업 보고서 질의응답\n근거 문장을 인용해 답하고, 문서에 없으면 없다고 말합니다.")
        status = gr.Markdown(status_md())
        with gr.Tab("질문하기"):
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(label="대화", height=460, elem_id="rq-chat")
                    with gr.Row():
                        box = gr.Textbox(label="질문", placeholder="예: 한국의 AI 민간 투자 규모는?", scale=5,
                                         elem_id="rq-question")
                        send = gr.Button("보내기", variant="primary", scale=1, elem_id="rq-send")
                    gr.Examples(examples, inputs=box, label="예시 질문")
                    clear = gr.Button("대화 지우기")
                    with gr.Accordion("설정", open=False):
                        backend = gr.Dropdown(backends(), value=cfg.answer.backend, label="답변 백엔드",
                                              elem_id="rq-backend")
                        k = gr.Slider(1, 10, value=cfg.retrieval.k, step=1, label="검색 문단 수 (top-k)")
                        mode = gr.Radio(list(RETRIEVAL_MODES), value=cfg.retrieval.mode, label="검색 방식")
                        gr.Textbox(value=cfg.retrieval.reranker or "(없음: 이 환경에서 제공되는 재순위 모델이 없습니다)",
                                   label="재순위 모델 (RAGQA_RERANKER)", interactive=False)
                with gr.Column(scale=2):
                    gr.Markdown("### 인용 근거")
                    cite_html = gr.HTML(elem_id="rq-citations")
                    pick = gr.Radio([], label="인용 열기 (문서 맥락 보기)", elem_id="rq-pick")
                    context_html = gr.HTML(elem_id="rq-context")
            answer_state = gr.State(None)
            turns = gr.State([])
            inputs = [box, chat, backend, k, mode, turns]
            outputs = [chat, turns, answer_state, pick, box]
            for trigger in (send.click, box.submit):
                trigger(ask, inputs, outputs, concurrency_limit=4).then(cards, answer_state, cite_html)
            pick.change(open_citation, [answer_state, pick], context_html)
            clear.click(lambda: ([], [], None, gr.update(choices=[], value=None), "", ""), None,
                        [chat, turns, answer_state, pick, cite_html, context_html])
        with gr.Tab("문서"):
            docs_df = gr.Dataframe(docs_table(), headers=["제목", "발행", "날짜", "파일", "청크"], interactive=False,
                                   label="색인된 문서", elem_id="rq-docs")
            files = gr.File(file_count="multiple", label="문서 올리기 (txt, md, html, pdf, docx · 최대 20MB)",
                            file_types=list(ALLOWED), elem_id="rq-upload")
            up_btn = gr.Button("올리고 색인하기", variant="primary", elem_id="rq-upload-btn")
            with gr.Row():
                rm_pick = gr.Dropdown(sources(), label="삭제할 문서")
                rm_btn = gr.Button("문서 삭제", variant="stop")
            doc_msg = gr.HTML(elem_id="rq-doc-msg")
            up_btn.click(upload, files, [doc_msg, docs_df, rm_pick, status])
            rm_btn.click(remove, rm_pick, [doc_msg, docs_df, rm_pick, status])
        with gr.Tab("평가"):
            gr.Markdown("기본 평가 세트(eval/questions.jsonl) 또는 올린 JSONL로 평가합니다.")
            with gr.Row():
                qfile = gr.File(label="질문 JSONL (선택)", file_types=[".jsonl"])
                limit = gr.Number(value=0, precision=0, label="문항 수 제한 (0 = 전부)", elem_id="rq-limit")
                ev_backend = gr.Dropdown(backends(), value=cfg.answer.backend, label="백엔드")
            ev_btn = gr.Button("평가 실행", variant="primary", elem_id="rq-eval")
            ev_msg = gr.HTML(elem_id="rq-eval-msg")
            from ragqa.evaluation.runner import HEADLINE

            ev_table = gr.Dataframe(headers=["유형", *HEADLINE], label="지표", elem_id="rq-metrics")
            with gr.Row():
                failed_only = gr.Checkbox(label="실패만")
                qtype = gr.Dropdown(["전체", "fact", "numeric", "table", "multi", "conflict", "english",
                                     "unanswerable"], value="전체", label="유형")
            ev_rows = gr.Dataframe(headers=["id", "유형", "질문", "답변", "결과"], label="문항별 결과",
                                   elem_id="rq-rows")
            row_html = gr.HTML()
            downloads = gr.File(label="결과 내려받기", file_count="multiple")
            store = gr.State({})
            ev_btn.click(run_eval, [qfile, limit, ev_backend], [ev_msg, ev_table, ev_rows, downloads, store])
            failed_only.change(filter_rows, [store, failed_only, qtype], ev_rows)
            qtype.change(filter_rows, [store, failed_only, qtype], ev_rows)
            ev_rows.select(show_row, store, row_html)
    return demo


def _fmt(v):
    import math

    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return round(v, 3) if isinstance(v, float) else v


def _failed(r) -> str:
    return failure_label(r.metrics, "ko")


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
