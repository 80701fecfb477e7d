"""Multi-turn: a follow-up ("그럼 중국은?") is rewritten into a standalone question."""

from __future__ import annotations

import re

from ragqa import korean

_FOLLOWUP = re.compile(r"^(그럼|그러면|그리고|또|그건|그것은|그 중|그중|반면|and|what about|how about)\b|^(그럼|그러면)", re.I)
_KO_TAIL = re.compile(r"(은|는|이|가|의|도|요)?\s*[?？]?\s*$")


def _entities(text: str) -> list[str]:
    return [t.form for t in korean.kiwi().tokenize(text) if str(t.tag) in ("NNP", "SL", "NNG")]


def resolve_followup(question: str, history: list[tuple[str, str]]) -> str:
    """Rewrite ``question`` against the last user question in ``history`` when it is a fragment.

    ``그럼 중국은?`` after ``한국의 AI 민간 투자 규모는?`` becomes ``중국의 AI 민간 투자 규모는?``:
    the follow-up's subject replaces the first matching-kind subject of the previous question.
    A question that stands on its own is returned unchanged.
    """
    if not history:
        return question
    previous = history[-1][0]
    short = len(question) <= 20
    if not (_FOLLOWUP.search(question.strip()) or (short and question.strip().endswith(("?", "？")) and
                                                   len(_entities(question)) <= 2)):
        return question
    fragment = _FOLLOWUP.sub("", question.strip()).strip(" ,")
    fragment = _KO_TAIL.sub("", fragment).strip()
    if not fragment:
        return previous
    prev_names = korean.names(previous, min_len=1)
    if prev_names:
        first = prev_names[0]
        return previous[: first.start] + fragment + previous[first.end:]
    return f"{previous} ({fragment})"
