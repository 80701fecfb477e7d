import json
import math

from ragqa.evaluation import metrics as M
from ragqa.evaluation.faithfulness import claim_support, split_claims
from ragqa.evaluation.records import QuestionResult
from ragqa.evaluation.runner import Question, check_quotes, read_questions, score_one, summarize
from ragqa.numbers import numbers_in, parse_korean_number


def test_korean_number_variants():
    assert parse_korean_number("13.9억") == parse_korean_number("13억9천만") == 1_390_000_000
    assert parse_korean_number("1,390,000,000") == 1_390_000_000
    assert parse_korean_number("1,737") == parse_korean_number("1737") == 1737
    assert parse_korean_number("7천835만2천34") == 78_352_034
    assert numbers_in("인도(-0.76)와 이스라엘(-0.57)") == [-0.76, -0.57]
    assert numbers_in("GPT-4") == [4.0]
    assert numbers_in("1.39 billion dollars") == [1.39e9] == numbers_in("13억9천만 달러")
    # the short scales written onto a number: a model's size, a valuation
    assert numbers_in("Mistral Large 2 (123B)") == [2.0, 123e9] and numbers_in("1230억 개")[0] == 123e9
    assert numbers_in("raising $250M at $2.5B valuation") == [250e6, 2.5e9]
    assert numbers_in("3m 떨어진 곳, 5b 비트, H100 GPU") == [3.0, 5.0, 100.0]  # lower-case units and names stay
    # after the ordinal prefix 제 a number is an article's, a round's: 제8조 is article 8, not 8조 (8e12)
    assert numbers_in("은행법 제8조에 근거해") == [8.0] and numbers_in("같은 법 제50조 제1항") == [50.0, 1.0]
    assert numbers_in("총 8조 원") == [8e12] and numbers_in("경제 3조 원") == [3e12]  # a sum stays a sum
    # a PDF's line may wrap between a number and its unit: the number is still read, whole
    assert numbers_in("4,600만원 이하 → 5,000\n만원 이하") == [46_000_000, 50_000_000]


def test_fact_presence_by_value_and_text():
    assert M.fact_present("13.9억", "한국은 13억9천만 달러를 투자했다")
    assert M.fact_present("24.2%", "평균 24.2퍼센트 앞섰다")
    assert M.fact_present("1,737억", "1737억 달러")
    assert M.fact_present("엑사원 3.5", "‘엑사원 3.5 32B’ 모델")
    assert not M.fact_present("13.9억", "한국은 13.8억 달러")
    assert not M.fact_present("네이버", "카카오가 개발했다")


def test_correct_and_concise():
    assert M.correct("13억9천만 달러", ["13.9억"]) == 1.0
    assert M.correct("몰라요", ["13.9억"]) == 0.0
    assert math.isnan(M.correct("무엇이든", []))
    long = "13.9억 " + "가" * 500
    assert M.correct_and_concise(long, ["13.9억"], "numeric") == 0.0
    assert M.correct_and_concise(long, ["13.9억"], "multi") == 1.0


def test_retrieval_metrics_over_spans():
    gold = [(M.Span("a", 10, 20),), (M.Span("b", 0, 5), M.Span("b", 100, 105))]
    ranked = [M.Span("c", 0, 50), M.Span("b", 90, 101), M.Span("a", 15, 30)]
    assert M.hit_at_k(ranked, gold, 1) == 0.0 and M.hit_at_k(ranked, gold, 2) == 1.0
    assert M.recall_at_k(ranked, gold, 3) == 1.0 and M.recall_at_k(ranked, gold, 2) == 0.5
    assert M.mrr(ranked, gold) == 0.5
    assert 0 < M.ndcg_at_k(ranked, gold, 3) < 1
    twice = [M.Span("a", 10, 12), M.Span("a", 14, 16)]  # two passages, one gold passage
    assert M.ndcg_at_k(twice, [gold[0]], 5) == 1.0
    assert math.isnan(M.hit_at_k(ranked, [], 1))


def test_faithfulness_flags_the_one_unsupported_claim():
    passages = {1: "한국의 AI 민간 투자는 13억9천만 달러로 9위였다.", 2: "중국은 72억6천만 달러를 투자했다."}
    answer = "한국의 AI 민간 투자는 13.9억 달러였다 [1]. 중국은 100억 달러를 투자했다 [2]."
    claims = claim_support(answer, passages)
    assert [c.supported for c in claims] == [True, False]
    assert len(split_claims("자료마다 수치가 다릅니다.\n- 제목: 한 문장이다 [1]\n- 제목: 두 문장이다 [2]")) == 2


