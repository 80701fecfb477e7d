"""Multi-turn: a follow-up ("그럼 중국은?") is rewritten into a standalone question.

Only a fragment is a follow-up: one word and a topic particle (``중국은?``, ``2022년은요?``, ``삼성전자도?``), or
what follows a cue that points back (``그럼``, ``what about``). A short question that asks something of its own
(``엔비디아 점유율은?``, ``딥시크란?``, ``소라는 무엇인가?``) stands alone: it used to be read as a follow-up for
being short and had the previous question's subject replaced by its whole text.
"""

from __future__ import annotations

import re

from ragqa import korean

_CUE = re.compile(r"^(?:그럼|그러면|그리고|그렇다면|또|반면|and|what about|how about)(?=[\s?？,.]|$)[\s,]*", re.I)
# a particle that takes another form after a final consonant: (after one, after none)
_ALLOMORPHS = {"이": ("이", "가"), "가": ("이", "가"), "은": ("은", "는"), "는": ("은", "는"), "을": ("을", "를"),
               "를": ("을", "를"), "과": ("과", "와"), "와": ("과", "와")}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?:년도?)?(?!\d)")
# a word's tags when it is one thing named or counted (a name, a noun, a year, a model such as GPT-4)
_WORD_TAGS = ("NNP", "NNG", "SL", "SN", "SH", "NR", "NNB", "SO", "XSN")
_SUBJECT_PARTICLES = ("JKG", "JX", "JKS")  # 한국의, 한국은, 한국이: what a question is about


def _fragment(text: str) -> str | None:
    """The one word of a fragment question (``중국은?`` -> ``중국``), or None when ``text`` is not one: a word
    asks nothing by itself, only a topic particle (은/는/도) with an optional 요 and a question mark may follow."""
    text = text.strip()
    if re.search(r"[A-Za-z]", text) and not re.search(r"[가-힣]", text):  # English: "China?"
        word = text.rstrip(" ?？.!")
        return word if word and " " not in word else None
    tokens = korean.kiwi().tokenize(text)
    i = len(tokens)
    while i and str(tokens[i - 1].tag) in ("SF", "SE"):
        i -= 1
    if i and str(tokens[i - 1].tag) == "EF" and tokens[i - 1].form == "요":
        i -= 1
    if not i or str(tokens[i - 1].tag) != "JX" or tokens[i - 1].form not in ("은", "는", "도"):
        return None
    core = tokens[: i - 1]
    if not core or any(str(t.tag).split("-")[0] not in _WORD_TAGS for t in core):
        return None
    word = text[core[0].start: core[-1].start + core[-1].len]
    return word if not re.search(r"\s", word) else None


def _subject(previous: str) -> tuple[int, int] | None:
    """Where the previous question names what it asks about: the word of its first name (a proper noun or Latin
    word) marked by a particle (``한국의``, ``오픈AI는``), else of its first name; for an English question, its first
    capitalized word after the first."""
    if not re.search(r"[가-힣]", previous):
        m = next(re.finditer(r"(?<=\s)[A-Z][\w\-]*", previous), None)
        return (m.start(), m.end()) if m else None
    tokens = korean.kiwi().tokenize(previous)
    names = [(i, t) for i, t in enumerate(tokens) if str(t.tag) in korean.NAME_TAGS]
    marked = [t for i, t in names if i + 1 < len(tokens) and str(tokens[i + 1].tag) in _SUBJECT_PARTICLES
              and tokens[i + 1].start == t.start + t.len]
    chosen = (marked or [t for _, t in names] or [None])[0]
    if chosen is None:
        return None
    # the whole word the name ends, particles aside: 오픈AI의 -> 오픈AI (Kiwi reads 오픈 and AI apart)
    start = chosen.start
    while start and not previous[start - 1].isspace():
        start -= 1
    return start, chosen.start + chosen.len


def resolve_followup(question: str, history: list[tuple[str, str]]) -> str:
    """Rewrite ``question`` against the last user question in ``history`` when it is a fragment.

    ``그럼 중국은?`` after ``한국의 AI 민간 투자 규모는?`` becomes ``중국의 AI 민간 투자 규모는?``: the fragment's
    word replaces the previous question's subject (a year replaces its year, or comes first). After a cue, a
    question of its own is asked without the cue; any other question is returned unchanged.
    """
    if not history:
        return question
    previous = history[-1][0]
    cue = _CUE.match(question.strip())
    rest = question.strip()[cue.end():] if cue else question.strip()
    if cue and not rest.strip(" ?？"):
        return previous
    word = _fragment(rest)
    if word is None:
        return rest if cue else question
    if _YEAR.fullmatch(word):
        year = _YEAR.search(previous)
        return previous[: year.start()] + word + previous[year.end():] if year else f"{word} {previous}"
    at = _subject(previous)
    if at is None:
        return f"{previous} ({word})"
    after = previous[at[1]:]
    if after[:1] in _ALLOMORPHS and re.match(r"[가-힣]", word[-1]):  # 구글이 -> 메타가
        after = _ALLOMORPHS[after[0]][0 if (ord(word[-1]) - 0xAC00) % 28 else 1] + after[1:]
    return previous[: at[0]] + word + after
