"""The conversation exported: each question with its answer and the passages it cites, as Markdown a reader pastes
into a memo (every quote with its document, page and section, so it can be checked against the source) and as JSON
Lines, one ``ragqa ask --json`` object a line (:mod:`ragqa.answer.serialize`), for tools.

The records are the answers' JSON objects, made when each answer was given: a later change of the corpus cannot
move what an exported citation quotes.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ragqa.answer.serialize import quotes_of
from ragqa.ingest.blocks import one_line
from ragqa.ui.render import page_label


def _quote(text: str) -> str:
    """A quote on one Markdown line: whitespace collapsed, a leading Markdown sign kept as text."""
    text = one_line(text)
    return "\\" + text if text[:1] in "#>-*+|" else text


def _where(c: dict) -> str:
    parts = [f"`{c.get('source', '')}`"]
    if c.get("page"):
        parts.append(page_label(c.get("source", ""), c["page"]))
    if c.get("section"):
        parts.append(one_line(c["section"]))
    return " · ".join(parts)


def markdown(records: list[dict], when: datetime) -> str:
    """The conversation as Markdown: a section per question, the answer, then each citation's quotes."""
    out = ["# ragqa 대화 기록", "", f"내보낸 시각: {when:%Y-%m-%d %H:%M} · 질문 {len(records)}개", ""]
    for i, r in enumerate(records, start=1):
        out += [f"## {i}. {one_line(r.get('question', ''))}", ""]
        if r.get("resolved_question"):
            out += [f"*앞선 대화를 반영한 질문: {one_line(r['resolved_question'])}*", ""]
        if r.get("docs"):
            out += [f"*검색한 문서: {', '.join(r['docs'])}*", ""]
        answer = r.get("answer", "")
        out += [f"> {line}" if r.get("abstained") else line for line in answer.splitlines()] + [""]
        if r.get("unsupported"):
            out += ["**근거 부족(검증 실패)**: " + "; ".join(one_line(s) for s in r["unsupported"]), ""]
        notes = [f"- 참고: {one_line(note)}" for note in r.get("notes", ()) if note]
        out += notes + ([""] if notes else [])
        meta = [f"백엔드 {r.get('backend', '')}"]
        if r.get("confidence") is not None:
            meta.append(f"신뢰도 {r['confidence']:.2f}")
        out += [f"<sub>{' · '.join(meta)}</sub>", ""]
        if r.get("citations"):
            out += ["**근거**", ""]
            for c in r["citations"]:
                out.append(f"[{c.get('n')}] **{one_line(c.get('title', '') or c.get('source', ''))}** · {_where(c)}")
                quotes = [f"> {_quote(q.get('text', ''))}" for q in quotes_of(c)]
                out += [line for i, q in enumerate(quotes) for line in ([">", q] if i else [q])] + [""]  # apart
    return "\n".join(out).rstrip() + "\n"


def write(records: list[dict], folder: Path, when: datetime | None = None) -> list[Path]:
    """The Markdown and the JSON Lines files of the conversation in ``folder``; their paths."""
    when = when or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"ragqa-chat-{when:%Y%m%d-%H%M%S}"
    md, jsonl = folder / f"{stem}.md", folder / f"{stem}.jsonl"
    md.write_text(markdown(records, when), encoding="utf-8")
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return [md, jsonl]
