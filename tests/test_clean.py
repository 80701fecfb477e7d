"""Noise handling, each case taken from the real corpus files."""

from pathlib import Path

import pytest

from ragqa.chunking import chunk_document
from ragqa.config import ChunkConfig
from ragqa.ingest import content_id, load_corpus
from ragqa.ingest.clean import is_derived, segment
from ragqa.ingest.lines import heading_level
from ragqa.korean import split_sentences

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def corpus():
    docs, warnings = load_corpus(CORPUS)
    assert warnings == []
    return {d.source: d for d in docs}


@pytest.fixture(scope="module")
def chunks(corpus):
    return {s: chunk_document(d, ChunkConfig(), split_sentences) for s, d in corpus.items()}


def test_every_chunk_derives_from_its_raw_span(corpus, chunks):
    """The relation, for every chunk of the real corpus: ``text`` is ``raw[start:end]`` with
    characters deleted (markup, escapes, cut-in footnotes), whitespace runs folded to one
    space or tab, and OCR substitutions applied; the span is tight at both ends."""
    total = 0
    for source, doc_chunks in chunks.items():
        raw = corpus[source].text
        for c in doc_chunks:
            assert 0 <= c.start < c.end <= len(raw)
            assert is_derived(raw[c.start:c.end], c.text), (source, c.start, c.text[:80])
            for s in c.sentences:
                assert c.start <= s.start < s.end <= c.end
                assert is_derived(raw[s.start:s.end], s.text)
            total += 1
    assert total > 300


def test_is_derived_rejects_inventions():
    assert is_derived("미국(672억 달러)", "미국(672억 달러)")
    assert not is_derived("미국(672억 달러)", "미국(673억 달러)")
    assert not is_derived("abc", "abcd")


def test_html_fragments_are_removed(corpus, chunks):
    table_text = " ".join(c.text for c in chunks["nia_the_ai_report_2024.txt"] if c.kind == "table")
    assert "<ul" not in table_text and "<td>" not in table_text and "style=" not in table_text
    assert "Meta에서 개발한 AI Agent" in table_text


def test_dollar_escapes_are_removed(chunks):
    text = " ".join(c.text for c in chunks["nia_the_ai_report_2024.txt"])
    assert "\\$" not in text
    assert "80억$(약 11조원)" in text


def test_footnote_cutting_a_sentence_is_skipped(corpus, chunks):
    # the raw file has "... 핵심 모듈로 ARM의\n\n51) AMD, ...\n\n칩에서 AI 가속 ..."
    raw = corpus["nia_the_ai_report_2024.txt"].text
    assert "ARM의\n\n51) AMD" in raw
    joined = [c for c in chunks["nia_the_ai_report_2024.txt"] if "ARM의 칩에서 AI 가속 기능" in c.text]
    assert joined and "51) AMD" not in joined[0].text


def test_web_chrome_is_boilerplate(chunks):
    yonhap = chunks["yonhap_ai_index_2024.txt"]
    boiler = " ".join(c.text for c in yonhap if c.kind == "boilerplate")
    body = " ".join(c.text for c in yonhap if c.kind != "boilerplate")
    assert "랭크뉴스" in boiler and "메뉴 건너뛰기" in boiler
    assert "랭크뉴스" not in body and "13억9천만달러" in body


def test_bibliography_is_tagged_references(chunks):
    refs = [c for c in chunks["nia_the_ai_report_2024.txt"] if c.kind == "references"]
    assert refs and all("〈참고 자료〉" in refs[0].text or r.start > refs[0].start for r in refs)
    assert any("Statista" in c.text for c in refs)


def test_table_extracted_twice_keeps_one_copy_of_each_row(chunks):
    tables = [c for c in chunks["nia_the_ai_report_2024.txt"] if c.kind == "table"]
    dgx = [c for c in tables if "DGX는 NVIDIA GPU로 가속화된" in c.text]
    assert dgx
    assert all(c.text.count("DGX는 NVIDIA GPU로 가속화된") == 1 for c in dgx)


def test_table_keeps_caption_and_cells(chunks):
    table = next(c for c in chunks["2024_ai_global_trends.txt"] if c.kind == "table" and "대한민국" in c.text
                 and "27.3" in c.text)
    assert "<2024 Global AI Index Top 10>" in table.text  # the caption travels with its table
    assert "대한민국\t20 (13위)\t42 (6위)" in table.text  # cells stay apart
    assert "표 머리" in table.context and table.table_header  # embedded with the chunk, and kept as data


