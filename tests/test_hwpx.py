"""HWPX (한글) documents as Korean offices save them: built here as the zip of XML parts the format is."""

from __future__ import annotations

import zipfile

import pytest

from ragqa.ingest.clean import segment
from ragqa.ingest.loaders import LoadError, load_file, load_hwpx

_HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
_HS = "http://www.hancom.co.kr/hwpml/2011/section"
_HH = "http://www.hancom.co.kr/hwpml/2011/head"

_HEADER = f"""<?xml version="1.0" encoding="UTF-8"?>
<hh:head xmlns:hh="{_HH}"><hh:refList><hh:styles>
<hh:style id="0" type="PARA" name="바탕글" engName="Normal"/>
<hh:style id="2" type="PARA" name="개요 1" engName="Outline 1"/>
<hh:style id="3" type="PARA" name="개요 2" engName="Outline 2"/>
</hh:styles></hh:refList></hh:head>"""


def _p(text: str, style: int = 0, inner: str = "") -> str:
    return f'<hp:p styleIDRef="{style}"><hp:run><hp:t>{text}</hp:t>{inner}</hp:run></hp:p>'


def _table(rows: list[list[str]]) -> str:
    cells = "".join("<hp:tr>" + "".join(f"<hp:tc><hp:subList>{_p(c)}</hp:subList></hp:tc>" for c in row) + "</hp:tr>"
                    for row in rows)
    return f"<hp:tbl>{cells}</hp:tbl>"


