"""Cleaning that keeps offsets: a document's source text -> typed :class:`Segment` records.

Nothing is edited in place. Each line of the source text is classified (heading, body,
table, caption, footnote, references, boilerplate), neighbouring lines are grouped into
segments, and each segment's cleaned text is built character by character together with
``pos``, the offset of every cleaned character in the source text.

The relation between a cleaned text and its source span (tested for every chunk of the
corpus, see :func:`is_derived`): the cleaned text is obtained from the source span by
*deleting* characters (markup tags, ``\\`` escapes, ``**``, footnote lines that cut a
sentence), *folding* every run of whitespace into one space (one tab when the run holds a
tab: table cells stay apart), and *substituting* single
characters from :data:`OCR_FIXES` (``Al`` -> ``AI``, ``皿`` -> ``Ⅲ`` in headings); a markup tag
between cells or blocks (``</td><td>``) leaves its ``<`` as the one separating space or tab.
Its first and last characters are the first and last characters of the span. Where a PDF's line goes on in the
next one (a wrap mid-sentence or mid-word, a page break) is decided by :mod:`ragqa.ingest.wraps`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from ragqa.ingest import wraps
from ragqa.ingest.furniture import furniture_spans
from ragqa.types import Segment

# Characters OCR takes for a Roman numeral (generic OCR confusions, not one report's): a heading
# numbered with one becomes that numeral only where the headings' own sequence expects it (Ⅱ. then 皿.).
ROMAN_LOOKALIKES: dict[str, str] = {"皿": "Ⅲ", "ш": "Ⅲ"}
# Single-character substitutions the cleaner may make (source char -> cleaned char).
OCR_FIXES: dict[str, str] = {"l": "I", **ROMAN_LOOKALIKES}
_NUMERALS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
_ROMAN_VALUE = {**{ch: i + 1 for i, ch in enumerate(_NUMERALS)},
                **{r: i + 1 for i, r in enumerate(("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"))}}
_NUMBERED = re.compile(r"^\s*(\S+?)\.\s*(.*)$")

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_BOUNDARY_TAG = re.compile(r"</?(td|th|tr|li|p|br|div|h[1-6])\b", re.I)
_ESCAPE = re.compile(r"\\(?=[$%&_#*\[\]])")
_BOLD = re.compile(r"\*\*")
# "Al" where OCR may have read the capital I of "AI" as a lower-case l: "Al 인프라", "OpenAl", "Mistral Al".
# It is changed only where the same document writes "AI" in the same place (see ocr_al_evidence), so
# "Al Jazeera" or "Al Gore" stay as they are.
_OCR_AL = re.compile(r"(?<![A-Z])A(l)(?![a-z])")
_AI_TOKEN = re.compile(r"(?<![A-Z])AI(?![A-Za-z])")
_WORD_AFTER = re.compile(r"\s*([A-Za-z가-힣0-9]{1,12})")
_WORD_BEFORE = re.compile(r"([A-Za-z가-힣]{1,12})\s*$")


def _contexts(text: str, at: int, end: int) -> set[str]:
    """The words on either side of a token (what "AI" and a suspected "Al" are compared by)."""
    out = set()
    after = _WORD_AFTER.match(text, end)
    if after:
        out.add(">" + after.group(1))
    before = _WORD_BEFORE.search(text[max(0, at - 14):at])
    if before:
        out.add("<" + before.group(1))
    return out


def ocr_al_evidence(text: str) -> set[str]:
    """The contexts in which a document writes "AI": an "Al" in one of them is that word misread."""
    evidence: set[str] = set()
    for m in _AI_TOKEN.finditer(text):
        evidence |= _contexts(text, m.start(), m.end())
    return evidence

_ROMAN = r"(?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|Ⅶ|I|II|III|IV|V|VI|VII|" + "|".join(ROMAN_LOOKALIKES) + ")"
_HEADINGS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^{_ROMAN}\.\s*\S.{{0,60}}$")),
    # a section numbered with a Roman numeral character and no period (" Ⅰ 개요 ", a report's chapter title);
    # not the Latin letters, which open words ("I think", "V3")
    (1, re.compile(r"^[Ⅰ-Ⅻ]\s+\S.{0,40}$")),
    # a chapter numbered with a zero-padded number and no period ("01 부동산 세금제도", a guide's part title)
    (1, re.compile(r"^0[1-9]\s+[^\d\s].{0,40}$")),
    (1, re.compile(r"^[<〈](요약|결론 부문|본론|서론|요 약)[>〉]$")),
    # numbering has no 0 component ("3.0 Opus" is a chart label), at most two digits a part (a line opening
    # with "2017. 2. 25." or "2024.1.1." is a date, as in a judgment's text) and is followed by words
    (4, re.compile(r"^\d{1,2}\.[1-9]\d?\.[1-9]\d?\.?\s+[^\d\s].{0,60}$")),
    (3, re.compile(r"^\d{1,2}\.[1-9]\d?\.?\s+[^\d\s].{0,60}$")),
    (2, re.compile(r"^\d{1,2}\.\s+\S.{0,50}$")),
    (3, re.compile(r"^□\s*\S.{0,80}$")),
]
_ARTICLE = re.compile(r"^제\s?\d{1,3}조(?:의\s?\d{1,2})?\s*\([^()]{1,40}\)$")  # a statute's article: 제3조(알선수재)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")
_REFERENCES = re.compile(r"^[<〈\[(]?\s*(참고\s*자료|참고\s*문헌|references|bibliography)\s*[>〉\])]?$", re.I)
_FOOTNOTE = re.compile(r"^(?:(?P<number>\d{1,3})\)\s|[¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾|<https?://[^\s>]+>$|https?://\S+$)")
_CAPTION = re.compile(r"^(?:\[(?:그림|표|Figure|Table)\s*\d+[^\]]*\].*|"
                      r"<(?!/?(?:p|ul|ol|li|table|tr|td|th|div|span|br|h\d|a|img|b|i|em|strong|html|head|body|title|https?:)\b)"
                      r"[^<>=]{2,100}>.{0,100}|"
                      r"(?:※\s*)?(?:출처|자료|Source)\s*[:：].*|출처\s*:.*)$", re.I)
# a contents entry: its page number after a tab (the text reports) or, as a PDF lays it out, after a space or dot
# leaders ("Ⅳ. 향후 과제 15", "1. 개요 ······ 3"); an entry without one (a part's title over its numbered entries) is
# short and goes on (_toc_part_title)
_TOC_LINE = re.compile(r"^.{2,80}\t\d{1,3}$|^\S.{0,78}?(?:\s|[.·…‥]{2,})\s*\d{1,3}$")
# Web-page chrome common to Korean news and board pages: navigation, bylines, share/comment widgets,
# headline lists, copyright credits. A site's own furniture (its name, its widgets) is not listed here:
# it goes in the corpus's ``cleaning.json`` (:func:`ragqa.ingest.manifest.read_cleaning`), and PDF page
# furniture is found by repetition (:mod:`ragqa.ingest.furniture`).
_CHROME = re.compile(
    r"^(?:메뉴 건너뛰기|본문 ?듣기|작성시간|작성자|메타정보|첨부파일|본문|댓글목록|등록된 댓글이 없습니다\.?|"
    r"실시간|뉴스|\[?email\s*protected\]?|\[[^\]]*(?:재판매|DB 금지)[^\]]*\]|"
    r"\[Ⓒ[^\]]*\]|•?\s*(?:기사입력|최종수정)\s.*|•?\s*\d{1,3}|.*기사 ?제보.*|.*무단 ?전재.*재배포.*|"
    r"번호 제목 글쓴이 날짜|.*에서 검색됨)$")
_HEADLINE_ROW = re.compile(r"^\d{3,7}\s.+\s\d{4}\.\d{2}\.\d{2}\.?$")
_DEBRIS = re.compile(r"^(?:[0-9a-f]{16,}_\d+|[\d.,%\s]+(?:\s?[A-Za-z]{1,10})?|[^\w가-힣]{1,6}|x|\*\*.*\*\*)$")
_TABLE_HTML = re.compile(r"<(?:table|tr|td|th)\b|<ul style", re.I)
_HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>", re.I)


@dataclass
class Line:
    start: int  # offsets of the stripped line in the source text
    end: int
    text: str
    kind: str = "body"
    level: int = 0
    lead_tabs: int = 0  # tabs in the stripped indentation: empty leading cells of a table row
    through: int = 0  # a title the layout marks (type size, a heading style): where it ends (its lines share it)


def _lines(text: str) -> list[Line]:
    out, offset = [], 0
    for raw in text.split("\n"):
        s = offset + (len(raw) - len(raw.lstrip()))
        e = offset + len(raw.rstrip())
        out.append(Line(s, max(s, e), text[s:max(s, e)], lead_tabs=raw[:s - offset].count("\t")))
        offset += len(raw) + 1
    return out


def _is_blank(line: Line) -> bool:
    return not line.text or not unicodedata.normalize("NFKC", line.text).strip()


_PAIRS = (("「", "」"), ("『", "』"), ("(", ")"), ("《", "》"), ("[", "]"), ("“", "”"))


def heading_level(text: str) -> int:
    """Heading level of a line (0: not a heading). Long or sentence-final lines are body."""
    m = _MD_HEADING.match(text) or _HTML_HEADING.match(text)
    if m:
        return len(m.group(1)) if m.group(1).startswith("#") else int(m.group(1))
    if len(text) > 70 or re.search(r"(다|함|음)\.?$", text) and len(text) > 30:
        return 0
    if _CLAUSE_END.search(text):
        return 0  # a numbered sentence ("1. 제1심 판결을 취소한다.", an order's item) or a clause going on
    if any(text.count(o) > text.count(c) for o, c in _PAIRS):
        return 0  # a bracket left open ("… 「금융회사의 지배구조에 관한 법"): a wrapped list item, not a title
    for level, pattern in _HEADINGS:
        if pattern.match(text):
            return level
    return 0


_CLAUSE_END = re.compile(r"(?:다|라)\.$|,$")


def _toc_part_title(lines: list[Line], i: int) -> bool:
    """Line ``i`` of a table of contents is a part's title without a page number: short, no sentence, and the next
    line is an entry with one."""
    if len(lines[i].text) > 60:
        return False
    nxt = next((line.text for line in lines[i + 1:] if not _is_blank(line)), "")
    return bool(_TOC_LINE.match(nxt))


def _ends_a_wrapped_word(lines: list[Line], i: int) -> bool:
    """Short line ``i`` finishes the word the line before it was cut in (``… 물적 설비`` / ``를 갖출 것``): the end of
    a wrapped line, not a stray word of layout (nor a letter of a title set vertically, one a line)."""
    before = lines[i - 1] if i else None
    return before is not None and len(before.text) > 6 and not wraps.SENTENCE_END.search(before.text) \
        and not wraps.NEW_ITEM.match(lines[i].text) and wraps.inside_word(before.text, lines[i].text)


def _previous_text(lines: list[Line], i: int) -> str:
    """The text of the last non-blank line before ``i`` ("" at the start)."""
    for line in reversed(lines[:i]):
        if not _is_blank(line):
            return line.text
    return ""


def classify(lines: list[Line], furniture: frozenset[int] = frozenset(),
             chrome: re.Pattern[str] | None = None, titles: dict[int, tuple[int, int]] | None = None,
             paragraphs: bool = False) -> None:
    """Set ``kind`` (and ``level`` for headings) on every line, in place.

    ``furniture``: start offsets of lines found to be page furniture (:mod:`ragqa.ingest.furniture`);
    ``chrome``: a corpus's own web-chrome lines (its ``cleaning.json``), matched whole; ``titles``: titles the
    layout marks (a PDF's larger type, a DOCX's or HWPX's heading styles), first line's start -> (end, rank);
    ``paragraphs``: each line is a paragraph the file's structure gives (an office format's paragraph, a slide's
    bullet), so a short one is text, not a stray word that extraction scattered over the page.
    """
    in_toc = in_refs = in_chrome_list = False
    title_end, title_level = 0, 0
    for i, line in enumerate(lines):
        t = line.text
        if _is_blank(line):
            line.kind = "blank"
            continue
        if line.start in furniture:
            line.kind = "boilerplate"
            continue
        if line.start < title_end:  # a title's second line
            line.kind, line.level, line.through = "heading", title_level, title_end
            continue
        compact = t.replace(" ", "")
        if in_refs:
            line.kind = "references"
            continue
        if _REFERENCES.match(t.strip("*# ")):
            line.kind, in_refs = "references", True
            continue
        if compact in ("목차", "목 차", "Contents", "CONTENTS"):
            line.kind, in_toc = "boilerplate", True
            continue
        if in_toc:
            if _TOC_LINE.match(t) or _toc_part_title(lines, i):
                line.kind = "boilerplate"
                continue
            in_toc = False
        if t == "번호 제목 글쓴이 날짜":
            in_chrome_list = True
        if in_chrome_list and (t == "번호 제목 글쓴이 날짜" or _HEADLINE_ROW.match(t)):
            line.kind = "boilerplate"
            continue
        in_chrome_list = False
        if _CHROME.match(t) or _HEADLINE_ROW.match(t) or (chrome is not None and chrome.fullmatch(t)):
            line.kind = "boilerplate"
            continue
        if "\t" in t and len([c for c in t.split("\t") if c.strip()]) >= 2 or _TABLE_HTML.search(t) \
                or (line.lead_tabs >= 2 and not _FOOTNOTE.match(t)):
            line.kind = "table"
            continue
        level = heading_level(t)
        if not level and titles and line.start in titles and \
                not any(heading_level(ln.text) for ln in lines[i + 1:] if ln.start < titles[line.start][0]):
            title_end, rank = titles[line.start]  # (a numbered heading in its second line heads on its own)
            title_level = TYPE_TITLE_LEVEL + rank
            line.kind, line.level, line.through = "heading", title_level, title_end
            continue
        if level and wraps.MONTH_DAY.match(t) and wraps.YEAR_END.search(_previous_text(lines, i)):
            level = 0  # "2. 25. ..." after a line ending "2017.": a date wrapped across lines, not section 2
        if level:
            line.kind, line.level = "heading", level
            continue
        if _DEBRIS.match(t) or (t.startswith("- ") and heading_level(t[2:].strip())):
            line.kind = "boilerplate"  # chart labels, image names; a bulleted table of contents
            continue
        if _FOOTNOTE.match(t):
            line.kind = "footnote"
            continue
        if _CAPTION.match(t) and not _TAG.fullmatch(t):
            line.kind = "caption"
            continue
        if not paragraphs and len(t) <= 6 and not re.search(r"\d{2,}", t) and not wraps.SENTENCE_END.search(t) \
                and not _ends_a_wrapped_word(lines, i):
            line.kind = "boilerplate"  # stray words of layout: "AI", "연합뉴스", cover lines; a short sentence stays
            continue
        line.kind = "body"
    _retag_continuation_rows(lines)


# the deeper levels of a Korean document's outline, after "1." (level 2): 가. > 1) > 가) > (1) > (가)
_OUTLINE = ((3, re.compile(r"^[가-하]\.\s*[^\d\s]")), (4, re.compile(r"^\d{1,2}\)\s*[^\d\s]")),
            (5, re.compile(r"^[가-하]\)\s*\S")), (6, re.compile(r"^\(\d{1,2}\)\s*\S")), (7, re.compile(r"^\([가-하]\)\s*\S")))
_OUTLINE_MAX_CHARS = 40  # a title, not a sentence; the numbered-heading patterns above allow ~50-60


# a title the layout marks (a PDF's type size, a DOCX or HWPX heading style) and no number does sits below every
# numbered level (Markdown's 6, the outline's 7): it heads a part of the numbered section it stands in
TYPE_TITLE_LEVEL = 8

_ENUMERATED = re.compile(r"^\d{1,2}\.\s")


def _enumerations_are_items(lines: list[Line]) -> None:
    """A ``N. …`` heading next to another ``N. …`` line, or under a statute's article (``제3조(알선수재)``), is
    an item of a list (a statute's items, an order's clauses, a list of parties, contents entries), not a
    section's title: a section holds text before the next one begins."""
    shown = [ln for ln in lines if ln.kind != "blank"]
    numbered = [ln.kind in ("heading", "body") and bool(_ENUMERATED.match(ln.text)) for ln in shown]
    article = False  # after a statute's article line (제3조(알선수재)), "1." numbers the article's items
    for k, line in enumerate(shown):
        if line.kind == "heading" and line.level == 2 and numbered[k] and \
                (article or (k and numbered[k - 1]) or (k + 1 < len(shown) and numbered[k + 1])):
            line.kind, line.level = "body", 0
        elif line.kind == "heading" and line.level <= 2:
            article = False
        elif _ARTICLE.match(line.text):
            article = True