def test_wrapped_cells_with_empty_leading_cells_stay_in_their_table(chunks):
    # "\t\t\t\tClaude는 OpenAI의 주요 경쟁사 중 하나인" is the first half of a wrapped cell: one table,
    # not an alternation of one-row table chunks and half-sentence body chunks
    doc = chunks["2024_ai_global_trends.txt"]
    claude = [c for c in doc if "Anthropic에서 처음으로 공개 출시한 LLM" in c.text]
    assert claude and all(c.kind == "table" for c in claude)
    assert any("Claude는 OpenAI의 주요 경쟁사 중 하나인" in c.text and "<2023년에 출시된 주요 AI 모델>" in
               c.text + c.context for c in claude)
    assert not [c for c in doc if c.kind == "body" and c.text.startswith("GPT-4는 현재까지 가장 강력하고")]


def test_ocr_al_is_read_as_ai(chunks):
    text = " ".join(c.text for c in chunks["2024_ai_global_trends.txt"])
    assert "OpenAI GPT-4의 학습비용" in text and "OpenAl" not in text


def test_section_trail(chunks):
    sections = {c.section for c in chunks["nia_the_ai_report_2024.txt"]}
    assert "Ⅲ. AI 가치 사슬로 본 글로벌 기업의 경쟁력 > 2. AI 컴퓨팅 인프라 > 2.1. AI 반도체 > 2.1.5. AI 메모리 반도체 : SK 하이닉스" \
        in sections


def test_content_ids_are_stable(corpus):
    doc = corpus["ddaily_ai_index_2025.txt"]
    assert doc.doc_id == content_id(doc.text) == content_id(CORPUS.joinpath(doc.source).read_text("utf-8"))
    assert content_id(doc.text + " ") != doc.doc_id


def test_segments_cover_only_their_spans():
    text = "## 제목\n\n본문 문장이다.\n\n1) 각주 내용\n\n<table><tr><td>a</td><td>1</td></tr></table>\n"
    segs = segment(text)
    assert [s.kind for s in segs] == ["heading", "body", "footnote", "table"]
    for s in segs:
        assert is_derived(text[s.pos[0]:s.pos[-1] + 1], s.text)
        assert all(s.start <= p < s.end for p in s.pos)
        assert all(a < b for a, b in zip(s.pos, s.pos[1:]))
    assert segs[0].text == "제목" and segs[3].text == "a\t1"  # cells stay apart


def test_al_becomes_ai_only_where_the_document_writes_ai_in_that_place():
    text = ("OpenAI와 Mistral AI가 발표했다.\n\nOpenAl의 새 모델과 Mistral Al의 모델이 나왔다.\n\n"
            "Al Jazeera는 이를 보도했다.\n\nAl 인프라 투자가 늘었다.")
    body = " ".join(s.text for s in segment(text) if s.kind == "body")
    assert "OpenAI의 새 모델과 Mistral AI의 모델" in body
    assert "Al Jazeera는" in body  # no "AI Jazeera" anywhere: a name stays as written
    assert "Al 인프라" in body  # the document never writes "AI 인프라": no evidence, no change


def test_roman_numeral_lookalikes_follow_the_headings_own_evidence():
    text = "Ⅰ. 서론\n\n본문이다.\n\nⅡ. 동향\n\n본문이다.\n\n皿. 시사점\n\n본문이다."
    headings = [s.text for s in segment(text) if s.kind == "heading"]
    assert headings == ["Ⅰ. 서론", "Ⅱ. 동향", "Ⅲ. 시사점"]
    # out of sequence, but the document has the same heading with the real numeral
    text = "I. 요약\n\n皿. 시사점\n\n요약이다.\n\nⅢ. 시사점\n\n본문이다."
    assert [s.text for s in segment(text) if s.kind == "heading"] == ["I. 요약", "Ⅲ. 시사점", "Ⅲ. 시사점"]
    # no evidence: left as written
    text = "皿. 시사점\n\n본문이다."
    assert [s.text for s in segment(text) if s.kind == "heading"] == ["皿. 시사점"]


def test_short_real_lines_stay_and_a_corpus_chrome_file_is_applied(tmp_path):
    text = "반도체 수출이 늘었다.\n\n증가했다.\n\nAI\n\n사이트이름 위젯\n\n다음 문장이다."
    body = [s.text for s in segment(text) if s.kind == "body"]
    assert "증가했다." in body and "AI" not in body  # a short sentence is content; a stray word is not
    assert "사이트이름 위젯" in body
    assert "사이트이름 위젯" not in [s.text for s in segment(text, chrome=("사이트이름 .*",)) if s.kind == "body"]
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (tmp_path / "cleaning.json").write_text('{"chrome_lines": ["사이트이름 .*"]}', "utf-8")
    docs, notes = load_corpus(tmp_path)
    assert notes == [] and docs[0].chrome == ("사이트이름 .*",)


