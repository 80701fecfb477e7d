"""Numbers as Korean reports write them: ``13.9억`` = ``13억9천만`` = 1,390,000,000.

Used by citation verification (an answer's numbers must be in its passage) and by the
correctness metric (an answer states the gold figure in any notation).
"""

from __future__ import annotations

import re

_SMALL = {"십": 10, "백": 100, "천": 1000}
_LARGE = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}
_HANGUL = re.compile(r"[가-힣]")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?:\s?[십백천만억조경]+(?:\s?\d[\d,]*(?:\.\d+)?\s?[십백천만억조경]*)*)?")


def parse_korean_number(text: str) -> float | None:
    """``13.9억`` = ``13억9천만`` = 1,390,000,000; ``1,737`` = 1737. None if not a number."""
    s = "".join(text.replace(",", "").split())  # any whitespace: a PDF's line may wrap between 5,000 and 만원
    if not s or not s[0].isdigit():
        return None
    total, section, num = 0.0, 0.0, ""
    for ch in s + "$":
        if ch.isdigit() or ch == ".":
            num += ch
            continue
        value = float(num) if num else None
        num = ""
        if ch in _SMALL:
            section += (value if value is not None else 1) * _SMALL[ch]
        elif ch in _LARGE:
            section += value or 0
            total += (section or 1) * _LARGE[ch]
            section = 0.0
        elif ch == "$":
            section += value or 0
        else:
            return None
    return total + section


_EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_SCALE = re.compile(r"\s*(thousand|million|billion|trillion)\b", re.I)
# the short forms written onto the number (123B parameters, $2.5B, $250M, 30K): capitals only (3m, 5b are units)
_EN_SHORT = {"K": 1e3, "M": 1e6, "B": 1e9, "bn": 1e9, "T": 1e12, "tn": 1e12}
_EN_SHORT_SCALE = re.compile(r"(K|M|B|bn|T|tn)(?![A-Za-z0-9])")


def numbers_in(text: str) -> list[float]:
    """Every number in ``text``, Korean units resolved (``72억6천만`` -> 7.26e9).

    A leading minus sign is kept (``-0.3``); ``'23년`` reads as 23. A number after the ordinal prefix 제 is the
    ordinal's (``은행법 제8조``: article 8, not 8조 = 8e12; ``제3차``, ``제1항``), its unit characters not read.
    """
    return [v for v, _, _ in number_spans(text)]


def number_spans(text: str) -> list[tuple[float, int, int]]:
    """``numbers_in``'s numbers with where each is written: its value, start and end (after a scale word or
    letter it is read with, ``2.5 billion``, ``$250M``; an ordinal's end after its digits)."""
    out = []
    for m in _NUMBER.finditer(text):
        if m.start() and text[m.start() - 1] == "제" and (m.start() < 2 or not _HANGUL.match(text[m.start() - 2])):
            digits = re.match(r"\d[\d,]*", m.group(0)).group(0)
            out.append((float(digits.replace(",", "")), m.start(), m.start() + len(digits)))
            continue
        sign = -1.0 if m.start() > 0 and text[m.start() - 1] in "-−" and \
            (m.start() == 1 or not text[m.start() - 2].isalnum()) else 1.0
        v = parse_korean_number(m.group(0))
        if v is not None:
            end = m.end()
            scale = _EN_SCALE.match(text, m.end())
            if scale and not re.search(r"[십백천만억조경]", m.group(0)):
                v *= _EN_SCALES[scale.group(1).lower()]
                end = scale.end()
            elif (short := _EN_SHORT_SCALE.match(text, m.end())) and not re.search(r"[십백천만억조경\s]", m.group(0)):
                v *= _EN_SHORT[short.group(1)]
                end = short.end()
            out.append((sign * v, m.start(), end))
    return out


