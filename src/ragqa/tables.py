"""Table rows as a reader reads them: each cell under its column's name, after the table's caption.

A table chunk keeps its rows as tab-separated lines (offsets into the source, so a citation points at
the row) and its header row's cells (``Chunk.table_header``). Answers show a row with its column names
(:func:`render_row`), and the index embeds it the same way, after the caption (:func:`scoring_text`):
a bare row ``A국\\t20 (13위)\\t42 (6위)`` says nothing an embedding model can match to a question
about a country's infrastructure score; ``<국가별 지수> A국 — 인재 20 (13위), 인프라 42 (6위)`` does.
"""

from __future__ import annotations

import re
from typing import Sequence

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