def test_hanja_words_map_to_countries_only_when_they_are_country_abbreviations():
    from ragqa.korean import terms

    assert "중국" in terms("對中 수출 규제") and "미국" in terms("韓美 협력")
    assert "중국" not in terms("中央 정부의 정책")


def test_a_pdf_line_wrapped_mid_sentence_goes_on_and_items_stay_apart():
    page = ("공무원연금법에 의한 퇴직연금 등의 감액은, 단순히 금고\n"
            "이상의 형을 받을 것을 요건으로 하는 불이익이 아니다.\n"
            "- 해외 우수 스타트업을 발굴하여 지원하는 제도를\n"
            "- 인도·베트남 등 해외 인력과 우리 기업간 매칭 추진\n"
            "① 첫째 항목은 여기서 끝나지\n"
            "② 않는 것처럼 보여도 새 항목이다\n")
    paged = [s.text for s in segment(page, pages=(0,)) if s.kind == "body"]
    assert paged[0] == ("공무원연금법에 의한 퇴직연금 등의 감액은, 단순히 금고 이상의 형을 받을 것을 요건으로 하는 "
                        "불이익이 아니다.")
    assert sum(s.startswith("- ") for s in paged) == 2  # a bullet opens a new item
    assert any(s.startswith("② ") for s in paged)  # so does a number
    authored = [s.text for s in segment(page) if s.kind == "body"]  # a text file's line break ends the line
    assert authored[0] == "공무원연금법에 의한 퇴직연금 등의 감액은, 단순히 금고"


def test_a_pdf_footnote_wrapped_over_lines_stays_one_footnote():
    page = ("본문 문장은 여기서 끝난다.10) 다른 본문도 있다.11)\n"
            "10) 소비자기본법은 사업자의 책무로서 사업자는 물\n"
            "품등으로 인하여 위해가 발생하지 아니하도록 필요한 조치를 강구하여야 한다고 규정한다.\n"
            "11) 다음 각주는 따로 선다.\n"
            "다음 본문은 각주가 아니다.\n")
    segs = segment(page, pages=(0,))
    notes = [s for s in segs if s.kind == "footnote"]
    assert [s.text for s in notes] == [
        "10) 소비자기본법은 사업자의 책무로서 사업자는 물품등으로 인하여 위해가 발생하지 아니하도록 필요한 조치를 "
        "강구하여야 한다고 규정한다.", "11) 다음 각주는 따로 선다."]
    assert page[notes[0].start:notes[0].end].endswith("규정한다.")  # offsets cover both lines
    assert [s.text for s in segs if s.kind == "body"] == ["본문 문장은 여기서 끝난다.10) 다른 본문도 있다.11)",
                                                          "다음 본문은 각주가 아니다."]
    # a text file's line break ends the footnote: its next line stays a line of its own
    assert [s.text for s in segment(page) if s.kind == "footnote"][0] == "10) 소비자기본법은 사업자의 책무로서 사업자는 물"


def test_a_sentence_cut_by_a_wrapped_footnote_goes_on_after_the_note_and_the_note_stays_in_the_text():
    # a judgment's page ends mid-sentence on its notes: the sentence goes on at the next page's top, past the
    # note and the note's own wrapped line (which the sentence took for its continuation before)
    first = ("원고들은 이 사건 업데이트로 재산상 손해를 입었다고 주장한다.6) 피고가 배포한 업데이트는 이른바\n"
             "악성프로그램이므로 피고가 그 설치를 유도한 행위는 정보통신망법(이하 ‘정보통신망법’이라\n"
             "6) 원고들은 정가의 20%를 피해액으로 보아야 한다고 주장하면서 가장 저렴한 모델의 정\n"
             "가 89,800원의 20%인 17,960원을 재산상 손해액이라고 주장한다.\n\n")
    second = "한다) 제48조 제2항을 위반한 불법행위에 해당한다.\n"
    text = first + second
    segs = segment(text, pages=(0, len(first)))
    body = [s.text for s in segs if s.kind == "body"]
    assert body == ["원고들은 이 사건 업데이트로 재산상 손해를 입었다고 주장한다.6) 피고가 배포한 업데이트는 이른바 "
                    "악성프로그램이므로 피고가 그 설치를 유도한 행위는 정보통신망법(이하 ‘정보통신망법’이라 한다) "
                    "제48조 제2항을 위반한 불법행위에 해당한다."]
    notes = [s for s in segs if s.kind == "footnote"]  # left out of the sentence, not out of the document
    assert [s.text for s in notes] == ["6) 원고들은 정가의 20%를 피해액으로 보아야 한다고 주장하면서 가장 저렴한 모델의 "
                                       "정가 89,800원의 20%인 17,960원을 재산상 손해액이라고 주장한다."]
    assert text[notes[0].start:notes[0].end].endswith("주장한다.") and all(text[p] != "\n" for p in notes[0].pos)
    # two notes, each wrapped: the sentence goes on past both
    two = first.replace("주장한다.6)", "주장한다.6)7)").rstrip("\n") + "\n" + (
        "7) 위자료는 각 100,000원으로 주장하였다가 이 법원에서 청구취지를 감\n"
        "축하였다.\n\n")
    segs = segment(two + second, pages=(0, len(two)))
    assert [s.text for s in segs if s.kind == "body"] == [body[0].replace("6)", "6)7)")]
    assert [s.text[:2] for s in segs if s.kind == "footnote"] == ["6)", "7)"]
    # a note cut at the very end of its page does not take the next page's first line for its own
    cut = first.split("가 89,800원")[0].rstrip("\n") + "\n\n"
    segs = segment(cut + second, pages=(0, len(cut)))
    assert [s.text for s in segs if s.kind == "body"] == body
    assert [s.text for s in segs if s.kind == "footnote"] == [
        "6) 원고들은 정가의 20%를 피해액으로 보아야 한다고 주장하면서 가장 저렴한 모델의 정"]