def _outline_level(text: str) -> int:
    return next((level for level, pattern in _OUTLINE if pattern.match(text)), 0)


def _numbered_level(text: str) -> int:
    """The outline level of a numbered line (2 for ``1. ``, 3 for ``가. `` …; 0 when not numbered)."""
    return 2 if _ENUMERATED.match(text) else _outline_level(text)


def _outline_headings(lines: list[Line]) -> None:
    """Body lines that title what follows in a Korean outline (``가. 당사자들의 주장``, ``1) 원고``, ``(1) P에
    대한 뇌물공여``) become headings: short, numbered at a level below ``1.``, stating no sentence, and followed
    by text of their own rather than by the next item of the same list or of a higher one (``가. 전산설비`` /
    ``나. 인적설비`` is an enumeration, and stays body)."""
    shown = [ln for ln in lines if ln.kind != "blank"]
    for k, line in enumerate(shown):
        t = line.text
        if line.kind != "body" or len(t) > _OUTLINE_MAX_CHARS or wraps.SENTENCE_END.search(t) or _CLAUSE_END.search(t):
            continue
        level = _outline_level(t)
        nxt = shown[k + 1] if k + 1 < len(shown) else None
        prev = shown[k - 1] if k else None
        if not level or nxt is None or nxt.kind != "body" or 0 < _numbered_level(nxt.text) <= level \
                or (prev is not None and prev.kind == "body" and _outline_level(prev.text) == level
                    and len(prev.text) <= _OUTLINE_MAX_CHARS):
            continue
        line.kind, line.level = "heading", level


