"""The review of one evaluated question: facts, sentences, citations against the gold, where the gold is."""

from ragqa.evaluation import metrics as M
from ragqa.evaluation import review
from ragqa.evaluation.report import render_html
from ragqa.evaluation.runner import Question, run, summarize

TEXTS = {"a.txt": "요약: 매출은 13.9억 원이다.\n\n본문: 2023년 매출은 13억9천만 원으로 늘었다.",
         "b.txt": "다른 보고서: 직원 수는 120명이다."}
BODY = TEXTS["a.txt"].index("본문")


def _passage(n, source, start, end):
    return {"n": n, "source": source, "title": source, "start": start, "end": end, "page": None, "section": "",
            "text": TEXTS[source][start:end]}


def _one(question: Question, result: dict):
    return run([question], TEXTS, lambda q: result, progress=False)[0]


def test_review_marks_facts_sentences_and_citations_against_the_gold():
    q = Question("q1", "2023년 매출과 직원 수는?", "multi", "13.9억 원, 120명", must_include=["13.9억", "120명"],
                 gold=[{"doc": "a.txt", "quote": "2023년 매출은 13억9천만 원"}])
    gold_ctx, other = _passage(1, "a.txt", BODY, len(TEXTS["a.txt"])), _passage(2, "b.txt", 0, len(TEXTS["b.txt"]))
    result = {"answer": "2023년 매출은 13억9천만 원이다. [1]\n직원 수는 150명이다. [2]", "abstained": False,
              "contexts": [other, gold_ctx], "citations": [gold_ctx, other]}
    r = _one(q, result)
    rv = review.review(r)
    assert rv.facts_kind == "must_include"
    assert rv.facts == [("13.9억", True), ("120명", False)]  # a figure by value; a wrong figure misses one
    assert [c.supported for c in rv.claims] == [True, False]  # 150명 is not in what the sentence cites
    assert [(c.n, c.on_gold) for c in rv.citations] == [(1, True), (2, False)]
    assert rv.gold_rank == 2 and len(rv.evidence) == 1
    assert rv.evidence[0]["text"] == "2023년 매출은 13억9천만 원"
    page = review.render_html(r, "ko")
    assert "정답 근거 밖" in page and "검색 2위에서 처음 찾음" in page and "인용이 뒷받침하지 않음" in page
    assert page.count("rq-bad") == 3  # the missing fact, the unsupported sentence, the citation off the gold
    # the HTML report carries the same review for every question
    assert "not on a gold passage" in render_html([r], summarize([r]), {})


def test_review_of_a_refusal_and_of_a_reference_answer():
    q = Question("q2", "2023년 매출은?", "numeric", "13.9억 원", must_include=["13.9억"],
                 gold=[{"doc": "a.txt", "quote": "2023년 매출은 13억9천만 원"}])
    refused = _one(q, {"answer": "제공된 문서에서 답을 찾을 수 없습니다.", "abstained": True, "contexts": [],
                       "citations": [], "notes": ["confidence 0.21 below the threshold 0.5"], "confidence": 0.21})
    rv = review.review(refused)
    assert rv.facts == [("13.9억", False)] and rv.citations == [] and rv.gold_rank is None
    page = review.render_html(refused, "en")
    assert "Refused</b> (confidence 0.21)" in page and "below the threshold" in page
    assert "not among the retrieved passages" in page

    ref = Question("q3", "매출은 어떻게 되었나?", "fact", "2023년 매출은 13억9천만 원으로 늘었다.",
                   gold=[{"doc": "a.txt", "quote": "2023년 매출은 13억9천만 원"}], doc="a.txt")
    gold_ctx = _passage(1, "a.txt", BODY, len(TEXTS["a.txt"]))
    r = _one(ref, {"answer": "2023년 매출은 13억9천만 원이다. [1]", "abstained": False, "contexts": [gold_ctx],
                   "citations": [gold_ctx]})
    rv = review.review(r)
    assert rv.facts_kind == "key_facts"
    found = dict(rv.facts)
    assert found["1,390,000,000"] and found["2023"]  # the figures, by value (13억9천만), a year as written
    assert found["늘"] is False  # the reference's verb the answer does not use
    # the itemized facts are the key-fact recall's own
    share = sum(ok for _, ok in rv.facts) / len(rv.facts)
    assert share == r.metrics["key_fact_recall"] == M.key_fact_recall(r.answer, ref.answer, ref.question)
