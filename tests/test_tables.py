from ragqa.tables import caption, scoring_text
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