def _retag_continuation_rows(lines: list[Line]) -> None:
    """Tab-indented lines right after a table row are wrapped cells of that table (one pass)."""
    prev: Line | None = None  # the last non-blank line seen, after any retagging
    for line in lines:
        if prev is not None and prev.kind == "table" and line.kind in ("body", "caption") and \
                (line.lead_tabs or "\t" in line.text):
            line.kind = "table"
        if line.kind != "blank":
            prev = line


def clean_span(text: str, start: int, end: int, skip: list[tuple[int, int]] = (),
               numeral: str = "", ai_evidence: set[str] | None = None) -> tuple[str, tuple[int, ...]]:
    """Cleaned text of ``text[start:end]`` and the source offset of each of its characters.

    ``skip`` lists spans to delete (footnote lines inside a sentence); ``numeral``: the Roman numeral a
    heading's look-alike first character stands for; ``ai_evidence``: :func:`ocr_al_evidence` of the
    document (None: computed from ``text``).
    """
    span = text[start:end]
    keep = bytearray(b"\x01") * len(span)
    subs: dict[int, str] = {}
    for a, b in skip:
        for i in range(max(a, start) - start, min(b, end) - start):
            keep[i] = 0
    for pattern in (_TAG, _ESCAPE, _BOLD):
        for m in pattern.finditer(span):
            for i in range(m.start(), m.end()):
                keep[i] = 0
            if pattern is _TAG:  # a cell or block boundary still separates what it separated
                sep = _BOUNDARY_TAG.match(m.group(0))
                if sep:
                    keep[m.start()] = 1
                    subs[m.start()] = "\t" if sep.group(1).lower() in ("td", "th") else " "
    if "Al" in span:
        evidence = ocr_al_evidence(text) if ai_evidence is None else ai_evidence
        for m in _OCR_AL.finditer(span):
            if _contexts(text, start + m.start(), start + m.end()) & evidence:
                subs[m.start(1)] = "I"
    if numeral:
        m = re.match(r"\s*(\S)(?=\.)", span)
        if m and ROMAN_LOOKALIKES.get(m.group(1)) == numeral:
            subs[m.start(1)] = numeral
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(span):
        if not keep[i]:
            continue
        ch = subs.get(i, ch)
        if ch.isspace() or ch == "\u00a0":
            if chars and chars[-1] not in " \t":
                chars.append(" ")
                pos.append(start + i)
            if ch == "\t" and chars and chars[-1] == " ":
                chars[-1] = "\t"  # a cell boundary survives the folding
            continue
        chars.append(ch)
        pos.append(start + i)
    while chars and chars[-1] in " \t":
        chars.pop()
        pos.pop()
    return "".join(chars), tuple(pos)


