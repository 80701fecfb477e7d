"""One name in two scripts, recognised by its sound: 맥킨지 and McKinsey, 허사비스 and Hassabis.

Korean documents write a foreign name in Hangul or in Latin letters, and a question may use the other
spelling. The corpus's parentheses (:mod:`ragqa.aliases`) pair the names a document spells both ways; this
module pairs the rest by their consonants. Korean loanword spelling keeps a foreign name's consonants in
order and changes its vowels (it adds ``ㅡ`` between clustered consonants, ``스트``), so both spellings are
reduced to a *skeleton*: the sequence of consonant classes (K: ㄱㅋㄲ/k c q hard-g; T: ㄷㅌㄸ/d t; P: ㅂㅍㅃ/b p
f v; S: ㅅㅆㅈㅉㅊ/s z j x ch sh soft-c soft-g; L: ㄹ/l r; M; N: ㄴ ㅇ-final/n ng; H: ㅎ/initial h), vowels
and silent letters dropped, repeats merged. A final ``ㅅ`` is read as T (로봇, robot). Latin letters whose
sound the spelling does not fix give several skeletons (``th``: S or T; ``c``/``g`` before e, i, y: S or K;
an ``r`` after a vowel: L or silent, as Korean drops it in 가트너, Gartner). An acronym (GPU, HBM) is spelled
letter by letter in Hangul (지피유) and is not matched this way.

Measured on the five reports and allganize-dev's 13 PDFs (``eval/measure_transliteration.py``): a Hangul name
shares a skeleton with a Latin word of a paragraph of another document (a chance match) in 1.4% of paragraphs
for a skeleton of two classes (메타, 구글), 0.4% for three, 0.07% for four; the equal pairs inside one paragraph
are mostly one name (허사비스 Hassabis, 클라우드 Cloud, 딥시크 DeepSeek, 야랏츠 Yarats). So only a *name* the
question asks for is matched this way, around a candidate sentence: it counts in the sentence's lexical score (as
the corpus's aliases do), helps pick the sentence about the asked name and counts in the share of the question's
names found (one of the abstention model's features, never a decision alone); no text is rewritten and retrieval
does not use it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

# Hangul jamo -> consonant class: 19 initials (ㅇ is silent) and 28 finals (the first is none)
_INITIAL = "K K N T T L M P P S S - S S S K T P H".split()
_FINAL = ["", "K", "K", "K", "N", "N", "N", "T", "L", "L", "L", "L", "L", "L", "L", "L",
          "M", "P", "P", "T", "T", "N", "T", "T", "K", "T", "P", "T"]
_VOWELS = set("aeiouyw")
_WORD_VOWELS = re.compile(r"[aeio]")
_PLAIN = {"b": "P", "p": "P", "f": "P", "v": "P", "d": "T", "t": "T", "k": "K", "q": "K", "s": "S", "z": "S",
          "j": "S", "x": "KS", "l": "L", "r": "L", "m": "M", "n": "N", "h": "H"}
# shorter skeletons match too much by chance (one class: 애저 S); two classes match in 1.4% of paragraphs
# (measured above), kept because the most asked names are that short (메타, 구글, 하비)
MIN_CLASSES = 2
MAX_VARIANTS = 16
_HANGUL_RUN = re.compile(r"[가-힣]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]")
# Korean particles and the copula written onto a name (허사비스는, 엔비디아의, 딥시크에서): grammar, not vocabulary
_PARTICLE = re.compile(r"(?:에서|에게|으로|로서|로|과|와|은|는|이|가|을|를|의|에|도|만|라는|이라는|이다|인)$")


def _merge(classes: tuple[str, ...]) -> str:
    out: list[str] = []
    for c in "".join(classes):
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _hangul(run: str) -> str:
    out = []
    for ch in run:
        code = ord(ch) - 0xAC00
        first, last = _INITIAL[code // 588], _FINAL[code % 28]
        if first != "-":
            out.append(first)
        if last:
            out.append(last)
    return "".join(out)


def _latin(run: str) -> list[tuple[str, ...]]:
    """Each sound's possible classes, in order (a tuple of alternatives per sound; "" is a silent letter). An
    acronym (no vowel but u and y: GPU, HBM, LLM) is read letter by letter (지피유), not by its consonants: it
    has none here."""
    s = run.lower()
    if not _WORD_VOWELS.search(s):
        return []
    s = re.sub(r"(.)\1", r"\1", s)  # doubled letters sound once (Hugging, Frosst)
    sounds: list[tuple[str, ...]] = []
    i = 0
    while i < len(s):
        c, nxt, prev = s[i], s[i + 1:i + 2], s[i - 1:i] if i else ""
        pair = s[i:i + 2]
        if pair == "ph":
            sounds.append(("P",))
            i += 2
            continue
        if pair in ("sh", "ch"):
            sounds.append(("S",))
            i += 2
            continue
        if pair == "th":
            sounds.append(("S", "T"))
            i += 2
            continue
        if pair == "ck":
            sounds.append(("K",))
            i += 2
            continue
        if pair == "ng":
            sounds.append(("N",))
            i += 2
            continue
        if c in _VOWELS or (c == "h" and prev):
            i += 1
            continue
        if c == "r" and prev in _VOWELS and nxt not in _VOWELS:
            sounds.append(("L", ""))
        elif c in "cg" and nxt and nxt in "eiy":
            sounds.append(("S", "K"))
        elif c in "cg":
            sounds.append(("K",))
        elif c in _PLAIN:
            sounds.append((_PLAIN[c],))
        i += 1
    return sounds


@lru_cache(maxsize=8192)
def skeletons(word: str) -> frozenset[str]:
    """The consonant skeletons ``word`` may be read as (Hangul, Latin or both, as in 오픈AI)."""
    parts: list[tuple[str, ...]] = []
    for m in re.finditer(r"[가-힣]+|[A-Za-z]+", word):
        run = m.group(0)
        if _HANGUL_RUN.fullmatch(run):
            parts.append((_hangul(run),))
        else:
            parts.extend(_latin(run))
    variants = 1
    for alts in parts:
        variants *= len(alts)
    if variants > MAX_VARIANTS:  # a long name with many ambiguous letters: its first reading only
        parts = [alts[:1] for alts in parts]
    return frozenset(s for s in map(_merge, product(*parts)) if len(s) >= MIN_CLASSES)


def same_name(a: str, b: str) -> bool:
    """``a`` and ``b`` (one in Hangul, one in Latin letters) may be one name: a skeleton in common."""
    return bool(skeletons(a) & skeletons(b))


def written_in(name: str, text: str) -> bool:
    """``text`` writes ``name`` in the other script: a Latin word (or two, Hugging Face) for a Hangul name, a
    Hangul word, particles aside, for a Latin one."""
    own = skeletons(name)
    if not own:
        return False
    hangul = bool(_HANGUL_RUN.search(name))
    latin = bool(_LATIN_RUN.search(name))
    if hangul and not latin:
        words = _LATIN_WORD.findall(text)
        cands = words + [a + b for a, b in zip(words, words[1:])]
    elif latin and not hangul:
        words = _HANGUL_RUN.findall(text)
        cands = words + [_PARTICLE.sub("", w) for w in words]  # 허사비스는; but 스타인 may end in 인
    else:
        return False  # a mixed name (오픈AI) is matched by its own spelling
    return any(own & skeletons(w) for w in cands if w)
