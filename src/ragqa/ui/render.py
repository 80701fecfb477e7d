"""HTML for the UI: answers, citation cards, a passage in its document context.

Everything that comes from a document or a user is escaped: a document's HTML or script
is shown as text and never runs.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ragqa.types import Answer

CSS = """
.rq-card{border:1px solid #d0d7de;border-radius:8px;padding:8px 10px;margin:6px 0;background:#fff}
.rq-card h4{margin:0 0 4px 0;font-size:14px}
.rq-meta{color:#57606a;font-size:12px}
.rq-ok{color:#17803d}.rq-bad{color:#c0392b}
.rq-passage{white-space:pre-wrap;font-size:13px;line-height:1.5;margin-top:6px}
mark.rq-hl{background:#ffe58f;padding:0 1px}
.rq-abstain{border-left:4px solid #8c959f;padding:6px 10px;color:#57606a;background:#f6f8fa}
.rq-unsupported{border-left:4px solid #cf222e;padding:4px 8px;background:#fff0f0;font-size:13px}
.rq-context{white-space:pre-wrap;font-size:13px;line-height:1.6;max-height:420px;overflow:auto;
            border:1px solid #d0d7de;padding:10px;border-radius:8px;background:#fafafa}
.rq-note{color:#9a6700;font-size:12px}
"""


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def answer_markdown(answer: Answer) -> str:
    """The chat message: the answer (escaped), unsupported sentences flagged, notes."""
    if answer.abstained:
        body = f"🔍 *{esc(answer.text)}*"
    else:
        body = esc(answer.text).replace("\n", "  \n")
    if answer.resolved_question and answer.resolved_question != answer.question:  # a follow-up, as it was read
        body = f"<sub>↪ 앞선 대화를 반영한 질문: {esc(answer.resolved_question)}</sub>\n\n" + body
    if answer.unsupported:
        flagged = "; ".join(esc(s) for s in answer.unsupported)
        body += f"\n\n⚠️ **근거 부족(검증 실패)**: {flagged}"
    for note in answer.notes:
        if note.startswith("abstained:"):  # why: what lowered the confidence, so a reader can ask otherwise
            body += f"\n\n> 🔎 판단 근거: {esc(note.removeprefix('abstained:').strip())}"
        else:
            body += f"\n\n> ℹ️ {esc(note)}"
    if answer.confidence is not None:
        body += f"\n\n<sub>신뢰도 {answer.confidence:.2f}" + \
            (" · 설정의 '답변 기준 신뢰도'를 낮추면 가장 가까운 문장으로 답합니다" if answer.abstained else "") + "</sub>"
    return body


def citation_cards(answer: Answer, docs: dict, source_text) -> str:
    """One card per cited passage: title, publisher, date, section, the passage with the
    cited span highlighted."""
    if answer.abstained or not answer.citations:
        return '<div class="rq-abstain">인용된 근거가 없습니다.</div>'
    parts = []
    for c in answer.citations:
        chunk = c.chunk
        info = docs.get(chunk.source)
        raw = source_text(chunk.source)
        meta = " · ".join(x for x in (info.publisher if info else "", info.date if info else "", chunk.section) if x)
        parts.append(
            f'<div class="rq-card" id="cite-{c.n}"><h4>[{c.n}] {esc(info.title if info else chunk.source)}</h4>'
            f'<div class="rq-meta">{esc(meta)} · {esc(chunk.source)}{_page(info, c.start, " · ")} '
            f'{", ".join(f"{a}–{b}" for a, b in c.spans)}</div>'
            f'<div class="rq-passage">{_marked(raw, chunk.start, chunk.end, c.spans)}</div></div>')
    return "".join(parts)


def _marked(raw: str, a: int, b: int, spans, first_id: str = "") -> str:
    """``raw[a:b]`` escaped, each quoted span in it highlighted (the first with ``id=first_id``); the text
    between two quotes from one passage stays plain: the answer does not rest on it."""
    out, at = [], a
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, b)
        if start >= end:
            continue
        ident = f' id="{first_id}"' if first_id and not out else ""
        out.append(f'{esc(raw[at:start])}<mark class="rq-hl"{ident}>{esc(raw[start:end])}</mark>')
        at = end
    return "".join(out) + esc(raw[at:b])


# what a paged format calls its pages (a PDF's are pages)
PAGE_NAMES = {".pptx": ("슬라이드 ", "장"), ".xlsx": ("시트 ", "개 시트")}


def page_label(source: str, page: int) -> str:
    """``p. N``, or a slide's or sheet's number (``슬라이드 N``) for the formats whose pages those are."""
    name = PAGE_NAMES.get(Path(source).suffix.lower())
    return f"{name[0]}{page}" if name else f"p. {page}"


def page_count(source: str, n: int) -> str:
    """``N쪽``, or ``N장`` of slides, ``N개 시트`` of a workbook."""
    name = PAGE_NAMES.get(Path(source).suffix.lower())
    return f"{n}{name[1]}" if name else f"{n}쪽"


def _page(info, offset: int, before: str = "", after: str = "") -> str:
    """'p. N' (with ``before``/``after`` around it) for a paged document, else ''."""
    page = info.page_of(offset) if info is not None else None
    return f"{before}{page_label(info.source, page)}{after}" if page else ""


def context_view(answer: Answer, n: int, docs: dict, source_text, margin: int = 700) -> str:
    """The cited passage in its document: surrounding text, the span highlighted, where it is."""
    cite = next((c for c in answer.citations if c.n == n), None)
    if cite is None:
        return ""
    return context_html(n, cite.chunk.source, cite.spans, cite.chunk.section, docs, source_text, margin)


def context_html(n: int, source: str, spans, section: str, docs: dict, source_text, margin: int = 700) -> str:
    """Quoted ``spans`` (offsets into ``source``'s text) in their document: the text around them, each quote
    highlighted, the section, page and place in the document."""
    raw = source_text(source)
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    # less before than after: the highlighted span must be in view when the panel opens
    a, b = max(0, start - margin // 3), min(len(raw), end + margin)
    info = docs.get(source)
    where = f"{start:,}–{end:,}자 / 전체 {len(raw):,}자 ({100 * start / max(1, len(raw)):.0f}% 지점)"
    section = esc(section) + " · " if section else ""
    page = _page(info, start, after=" · ")
    return (f'<div class="rq-meta"><b>[{n}] {esc(info.title if info else source)}</b> · '
            f'{section}{page}{where}</div>'
            f'<div class="rq-context">{"…" if a > 0 else ""}{_marked(raw, a, b, spans, "rq-span")}'
            f'{"…" if b < len(raw) else ""}</div>')


def term_spans(text: str, terms) -> list[tuple[int, int]]:
    """Where the query's terms (two characters or more, case ignored) occur in ``text``, overlaps merged."""
    words = sorted({t for t in terms if len(t) >= 2}, key=len, reverse=True)
    if not words:
        return []
    spans: list[tuple[int, int]] = []
    for m in re.finditer("|".join(re.escape(w) for w in words), text, re.I):
        if spans and m.start() <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], m.end()))
        else:
            spans.append((m.start(), m.end()))
    return spans


SCORE_NAMES = {"dense": "의미", "bm25": "BM25", "rrf": "융합", "focus": "문장 초점", "rerank": "재순위"}


def search_cards(hits, docs: dict, terms) -> str:
    """One card per retrieved passage, in rank order: where it is, its scores by retriever (what ranked it), and
    its text with the query's terms marked."""
    if not hits:
        return '<div class="rq-abstain">찾은 문단이 없습니다.</div>'
    parts = []
    for h in hits:
        chunk = h.chunk
        info = docs.get(chunk.source)
        scores = " · ".join(f"{SCORE_NAMES.get(k, k)} {v:.3f}" for k, v in h.scores.items())
        section = f" · {esc(chunk.section)}" if chunk.section else ""
        text = chunk.text
        parts.append(
            f'<div class="rq-card rq-hit"><h4>{h.rank}. {esc(info.title if info else chunk.source)}</h4>'
            f'<div class="rq-meta">{esc(chunk.source)}{_page(info, chunk.start, " · ")}{section} · '
            f'{chunk.start:,}–{chunk.end:,}자 · 점수 {h.score:.4f}{f" ({esc(scores)})" if scores else ""}</div>'
            f'<div class="rq-passage">{_marked(text, 0, len(text), term_spans(text, terms))}</div></div>')
    return "".join(parts)