def test_a_numbered_line_the_text_never_refers_to_is_an_item_not_a_footnote():
    # a judgment numbers its third level 1), 2): without a mark "2)" written onto a word on the page (or the
    # one before) such a line is body, and a section's paragraphs stay in the text
    page = ("가. 공개되지 아니한 대화라는 주장에 관하여\n"
            "1) 원심의 판단\n"
            "원심은 피고인의 주장을 받아들이지 않았다.\n"
            "2) 이 법원의 판단\n"
            "원심의 판단은 정당하고 선물은 차 및 보온병1)이다.\n"
            "1) 대화 내용만으로 보온병이 선물에 포함되는지 분명하지 않다.\n")
    segs = segment(page, pages=(0,))
    assert [s.text for s in segs if s.kind == "footnote"] == ["1) 대화 내용만으로 보온병이 선물에 포함되는지 분명하지 않다."]
    # (here they title what follows them: an outline's headings, see below)
    assert {s.kind for s in segs if s.text in ("1) 원심의 판단", "2) 이 법원의 판단")} == {"heading"}
    assert [s.section for s in segs if s.text.startswith("원심은 피고인의")] == ["가. 공개되지 아니한 대화라는 주장에 관하여 > 1) 원심의 판단"]
    # a mark on the page before counts (a note set at the next page)
    first = "배터리의 상태와 임피던스5)를 종합하여 확인한다.\n"
    two = first + "5) 임피던스란 교류회로에서 전류가 흐르기 어려운 정도를 나타낸 수치이다.\n"
    assert [s.kind for s in segment(two, pages=(0, len(first))) if s.text.startswith("5)")] == ["footnote"]


def test_a_pdf_line_wrapped_inside_a_word_joins_without_a_space():
    page = ("원고가 피고 병원 의료진으로부터 충분한 지\n"
            "도를 받았다면 신속한 치\n"
            "료가 가능했을 것이고 그 결과 피해가\n"
            "줄었을 것이다.\n")
    body = [s for s in segment(page, pages=(0,)) if s.kind == "body"]
    assert [s.text for s in body] == ["원고가 피고 병원 의료진으로부터 충분한 지도를 받았다면 신속한 치료가 가능했을 것이고 "
                                      "그 결과 피해가 줄었을 것이다."]
    assert all(page[p] == ch for p, ch in zip(body[0].pos, body[0].text) if ch != " ")  # offsets still point home
    # in a text file a line break is the author's: nothing is joined
    assert "충분한 지" in [s.text for s in segment(page) if s.kind == "body"][0]


def test_more_bullet_shapes_open_a_new_item_in_a_pdf():
    page = ("은행법 제8조에 따른 인가방식 및 절차\n"
            "▲ 신규인가에 준하여 법령상 모든 세부심사요건 심사\n"
            "▲ 예비인가 절차는 생략 가능하되, 신청인이 희망할 경우에는 진행\n"
            "➡ 따라서 인가내용의 변경으로 전환함\n"
            "15% 구간은 4,600만원 이하\n"
            "→ 5,000만원 이하로 조정\n")
    body = [s.text for s in segment(page, pages=(0,)) if s.kind == "body"]
    assert sum(t.startswith("▲") for t in body) == 2 and any(t.startswith("➡") for t in body)
    assert "15% 구간은 4,600만원 이하 → 5,000만원 이하로 조정" in body  # a wrapped "A → B" goes on


