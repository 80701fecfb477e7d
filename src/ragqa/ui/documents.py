"""The 문서 tab: the indexed documents, uploading and removing files (each followed by an incremental index), and how
one document was read."""

from __future__ import annotations

from pathlib import Path

from ragqa.ui import document_view, render
from ragqa.ui.uploads import ALLOWED, MAX_UPLOAD_BYTES, UploadError, remove_document, store_upload


def docs_table(engine) -> list[list]:
    rows = []
    try:
        for d in engine.index.docs.values():
            pages = f" ({render.page_count(d.source, len(d.pages))})" if d.pages else ""
            rows.append([d.title + pages, d.publisher, d.date, d.source, d.chunks])
        for f in engine.index.manifest.get("files_not_indexed", []):  # said so, never indexed as garbage
            why = "OCR 필요 (needs OCR)" if f.get("needs_ocr") else f.get("reason", "")
            rows.append([f"⚠️ 색인 안 됨: {why}", "", "", f["source"], 0])
    except Exception as exc:  # no index yet: say so in the table
        rows.append([f"(색인 없음: {exc})", "", "", "", 0])
    return rows


def status_md(engine) -> str:
    try:
        m = engine.index.manifest
        return (f"**색인** `{engine.index.path.name}` · 문서 {m['counts']['documents']}개 · 청크 "
                f"{m['counts']['chunks']}개 · 임베딩 `{m['embedding']['model']}` ({m['embedding']['dim']}차원, "
                f"{m['embedding'].get('precision') or '?'}) · 생성 {m.get('built_at', '')}")
    except Exception as exc:
        return f"⚠️ {render.esc(str(exc))}"


def indexed_sources(engine) -> list[str]:
    """The indexed documents' source paths (none before there is an index): the 문서 tab's and the chat's lists."""
    try:
        return sorted(engine.index.docs)
    except Exception:  # no index yet: nothing to choose from
        return []


def refreshed_choices(gr, engine, chosen):
    """A document list's update when it is opened: its choices brought up to date (documents uploaded or removed
    since the page was built); the selection (one document or several) is rewritten only when a chosen document is
    gone (rewriting it always raced a choice the user made while this ran, and undid it)."""
    sources = indexed_sources(engine)
    if not isinstance(chosen, list):  # a single-choice list
        return gr.update(choices=sources) if not chosen or chosen in sources else gr.update(choices=sources, value=None)
    kept = [c for c in chosen if c in sources]
    return gr.update(choices=sources) if kept == chosen else gr.update(choices=sources, value=kept)


def documents_tab(gr, engine, status) -> None:
    """Build the tab inside the current ``gr.Blocks``; ``status`` is the header's index line."""
    corpus = engine.cfg.paths.corpus_dir

    def upload(files, progress=gr.Progress(track_tqdm=True)):
        messages = []
        for f in files or []:
            path = Path(getattr(f, "name", f))
            original = getattr(f, "orig_name", None) or path.name
            try:
                dest = store_upload(path, original, corpus)
                messages.append(f"✅ {render.esc(dest.name)} 저장")
            except UploadError as exc:
                messages.append(f"❌ {render.esc(original)}: {render.esc(str(exc))}")
        if any(m.startswith("✅") for m in messages):
            report = engine.build(progress=True)
            messages.append(f"색인 갱신: 추가 {len(report.added)} · 변경 {len(report.changed)} · 삭제 "
                            f"{len(report.removed)} · 임베딩 {report.embedded}청크 · {report.seconds:.1f}초")
            messages += [f"⚠️ {render.esc(str(w))}" for w in report.warnings]
        return "<br>".join(messages), docs_table(engine), gr.update(choices=indexed_sources(engine)), status_md(engine)

    def remove(source, progress=gr.Progress(track_tqdm=True)):
        if not source:
            return ("삭제하지 않았습니다: 삭제할 문서를 고르고 확인하세요.", docs_table(engine),
                    gr.update(choices=indexed_sources(engine)), status_md(engine))
        try:
            remove_document(source, corpus)
        except UploadError as exc:
            return f"❌ {render.esc(str(exc))}", docs_table(engine), gr.update(choices=indexed_sources(engine)), \
                status_md(engine)
        report = engine.build(progress=True)
        return (f"🗑️ {render.esc(source)} 삭제 · 색인 갱신 {report.seconds:.1f}초", docs_table(engine),
                gr.update(choices=indexed_sources(engine), value=None), status_md(engine))

    docs_df = gr.Dataframe(docs_table(engine), headers=["제목", "발행", "날짜", "파일", "청크"], interactive=False,
                           label="색인된 문서", elem_id="rq-docs")
    kinds = ", ".join(ext.lstrip(".") for ext in ALLOWED)
    files = gr.File(file_count="multiple", label=f"문서 올리기 ({kinds} · 최대 {MAX_UPLOAD_BYTES // 2**20}MB)",
                    file_types=list(ALLOWED), elem_id="rq-upload")
    up_btn = gr.Button("올리고 색인하기", variant="primary", elem_id="rq-upload-btn")
    with gr.Row():
        # value=None: a Dropdown left without one selects its first choice, so 문서 삭제 deleted the first
        # document when none was chosen
        rm_pick = gr.Dropdown(indexed_sources(engine), value=None, label="삭제할 문서", elem_id="rq-rm-pick")
        rm_btn = gr.Button("문서 삭제", variant="stop", elem_id="rq-rm-btn")
    doc_msg = gr.HTML(elem_id="rq-doc-msg")
    up_btn.click(upload, files, [doc_msg, docs_df, rm_pick, status])
    # the file is deleted from the corpus: asked first in the browser (a cancel sends no document)
    rm_btn.click(remove, rm_pick, [doc_msg, docs_df, rm_pick, status],
                 js="(s) => (s && confirm(`${s}: 이 문서를 코퍼스에서 지우고 색인에서 뺄까요?`)) ? s : null")

    def look(source):
        """How the chosen document was read (ragqa.ui.document_view), from the index alone."""
        if not source:
            return ""
        try:
            info = engine.index.docs[source]
            chunks = [c for c in engine.index.chunks if c.source == source]
            return document_view.view(info, chunks, engine.source_text(source))
        except Exception as exc:  # noqa: BLE001 - removed meanwhile, or the index is gone: said, no trace
            return f"⚠️ {render.esc(str(exc))}"

    gr.Markdown("### 문서 살펴보기 (어떻게 읽혔는지)")
    view_pick = gr.Dropdown(indexed_sources(engine), value=None, label="살펴볼 문서", elem_id="rq-view-pick")
    view_html = gr.HTML(elem_id="rq-doc-view")
    view_pick.focus(lambda chosen: refreshed_choices(gr, engine, chosen), view_pick, view_pick)
    view_pick.change(look, view_pick, view_html)
