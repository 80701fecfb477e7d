"""Names the way the documents write them: aliases taken from the corpus itself.

Korean reports name a foreign company, model or product in Hangul and give the Latin spelling in
parentheses the first time (``앤스로픽(Anthropic)``, ``라마3(Llama 3)``), or the other way round
(``Cohere(코히어)``). Those pairs are collected from the indexed text, so a question that writes one
spelling finds a passage that writes the other, on any corpus, without a hand-made list (the glossary,
``ragqa.glossary``, stays for English names no document spells out).

Only pairs of different scripts count (Hangul beside Latin): a parenthesis in one script is usually
an explanation, a source or a figure (``(KPMG, 2024)``, ``(2.75)``), not another name. And a word
that stands before several unlike spellings is a common word ending a longer phrase (``대규모 언어
모델(LLM)``, ``소형 모델(sLM)``): a name has one spelling in the other script, give or take a
variant (``앤스로픽``/``앤쓰로픽``), so such a word's pairs are dropped. Names are kept normalized:
lower case, no spaces.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import Iterable

_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
# a word, then a parenthesis right after it (one space allowed): 앤스로픽(Anthropic), Cohere (코히어)
_PAIR = re.compile(r"(?<![0-9A-Za-z가-힣.\-+&])([가-힣A-Za-z][0-9A-Za-z가-힣\-+&]*[0-9A-Za-z가-힣])\s?\(([^()\n]{2,32})\)")
_LATIN_NAME = re.compile(r"[A-Za-z][0-9A-Za-z.\-+&]*(?: [0-9A-Za-z.\-+&]+){0,2}")  # up to three words
_HANGUL_NAME = re.compile(r"[가-힣][0-9가-힣]*(?: [0-9가-힣]+)?")  # up to two words
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
# two spellings of one name in the same script differ by a letter or two (앤스로픽/앤쓰로픽, 야라츠/야랏츠);
# unrelated words share little (LLM/sLM/pretrainedlanguagemodel): difflib's ratio (0..1) tells them apart
VARIANT_RATIO = 0.5


def norm(name: str) -> str:
    return re.sub(r"\s+", "", name).lower()


def pairs(text: str) -> Iterable[tuple[str, str]]:
    """(word, its other-script spelling) for every ``word(other)`` in ``text``."""
    for m in _PAIR.finditer(text):
        outer, inner = m.group(1), m.group(2).strip()
        if _YEAR.search(inner) or _YEAR.search(outer):
            continue  # a source or a date: (Google, 2024), (2024년 04월)
        if _HANGUL.search(outer) and not _LATIN.search(outer[:1]):
            if _LATIN_NAME.fullmatch(inner) and not _HANGUL.search(inner):
                yield outer, inner
                # a name of several words in both scripts: 제미나이 울트라(Gemini Ultra) pairs the two words too
                words = len(inner.split())
                if words > 1:
                    lead = re.search(r"(?:^|\s)((?:[가-힣][0-9가-힣]*\s){%d})$" % (words - 1), text[:m.start(1)])
                    if lead:
                        yield lead.group(1) + outer, inner
        elif not _HANGUL.search(outer) and _HANGUL_NAME.fullmatch(inner):
            yield outer, inner


def _variants(spellings: set[str]) -> bool:
    """Whether the spellings are one name written alike (a single one is)."""
    ordered = sorted(spellings)
    return all(difflib.SequenceMatcher(None, ordered[0], o).ratio() >= VARIANT_RATIO for o in ordered[1:])


class Aliases:
    """Groups of spellings of one name (transitively: A(B) and B(C) make one group)."""

    def __init__(self, found: Iterable[tuple[str, str]] = ()) -> None:
        self._parent: dict[str, str] = {}
        partners: dict[str, set[str]] = defaultdict(set)
        for a, b in found:
            a, b = norm(a), norm(b)
            if a and b and a != b:
                partners[a].add(b)
                partners[b].add(a)
        ambiguous = {w for w, ps in partners.items() if not _variants(ps)}
        for a, ps in partners.items():
            for b in ps:
                if a not in ambiguous and b not in ambiguous:
                    self._union(a, b)
        groups: dict[str, set[str]] = {}
        for name in self._parent:
            groups.setdefault(self._find(name), set()).add(name)
        self._groups = {name: frozenset(g) for g in groups.values() for name in g}

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Aliases":
        return cls(p for t in texts for p in pairs(t))

    def _find(self, x: str) -> str:
        self._parent.setdefault(x, x)
        while self._parent[x] != x:
            self._parent[x] = self._parent[self._parent[x]]
            x = self._parent[x]
        return x

    def _union(self, a: str, b: str) -> None:
        if a and b and a != b:
            self._parent[self._find(a)] = self._find(b)

    def forms(self, name: str) -> frozenset[str]:
        """Every spelling of ``name`` the corpus gives, itself included (normalized)."""
        key = norm(name)
        return self._groups.get(key, frozenset((key,)))

    def spelled_in(self, text: str) -> dict[str, frozenset[str]]:
        """The corpus's names ``text`` writes, each with its other spellings: a Hangul spelling anywhere (a
        particle may follow it), a Latin one as a whole word."""
        flat = norm(text)
        return {name: group - {name} for name, group in self._groups.items() if len(name) >= 2 and written(name, flat)}

    def known(self, name: str) -> bool:
        return norm(name) in self._groups

    def __len__(self) -> int:
        return len(self._groups)


def written(name: str, flat: str) -> bool:
    """``name`` (normalized) in ``flat`` (normalized text); a Latin end of it not run into more Latin letters or
    digits (``ai`` is not in ``openai``)."""
    start = flat.find(name)
    while start >= 0:
        end = start + len(name)
        if not (_LATIN.match(name[0]) and start and re.match(r"[0-9a-z]", flat[start - 1])) and \
                not (_LATIN.match(name[-1]) and end < len(flat) and re.match(r"[0-9a-z]", flat[end])):
            return True
        start = flat.find(name, start + 1)
    return False
