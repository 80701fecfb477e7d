"""The binary .hwp reader (ragqa.ingest.hwp): a real document's records, and small files written the way 한글
writes them (tests/hwpfile.py) for tables, outline titles, running headers and the refusals."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from ragqa.ingest.loaders import LoadError, load_hwp
from tests.hwpfile import control, paragraph, table, text_units, write_hwp, write_ole

DATA = Path(__file__).parent / "data" / "hwp"


def test_a_real_hwp_reads_as_hangul_previews_it():
    """example.hwp's own preview text (PrvText, written by 한글) is our text's opening, line by line, with its
    title paragraph (style Title) a title and its hyperlinks' text kept."""
    import olefile

    loaded = load_hwp(DATA / "example.hwp")
    with olefile.OleFileIO(str(DATA / "example.hwp")) as ole:
        preview = ole.openstream("PrvText").read().decode("utf-16-le")
    lines = [" ".join(line.split()) for line in preview.splitlines() if line.strip()][:-1]  # the last is cut
    assert len(lines) == 7
    text, at = " ".join(loaded.text.split()), 0
    for line in lines:
        at = text.index(line, at)  # in order
    assert loaded.headings[0][2] == 0 and loaded.text[loaded.headings[0][0]:loaded.headings[0][1]] == "HWP test file"
    assert "File created by http://www.online-convert.com" in loaded.text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in loaded.text)  # no control character left


def _report(flags: int = 1):
    table_holder = paragraph(text_units("다음 표와 같다.") + control(11, "tbl "))
    header = paragraph(control(16, "head")) + struct.pack("<I", 71 | 1 << 10 | 8 << 20) + b"daeh" + b"\0" * 4 + \
        paragraph("2024 주요업무 추진계획 - 3 -", level=2)
    section0 = (paragraph("Ⅰ. 추진 배경", style=1) + header + paragraph(text_units("인공지능 예산은") + control(9, "\0\0\0\0") + text_units("전년보다 늘었다.")) +
                table_holder + table([["구분", "2023", "2024"], ["예산", "1조 원", "1.2조 원"]], level=1, caption="<표 1> 예산 추이") +
                paragraph("표 다음의 문단이다."))
    section1 = paragraph("Ⅱ. 향후 계획", style=1) + paragraph("2025년에는 지역 거점을 늘린다.")
    return [section0, section1], ["바탕글", "개요 1"], flags


@pytest.mark.parametrize("flags", [1, 0])  # compressed streams, and not
def test_an_hwp_reads_in_order_with_tables_titles_and_no_running_header(tmp_path, flags):
    sections, styles, flags = _report(flags)
    write_hwp(tmp_path / "plan.hwp", sections, styles, flags)
    loaded = load_hwp(tmp_path / "plan.hwp")
    blocks = loaded.text.split("\n\n")
    assert blocks == ["Ⅰ. 추진 배경", "인공지능 예산은 전년보다 늘었다.", "다음 표와 같다.", "<표 1> 예산 추이",
                      "구분\t2023\t2024\n예산\t1조 원\t1.2조 원", "표 다음의 문단이다.", "Ⅱ. 향후 계획",
                      "2025년에는 지역 거점을 늘린다."]
    assert "추진계획 - 3 -" not in loaded.text  # the header's running text
    titles = [(loaded.text[s:e], rank) for s, e, rank in loaded.headings]
    assert titles == [("Ⅰ. 추진 배경", 1), ("Ⅱ. 향후 계획", 1)]


def test_an_hwp_segments_with_its_table_a_table_under_its_title(tmp_path):
    from ragqa.ingest import load_corpus
    from ragqa.ingest.clean import segment

    sections, styles, flags = _report()
    write_hwp(tmp_path / "plan.hwp", sections, styles, flags)
    docs, notes = load_corpus(tmp_path)
    assert [d.source for d in docs] == ["plan.hwp"] and not [n for n in notes if n.skipped]
    loaded = load_hwp(tmp_path / "plan.hwp")
    kinds = {s.text.split("\t")[0]: (s.kind, s.section) for s in segment(loaded.text, (), (), loaded.headings)}
    assert kinds["구분"] == ("table", "Ⅰ. 추진 배경")
    assert kinds["2025년에는 지역 거점을 늘린다."] == ("body", "Ⅱ. 향후 계획")


