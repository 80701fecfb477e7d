"""What a question must be to be asked, checked before anything heavy is loaded: the CLI's `ask`, which may only
pass the question on to a running server, imports this and not the chain (LangChain's import alone takes ~1 s).
"""

from __future__ import annotations

import re


class AnswerError(RuntimeError):
    """The question cannot be answered as asked (empty question, unknown backend, LLM down)."""


def clean_question(question: str) -> str:
    """Strip control characters and whitespace; refuse empty or absurdly long questions."""
    if question is None:
        raise AnswerError("질문이 비어 있습니다. / The question is empty.")
    q = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in str(question))
    q = re.sub(r"</?[A-Za-z][^<>]*>", " ", q)  # markup in a question is not what is asked
    q = " ".join(q.split())
    if not q:
        raise AnswerError("질문이 비어 있습니다. / The question is empty.")
    if not any(ch.isalnum() for ch in q):  # "?", "...": nothing to search for, and no language to answer in
        raise AnswerError("질문에 낱말이 없습니다(기호뿐입니다). / The question has no words, only symbols.")
    if len(q) > 2000:
        raise AnswerError(f"질문이 너무 깁니다({len(q)}자, 최대 2000자). / The question is too long "
                          f"({len(q)} characters, at most 2000).")
    return q


def check_threshold(threshold: float | None) -> None:
    """Refuse an abstention threshold outside 0–1 (None: the fitted one)."""
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise AnswerError(f"the abstention threshold must be between 0 and 1, not {threshold}")
