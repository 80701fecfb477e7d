import json

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

from ragqa.answer import registry
from ragqa.answer.chain import AnswerError
from ragqa.answer.citations import split_answer, strip_markers
from ragqa.answer.followup import resolve_followup
from ragqa.answer.serialize import to_json
from ragqa.answer.verify import missing_names, verify_sentences


@pytest.fixture
def fake_llm(monkeypatch):
    """Register a backend 'fake' whose model replies with the given texts, in order."""
    replies = []

    def factory(cfg, paths):
        return GenericFakeChatModel(messages=iter(replies))

    monkeypatch.setitem(registry.LLM_FACTORIES, "fake", factory)
    return replies


def as_json(engine, answer):
    return to_json(answer, engine.source_text, engine.index.title_of, "q1")


def test_split_answer_reads_markers():
    parsed = split_answer("한국은 12억 달러였다[1]. 중국은 30억 달러다. [2][3] 끝이다 [1, 2]")
    assert parsed == [("한국은 12억 달러였다.", [1]), ("중국은 30억 달러다.", [2, 3]), ("끝이다", [1, 2])]
    assert strip_markers("a [1] b [2].") == "a b."
    # PDF bullets without sentence ends: the text after a marker is the next claim, with its own marker
    assert split_answer("• 영업구역은 전국 [1] • 인가요건은 동일 [2] 나머지 [1][3]") == \
        [("영업구역은 전국", [1]), ("인가요건은 동일", [2]), ("나머지", [1, 3])]


def test_a_name_of_two_words_is_found_in_the_passage_that_says_it():
    # Kiwi reads 데미스 허사비스 as one name with a space; the passage is compared without spaces
    claim = "제프리 힌튼(토론토大교수)과 데미스 허사비스(구글 딥마인드 대표)는 각각 노벨물리학상과 노벨화학상을 수상"
    assert missing_names(claim, "AI 분야의 대표석학인 " + claim) == []
    assert missing_names(claim, claim.replace("허사비스", "하사비스")) == ["데미스허사비스"]
    # the answer quotes the cleaned text (OCR's OpenAl repaired), its citation the source: the same name
    repaired = "최신 모델인 OpenAI GPT-4의 학습비용은 1억 달러 수준이다."
    assert missing_names(repaired, repaired.replace("OpenAI", "OpenAl")) == []
    assert missing_names(repaired, repaired.replace("OpenAI", "OpenBI")) == ["openai"]


def test_verification_reattributes_and_flags():
    passages = ["한국의 AI 반도체 투자는 12억 달러였다.", "중국의 AI 반도체 투자는 30억 달러로 집계됐다."]
    checked = verify_sentences([("중국의 AI 반도체 투자는 30억 달러다.", [1]),  # wrong passage cited
                                ("한국의 투자는 99억 달러다.", [1]),  # number not in any passage
                                ("한국의 AI 반도체 투자는 12억 달러였다.", [7])], passages)  # marker points nowhere
    assert checked[0][1] == (2,) and checked[0][2].supported
    assert not checked[1][2].supported and not checked[1][2].numbers_ok
    assert checked[2][1] == (1,) and checked[2][2].supported


def test_the_support_thresholds_are_the_configured_ones():
    import numpy as np

    from ragqa.config import VerifyConfig

    passage = ["중국의 AI 반도체 투자는 30억 달러로 집계됐다."]
    claim = [("중국의 반도체 예산은 30억 달러다.", [1])]  # half of its terms in the passage
    assert verify_sentences(claim, passage)[0][2].supported
    assert not verify_sentences(claim, passage, cfg=VerifyConfig(term_threshold=0.9))[0][2].supported
    # with a similarity below the embedding threshold, only a strong term overlap still supports it
    same = [("중국의 AI 반도체 투자는 30억 달러로 집계됐다.", [1])]
    vectors = np.eye(2)[:1]

    class Orthogonal:  # the claim's vector is orthogonal to the passage's: similarity 0
        def embed_documents(self, texts):
            return np.eye(2)[1:2].repeat(len(texts), 0)

    assert verify_sentences(same, passage, Orthogonal(), vectors)[0][2].supported  # overlap 1.0 >= 0.8
    assert not verify_sentences(same, passage, Orthogonal(), vectors,
                                VerifyConfig(strong_overlap=1.01))[0][2].supported


def test_llm_answer_is_parsed_verified_and_reattributed(engine, fake_llm):
    fake_llm.append("중국의 AI 반도체 투자는 30억 달러로 집계됐다 [2]. 일본은 500억 달러를 투자했다 [1].")
    a = engine.ask("중국의 AI 반도체 투자 규모는?", backend="fake")
    assert not a.abstained
    supported = [s for s in a.sentences if s.supported]
    assert len(supported) == 1 and "30억" in supported[0].text
    news = [c for c in a.citations if c.chunk.source == "news.txt"]
    assert news and supported[0].citations == (news[0].n,)  # re-attributed to the passage that says it
    assert "500억" not in a.text  # an unsupported number is never shown as an answer
    assert any("500억" in u for u in a.unsupported)


def test_each_claim_is_a_quote_of_the_citation_it_rests_on(engine, fake_llm):
    fake_llm.append("중국의 AI 반도체 투자는 30억 달러로 집계됐다 [1]. 일본은 관련 통계를 발표하지 않았다 [1].")
    a = engine.ask("중국과 일본의 AI 반도체 투자는?", backend="fake")
    assert not a.abstained
    news = next(c for c in a.citations if c.chunk.source == "news.txt")
    raw = (engine.cfg.paths.corpus_dir / "news.txt").read_text("utf-8")
    quoted = [raw[s:e] for s, e in news.quotes]
    assert len(quoted) == 2 and quoted[0].startswith("중국의") and quoted[1].startswith("일본은")
    between = raw.index("한국의 AI 반도체")  # the sentence between the two claims' is not quoted
    assert news.start < between < news.end and not any(s <= between < e for s, e in news.quotes)
    d = as_json(engine, a)
    cited = next(c for c in d["citations"] if c["source"] == "news.txt")
    assert [q["text"] for q in cited["quotes"]] == quoted


def test_a_quote_added_to_a_citation_keeps_its_quotes_apart_and_in_order():
    from ragqa.types import Chunk, Citation

    c = Citation(1, Chunk("c1", "d1", "a.txt", 0, 100, "x" * 100, "", "text"), 40, 50, 0.5, ((40, 50),))
    c = c.with_quote(10, 20)
    assert (c.start, c.end, c.quotes) == (10, 50, ((10, 20), (40, 50)))
    c = c.with_quote(18, 30)  # overlapping one: merged
    assert c.quotes == ((10, 30), (40, 50))
    c = c.with_quote(30, 40)  # touching both: one quote
    assert (c.start, c.end, c.quotes) == (10, 50, ((10, 50),))
    assert Citation(2, c.chunk, 5, 9).spans == ((5, 9),)


def test_the_ui_highlights_each_quote_and_not_the_text_between():
    from ragqa.ui.render import _marked

    raw = "앞. 첫 인용. 사이 문장. 둘째 인용. 뒤."
    spans = [(raw.index("둘째"), raw.index(" 뒤")), (raw.index("첫"), raw.index(" 사이"))]
    html = _marked(raw, 0, len(raw), spans, "rq-span")
    assert html == ('앞. <mark class="rq-hl" id="rq-span">첫 인용.</mark> 사이 문장. '
                    '<mark class="rq-hl">둘째 인용.</mark> 뒤.')


def test_llm_not_found_means_abstention(engine, fake_llm):
    fake_llm.append("제공된 문서에서 답을 찾을 수 없습니다.")
    a = engine.ask("화성의 인구는 몇 명인가?", backend="fake")
    assert a.abstained and a.text == "제공된 문서에서 답을 찾을 수 없습니다." and a.citations == ()


def test_extractive_answers_with_a_citation(engine):
    a = engine.ask("중국의 AI 반도체 투자 규모는 얼마인가?")
    assert not a.abstained and "30억" in a.text
    assert a.citations[0].chunk.source == "news.txt"
    assert f"[{a.citations[0].n}]" in a.text  # the sentence carries the marker of the passage it cites
    d = as_json(engine, a)
    raw = (engine.cfg.paths.corpus_dir / "news.txt").read_text("utf-8")
    assert d["citations"][0]["text"] == raw[d["citations"][0]["start"]:d["citations"][0]["end"]]
    assert "30억 달러" in d["citations"][0]["text"]


def test_extractive_abstains_when_the_documents_do_not_say(engine):
    a = engine.ask("일본의 AI 반도체 투자 규모는 얼마인가?")
    assert a.abstained and a.text == "제공된 문서에서 답을 찾을 수 없습니다."
    b = engine.ask("How much did Japan invest in AI chips?")
    assert b.abstained and b.text == "The provided documents do not contain the answer."


def test_conflicting_figures_are_both_given(engine):
    a = engine.ask("2023년 한국의 AI 반도체 투자 규모는 얼마인가?")
    assert not a.abstained
    assert "12억" in a.text and "15억" in a.text and "다릅니다" in a.text
    assert {c.chunk.source for c in a.citations} == {"chip_report.md", "news.txt"}