def test_quote_checker(tmp_path):
    p = tmp_path / "q.jsonl"
    p.write_text(json.dumps({"id": "1", "question": "q", "gold": [{"doc": "d.txt", "quote": "있는 문장"}]}) + "\n"
                 + "{broken\n" + json.dumps({"id": "2", "question": "q", "gold": [{"doc": "d.txt",
                                                                                  "quote": "없는 문장"}]}) + "\n",
                 "utf-8")
    questions, problems = read_questions(p)
    assert [q.id for q in questions] == ["1", "2"] and "line 2" in problems[0]
    bad = check_quotes(questions, {"d.txt": "여기 있는 문장이다"})
    assert len(bad) == 1 and bad[0].startswith("2:")


def test_scoring_an_answer_made_elsewhere():
    texts = {"d.txt": "앞 문장. 한국의 투자는 13억9천만 달러였다. 뒤 문장."}
    q = Question("1", "한국의 투자는?", "numeric", "13.9억", ["13.9억"], [{"doc": "d.txt", "quote": "13억9천만 달러"}])
    at = texts["d.txt"].index("한국의")
    result = {"answer": "한국의 투자는 13억9천만 달러였다 [1]", "abstained": False,
              "citations": [{"n": 1, "source": "d.txt", "start": at, "end": at + 20, "text": texts["d.txt"][at:at + 20]}],
              "contexts": [{"n": 1, "source": "d.txt", "start": 0, "end": len(texts["d.txt"]),
                            "text": texts["d.txt"]}]}
    m = score_one(q, result, texts).metrics
    assert m["correct"] == 1.0 and m["hit@1"] == 1.0 and m["faithfulness"] == 1.0 and m["citation_precision"] == 1.0
    only_text = {"answer": "한국의 투자는 13억9천만 달러였다 [1]", "citations": [{"n": 1, "text": "한국의 투자는 13억9천만 달러였다."}]}
    m2 = score_one(q, only_text, texts).metrics
    assert m2["correct"] == 1.0 and m2["faithfulness"] == 1.0 and math.isnan(m2["hit@1"])
    summary = summarize([QuestionResult("1", "numeric", q.question, result["answer"], False, m,
                                        timings_ms={"total": 5.0})])
    assert summary.overall["correct"] == 1.0 and summary.by_type["numeric"]["n"] == 1


def test_key_facts_of_a_reference_answer():
    from ragqa.evaluation.metrics import key_fact_precision, key_fact_recall, loose_quote_spans

    reference = "최저자본금은 시중은행 1,000억원, 지방은행 250억원이다."
    question = "시중은행과 지방은행의 최저자본금은?"
    # the question's own words are not facts: only the figures remain, compared by value
    assert key_fact_recall("시중은행은 1000억 원, 지방은행은 250억 원이 필요하다.", reference, question) == 1.0
    assert key_fact_recall("시중은행은 1000억 원이다.", reference, question) == 0.5
    assert key_fact_recall("시중은행과 지방은행의 최저자본금", reference, question) == 0.0
    assert key_fact_precision("지방은행은 250억원, 인터넷은행은 34%다.", reference, question) < 1.0
    text = "가. 최저자본금:\n (시중銀) 1,000억원  (지방銀)\n250억원"
    spans = loose_quote_spans("d", "(시중銀) 1,000억원 (지방銀) 250억원", {"d": text})
    assert len(spans) == 1 and text[spans[0].start:spans[0].end].startswith("(시중銀)") and \
        text[spans[0].start:spans[0].end].endswith("250억원")
    assert loose_quote_spans("d", "없는 문장", {"d": text}) == []


def test_reference_answer_questions_score_documents_pages_and_facts():
    from ragqa.evaluation.runner import Question, score_one

    text = "첫 쪽이다.\n\n둘째 쪽: 보육수당 비과세 한도는 월 20만원으로 상향되었다."
    q = Question("r1", "보육수당 비과세 한도는 어떻게 바뀌었나?", "law", "월 10만원에서 월 20만원으로 상향되었다.",
                 gold=[{"doc": "a.pdf", "quote": "보육수당 비과세 한도는 월 20만원으로"}], doc="a.pdf", page=2)
    at = text.index("둘째")
    ctx = [{"n": 1, "source": "b.pdf", "start": 0, "end": 5, "page": 1},
           {"n": 2, "source": "a.pdf", "start": at, "end": len(text), "page": 2}]
    result = {"answer": "비과세 한도는 월 20만원으로 상향되었다. [2]", "abstained": False, "contexts": ctx,
              "citations": [dict(ctx[1], text=text[at:])]}
    m = score_one(q, result, {"a.pdf": text, "b.pdf": "다른 문서"}).metrics
    assert m["gold_doc@5"] == 1.0 and m["gold_page@5"] == 1.0 and m["citation_in_gold_doc"] == 1.0
    assert m["hit@1"] == 0.0 and m["hit@5"] == 1.0 and m["mrr"] == 0.5
    assert 0.0 < m["key_fact_recall"] < 1.0  # 20만원 and 상향 given, 10만원 not
    assert math.isnan(m["correct"])  # no must_include: scored by key facts instead


