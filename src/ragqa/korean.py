"""Korean text analysis with one cached Kiwi: sentence spans and BM25 terms.

Kiwi takes ~3 s to load, so it is built once per process (:func:`kiwi`) and shared; the
functions here are thread-safe because Kiwi's analysis calls are.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import NamedTuple

_lock = threading.Lock()
_kiwi = None


def kiwi():
    """The process-wide Kiwi analyzer (loaded on first use, once, whichever thread asks first)."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi()
    return _kiwi


def is_loaded() -> bool:
    return _kiwi is not None


def preload() -> None:
    """Start loading Kiwi on another thread: its ~2 s overlap the embedding model's loading (measured: a cold
    ``ragqa ask`` waits for both otherwise); a caller that needs it first waits for that load, not a second one."""
    if _kiwi is None:
        threading.Thread(target=kiwi, name="kiwi-preload", daemon=True).start()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of ``text``, trimmed of surrounding whitespace.

    Kiwi's splitter understands Korean endings (다/요/음/함 ...) and quotation; spans that
    Kiwi leaves uncovered (it sometimes drops trailing symbols) are attached to the
    preceding sentence so that the spans tile the non-blank text.
    """
    if not text.strip():
        return []
    spans = [(s.start, s.end) for s in kiwi().split_into_sents(text)]
    out: list[tuple[int, int]] = []
    cursor = 0
    for start, end in spans:
        if start < cursor:
            start = cursor
        if end <= start:
            continue
        gap = text[cursor:start]
        if out and gap.strip():  # stray text between sentences: glue it to the previous one
            out[-1] = (out[-1][0], start)
        elif not out and gap.strip():
            start = cursor
        out.append((start, end))
        cursor = end
    if text[cursor:].strip():
        if out:
            out[-1] = (out[-1][0], len(text))
        else:
            out.append((0, len(text)))
    # a bullet that opens the next item on the same line (`…신청할 수 있다. ㅇ 예비인가제도는`) ends the
    # sentence before it in Kiwi's split: it goes with the item it opens
    for i in range(len(out) - 1):
        m = _TRAILING_BULLET.search(text, out[i][0], out[i][1])
        if m:
            out[i], out[i + 1] = (out[i][0], m.start(1)), (m.start(1), out[i + 1][1])
    return [_trim(text, s, e) for s, e in out if text[s:e].strip()]


_TRAILING_BULLET = re.compile(r"(?<=[.!?。다음함됨])\s+([ㅇ□■•◦○●▶▲△※*➡-])\s*$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Parts of speech that carry content: nouns, numbers, verb/adjective stems, roots,
# foreign words and hanja. Particles and endings (J*, E*) never become terms.
_CONTENT = ("NNG", "NNP", "NR", "SL", "SH", "XR", "VV", "VA", "SN", "NNB")
_UNIT_TAGS = ("NR", "NNB", "NNG", "SW")
_UNITS = {"%", "퍼센트", "억", "조", "만", "천", "백", "원", "달러", "개", "건", "명", "배", "년", "월", "위", "p", "%p"}
_STOP_NNB = {"것", "수", "등", "중", "때", "바", "데", "뿐", "적", "번", "째"}
_NUM = re.compile(r"^\d[\d,]*(\.\d+)?$")
_APOSTROPHES = ("'", "\u2018", "\u2019")
_SHORT_DATE = re.compile(r"^(\d{2})(?:\.(\d{1,2}))?$")
# Bump when terms() changes what it emits: BM25 indexes built with other terms are rebuilt.
TERMS_VERSION = 8  # 6: ordinals (두 번째, 둘째, ②, 제2항) also yield one term, 2번째; a rank (두 번째로 많은) 2위
# 7: a letter-spaced word (변 론 종 결) also yields the nouns of its joined form; 8: two letters only at a line's start
# A heading or label set letter-spaced (서 울 고 등 법 원, 변 론 종 결, 제 1 심 판 결; 주 문, 이 유 on a line of their own: how
# judgments and government documents set them; a PDF's wrapped lines joined, it may stand inside the text): single
# syllables (a digit among them) a space apart, three Hangul or more, or two opening a line. Read apart, its
# syllables are no words; the nouns Kiwi finds in its joined form are emitted beside them. Single syllables a space
# apart in a sentence are mostly words of their own: joined, most make no noun (만 명 당, 할 수 있), and two inside a
# line make a false one too often (1만 명 당 -> 명당, 이 전 -> 이전), so they count only at a line's start
_SPACED = re.compile(r"(?<![가-힣0-9A-Za-z])((?:[가-힣0-9] )+[가-힣])(?![가-힣0-9A-Za-z])")
# Other names of a country that reports use for it: the canonical name is emitted beside
# them, so 한국 matches 우리나라 and 대한민국, and a headline's 美 matches 미국.
_HANJA_RELATION = set("對訪反親駐在脫")  # 對中 (toward China), 訪美 (visit to the US), 駐韓 (stationed in Korea)
_COUNTRY = {"대한민국": "한국", "韓": "한국", "美": "미국", "中": "중국", "日": "일본", "英": "영국", "佛": "프랑스",
            "獨": "독일", "印": "인도"}


# An ordinal is written many ways: 두 번째 / 2번째 / 둘째 in prose, ②, ⑵, ⒉, ❷ opening the second item of
# a list, and a statute's second paragraph is ② where a citation of it writes 제2항 (Korean legal drafting
# numbers paragraphs with circled digits). Each also yields the term N번째, so "두 번째 시나리오" finds
# "시나리오 ②" and "제65조 제1항" finds the article's ① paragraph. Kiwi otherwise drops them all: 두 is a
# determiner, 번 and 째 are function morphemes, ② a symbol. An ordinal that states a rank (두 번째로 많은,
# 9번째였다) yields the rank's own term instead, 2위, as reports write ranks; a rank does not also yield N번째: a
# second term made a rank outweigh the rest of a sentence (measured: docs/history.md, stop 43).
_ORDINAL_WORD = {"첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_ORDINAL_NR = {"첫째": 1, "둘째": 2, "셋째": 3, "넷째": 4, "다섯째": 5, "여섯째": 6, "일곱째": 7, "여덟째": 8, "아홉째": 9,
               "열째": 10}


def _enclosed_number(form: str) -> int | None:
    """The number of a circled, parenthesized or full-stop digit (①, ⑵, ⒊, ❹, ➎), else None."""
    if len(form) != 1:
        return None
    name = unicodedata.name(form, "")
    value = unicodedata.numeric(form, None)
    if value is None or value != int(value) or not any(k in name for k in ("CIRCLED", "PARENTHESIZED", "FULL STOP")):
        return None
    return int(value)


def _ordinal(tokens, i: int) -> str | None:
    """The term of the ordinal that starts at ``tokens[i]``, else None: ``2번째`` for 두 번째, 2번째, 둘째, ②,
    제2항; ``2위`` for one that states a rank, 두 번째로 많은 (an ordinal before 로 and a word) or 9번째였다 (before
    the copula), as reports write ranks (2위)."""
    tok = tokens[i]
    tag = str(tok.tag).split("-")[0]
    if tag == "SW":
        number = _enclosed_number(tok.form)
        return f"{number}번째" if number is not None else None
    if tag == "NR" and tok.form in _ORDINAL_NR:  # 첫째, 둘째: "firstly", "secondly"
        return f"{_ORDINAL_NR[tok.form]}번째"
    if tag == "SN":
        number = int(tok.form) if tok.form.isdigit() else None
    else:
        number = _ORDINAL_WORD.get(tok.form) if tag in ("MM", "NR") else None
    if not number:
        return None
    if tag == "SN" and _touching(tokens, i, 1) == "항":  # 제2항, a statute's second paragraph
        return f"{number}번째"
    forms = [(t.form, str(t.tag).split("-")[0]) for t in tokens[i + 1:i + 5]]
    if forms[:2] == [("번", "NNB"), ("째", "XSN")]:  # Kiwi reads 번째 as two morphemes or as one
        after = forms[2:]
    elif forms[:1] == [("번째", "NNB")]:
        after = forms[1:]
    else:
        return None
    ranked = (after[:1] == [("로", "JKB")] and len(after) > 1 and after[1][1] not in ("SP", "SF", "JX")) \
        or after[:1] and after[0][1] == "VCP"
    return f"{number}위" if ranked else f"{number}번째"


def _touching(tokens, i: int, step: int) -> str:
    """The form of the token just before (step -1) or after (step 1) ``tokens[i]`` when no
    space separates them, else ''."""
    j = i + step
    if not 0 <= j < len(tokens):
        return ""
    a, b = (tokens[j], tokens[i]) if step < 0 else (tokens[i], tokens[j])
    return tokens[j].form if a.start + a.len == b.start else ""


def _short_date(tokens, i: int) -> list[str] | None:
    """Terms of a report-style short date: '23년 -> 2023년, '24.3월 -> 2024년 and 3월."""
    m = _SHORT_DATE.match(tokens[i].form)
    if not m or _touching(tokens, i, -1) not in _APOSTROPHES:
        return None
    unit = _touching(tokens, i, 1)
    if unit != "년" and (not m.group(2) or (unit in _UNITS and unit != "월")):
        return None  # '23 alone, or '24.3% (a share, not March 2024)
    yy = int(m.group(1))
    year = str(2000 + yy if yy < 70 else 1900 + yy)
    out = [year, year + "년"]
    if m.group(2):
        out.append(str(int(m.group(2))) + "월")
    return out


def names_country(name: str, text: str) -> bool:
    """Whether ``text`` names the country ``name`` (미국, 한국) by another of its names as ``terms`` reads
    them: a Hanja abbreviation (美, 韓美, 對中; not the 中 of 中央) or 대한민국 / 우리나라 for 한국, and for 한국
    the word 국내 (domestic): a Korean document's own country is the one it calls 국내 (국내 AI 기업, 국내 은행)."""
    others = [k for k, v in _COUNTRY.items() if v == name] + (["우리나라", "국내"] if name == "한국" else [])
    if not any(o in text for o in others):
        return False
    read = terms(text)
    return name in read or (name == "한국" and "국내" in read)