def test_json_contract_field_by_field(engine):
    d = as_json(engine, engine.ask("SK하이닉스의 메모리 점유율은?"))
    assert set(d) >= {"id", "question", "answer", "abstained", "backend", "citations", "contexts", "unsupported",
                      "timings_ms"}
    assert d["id"] == "q1" and d["backend"] == "extractive" and set(d["timings_ms"]) >= {"retrieve", "answer", "total"}
    assert d["contexts"] and [p["n"] for p in d["contexts"]] == list(range(1, len(d["contexts"]) + 1))
    for p in d["contexts"] + d["citations"]:
        assert set(p) >= {"n", "source", "title", "start", "end", "text", "score", "page"}
        assert p["page"] is None  # text files have no pages (PDF pages: tests/test_pdf.py)
        raw = (engine.cfg.paths.corpus_dir / p["source"]).read_text("utf-8")
        assert p["text"] == raw[p["start"]:p["end"]]
    for c in d["citations"]:  # a citation lies within the passage it numbers
        ctx = d["contexts"][c["n"] - 1]
        assert ctx["start"] <= c["start"] < c["end"] <= ctx["end"]
        # its quotes: the source's text, in order, apart, from the citation's start to its end
        raw = (engine.cfg.paths.corpus_dir / c["source"]).read_text("utf-8")
        quotes = c["quotes"]
        assert quotes and quotes[0]["start"] == c["start"] and quotes[-1]["end"] == c["end"]
        assert all(q["text"] == raw[q["start"]:q["end"]] for q in quotes)
        assert all(a["end"] < b["start"] for a, b in zip(quotes, quotes[1:]))
    assert "28%" in d["answer"]
    json.dumps(d, ensure_ascii=False)


def test_llm_endpoint_down_falls_back_and_says_so(engine):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine.reconfigure(engine.cfg.replace(answer={"openai_base_url": f"http://127.0.0.1:{port}/v1",
                                                  "timeout_s": 3.0}))
    a = engine.ask("중국의 AI 반도체 투자 규모는?", backend="openai")
    assert "fallback" in a.backend and any("openai" in n for n in a.notes)
    assert "30억" in a.text
    engine.reconfigure(engine.cfg.replace(answer={"fallback": False}))
    with pytest.raises(AnswerError, match="openai"):
        engine.ask("중국의 AI 반도체 투자 규모는?", backend="openai")


def test_bad_questions_are_refused_clearly(engine):
    for q in ("", "   ", "\x00\x01"):
        with pytest.raises(AnswerError, match="비어|empty"):
            engine.ask(q)
    for q in ("?", "... ?!", "<b></b> ·", "🤖💰❓"):  # symbols only: nothing to search for, no language to answer in
        with pytest.raises(AnswerError, match="only symbols"):
            engine.ask(q)
    with pytest.raises(AnswerError, match="too long|너무"):
        engine.ask("가" * 50_000)
    with pytest.raises(AnswerError, match="unknown backend"):
        engine.ask("질문", backend="nope")
    a = engine.ask("중국의\x07 AI 반도체\t투자 규모는?")  # control characters are dropped
    assert "30억" in a.text


def test_followup_is_resolved_against_history():
    history = [("한국의 AI 민간 투자 규모는?", "13.9억 달러")]
    assert resolve_followup("그럼 중국은?", history) == "중국의 AI 민간 투자 규모는?"
    assert resolve_followup("미국의 AI 특허 수는?", history) == "미국의 AI 특허 수는?"
    assert resolve_followup("그럼 중국은?", []) == "그럼 중국은?"
    # a fragment: one word and a topic particle, with or without a cue
    assert resolve_followup("미국은요?", history) == "미국의 AI 민간 투자 규모는?"
    assert resolve_followup("그러면, 삼성전자도?", history) == "삼성전자의 AI 민간 투자 규모는?"
    assert resolve_followup("2022년은?", [("2023년 한국의 투자액은?", "")]) == "2022년 한국의 투자액은?"
    assert resolve_followup("What about China?", [("How much did Korea invest in 2023?", "")]) == \
        "How much did China invest in 2023?"
    # the subject is the name a particle marks, not the first name (a report's), and its particle follows the word
    assert resolve_followup("중국은?", [("스탠퍼드 AI 인덱스 기준 한국의 투자액은?", "")]) == "스탠퍼드 AI 인덱스 기준 중국의 투자액은?"
    assert resolve_followup("메타는?", [("구글이 개발한 모델은?", "")]) == "메타가 개발한 모델은?"
    assert resolve_followup("구글은?", [("오픈AI의 기업 가치는?", "")]) == "구글의 기업 가치는?"  # the whole word
    # a short question that asks something of its own stands alone (it used to be spliced into the last one)
    for own in ("엔비디아 점유율은?", "딥시크란?", "소라는 무엇인가?", "루닛의 매출액은?"):
        assert resolve_followup(own, history) == own
    assert resolve_followup("그럼 엔비디아 점유율은?", history) == "엔비디아 점유율은?"  # the cue dropped


def test_followup_in_the_chain(engine):
    a = engine.ask("그럼 중국은?", history=[("한국의 AI 반도체 투자 규모는?", "...")])
    assert a.resolved_question.startswith("중국의 AI 반도체 투자 규모") and "30억" in a.text


@pytest.mark.parametrize("question", ["中国的AI芯片投资规模是多少？", "日本のAI半導体投資はいくらですか？",
                                      "ما حجم الاستثمار في رقائق الذكاء الاصطناعي؟", "Сколько инвестировал Китай?",
                                      "중국 AI 반도체 投資 규모 how much?"])
def test_other_languages_and_scripts_never_break(engine, question):
    a = engine.ask(question)
    assert isinstance(a.text, str) and a.text
    assert a.abstained or a.citations  # an answer always carries its sources
    d = as_json(engine, a)
    json.dumps(d, ensure_ascii=False)


def test_warm_up_loads_everything_a_first_question_needs(engine):
    # serve calls this before it listens: afterwards the index, the answer chain and Kiwi are loaded
    from ragqa import korean

    engine.reload()
    assert not engine.is_warm
    assert engine.warm_up() > 0
    assert engine.is_warm
    assert korean.is_loaded()


def test_table_rows_are_given_with_their_column_names():
    from ragqa.tables import render_row

    assert render_row("대한민국\t20 (13위)\t42 (6위)", ("인재", "인프라")) == "대한민국 — 인재 20 (13위), 인프라 42 (6위)"
    assert render_row("대한민국\t20", ()) == "대한민국 20"  # no header: the cells as they are


def test_a_tables_header_row_is_no_answer_even_when_its_names_hold_digits():
    from ragqa.answer.sentences import not_an_answer

    header = ("기업명", "분야", "매출액('23)", "종업원 수")
    assert not_an_answer("기업명\t분야\t매출액('23)\t종업원 수", True, header)
    assert not_an_answer("기업명\t분야\t매출액('23)\t종업원 수", False, header)  # a table of words too
    assert not not_an_answer("뤼이드\t교육\t77.0\t119", True, header)
    assert not not_an_answer("기업명\t분야\t매출액('23)\t종업원 수", True, ())  # no header known: a row with digits


@pytest.mark.parametrize("text, figure", [
    ("AMD의 Instinct MI300 시리즈는 GPU 가속기를 통해 작업을 진행한다", False),  # a name's digits
    ("[그림 10] AI 기반 라벨링 기업 스케일AI", False),  # a figure reference
    ("라벨링 기업이 성장했다19) 이는", False),  # a footnote mark
    ("2024년에 출시되었다", False),  # a year
    ("2024년 7월 실적 발표에서 밝혔다", False),  # a month
    ("'24.10. 투자 라운딩을 마감함", False),  # a date written short
    ("2분기 기준 매출이 늘었다", False),  # a period
    ("MS의 파이-3 시리즈는 온디바이스용이다", False),  # a Korean name's digits
    ("'24.07. 5억 달러를 유치했다", True),  # a date, then a figure
    ("3개월 만에 가입자가 늘었다", True),  # a duration
    ("H100 GPU 2만 개를 도입했다", True),
    ("GPT-4 대비 속도가 2배 빠르다", True),
    ("점유율 약 69%를 차지한다", True),
    ("순위는 (30)위", True),
    ("세 가지 방향을 제시했다", True),
])
def test_a_figure_is_told_from_digits_that_name_or_refer(text, figure):
    from ragqa.answer.sentences import has_answer_number

    assert has_answer_number(text) is figure


def test_sentences_that_follow_each_other_become_one_quote():
    from ragqa.answer.compose import Pick, join_adjacent

    source = "첫 문장이다. 특히 챗GPT가 상위다. 다른 문단이다."
    a = Pick(1, "첫 문장이다.", 0, 7, 0.9)
    b = Pick(1, "특히 챗GPT가 상위다.", 8, 21, 0.8)
    c = Pick(1, "다른 문단이다.", 22, 30, 0.5)
    joined = join_adjacent((a, b), lambda hit_no: source)
    assert joined == (Pick(1, "첫 문장이다. 특히 챗GPT가 상위다.", 0, 21, 0.9),)
    assert join_adjacent((a, c), lambda hit_no: source) == (a, c)  # text between them: two quotes
    assert join_adjacent((a, Pick(2, b.text, 8, 21, 0.8)), lambda hit_no: source)[1].hit_no == 2  # another passage
    # cleaning changed a character of the source (an escaped dollar): still one quote, in the cleaned text
    escaped = "기업가치는 25억\\$이다. 매출은 늘었다."
    d = Pick(1, "기업가치는 25억$이다.", 0, 14, 0.9)
    e = Pick(1, "매출은 늘었다.", 15, 23, 0.8)
    assert join_adjacent((d, e), lambda hit_no: escaped) == (Pick(1, "기업가치는 25억$이다. 매출은 늘었다.", 0, 23, 0.9),)
    rows = "GPQA\t41.00%\t29.10%\nMMMU\t59.40%\t51.10%"  # table rows, given as label — cells: one quote each
    f = Pick(1, "GPQA — 41.00%, 29.10%", 0, 18, 0.9)
    g = Pick(1, "MMMU — 59.40%, 51.10%", 19, 37, 0.8)
    assert join_adjacent((f, g), lambda hit_no: rows) == (f, g)