def test_a_symbol_fonts_bullet_read_as_a_letter_opens_an_item_and_is_dropped():
    page = ("요약\n"
            "n 코로나 19의 확산으로 전 세계적인 경제불황이 닥쳤고 소비심\n"
            "리가 위축되는 상황에서 새로운 소비 트렌드가 등장함\n"
            "n 진정한 의미의 소비자 후생은 사회적 영향이 함께 고려되어야 하지만 현재\n"
            "n 경기침체와 고물가가 장기화될 것으로 전망됨\n")
    body = [s for s in segment(page, pages=(0,)) if s.kind == "body"]
    assert [s.text for s in body] == [
        "코로나 19의 확산으로 전 세계적인 경제불황이 닥쳤고 소비심리가 위축되는 상황에서 새로운 소비 트렌드가 등장함",
        "진정한 의미의 소비자 후생은 사회적 영향이 함께 고려되어야 하지만 현재", "경기침체와 고물가가 장기화될 것으로 전망됨"]
    # a letter that also stands alone elsewhere is a letter: "C 사용자들" in a judgment names a party
    named = page + "원고 n 은 이를 다투었다.\n"
    assert any(s.text.startswith("n 코로나") for s in segment(named, pages=(0,)))


def test_a_line_opening_with_a_date_is_no_numbered_heading():
    assert heading_level("2017. 2. 25. 피고 병원에 시력저하 등 증상을 호소하면서") == 0
    assert heading_level("2024.1.1. 이후 개시하는 과세연도 분부터 적용") == 0
    assert heading_level("2. 추진 과제") == 2 and heading_level("1.2 추진 배경") == 3  # real numbering stays
    page = ("제1심 감정의도 같은 의견을 밝혔다. 물론 원고 A이 이 사건 필러 주입술 3일 뒤인\n"
            "2017. 2. 25. 피고 병원에 시력저하 등 증상을 호소하면서 내원하기는 하였으나, 피고\n"
            "측이 작성한 진료기록에도 이미 그 전에 증상이 있었다는 내용이 있는 점, 원고의 증상이 2017.\n"
            "2. 25. 비로소 발생한 것으로 전제한 질문에 대한 답변으로 보일 뿐이다.\n")
    for paged in ((0,), ()):  # a PDF's wrapped lines join; in a text file each line stays, none a heading
        segs = segment(page, pages=paged)
        assert [s.kind for s in segs] == ["body"] * (1 if paged else 4) and not any(s.section for s in segs)
    assert segment(page, pages=(0,))[0].text.endswith("증상이 2017. 2. 25. 비로소 발생한 것으로 전제한 질문에 대한 "
                                                      "답변으로 보일 뿐이다.")


def test_a_sentence_cut_by_a_page_break_goes_on_over_the_page_number():
    full = "위 각 증거들 및 변론 전체의 취지에 의하여 알 수 있는 다음 사정들에 비추어 보면"
    words = ["원고", "피고", "법원", "증거", "사실", "판단", "주장", "감정", "의료진", "진료기록", "손해", "책임"]
    pages, text = [], ""
    for n in range(4):
        pages.append(len(text))
        w = words[3 * n:3 * n + 3]
        text += (f"{words[3 * n - 1]}에 대한 주장은 이유 없다.\n" if n else "") + (
            f"{w[0]}에 관한 이 면의 문장은 여기서 시작하여 여러 줄에 걸쳐 이어지는 판결문의\n"
            f"본문 줄이며 {w[1]}의 폭을 채우고 다음 줄로 넘어가는데 이 줄도 폭을 채우는\n"
            f"{w[2]}에 이르러 여기서 한 번 끝난다.\n"
            f"{w[0]}의 경우 {full}\n"
            f"\n- {n + 1} -\n")
    segs = segment(text, pages=tuple(pages))
    body = [s.text for s in segs if s.kind == "body"]
    # each page's last sentence goes on at the top of the next page, the page number between left out
    assert sum(f"{full} " in t and t.endswith("에 대한 주장은 이유 없다.") for t in body) == 3
    assert not any("- 2 -" in t for t in body)
    # a short last line (a cover's, a contents entry) ends its paragraph at the page break
    short = "\n".join(f"표지 {n}\n\n- {n} -\n본문은 여기서 시작한다." for n in range(1, 5))
    starts = tuple(i for i in range(len(short)) if short.startswith("표지", i))
    assert not any(t.startswith("표지") and "본문" in t for t in
                   (s.text for s in segment(short, pages=starts) if s.kind == "body"))