def terms(text: str) -> list[str]:
    """BM25 terms of ``text``: content morphemes, noun bigrams, numbers with their units.

    A long noun also yields its character bigrams, so ``투자`` matches ``투자액``; a
    number also yields number+unit (``13억``, ``24.2%``, ``2023년``).
    """
    tokens = kiwi().tokenize(text)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        tag = str(tok.tag).split("-")[0]
        form = tok.form
        ordinal = _ordinal(tokens, i)
        if ordinal is not None:
            out.append(ordinal)
        if tag not in _CONTENT:
            continue
        if tag == "NNB" and form in _STOP_NNB:
            continue
        if tag == "SN":
            date = _short_date(tokens, i)
            if date is not None:
                out.extend(date)
                continue
            num = form.replace(",", "")
            out.append(num)
            unit = _touching(tokens, i, 1)
            if unit in _UNITS:
                out.append(num + unit)
            continue
        if tag in ("VV", "VA"):
            out.append(form + "다")
            continue
        if form == "나라" and _touching(tokens, i, -1) == "우리":
            out.append("한국")  # 우리나라: Korean government reports' "our country"
        if tag == "SH" and all(ch in _COUNTRY or ch in _HANJA_RELATION for ch in form):
            # 美, 韓美, 對中: country abbreviations (with a relation); 中央 (central) is not 中 (China)
            out.extend(_COUNTRY[ch] for ch in form if ch in _COUNTRY)
        elif form in _COUNTRY:
            out.append(_COUNTRY[form])
        if tag == "SL":
            form = form.lower()
        out.append(form)
        if tag in ("NNG", "NNP"):
            out.extend(_bigrams(form))
    for m in _SPACED.finditer(text):
        joined = m.group(1).replace(" ", "")
        if len(_HANGUL.findall(joined)) >= (2 if _opens_line(text, m.start()) else 3):
            out.extend(_spaced_nouns(joined))
    return out


