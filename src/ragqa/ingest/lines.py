"""A source text's lines and what each is: heading (with its level), body, table, caption, footnote, references,
boilerplate (web chrome, page furniture, a table of contents, chart debris) or blank.

:func:`classify` tags every line in place; :func:`enumerations_are_items` and :func:`outline_headings` then correct
what a line's own look cannot tell (a numbered list is not a run of sections; a short outline item that text
follows is a title). :mod:`ragqa.ingest.clean` groups the tagged lines into segments.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ragqa.ingest import wraps

# Characters OCR takes for a Roman numeral (generic OCR confusions, not one report's): a heading
# numbered with one becomes that numeral only where the headings' own sequence expects it (Ⅱ. then 皿.).
ROMAN_LOOKALIKES: dict[str, str] = {"皿": "Ⅲ", "ш": "Ⅲ"}
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")

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
FOOTNOTE = re.compile(r"^(?:(?P<number>\d{1,3})\)\s|[¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾|<https?://[^\s>]+>$|https?://\S+$)")
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


def split_lines(text: str) -> list[Line]:
    out, offset = [], 0
    for raw in text.split("\n"):
        s = offset + (len(raw) - len(raw.lstrip()))
        e = offset + len(raw.rstrip())
        out.append(Line(s, max(s, e), text[s:max(s, e)], lead_tabs=raw[:s - offset].count("\t")))
        offset += len(raw) + 1
    return out


def is_blank(line: Line) -> bool:
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
    nxt = next((line.text for line in lines[i + 1:] if not is_blank(line)), "")
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
        if not is_blank(line):
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
        if is_blank(line):
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
                or (line.lead_tabs >= 2 and not FOOTNOTE.match(t)):
            line.kind = "table"
            continue
        level = heading_level(t)
        through = _question_through(lines, i)
        if through > line.end or (through and not level):
            # the question of a Q&A titles its answer (a press release's 주요 Q&A, an FAQ), over its wrapped line too
            title_end, title_level = through, _numbered_level(t) or TYPE_TITLE_LEVEL
            line.kind, line.level, line.through = "heading", title_level, title_end
            continue
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
        if FOOTNOTE.match(t):
            line.kind = "footnote"
            continue
        if _CAPTION.match(t) and not TAG.fullmatch(t):
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


def enumerations_are_items(lines: list[Line]) -> None:
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


_ASKS = re.compile(r"[?？]$")
_QA_MARK = re.compile(r"^Q\s?\d{0,3}\s?[.:)]\s*\S")  # a Q&A's question: "Q.", "Q1.", "Q 2)"
_QUESTION_MAX_CHARS = 150  # a question, not a paragraph: two wrapped lines of a page at most


def _question_through(lines: list[Line], i: int) -> int:
    """Where the question of a Q&A that line ``i`` opens ends (0: it opens none): a numbered line or a ``Q.`` line
    that asks, alone (``3. 인가심사시 어떤 부분을 중점적으로 심사할 계획인지?``) or with the line it wraps into
    (``4. 통상적인 은행업 인가의 경우 본인가 전 예비인가를 거치는데,`` / ``생략해도 문제가 없는 것인지?``). Longer
    than a title, it titles the answer below it as a title does: its words are the context of the answer's
    sentences, and it is not itself taken for an answer."""
    t = lines[i].text
    if not (_numbered_level(t) or _QA_MARK.match(t)):
        return 0
    if _ASKS.search(t):
        return lines[i].end if len(t) <= _QUESTION_MAX_CHARS else 0
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None or is_blank(nxt) or wraps.SENTENCE_END.search(t) or not _ASKS.search(nxt.text) \
            or _numbered_level(nxt.text) or len(t) + len(nxt.text) > _QUESTION_MAX_CHARS:
        return 0
    return nxt.end


def _outline_level(text: str) -> int:
    return next((level for level, pattern in _OUTLINE if pattern.match(text)), 0)


def _numbered_level(text: str) -> int:
    """The outline level of a numbered line (2 for ``1. ``, 3 for ``가. `` …; 0 when not numbered)."""
    return 2 if _ENUMERATED.match(text) else _outline_level(text)


def outline_headings(lines: list[Line]) -> None:
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

