"""Titles a PDF marks only by their type size: found from the characters' sizes, kept as headings.

The PDFs are generated here (Helvetica at the sizes a test asks for, one size set through the text matrix
as some producers do); the Korean cases run the same rules on lines as pypdfium2 gives them.
"""

from __future__ import annotations

from ragqa.ingest.clean import segment
from ragqa.ingest.loaders import load_pdf
from ragqa.ingest.pdf_titles import line_sizes, type_headings
from tests.conftest import pdf_file


def _sized_pdf(pages: list[list[tuple[str, float]]], matrix: bool = False) -> bytes:
    """One page per list of (line, type size), top to bottom; ``matrix``: the font is set at size 1 and every line
    scaled by its text matrix instead."""
    n = len(pages)
    font_obj = 3 + 2 * n
    objects = [b"<</Type/Catalog/Pages 2 0 R>>",
               b"<</Type/Pages/Kids[%s]/Count %d>>" % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n)), n)]
    for i, lines in enumerate(pages):
        ops, y = [], 800.0
        for text, size in lines:
            y -= size * 1.4
            if matrix:
                ops.append(b"BT /F1 1 Tf %.1f 0 0 %.1f 40 %.1f Tm (%s) Tj ET" % (size, size, y, text.encode("latin-1")))
            else:
                ops.append(b"BT /F1 %.1f Tf 40 %.1f Td (%s) Tj ET" % (size, y, text.encode("latin-1")))
        stream = b"\n".join(ops)
        objects.append(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents %d 0 R"
                       b"/Resources<</Font<</F1 %d 0 R>>>>>>" % (4 + 2 * i, font_obj))
        objects.append(b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    return pdf_file(objects)


_BODY = [("Demand for the service rose in the third quarter in every region we", 11),
         ("track, and the buyers who came online stayed with their new supplier", 11),
         ("through the end of the year, as the survey of the members shows", 11)]


def _headings(path) -> list[tuple[str, str]]:
    loaded = load_pdf(path)
    segs = segment(loaded.text, loaded.pages, (), loaded.headings)
    return [(s.kind, s.text if s.kind == "heading" else s.section) for s in segs if s.kind in ("heading", "body")]


def test_titles_set_in_larger_type_are_headings(tmp_path):
    pages = [[("Market outlook", 16), *_BODY, ("Risks ahead", 16), *_BODY,
              ("Prices fell in June.", 16), *_BODY,  # a sentence set large: no title
              ("Buyers now expect", 16), ("the same service online", 16), ("as in the stores", 16), *_BODY],
             [("Digital commerce,", 18), ("a survival guide", 18), *_BODY]]
    for matrix in (False, True):
        path = tmp_path / f"review{int(matrix)}.pdf"
        path.write_bytes(_sized_pdf(pages, matrix=matrix))
        found = _headings(path)
        assert [t for k, t in found if k == "heading"] == ["Market outlook", "Risks ahead",
                                                           "Digital commerce, a survival guide"], matrix
        # the text after a title is in its section; the quotation set in three large lines is not a title
        assert ("body", "Risks ahead") in found and ("body", "Digital commerce, a survival guide") in found


def test_a_page_set_in_one_size_has_no_titles(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(_sized_pdf([[("Market outlook", 11), *_BODY, ("Risks ahead", 11), *_BODY]]))
    assert load_pdf(path).headings == ()
    assert [k for k, _ in _headings(path)].count("heading") == 0


def test_line_sizes_follow_the_lines_pdfium_broke():
    source = "시작하며 수요가 늘었다."  # pdfium gave one line; the boxes showed two (a break inserted after the title)
    sizes = [16.0] * 4 + [10.0] * (len(source) - 4)
    assert line_sizes("시작하며\n 수요가 늘었다.", source, sizes) == [("시작하며", 16.0), (" 수요가 늘었다.", 10.0)]


def _page(*lines: tuple[str, float]) -> list[tuple[str, float]]:
    return list(lines)


_KO_BODY = [("온라인 구매가 늘면서 소비자가 누리는 편익도 함께 커졌다는 분석이 나왔다", 10.0),
            ("가격 비교가 쉬워졌고 배송 시간도 짧아졌기 때문이다", 10.0)] * 3


def test_korean_titles_and_what_is_not_one():
    pages = [
        # a cover: set large throughout, nothing on it heads text
        _page(("국", 21.8), ("민", 21.8), ("지방은행의 시중은행 전환시", 30.0), ("인가방식 및 절차", 30.0), ("금융위원회", 26.0),
              ("2024. 1.", 16.0), ("보도자료", 16.0)),
        _page(("시작하며", 16.0), *_KO_BODY, ("위축된 소비자 심리", 16.0), *_KO_BODY, ("주요 정책 방향", 16.0), *_KO_BODY,
              ("사업 개요", 16.0), *_KO_BODY),
        # items set large over a smaller note; a pull quote ending a sentence
        _page(("ㅇ 예비인가제도는 본인가 가능성을 사전에 확인하려는 취지", 15.0), ("* 은행법 제11조의2", 11.0),
              ("“판매자가 시장을 선점하지 못하면 따를 수밖에 없습니다.”", 13.0), *_KO_BODY),
    ]
    found = type_headings(pages)
    assert [(p, run) for p, run, _ in found] == [(1, ("시작하며",)), (1, ("위축된 소비자 심리",)), (1, ("주요 정책 방향",)),
                                                 (1, ("사업 개요",))]  # words ending in 요 are no sentence
    assert {rank for _, _, rank in found} == {0}


def test_a_title_joins_its_lines_and_leaves_a_numbered_heading_its_own_level():
    text = "소비 행태의 변화와\n이커머스의 진화\n소비자는 온라인에서 더 많은 상품을 비교한다.\n" \
           "국가안전시스템 개편을 통한\nⅢ 정책적 변화\n인파 관리 체계가 정착했다."
    first = (0, text.index("진화") + 2, 0)
    second_start = text.index("국가안전")
    second = (second_start, text.index("정책적 변화") + len("정책적 변화"), 0)
    segs = segment(text, (0,), (), (first, second))
    heads = [(s.text, s.section) for s in segs if s.kind == "heading"]
    assert heads[0] == ("소비 행태의 변화와 이커머스의 진화", "")
    assert ("Ⅲ 정책적 변화", "소비 행태의 변화와 이커머스의 진화") in heads  # numbered: a level of its own
    body = [s for s in segs if s.kind == "body"]
    assert body[0].section == "소비 행태의 변화와 이커머스의 진화" and body[-1].section.startswith("Ⅲ 정책적 변화")
    # offsets kept: the joined title's characters map back to the source
    title = next(s for s in segs if s.kind == "heading")
    assert len(title.pos) == len(title.text) and all(title.text[k] == text[p] for k, p in enumerate(title.pos)
                                                     if text[p] != "\n")
    # without the type sizes a short unnumbered line is no heading
    assert not [s for s in segment(text, (0,)) if s.kind == "heading" and "진화" in s.text]
