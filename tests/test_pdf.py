"""PDFs as users bring them: pages kept, furniture found by repetition, unreadable text said so or OCRed.

The PDFs are generated here: text pages (Helvetica), a page whose font maps its codes to another script
(a broken ToUnicode map, as custom-encoded Korean fonts extract), and a scanned page (an image only).
"""

from __future__ import annotations

import glob

import pytest

from ragqa.chunking import chunk_document
from ragqa.config import ChunkConfig
from ragqa.index.build import INDEXED_KINDS
from ragqa.ingest import load_corpus
from ragqa.ingest.clean import segment
from ragqa.ingest.furniture import furniture_spans
from ragqa.ingest.loaders import MIN_TEXT_QUALITY, LoadError, NeedsOCR, load_pdf
from ragqa.ingest.pdf import ocr_available
from ragqa.ingest.quality import text_quality
from ragqa.types import page_at
from tests.conftest import one_page_pdf, pdf_file


def _split(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            out.append((start, i + 1))
            start = i + 2
    if start < len(text):
        out.append((start, len(text)))
    return out


# a ToUnicode map sending A-Z to Gujarati letters: what a custom-encoded font extracts as
_BROKEN_CMAP = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Broken def "
                b"1 begincodespacerange <00> <FF> endcodespacerange "
                b"1 beginbfrange <20> <7E> <0A85> endbfrange endcmap CMapName currentdict /CMap defineresource pop "
                b"end end")


