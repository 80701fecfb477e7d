"""Table rows as a reader reads them: each cell under its column's name, after the table's caption.

A table chunk keeps its rows as tab-separated lines (offsets into the source, so a citation points at
the row) and its header row's cells (``Chunk.table_header``). Answers show a row with its column names
(:func:`render_row`), and the index embeds it the same way, after the caption (:func:`scoring_text`):
a bare row ``A국\\t20 (13위)\\t42 (6위)`` says nothing an embedding model can match to a question
about a country's infrastructure score; ``<국가별 지수> A국 — 인재 20 (13위), 인프라 42 (6위)`` does.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ragqa import korean
from ragqa.types import Chunk

# a table's or a figure's caption, and a source note: lines that describe data rather than state it
CAPTION_LINE = re.compile(r"^(<[^<>]+>|\[(그림|표)[^\]]*\].*|(※\s*)?출처\s*[:：].*)$")


def cells_of(row: str) -> list[str]:
    """The non-empty cells of a tab-separated row, stripped."""
    return [c.strip() for c in row.split("\t") if c.strip()]


def row_cells(row: str, header: Sequence[str]) -> tuple[str, list[str]]:
    """A table row as its label and its "column value" cells (header cells aligned to the row's last
    cells: the first column is the row's label). Without a header: no label, the cells as they are."""
    cells = cells_of(row)
    header = [h for h in header if h]
    if not header or len(cells) < 2:
        return "", cells
    values = cells[-len(header):] if len(header) < len(cells) else cells[1:]
    names = header[-len(values):]
    return " ".join(cells[: len(cells) - len(values)]), [f"{n} {v}" for n, v in zip(names, values)]


def cell_sep(label: str) -> str:
    """Cells named by their column (a row with a label) are listed with commas; bare cells with spaces."""
    return ", " if label else " "


def row_text(label: str, cells: Sequence[str]) -> str:
    joined = cell_sep(label).join(cells)
    return f"{label} — {joined}" if label else joined


def render_row(row: str, header: Sequence[str]) -> str:
    """``A국\\t20 (13위)\\t42 (6위)`` with header ``인재 | 인프라`` -> ``A국 — 인재 20 (13위), 인프라 42 (6위)``."""
    return row_text(*row_cells(row, header))


def caption(chunk: Chunk) -> str:
    """The caption a table chunk opens with (``<…>``, ``[그림 N] …``, ``[표 N] …``), or ''. A chunk that
    continues a table past a chunk boundary has none."""
    if chunk.kind != "table" or not chunk.sentences:
        return ""
    first = chunk.sentences[0].text.strip()
    return first if "\t" not in first and CAPTION_LINE.match(first) and not first.startswith(("출처", "※")) else ""


def scoring_text(chunk: Chunk, j: int) -> str:
    """What sentence ``j`` of ``chunk`` is embedded as: the sentence itself; a table row (tab-separated) as its
    caption followed by the row with its column names (the header row itself, or a row of a table without
    a header: its cells). Offsets and citations keep the row as the source writes it."""
    text = chunk.sentences[j].text
    if chunk.kind != "table" or "\t" not in text:
        return text
    header = [h for h in chunk.table_header if h]
    cells = cells_of(text)
    shown = " ".join(cells) if not header or header[-len(cells):] == cells else render_row(text, header)
    lead = caption(chunk)
    return f"{lead} {shown}" if lead else shown


# a unit declared for a table's figures: "(단위: 억원, %)", "[단위 : 백만원]", "단위: 명"
_UNIT_DECLARED = re.compile(r"단위\s*[:：]?\s*([^()\[\]<>\n:：]{1,20})")
# a header cell's unit in parentheses: "공사금액(원)", "인원 (명)"; not a year or a date ("매출액('23)")
_HEADER_UNIT = re.compile(r"\(\s*([^()\d'’]{1,6})\s*\)\s*$")
COUNTERS = ("명", "개", "건", "곳")


@lru_cache(maxsize=1024)
def _counts(header_cell: str) -> bool:
    """A header cell naming a count: its last word is the noun 수 after another noun (``종업원 수``, ``특허수``;
    Kiwi reads 점수 or 변수 as one noun). Cached: every row of a table asks it of the same header."""
    tokens = [t for t in korean.kiwi().tokenize(re.sub(r"\([^()]*\)\s*$", "", header_cell)) if t.tag != "SF"]
    return len(tokens) > 1 and tokens[-1].form == "수" and tokens[-1].tag == "NNG" and tokens[-2].tag.startswith("N")


def declared_units(chunk: Chunk) -> tuple[str, ...]:
    """The units a table's figures carry without writing them: those its caption or a note declares
    (``(단위: 억원, %)``), those its header cells give in parentheses (``공사금액(원)``), and the counters
    of a column that counts (``종업원 수``). Empty for prose."""
    if chunk.kind != "table":
        return ()
    units = [u.strip() for m in _declarations(chunk) for u in re.split(r"[,/·]", m.group(1)) if u.strip()]
    header = [h.strip() for h in chunk.table_header if h and h.strip()]
    units += [m.group(1).strip() for h in header for m in [_HEADER_UNIT.search(h)] if m]
    if any(_counts(h) for h in header):
        units += COUNTERS
    return tuple(dict.fromkeys(units))


def unit_note(chunk: Chunk) -> str:
    """The table's own unit declaration as it writes it (``(단위: 억원, %)``), to follow a row given as an
    answer: a figure shown without its unit is ambiguous. '' when the table declares none."""
    first = next(_declarations(chunk), None)
    return f"(단위: {first.group(1).strip()})" if first else ""


def _declarations(chunk: Chunk):
    """The ``단위`` declarations of a table chunk's text and context line (none for prose)."""
    return _UNIT_DECLARED.finditer(chunk.text + "\n" + chunk.context if chunk.kind == "table" else "")