def _hwpx(path, *sections: str, header: str = _HEADER) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/hwp+zip")
        z.writestr("Contents/header.xml", header)
        for i, body in enumerate(sections):
            z.writestr(f"Contents/section{i}.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="{_HS}" xmlns:hp="{_HP}">{body}</hs:sec>')
        z.writestr("Contents/content.hpf", '<opf:package xmlns:opf="http://www.idpf.org/2007/opf/" '
                   'xmlns:dc="http://purl.org/dc/elements/1.1/"><opf:metadata><dc:title>AI 산업 동향</dc:title>'
                   '</opf:metadata></opf:package>')


def test_an_hwpx_reads_in_order_with_its_tables_and_outline_titles(tmp_path):
    path = tmp_path / "report.hwpx"
    _hwpx(path,
          _p("시장 동향", 2) + _p("국내 AI 시장은 2023년에 크게 성장했다.", inner=_table([["구분", "금액"], ["투자", "13.9억 달러"]]))
          + _p("전망", 3) + _p("투자는 내년에도<hp:lineBreak/>늘어날 것으로 보인다."),
          _p("정책 과제", 2) + _p("인재 양성이 가장 시급하다."))
    loaded = load_hwpx(path)
    text = loaded.text
    assert loaded.title == "AI 산업 동향"
    # the table right after the paragraph that holds it, before the next title; the second section after the first
    assert text.index("크게 성장했다") < text.index("구분\t금액\n투자\t13.9억 달러") < text.index("전망") < text.index("정책 과제")
    assert [text[a:b] for a, b, _ in loaded.headings] == ["시장 동향", "전망", "정책 과제"]
    sections = {s.text.split("\t")[0]: s.section for s in segment(text, (), (), loaded.headings)
                if s.kind in ("body", "table")}
    assert sections["국내 AI 시장은 2023년에 크게 성장했다."] == "시장 동향"
    assert sections["구분"] == "시장 동향"
    assert sections["투자는 내년에도 늘어날 것으로 보인다."] == "시장 동향 > 전망"
    assert sections["인재 양성이 가장 시급하다."] == "정책 과제"
    assert load_file(path) == text  # the format is registered


def test_a_broken_hwpx_is_refused_with_the_reason(tmp_path):
    (tmp_path / "x.hwpx").write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(LoadError, match="not a readable .hwpx"):
        load_hwpx(tmp_path / "x.hwpx")
    with zipfile.ZipFile(tmp_path / "y.hwpx", "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(LoadError, match="no Contents/section"):
        load_hwpx(tmp_path / "y.hwpx")


def test_the_2024_owpml_namespaces_read_alike(tmp_path):
    body = _p("시장 동향", 2) + _p("국내 AI 시장은 크게 성장했다.")
    _hwpx(tmp_path / "a.hwpx", body)
    with zipfile.ZipFile(tmp_path / "a.hwpx") as z, zipfile.ZipFile(tmp_path / "b.hwpx", "w") as out:
        for name in z.namelist():
            data = z.read(name).decode("utf-8").replace("http://www.hancom.co.kr/hwpml/2011/",
                                                         "http://www.owpml.org/owpml/2024/")
            out.writestr(name, data)
    a, b = load_hwpx(tmp_path / "a.hwpx"), load_hwpx(tmp_path / "b.hwpx")
    assert (a.text, a.headings) == (b.text, b.headings) and b.headings


def test_a_legacy_office_file_in_the_corpus_is_named_with_what_to_do(tmp_path):
    from ragqa.ingest import load_corpus

    (tmp_path / "report.txt").write_text("국내 AI 시장은 크게 성장했다.\n", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    (tmp_path / "broken.hwp").write_bytes(b"\xd0\xcf\x11\xe0 not a compound file")  # .hwp is read: this one fails
    docs, notes = load_corpus(tmp_path)
    assert [d.source for d in docs] == ["report.txt"]
    said = {n.source: n.message for n in notes if n.skipped}
    assert set(said) == {"old.doc", "broken.hwp"}
    assert ".docx" in said["old.doc"] and ".hwpx or PDF" in said["broken.hwp"]
    with pytest.raises(LoadError, match="save it as .docx"):
        load_file(tmp_path / "old.doc")


def test_a_box_is_read_as_its_paragraphs_and_a_table_inside_it_as_a_table(tmp_path):
    """A one-column table (a box) holds text: its paragraphs, each with its style; a table inside stays a table."""
    box = ('<hp:tbl><hp:tr><hp:tc><hp:subList>' + _p("정책 과제", 2) + _p("인재 양성이 가장 시급하다.")
           + _p("세부 내역은 다음과 같다.", inner=_table([["항목", "금액"], ["인력", "300억 원"]]))
           + '</hp:subList></hp:tc></hp:tr></hp:tbl>')
    _hwpx(tmp_path / "box.hwpx", _p("보고서 첫 문단이다.", inner=box) + _p("상자 다음 문단이다."))
    loaded = load_hwpx(tmp_path / "box.hwpx")
    assert loaded.text.split("\n\n") == ["보고서 첫 문단이다.", "정책 과제", "인재 양성이 가장 시급하다.", "세부 내역은 다음과 같다.",
                                         "항목\t금액\n인력\t300억 원", "상자 다음 문단이다."]
    assert [loaded.text[a:b] for a, b, _ in loaded.headings] == ["정책 과제"]


def test_a_text_box_is_read_once_and_a_running_header_not_at_all(tmp_path):
    """A table inside a text box is read once (as a table), and the section's running header, defined in a control
    of its first paragraph, is page furniture."""
    inner = _table([["항목", "금액"], ["인력", "300억 원"]])
    textbox = ("<hp:rect><hp:drawText><hp:subList>" + _p("상자 안 문단이다.", inner=inner)
               + "</hp:subList></hp:drawText></hp:rect>")
    header = "<hp:ctrl><hp:header><hp:subList>" + _p("2024 주요업무 추진계획") + "</hp:subList></hp:header></hp:ctrl>"
    _hwpx(tmp_path / "box.hwpx", _p("첫 문단이다.", inner=header) + _p("둘째 문단이다.", inner=textbox))
    text = load_hwpx(tmp_path / "box.hwpx").text
    assert text.split("\n\n") == ["첫 문단이다.", "둘째 문단이다.", "상자 안 문단이다.", "항목\t금액\n인력\t300억 원"]