def test_a_numbered_line_that_goes_on_in_the_next_is_an_item_not_a_heading():
    assert heading_level("6. 발기인 및 임원이 「금융회사의 지배구조에 관한 법") == 0  # a bracket left open
    page = ("□ 참고로 대법원도 처분의 내용을 실질적으로 변경하는 결과를 가져\n"
            "오는 경우에는 새로운 처분절차에 준하는 절차를 거쳐야 한다고 언급한 바 있음\n"
            "1. 항소이유의 요지\n"
            "가. 사실오인 및 법리오해\n")
    segs = segment(page, pages=(0,))
    assert segs[0].kind == "body" and segs[0].text.startswith("□ 참고로") and "가져오는 경우에는" in segs[0].text
    # a title followed by an item ("가.", which Kiwi would read as a particle) stays a title
    assert [s.text for s in segs if s.kind == "heading"] == ["1. 항소이유의 요지"]
    assert segs[-1].section == "1. 항소이유의 요지"


def test_a_particle_after_a_wrapped_date_is_written_onto_it():
    page = ("가. 피고는 원고에게 100,000,000원에 대하여 2017. 2. 26.\n"
            "부터 2021. 11. 10.까지는 연 5%의 각 비율로 계산한 돈을 지급하라.\n"
            "나. 원고의 나머지 청구를 기각한다. 이 판결은 2023. 1. 5.\n"
            "피고 병원에 송달되었다.\n")
    body = [s.text for s in segment(page, pages=(0,)) if s.kind == "body"]
    assert body[0] == "가. 피고는 원고에게 100,000,000원에 대하여 2017. 2. 26.부터 2021. 11. 10.까지는 연 5%의 각 비율로 " \
                      "계산한 돈을 지급하라."
    # a date that ends the line before a new subject is not joined onto it
    assert not any("26.피고" in t or "5.피고" in t for t in body)


def test_a_box_title_opens_a_new_item_in_a_pdf():
    page = ("● 인파안전관리 제도 개선을 위한 다양한 법률 개정 추진\n"
            "《 가을철 지역축제 안전관리협조 요청 사항(9.26.) 》\n"
            "【청구항 1】상면 중앙에 관통형 축공이 형성되고\n")
    body = [s.text for s in segment(page, pages=(0,)) if s.kind == "body"]
    assert body == ["● 인파안전관리 제도 개선을 위한 다양한 법률 개정 추진", "《 가을철 지역축제 안전관리협조 요청 사항(9.26.) 》",
                    "【청구항 1】상면 중앙에 관통형 축공이 형성되고"]


def test_a_korean_outline_titles_its_sections_and_a_list_of_numbered_lines_stays_body():
    text = ("3. 이 사건 처분의 적법 여부에 대한 판단\n"
            "원고는 공직에서 퇴직하기 직전인 2012. 5.경 E 대표 F으로부터 영입제안을 받고\n"
            "이를 승낙하였고, 관련 형사판결은 위 영입제안을 알선 청탁의 제안이라고 판단하였\n"
            "으므로, 원고가 위 영입제안을 승낙한 시점에 알선수재죄가 성립하였다고 피고는 주장\n"
            "한다(쪽의 너비를 채워 줄이 바뀌는 문단).\n"
            "가. 당사자들의 주장\n"
            "1) 원고\n"
            "알선수재죄는 원고가 퇴직한 이후에 성립한 범죄이다.\n"
            "2) 피고\n"
            "원고는 퇴직하기 직전에 영입제안을 승낙하였다.\n"
            "나. 관계 법령\n"
            "공무원연금법은 다음 각 호의 경우에 급여를 환수한다고 정한다.\n"
            "1. 거짓이나 그 밖의 부정한 방법으로 급여를 받은 경우\n"
            "2. 급여를 받은 후 그 급여의 사유가 소급하여 소멸된 경우\n"
            "다. 결론\n"
            "가. 전산설비\n"
            "나. 인적설비\n"
            "1. 제1심 판결을 취소한다.\n")
    for pages in ((0,),):  # a PDF page; in a text file a "1) " line stays a footnote (checked below)
        segs = segment(text, pages=pages)
        heads = [s.text for s in segs if s.kind == "heading"]
        assert heads == ["3. 이 사건 처분의 적법 여부에 대한 판단", "가. 당사자들의 주장", "1) 원고", "2) 피고",
                         "나. 관계 법령"], pages
        said = {s.text: s.section for s in segs if s.kind == "body"}
        assert said["원고는 퇴직하기 직전에 영입제안을 승낙하였다."] == \
            "3. 이 사건 처분의 적법 여부에 대한 판단 > 가. 당사자들의 주장 > 2) 피고"
        body = " ".join(said)
        # a statute's items, an enumeration of short items, an order's clause: text, not titles
        for item in ("1. 거짓이나", "2. 급여를", "가. 전산설비", "나. 인적설비", "1. 제1심 판결을 취소한다."):
            assert item in body, (pages, item)
    # in a text file too, a short "가." line followed by its own text titles it; an enumeration does not
    segs = segment("나. 관계 법령\n원고는 퇴직하기 직전에 승낙하였다.\n가. 전산설비\n나. 인적설비\n")
    assert [s.text for s in segs if s.kind == "heading"] == ["나. 관계 법령"]


