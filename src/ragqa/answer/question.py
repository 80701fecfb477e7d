"""What a question asks, read from its words: a figure or a name (its type), the names and years it is about,
the unit its figure must carry, the questions a compound one joins, whether it asks for several things.

Used by the extractive answerer (:mod:`ragqa.answer.extractive`) to score sentences and by its abstention
features; nothing here reads the passages.
"""

from __future__ import annotations

import re

from ragqa import korean
from ragqa.retrieval.hybrid import english_entity_terms

# Korean's interrogative pro-forms (a closed class): a question's own words that no answer writes
INTERROGATIVES = frozenset({"얼마", "몇", "며칠", "무엇", "누구", "어디", "언제", "어느", "어떤", "어떻게", "왜", "무슨"})
_NUMBER_Q = re.compile(r"얼마|몇|규모|비중|비율|금액|비용|점수|순위|액수|수는|수치|퍼센트|%|\bhow (?:much|many)\b|"
                       r"\bwhat share\b|\bpercent(?:age)?\b|\bvaluations?\b|\bcosts?\b|\brates?\b|\bnumber of\b|\bscores?\b",
                       re.I)
_NAME_Q = re.compile(r"누구|어디|어느|무엇|무슨|이름|어떤 (?:기업|모델|회사|국가|나라)|\bwho(?:m|se)?\b|\bwhich\b|\bwhere\b|"
                     r"\bwhat (?:model|company)\b", re.I)
MULTI_Q = re.compile(r"각각|자료마다|어떻게 달라|달라졌|비교|보도|자료는|자료들|모두|변했|추이|\bboth\b|\beach\b|\bcompar", re.I)
# the forms of a question that asks for several things or an explanation (not its topic words): verbs of
# explaining and comparing, and two questions joined by a connective ending ("무엇이며, ...", "언제이고, ...",
# "있는지, ...", "그리고", "또한")
PARTS_Q = re.compile(r"설명|서술|차이|각각|비교|나열|어떤 것들|무엇무엇|구체적으로|"
                     r"(?:며|고|지|지와|지를)\s*,|그리고|또한|\bexplain|\bdescrib|\bdifferen|\bcompar|\beach\b|"
                     r"\blist(?:s|ed|ing)?\b", re.I)
# a relation whose size a how-much question asks (the gap between A and B, a growth compared with a year) is one
# figure, not several things: in such a question these words make it ask neither for parts nor for several
_RELATION = re.compile(r"차이|비교|\bdifferen\w*|\bcompar\w*", re.I)


def asks_parts(question: str, qtype: str, relation_is_one_figure: bool = True) -> bool:
    """The question asks to explain, list or compare (``PARTS_Q``): answered in parts."""
    return bool(PARTS_Q.search(_without_relation(question, qtype, relation_is_one_figure)))


def asks_several(question: str, qtype: str, relation_is_one_figure: bool = True) -> bool:
    """The question asks for several things (``MULTI_Q``: each of them, every report's figure)."""
    return bool(MULTI_Q.search(_without_relation(question, qtype, relation_is_one_figure)))


def _without_relation(question: str, qtype: str, relation_is_one_figure: bool) -> str:
    return _RELATION.sub(" ", question) if relation_is_one_figure and qtype == "number" else question


# where a Korean question joins two questions: a connective ending before a comma (무엇이며, / 있는지, /
# 변하였고,), or 그리고 / 또한 between them
_SUBQ_SPLIT = re.compile(r"(?<=[가-힣][고며지])\s*,\s*|[,.]?\s*(?:그리고|또한)\s+")


def sub_questions(question: str) -> list[str]:
    """The questions a compound Korean question joins (``…어떻게 변하였고, 심의안건 중 … 비중은 얼마나
    됩니까?`` -> two), each with at least one content noun; one item when it is not compound."""
    parts = [p.strip(" ,") for p in _SUBQ_SPLIT.split(question) if p and p.strip(" ,")]
    parts = [p for p in parts if content_nouns(p)]
    return parts if len(parts) > 1 else [question]


# a question that lists several names or asks about each ("A와 B", "A, B", "A 및 B", "각각", "모두")
LISTING = re.compile(r"[와과]\s|및|,|각각|모두|며")
YEAR_TERM = re.compile(r"^(19|20)\d\d(년)?$")
_GENERIC_ENTITIES = {"ai", "인공지능", "ai인덱스"}


# how much / how many asked outright: a figure is wanted wherever the word stands
_NUMBER_ASKED = re.compile(r"얼마|몇|퍼센트|%|\bhow (?:much|many)\b|\bwhat share\b|\bpercentage\b|\bnumber of\b", re.I)
# a noun of quantity (규모, 비용, 순위, 총액, 특허 수, …) or one that a suffix of quantity ends (점유율, 성장률,
# 전망치: Kiwi tags the suffix XSN), standing as the noun a question asks for
_QUANTITY_NOUN = re.compile(r"(?:규모|비중|비율|금액|비용|점수|순위|액수|수치|액)$|^수$")
_QUANTITY_SUFFIX = frozenset("율률치량")