def make_paged_pdf(pages: list[list[str]], broken: bool = False) -> bytes:
    """A PDF with one page per list of lines (Helvetica, top to bottom); ``broken``: the font's
    ToUnicode map sends every code to Gujarati, so extraction gives glyph noise."""
    n = len(pages)
    font_obj = 3 + 2 * n
    objects = [b"<</Type/Catalog/Pages 2 0 R>>",
               b"<</Type/Pages/Kids[%s]/Count %d>>" % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n)), n)]
    for i, lines in enumerate(pages):
        ops = [b"BT /F1 11 Tf 40 800 Td 14 TL"]
        for line in lines:
            ops.append(b"(%s) Tj T*" % line.encode("latin-1"))
        ops.append(b"ET")
        stream = b"\n".join(ops)
        objects.append(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents %d 0 R"
                       b"/Resources<</Font<</F1 %d 0 R>>>>>>" % (4 + 2 * i, font_obj))
        objects.append(b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream")
    if broken:
        objects.append(b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/ToUnicode %d 0 R>>" % (font_obj + 1))
        objects.append(b"<</Length %d>>stream\n" % len(_BROKEN_CMAP) + _BROKEN_CMAP + b"\nendstream")
    else:
        objects.append(b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    return pdf_file(objects)


_TOPICS = ["Revenue", "Staffing", "Exports", "Research", "Capital", "Outlook"]


def _report(n: int) -> list[list[str]]:
    """n pages with a running header, a page number, a footer and body sentences that differ in words."""
    return [["ACME Quarterly Review", f"- {i + 1} -", f"{_TOPICS[i]} on page {i + 1} grew by {10 + i} percent.",
             f"The {_TOPICS[i].lower()} board met in quarter {i + 1}.", "ACME Corporation Confidential"]
            for i in range(n)]


def test_text_quality_tells_glyph_noise_from_korean_text():
    noise = "\u0a85\u0ab1\u0c16\u0b52\u0921 \u0600\u0ce4 \x01\u0a77\u0b37 \u0655\u08d7\u0495\u0a81"
    assert text_quality(noise) < MIN_TEXT_QUALITY
    for clean in ("주택청약종합저축 소득공제 한도를 240만원에서 300만원으로 상향", "(시중銀) 1,000억원 · 中央",
                  "Al Jazeera reported 12.5% growth ① ㈜", "㎡당 3,000원 → 4,000원"):
        assert text_quality(clean) > 0.95, clean


def test_pages_are_kept_and_furniture_is_found_by_repetition(tmp_path):
    (tmp_path / "r.pdf").write_bytes(make_paged_pdf(_report(4)))
    loaded = load_pdf(tmp_path / "r.pdf", ocr=False)
    assert len(loaded.pages) == 4 and loaded.pages[0] == 0
    for i, start in enumerate(loaded.pages):
        assert f"{_TOPICS[i]} on page {i + 1} grew" in loaded.text[start:]
        assert page_at(loaded.pages, loaded.text.index(f"{_TOPICS[i]} on page {i + 1}")) == i + 1
    spans = furniture_spans(loaded.text, loaded.pages)
    found = {loaded.text[s:e] for s, e in spans}
    assert found == {"ACME Quarterly Review", "ACME Corporation Confidential"} | {f"- {i} -" for i in range(1, 5)}
    kept = " ".join(seg.text for seg in segment(loaded.text, loaded.pages) if seg.kind == "body")
    assert "ACME" not in kept and "Exports on page 3 grew by 12 percent." in kept


def _paged(pages: list[list[str]]) -> tuple[str, tuple[int, ...]]:
    """Pages of lines joined as the PDF loader joins them, and where each page starts."""
    text, starts = "", []
    for lines in pages:
        starts.append(len(text))
        text += "\n".join(lines) + "\n\n"
    return text, tuple(starts)


def test_furniture_needs_repetition_at_the_page_edges():
    # a line repeated inside the pages' bodies is content; three pages are the least to call anything furniture
    pages = [["Header", "Body line one.", "Same sentence in the middle.", "Closing line of this page."]
             for _ in range(4)]
    text, starts = _paged(pages)
    found = {text[s:e] for s, e in furniture_spans(text, starts)}
    assert found == {"Header", "Body line one.", "Same sentence in the middle.", "Closing line of this page."}
    pages = [["Header", f"{_TOPICS[i]} differs.", "Same sentence in the middle.", f"End of {_TOPICS[i]}."]
             for i in range(4)]
    text, starts = _paged(pages)
    found = {text[s:e] for s, e in furniture_spans(text, starts)}
    assert found == {"Header"}  # the repeated middle sentence is not at an edge
    assert furniture_spans(text, starts[:2]) == []


def test_a_running_title_on_every_other_page_is_furniture():
    # a book sets its title on the left-hand pages and the chapter's on the right-hand ones: each is on half
    # the pages, and on every page of its side
    topics = (_TOPICS * 3)[:9]  # nine pages: the right-hand title is on four, under half of them
    pages = [["국민･기업 납세자용" if i % 2 else "2024 달라지는 세금제도", f"{t} 본문은 여기서 시작한다.",
              f"{t} 본문은 여기서 끝난다.", f"- {i + 1} -"] for i, t in enumerate(topics)]
    text, starts = _paged(pages)
    found = {text[s:e] for s, e in furniture_spans(text, starts)}
    assert {"국민･기업 납세자용", "2024 달라지는 세금제도"} <= found
    assert not any("본문" in f for f in found)
    # a line on two of one side's four pages, at an edge, is not
    pages[1][0] = pages[3][0] = "특별 부록"
    text, starts = _paged(pages)
    found = {text[s:e] for s, e in furniture_spans(text, starts)}
    assert "특별 부록" not in found and "2024 달라지는 세금제도" in found


def test_chunks_carry_their_page_and_no_furniture(tmp_path):
    (tmp_path / "r.pdf").write_bytes(make_paged_pdf(_report(5)))
    docs, notes = load_corpus(tmp_path)
    assert notes == [] and docs[0].pages
    chunks = [c for c in chunk_document(docs[0], ChunkConfig(max_chars=80, min_chars=10), _split)
              if c.kind in INDEXED_KINDS]
    assert chunks and all("ACME" not in c.text for c in chunks)
    for c in chunks:
        page = int(c.text.split("page ")[1].split()[0]) if "page " in c.text else None
        if page is not None:
            assert c.page == page
    assert {c.page for c in chunks} == {1, 2, 3, 4, 5}


def test_a_broken_text_layer_is_never_indexed_as_garbage(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(make_paged_pdf(_report(3), broken=True))
    with pytest.raises(NeedsOCR, match="needs OCR.*no readable text layer"):
        load_pdf(tmp_path / "broken.pdf", ocr=False)
    docs, notes = load_corpus(tmp_path) if not ocr_available() else ([], [])
    if not ocr_available():
        assert docs == [] and notes[0].needs_ocr and notes[0].source == "broken.pdf"


@pytest.mark.skipif(not ocr_available(), reason="needs Tesseract with Korean (make ocr-deps)")
def test_a_broken_text_layer_is_ocred_page_by_page(tmp_path, monkeypatch):
    monkeypatch.setenv("RAGQA_CACHE", str(tmp_path / "cache"))
    (tmp_path / "broken.pdf").write_bytes(make_paged_pdf(_report(3), broken=True))
    loaded = load_pdf(tmp_path / "broken.pdf", ocr=True)
    assert text_quality(loaded.text) > 0.95 and "\u0a85" not in loaded.text
    assert "Staffing" in loaded.text and len(loaded.pages) == 3 and "OCR read pages 1-3" in loaded.notes[0]
    assert len(list((tmp_path / "cache" / "ocr").iterdir())) == 3  # indexing again reads the cache


def _font() -> str | None:
    found = sorted(glob.glob("/usr/share/fonts/**/NotoSansCJK*.tt[cf]", recursive=True) +
                   glob.glob("/usr/share/fonts/**/NanumGothic*.ttf", recursive=True))
    return found[0] if found else None


def _scanned_pdf(path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(_font(), 56) if _font() else ImageFont.load_default()
    draw.text((120, 200), "인공지능 산업 보고서", fill="black", font=font)
    draw.text((120, 320), "투자 규모는 2024년 12조원이다.", fill="black", font=font)
    image.save(path, "PDF", resolution=150)


def test_a_scanned_pdf_is_read_by_ocr_or_listed_as_needing_it(tmp_path, monkeypatch):
    monkeypatch.setenv("RAGQA_CACHE", str(tmp_path / "cache"))
    _scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NeedsOCR, match="no text layer"):
        load_pdf(tmp_path / "scan.pdf", ocr=False)
    if ocr_available() and _font():
        loaded = load_pdf(tmp_path / "scan.pdf", ocr=True)
        assert "투자" in loaded.text and "2024" in loaded.text, loaded.text


def test_needs_ocr_is_a_load_error_that_names_the_remedy():
    assert issubclass(NeedsOCR, LoadError)


def _ruled_table_pdf() -> bytes:
    """A page with a sentence, a ruled 3 x 3 table (drawn lines, one text object per cell), a sentence, and a
    paragraph in a drawn box (one column: not a table)."""
    ops = [b"BT /F1 11 Tf 40 800 Td (Quarterly figures by region are below.) Tj ET"]
    xs, ys = (40, 190, 340, 490), (760, 740, 720, 700)
    for y in ys:
        ops.append(b"%d %d m %d %d l S" % (xs[0], y, xs[-1], y))
    for x in xs:
        ops.append(b"%d %d m %d %d l S" % (x, ys[-1], x, ys[0]))
    rows = [("Region", "Revenue", "Staff"), ("North", "120", "15"), ("South", "95", "12")]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            ops.append(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (xs[c] + 5, ys[r] - 14, cell.encode()))
    ops.append(b"BT /F1 11 Tf 40 670 Td (The north region grew fastest of all regions.) Tj ET")
    ops.append(b"30 560 m 500 560 l 500 640 l 30 640 l h S")
    ops.append(b"BT /F1 11 Tf 40 620 Td 14 TL (A boxed note explains how the figures were collected.) Tj T* "
               b"(They come from the annual survey of members.) Tj ET")
    return one_page_pdf(b"\n".join(ops), 595, 842)


def test_a_ruled_table_becomes_rows_with_its_header(tmp_path):
    path = tmp_path / "figures.pdf"
    path.write_bytes(_ruled_table_pdf())
    doc = load_pdf(path)
    assert "Region\tRevenue\tStaff\nNorth\t120\t15\nSouth\t95\t12" in doc.text
    assert "Quarterly figures by region are below." in doc.text and "grew fastest" in doc.text
    assert "A boxed note explains" in doc.text and "\tThey come" not in doc.text  # a box of prose stays prose
    docs, notes = load_corpus(tmp_path)
    assert notes == []
    chunks = chunk_document(docs[0], ChunkConfig(), _split)
    table = [c for c in chunks if c.kind == "table"]
    assert table and table[0].table_header == ("Region", "Revenue", "Staff")
    assert "North\t120\t15" in table[0].text and table[0].page == 1


class _FakeTextPage:
    """pypdfium2's text page as `_page_text` reads it: characters and their boxes (left, bottom, right, top)."""

    def __init__(self, lines: list[tuple[str, float, float]], joiner: str = " "):
        self.text, self.boxes = "", []
        for k, (line, x, y) in enumerate(lines):
            if k:  # pypdfium2 joined this line to the one before: a space placed at the new line's start
                self.text += joiner
                self.boxes.append((x - 6, y, x, y))
            for ch in line:
                self.text += ch
                self.boxes.append((x, y, x + 10, y + 11) if not ch.isspace() else (x, y, x + 4, y))
                x += 10 if not ch.isspace() else 4

    def get_text_range(self) -> str:
        return self.text

    def count_chars(self) -> int:
        return len(self.text)

    def get_charbox(self, i: int):
        return self.boxes[i]


def test_a_line_pdfium_joins_to_the_one_above_is_broken_where_the_boxes_show_a_new_line():
    from ragqa.ingest.pdf import _page_text

    page = _FakeTextPage([("정당행위에 해당한다.", 60, 550), ("나. 양형부당", 60, 522), ("원심의 형은 무겁다.", 60, 494)])
    assert _page_text(page) == "정당행위에 해당한다.\n 나. 양형부당\n 원심의 형은 무겁다."
    segs = segment(_page_text(page), pages=(0,))
    assert [s.text for s in segs if s.kind == "heading"] == ["나. 양형부당"]  # on its own line, it titles its part
    assert [s.text for s in segs if s.kind == "body"] == ["정당행위에 해당한다.", "원심의 형은 무겁다."]
    # a raised mark or a word further along the same line is no new line
    same = _FakeTextPage([("보온병", 60, 550), ("1)", 90, 555), ("이다", 110, 550)], joiner="")
    assert _page_text(same) == "보온병1)이다"