def test_the_question_of_a_q_and_a_titles_its_answer_over_its_wrapped_line():
    text = ("붙임 주요 Q&A\n"
            "1. 전환 절차를 발표한 이유는?\n"
            "□ 정부는 은행권 경쟁촉진을 위해 신규인가를 추진하겠다고 발표한 바 있음\n"
            "2. 통상적인 은행업 인가의 경우 본인가 전 예비인가를 거치는데, 검사 종료\n"
            "이전에 생략해도 문제가 없는 것인지?\n"
            "□ 예비인가제도의 취지를 고려할 때 반드시 거칠 필요성이 낮다고 판단함\n"
            "Q3. 심사 기간은 얼마나 걸리나요?\n"
            "A. 통상 6개월 이내에 심사를 마칠 계획임\n"
            "이러한 현실 속에서 대한민국은 어떤 전략을 취해야 할까?\n"
            "3. 거짓이나 그 밖의 부정한 방법으로 급여를 받은 경우, 급여를 받은 후 그 급여의 사유가 소급하여\n"
            "소멸된 경우에 환수한다.\n")
    segs = segment(text, pages=(0,))
    heads = [s.text for s in segs if s.kind == "heading"]
    assert heads == ["1. 전환 절차를 발표한 이유는?",
                     "2. 통상적인 은행업 인가의 경우 본인가 전 예비인가를 거치는데, 검사 종료 이전에 생략해도 문제가 없는 것인지?",
                     "Q3. 심사 기간은 얼마나 걸리나요?"]
    said = {s.text: s.section for s in segs if s.kind == "body"}
    answer = next(t for t in said if t.startswith("□ 예비인가제도"))
    assert said[answer].endswith("생략해도 문제가 없는 것인지?")  # the question is the answer's context
    # a question in running text, and a numbered line that asks nothing, stay text
    body = " ".join(said)
    assert "어떤 전략을 취해야 할까?" in body and "3. 거짓이나" in body


def test_a_statutes_article_numbers_its_items():
    page = ("▣ 공무원연금법 시행령\n"
            "제61조(형벌 등에 따른 퇴직급여 및 퇴직수당의 감액)\n"
            "➀ 공무원이었던 사람이 다음 각 호의 구분에 따라 퇴직급여를\n"
            "감액한다.\n"
            "1. 법 제65조제1항제1호 및 제2호에 해당하는 사람\n"
            "가. 재직기간이 5년 미만인 사람의 퇴직급여: 4분의 1\n"
            "3. 금고 이상의 형의 선고유예판결을 받고 그 유예기간이 지났을 때\n"
            "▣ 특정범죄 가중처벌 등에 관한 법률\n"
            "제3조(알선수재)\n"
            "공무원의 직무에 속한 사항의 알선에 관하여 금품을 수수한 사람은 5년 이하의 징역에 처한다.\n")
    segs = segment(page, pages=(0,))
    # an article's numbered items are its items, not sections (the article line itself stays text)
    assert [s.text for s in segs if s.kind == "heading"] == []
    body = [s.text for s in segs if s.kind == "body"]
    assert "1. 법 제65조제1항제1호 및 제2호에 해당하는 사람" in body
    # a ▣ line opens an item of its own: the law's name is not glued to the item before it
    assert "3. 금고 이상의 형의 선고유예판결을 받고 그 유예기간이 지났을 때" in body
    assert "▣ 특정범죄 가중처벌 등에 관한 법률 제3조(알선수재)" in body  # the law, its article: one line of text


