"""Cleaning that keeps offsets: a document's source text -> typed :class:`Segment` records.

Nothing is edited in place. Each line of the source text is classified (heading, body,
table, caption, footnote, references, boilerplate: :mod:`ragqa.ingest.lines`), neighbouring lines are
grouped into segments, and each segment's cleaned text is built character by character together with
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

from ragqa.ingest import wraps
from ragqa.ingest.furniture import furniture_spans
from ragqa.ingest.lines import (FOOTNOTE, ROMAN_LOOKALIKES, TAG, Line, classify, enumerations_are_items,
                               outline_headings, split_lines)
from ragqa.types import Segment

# Single-character substitutions the cleaner may make (source char -> cleaned char).
OCR_FIXES: dict[str, str] = {"l": "I", **ROMAN_LOOKALIKES}
_NUMERALS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
_ROMAN_VALUE = {**{ch: i + 1 for i, ch in enumerate(_NUMERALS)},
                **{r: i + 1 for i, r in enumerate(("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"))}}
_NUMBERED = re.compile(r"^\s*(\S+?)\.\s*(.*)$")

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
    for pattern in (TAG, _ESCAPE, _BOLD):
        for m in pattern.finditer(span):
            for i in range(m.start(), m.end()):
                keep[i] = 0
            if pattern is TAG:  # a cell or block boundary still separates what it separated
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
        m = FOOTNOTE.match(line.text) if line.kind == "footnote" else None
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
    lines = split_lines(text)
    classify(lines, frozenset(s for s, _ in furniture_spans(text, pages)),
             re.compile("|".join(f"(?:{c})" for c in chrome)) if chrome else None,
             {start: (end, rank) for start, end, rank in titles}, paragraphs)
    if pages:
        _unreferenced_notes_are_items(text, lines, pages)
    enumerations_are_items(lines)
    outline_headings(lines)
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
