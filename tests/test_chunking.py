from ragqa.chunking import chunk_document
from ragqa.config import ChunkConfig
from ragqa.ingest import content_id
from ragqa.ingest.clean import is_derived
from ragqa.types import Document


def period_splitter(text):
    """A trivial sentence splitter: at '. ' boundaries."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            spans.append((start, i + 1))
            start = i + 2
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def doc(text):
    return Document(content_id(text), "t.md", "제목", text, publisher="출판사")


def test_whole_sentences_under_budget_with_overlap():
    text = "# 장\n\n" + " ".join(f"문장 {i}번은 열 글자 이상이다." for i in range(30))
    chunks = chunk_document(doc(text), ChunkConfig(max_chars=100, overlap_sentences=1), period_splitter)
    assert len(chunks) > 3
    for c in chunks:
        assert len(c.text) <= 100
        assert c.text.endswith(".") and c.section == "장"
        assert is_derived(text[c.start:c.end], c.text)
    for a, b in zip(chunks, chunks[1:]):  # one sentence of overlap
        assert a.sentences[-1] == b.sentences[0]


def test_a_sentence_is_cut_only_when_it_alone_exceeds_the_budget():
    long = "가" * 30 + " " + "나" * 30 + " " + "다" * 30 + "."
    text = "짧은 문장이다. " + long
    chunks = chunk_document(doc(text), ChunkConfig(max_chars=50, overlap_sentences=0, min_chars=0), period_splitter)
    assert chunks[0].text.startswith("짧은 문장이다.")  # the short sentence stays whole
    assert all(len(c.text) <= 50 for c in chunks)
    pieces = [s.text for c in chunks for s in c.sentences if s.text != "짧은 문장이다."]
    assert "".join(pieces).replace(" ", "") == long.replace(" ", "")  # cut, nothing lost
    assert len(pieces) >= 2


def test_sections_do_not_mix_and_tables_keep_captions():
    text = ("# 1. 개요\n\n첫 절의 문장이다.\n\n# 2. 표\n\n<표 1> 점유율\n\n기업\t점유율\n삼성\t41%\n\n"
            "출처: 조사(2024)\n\n표 다음의 본문이다.\n")
    chunks = chunk_document(doc(text), ChunkConfig(max_chars=200), period_splitter)
    kinds = [(c.kind, c.section) for c in chunks]
    assert kinds[0] == ("body", "1. 개요")
    table = next(c for c in chunks if c.kind == "table")
    assert table.text.startswith("<표 1> 점유율") and "삼성\t41%" in table.text and "출처: 조사(2024)" in table.text
    assert table.section == "2. 표" and "표 머리: 기업 | 점유율" in table.context
    assert table.table_header == ("기업", "점유율")
    assert chunks[-1].text == "표 다음의 본문이다." and chunks[-1].kind == "body"


def test_a_first_row_of_list_items_or_prose_is_not_a_header():
    # a figure layout extracted as a table: its first line is a record, its cells are content
    text = ("# 2. 표\n\n공개 (Open)\t언어 모델\t• 오픈소스 LLM(경량 가능), 코드 생성 모델\n"
            "상용 (Closed)\t멀티모달\t• 최고 성능 모델과 경량 모델\n\n표 다음의 본문이다.\n")
    table = next(c for c in chunk_document(doc(text), ChunkConfig(max_chars=200), period_splitter) if c.kind == "table")
    assert table.table_header == () and "표 머리" not in table.context
    long_cell = "가나다라마바사아자차카타파하 " * 4
    text = f"# 2. 표\n\n구분\t{long_cell}\nA\t1\n\n본문이다.\n"
    table = next(c for c in chunk_document(doc(text), ChunkConfig(max_chars=300), period_splitter) if c.kind == "table")
    assert table.table_header == ()
    # short names with a lone "-" for an empty cell are a header
    text = "# 2. 표\n\n-\t2023\t2024\nA\t1\t2\n\n본문이다.\n"
    table = next(c for c in chunk_document(doc(text), ChunkConfig(max_chars=300), period_splitter) if c.kind == "table")
    assert table.table_header == ("-", "2023", "2024")


def test_context_carries_title_publisher_section():
    c = chunk_document(doc("# 장\n\n본문이다."), ChunkConfig(), period_splitter)[0]
    assert c.context == "제목 | 출판사 | 장"


def test_chunk_ids_are_content_hashes():
    text = "# 장\n\n본문이다."
    a = chunk_document(doc(text), ChunkConfig(), period_splitter)
    b = chunk_document(doc(text), ChunkConfig(), period_splitter)
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b]
    c = chunk_document(doc(text + " 더."), ChunkConfig(), period_splitter)
    assert a[0].chunk_id != c[0].chunk_id


def test_an_html_rendering_repeated_by_the_rows_after_it_keeps_only_what_they_do_not_say():
    """A figure read twice: its HTML line holds a first box (a company's founding and value) and the cells
    that the tab-separated rows after it repeat; the repeated cells go, the first box stays."""
    text = ("# 기업\n\n[그림 1] 라벨링 기업\n\n회사 개요\t사업 모델\n"
            " <p>VALUED AT NEARLY $14 BILLION</p> <ul> • '16년 샌프란시스코 설립됨. • 기업가치: '21년 73억$ 기록 </ul>"
            "\t<table><tr><td>주요 서비스 데이터 주석 및 라벨링 제공</td><td>주요 고객 오픈AI 핀터레스트 에어비앤비</td></tr></table>\n"
            "주요 서비스 데이터 주석 및 라벨링 제공\t주요 고객 오픈AI 핀터레스트 에어비앤비\n")
    chunks = chunk_document(doc(text), ChunkConfig(max_chars=500), period_splitter)
    table = " ".join(c.text for c in chunks if c.kind == "table")
    assert "'21년 73억$" in table and "샌프란시스코" in table  # the first box stays
    assert table.count("주요 서비스 데이터 주석") == 1  # the repeated cells once, from the tab-separated row
    for c in chunks:
        assert is_derived(text[c.start:c.end], c.text)