def test_a_pdf_table_of_contents_is_furniture_and_a_roman_numbered_title_without_a_period_is_a_section():
    # a PDF lays its contents out with the page number after a space (no tab, as in the text reports), with a part's
    # title that has no number over its entries; its chapters are then titled "Ⅲ 정책적 변화", without a period
    first = ("CONTENTS\n"
             "Ⅰ. 「종합대책」 개요 1\n"
             "Ⅱ. 국가안전시스템 개편을 통한 정책적 변화\n"
             " ▶ 종합대책을 통한 주요변화 3\n"
             " [변화1] 새로운 인파안전관리 체계 정착 5\n"
             "Ⅲ. 향후 과제 및 추진 계획 15\n\n")
    second = ("Ⅰ 개요\n"
              "재난안전관리체계 전반에 대한 진단과 개편 내용을 담은 종합대책을 마련하였습니다.\n\n")
    third = (" Ⅱ 정책적 변화 \n"
             "주최자 유무에 관계없이 인파밀집 가능성을 미리 파악하는 체계를 마련하였습니다.\n")
    text = first + second + third
    segs = segment(text, pages=(0, len(first), len(first) + len(second)))
    assert [s.text for s in segs if s.kind == "heading"] == ["Ⅰ 개요", "Ⅱ 정책적 변화"]
    contents = [s.text for s in segs if s.kind == "boilerplate"]
    assert any("향후 과제 및 추진 계획 15" in c for c in contents) and any("▶ 종합대책" in c for c in contents)
    assert [(s.section, s.text.split()[0]) for s in segs if s.kind == "body"] == [("Ⅰ 개요", "재난안전관리체계"),
                                                                                ("Ⅱ 정책적 변화", "주최자")]
    # so is a chapter numbered "01 " (a guide's parts), but not a figure that opens a line ("01 3.5%" is no title)
    guide = "01 부동산 세금제도\n주택 양도세 감면한도를 조정한다.\n"
    assert [(s.kind, s.section) for s in segment(guide, pages=(0,))] == [("heading", ""), ("body", "01 부동산 세금제도")]
    assert [s.kind for s in segment("01 3.5% 증가\n", pages=(0,))] != ["heading"]
    # the Latin letters stay words: "I think" or "V3" open no section
    assert [s.kind for s in segment("I think it is fine\nV3 백신 업데이트 안내\n")] == ["body", "body"]


def test_a_short_line_that_ends_a_wrapped_word_is_text_not_a_stray_word():
    # a statute's item wrapped before its particle: "… 물적 설비" / "를 갖출 것" is one item, not a heading over
    # the text after it and a stray "를 갖출 것" dropped as layout
    page = ("② 제1항에 따른 은행업 인가를 받으려는 자는 다음 각 호의 요건을 모두 갖추어야 한다.\n"
            " 7. 은행업을 경영하기에 충분한 인력, 영업시설, 전산체계 및 그 밖의 물적 설비\n"
            "를 갖출 것\n"
            " ③ 제2항에 따른 요건 등에 관하여 필요한 세부사항은 대통령령으로 정한다.\n")
    segs = segment(page, pages=(0,))
    assert not [s for s in segs if s.kind == "heading"]
    assert any(s.kind == "body" and s.text.endswith("그 밖의 물적 설비를 갖출 것") for s in segs)
    # a title set vertically, one letter a line, stays layout; so does a short line after a finished sentence
    cover = "국\n민\n대\n비\n관계부처 합동\n보고서는 여기서 끝난다.\n를 갖출 것\n"
    assert [s.text for s in segment(cover, pages=(0,)) if s.kind == "body"] == ["관계부처 합동 보고서는 여기서 끝난다."]


def test_a_pdf_line_opening_with_a_parenthesis_goes_on_unless_the_parenthesis_labels_an_item():
    # a judgment wraps before "(이하 …)": the sentence goes on; a plan's "(소방) …" label opens an item of its own
    page = ("원고들은 미국 캘리포니아주에 본사를 둔 피고가 제조하여 판매하는 스마트폰인 C\n"
            "(이하 ‘C’이라 한다)을 구입하여 사용하여 왔고, 이 사건 업데이트를 설치하였다.\n"
            "(경찰) 112종합상황실 운영 및 신고처리 규칙을 개정하였다.\n"
            "(소방) 119종합상황실 표준 운영규정 개정, 현장대원과 상황실 간 정보 공유\n"
            "(’23.12월~)\n")
    body = [s.text for s in segment(page, pages=(0,)) if s.kind == "body"]
    assert body == ["원고들은 미국 캘리포니아주에 본사를 둔 피고가 제조하여 판매하는 스마트폰인 C (이하 ‘C’이라 한다)을 구입하여 "
                    "사용하여 왔고, 이 사건 업데이트를 설치하였다.",
                    "(경찰) 112종합상황실 운영 및 신고처리 규칙을 개정하였다.",
                    "(소방) 119종합상황실 표준 운영규정 개정, 현장대원과 상황실 간 정보 공유 (’23.12월~)"]