def _asked_noun(question: str) -> tuple[str, str] | None:
    """The noun a Korean question ends on, the one it asks for, and its suffix (``…기여한 스타트업은?`` →
    (스타트업, ""), ``…시장 점유율은?`` → (점유, 율)); None when it ends on a verb or a copula (``…얼마인가?``,
    ``…어떻게 변했나?``)."""
    tokens = [t for t in korean.kiwi().tokenize(question) if t.tag not in ("SF", "SS", "SE", "SW", "SP", "SO")]
    while tokens and tokens[-1].tag.startswith("J"):
        tokens.pop()
    if not tokens:
        return None
    last = tokens[-1]
    if last.tag == "XSN" and len(tokens) > 1 and tokens[-2].tag.startswith("N"):
        return tokens[-2].form, last.form
    return (last.form, "") if last.tag.startswith("N") or last.tag == "SL" else None


# a question for a time: Korean's interrogatives of time (언제, 몇 년도, 어느 해) and English's (when, what year)
DATE_Q = re.compile(r"언제|몇\s?년도|몇\s?년에|몇\s?월에|어느\s?해|\bwhen\b|\b(?:what|which)\s+(?:year|month|date)\b",
                    re.I)


def asks_date(question: str) -> bool:
    """The question asks when (``…설립한 것은 언제부터인가?``, ``In what year did …``)."""
    return bool(DATE_Q.search(question))


def asks_when(question: str) -> bool:
    """The question asks for a time, so its sentence must state one; not a compound question one of whose parts
    asks when (``…언제 배포되었고, … 이유로 설명하였나요?``): its best sentence answers the whole, and each part
    gets a sentence of its own."""
    return asks_date(question) and len(sub_questions(question)) == 1


def question_type(question: str) -> str:
    """``number`` when the question asks for a figure, ``name`` for a who/which/where, else ``general``. A
    Korean question that ends on a noun asks for that noun: it wants a figure when that noun is one of
    quantity, not when such a noun only names its topic (``학습 비용 문제에 대응해 시도되고 있는 것은?``)."""
    if _NUMBER_ASKED.search(question):
        return "number"
    head = _asked_noun(question) if korean.is_korean(question) else None
    if head is not None:
        if _QUANTITY_NOUN.search(head[0]) or head[1] in _QUANTITY_SUFFIX:
            return "number"
    elif _NUMBER_Q.search(question):
        return "number"
    if _NAME_Q.search(question):
        return "name"
    return "general"


def question_entities(question: str) -> list[str]:
    """Names the answer must be about: proper nouns, Latin names, model names with versions."""
    out = []
    for m in re.finditer(r"[A-Za-z]+[\-\s]?\d+(?:\.\d+)?[A-Za-z]*", question):  # GPT-5, R1, Llama 3.1
        out.append(re.sub(r"\s", "", m.group(0)).lower())
    for name in korean.names(question):
        form = name.form.lower()
        if not name.latin and name.start > 0 and re.match(r"[가-힣]", question[name.start - 1]):
            continue  # a piece Kiwi cut from a longer word (컴플라이|언스), not a name
        if form not in _GENERIC_ENTITIES and not any(form in o for o in out):
            out.append(form)
    return out


def question_terms(question: str) -> set[str]:
    """The terms a question can share with the (Korean) text: its Kiwi terms, or for an English question
    only its names and figures."""
    return set(korean.terms(question) if korean.is_korean(question) else english_entity_terms(question))


def question_years(question: str) -> set[str]:
    """Years the question is about, as two-digit strings ('2023년', "'23년", "매출액('23)" -> '23)."""
    years = {m.group(1) for m in re.finditer(r"(?<!\d)20(\d\d)(?!\d)", question)}
    # an apostrophe and two digits standing alone ('23년, '24.09., a column's ('23)), not '23andMe
    years |= {m.group(1) for m in re.finditer(r"['’‘](\d\d)(?:년|\.|(?![0-9A-Za-z가-힣]))", question)}
    return years


def sentence_years(text: str) -> set[str]:
    return question_years(text)


def named_years(question: str, context: str) -> set[str]:
    """The question's years that belong to a name the passage's context line writes (its report's title,
    section, table header): ``AI 인덱스 2024에서``, ``MWC 2024에서`` name a report or an event, not the year
    asked about. A year counts as named when the word beside it in the question (before it, or after it
    and its ``년``) stands beside it in the context too; ``B사의 2024년 매출액`` asks about 2024 even in a report
    titled 2024 whose table has a column 매출액."""
    ctx = context.casefold()
    out = set()
    for m in re.finditer(r"(?<!\d)20(\d\d)(?!\d)", question):
        year = "20" + m.group(1)
        if year not in ctx:
            continue
        before = re.findall(r"[^\W\d_][\w\-]*", question[:m.start()])[-1:]
        after = re.findall(r"[^\W\d_][\w\-]*", re.sub(r"^\s*년(도)?", "", question[m.end():]))[:1]
        gap = r"[\s'‘’\"“”(]{0,3}"
        if any(re.search(re.escape(stem) + r"[^\s\d]{0,4}" + gap + year, ctx) for w in before for stem in _stems(w)) \
                or any(re.search(year + r"\s*(?:년도?)?" + gap + re.escape(stem), ctx) for w in after for stem in _stems(w)):
            out.add(m.group(1))
    return out