def test_a_piece_of_a_longer_word_is_not_a_name_and_a_back_reference_is_seen():
    from ragqa.answer.question import question_entities
    from ragqa.answer.sentences import ANAPHOR

    assert "언스" not in question_entities("리스크 관리·컴플라이언스 영역에 속하는 것은?")  # 컴플라이|언스
    assert "메타" in question_entities("메타의 MTIA 칩은?")  # a name at the start of a word stays
    assert ANAPHOR.match("이 회사는 2024년 10월 25억$ 기업가치로 투자 유치를 추진 중")
    assert ANAPHOR.match("이들 기업은 AI 모델을 개발한다")
    assert not ANAPHOR.match("이번 라운딩에서는 66억 달러가 투자되었다")
    assert not ANAPHOR.match("이러한 기술은 널리 쓰인다")


@pytest.mark.parametrize("question, text, fits", [
    ("트랜지스터가 몇 개 탑재되었나?", "2,080억 개의 트랜지스터를 탑재함", True),  # a power of ten before the counter
    ("이용자는 몇 명인가?", "월간 이용자가 3천 명에 달한다", True),
    ("이용자는 몇 명인가?", "이용자가 1,200만명을 넘었다", True),
    ("이용자는 몇 명인가?", "인구 10만명당 특허 3건", False),  # a per-capita base is not the count
    ("투자 금액은 얼마인가?", "66억 달러의 투자가 진행되었다", True),
    ("데이터센터는 몇 곳인가?", "데이터센터 2억 달러 투자", False),  # a figure without the counter
    # any other counter or unit written after 몇 is the one asked (Kiwi reads 메가|와트 as two nouns)
    ("슈퍼컴퓨터는 전력을 몇 메가와트 소비하나?", "최대 1,200 메가와트를 소비한다", True),
    ("슈퍼컴퓨터는 전력을 몇 메가와트 소비하나?", "연산 성능은 5 엑사플롭스이다", False),
    ("칩은 몇 나노미터 공정으로 생산되나?", "3나노미터 공정으로 생산된다", True),
    ("칩은 몇 나노미터 공정으로 생산되나?", "2024년 출시된 칩이다", False),
    ("보고서는 시나리오를 몇 가지 제시하나?", "세 가지 시나리오를 제시한다", True),  # a native numeral counts
    ("보고서는 시나리오를 몇 가지 제시하나?", "여러 가지 시나리오를 제시한다", False),
    # Kiwi reads a counter and its particle as another noun (종이, paper): the counter alone is asked too
    ("표준매뉴얼은 몇 종이 심의되었나?", "표준매뉴얼*(13종) 심의 및 개정 완료", True),
    ("표준매뉴얼은 몇 종이 심의되었나?", "표준매뉴얼 개정 완료(10월)", False),
])
def test_the_asked_unit_is_found_after_a_power_of_ten(question, text, fits):
    from ragqa.answer.question import unit_pattern

    assert bool(unit_pattern(question).search(text)) is fits


def test_a_line_labelled_with_the_asked_thing_is_told_from_prose():
    from ragqa import korean
    from ragqa.answer.sentences import labelled_for

    asked = set(korean.terms("국내 AI 유망기업 중 헬스케어 분야로 분류된 기업은?"))
    assert labelled_for("- 헬스케어: 뉴로핏, 딥노이드, 루닛, 뷰노", asked)
    assert not labelled_for("- 모빌리티·운송: 니어스랩, 모라이", asked)  # another category's line
    assert not labelled_for("국내 주요 유망 스타트업의 매출액은 증가하는 추세이며 헬스케어 분야는 성장", asked)
    assert not labelled_for("헬스케어 기업 회의는 10:30에 시작", asked)  # a clock time is not a label
    assert labelled_for("(헬스케어) 대부분 기업의 매출이 상승 중", asked)


def test_a_label_counts_by_how_many_of_its_words_the_question_names():
    """A line under a longer label that shares one name with the question is another field under that name: the
    label bonus follows the share of the label's words the question names, whole or in part (최소자본금 for 최저자본금)."""
    from ragqa import korean
    from ragqa.answer.sentences import label_share

    asked = set(korean.terms("안전신문고로 수렴된 의견은 몇 건인가?"))
    assert label_share("▶ 안전신문고 안전정책 제안 건수: 8,704건", asked) == 0.5
    assert label_share("(안전신문고) 의견 1,672건 수렴", asked) == 1.0
    assert label_share("안전신문고로 1,672건의 의견이 수렴됐다", asked) == 0.0  # prose: no label
    capital = set(korean.terms("지방은행의 최저자본금은 얼마인가?"))
    assert label_share("최소자본금: 시중은행 1,000억원", capital) == 1.0  # named in other words, in part


def test_a_letter_spaced_label_leads_its_line():
    """A judgment's header sets each field's label letter-spaced before its value: the label is read joined."""
    from ragqa import korean
    from ragqa.answer.sentences import label_share, lead_label

    assert lead_label("판 결 선 고 2023. 9. 14.") == "판결선고"
    assert lead_label("원 심 판 결 의정부지방법원 2023. 4. 20. 선고 2022고합329 판결") == "원심판결"
    assert lead_label("제 1 심 판 결 서울중앙지방법원 2022. 10. 28. 선고") == "제1심판결"  # a digit among the letters
    asked = set(korean.terms("이 사건의 판결 선고일은 언제인가?"))
    assert label_share("판 결 선 고 2023. 9. 14.", asked) == 1.0
    assert label_share("변 론 종 결 2023. 7. 11.", asked) == 0.0  # another field of the header
    # single syllables that are words of their own lead no label
    assert lead_label("또 그 중 ACL은 핵심 모듈로") == "" and lead_label("그 중 한국은 9위") == ""



def test_a_long_table_row_is_cut_to_its_label_and_the_cells_that_answer():
    from ragqa.answer.sentences import answering_window
    from ragqa.tables import row_cells

    header = ("설립", "기업가치", "주요 투자자", "핵심 기술")
    row = "퍼플렉시티\t2022년, 오픈AI 출신 스리니바스 등이 설립\t'24년 기업가치 10억$ 이상\t" \
          "아마존 창업자 제프 베조스, 엔비디아, SKT 등 " + "다수의 투자자 " * 10 + "\tRAG 시스템: 실시간 웹 검색과 AI 생성 응답의 결합"
    label, cells = row_cells(row, header)
    assert label == "퍼플렉시티" and cells[0].startswith("설립 2022년")
    window = answering_window(cells, "퍼플렉시티의 핵심 기술은?", "general", 120, ", ")
    assert window.startswith("핵심 기술 RAG") and len(window) <= 120  # the answering cell, not the long one
    assert "2022" in answering_window(cells, "퍼플렉시티는 언제 설립되었나?", "general", 120, ", ")


def test_the_clause_window_weighs_a_figure_and_its_length_as_configured():
    import dataclasses

    from ragqa.answer.compose import Composer
    from ragqa.answer.sentences import answering_window
    from ragqa.config import ExtractiveConfig

    parts = ["국내 AI 반도체 시장 규모는 빠르게 커지고 있으며", "정부 지원 사업도 확대되어", "올해 약 3조 원에 이른다"]
    asked = "국내 AI 반도체 시장 규모는 얼마인가?"
    # by the question's words alone the first clause answers; the figure bonus reaches the clause with the figure
    assert "3조" not in answering_window(parts, asked, "number", 60, " ", figure_bonus=0.0)
    assert "3조" in answering_window(parts, asked, "number", 60, " ", figure_bonus=0.5)
    # at the configured cost a character the window runs from the question's words to the figure; at a high one
    # the figure's clause alone is cheapest
    assert answering_window(parts, asked, "number", 60, " ", figure_bonus=0.5).startswith("국내")
    assert answering_window(parts, asked, "number", 60, " ", figure_bonus=0.5, length_cost=0.05) == parts[2]
    # the answer's composer passes its configured values
    off = Composer(None, dataclasses.replace(ExtractiveConfig(), window_figure_bonus=0.0))
    assert "3조" not in off._window(parts, asked, "number", 60, " ")
    assert "3조" in Composer(None, ExtractiveConfig())._window(parts, asked, "number", 60, " ")


def test_a_clause_that_says_what_is_not_so_never_ends_the_answer():
    from ragqa.answer.sentences import CLAUSE, answering_window

    sentence = ("협회 규정에 따른 회비 감면은, 단순히 회원 자격을 유지할 것을 요건으로 하는 혜택이 아니라, "
                "지난 5년 동안 봉사 활동에 꾸준히 참여하여 지역 사회에 기여한 회원에게 주는 보상에 해당한다")
    parts = [p for p in CLAUSE.split(sentence) if p and p.strip()]
    assert len(parts) == 4 and parts[1].endswith("아니라,")
    window = answering_window(parts, "회비 감면의 요건은 무엇인가?", "general", 80, " ")
    assert not window.rstrip(" ,").endswith("아니라") and "봉사 활동" in window
    # a window that starts after the negated clause stands alone
    assert answering_window(parts[1:], "봉사 활동 보상은?", "general", 80, " ").startswith("지난 5년")


