"""XLSX workbooks (ragqa.ingest.sheets), written here with openpyxl as Excel's own format."""

from __future__ import annotations

import datetime as dt

import pytest

from ragqa.ingest.clean import segment
from ragqa.ingest.loaders import LoadError, load_file, load_xlsx
from ragqa.ingest.sheets import cell_text


def _book(path):
    from openpyxl import Workbook

    book = Workbook()
    book.properties.title = "AI 예산 현황"
    budget = book.active
    budget.title = "부처별 예산"
    budget.append(["부처", "2023", "2024", "증감률"])
    budget.append(["과기정통부", 9000, 10500.0, 0.1667])
    budget["D2"].number_format = "0.0%"
    budget.append([])  # an empty row
    budget.append(["산업부", 3000, 3300, None, None])
    hidden = book.create_sheet("작업용")
    hidden.append(["지우지 말 것"])
    hidden.sheet_state = "hidden"
    plan = book.create_sheet("일정")
    plan.append(["항목", "날짜"])
    plan.append(["공모 마감", dt.datetime(2024, 3, 15)])
    book.save(str(path))


def test_a_workbook_reads_sheet_by_sheet_as_titled_tables_with_sheet_pages(tmp_path):
    _book(tmp_path / "budget.xlsx")
    loaded = load_xlsx(tmp_path / "budget.xlsx")
    assert loaded.title == "AI 예산 현황"
    assert loaded.text.split("\n\n") == ["부처별 예산", "부처\t2023\t2024\t증감률\n과기정통부\t9000\t10500\t16.67%\n산업부\t3000\t3300",
                                         "일정", "항목\t날짜\n공모 마감\t2024-03-15"]
    assert "지우지 말 것" not in loaded.text  # a hidden sheet is not what the workbook shows
    assert [loaded.text[a:b] for a, b, _ in loaded.headings] == ["부처별 예산", "일정"]
    assert loaded.pages == (0, loaded.text.index("일정"))  # a citation names its sheet
    kinds = {s.text.split("\t")[0]: (s.kind, s.section) for s in segment(loaded.text, loaded.pages, (), loaded.headings)}
    assert kinds["부처"] == ("table", "부처별 예산") and kinds["항목"] == ("table", "일정")
    assert load_file(tmp_path / "budget.xlsx") == loaded.text


@pytest.mark.parametrize("value, number_format, shown", [
    (2024.0, "General", "2024"), (0.05, "0%", "5%"), (1234.5, "#,##0.0", "1234.5"), (None, "General", ""),
    (dt.datetime(2024, 1, 2, 9, 30), "yyyy-mm-dd hh:mm", "2024-01-02 09:30:00"), ("  두 칸\n띄움 ", "@", "두 칸 띄움"),
])
def test_a_cell_is_shown_as_the_sheet_shows_it(value, number_format, shown):
    assert cell_text(value, number_format) == shown


def test_a_broken_xlsx_is_refused_with_the_reason(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(LoadError, match="not a readable .xlsx"):
        load_xlsx(tmp_path / "x.xlsx")