def is_derived(source_span: str, cleaned: str) -> bool:
    """True when ``cleaned`` derives from ``source_span`` by the rules in the module docstring."""
    if not cleaned:
        return not source_span.strip()
    if not _same(source_span[0], cleaned[0]) or not _same(source_span[-1], cleaned[-1]):
        return False
    i = 0
    for ch in cleaned:
        while i < len(source_span) and not _same(source_span[i], ch):
            i += 1
        if i == len(source_span):
            return False
        i += 1
    return True


def _same(src: str, out: str) -> bool:
    return src == out or (out in " \t" and (src.isspace() or src in "\u00a0<")) or OCR_FIXES.get(src) == out


def _unreferenced_notes_are_items(text: str, lines: list[Line], pages: tuple[int, ...]) -> None:
    """In a paged document a line opening with ``N)`` is a footnote only where the text refers to it: a mark
    ``N)`` written onto a word (``보온병1)``, ``판결2)``) on its page or the one before. Without one it is a
    numbered item (a judgment numbers its third level ``1)``, ``2)``: ``2) 이 법원의 판단``), and body."""
    for line in lines:
        m = _FOOTNOTE.match(line.text) if line.kind == "footnote" else None
        if m is None or m.group("number") is None:  # a superscript mark or a URL: a note as it is
            continue
        starts = [p for p in pages if p <= line.start]
        since = starts[-2] if len(starts) >= 2 else 0
        if not re.search(rf"[^\s\d(\[]{m.group('number')}\)", text[since:line.start]):
            line.kind = "body"