def _opens_line(text: str, start: int) -> bool:
    """Only spaces or tabs stand between ``start`` and the line's (or the text's) beginning."""
    return not text[text.rfind("\n", 0, start) + 1:start].strip(" \t")


def spaced_word(run: str) -> str:
    """A letter-spaced run read joined (``변 론 종 결`` -> ``변론종결``) when the joined form holds a noun of two
    syllables or more; else '' (``또 그 중`` is three words)."""
    joined = run.replace(" ", "")
    return joined if len(_HANGUL.findall(joined)) >= 2 and _spaced_nouns(joined) else ""


def _spaced_nouns(joined: str) -> list[str]:
    """The nouns of two syllables or more in a letter-spaced run read joined (and a long one's bigrams, as
    :func:`terms` gives them)."""
    out = []
    for tok in kiwi().tokenize(joined):
        if str(tok.tag).split("-")[0] in ("NNG", "NNP") and len(tok.form) >= 2:
            out.append(tok.form)
            out.extend(_bigrams(tok.form))
    return out


def _bigrams(noun: str) -> list[str]:
    """A long noun's character bigrams (``투자액`` -> 투자, 자액), so its parts match: none under three letters."""
    return [noun[j:j + 2] for j in range(len(noun) - 1)] if len(noun) >= 3 else []


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")


def is_korean(text: str) -> bool:
    """The question's language: Korean when it has a fair share of Hangul.

    A Hangul syllable carries about two Latin letters' worth of text, and Korean questions
    often name English things ("2024 Global AI Index에서 ..."), so Hangul counts double.
    """
    hangul = len(_HANGUL.findall(text))
    return hangul > 0 and 3 * hangul >= len(_LATIN.findall(text))


NAME_TAGS = ("NNP", "SL")  # Kiwi's proper nouns and words in Latin letters


class Name(NamedTuple):
    form: str
    start: int  # offsets into the analysed text
    end: int
    latin: bool  # written in Latin letters (SL)


def names(text: str, min_len: int = 2) -> list[Name]:
    """The names in ``text``, in order, repeats included: proper nouns and Latin-letter words
    of at least ``min_len`` characters, with their offsets."""
    return [Name(t.form, t.start, t.start + t.len, str(t.tag) == "SL") for t in kiwi().tokenize(text)
            if str(t.tag) in NAME_TAGS and len(t.form) >= min_len]