def test_a_distribution_document_is_read_as_its_viewer_reads_it(tmp_path):
    """배포용: the sections in ViewText, each behind a scrambled key record and AES-128-ECB."""
    sections, styles, _ = _report()
    write_hwp(tmp_path / "plain.hwp", sections, styles, 0b001)
    write_hwp(tmp_path / "dist.hwp", sections, styles, 0b101)
    import olefile

    with olefile.OleFileIO(str(tmp_path / "dist.hwp")) as ole:
        assert not ole.exists("BodyText/Section0") and ole.exists("ViewText/Section1")
    plain, dist = load_hwp(tmp_path / "plain.hwp"), load_hwp(tmp_path / "dist.hwp")
    assert (dist.text, dist.headings) == (plain.text, plain.headings) and "1.2조 원" in dist.text


def test_a_password_protected_hwp_is_refused_with_what_to_do(tmp_path):
    sections, styles, _ = _report()
    write_hwp(tmp_path / "locked.hwp", sections, styles, 0b011)
    with pytest.raises(LoadError, match="password-protected"):
        load_hwp(tmp_path / "locked.hwp")


def test_a_file_that_is_no_hwp_5_is_refused(tmp_path):
    (tmp_path / "old.hwp").write_bytes(b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05")  # HWP 3
    with pytest.raises(LoadError, match="not an HWP 5 document"):
        load_hwp(tmp_path / "old.hwp")
    write_ole(tmp_path / "other.hwp", {"WordDocument": b"\0" * 100})
    with pytest.raises(LoadError, match="without a FileHeader"):
        load_hwp(tmp_path / "other.hwp")
    sections, styles, _ = _report()
    write_hwp(tmp_path / "broken.hwp", [b"\x00garbage that is no deflate stream"], styles, 0)
    write_ole(tmp_path / "broken2.hwp", {"FileHeader": (DATA / "example.hwp").read_bytes()[:0] +
                                         b"HWP Document File".ljust(32, b"\0") + struct.pack("<II", 0x05000300, 1) +
                                         b"\0" * 216, "BodyText/Section0": b"\xff\xfe not deflate"})
    with pytest.raises(LoadError, match="does not decompress"):
        load_hwp(tmp_path / "broken2.hwp")


def test_a_box_is_read_as_its_paragraphs_and_a_table_inside_it_as_a_table(tmp_path):
    """Korean reports set a summary or a part's title in a one-cell table (a box): its paragraphs are text, each with
    its style's title rank, not one table row; a real table inside the box stays a table."""
    import struct as st

    from tests.hwpfile import record

    box = record(71, 1, b" lbt" + b"\0" * 40) + record(77, 2, st.pack("<IHH", 0, 1, 1) + b"\0" * 10)
    box += record(72, 2, st.pack("<iIHHHH", 3, 0, 0, 0, 1, 1) + b"\0" * 22)
    box += paragraph("Ⅰ. 요약", level=2, style=1) + paragraph("예산이 늘었다.", level=2)
    box += paragraph(text_units("세부 내역은 다음과 같다.") + control(11, "tbl "), level=2)
    box += table([["항목", "금액"], ["인력", "300억 원"]], level=3)
    section = paragraph(text_units("보고서 첫 문단이다.") + control(11, "tbl ")) + box + paragraph("상자 다음 문단이다.")
    write_hwp(tmp_path / "box.hwp", [section], ["바탕글", "개요 1"])
    loaded = load_hwp(tmp_path / "box.hwp")
    assert loaded.text.split("\n\n") == ["보고서 첫 문단이다.", "Ⅰ. 요약", "예산이 늘었다.", "세부 내역은 다음과 같다.",
                                         "항목\t금액\n인력\t300억 원", "상자 다음 문단이다."]
    assert [(loaded.text[a:b], rank) for a, b, rank in loaded.headings] == [("Ⅰ. 요약", 1)]
