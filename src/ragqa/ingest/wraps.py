"""Where a PDF's line ends its sentence and where the sentence goes on: the rules that rejoin what a page's
layout cut (a line wrapped mid-sentence or mid-word, a sentence carried over a page break and its furniture,
a footnote's wrapped lines, a date wrapped before its month and day) and that keep apart what only looks cut
(a line that opens a new item: a bullet, a number, a symbol font's glyph read as a letter).

Used by :func:`ragqa.ingest.clean.segment` on the classified lines of a document (:class:`~ragqa.ingest.lines.Line`).
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ragqa.ingest.lines import Line

# a line that ends a sentence: a final ending (-다, -요, -니다) or the reports' noun endings (-음, -함, -됨, -임),
# a full stop, a closing quote or bracket
SENTENCE_END = re.compile(r"(다|요|음|함|됨|임|니다|[.!?。”\"'’)\]>])\s*$")
# a date wrapped after its year: "… 2017." then "2. 25. …" (a line that opens with a month and a day is then
# no numbered heading, and the sentence goes on)
MONTH_DAY = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.(?:\s|$)")
YEAR_END = re.compile(r"(?:19|20)\d{2}\.$")


_ITEM = re.compile(r"^[-•·ㅇ□*▶◦]|^\(")  # a line that opens a list item, after a page break
# ... and within a page: any shape of Unicode's arrows, geometric shapes, symbols and dingbats blocks (▣, ▶,
# ◆, ➡, ☞, ❶: a bullet, an arrow that leads a conclusion, a dingbat number), a symbol font's private-use glyph,
# a box's or a claim's title (《 … 》, 【청구항 1】), circled numbers,
# "1. ", "가) ", "Ⅱ. ", a parenthesized label before its text ("(소방) 다중운집 …", "(1) …"). Not "→", which a wrapped
# "A → B" may carry to the next line, nor a single bracket (「법」, which may open a title inside the sentence), nor
# the "2. 25." of a date wrapped after its year, nor a parenthesis the sentence goes on in: one that does not close
# on the line, or is followed by a particle, a comma or the line's end ("… 스마트폰인 C" / "(이하 ‘C’이라 한다)을 …")
NEW_ITEM = re.compile(r"^[-•·∙‧ㅇ■◦￭※*➀-➉①-⑳\u2190\u2191\u2193-\u21ff\u25a0-\u25ff\u2600-\u27bf\uf000-\uf0ff《【]|"
                      r"^\((?=[^()]*\)\s+\S)|"
                      r"^(?:\d{1,2}|[Ⅰ-Ⅻ]|[가나다라마바사아자차카타파하])[.)]\s(?!\d{1,2}\.(?:\s|$))")


def continuation(lines: list[Line], i: int, soft_wrap: bool = False, over_footnotes: bool = True,
                  items: frozenset[int] = frozenset(), pages: tuple[int, ...] = (),
                  measure: float = math.inf) -> tuple[int, list[tuple[int, int]]]:
    """Index of the last line of the paragraph starting at ``i``, and footnote spans to skip.

    ``soft_wrap``: the text was laid out in lines by a page (PDF): a line that ends mid-sentence and is
    followed at once by a body line that does not open a new item (a bullet, a number, a parenthesis)
    goes on in that line. In authored text (TXT, HTML) a line break ends the paragraph.
    ``over_footnotes``: a sentence cut by footnote lines (a page break) goes on after them; off for a
    footnote's own continuation, which a next footnote ends. ``items``: start offsets of further lines that
    open an item (a symbol font's bullet read as a letter, :func:`glyph_pattern`). ``pages``: where each
    page starts; a sentence whose page ends on a full line (``measure``: :func:`measure`) goes on over the
    page's furniture (its number, running title: boilerplate lines, skipped like footnotes) on the next
    page. A short last line (a cover's, a contents entry, a caption) ends its paragraph there."""
    j, skip = i, []
    passable = ("blank", "footnote", "boilerplate") if over_footnotes else ("blank",)
    while not SENTENCE_END.search(lines[j].text) or soft_wrap and _number_goes_on(lines, j):
        k = j + 1
        between: list[Line] = []
        while True:
            while k < len(lines) and lines[k].kind in passable:
                between.append(lines[k])
                k += 1
            # each of the page's notes in turn: a note's own wrapped lines after it on its page (``… 이 사`` / ``건 C
            # 가운데 …``) are its text, passed with it, and the sentence goes on after them (on the next page)
            note = between[-1] if soft_wrap and over_footnotes and between and k < len(lines) else None
            if note is None or note.kind != "footnote" or any(note.end < p <= lines[k].start for p in pages):
                break
            end = continuation(lines, k - 1, soft_wrap=True, over_footnotes=False)[0]
            if end < k:
                break
            between.extend(replace(line, kind="footnote") for line in lines[k:end + 1])
            k = end + 1
        if k >= len(lines):
            break
        wrapped = soft_wrap and not between
        page_break = soft_wrap and len(lines[j].text) >= FULL_LINE * measure \
            and any(lines[j].end < p <= lines[k].start for p in pages)
        footnoted = any(ln.kind == "footnote" for ln in between)
        furniture = any(ln.kind == "boilerplate" for ln in between)
        if not (wrapped or page_break or footnoted) or (furniture and not page_break) \
                or lines[k].kind != "body" or (NEW_ITEM if wrapped or page_break and not footnoted
                                               else _ITEM).match(lines[k].text) \
                or lines[k].start in items:
            break
        skip.extend((ln.start, ln.end) for ln in between if ln.kind in ("footnote", "boilerplate"))
        j = k
    return j, skip


# a line at least this share of the document's measure fills the page's width (justified text varies a little).
# Set by hand, measured by eval/measure_full_line.py (eval/full_line.json): on allganize-dev's fit half 0.8 and
# 0.9 tie, 0.6 and 0.7 lose 1.75 questions of key-fact recall, never joining gains 0.72 of one (under the
# one-question margin a move needs)
FULL_LINE = 0.8


def measure(lines: list[Line]) -> float:
    """The width of the document's text column, in characters: the median length of the body lines that
    wrap mid-sentence into another body line (infinite when none does)."""
    widths = [len(a.text) for a, b in zip(lines, lines[1:])
              if a.kind == b.kind == "body" and not SENTENCE_END.search(a.text)]
    return statistics.median(widths) if widths else math.inf


def _number_goes_on(lines: list[Line], j: int) -> bool:
    """Line ``j`` ends with a date or number whose sentence goes on in the next line, though its last
    character is a period: a year wrapped before its month and day ("… 2017." / "2. 25. …"), or a date the
    next line continues with a particle or an ending ("… 2017. 2. 26." / "부터 …", "까지는 …": Kiwi reads the
    two joined)."""
    if j + 1 >= len(lines):
        return False
    a, b = lines[j].text, lines[j + 1].text
    if YEAR_END.search(a) and MONTH_DAY.match(b):
        return True
    return _particle_follows(a, b)


def _particle_follows(a: str, b: str) -> bool:
    """Line ``a`` ends with a number or date ("2017. 2. 26.") that line ``b`` continues with a particle or an
    ending ("부터", "까지는", "자로"), as Kiwi reads the two written together."""
    tail = _NUMBER_END.search(a)
    if not tail or not _HANGUL_START.match(b):
        return False
    from ragqa import korean

    number = tail.group(0).strip()
    tokens = korean.kiwi().tokenize(number + b.split()[0])
    after = [t for t in tokens if t.start >= len(number)]
    return bool(after) and after[0].tag.startswith(("J", "E", "VCP", "XS"))


_NUMBER_END = re.compile(r"\d[\d.\s]*\d\.$|\d\.$")
_HANGUL_START = re.compile(r"[가-힣]")


def glyph_pattern(text: str, lines: list[Line]) -> re.Pattern[str] | None:
    """A pattern for the bullets a PDF's symbol font left as a Latin letter (Wingdings' ■ read as `n`, ● as
    `l`): a lone lower-case letter that opens at least three lines, mostly before Korean text, and stands
    alone nowhere else in the document. None when the document has none."""
    openers: dict[str, list[str]] = {}  # letter -> the character after it, one per line it opens
    for ln in lines:
        m = _GLYPH_LINE.match(ln.text)
        if m:
            openers.setdefault(m.group(1), []).append(m.group(2))
    letters = [c for c, after in openers.items() if len(after) >= 3
               and 2 * sum("가" <= a <= "힣" for a in after) > len(after)
               and len(re.findall(rf"(?<![A-Za-z]){c}(?![A-Za-z])", text)) == len(after)]
    return re.compile(rf"[{''.join(letters)}]\s+(?=\S)") if letters else None


_GLYPH_LINE = re.compile(r"([a-z])\s+(\S)")
_WRAP_LEFT = re.compile(r"[가-힣0-9]$")
_WRAP_RIGHT = re.compile(r"^[가-힣]")


def breaks_inside_words(lines: list[Line], skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The line breaks of one paragraph that fall inside a word, as spans to delete.

    A page wraps a Korean line anywhere, mid-word (`사업자는 물` / `품등으로`, `신속한 치` / `료가`); read with
    a space there, the word is two (`물 품등으로`) for the reader, for BM25's terms and for the sentence
    vectors. Where a Hangul syllable (or a digit) meets a Hangul syllable across a break, Kiwi's spacing model
    reads the last words before it and the first after it joined and says whether a space belongs there
    (:func:`inside_word`); a particle after a date is written onto it (:func:`_particle_follows`).
    ``skip``: spans already deleted (footnote lines between two lines of the sentence)."""
    kept = [ln for ln in lines if ln.text and not any(a <= ln.start and ln.end <= b for a, b in skip)]
    out = []
    for a, b in zip(kept, kept[1:]):
        if _particle_follows(a.text, b.text):  # "2017. 2. 26." / "부터": the particle is written onto the date
            out.append((a.end, b.start))
            continue
        if inside_word(a.text, b.text):
            out.append((a.end, b.start))
    return out


def inside_word(a: str, b: str) -> bool:
    """A line break between lines ``a`` and ``b`` falls inside a Korean word: Kiwi's spacing model, reading
    the last words of ``a`` and the first of ``b`` joined, puts no space there."""
    from ragqa import korean

    if not (_WRAP_LEFT.search(a) and _WRAP_RIGHT.match(b)):
        return False
    left, right = " ".join(a.split()[-2:]), " ".join(b.split()[:2])
    spaced = korean.kiwi().space(left + right, reset_whitespace=False)
    at, seen = len(left.replace(" ", "")), 0
    for k, ch in enumerate(spaced):
        seen += ch != " "
        if seen == at:
            return spaced[k + 1:k + 2] != " "
    return False
