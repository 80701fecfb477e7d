"""What a passage's sentence states, read for answering: its figures (not a year, a date, a name's or a
reference's digits), where it may be cut into clauses, whether it leans on the sentence before it, the window of
it that answers a question, whether it only restates the question.

Used by the extractive answerer (:mod:`ragqa.answer.extractive`); pure functions of text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ragqa import korean
from ragqa.answer.question import question_terms
from ragqa.config import ExtractiveConfig
from ragqa.numbers import number_spans, numbers_in
from ragqa.tables import CAPTION_LINE, cells_of
from ragqa.types import Chunk

# where a long sentence may be cut into clauses: after a comma, after a connective ending (-며, -고, -으나, -지만,
# -는데, -어/-여), at a dash or a bullet; not after -하여 where it only marks a case, Korean's compound
# postpositions (으로 인하여, 에 대하여, 을 위하여, 에 의하여, 에 관하여, 을 통하여, 에 비하여, 와 관련하여, 에 준하여,
# 에 한하여, 을 향하여, 을 비롯하여, 에 반하여: "due to", "about", "for", "by", "through", "than", "in connection
# with", "in line with", "only for", "toward", "including", "against"), which leaves its phrase unfinished (`사업자는
# 물품등으로 인하여` | `소비자에게 … 조치를 강구하여야 하고`)
CLAUSE = re.compile(r"(?<=[,，])\s+|(?<=(?:으며|하며|이며|였고|했고|으나|지만|는데|되어|하여|해서|이고))"
                    r"(?<![인대위의관통비련준한향롯반]하여)\s+|"
                    r"\s+-\s+|\s*ㅇ\s+")
_YEARISH = re.compile(r"^(19|20)\d\d$")
# a clause that says what is not so and leaves what is to the next one ("A가 아니라, B이다"): an answer never
# ends on it, or it would state the negated half alone
_NOT_BUT = re.compile(r"(?:아니라|아니고)\s*[,，]?\s*$")
# a sentence that opens on a connective of contrast, consequence or restatement (그러나, 따라서, 즉, 다만, 이처럼):
# it states the second half of an argument whose first half is the sentence before it
DEPENDENT = re.compile(r"^\s*[-•*ㅇ□]?\s*(?:그러나|하지만|그런데|따라서|그러므로|그래서|즉|다만|이에|이처럼|이와 같이|"
                       r"이로써|이로 인해|이를 통해|결국|반면)[\s,]")
# a sentence that opens by referring back to something named before it: 이 회사는, 해당 기업의, 이는, 이들은
ANAPHOR = re.compile(r"^\s*[-•*ㅇ□]?\s*(?:(?:이|그|해당|동|이들|그들)\s+[가-힣]{1,4}(?:은|는|이|가|의|도)\s|(?:이는|이들은|이들이|이들의|그는|그들은|그들이)[\s,])")


_NATIVE_COUNT = re.compile(r"(?<![가-힣])(한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(가지|개|명|곳|번|배)")


# digits that are not a figure: part of a name (MI300, H100, GPT-4, TPU v6) or a reference to a figure,
# table or footnote ([그림 10], <표 3>, 19))
_NOT_A_FIGURE = re.compile(r"[A-Za-z]+-?\d[\d.]*|[가-힣]+-\d[\d.]*|[\[<(]\s*(?:그림|표|Figure|Table)\s*\d+[^\]>)]*[\]>)]|"
                           r"(?:그림|표)\s*\d+|(?<![\d.(])\d{1,3}\)", re.I)


# a date or a period is not a quantity: '24년, '24.07., 2024.7.15, 7월 15일, 2분기 (3개월 is one)
_DATE = re.compile(r"[‘’']\d{2}(?:\.\d{1,2}){0,2}\.?|(?:19|20)\d{2}\s*[./-]\s*\d{1,2}(?:\s*[./-]\s*\d{1,2})?|"
                   r"(?<![\d.])\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?|(?<![\d.])\d\s*분기")


def has_answer_number(text: str) -> bool:
    """A figure that can answer a how-much question: not a year or a date, not a name's or a reference's digits."""
    return bool(_NATIVE_COUNT.search(text) or answer_figures(text))  # 세 가지, 두 배; or a figure


def _figures(text: str) -> list[float]:
    """The numbers ``text`` states as figures: not a name's or a reference's digits (MI300, [그림 10], 19))."""
    return numbers_in(_NOT_A_FIGURE.sub(" ", text))


def _is_year(n: float) -> bool:
    return float(n).is_integer() and bool(_YEARISH.match(str(int(n))))


# a line led by a label: "- 분야명: 기업 A, 기업 B", "(국가명) 지표 순위는 ...", "◦ 업황: ..."
LEAD_LABEL = re.compile(r"^\s*[-•·◦▪○*]?\s*(?:\(([^()]{1,25})\)|([^:：\t()]{1,25}?)\s*[:：](?!\d))\s*\S")
# a line led by a letter-spaced label and its value: "판 결 선 고 2023. 9. 14.", "제 1 심 판 결 서울중앙지방법원 …", "발 행 처
# 한국지능정보사회진흥원" (how judgments and government documents set a header's fields; korean.terms reads such runs)
SPACED_LEAD = re.compile(r"^\s*[-•·◦▪○*]?\s*((?:[가-힣0-9] )+[가-힣])\s+\S")


def lead_label(text: str) -> str:
    """The label a line is led by (``LEAD_LABEL``, or a letter-spaced one read joined), or ''."""
    m = LEAD_LABEL.match(text)
    if m:
        return m.group(1) or m.group(2)
    m = SPACED_LEAD.match(text)
    return korean.spaced_word(m.group(1)) if m else ""


def labelled_for(text: str, qterms: set[str]) -> bool:
    """The sentence is a line whose lead label names one of the question's terms: reports list the items of
    a category, or a country's figures, under such labels."""
    label = lead_label(text)
    return bool(label) and bool(set(korean.terms(label)) & qterms)


