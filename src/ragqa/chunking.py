"""Sentences -> chunks: whole sentences packed under a character budget, with overlap.

A pure function of its inputs: the sentence splitter is passed in (Kiwi in production, a
trivial splitter in unit tests). A chunk never crosses a section boundary or mixes body
text with a table; a table keeps its caption and source note; a sentence is cut only
when it alone exceeds the budget.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from ragqa.config import ChunkConfig
from ragqa.ingest.clean import normalize_for_repeat, segment
from ragqa.ingest.pdf_tables import MAX_MEDIAN_CELL
from ragqa.tables import cells_of
from ragqa.types import Chunk, Document, Segment, Sentence

SentenceSplitter = Callable[[str], list[tuple[int, int]]]

# Bump when cleaning or chunking changes what chunks come out: the index records it and
# rebuilds documents chunked by another version.
# 5: page furniture, chunk pages; 6: a PDF line wrapped mid-sentence goes on; 7: PDF tables as rows;
# 8: a table row's sentence vector embeds its caption and column names (ragqa.tables.scoring_text);
# 9: a first row of list items or prose is not a header; 10: a figure read twice keeps its unrepeated cells;
# 11: in a paged format a footnote's wrapped lines go on in it (they were a body paragraph starting mid-word);
# 12: a PDF line wrapped inside a Korean word joins without a space (Kiwi's spacing model decides);
# 13: more bullet shapes open a new item in a PDF (▲, ➡, ❶, a symbol font's private-use glyph, ...);
# 14: a bullet opening the next item on the same line starts that item's sentence, not ends the one before;
# 15: a symbol font's bullet read as a letter (n, l) opens an item in a PDF and is dropped
# 16: a line opening with a date ("2017. 2. 25.", "2024.1.1.", a wrapped "2. 25.") is no numbered heading
# 17: a numbered line whose last word or bracket goes on in the next line is a wrapped item, not a heading;
#     a particle after a wrapped date ("2017. 2. 26." / "부터") is written onto it
# 18: running titles set on the odd or the even pages alone are page furniture too; a line opening with
#     《 (a box's title) or 【 (a claim's) opens a new item in a PDF
# 23 (19-22 were working builds of it): a PDF line that pypdfium2 joined to the one above with a space is
#     broken where the characters' boxes show the new line; a "N) " line is a footnote only where the text
#     refers to it ("보온병1)"), else a numbered item; a numbered line ending a sentence or on a comma is no
#     heading, nor a heading-shaped PDF line that fills the column and goes on, nor a "N. " line next to
#     another or under a statute's article (a list's items); short lines of a Korean outline's deeper levels
#     (가. > 1) > 가) > (1) > (가)) followed by their own text are headings; any arrow, geometric shape or
#     dingbat opens a new item in a PDF
# 24: a footnote's wrapped lines after it on its page are the note's, not the continuation of the sentence the
#     note cut (which goes on after them); the notes a sentence goes on over are indexed after their section
# 25: a PDF's table of contents (page numbers after a space or dot leaders, a part's title without one) is
#     furniture, not headings; a chapter titled with a Roman numeral character and no period ("Ⅲ 정책적 변화")
#     is a section
# 26: a short line that finishes the word the line before was cut in ("… 물적 설비" / "를 갖출 것") is text, not a
#     stray word of layout (which left the line before a heading when it was a numbered item)
# 27: a chapter numbered with a zero-padded number and no period ("01 부동산 세금제도") is a section
# 28: a PDF line opening with a parenthesis goes on the sentence unless the parenthesis labels an item ("(소방) …");
#     a sentence goes on past each of its page's wrapped notes, not only the first
# 29: a PDF's titles known only by their type size (a run of at most two lines set a step larger than the body and
#     the text after it, stating no sentence) are headings, below the numbered levels; a two-line title is one
# 30: a title-sized line with a word ending in 다 or 요 but no stop (필요, 주요, 개요) is a title, not a sentence
# 31: a one-column table (a box) in DOCX, HWPX and HWP is its paragraphs, not one row; .hwp, .pptx and .xlsx read
# 32: in an office format a short paragraph (a slide's bullet) is text, not a stray word of layout
# 33: one reading of title style names for DOCX, HWPX and HWP (a DOCX's 개요 N, an HWPX's 제목 are titles now)
# 35: the question of a Q&A (a numbered or "Q." line that asks, over its wrapped line too) is a heading: it titles
#     its answer (34 was a measured change not kept)
CHUNKER_VERSION = 35


@dataclass(frozen=True)
class _Unit:
    """A sentence (or table row, footnote, ...) with cleaned text and source offsets."""

    text: str
    pos: tuple[int, ...]
    run: str  # body | table | footnote | references | boilerplate
    section: str
    caption: bool = False
    repeated: bool = False

    @property
    def start(self) -> int:
        return self.pos[0]

    @property
    def end(self) -> int:
        return self.pos[-1] + 1


def chunk_id(doc_id: str, start: int, end: int, text: str) -> str:
    return hashlib.sha256(f"{doc_id}:{start}:{end}:{text}".encode("utf-8")).hexdigest()[:16]


_HTML_ROW = re.compile(r"<(?:table|tr|td)\b", re.I)


def _units(segments: list[Segment], split: SentenceSplitter, source_text: str) -> list[_Unit]:
    units: list[_Unit] = []
    seen_rows: list[str] = []
    for idx, seg in enumerate(segments):
        if seg.kind == "heading":
            continue
        if seg.kind == "body":
            for a, b in split(seg.text):
                norm = normalize_for_repeat(seg.text[a:b])
                repeated = seg.repeated or (len(norm) >= 25 and any(norm in earlier for earlier in seen_rows))
                seen_rows.append(norm)
                units.append(_Unit(seg.text[a:b], seg.pos[a:b], "body", seg.section, repeated=repeated))
        elif seg.kind == "table":
            rows, offset = [], 0
            for row in seg.text.split("\n"):
                rows.append((row, offset, offset + len(row)))
                offset += len(row) + 1
            norms = [normalize_for_repeat(r) for r, _, _ in rows]
            for i, (row, a, b) in enumerate(rows):
                norm = norms[i]
                raw_row = source_text[seg.pos[a]:seg.pos[b - 1] + 1] if b > a else ""
                later = [n for n in norms[i + 1:] if len(n) >= 20]
                if _HTML_ROW.search(raw_row) and later and sum(n in norm for n in later) >= max(1, len(later) // 2):
                    # an HTML rendering that the tab-separated rows after it repeat: only its cells they do not
                    # repeat stay (a figure's first box, read into the same line, says what no later row says)
                    own = _unrepeated_cells(row, a, seg.pos, later)
                    if own is not None:
                        seen_rows.append(normalize_for_repeat(own[0]))
                        units.append(_Unit(own[0], own[1], "table", seg.section))
                    continue

                if len(norm) >= 20 and any(norm in earlier for earlier in seen_rows):
                    continue  # the same row again: a table extracted twice
                if norm:
                    seen_rows.append(norm)
                    units.append(_Unit(row, seg.pos[a:b], "table", seg.section))
        elif seg.kind == "caption":
            units.append(_Unit(seg.text, seg.pos, _caption_run(segments, idx), seg.section, caption=True))
        else:
            units.append(_Unit(seg.text, seg.pos, seg.kind, seg.section))
    return units


def _unrepeated_cells(row: str, at: int, pos: tuple[int, ...], later: list[str]) -> tuple[str, tuple[int, ...]] | None:
    """The cells of ``row`` (which starts at ``at`` in its segment, whose offsets are ``pos``) of 20 or more
    characters that no row in ``later`` (normalized) holds, with their offsets; None when there are none."""
    text: list[str] = []
    offsets: list[int] = []
    start = 0
    for cell in row.split("\t"):
        a, b = start, start + len(cell)
        start = b + 1
        norm = normalize_for_repeat(cell)
        if len(norm) < 20 or any(norm in n for n in later):
            continue
        lead = len(cell) - len(cell.lstrip())
        a, b = a + lead, a + len(cell.rstrip())
        if text:  # the tab before this cell (never the first) separates it from the one kept before
            text.append("\t")
            offsets.append(pos[at + a - 1])
        text.append(row[a:b])
        offsets.extend(pos[at + a:at + b])
    return ("".join(text), tuple(offsets)) if text else None


def _caption_run(segments: list[Segment], idx: int) -> str:
    """A caption belongs to the table right before or after it, else to the body text."""
    for step in (1, -1):
        j = idx + step
        while 0 <= j < len(segments) and segments[j].kind == "caption":
            j += step
        if 0 <= j < len(segments) and segments[j].kind == "table" and segments[j].section == segments[idx].section:
            return "table"
    return "body"


def _cut(unit: _Unit, budget: int) -> list[_Unit]:
    """Cut an over-long unit at whitespace (or hard) boundaries of at most ``budget`` chars."""
    pieces, text, pos = [], unit.text, unit.pos
    while len(text) > budget:
        cut = text.rfind(" ", budget // 2, budget)
        cut = cut if cut > 0 else budget
        head = text[:cut].rstrip()
        pieces.append(_Unit(head, pos[:len(head)], unit.run, unit.section, unit.caption, unit.repeated))
        rest = len(text[:cut]) + (len(text[cut:]) - len(text[cut:].lstrip()))
        text, pos = text[rest:], pos[rest:]
    if text:
        pieces.append(_Unit(text, pos, unit.run, unit.section, unit.caption, unit.repeated))
    return pieces


def _runs(units: list[_Unit]) -> Iterable[list[_Unit]]:
    run: list[_Unit] = []
    for u in units:
        if run and (u.run != run[-1].run or u.section != run[-1].section):
            yield run
            run = []
        run.append(u)
    if run:
        yield run


def _join(units: list[_Unit], source_text: str) -> tuple[str, tuple[Sentence, ...]]:
    """Chunk text: units joined by one space (a newline between table rows) where the
    source has whitespace between them, directly where it has none."""
    parts: list[str] = []
    sentences = []
    for k, u in enumerate(units):
        if k:
            gap = source_text[units[k - 1].end:u.start]
            if gap and (gap.isspace() or any(c.isspace() for c in gap)):
                parts.append("\n" if u.run == "table" and "\n" in gap else " ")
        parts.append(u.text)
        sentences.append(Sentence(u.start, u.end, u.text))
    return "".join(parts), tuple(sentences)


def _kind(run: list[_Unit]) -> str:
    if all(u.caption for u in run):
        return "caption"
    return run[0].run


def chunk_document(doc: Document, cfg: ChunkConfig, split: SentenceSplitter,
                   segments: list[Segment] | None = None) -> list[Chunk]:
    """Chunks of one document (``segments`` may be passed in when already computed)."""
    segments = segment(doc.text, doc.pages, doc.chrome, doc.headings, doc.paragraphs) if segments is None else segments
    table_budget = int(cfg.max_chars * 1.6)
    headers = {seg.start: _header_row(seg.text.split("\n", 1)[0]) for seg in segments if seg.kind == "table"}
    chunks: list[Chunk] = []
    for run in _runs(_units(segments, split, doc.text)):
        budget = table_budget if run[0].run == "table" else cfg.max_chars
        pieces = [p for u in run for p in _cut(u, budget)]
        groups: list[list[_Unit]] = []
        current: list[_Unit] = []
        for u in pieces:
            size = sum(len(x.text) + 1 for x in current) + len(u.text)
            if current and size > budget:
                groups.append(current)
                overlap = current[-cfg.overlap_sentences:] if cfg.overlap_sentences and run[0].run == "body" else []
                if sum(len(x.text) for x in overlap) + len(u.text) > budget * 0.8:
                    overlap = []
                current = list(overlap)
            current.append(u)
        if current:
            if groups and sum(len(x.text) for x in current) < cfg.min_chars and \
                    sum(len(x.text) + 1 for x in groups[-1] + current) <= budget * 1.2:
                groups[-1].extend(u for u in current if u not in groups[-1])
            else:
                groups.append(current)
        for group in groups:
            text, sentences = _join(group, doc.text)
            start, end = group[0].start, group[-1].end
            kind = _kind(group)
            repeated = sum(len(u.text) for u in group if u.repeated) >= 0.8 * sum(len(u.text) for u in group)
            header = _table_header(kind, headers, segments, start, end)
            context = _context(doc, group[0].section, header)
            chunks.append(Chunk(chunk_id(doc.doc_id, start, end, text), doc.doc_id, doc.source, start, end, text,
                                group[0].section, kind, sentences, repeated, context,  # type: ignore[arg-type]
                                tuple(cells_of(header)), doc.page_of(start)))
    return chunks


# a cell that opens a list item or runs on like prose is content, not a column's name
# (a lone "-" or "*" is an empty cell's mark, not a list item)
_LIST_CELL = re.compile(r"^(?:[•·◦○●▪□■▶►※【①-⑳➀-➉]|[-*]\s*\S)")
HEADER_CELL_MAX = MAX_MEDIAN_CELL  # characters: the longest a column name is read to be (a PDF table's median cell)


def _header_row(line: str) -> str:
    """A table's first row when it reads as column names, else ''. Figure layouts extracted as tables
    often open with a data row (``구분 A\t언어 모델\t• 모델 X(설명), 모델 Y …``); taking its cells for column names
    would label every other row's cells wrongly, so such a table has no header."""
    if any(_LIST_CELL.match(c) or len(c) > HEADER_CELL_MAX for c in cells_of(line)):
        return ""
    return line


def _table_header(kind: str, headers: dict[int, str], segments: list[Segment], start: int, end: int) -> str:
    """The header row (tab-separated) of the table a table chunk belongs to; empty otherwise."""
    if kind != "table":
        return ""
    table = next((s for s in segments if s.kind == "table" and s.start < end and s.end > start), None)
    return headers.get(table.start, "") if table is not None else ""


def _context(doc: Document, section: str, header: str) -> str:
    """The line embedded (never cited) with a chunk: title, publisher, section, table header."""
    parts = [doc.title]
    if doc.publisher:
        parts.append(doc.publisher)
    if section:
        parts.append(section)
    if header:
        parts.append("표 머리: " + header.replace("\t", " | ")[:200])
    return " | ".join(parts)


def chunk_corpus(docs: list[Document], cfg: ChunkConfig, split: SentenceSplitter) -> list[Chunk]:
    return [c for d in docs for c in chunk_document(d, cfg, split)]