def test_a_long_sentence_is_not_cut_after_a_case_marking_hayeo():
    from ragqa.answer.sentences import CLAUSE, answering_window

    sentence = ("법은 소비자의 권리를 정하고, 아울러 사업자의 책무로서 사업자는 물품으로 인하여 소비자에게 위해가 "
                "발생하지 아니하도록 필요한 조치를 강구하여야 하고, 정보를 성실하게 제공하여 피해를 줄여야 한다")
    parts = [p.strip() for p in CLAUSE.split(sentence) if p and p.strip()]
    assert not any(p.endswith("인하여") for p in parts)  # 으로 인하여 marks a cause: the phrase goes on
    assert any(p.endswith("제공하여") for p in parts)  # a connective -하여 still ends a clause
    window = answering_window(parts, "사업자의 책무는 무엇인가?", "general", 120, " ")
    assert "조치를 강구하여야" in window


def test_compound_postpositions_in_hayeo_do_not_end_a_clause():
    from ragqa.answer.sentences import CLAUSE

    sentence = ("근로자 본인의 출산과 관련하여 사용자로부터 받는 수당은 현행법에 준하여 비과세하고, 청년을 비롯하여 "
                "신청인에 한하여 적용하며, 목표를 향하여 자료를 분석하여 제출한다")
    parts = [p.strip() for p in CLAUSE.split(sentence) if p and p.strip()]
    for postposition in ("관련하여", "준하여", "비롯하여", "한하여", "향하여"):
        assert not any(p.endswith(postposition) for p in parts), postposition
    assert any(p.endswith("분석하여") for p in parts)  # a verb's connective -하여 still ends one


def test_the_passage_of_a_sentence_is_any_retrieved_passage_that_holds_it():
    from ragqa.answer.confidence import Confidence
    from ragqa.answer.extractive import Candidate
    from ragqa.types import Chunk, Hit, Sentence

    def hit(rank, start, end, source="a.txt"):
        chunk = Chunk(f"c{rank}", "a", source, start, end, "", "", "body", (Sentence(start, end, ""),))
        return Hit(chunk, 1.0 / rank, rank)

    # the sentence 100-140 was scored in passage 2 (0-140, overlapping), passage 1 (100-300) holds it too;
    # passage 3 is another document at the same offsets, passage 4 ends before the sentence does
    hits = [hit(1, 100, 300), hit(2, 0, 140), hit(3, 100, 300, "b.txt"), hit(4, 90, 120)]
    best = Candidate(2, 0, "", 100, 140, 0.5, 0.5)
    assert [h.rank for h in Confidence.holding(best, hits)] == [1, 2]


def test_an_answer_never_states_one_sentence_twice():
    from ragqa.answer.compose import Candidate, distinct
    from ragqa.types import Chunk, Hit, Sentence

    def hit(rank, start, end, source="a.txt"):
        chunk = Chunk(f"c{rank}", "a", source, start, end, "", "", "body", (Sentence(start, end, ""),))
        return Hit(chunk, 1.0 / rank, rank)

    # passages 1 and 2 overlap and share the sentence 100-140; passage 3 is another report at the same offsets
    hits = [hit(1, 0, 140), hit(2, 100, 300), hit(3, 100, 300, "b.txt")]
    text = "이커머스는 소비자 후생을 직접적으로 향상시키고 있음"
    first, again = Candidate(1, 1, text, 100, 140, 0.5, 0.5), Candidate(2, 0, text, 100, 140, 0.4, 0.4)
    other_report, next_one = Candidate(3, 0, text, 100, 140, 0.3, 0.3), Candidate(2, 1, "다음 문장", 141, 160, 0.3, 0.3)
    assert distinct([first, next_one, again, other_report], hits) == [first, next_one, other_report]


@pytest.mark.parametrize("question, context, named", [
    ("스탠퍼드 AI 인덱스 2024 기준 한국의 투자액은?", "'AI 인덱스 2024' 발간 | 연합뉴스", {"24"}),  # the report's name
    ("2024 Global AI Index에서 A국의 종합 점수는?", "보고서 | 표 머리: 2024 Global AI Index", {"24"}),
    ("B사의 2024년 매출액 전망치는?", "THE AI REPORT 2024 | 기관", set()),  # a year asked about, in a 2024 report
    ("2023년 B사의 매출액은?", "THE AI REPORT 2024 | 기관", set()),  # not a year the context names
    # the word beside the year must stand beside it in the context too, not anywhere (a table's column)
    ("루닛의 2024년 매출액 전망치는?", "2024년 인공지능 글로벌 트렌드 | 표 머리: 기업명 매출액('23)", set()),
    ("MWC 2024에서 허사비스가 말한 것은?", "MWC 2024 기조연설 | 보고서", {"24"}),
    ("AI 인덱스 2024에서 한국의 순위는?", "스탠퍼드 'AI 인덱스 2024' 발간", {"24"}),
])
def test_a_year_is_the_reports_name_only_where_the_question_writes_it_so(question, context, named):
    from ragqa.answer.question import named_years

    assert named_years(question, context) == named


@pytest.mark.parametrize("question, expected", [
    # the noun a question ends on is what it asks for
    ("AI 모델의 대형화와 함께 학습 비용 문제에 대응해 시도되고 있는 것은?", "general"),
    ("글로벌 AI 인덱스에서 순위가 급등한 데 기여한 스타트업은?", "general"),
    ("학습 비용은?", "number"),
    ("메모리 반도체 세계 시장 점유율은?", "number"),  # 점유 + 율 (a suffix of quantity)
    ("글로벌 AI 시장 규모 전망치는?", "number"),
    ("빅테크 기업들의 R&D 지출 총액은?", "number"),
    ("한국의 인구 10만명당 AI 특허 수는?", "number"),
    # how much / how many wherever it stands; a question ending on a verb keeps its quantity words
    ("시도되고 있는 것은 몇 가지인가?", "number"),
    ("프랑스의 AI 경쟁력 순위는 어떻게 변했나?", "number"),
    ("What was Scale AI's valuation in 2024?", "number"),
    ("스케일AI는 어디에서 설립되었나?", "name"),
    # English words count whole: "rate" is not in "generate", nor "who" in "whole"
    ("What does OpenAI generate with Sora?", "general"),
    ("What growth rate did the market reach?", "number"),
    ("Which company leads the whole market?", "name"),
])
def test_the_question_type_is_what_the_question_asks_for(question, expected):
    from ragqa.answer.question import question_type

    assert question_type(question) == expected


@pytest.mark.parametrize("question, parts, multi", [
    ("What valuation did OpenAI reach in its October 2024 funding round?", False, False),  # not "each"
    ("What research did the report cite?", False, False),
    ("What risks does the report list?", True, False),
    ("Compare the two reports' figures for each country.", True, True),
    ("두 보고서의 수치를 각각 비교하면?", True, True),
])
def test_an_english_question_asks_for_several_things_by_whole_words(question, parts, multi):
    from ragqa.answer.question import MULTI_Q, PARTS_Q

    assert bool(PARTS_Q.search(question)) is parts and bool(MULTI_Q.search(question)) is multi


def test_a_table_cell_long_by_itself_is_cut_to_the_pieces_that_answer():
    from ragqa.answer.sentences import answering_window, cell_pieces

    cells = ["개요 • 퍼플렉시티 AI는 '22년 오픈AI 출신 스리니바스 등이 설립한 AI 기반 검색 엔진임. • '24년 기업가치 "
             "10억$ 이상으로 약 1.65억$의 자금을 조달했음. 투자자로서는 아마존 창업자인 제프 베조스도 있음. "
             "• RAG 시스템: 실시간 웹 검색과 AI 생성 응답의 결합 • 정확성 중시: 출처 명시로 신뢰성 확보",
             "수익 모델 • Pro 등 Subscription 버전 • 광고: 광고가 답변에 직접 통합됨. 광고 유형으로는 스폰서드 미디어"]
    pieces = cell_pieces(cells, 120)
    assert "퍼플렉시티 AI는 '22년 오픈AI 출신 스리니바스 등이 설립한 AI 기반 검색 엔진임." in pieces
    assert all(len(p) <= 120 for p in pieces)
    answer = answering_window(pieces, "퍼플렉시티 AI를 설립한 사람은 누구인가?", "name", 120, " ")
    assert "스리니바스" in answer and "Subscription" not in answer and len(answer) <= 120


def test_two_reports_figures_are_a_conflict_only_when_they_speak_of_the_same_thing():
    from ragqa.answer.sentences import subject_overlap
    from ragqa.config import ExtractiveConfig

    threshold = ExtractiveConfig().conflict_overlap
    same = ("AI에 대한 민간 투자 규모는 미국(672억달러)이 1위를 기록했고, 중국(72억6천만달러)이 뒤를 이었다.",
            "'23년 민간 AI 투자는 지역별로 미국(672억 달러), 중국(78억 달러) 순")
    other = ("구글 제미나이 울트라 훈련에는 1억9천140만 달러가 들었다.",
             "구글의 제미나이 플래시 모델 쿼리 비용은 백만 토큰당 20달러에서 0.07달러로 하락했다.")
    assert subject_overlap(*same) >= threshold > subject_overlap(*other)
    assert subject_overlap(same[0], same[0]) == 1.0 and subject_overlap("", "") == 0.0


