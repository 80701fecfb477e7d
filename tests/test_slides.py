"""PPTX presentations (ragqa.ingest.slides), written here with python-pptx as PowerPoint's own format."""

from __future__ import annotations

import pytest

from ragqa.ingest.clean import segment
from ragqa.ingest.loaders import LoadError, load_file, load_pptx


def _deck(path):
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.core_properties.title = "2024 AI 정책 브리핑"
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = "AI 정책 브리핑"
    cover.placeholders[1].text = "정책기획과"
    body = deck.slides.add_slide(deck.slide_layouts[1])
    body.shapes.title.text = "투자 현황"
    frame = body.placeholders[1].text_frame
    frame.text = "민간 투자가 크게 늘었다"
    frame.add_paragraph().text = "정부 예산은 1.2조 원으로 증액"
    grid = body.shapes.add_table(2, 2, Inches(1), Inches(5), Inches(4), Inches(1)).table
    for r, row in enumerate([["구분", "금액"], ["예산", "1.2조 원"]]):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    body.notes_slide.notes_text_frame.text = "발표 시 예산 증액 배경을 설명한다."
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    data = CategoryChartData()
    data.categories = ["2022", "2023"]
    data.add_series("민간 투자(억 달러)", (31.5, 13.9))
    data.add_series("정부 예산(조 원)", (0.9, 1.2))
    chart = body.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(5), Inches(2), Inches(4), Inches(3), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "연도별 AI 투자"
    deck.slides.add_slide(deck.slide_layouts[6])  # a blank slide
    last = deck.slides.add_slide(deck.slide_layouts[5])
    last.shapes.title.text = "향후 계획"
    box = last.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
    box.text_frame.text = "지역 거점을 2025년까지 늘린다."
    deck.save(str(path))


def test_a_deck_reads_slide_by_slide_with_titles_tables_notes_and_slide_pages(tmp_path):
    _deck(tmp_path / "brief.pptx")
    loaded = load_pptx(tmp_path / "brief.pptx")
    text = loaded.text
    assert loaded.title == "2024 AI 정책 브리핑"
    order = ["AI 정책 브리핑", "정책기획과", "투자 현황", "민간 투자가 크게 늘었다", "정부 예산은 1.2조 원으로 증액",
             "구분\t금액\n예산\t1.2조 원", "연도별 AI 투자",
             "구분\t민간 투자(억 달러)\t정부 예산(조 원)\n2022\t31.5\t0.9\n2023\t13.9\t1.2", "발표 시 예산 증액 배경을 설명한다.", "향후 계획", "지역 거점을 2025년까지 늘린다."]
    at = [text.index(part) for part in order]
    assert at == sorted(at)
    assert [text[a:b] for a, b, _ in loaded.headings] == ["AI 정책 브리핑", "투자 현황", "향후 계획"]
    # four slides, four pages (the blank third one too): a citation names its slide
    assert len(loaded.pages) == 4 and loaded.pages[0] == 0
    assert loaded.pages[1] == text.index("투자 현황") and loaded.pages[3] == text.index("향후 계획")
    sections = {s.text.split("\t")[0]: (s.kind, s.section) for s in segment(text, loaded.pages, (), loaded.headings)}
    assert sections["구분"] == ("table", "투자 현황")  # the chart's data, a table with its series as columns
    assert "2023\t13.9\t1.2" in next(s.text for s in segment(text, loaded.pages, (), loaded.headings)
                                      if s.kind == "table" and "31.5" in s.text)
    assert sections["민간 투자가 크게 늘었다"] == ("body", "투자 현황")  # a bullet is not joined to the next one
    assert sections["지역 거점을 2025년까지 늘린다."] == ("body", "향후 계획")
    assert load_file(tmp_path / "brief.pptx") == text  # the format is registered


def test_a_broken_pptx_is_refused_with_the_reason(tmp_path):
    (tmp_path / "x.pptx").write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(LoadError, match="not a readable .pptx"):
        load_pptx(tmp_path / "x.pptx")


def test_a_slide_or_sheet_is_named_as_such_where_a_pdf_names_its_page():
    from ragqa.ui.render import page_count, page_label

    assert page_label("deck/brief.pptx", 3) == "슬라이드 3" and page_count("brief.PPTX", 12) == "12장"
    assert page_label("budget.xlsx", 2) == "시트 2" and page_count("budget.xlsx", 2) == "2개 시트"
    assert page_label("report.pdf", 7) == "p. 7" and page_count("report.pdf", 40) == "40쪽"


def test_a_damaged_part_inside_a_deck_is_named_as_such(tmp_path):
    """A zip whose directory is sound but whose slide part does not inflate: refused with the file and the cause."""
    import zipfile

    _deck(tmp_path / "ok.pptx")
    with zipfile.ZipFile(tmp_path / "ok.pptx") as src, zipfile.ZipFile(tmp_path / "bad.pptx", "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            out.writestr(item, data if item.filename != "ppt/slides/slide2.xml" else b"<p:sld not xml")
    with pytest.raises(LoadError, match=r"bad\.pptx is not a readable \.pptx \(damaged: "):
        load_pptx(tmp_path / "bad.pptx")


def test_a_short_bullet_is_text_in_a_deck_and_a_stray_short_line_is_not_in_a_plain_text(tmp_path):
    """The short-line rule is for words that extraction scatters over a page (a PDF's cover, a chart's labels); in
    a deck every line is a paragraph its author wrote, so a bullet of a few characters is indexed."""
    from pptx import Presentation

    from ragqa import korean
    from ragqa.chunking import chunk_document
    from ragqa.config import ChunkConfig
    from ragqa.ingest import load_document

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "도입 효과"
    frame = slide.placeholders[1].text_frame
    frame.text = "비용 절감"
    frame.add_paragraph().text = "정확도 향상"
    frame.add_paragraph().text = "처리 시간이 절반으로 줄었다."
    deck.save(str(tmp_path / "effect.pptx"))
    (tmp_path / "effect.txt").write_text("도입 효과\n\n비용 절감\n\n처리 시간이 절반으로 줄었다.\n", encoding="utf-8")

    def indexed(name):
        doc = load_document(tmp_path / name, tmp_path)
        return " ".join(c.text for c in chunk_document(doc, ChunkConfig(), korean.split_sentences)
                        if c.kind != "boilerplate")

    deck_text = indexed("effect.pptx")
    assert "비용 절감" in deck_text and "정확도 향상" in deck_text and "절반으로" in deck_text
    plain = indexed("effect.txt")
    assert "절반으로" in plain and "비용 절감" not in plain
