"""XLSX workbooks -> text sheet by sheet: each visible sheet's name a title (a section) and its rows a table
(tab-separated cells, empty rows and trailing empty columns dropped), the values as the sheet shows them (a
formula's last computed value, a percentage as a percentage, a date as a date). A sheet is a page, so a
citation names its sheet. Read with openpyxl.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ragqa.ingest.blocks import Blocks, FormatError, one_line, table_text

SHEET_TITLE_RANK = 1


class SheetsError(FormatError):
    """The file is not a readable XLSX workbook."""


def cell_text(value, number_format: str = "General") -> str:
    """A cell's value as the sheet shows it, closely enough to quote: integers without a decimal point, a
    percentage format as a percentage, dates as ISO dates, text with its whitespace collapsed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if "%" in (number_format or ""):
            return f"{value * 100:.10g}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return one_line(str(value))


def read_xlsx(path: Path) -> Blocks:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(str(path), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise SheetsError(f"{path.name} is not a readable .xlsx ({exc.__class__.__name__}: {exc})") from exc
    try:
        out = Blocks(title=one_line(book.properties.title or ""))
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            out.new_page()
            rows = []
            for row in sheet.iter_rows():
                cells = [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    rows.append(cells)
            out.add(one_line(sheet.title), SHEET_TITLE_RANK)
            if rows:
                out.add(table_text(rows))
    finally:
        book.close()
    return out