def test_a_sentence_in_the_questions_own_words_restates_it():
    from ragqa.answer.sentences import restates

    question = "e커머스 통합이 기업에게 리소스를 효율적으로 활용하게 만드는 구체적인 방법은 무엇인가요?"
    heading = "e커머스 통합으로 리소스를 효율적으로 활용할 수 있습니다."
    answer = "e커머스 기술은 내부 워크플로우를 자동화하고, 셀프서비스 고객 경험을 제공합니다."
    assert restates(heading, question, 0.4)
    assert not restates(answer, question, 0.4)
    assert not restates(heading, question, -1.0)  # off
    # in the question's words, but with a figure the question does not give: that is the answer
    assert not restates("2023년 중국은 전체 AI 등록 특허의 69.7%를 차지했다.", "2023년 전체 AI 등록 특허에서 중국이 차지한 비중은?", 0.4)
    assert restates("2023년 전체 AI 등록 특허에서 중국이 차지한 비중", "2023년 전체 AI 등록 특허에서 중국이 차지한 비중은?", 0.4)


def test_a_table_row_answers_a_question_in_the_unit_its_table_declares(tmp_path, fake_embedder):
    """"몇 명" is answered by a row whose column counts (종업원 수) and "얼마" by one whose caption declares 억원:
    a table writes its units once, not in every cell. The row is given with the table's unit note."""
    from conftest import one_document_engine

    from ragqa.answer.extractive import ExtractiveAnswerer

    text = ("# 유망기업 현황\n\n국내 교육 분야 유망기업의 매출과 인력은 다음과 같다.\n\n"
            "<국내 교육 분야 유망기업 매출 및 영업이익률(단위: 억원, %)>\n\n"
            "기업명\t분야\t매출액('23)\t종업원 수\n가나에듀\t교육\t77.0\t119\n다라랩\t교육\t135.5\t160\n\n"
            "출처: 가상 조사기관\n")
    eng = one_document_engine(tmp_path, fake_embedder, "firms.md", text)
    answerer = ExtractiveAnswerer(eng.index, eng.embedder, cfg=eng.cfg.extractive)
    for question in ("가나에듀의 종업원 수는 몇 명인가?", "가나에듀의 2023년 매출액은 얼마인가?"):
        result = answerer.answer(question, eng.retriever.search(question).hits, decide=False)
        assert result.features["type_match"] == 1.0, question
        assert "가나에듀" in result.picks[0].text and result.picks[0].text.endswith("(단위: 억원, %)")
    ask = "가나에듀의 영업이익률은 몇 %인가?"
    assert answerer.answer(ask, eng.retriever.search(ask).hits, decide=False).features["type_match"] == 1.0
    ask = "가나에듀의 종업원은 다라랩의 몇 배인가?"  # a ratio: no cell of the table carries one
    assert answerer.answer(ask, eng.retriever.search(ask).hits, decide=False).features["type_match"] == 0.0


def test_an_answer_sentence_is_given_without_its_bullet_and_keeps_a_figures_sign(tmp_path, fake_embedder):
    """A list's bullet or arrow (``➡ 따라서 …``, ``◦ …``) is layout: the answer shows the sentence without it and the
    citation's span starts at its first word. A sign before a figure (``△0.5``: minus in Korean tables) stays."""
    from conftest import one_document_engine

    from ragqa.answer.extractive import ExtractiveAnswerer

    text = ("# 예비인가 검토\n\n□ 예비인가는 본인가 가능성을 사전에 확인하는 절차임\n\n"
            "➡ 따라서 가나은행의 시중은행 전환 시 예비인가는 생략 가능함\n\n"
            "◦ 가나은행의 성장률 전망(%)은 △0.5에서 0.9로 바뀜\n")
    eng = one_document_engine(tmp_path, fake_embedder, "bank.md", text)
    answerer = ExtractiveAnswerer(eng.index, eng.embedder, cfg=eng.cfg.extractive)
    texts = {"bank.md": text}
    question = "가나은행의 시중은행 전환 시 예비인가는 생략 가능한가?"
    pick = answerer.answer(question, eng.retriever.search(question).hits, texts, decide=False).picks[0]
    assert pick.text == "따라서 가나은행의 시중은행 전환 시 예비인가는 생략 가능함"
    assert text[pick.start:pick.end] == pick.text  # the quote is the source's, from its first word
    question = "가나은행의 성장률 전망은?"
    pick = answerer.answer(question, eng.retriever.search(question).hits, texts, decide=False).picks[0]
    assert pick.text.startswith("가나은행의 성장률") and "△0.5" in pick.text


def test_a_how_much_question_is_typed_by_what_the_answer_shows_of_a_long_row(tmp_path, fake_embedder):
    """A long row is answered by its label and the cells that answer; when the cell shown states no sum of money
    and only another cell does, the row is no answer to "얼마" (type_match 0, ``type_shown``); read on the whole
    row, as before, it was one."""
    import dataclasses

    from conftest import one_document_engine

    from ragqa.answer.extractive import ExtractiveAnswerer

    filler = "사업 확대를 위한 협력과 인력 양성을 추진하고 있음. " * 4
    text = ("# 투자 현황\n\n가나전자의 투자 이력은 다음과 같다.\n\n<가나전자 투자 이력>\n\n"
            "구분\t초기 설립\t최근 라운드\n"
            f"가나전자\t• '19년 가나전자는 영리 법인을 설립했고 다라은행으로부터 자본 투자를 받았음. 다라은행이 지분 "
            f"49%를 보유하고 있음. {filler}\t• '24년 가나전자는 1,570억$ 기업 가치로 투자를 마감함. {filler}\n\n"
            "출처: 가상 조사기관\n")
    eng = one_document_engine(tmp_path, fake_embedder, "invest.md", text)
    ask = "가나전자가 '19년 영리 법인을 설립할 때 다라은행이 투자한 금액은?"
    hits = eng.retriever.search(ask).hits
    shown = ExtractiveAnswerer(eng.index, eng.embedder, cfg=eng.cfg.extractive).answer(ask, hits, decide=False)
    assert "49%" in shown.picks[0].text and "1,570억" not in shown.picks[0].text  # the cell with the question's words
    assert shown.features["type_match"] == 0.0
    whole = ExtractiveAnswerer(eng.index, eng.embedder, cfg=dataclasses.replace(eng.cfg.extractive, type_shown=False))
    assert whole.answer(ask, hits, decide=False).features["type_match"] == 1.0


@pytest.mark.parametrize("question, expected", [
    ("메타가 AI 연구소 FAIR를 설립한 것은 언제부터인가?", True),
    ("제프리 힌튼은 몇 년에 구글을 떠났나?", True),
    ("In what year did the company commercialize 5G?", True),
    ("When did Reuters report the restructuring?", True),
    ("스케일AI는 어디에서 설립되었나?", False),
    ("몇 년 동안 투자했나?", False),  # a duration is a figure, not a time
    ("What was the company's revenue in 2023?", False),  # a year named, not asked
])
def test_a_question_for_a_time_is_told_by_its_interrogative(question, expected):
    from ragqa.answer.question import asks_date

    assert asks_date(question) is expected


@pytest.mark.parametrize("text, expected", [
    ("메타는 2013년 FAIR를 설립했다.", True),
    ("'23년 기준 매출은 250억 원이다.", True),
    ("지난 15일 보고서를 발간했다.", True),
    ("3월에 새 모델을 출시했다.", True),
    ("지난해 출시된 모델이다.", True),
    ("매출은 250억 원, 영업손실은 408억 원이다.", False),
    ("MI300 칩을 출시했다.", False),
    ("삼성전자는 자체 OS를 개발했지만 안드로이드를 채택했다.", False),
])
def test_a_sentence_states_a_time_by_a_year_a_month_a_day_or_a_relative_year(text, expected):
    from ragqa.answer.sentences import states_date

    assert states_date(text) is expected


def test_a_when_question_is_of_the_asked_type_only_with_a_time(tmp_path, fake_embedder):
    """A when-question answered by a sentence about the thing but with no time is not of the asked type
    (type_match 0, which lowers the confidence, and a dated sentence on the same thing is preferred); with
    ``date_typed`` off, as before, any sentence was."""
    import dataclasses

    from conftest import one_document_engine

    from ragqa.answer.extractive import ExtractiveAnswerer

    text = ("# 가나전자의 운영체제\n\n가나전자는 초기에 자체 운영체제 바다를 개발했지만 시장 변화에 맞춰 다른 운영체제를 "
            "채택했다. 가나전자는 이후 스마트폰 사업을 크게 키웠다.\n")
    eng = one_document_engine(tmp_path, fake_embedder, "os.md", text)
    ask = "가나전자는 언제 운영체제 바다 개발을 중단했나?"
    hits = eng.retriever.search(ask).hits
    on = ExtractiveAnswerer(eng.index, eng.embedder, cfg=eng.cfg.extractive).answer(ask, hits, decide=False)
    assert on.features["type_match"] == 0.0
    off = ExtractiveAnswerer(eng.index, eng.embedder, cfg=dataclasses.replace(eng.cfg.extractive, date_typed=False))
    assert off.answer(ask, hits, decide=False).features["type_match"] == 1.0
    # a compound question one of whose parts asks when: its best sentence answers the whole, untyped
    both = "가나전자는 언제 운영체제 바다 개발을 중단했고, 어떤 운영체제를 채택했나?"
    answerer = ExtractiveAnswerer(eng.index, eng.embedder, cfg=eng.cfg.extractive)
    assert answerer.answer(both, eng.retriever.search(both).hits, decide=False).features["type_match"] == 1.0
    (tmp_path / "dated").mkdir()
    dated = one_document_engine(tmp_path / "dated", fake_embedder, "os.md",
                                text.replace("이후 스마트폰", "2012년 바다 개발을 중단하고 스마트폰"))
    hits = dated.retriever.search(ask).hits
    answer = ExtractiveAnswerer(dated.index, dated.embedder, cfg=dated.cfg.extractive).answer(ask, hits, decide=False)
    assert answer.features["type_match"] == 1.0 and "2012년" in " ".join(p.text for p in answer.picks)