def _stems(word: str) -> list[str]:
    """``word`` and, for a Korean word that may carry a particle (``인덱스에서``), its prefixes of two letters
    or more, longest first."""
    word = word.casefold()
    if len(word) < 2:
        return []
    if not re.match(r"[가-힣]", word):
        return [word]
    return [word[:n] for n in range(len(word), 1, -1)]


# a Korean figure may carry a power of ten before its counter: 2천억 개, 1,200만 명, 3천 곳
_BIG = r"(?:\s*(?:십|백|천|만|억|조))*"
_UNIT_Q = [(re.compile(r"몇\s*명|인원|how many people"), re.compile(r"\d" + _BIG + r"\s*명(?!당)")),
           # an amount of money, unless the question asks how it changed or to what degree (얼마나 줄였나, by what
           # percentage did revenue grow): a rate answers that
           (re.compile(r"^(?!.*(성장|증가|감소|늘었|줄었|변했|비율|%|퍼센트|얼마나|"
                       r"\b(?:percent|grow|grew|increas|decreas|declin|ris(?:e|es|en|ing)\b|(?-i:rose)\b|"
                       r"fell\b|fall(?:s|en)?\b|drop|chang(?:e|es|ed|ing)\b|ratio|rate\b)))"
                       r".*(매출|금액|비용|투자액|예산|기업\s*가치|가치는|\b(?:valuation|revenue|budget|cost))", re.I),
            re.compile(r"\d" + _BIG + r"\s*(달러|원|\$|유로|엔|위안)|\$\s*\d|\d\s*(억|조)")),
           (re.compile(r"몇\s*(%|퍼센트|프로)|비중|비율|점유율|정답률|\bpercent|\bshare", re.I), re.compile(r"\d\s*(%|퍼센트|%p)")),
           (re.compile(r"몇\s*위|순위|\brank", re.I), re.compile(r"\d\s*위")),
           (re.compile(r"몇\s*배"), re.compile(r"\d\s*배")),
           (re.compile(r"몇\s*(개|건|곳)"), re.compile(r"\d" + _BIG + r"\s*(개|건|곳)"))]


def unit_pattern(question: str) -> re.Pattern[str] | None:
    """The unit the answer's number must carry (몇 명 -> 명, 점유율 -> %), when the question says: one of the
    kinds above, or else the counter or unit the question writes after 몇 (몇 나노미터 -> 나노미터)."""
    for asks, unit in _UNIT_Q:
        if asks.search(question):
            return unit
    counter = asked_counter(question)
    if counter:
        # Kiwi may read a counter and its particle as another noun (몇 종이 -> 종이, paper; 몇 회의 -> 회의,
        # meeting): the counter without a trailing particle counts too
        forms = [counter] + ([counter[:-1]] if len(counter) >= 2 and counter[-1] in _PARTICLE_END else [])
        return re.compile(r"(?:\d|(?<![가-힣])" + _NATIVE + r")" + _BIG + r"\s*(?:" +
                          "|".join(map(re.escape, forms)) + ")", re.I)
    return None


# one-syllable particles a counter may be followed by: subject, object, topic, possessive, "also", "to"/"in"
_PARTICLE_END = frozenset("이가은는을를의도로에")


# Korean's native numerals, which count with a counter (세 가지, 두 차례)
_NATIVE = r"(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무)"


def asked_counter(question: str) -> str | None:
    """The counter or unit a Korean question asks its figure in, the word written right after 몇 (``몇
    메가와트인가`` -> 메가와트, ``몇 가지`` -> 가지, ``몇 번째`` -> 번째); None without one."""
    tokens = korean.kiwi().tokenize(question)
    for i, t in enumerate(tokens):
        if t.form != "몇" or i + 1 >= len(tokens) or not tokens[i + 1].tag.startswith(("NN", "SL")):
            continue
        end = tokens[i + 1].start + tokens[i + 1].len
        for nxt in tokens[i + 2:]:  # a unit Kiwi reads as two nouns (메가|와트) or a noun and a suffix (번|째)
            if nxt.start != end or not nxt.tag.startswith(("NN", "SL", "XSN")):
                break
            end = nxt.start + nxt.len
        return question[tokens[i + 1].start:end]
    return None


def content_nouns(question: str) -> list[str]:
    """The question's nouns of two or more characters (Kiwi NNG/NNP)."""
    return [t.form for t in korean.kiwi().tokenize(question) if str(t.tag) in ("NNG", "NNP") and len(t.form) >= 2]
