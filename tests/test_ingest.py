import logging

import docx

from ragqa.ingest import load_corpus, load_document
from ragqa.ingest.loaders import LoadError, load_file
from tests.conftest import one_page_pdf

def make_pdf(text: str) -> bytes:
    """A minimal valid one-page PDF showing ``text`` (Helvetica), with a correct xref table."""
    return one_page_pdf(f"BT /F1 12 Tf 20 50 Td ({text}) Tj ET".encode())


def test_mini_corpus_loads_with_manifest_and_fallback_titles(mini_corpus):
    docs, warnings = load_corpus(mini_corpus)
    assert warnings == []
    by = {d.source: d for d in docs}
    assert set(by) == {"chip_report.md", "news.txt", "weather.html"}
    assert by["news.txt"].title == "AI 반도체 투자 경쟁 심화" and by["news.txt"].publisher == "가상일보"
    assert by["weather.html"].title == "서울 날씨 안내"  # no manifest entry: <title>
    assert by["chip_report.md"].text == (mini_corpus / "chip_report.md").read_text("utf-8")


def test_title_falls_back_to_first_line_then_file_name(tmp_path):
    (tmp_path / "a.txt").write_text("\n\n첫 줄 제목입니다\n본문", "utf-8")
    (tmp_path / "b.txt").write_text("!!\n", "utf-8")
    assert load_document(tmp_path / "a.txt", tmp_path).title == "첫 줄 제목입니다"
    assert load_document(tmp_path / "b.txt", tmp_path).title == "b"