def test_a_question_of_degree_is_answered_by_a_rate_as_well_as_an_amount():
    from ragqa.answer.question import unit_pattern

    assert unit_pattern("새 모델은 추론 비용을 얼마나 낮췄나?") is None  # "50% 절감" answers it
    assert unit_pattern("새 모델의 추론 비용은 얼마인가?").search("1억 달러") and \
        not unit_pattern("새 모델의 추론 비용은 얼마인가?").search("50% 절감")
    # the same in English: a change in revenue is answered by a rate, the revenue itself by an amount
    grew = unit_pattern("By what percentage did the company's average revenue grow in 2023?")
    assert grew.search("25.9% 증가") and not grew.search("1억 달러")
    assert unit_pattern("What was the company's revenue in 2023?").search("1억 달러")
    assert unit_pattern("What was Rose Chang Inc.'s valuation?").search("1억 달러")  # names, not a change


def test_a_figure_of_the_asked_kind_in_a_passage_naming_the_subject_beats_a_sentence_without_one(tmp_path,
                                                                                                    fake_embedder):
    """A report names its source once and gives the figures sentences later ("Quantix가 … 발표했다. … 특히, 웹 기반
    AI 앱의 52%가 …"): for a how-much question about Quantix the 52% sentence answers, not the one naming Quantix
    with no percentage; the missing name still counts in the confidence (entity_share)."""
    import dataclasses

    from conftest import one_document_engine

    from ragqa.answer.extractive import ExtractiveAnswerer

    text = ("# 소비자용 AI 앱 동향\n\nQuantix가 2024년 소비자용 AI 앱 보고서를 발표했다. "
            "Quantix 자료에 따르면 가장 많이 쓰이는 50개의 AI 모바일 앱 중 다수가 소비자용 서비스다. "
            "챗봇과 사진 편집 앱들이 상위를 차지하고 있다. 특히, 웹 기반 AI 앱의 52%가 콘텐츠 생성과 편집에 집중하고 있다.\n")
    eng = one_document_engine(tmp_path, fake_embedder, "apps.md", text)
    question = "Quantix 자료에서 웹 기반 AI 앱의 몇 %가 콘텐츠 생성과 편집에 집중하나?"
    hits = eng.retriever.search(question).hits

    def best(on: bool):
        cfg = dataclasses.replace(eng.cfg.extractive, typed_in_passage=on)
        return ExtractiveAnswerer(eng.index, eng.embedder, cfg=cfg).answer(question, hits, decide=False)

    answered = best(True)
    assert "52%" in answered.picks[0].text and answered.features["type_match"] == 1.0
    assert answered.features["entity_share"] < 1.0  # the sentence does not name Quantix
    assert "52%" not in best(False).picks[0].text  # the rule off: the sentence naming Quantix, no percentage
    # a question whose subject the passage does not name gains nothing
    other = "Zentra 자료에서 웹 기반 AI 앱의 몇 %가 콘텐츠 생성과 편집에 집중하나?"
    cfg = eng.cfg.extractive
    result = ExtractiveAnswerer(eng.index, eng.embedder, cfg=cfg).answer(other, eng.retriever.search(other).hits,
                                                                          decide=False)
    assert result.features["entity_share"] == 0.0


def test_a_compound_question_gets_a_sentence_for_each_question_it_joins(engine):
    from ragqa.answer.question import sub_questions

    assert sub_questions("개최 횟수는 어떻게 변하였고, 심의안건 중 관련 비중은 얼마나 됩니까?") == [
        "개최 횟수는 어떻게 변하였고", "심의안건 중 관련 비중은 얼마나 됩니까?"]
    assert sub_questions("스케일AI는 어디에서 설립되었나?") == ["스케일AI는 어디에서 설립되었나?"]
    # the whole question's best sentence answers the first; the sentences scoring close to it are about
    # SK하이닉스 again, and the second question's answer is in another document
    a = engine.ask("SK하이닉스는 HBM 생산을 어떻게 했고, 정부의 어떤 지원이 필요하다고 했는지 설명하라")
    assert not a.abstained
    assert "두 배로 늘렸다" in a.text and "인재 양성 지원" in a.text


def test_a_best_sentence_opening_on_a_connective_is_preceded_by_its_premise():
    from types import SimpleNamespace

    from ragqa.answer.extractive import Candidate, ExtractiveAnswerer
    from ragqa.answer.sentences import ANAPHOR, DEPENDENT
    from ragqa.config import ExtractiveConfig

    premise = "온라인 주문으로 전환할 수 있는 비율은 업계와 전략에 따라 다릅니다."
    best = "그러나 많은 고객은 1년 후 전체 주문의 10% 이상을 온라인 주문으로 전환하였습니다."
    assert DEPENDENT.match(best) and DEPENDENT.match("따라서, 정부는 예산을 늘렸다.")
    assert not DEPENDENT.match("그러나니 세트") and not DEPENDENT.match("특히 중국은 특허가 많다.")  # 특히 adds, not depends
    assert ANAPHOR.match("이는 세계 시장의 1.78%에 해당한다.")
    answerer = ExtractiveAnswerer(SimpleNamespace(), abstention=object(), cfg=ExtractiveConfig())

    def cand(no: int, text: str, score: float) -> Candidate:
        return Candidate(1, no, text, 0, len(text), 0.5, 0.0, score)

    b, p, other = cand(4, best, 0.9), cand(3, premise, 0.1), cand(7, "다른 문단의 문장이다.", 0.5)
    chosen = [b]
    answerer.compose.add_previous(chosen, [b, other, p], b)
    assert [c.sentence_no for c in chosen] == [3, 4]  # the premise first, whatever it scored
    chosen = [b]
    answerer.compose.add_previous(chosen, [b, cand(3, "가" * 400, 0.1)], b)  # too long to go with it
    assert chosen == [b]
    first = cand(0, best, 0.9)
    chosen = [first]
    answerer.compose.add_previous(chosen, [first], first)  # nothing before the passage's first sentence
    assert chosen == [first]


def test_a_line_led_by_its_own_label_borrows_no_name_from_the_line_before():
    """Bullets of a report: "- (지역별 투자) … 한국은 …" then "- (생성형 AI 분야) 미국 …": the second is an item beside
    the first, so it does not speak of 한국; a line without a label ("- 기초모형 … 3위") goes on about the subject of
    the line before it."""
    from dataclasses import replace
    from types import SimpleNamespace

    from ragqa.aliases import Aliases
    from ragqa.answer.extractive import Candidate, ExtractiveAnswerer
    from ragqa.config import ExtractiveConfig
    from ragqa.types import Chunk, Hit, Sentence

    lines = ["- (지역별 투자) '23년 기준 미국(672억 달러), 중국(78억) 순이며 한국은 13.9억 달러로 9위",
             "- (생성형 AI 분야) '23년 생성형 AI 관련 미국 투자액은 225억 달러",
             "- (싱가포르) 연구와 투자 부문의 지표가 향상되어 3위를 유지",
             "- 기초모형 연구 등 연구분야에서 3위를 유지 중"]
    text = "\n".join(lines)
    sentences, at = [], 0
    for line in lines:
        sentences.append(Sentence(at, at + len(line), line))
        at += len(line) + 1
    hits = [Hit(Chunk("c1", "d1", "r.txt", 0, len(text), text, "", "text", tuple(sentences)), 1.0, 1)]

    def present(name: str, j: int, alone: bool) -> bool:
        cfg = replace(ExtractiveConfig(), labelled_line_alone=alone)
        answerer = ExtractiveAnswerer(SimpleNamespace(aliases=Aliases.from_texts([""])), abstention=object(), cfg=cfg)
        s = sentences[j]
        return answerer.names.present([name], Candidate(1, j, s.text, s.start, s.end, 1.0, 0.0), hits)

    assert present("한국", 1, alone=False)  # the line before lent it
    assert not present("한국", 1, alone=True)
    assert present("한국", 0, alone=True)
    assert present("싱가포르", 3, alone=True)  # no label of its own: the line before names its subject


