"""Ruled tables of a PDF page as rows: one line per row, cells apart by tabs.

pdfium's text runs a table's cells into one stream (`영업방식 ＼ 영업구역 전 국 일부 제한 온 + 오프라인 시중은행`),
so a row loses its column names. pdfplumber finds the tables drawn with rules and gives their cells;
the page text inside a table's box is then replaced by its rows, tab-separated, which the cleaner reads
as table lines (``ragqa.ingest.clean``) and the chunker keeps together with the header row.

Only a grid that reads as a table is taken: at least two rows and two columns, most cells filled,
short cells (a box drawn around a paragraph is not a table). A table whose text cannot be located in
pdfium's page text (another reading order) is left as the text was.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass

log = logging.getLogger(__name__)

# what a grid must look like to be read as a table (set by hand on allganize-dev's 125 grids: the boxes
# drawn around paragraphs, cover pages and vertical titles have one column, long or one-letter cells)
MIN_ROWS = 2
MIN_COLUMNS = 2
MIN_FILLED = 0.5  # share of non-empty cells
MAX_MEDIAN_CELL = 40  # characters
_NOISE = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class Table:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom, from the page's top-left (pdfplumber)
    rows: tuple[tuple[str, ...], ...]

    def text(self) -> str:
        return "\n".join("\t".join(row) for row in self.rows)


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())


def reads_as_table(rows: list[list[str]]) -> bool:
    cells = [c for row in rows for c in row]
    filled = [c for c in cells if c]
    if len(rows) < MIN_ROWS or max((len(r) for r in rows), default=0) < MIN_COLUMNS or not filled:
        return False
    if any(_NOISE.search(c) for c in filled):
        return False
    return len(filled) / len(cells) >= MIN_FILLED and statistics.median(len(c) for c in filled) <= MAX_MEDIAN_CELL


def find_tables(path) -> dict[int, list[Table]]:
    """Tables by 0-based page index; {} when pdfplumber is missing or cannot read the file."""
    try:
        import pdfplumber
    except ImportError:
        return {}
    out: dict[int, list[Table]] = {}
    try:
        with pdfplumber.open(str(path), password="") as pdf:
            for i, page in enumerate(pdf.pages):
                for found in page.find_tables():
                    rows = [[_cell(c) for c in row] for row in found.extract()]
                    rows = [r for r in rows if any(r)]
                    if reads_as_table(rows):
                        out.setdefault(i, []).append(Table(tuple(found.bbox), tuple(tuple(r) for r in rows)))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on odd files; tables are a bonus
        log.info("no tables read from %s: %s", getattr(path, "name", path), exc)
        return {}
    return out


def _compact(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, and where each kept character was."""
    keep = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in keep), [i for i, _ in keep]


def replace_tables(page_text: str, tables: list[Table], text_in) -> tuple[str, int]:
    """``page_text`` with each table's text (``text_in(bbox)``: the page text inside the box) replaced by
    its rows. Returns the new text and how many tables were placed."""
    placed = 0
    for table in tables:
        inside, _ = _compact(text_in(table.bbox))
        if len(inside) < 4:
            continue
        flat, where = _compact(page_text)
        at = flat.find(inside)
        if at < 0:
            continue
        start, end = where[at], where[at + len(inside) - 1] + 1
        before, after = page_text[:start], page_text[end:]
        page_text = before.rstrip(" ") + ("\n" if before and not before.endswith("\n") else "") + table.text() + \
            ("\n" if after and not after.startswith("\n") else "") + after.lstrip(" ")
        placed += 1
    return page_text, placed