def label_share(text: str, qterms: set[str]) -> float:
    """The share of the lead label's words that the question names, whole or in part (a word counts when one of
    its terms, a bigram of a long noun included, is the question's; 0 without a label): "(헬스케어)" and "최소자본금:"
    for a question on 헬스케어 or 최저자본금 are wholly named; "안전신문고 안전정책 제안 건수:" for a question on what
    안전신문고 collected is half named, a field of its own under that name."""
    words = [t for t in (set(korean.terms(w)) for w in lead_label(text).split()) if t]  # words with terms
    return sum(bool(t & qterms) for t in words) / len(words) if words else 0.0


def figure_table(chunk: Chunk) -> bool:
    """A table chunk whose rows mostly carry figures: its rows without one are headers and labels. In a table
    of words (a company's model portfolio, a matrix of use cases) every row may hold the answer."""
    if chunk.kind != "table":
        return False
    data = [r.text for r in chunk.sentences if not CAPTION_LINE.match(r.text.strip())]
    return bool(data) and sum(bool(re.search(r"\d", _NOT_A_FIGURE.sub(" ", t))) for t in data) >= 0.5 * len(data)


def not_an_answer(text: str, numeric_table: bool = False, header: Sequence[str] = ()) -> bool:
    """Captions, source notes and a table's header row (its cells are the table's ``header``; in a figure
    table, any row without a figure) describe data; they do not answer."""
    if CAPTION_LINE.match(text.strip()):
        return True
    names = [h.strip() for h in header if h and h.strip()]
    if names and "\t" in text and cells_of(text) == names:
        return True
    return numeric_table and not re.search(r"\d", text)


def as_cleaned(text: str) -> str:
    """Text without whitespace and markdown escapes: what a cleaned sentence and its source span share."""
    return re.sub(r"\s+|\\(?=[^\w\s])", "", text)


# where a table cell's text breaks: a bullet, or the end of a sentence (plain or in the reports' noun-ending
# style, 임./함./됨.)
_CELL_BREAK = re.compile(r"\s*[•▪◦●■□ㅇ]\s+|(?<=[다임음함됨]\.)\s+")


def cell_pieces(cells: Sequence[str], max_chars: int) -> list[str]:
    """The cells broken at bullets and sentence ends, and a piece still over ``max_chars`` at its clauses."""
    pieces = [p.strip() for cell in cells for p in _CELL_BREAK.split(cell) if p and p.strip()]
    return [c for p in pieces for c in (CLAUSE.split(p) if len(p) > max_chars else [p]) if c and c.strip()]