def test_a_further_candidate_of_the_asked_type_answers_when_the_best_one_falls_short(engine):
    import dataclasses

    from ragqa.answer.abstention import FEATURES, AbstentionModel
    from ragqa.answer.extractive import ExtractiveAnswerer

    question = "중국의 AI 반도체 투자는 얼마인가?"
    hits = engine.search(question).hits
    texts = {h.chunk.source: engine.source_text(h.chunk.source) for h in hits}

    def answerer(model, chances):
        return ExtractiveAnswerer(engine.index, engine.embedder, cfg=dataclasses.replace(
            engine.cfg.extractive, second_chances=chances), abstention=model)

    def scored_by(coef, cut):  # a model reading one feature: probability 0.5 exactly at ``cut``
        n = len(FEATURES)
        weights = tuple(coef if f == "best_score" else 0.0 for f in FEATURES)
        return AbstentionModel(FEATURES, (0.0,) * n, (1.0,) * n, weights, -coef * cut, 0.5, {})

    first = answerer(AbstentionModel.neutral(), 0).answer(question, hits, texts, decide=False)
    assert "30억" in first.picks[0].text
    # a model that trusts a lower-scoring sentence more: the best one falls short, the next one of the
    # asked type (a figure) passes
    model = scored_by(-50.0, first.best_score - 1e-3)
    none = answerer(model, 0).answer(question, hits, texts)
    assert none.abstain
    second = answerer(model, 2).answer(question, hits, texts)
    # a lower-scoring sentence answers (the best one may still join it as its adjacent sentence)
    assert not second.abstain and second.best_score < first.best_score
    assert any(ch.isdigit() for ch in second.picks[0].text)  # of the asked type
    assert second.confidence >= 0.5 > none.confidence
    # no candidate passes: still a refusal
    assert answerer(scored_by(50.0, 10.0), 8).answer(question, hits, texts).abstain
    # no sentence states a figure in the asked unit: no second chance for one that does not
    count = "중국의 AI 반도체 투자는 몇 건인가?"
    hits = engine.search(count).hits
    top = answerer(AbstentionModel.neutral(), 0).answer(count, hits, texts, decide=False)
    assert top.features["type_match"] == 0.0
    assert answerer(scored_by(-50.0, top.best_score - 1e-3), 8).answer(count, hits, texts).abstain


def test_the_abstention_note_names_the_rarest_term_the_best_sentence_lacks(tmp_path, fake_embedder):
    """A refusal lowered by a question term the best sentence lacks names that term (구독자, which the corpus uses
    elsewhere), not the interrogative the question asks with (몇), which no answer writes."""
    from conftest import one_document_engine

    from ragqa.answer.abstention import FEATURES, AbstentionModel
    from ragqa.answer.extractive import ExtractiveAnswerer

    text = "# 현황\n\n가나에듀의 2023년 가입자 수는 1,200명이다.\n\n다라랩은 구독자 확대에 집중했다.\n"
    eng = one_document_engine(tmp_path, fake_embedder, "firms.md", text)
    n = len(FEATURES)
    reads_missing = AbstentionModel(FEATURES, (0.0,) * n, (1.0,) * n,
                                    tuple(-5.0 if f == "missing_idf" else 0.0 for f in FEATURES), 0.0, 0.5, {})
    answerer = ExtractiveAnswerer(eng.index, eng.embedder, cfg=eng.cfg.extractive, abstention=reads_missing)
    ask = "가나에듀의 2023년 구독자 수는 몇 명인가?"
    result = answerer.answer(ask, eng.retriever.search(ask).hits)
    assert result.abstain
    assert "not in or before the best sentence: 구독자" in result.reason and "몇" not in result.reason.split(":")[-1]


def test_a_question_asking_for_a_figure_is_marked_for_the_abstention_model(tmp_path, fake_embedder):
    """``how_much``: 1 when the question asks for a figure (얼마, 몇, how many), else 0: a prior of the question's
    type, given apart from ``missing_idf`` (where 몇 and 얼마, in no passage, stood for it); never named in a note."""
    from conftest import one_document_engine

    from ragqa.answer.abstention import FEATURES, AbstentionModel
    from ragqa.answer.extractive import ExtractiveAnswerer

    text = "# 현황\n\n가나에듀의 2023년 가입자 수는 1,200명이다. 가나에듀의 대표는 홍길동이다.\n"
    eng = one_document_engine(tmp_path, fake_embedder, "firms.md", text)
    answerer = ExtractiveAnswerer(eng.index, eng.embedder, cfg=eng.cfg.extractive)
    features = {q: answerer.answer(q, eng.retriever.search(q).hits, decide=False).features for q in
                ("가나에듀의 2023년 가입자는 몇 명인가?", "How many subscribers did Ganaedu have?", "가나에듀의 대표는 누구인가?")}
    assert [f["how_much"] for f in features.values()] == [1.0, 1.0, 0.0]
    n = len(FEATURES)
    prior_only = AbstentionModel(FEATURES, (0.0,) * n, (1.0,) * n,
                                 tuple(-5.0 if f == "how_much" else 0.0 for f in FEATURES), 0.0, 0.5, {})
    ask = "가나에듀의 2023년 가입자는 몇 명인가?"
    refused = ExtractiveAnswerer(eng.index, eng.embedder, cfg=eng.cfg.extractive,
                                 abstention=prior_only).answer(ask, eng.retriever.search(ask).hits)
    assert refused.abstain and "how_much" not in refused.reason and refused.reason.endswith("0.50")


@pytest.mark.parametrize("pick, other, same", [
    ("한국의 AI 반도체 투자는 15억 달러였다.", "보고서에 따르면 한국 AI 반도체 투자 규모는 15억 달러로 집계됐다.", True),
    ("한국의 AI 반도체 투자는 15억 달러였다.", "한국의 AI 반도체 투자는 12억 달러였다.", False),  # another figure
    ("한국의 AI 반도체 투자는 15억 달러였다.", "일본 로봇 기업의 매출은 15억 달러였다.", False),  # another thing
    ("2023년 한국의 AI 반도체 투자는 15억 달러였다.", "2024년 한국의 AI 반도체 투자는 15억 달러였다.", True),  # years are context
    ("정부는 AI 반도체 인재 양성을 지원한다.", "또한 정부는 AI 반도체 인재 양성을 지원한다.", True),  # the same words
    ("정부는 AI 반도체 인재 양성을 지원한다.", "정부는 AI 반도체 설계 기업을 지원한다.", False),
])
def test_a_statement_is_restated_by_its_figures_about_the_same_thing_or_by_its_words(pick, other, same):
    from ragqa.answer.sentences import restated
    from ragqa.config import ExtractiveConfig

    assert restated(pick, other, ExtractiveConfig().conflict_overlap) is same


def test_an_answer_is_cited_in_every_retrieved_passage_that_states_it(tmp_path, fake_embedder):
    """A report states a figure in its summary and again in its body: the answer sentence cites both
    passages, each citation quoting its own passage's sentence; with ``corroborate`` off it cites one."""
    from conftest import one_document_engine

    text = ("# 요약\n\n2023년 한국의 AI 반도체 투자 규모는 15억 달러로 집계됐다. 정부는 설계 인력 양성도 지원했다.\n\n"
            "# 일본 로봇\n\n일본 로봇 기업의 매출은 15억 달러였다. 로봇 수출은 늘었다.\n\n"
            "# 투자 동향\n\n업계에 따르면 한국의 AI 반도체 투자 규모는 지난해 15억 달러였다. 투자는 팹리스에 몰렸다.\n")
    eng = one_document_engine(tmp_path, fake_embedder, "report.md", text)
    ask = "한국의 AI 반도체 투자 규모는 얼마인가?"
    a = eng.ask(ask)
    assert not a.abstained and "15억" in a.text
    assert len(a.citations) == 2 and any(len(s.citations) == 2 for s in a.sentences)
    raw = eng.source_text("report.md")
    for c in a.citations:  # each quote is its own passage's sentence stating the figure, not the robots'
        assert all("반도체" in raw[s:e] and "15억" in raw[s:e] and c.chunk.start <= s < e <= c.chunk.end
                   for s, e in c.spans)
    eng.reconfigure(eng.cfg.replace(extractive={"corroborate": False}))
    single = eng.ask(ask)
    assert len(single.citations) == 1 and "15억" in single.text


def test_an_english_question_is_told_its_quotes_are_korean_only_when_they_are(tmp_path, fake_embedder, engine):
    from conftest import one_document_engine

    korean_quotes = engine.ask("How much did China invest in AI chips?")
    assert not korean_quotes.abstained and korean_quotes.text.startswith("The reports say (quoted in Korean):")
    (tmp_path / "en").mkdir()
    eng = one_document_engine(tmp_path / "en", fake_embedder, "acme.txt",
                              "ACME Quarterly Review\n\nRevenue grew by 12 percent in 2024.\n\nStaffing was flat.\n")
    english_quotes = eng.ask("By how much did ACME revenue grow in 2024?", threshold=0.0)
    assert not english_quotes.abstained and "12 percent" in english_quotes.text
    assert "quoted in Korean" not in english_quotes.text


def _two_report_engine(tmp_path, embedder, first: str, second: str):
    from conftest import make_config

    from ragqa.engine import Engine

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "guide.txt").write_text(first, encoding="utf-8")
    (corpus / "press.txt").write_text(second, encoding="utf-8")
    eng = Engine(make_config(corpus, tmp_path / "index"), embedder=embedder)
    eng.build(progress=False)
    return eng


