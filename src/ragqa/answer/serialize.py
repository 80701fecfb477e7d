"""The ``--json`` contract of ``ragqa ask``: a stable shape other tools read.

``{"id", "question", "answer", "abstained", "backend", "citations": [P], "contexts": [P],
"unsupported": [sentence], "timings_ms": {"retrieve", "answer", "total"}, "confidence"}`` with each P
``{"n", "source", "title", "start", "end", "text", "score", "section", "page"}``: ``source`` relative to
the corpus root; ``text == file_text[start:end]`` where ``file_text`` is the document's source text
(for a citation, the cited span within the passage); ``page`` is the 1-based page where the span
starts, for paged formats (PDF), else null. A citation's P also has ``"quotes": [{"start", "end", "text"}]``:
each sentence the answer rests on in that passage, in source order, ``text == file_text[start:end]``; the
citation's ``start``/``end`` run from the first quote's start to the last one's end. ``confidence`` is the extractive
answerer's probability that its answer is correct (the abstention model; null for an LLM backend):
it is given for abstentions too, so a caller may apply a threshold of its own.
"""

from __future__ import annotations

from typing import Callable

from ragqa.types import Answer, Citation


def to_json(answer: Answer, source_text: Callable[[str], str], title_of: Callable[[str], str], qid=None,
            page_of: Callable[[str, int], int | None] | None = None) -> dict:
    def passage(n: int, chunk, start: int, end: int, score: float) -> dict:
        text = source_text(chunk.source)[start:end]
        page = page_of(chunk.source, start) if page_of is not None else chunk.page
        return {"n": n, "source": chunk.source, "title": title_of(chunk.source), "start": start, "end": end,
                "text": text, "score": round(float(score), 6), "section": chunk.section, "page": page}

    def quotes(c: Citation) -> list[dict]:
        text = source_text(c.chunk.source)
        return [{"start": a, "end": b, "text": text[a:b]} for a, b in c.spans]

    out = {
        "id": qid,
        "question": answer.question,
        "answer": answer.text,
        "abstained": answer.abstained,
        "backend": answer.backend,
        "citations": [passage(c.n, c.chunk, c.start, c.end, c.score) | {"quotes": quotes(c)}
                      for c in answer.citations],
        "contexts": [passage(i, h.chunk, h.chunk.start, h.chunk.end, h.score)
                     for i, h in enumerate(answer.contexts, start=1)],
        "unsupported": answer.unsupported,
        "timings_ms": answer.timings_ms,
        "confidence": answer.confidence,
    }
    if answer.notes:
        out["notes"] = list(answer.notes)
    if answer.resolved_question and answer.resolved_question != answer.question:
        out["resolved_question"] = answer.resolved_question
    return out


def quotes_of(citation: dict) -> list[dict]:
    """A citation P's quotes; the citation itself (one span) where it has none (an answer file written before
    quotes were given, or one made elsewhere)."""
    return citation.get("quotes") or [citation]


def quoted_text(citation: dict) -> str:
    """A citation P's quotes as a reader sees them, `` … `` between two."""
    return " … ".join(q.get("text", "") for q in quotes_of(citation))