def states_figure(text: str, unit: re.Pattern[str] | None, declared: Sequence[str] = ()) -> bool:
    """``text`` states a figure of the asked kind: a figure (not a name's digits), in the asked ``unit`` when the
    question names one (``몇 명`` -> 명), written out or ``declared`` by the table it comes from (단위: 억원)."""
    if not has_answer_number(text):
        return False
    return unit is None or bool(unit.search(text)) or any(unit.search("1" + u) for u in declared)


# a time as the reports write one: a year (2023, 2023년, '23년), a month or a day, or a year named relatively
_TIME = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|[‘’']\d\d(?!\d)|(?<![\d.])\d{1,2}\s?월|(?<![\d.])\d{1,2}\s?일(?!\s?\d)|"
                   r"지난해|작년|올해|금년|전년|내년")


def states_date(text: str) -> bool:
    """``text`` states a time: a year, a month, a day, or a year named relatively (지난해)."""
    return bool(_TIME.search(text))


def answering_window(parts: Sequence[str], question: str, qtype: str, max_chars: int, sep: str,
                      figure_bonus: float = ExtractiveConfig.window_figure_bonus,
                      length_cost: float = ExtractiveConfig.window_length_cost) -> str:
    """The run of consecutive parts (clauses of a long sentence, cells of a long row) within ``max_chars``
    that covers most of the question's terms (``figure_bonus`` more when it states a figure, for a how-much
    question), the shorter the better (``length_cost`` a character)."""
    qterms = question_terms(question)
    best, best_score = sep.join(parts)[:max_chars], -1.0
    for i in range(len(parts)):
        window = ""
        for j in range(i, len(parts)):
            nxt = (window + sep + parts[j].strip()) if window else parts[j].strip()
            if len(nxt) > max_chars and window and not _NOT_BUT.search(window):  # one part longer is still whole
                break
            window = nxt
            if j + 1 < len(parts) and _NOT_BUT.search(window):
                continue  # "A가 아니라": the answer goes on to B
            cover = len(qterms & set(korean.terms(window))) / (len(qterms) or 1)
            score = cover + (figure_bonus if qtype == "number" and has_answer_number(window) else 0.0) \
                - length_cost * len(window)
            if score > best_score:
                best, best_score = window, score
    return best


_SUBJECT_TAGS = ("NNG", "NNP", "SL", "SH")


@lru_cache(maxsize=1024)
def _content_words(text: str) -> frozenset[str]:
    """Kiwi nouns, Latin and Chinese-character words of ``text``, lower-cased (cached: one answer compares
    its best sentence with every other report's candidate, and its picks pairwise)."""
    return frozenset(t.form.lower() for t in korean.kiwi().tokenize(text) if str(t.tag).split("-")[0] in _SUBJECT_TAGS)


def restates(sentence: str, question: str, novelty: float) -> bool:
    """The sentence says little the question does not: at most ``novelty`` of its content words (Kiwi nouns,
    Latin and Chinese-character words) are not the question's, and it states no figure the question does not.
    Such a sentence is a heading or a lead-in ("e커머스 통합으로 리소스를 효율적으로 활용할 수 있습니다.",
    "…가치 사슬은 크게 세 단계로 구분하였다:"), written in the question's words; the answer is what follows it.
    A negative ``novelty`` turns the test off."""
    if novelty < 0:
        return False
    words = _content_words(sentence)
    if not words or len(words - _content_words(question)) > novelty * len(words):
        return False
    return not set(_figures(sentence)) - set(_figures(question))


def subject_overlap(a: str, b: str) -> float:
    """How far two sentences speak of the same thing: the Jaccard overlap of their content words (Kiwi
    nouns, Latin and Chinese-character words, lower-cased); figures are left out, they are what may differ."""
    wa, wb = _content_words(a), _content_words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def answer_figures(text: str) -> frozenset[float]:
    """The figures a sentence states (not years or dates, not a name's or a reference's digits)."""
    return frozenset(n for n in _figures(_DATE.sub(" ", text)) if not _is_year(n) and n != 0)