def test_a_near_copy_in_another_report_is_one_statement_cited_twice_and_another_figure_is_a_conflict(
        tmp_path, fake_embedder):
    guide = "은행 인가 안내\n\n최저자본금: 시중은행 1,000억원, 지방은행 250억원, 인터넷은행 250억원.\n"
    copy = "보도자료\n\n최소자본금: 시중은행 1,000억원, 지방은행 250억원, 인터넷은행 250억원.\n"
    (tmp_path / "a").mkdir()
    eng = _two_report_engine(tmp_path / "a", fake_embedder, guide, copy)
    r = eng.ask_json("지방은행의 최저자본금은 얼마인가?", threshold=0.0)
    assert r["answer"].count("250억원") == 2  # the one statement, once (지방은행 and 인터넷은행)
    assert {c["source"] for c in r["citations"]} == {"guide.txt", "press.txt"}  # cited in both reports
    other = "보도자료\n\n최소자본금: 시중은행 1,000억원, 지방은행 300억원, 인터넷은행 250억원.\n"
    (tmp_path / "b").mkdir()
    eng = _two_report_engine(tmp_path / "b", fake_embedder, guide, other)
    r = eng.ask_json("지방은행의 최저자본금은 얼마인가?", threshold=0.0)
    assert "250억원" in r["answer"] and "300억원" in r["answer"]  # another figure is never dropped as a copy


def test_figures_are_read_with_their_units_and_only_figures_of_one_kind_conflict():
    from ragqa.answer.sentences import figures_by_unit, figures_comparable, figures_conflict

    count = "미국이 109개로 가장 많이 개발했고 중국과 영국이 각각 20개와 8개로 뒤를 이었다."
    duration = "미국의 경우 지난 10년 동안 주요 AI 모델 개발을 주도했다."
    assert figures_by_unit(count) == {"개": frozenset({109.0, 20.0, 8.0})}
    assert figures_by_unit(duration) == {"년": frozenset({10.0})}
    assert not figures_comparable(count, duration) and not figures_conflict(count, duration)
    # the unit after Korean's scale words, a currency sign before the figure, a bare figure after a particle;
    # years (2022년, '22년) and a name's digits (GPT-4) are no figures
    cost = "제미나이 울트라 훈련에는 1억9천140만 달러(2천669억원)가 들었고, GPT-4 훈련에는 $78M이 들었다."
    assert figures_by_unit(cost) == {"달러": frozenset({1.914e8, 7.8e7}), "원": frozenset({2.669e11})}
    patents = "'22년 기준 한국은 2022년 인구 10만명당 AI 특허수가 10.26으로 가장 많았다."
    assert figures_by_unit(patents) == {"명": frozenset({1e5}), "": frozenset({10.26})}
    assert figures_by_unit("점유율은 17.3퍼센트") == {"%": frozenset({17.3})}
    assert figures_by_unit("기업가치: 140억$, 설립 시 1.05억$ 유치") == {"달러": frozenset({1.4e10, 1.05e8})}
    # one kind and other values: a conflict; a bare figure may be of any kind; the same values are none
    assert figures_conflict(cost, "GPT-4의 학습비용은 7천 8백만 달러에서 1억 달러 사이로 추정된다.")
    assert figures_conflict(patents, "한국은 인구 10만명당 AI 등록 특허 수가 17.3%로 1위였다.")
    assert not figures_conflict("매출은 250억원이다.", "매출 250억 원을 달성했다.")
    assert not figures_comparable("매출은 250억원이다.", "연구개발 인력은 없다.")


def test_another_reports_figure_of_another_kind_is_neither_added_nor_a_conflict(tmp_path, fake_embedder):
    models = "AI 모델 현황\n\n미국이 개발한 파운데이션 모델은 109개로 가장 많았다.\n"
    decade = "AI 모델 동향\n\n미국은 지난 10년 동안 파운데이션 모델 개발을 주도했다.\n"
    eng = _two_report_engine(tmp_path, fake_embedder, models, decade)
    r = eng.ask_json("미국이 개발한 파운데이션 모델 수는?", threshold=0.0)  # no unit asked: any figure types
    assert "109개" in r["answer"] and "다릅니다" not in r["answer"]
    assert {c["source"] for c in r["citations"]} == {"guide.txt"}


def test_a_latin_name_counts_only_as_a_word_of_its_own():
    """MS is not in "systems" nor US in "business"; GPT-4 is not GPT-4o; a Hangul particle or a version's digits may
    follow a name (MS는, HBM3); a Hangul name keeps matching inside its word (엔비디아의), as Kiwi cannot tell it."""
    from dataclasses import replace
    from types import SimpleNamespace

    from ragqa.aliases import Aliases
    from ragqa.answer.extractive import Candidate, ExtractiveAnswerer
    from ragqa.config import ExtractiveConfig
    from ragqa.types import Chunk, Hit, Sentence

    def present(name: str, text: str, bounded: bool = True) -> bool:
        hit = Hit(Chunk("c1", "d1", "r.txt", 0, len(text), text, "", "text", (Sentence(0, len(text), text),)), 1.0, 1)
        cfg = replace(ExtractiveConfig(), latin_name_bounds=bounded)
        answerer = ExtractiveAnswerer(SimpleNamespace(aliases=Aliases.from_texts([""])), abstention=object(), cfg=cfg)
        return answerer.names.present([name], Candidate(1, 0, text, 0, len(text), 1.0, 0.0), [hit])

    assert not present("ms", "Operating systems and terms of use.") and present("ms", "Operating systems", False)
    assert present("ms", "MS는 오픈AI에 투자했다.") and present("ms", "(MS) Azure")
    assert not present("us", "Harvard Business Review") and present("us", "US Foods 온라인 고객")
    assert not present("gpt-4", "GPT-4o를 출시했다.") and present("gpt-4", "GPT-4의 학습 비용")
    assert present("hbm", "HBM3E 양산") and not present("sk", "high risk")
    assert present("오픈ai", "오픈 AI의 투자") and present("엔비디아", "엔비디아의 GPU")


def test_an_english_questions_answer_takes_another_reports_sentence_only_on_the_same_subject(tmp_path, fake_embedder):
    """An English question shares only its names with Korean text, so "covers as many of the question's terms" lets
    any other report's figure in; the two sentences' own content words decide instead."""
    from dataclasses import replace

    from ragqa.answer.extractive import ExtractiveAnswerer

    postings = "AI 채용 동향\n\n한국의 AI 채용 공고 비율은 2.1%였다.\n"
    automation = "업무 자동화 동향\n\n한국 제조 기업 현장 업무의 약 10%가 생성형 AI 도구로 빠르게 자동화되었다.\n"
    eng = _two_report_engine(tmp_path, fake_embedder, postings, automation)
    question = "What share of job postings in South Korea required AI skills?"
    hits = eng.search(question).hits
    texts = {h.chunk.source: eng.source_text(h.chunk.source) for h in hits}

    def answer(by_overlap: bool) -> str:
        cfg = replace(eng.cfg.extractive, english_topic_by_overlap=by_overlap, abstention_threshold=0.0)
        result = ExtractiveAnswerer(eng.index, eng.embedder, cfg=cfg).answer(question, hits, texts)
        return " ".join(p.text for p in result.picks)

    assert "2.1%" in answer(True) and "10%" not in answer(True)
    assert "2.1%" in answer(False) and "10%" in answer(False)  # by the question's terms: the other report joins


def test_an_interrogative_the_documents_never_write_is_no_absent_word(tmp_path, fake_embedder):
    """Kiwi reads 얼마 and 며칠 as nouns; a statute or a bank's guide never writes them, and that is no evidence the
    answer is missing (absent_share would lower every how-much question's confidence on such a corpus)."""
    from conftest import one_document_engine

    from ragqa.answer.extractive import ExtractiveAnswerer

    eng = one_document_engine(tmp_path, fake_embedder, "guide.txt",
                              "은행 인가 안내\n\n지방은행의 최저자본금은 250억원이다. 심사 기간은 60일이다.\n")
    assert "얼마" not in eng.index.bm25.vocab and "며칠" not in eng.index.bm25.vocab

    def absent(question: str) -> float:
        hits = eng.search(question).hits
        result = ExtractiveAnswerer(eng.index, eng.embedder, cfg=eng.cfg.extractive).answer(question, hits, decide=False)
        return result.features["absent_share"]

    assert absent("지방은행의 최저자본금은 얼마인가?") == 0.0
    assert absent("지방은행의 심사 기간은 며칠인가?") == 0.0
    assert absent("지방은행의 최저자본금 환율은 얼마인가?") > 0.0  # a real noun the guide never uses still counts


@pytest.mark.parametrize("question, parts, multi", [
    # a how-much question on a relation asks its size: one figure
    ("MMLU 기준 미국과 중국 AI 모델의 성능 차이는 2024년 말 얼마까지 줄었나?", False, False),
    ("By what percentage did the mobility companies' revenue grow compared with 2022?", False, False),
    # asked to explain a difference, or for each side's figure, it is asked in parts
    ("시중은행과 지방은행의 인가 요건 차이는 무엇인가?", True, False),
    ("폐쇄형과 개방형 최고 모델 점수는 각각 얼마인가?", True, True),
])
def test_a_how_much_question_on_a_relation_asks_one_figure(question, parts, multi):
    from ragqa.answer.question import asks_parts, asks_several, question_type

    qtype = question_type(question)
    assert asks_parts(question, qtype) is parts and asks_several(question, qtype) is multi