def test_answer_at_k_counts_another_passage_that_states_the_answer():
    from ragqa.evaluation.metrics import Span, answer_hit_at_k, hit_at_k, resolve_quotes
    from ragqa.evaluation.runner import Question, score_one

    texts = {"a.txt": "요약: 매출은 13.9억 원이다.\n\n본문: 2023년 매출은 13억9천만 원으로 늘었다.",
             "b.txt": "다른 보고서: 매출은 13.9억 원, 직원 수는 120명이다."}
    body = texts["a.txt"].index("본문")
    gold = resolve_quotes([{"doc": "a.txt", "quote": "2023년 매출은 13억9천만 원"}], texts)
    spans = [Span("b.txt", 0, len(texts["b.txt"])), Span("a.txt", body, len(texts["a.txt"]))]
    passages = [texts["b.txt"], texts["a.txt"][body:]]
    assert hit_at_k(spans, gold, 1) == 0.0
    assert answer_hit_at_k(spans, passages, gold, ["13.9억"], 1) == 1.0  # the same figure by value
    assert answer_hit_at_k(spans, passages, gold, ["13.9억", "2023년"], 1) == 0.0  # every fact, not one
    assert answer_hit_at_k(spans, passages, gold, ["13.9억", "2023년"], 2) == 1.0  # the gold passage
    assert math.isnan(answer_hit_at_k(spans, passages, gold, [], 1))

    q = Question("q1", "2023년 매출은?", "numeric", "13.9억 원", must_include=["13.9억", "2023년"],
                 gold=[{"doc": "a.txt", "quote": "2023년 매출은 13억9천만 원"}])
    ctx = [{"n": 1, "source": "b.txt", "start": 0, "end": len(texts["b.txt"]), "text": passages[0]},
           {"n": 2, "source": "a.txt", "start": body, "end": len(texts["a.txt"]), "text": passages[1]}]
    m = score_one(q, {"answer": "2023년 매출은 13억9천만 원이다. [2]", "abstained": False, "contexts": ctx,
                      "citations": [ctx[1]]}, texts).metrics
    assert m["hit@1"] == 0.0 and m["answer@1"] == 0.0 and m["answer@5"] == 1.0
    assert m["citation_hit"] == 1.0  # the answer cites the gold passage
    m = score_one(q, {"answer": "매출은 13.9억 원이다. [1]", "abstained": False, "contexts": ctx,
                      "citations": [ctx[0]]}, texts).metrics
    assert m["citation_hit"] == 0.0 and m["answer@1"] == 0.0
    m = score_one(q, {"answer": "", "abstained": True, "contexts": ctx, "citations": []}, texts).metrics
    assert math.isnan(m["citation_hit"])  # over the answers given: a refusal cites nothing


def test_a_citation_is_scored_by_its_quotes_not_the_text_between_them():
    text = "첫 인용 문장이다. 사이의 문장은 13억9천만 달러를 말한다. 둘째 인용 문장이다."
    texts = {"d.txt": text}
    q = Question("1", "투자는?", "numeric", "13.9억", ["13.9억"], [{"doc": "d.txt", "quote": "13억9천만 달러"}])
    a1, b1 = 0, text.index(" 사이")
    a2, b2 = text.index("둘째"), len(text)
    citation = {"n": 1, "source": "d.txt", "start": a1, "end": b2, "text": text[a1:b2]}
    context = [{"n": 1, "source": "d.txt", "start": 0, "end": len(text), "text": text}]
    whole = score_one(q, {"answer": "첫 인용 문장이다. 둘째 인용 문장이다. [1]", "abstained": False,
                          "citations": [citation], "contexts": context}, texts).metrics
    assert whole["citation_precision"] == 1.0  # no quotes given: the covering span is what is cited
    quoted = dict(citation, quotes=[{"start": a1, "end": b1, "text": text[a1:b1]},
                                    {"start": a2, "end": b2, "text": text[a2:b2]}])
    m = score_one(q, {"answer": "첫 인용 문장이다. 둘째 인용 문장이다. [1]", "abstained": False,
                      "citations": [quoted], "contexts": context}, texts).metrics
    assert m["citation_precision"] == 0.0 and m["citation_hit"] == 0.0