def segment(text: str, pages: tuple[int, ...] = (), chrome: tuple[str, ...] = (),
            titles: tuple[tuple[int, int, int], ...] = (), paragraphs: bool = False) -> list[Segment]:
    """Split a document's source text into typed, offset-keeping segments.

    ``pages``: where each page starts (paged formats); lines repeated at the top or bottom of most
    pages are furniture (:func:`ragqa.ingest.furniture.furniture_spans`) and become boilerplate.
    ``chrome``: regular expressions of a corpus's own web-chrome lines (its ``cleaning.json``).
    ``titles``: titles the layout marks, (start, end, rank): a PDF's set in larger type
    (:func:`ragqa.ingest.pdf_titles.type_headings`), a DOCX's or HWPX's heading styles; headings of their own level
    below the numbered ones, a two-line title one heading.
    ``paragraphs``: the lines are paragraphs read from the file's structure (DOCX, HWPX, HWP, PPTX, XLSX): a short
    one (a slide's bullet ``비용 절감``) is text.

    Body lines become one paragraph each, except that a line cut mid-sentence (a page
    break with footnotes in between, or in a paged format the page's line wrap) is joined with
    its continuation, the footnote lines between them left out of the cleaned text.
    Consecutive table lines (with a caption just before and a source note just after) form one
    table segment.
    """
    lines = _lines(text)
    classify(lines, frozenset(s for s, _ in furniture_spans(text, pages)),
             re.compile("|".join(f"(?:{c})" for c in chrome)) if chrome else None,
             {start: (end, rank) for start, end, rank in titles}, paragraphs)
    if pages:
        _unreferenced_notes_are_items(text, lines, pages)
    _enumerations_are_items(lines)
    _outline_headings(lines)
    measure = wraps.measure(lines) if pages else math.inf
    if pages:
        # a numbered line whose last word goes on in the next line, or that fills the column and goes on in
        # the next line, is a wrapped item, not a title (a title stops short of the column's width)
        for a, b in zip(lines, lines[1:]):
            if a.kind == "heading" and not a.through and b.kind == "body" and not wraps.NEW_ITEM.match(b.text) \
                    and (len(a.text) >= wraps.FULL_LINE * measure or wraps.inside_word(a.text, b.text)):
                a.kind, a.level = "body", 0
    evidence = ocr_al_evidence(text)
    glyph = wraps.glyph_pattern(text, lines) if pages else None
    bulleted = {ln.start: m.end() for ln in lines if glyph and (m := glyph.match(ln.text))}  # line -> glyph length
    # headings numbered with a real Roman numeral, by their title: "皿. 시사점" is "Ⅲ. 시사점" when the
    # document also has that heading, or when its headings' sequence expects Ⅲ next
    numbered = {}
    for ln in lines:
        m = _NUMBERED.match(ln.text) if ln.kind == "heading" else None
        if m and m.group(1) in _ROMAN_VALUE:
            numbered[m.group(2).strip()] = _ROMAN_VALUE[m.group(1)]
    segments: list[Segment] = []
    trail: list[tuple[int, str]] = []  # (level, heading text)
    numeral = 0  # the last Roman numeral a heading was numbered with (1-based), for look-alikes
    passed: list[Segment] = []  # footnotes a sentence went on over, not yet placed
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "blank":
            i += 1
            continue
        section = " > ".join(h for _, h in trail)
        if line.kind == "heading":
            segments.extend(passed)
            passed.clear()
            md = re.match(r"#{1,6}\s+", line.text)
            start = line.start + (md.end() if md else 0)  # the "## " of a Markdown heading is markup
            m = _NUMBERED.match(line.text)
            expected = ""
            if m and m.group(1) in ROMAN_LOOKALIKES:
                value = numbered.get(m.group(2).strip(), numeral + 1)
                expected = _NUMERALS[value - 1] if value <= len(_NUMERALS) else ""
            end, skip = line.end, []
            while line.through and i + 1 < len(lines) and lines[i + 1].start < line.through:  # a title's lines
                skip.append((end + 1, lines[i + 1].start))
                i, end = i + 1, lines[i + 1].end
            clean, pos = clean_span(text, start, end, skip, numeral=expected, ai_evidence=evidence)
            clean = clean.replace("\n", " ")
            if m and m.group(1) in _ROMAN_VALUE:
                numeral = _ROMAN_VALUE[m.group(1)]
            elif expected and clean.startswith(expected):
                numeral = _NUMERALS.index(expected) + 1
            trail = [(lv, h) for lv, h in trail if lv < line.level] + [(line.level, clean)]
            segments.append(Segment(start, end, "heading", clean, pos, section))
            i += 1
            continue
        if line.kind == "table":
            j = i
            while j + 1 < len(lines) and lines[j + 1].kind in ("table", "blank"):
                j += 1
            while lines[j].kind == "blank":
                j -= 1
            clean, pos = _clean_lines(text, lines[i:j + 1], evidence)
            segments.append(Segment(line.start, lines[j].end, "table", clean, pos, section))
            i = j + 1
            continue
        if line.kind == "body":
            j, skip = wraps.continuation(lines, i, soft_wrap=bool(pages), items=frozenset(bulleted), pages=pages,
                                         measure=measure)
            if line.start in bulleted:  # a symbol font's bullet read as a letter: not part of the text
                skip = skip + [(line.start, line.start + bulleted[line.start])]
            if pages:
                skip = skip + wraps.breaks_inside_words(lines[i:j + 1], skip)
            clean, pos = clean_span(text, line.start, lines[j].end, skip, ai_evidence=evidence)
            if clean:
                segments.append(Segment(line.start, lines[j].end, "body", clean, pos, section))
            # the notes it went on over join the document after the section's text: between two paragraphs they
            # would cut the section's passages where a page happened to end
            passed.extend(_passed_notes(text, lines[i + 1:j], skip, evidence, section))
            i = j + 1
            continue
        # in a paged format a footnote (or a "1) " item read as one) wraps like a body line: its wrapped
        # lines go on in it, not in a body paragraph of their own that starts mid-word
        j = wraps.continuation(lines, i, soft_wrap=True, over_footnotes=False)[0] \
            if line.kind == "footnote" and pages else i
        clean, pos = clean_span(text, line.start, lines[j].end, wraps.breaks_inside_words(lines[i:j + 1], []),
                                ai_evidence=evidence)
        if clean:
            segments.append(Segment(line.start, lines[j].end, line.kind, clean, pos, section))  # type: ignore[arg-type]
        i = j + 1
    return mark_repeats(segments + passed)


