from ragqa.tables import caption, declared_units, scoring_text, unit_note
from ragqa.types import Chunk, Sentence


def _table(lines, header=("인재", "인프라"), kind="table"):
    sentences, at = [], 0
    for line in lines:
        sentences.append(Sentence(at, at + len(line), line))
        at += len(line) + 1
    return Chunk("t", "d", "a.txt", 0, at, "\n".join(lines), "", kind, tuple(sentences), table_header=header)


def test_a_table_row_is_embedded_with_its_caption_and_column_names():
    chunk = _table(["<2024 Global AI Index>", "인재\t인프라", "대한민국\t20 (13위)\t42 (6위)", "출처: Tortoise Media"])
    assert caption(chunk) == "<2024 Global AI Index>"
    assert scoring_text(chunk, 2) == "<2024 Global AI Index> 대한민국 — 인재 20 (13위), 인프라 42 (6위)"
    assert scoring_text(chunk, 1) == "<2024 Global AI Index> 인재 인프라"  # the header row: caption and names
    assert scoring_text(chunk, 0) == "<2024 Global AI Index>"  # a line without cells stays as it is
    assert scoring_text(chunk, 3) == "출처: Tortoise Media"


def test_a_table_continued_from_another_chunk_has_no_caption_and_prose_stays_as_written():
    continued = _table(["미국\t100\t100", "중국\t26\t66"])
    assert caption(continued) == ""
    assert scoring_text(continued, 1) == "중국 — 인재 26, 인프라 66"
    assert caption(_table(["출처: 통계청", "미국\t100\t100"])) == ""  # a source note is not a caption
    body = _table(["<표 1> 요약", "A\tB"], kind="body")
    assert scoring_text(body, 1) == "A\tB"  # only a table's rows are rendered
    headerless = _table(["<표 1 요약>", "A\t• B"], header=())
    assert scoring_text(headerless, 1) == "<표 1 요약> A • B"  # no column names to give: caption and cells
    assert scoring_text(_table(["A\t• B"], header=()), 0) == "A • B"


def test_a_table_declares_the_units_its_cells_leave_out():
    companies = _table(["<국내 교육 분야 유망기업 매출 및 영업이익률(단위: 억원, %)>", "가나에듀\t교육\t77.0\t119"],
                       header=("기업명", "분야", "매출액('23)", "종업원 수"))
    units = declared_units(companies)
    assert units[:2] == ("억원", "%") and "명" in units  # a column that counts (종업원 수) takes any counter
    assert unit_note(companies) == "(단위: 억원, %)"
    # a unit in a header cell's parentheses; a year there is not one, nor is 점수 a count
    works = _table(["1\t도로 공사\t1,200,000"], header=("순번", "공사명", "공사금액(원)", "매출액('23)", "최고 점수"))
    assert declared_units(works) == ("원",) and unit_note(works) == ""
    assert declared_units(_table(["(단위: 억원) 매출은 늘었다"], kind="body")) == ()  # prose: no table, no units
