"""The 검색 tab: what retrieval finds for a query, before any answer: the passages in rank order, each with the
scores that ranked it and the query's terms marked. The place to see why a question was answered from one passage
or refused (the answer reads only these)."""

from __future__ import annotations

from ragqa.config import RETRIEVAL_MODES
from ragqa.ui import render
from ragqa.ui.documents import indexed_sources, refreshed_choices


def search_tab(gr, engine) -> None:
    """Build the tab inside the current ``gr.Blocks``."""
    cfg = engine.cfg

    def run(query, k, mode, docs):
        from ragqa import korean
        from ragqa.answer.checks import clean_question

        try:
            query = clean_question(query)
            result = engine.search(query, k=int(k), mode=mode, docs=list(docs) if docs else None)
        except Exception as exc:  # noqa: BLE001 - an empty query, a document gone, a missing index: said, no trace
            return f"⚠️ {render.esc(str(exc))}", ""
        terms = korean.terms(query) + query.split()
        return (f"{len(result.hits)}개 문단 · {mode} · {result.ms:.0f} ms",
                render.search_cards(result.hits, engine.index.docs, terms))

    with gr.Row():
        query = gr.Textbox(label="검색어 또는 질문", scale=5, elem_id="rq-search-query")
        go = gr.Button("검색", variant="primary", scale=1, elem_id="rq-search-go")
    with gr.Row():
        k = gr.Slider(1, 20, value=max(cfg.retrieval.k, 10), step=1, label="문단 수")
        mode = gr.Radio(list(RETRIEVAL_MODES), value=cfg.retrieval.mode, label="검색 방식")
        scope = gr.Dropdown(indexed_sources(engine), value=[], multiselect=True, label="검색할 문서 (비우면 전체)")
    scope.focus(lambda chosen: refreshed_choices(gr, engine, list(chosen or [])), scope, scope)
    msg = gr.Markdown(elem_id="rq-search-msg")
    hits = gr.HTML(elem_id="rq-search-hits")
    for trigger in (go.click, query.submit):
        trigger(run, [query, k, mode, scope], [msg, hits])