def _passed_notes(text: str, lines: list[Line], skip: list[tuple[int, int]], evidence: set[str],
                  section: str) -> list[Segment]:
    """The footnotes a sentence went on over (a page's notes between its two halves), each a segment of its own:
    left out of the sentence, their text is still the document's. A note is its ``N)`` line and the wrapped lines
    after it that the sentence passed with it."""
    passed = set(skip)
    notes: list[list[Line]] = []
    for line in lines:
        if (line.start, line.end) not in passed or line.kind == "boilerplate":
            continue
        if line.kind == "footnote" or not notes:
            notes.append([line])
        else:
            notes[-1].append(line)
    out = []
    for note in notes:
        clean, pos = clean_span(text, note[0].start, note[-1].end, wraps.breaks_inside_words(note, []),
                                ai_evidence=evidence)
        if clean:
            out.append(Segment(note[0].start, note[-1].end, "footnote", clean, pos, section))
    return out


def _clean_lines(text: str, lines: list[Line], evidence: set[str] | None = None) -> tuple[str, tuple[int, ...]]:
    """Clean several lines as one text, keeping a newline between rows."""
    chars: list[str] = []
    pos: list[int] = []
    for line in lines:
        if line.kind == "blank":
            continue
        c, p = clean_span(text, line.start, line.end, ai_evidence=evidence)
        if not c:
            continue
        if chars:
            chars.append("\n")
            pos.append(line.start - 1)
        chars.extend(c)
        pos.extend(p)
    return "".join(chars), tuple(pos)



_NORM = re.compile(r"[\W_]+")


def normalize_for_repeat(text: str) -> str:
    return _NORM.sub("", text).lower()


def mark_repeats(segments: list[Segment], min_chars: int = 20) -> list[Segment]:
    """Mark a segment ``repeated`` when its content already appeared earlier in the document.

    Catches tables extracted twice (an HTML rendering followed by a tab-separated one)
    and summary sentences repeated verbatim in the body.
    """
    seen: list[str] = []
    out = []
    for seg in segments:
        norm = normalize_for_repeat(seg.text)
        repeated = False
        if seg.kind in ("body", "table", "caption") and len(norm) >= min_chars:
            repeated = any(norm in earlier for earlier in seen)
            seen.append(norm)
        out.append(seg if not repeated else Segment(seg.start, seg.end, seg.kind, seg.text, seg.pos,
                                                     seg.section, True))
    return out