def restated(pick: str, other: str, overlap: float) -> bool:
    """``other`` states what ``pick`` states: every figure of ``pick`` (it must have one) about the same thing
    (``subject_overlap`` of at least ``overlap``, the threshold that makes two figures a conflict), or the same
    words (one sentence holding the other, spacing and quotes aside)."""
    figures = answer_figures(pick)
    if figures:
        return figures <= answer_figures(other) and subject_overlap(pick, other) >= overlap
    a, b = as_cleaned(pick), as_cleaned(other)
    return bool(a) and bool(b) and (a in b or b in a) and len(_content_words(pick)) >= 2


# a currency sign written before or after its figure ($2.5B, 140억$), read as the unit Korean text writes (25억 달러)
_SIGN_UNIT = {"$": "달러", "€": "유로", "£": "파운드", "¥": "엔", "₩": "원"}
_WORD_AFTER = re.compile(r"[ \t]*(%p|%|[$€£¥₩]|[A-Za-z]+|[가-힣]+)")
_PERCENT = {"퍼센트": "%", "프로": "%"}


def _unit_after(text: str, start: int, end: int, morphemes: dict[int, tuple[str, str]]) -> str:
    """The unit a figure is written in: a currency sign before or after it ($2.5B, 140억$), else the first
    morpheme after it when that is a noun or a counter (개, 명, 달러, 년, 위), a symbol or Latin letters (%, nm);
    '' for a bare figure (a particle or an ending follows: 10.26으로, 4.23)). ``morphemes``: the text's morphemes
    by start offset."""
    if start and text[start - 1] in _SIGN_UNIT:
        return _SIGN_UNIT[text[start - 1]]
    m = _WORD_AFTER.match(text, end)
    if not m:
        return ""
    word = m.group(1)
    if word in _SIGN_UNIT:  # a sign after the figure, as Korean reports write amounts (140억$)
        return _SIGN_UNIT[word]
    if word.startswith("%") or word.isascii():
        return word.lower()
    form, tag = morphemes.get(m.start(1), ("", ""))
    return _PERCENT.get(form, form) if tag.startswith(("NN", "NR")) else ""


def figures_by_unit(text: str) -> dict[str, frozenset[float]]:
    """The figures ``text`` states (not years, not a name's or a reference's digits), grouped by the unit each is
    written in ('' for a bare figure, which may be of any unit)."""
    return dict(_figures_by_unit(text))


@lru_cache(maxsize=4096)  # an answer compares its best sentence with every further one: read each once
def _figures_by_unit(text: str) -> tuple[tuple[str, frozenset[float]], ...]:
    clean = _NOT_A_FIGURE.sub(lambda m: " " * len(m.group(0)), text)  # offsets kept
    spans = [(v, a, b) for v, a, b in number_spans(clean)  # a year, written out or short ('22년), is context
             if not _is_year(v) and not (a and clean[a - 1] in "'‘’" and v < 100 and float(v).is_integer())]
    morphemes = {t.start: (t.form, str(t.tag)) for t in korean.kiwi().tokenize(clean)} if spans else {}
    by_unit: dict[str, set[float]] = {}
    for value, start, end in spans:
        by_unit.setdefault(_unit_after(clean, start, end, morphemes), set()).add(value)
    return tuple((u, frozenset(v)) for u, v in by_unit.items())


def _of_a_kind(a: str, b: str) -> list[tuple[frozenset[float], frozenset[float]]]:
    """The pairs of ``a``'s and ``b``'s figures that can be of one kind: in one unit, or either bare."""
    fa, fb = figures_by_unit(a), figures_by_unit(b)
    return [(va, vb) for ua, va in fa.items() for ub, vb in fb.items() if ua == ub or not ua or not ub]


def figures_comparable(a: str, b: str) -> bool:
    """``b`` states a figure of a kind ``a`` states, or ``a`` states none to compare with: a count (109개) and a
    duration (10년) are not comparable."""
    return not figures_by_unit(a) or bool(_of_a_kind(a, b))


def figures_conflict(a: str, b: str) -> bool:
    """``a`` and ``b`` state different figures of one kind (in one unit, or one of them bare): 1억9천140만 달러
    against 1.9억 달러 do, 109개 against 10년 do not."""
    return any(va != vb for va, vb in _of_a_kind(a, b))