def test_undecodable_and_empty_files_are_skipped_with_a_warning(mini_corpus, caplog):
    (mini_corpus / "bad.txt").write_bytes("Café über naïve".encode("latin-1"))  # neither UTF-8 nor Korean
    (mini_corpus / "empty.txt").write_bytes(b"")
    (mini_corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    with caplog.at_level(logging.WARNING):
        docs, warnings = load_corpus(mini_corpus)
    assert {d.source for d in docs} == {"chip_report.md", "news.txt", "weather.html"}
    assert any("bad.txt" in str(w) and "UTF-8" in str(w) and "CP949" in str(w) for w in warnings)
    assert any("empty.txt" in str(w) for w in warnings)
    assert any("broken.pdf" in str(w) for w in warnings)
    assert "bad.txt" in caplog.text


def test_duplicate_content_under_two_names_is_indexed_once(mini_corpus):
    (mini_corpus / "copy.txt").write_bytes((mini_corpus / "news.txt").read_bytes())
    docs, warnings = load_corpus(mini_corpus)
    assert sum(d.source in ("news.txt", "copy.txt") for d in docs) == 1
    assert any("same content" in str(w) for w in warnings)


def test_pdf_and_docx_loaders(tmp_path):
    (tmp_path / "a.pdf").write_bytes(make_pdf("Hello AI 2024"))
    assert "Hello AI 2024" in load_file(tmp_path / "a.pdf")
    d = docx.Document()
    d.add_paragraph("한국의 AI 투자는 늘었다.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "한국", "13.9억"
    d.save(tmp_path / "b.docx")
    text = load_file(tmp_path / "b.docx")
    assert "한국의 AI 투자는 늘었다." in text and "한국\t13.9억" in text


def test_unsupported_type_is_refused(tmp_path):
    (tmp_path / "x.exe").write_bytes(b"MZ")
    try:
        load_file(tmp_path / "x.exe")
    except LoadError as exc:
        assert "unsupported" in str(exc)
    else:
        raise AssertionError("expected LoadError")


def test_legacy_korean_encodings_are_decoded_and_offsets_point_into_the_decoded_text(mini_corpus):
    text = "반도체 보고서\n\n한국의 AI 반도체 투자는 2023년 15억 달러였다.\n"
    (mini_corpus / "legacy.txt").write_bytes(text.encode("cp949"))
    (mini_corpus / "euckr.txt").write_bytes("뉴스\n\n서울의 인구는 940만 명이다.\n".encode("euc-kr"))
    docs, warnings = load_corpus(mini_corpus)
    by_source = {d.source: d for d in docs}
    assert by_source["legacy.txt"].text == text and "euckr.txt" in by_source, warnings
    assert load_file(mini_corpus / "legacy.txt") == text  # citations are cut from this same string


def _encrypted_pdf(path, user_password: str) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Encrypted AI report 2024"))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with open(path, "wb") as f:
        writer.write(f)


def test_encrypted_pdfs_open_with_an_empty_password_and_protected_ones_are_skipped(mini_corpus):
    _encrypted_pdf(mini_corpus / "open.pdf", "")
    _encrypted_pdf(mini_corpus / "locked.pdf", "secret")
    docs, warnings = load_corpus(mini_corpus)
    sources = {d.source for d in docs}
    assert "open.pdf" in sources and "Encrypted AI report 2024" in next(d.text for d in docs if d.source == "open.pdf")
    assert "locked.pdf" not in sources and any("locked.pdf" in str(w) and "password" in str(w) for w in warnings)
    assert {"chip_report.md", "news.txt", "weather.html"} <= sources  # the rest is indexed


def test_whatever_a_loader_raises_the_rest_of_the_corpus_is_loaded(mini_corpus, monkeypatch):
    from ragqa.ingest import loaders

    def broken(path):
        raise RuntimeError("a bug in a third-party parser")

    monkeypatch.setitem(loaders.LOADERS, ".docx", broken)
    (mini_corpus / "x.docx").write_bytes(b"PK")
    docs, warnings = load_corpus(mini_corpus)
    assert {d.source for d in docs} == {"chip_report.md", "news.txt", "weather.html"}
    assert any("x.docx" in str(w) and "RuntimeError" in str(w) and "third-party" in str(w) for w in warnings)


def test_a_docx_reads_in_order_with_its_heading_styles_as_sections(tmp_path):
    from ragqa.ingest.clean import segment
    from ragqa.ingest.loaders import load_docx

    d = docx.Document()
    d.add_heading("시장 동향", level=1)
    d.add_paragraph("국내 AI 시장은 2023년에 크게 성장했다.")
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate((("구분", "금액"), ("투자", "13.9억 달러"))):
        for c, value in enumerate(row):
            table.rows[r].cells[c].text = value
    d.add_heading("전망", level=2)
    d.add_paragraph("투자는 내년에도 늘어날 것으로 보인다.")
    d.add_heading("정책 과제", level=1)
    d.add_paragraph("인재 양성이 가장 시급하다.")
    d.save(tmp_path / "r.docx")
    loaded = load_docx(tmp_path / "r.docx")
    # the table stands where the document has it, between the first section's text and the next heading
    assert loaded.text.index("크게 성장했다") < loaded.text.index("투자\t13.9억 달러") < loaded.text.index("전망")
    assert [loaded.text[a:b] for a, b, _ in loaded.headings] == ["시장 동향", "전망", "정책 과제"]
    sections = {s.text.split("\t")[0]: s.section for s in segment(loaded.text, (), (), loaded.headings)
                if s.kind in ("body", "table")}
    assert sections["국내 AI 시장은 2023년에 크게 성장했다."] == "시장 동향"
    assert sections["구분"] == "시장 동향"  # the table, under its heading
    assert sections["투자는 내년에도 늘어날 것으로 보인다."] == "시장 동향 > 전망"
    assert sections["인재 양성이 가장 시급하다."] == "정책 과제"


def test_a_docx_box_is_read_as_its_paragraphs_and_a_table_inside_it_as_a_table(tmp_path):
    """A one-column table (a box) holds text: its paragraphs, each with its heading style, in order; a table inside
    it stays a table."""
    from ragqa.ingest.loaders import load_docx

    d = docx.Document()
    d.add_paragraph("보고서 첫 문단이다.")
    cell = d.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.paragraphs[0].text = "정책 과제"
    cell.paragraphs[0].style = d.styles["Heading 2"]
    cell.add_paragraph("인재 양성이 가장 시급하다.")
    inner = cell.add_table(rows=2, cols=2)
    for r, row in enumerate((("항목", "금액"), ("인력", "300억 원"))):
        for c, value in enumerate(row):
            inner.rows[r].cells[c].text = value
    cell.add_paragraph("표 다음 문단이다.")
    d.add_paragraph("상자 다음 문단이다.")
    d.save(tmp_path / "box.docx")
    loaded = load_docx(tmp_path / "box.docx")
    assert loaded.text.split("\n\n") == ["보고서 첫 문단이다.", "정책 과제", "인재 양성이 가장 시급하다.", "항목\t금액\n인력\t300억 원",
                                         "표 다음 문단이다.", "상자 다음 문단이다."]
    assert [(loaded.text[a:b], rank) for a, b, rank in loaded.headings] == [("정책 과제", 2)]


def test_one_reading_of_style_names_for_every_word_processor(tmp_path):
    """DOCX, HWPX and HWP name their title styles alike (a DOCX saved from 한글 keeps 개요 N): one reading."""
    from docx.enum.style import WD_STYLE_TYPE

    from ragqa.ingest.blocks import style_rank
    from ragqa.ingest.loaders import load_docx

    assert [style_rank(n) for n in ("Title", "제목", "개요 2", "Outline 10", "heading 3", "제목 1", " 개요1 ")] == \
        [0, 0, 2, 10, 3, 1, 1]
    assert [style_rank(n) for n in ("바탕글", "본문", "개요", "Heading", "List 2", "개요 0")] == [None] * 6
    d = docx.Document()
    d.styles.add_style("개요 2", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("사업 개요", style="개요 2")
    d.add_paragraph("본 사업은 지역 거점을 늘린다.")
    d.save(tmp_path / "plan.docx")
    loaded = load_docx(tmp_path / "plan.docx")
    assert [(loaded.text[a:b], rank) for a, b, rank in loaded.headings] == [("사업 개요", 2)]
