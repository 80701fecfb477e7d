"""The 평가 tab: run a question set through the engine, see the metrics and every question's result."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from ragqa.answer.serialize import quotes_of
from ragqa.evaluation import review
from ragqa.evaluation.labels import FAILURES, HEADLINE, failure_label, failures
from ragqa.ui import feedback, page_view, render

ALL_TYPES = "전체"
ALL_FAILURES = "모든 결과"
FAILURE_CODES = {ko: code for code, (_, ko) in FAILURES.items()}  # as the result rows name them


def _fmt(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return round(v, 3) if isinstance(v, float) else v


def _failed(r) -> str:
    return failure_label(r.metrics, "ko")


def _row(r) -> list:
    return [r.id, r.type, r.question, r.answer[:200], _failed(r)]


def compared_html(previous: str | None, current: Path) -> str:
    """What moved since the previous run of this session (``ragqa compare``'s pairing), when it asked any of the
    same questions; empty otherwise."""
    from ragqa.evaluation import compare

    if not previous:
        return ""
    try:
        c = compare.compare(Path(previous), current)
    except compare.RunError:
        return ""  # the previous run's temporary folder is gone: nothing to compare with
    if not c.paired:
        return ""
    moved = [(m, a, b) for m, (a, b) in c.metrics["overall"].items() if a != b and a is not None and b is not None]
    lines = "".join(f"<li>{render.esc(m)}: {_fmt(a)} → {_fmt(b)}</li>" for m, a, b in moved)
    items = "".join(f"<li><b>{title}</b> {render.esc(m.id)} [{render.esc(m.type)}] {render.esc(m.question)} "
                    f"<span class='rq-meta'>{render.esc(m.before)} → {render.esc(m.after)}</span></li>"
                    for title, group in (("새로 맞음", c.gained), ("새로 틀림", c.lost)) for m in group)
    test = f" · 부호 검정 p = {c.sign_test_p:.3f}" if c.gained or c.lost else ""
    return (f"<div class='rq-card'><b>이전 실행과 비교</b> <span class='rq-meta'>같은 질문 {c.paired}개 · 새로 맞음 "
            f"{len(c.gained)} · 새로 틀림 {len(c.lost)} · 판정은 같고 답만 바뀜 {len(c.changed)}{test}</span>"
            f"<ul>{lines}{items}</ul></div>")


def evaluation_tab(gr, engine, backends: list[str]) -> None:
    """Build the tab inside the current ``gr.Blocks``."""
    cfg = engine.cfg

    def run_eval(qfile, limit, backend, previous, progress=gr.Progress(track_tqdm=True)):
        from ragqa.evaluation import runner

        nothing = ("", [], [], None, {}, gr.update(), previous, gr.update(), gr.update())
        path = Path(getattr(qfile, "name", qfile)) if qfile else Path(cfg.paths.home) / "eval" / "questions.jsonl"
        try:
            questions, problems = runner.read_questions(path)
        except (OSError, UnicodeDecodeError) as exc:
            return (f"❌ {render.esc(str(exc))}", *nothing[1:])
        if limit:
            questions = questions[: int(limit)]
        try:
            rows, summary = engine.evaluate(questions, backend=backend)
        except runner.QuestionsError as exc:
            return ("❌ " + render.esc(str(exc)).replace("\n", "<br>"), *nothing[1:])
        out = Path(tempfile.mkdtemp(prefix="ragqa-eval-"))
        runner.write(out, rows, summary, {"questions": str(path), "backend": backend, "n": len(rows)})
        metric_rows = [[t, *(_fmt(a.get(m)) for m in HEADLINE)]
                       for t, a in [("overall", summary.overall), *summary.by_type.items()]]
        msg = (f"✅ {len(rows)}문항 평가 완료" + (f" · 건너뛴 줄 {len(problems)}" if problems else "") +
               f" · 보고서: {render.esc(str(out / 'report.html'))}")
        types = [ALL_TYPES, *sorted({r.type for r in rows})]  # the set's own question types
        return (msg, metric_rows, [_row(r) for r in rows],
                [str(out / "results.jsonl"), str(out / "summary.json"), str(out / "report.html")],
                {r.id: r for r in rows}, gr.update(choices=types, value=ALL_TYPES), str(out),
                compared_html(previous, out), gr.update(value=ALL_FAILURES))

    def filter_rows(store, failed_only, qtype, failure=ALL_FAILURES):
        code = FAILURE_CODES.get(failure)  # a failure's Korean name -> its code; None: any result
        return [_row(r) for r in (store or {}).values()
                if (not failed_only or _failed(r) != "ok") and (not qtype or qtype == ALL_TYPES or r.type == qtype)
                and (code is None or code in failures(r.metrics))]

    def show_row(store, evt: gr.SelectData):
        row = evt.row_value if hasattr(evt, "row_value") else None
        r = (store or {}).get(row[0] if row else None)
        closed = ("", gr.update(value=None, visible=False))
        if not r:
            return "", gr.update(choices=[], value=None), None, *closed
        return review.render_html(r, "ko"), gr.update(choices=citation_choices(r), value=None), r.id, *closed

    def citation_choices(r) -> list[str]:
        out = []
        for i, c in enumerate(r.citations):
            info = engine.index.docs.get(c.get("source", ""))
            page = render.page_label(c["source"], c["page"]) if info is not None and c.get("page") else ""
            out.append(" · ".join(x for x in (f"[{c.get('n', i + 1)}]", c.get("source", ""), page) if x))
        return out

    def open_citation(store, qid, choice):
        """A result's citation in its document (and, for a PDF, its page as printed), as the chat opens one."""
        hidden = gr.update(value=None, visible=False)
        r = (store or {}).get(qid)
        if r is None or not choice:
            return "", hidden
        n = int(choice.split("]")[0].strip("["))
        c = next((c for i, c in enumerate(r.citations) if int(c.get("n", i + 1)) == n), None)
        info = engine.index.docs.get(c.get("source", "")) if c else None
        if info is None:
            return '<div class="rq-note">이 인용의 문서가 지금 색인에 없습니다.</div>', hidden
        quotes = quotes_of(c)
        spans = [(int(q["start"]), int(q["end"])) for q in quotes]
        try:
            context = render.context_html(n, info.source, spans, c.get("section", ""), engine.index.docs,
                                          engine.source_text)
        except Exception as exc:  # noqa: BLE001 - a damaged or changed index: said, the tab goes on
            return f'<div class="rq-note">문서를 열 수 없습니다: {render.esc(str(exc))}</div>', hidden
        shown = page_view.cited_page(engine.corpus_dir / info.source, info.file_sha256,
                                     c.get("page") or info.page_of(spans[0][0]), [q.get("text", "") for q in quotes])
        return page_view.with_shown(context, shown, gr)

    # Gradio fills ``evt`` by its type hint, read with typing.get_type_hints; under ``from __future__ import
    # annotations`` the hint is the string "gr.SelectData", which does not resolve here (``gr`` is this function's
    # argument, not the module's), so without the class itself the row click called show_row without it
    show_row.__annotations__["evt"] = gr.SelectData

    gr.Markdown("기본 평가 세트(eval/questions.jsonl) 또는 올린 JSONL로 평가합니다.")
    with gr.Row():
        qfile = gr.File(label="질문 JSONL (선택)", file_types=[".jsonl"], elem_id="rq-eval-file")
        limit = gr.Number(value=0, precision=0, label="문항 수 제한 (0 = 전부)", elem_id="rq-limit")
        ev_backend = gr.Dropdown(backends, value=cfg.answer.backend, label="백엔드")
    ev_btn = gr.Button("평가 실행", variant="primary", elem_id="rq-eval")
    ev_msg = gr.HTML(elem_id="rq-eval-msg")
    ev_table = gr.Dataframe(headers=["유형", *HEADLINE], label="지표", elem_id="rq-metrics")
    ev_diff = gr.HTML(elem_id="rq-eval-diff")  # what moved since the session's last run of the same questions
    last_run = gr.State(None)  # that run's output folder
    with gr.Row():
        failed_only = gr.Checkbox(label="실패만")
        qtype = gr.Dropdown([ALL_TYPES], value=ALL_TYPES, label="유형")
        failure = gr.Dropdown([ALL_FAILURES, *FAILURE_CODES], value=ALL_FAILURES, label="실패 종류",
                              elem_id="rq-failure")
    ev_rows = gr.Dataframe(headers=["id", "유형", "질문", "답변", "결과"], label="문항별 결과", elem_id="rq-rows")
    row_html = gr.HTML(elem_id="rq-row")
    ev_pick = gr.Radio([], label="인용 열기 (문서 맥락 · PDF는 원문 쪽)", elem_id="rq-eval-pick")
    ev_context = gr.HTML(elem_id="rq-eval-context")
    ev_page = page_view.image(gr, "rq-eval-page")
    picked = gr.State(None)  # the id of the result shown
    downloads = gr.File(label="결과 내려받기", file_count="multiple")
    store = gr.State({})
    ev_btn.click(run_eval, [qfile, limit, ev_backend, last_run],
                 [ev_msg, ev_table, ev_rows, downloads, store, qtype, last_run, ev_diff, failure])
    for control in (failed_only, qtype, failure):
        control.change(filter_rows, [store, failed_only, qtype, failure], ev_rows)
    ev_rows.select(show_row, store, [row_html, ev_pick, picked, ev_context, ev_page])
    ev_pick.change(open_citation, [store, picked, ev_pick], [ev_context, ev_page])

    # the chat's 👍 / 👎, gathered: what readers found wrong becomes the start of a question set
    def gather_feedback():
        items = feedback.read(feedback.path_under(cfg.paths.home))
        verdicts = feedback.latest(items)
        if not verdicts:
            return "아직 남긴 의견이 없습니다 (질문하기 탭에서 답변에 👍 / 👎).", [], gr.update(value=None, visible=False)
        likes = sum(v["verdict"] == "like" for v in verdicts)
        drafts = feedback.draft_questions(items)
        out = Path(tempfile.mkdtemp(prefix="ragqa-feedback-"))
        (out / "disliked_questions.jsonl").write_text(
            "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in drafts), encoding="utf-8")
        rows = [[v["time"], "👍" if v["verdict"] == "like" else "👎", v["record"].get("question", ""),
                 v["record"].get("answer", "")[:200]] for v in verdicts]
        msg = (f"답변 {len(verdicts)}개에 의견: 👍 {likes} · 👎 {len(verdicts) - likes}. 👎 답변은 "
               "`disliked_questions.jsonl`에 질문 세트의 초안으로 담겼습니다 (정답을 채워 `ragqa eval`로).")
        files = [str(feedback.path_under(cfg.paths.home)), str(out / "disliked_questions.jsonl")]
        return msg, rows, gr.update(value=files, visible=True)

    gr.Markdown("### 답변 의견")
    fb_btn = gr.Button("의견 모아 보기", elem_id="rq-feedback")
    fb_msg = gr.Markdown(elem_id="rq-feedback-msg")
    fb_rows = gr.Dataframe(headers=["시각", "의견", "질문", "답변"], label="의견을 남긴 답변", elem_id="rq-feedback-rows")
    fb_files = gr.File(label="의견 내려받기", file_count="multiple", visible=False)
    fb_btn.click(gather_feedback, None, [fb_msg, fb_rows, fb_files])
