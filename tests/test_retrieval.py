import dataclasses

import pytest

from ragqa.index.sparse import BM25
from ragqa.korean import terms
from ragqa.retrieval.fusion import collapse_duplicates, diversify, rrf, score_fusion
from ragqa.retrieval.langchain import RagqaRetriever


def test_rrf_is_weighted_reciprocal_rank():
    fused = rrf([["a", "b"], ["b", "c"]], [1.0, 0.5], k=60)
    assert fused["a"] == 1 / 61
    assert abs(fused["b"] - (1 / 62 + 0.5 / 61)) < 1e-12
    assert max(fused, key=fused.get) == "b"


def test_score_fusion_normalizes():
    fused = score_fusion([[("a", 10.0), ("b", 0.0)], [("b", 2.0)]], [1.0, 1.0])
    assert fused == {"a": 1.0, "b": 1.0}


def test_near_duplicates_collapse_only_within_a_document():
    items = [(1, "d1", "한국의 투자는 13.9억 달러"), (2, "d1", "한국의 투자는 13.9억 달러이다"),
             (3, "d2", "한국의 투자는 13.9억 달러"), (4, "d1", "전혀 다른 내용의 문장")]
    assert collapse_duplicates(items, 0.8) == [1, 3, 4]
    assert collapse_duplicates(items, 1.01) == [1, 2, 3, 4]  # above 1: the rule is off


def test_diversify_caps_one_document_while_others_remain():
    items = [(1, "a"), (2, "a"), (3, "a"), (4, "b"), (5, "a")]
    assert diversify(items, k=4, max_per_group=2) == [1, 2, 4, 3]


def test_bm25_matches_despite_particles():
    docs = [terms("투자액을 늘렸다"), terms("투자는 늘었다"), terms("날씨가 맑다")]
    bm25 = BM25.from_terms(docs)
    hits = [i for i, _ in bm25.search(terms("투자"), 3)]
    assert set(hits) == {0, 1}


def test_bm25_terms_round_trip(tmp_path):
    docs = [terms("한국의 AI 투자"), terms("중국의 AI 투자 규모")]
    bm25 = BM25.from_terms(docs)
    bm25.save(tmp_path)
    loaded = BM25.load(tmp_path)
    assert loaded.terms_of(1) and sorted(loaded.terms_of(1)) == sorted(docs[1])
    assert list(loaded.scores(terms("중국"))) == list(bm25.scores(terms("중국")))


def test_hybrid_finds_the_answer_passage(engine):
    for mode in ("hybrid", "dense", "bm25"):
        hits = engine.search("중국의 AI 반도체 투자 규모는?", mode=mode).hits
        assert hits and hits[0].chunk.source == "news.txt", mode
        assert hits[0].rank == 1 and "rrf" in hits[0].scores


def test_publisher_in_question_finds_that_report(engine):
    hits = engine.search("가상연구원 보고서의 메모리 점유율").hits
    assert hits[0].chunk.source == "chip_report.md"


def test_langchain_adapter(engine):
    docs = RagqaRetriever(retriever=engine.retriever, k=2).invoke("서울 날씨")
    assert docs and docs[0].metadata["source"] == "weather.html"
    assert {"start", "end", "title", "score"} <= set(docs[0].metadata)
    limited = RagqaRetriever(retriever=engine.retriever, k=2, docs=["news.txt"]).invoke("서울 날씨")
    assert limited and {d.metadata["source"] for d in limited} == {"news.txt"}


def _focus_fixture():
    from types import SimpleNamespace

    from ragqa.config import RetrievalConfig
    from ragqa.retrieval.hybrid import HybridRetriever

    # row 0 holds a rare question word next to "llm" in one sentence; row 1 states the fact
    # in words the corpus uses often; rows 2-5 make "한국", "개발" and "llm" common
    sentence_terms = [[["llm", "처음"]], [["한국", "llm", "개발"]], [["한국", "개발"]], [["한국", "llm"]],
                      [["개발", "llm"]], [["한국"]]]
    bm25 = BM25.from_terms([sum(s, []) for s in sentence_terms])
    index = SimpleNamespace(bm25=bm25, sentence_terms=sentence_terms,
                            chunks=[SimpleNamespace(kind="body") for _ in sentence_terms])
    return HybridRetriever(index, None, RetrievalConfig()), ["한국", "llm", "처음", "개발"]


def test_focus_promotes_the_passage_that_states_the_fact():
    retriever, q = _focus_fixture()
    fused = {1: 0.036, 0: 0.035}
    # about equally close in meaning: the sentence holding the rare asked word wins
    assert retriever.focus_rerank(q, [1, 0], fused, {1: 0.49, 0: 0.48})[0] == 0


def test_focus_cannot_lift_a_passage_much_further_in_meaning():
    retriever, q = _focus_fixture()
    retriever.cfg = dataclasses.replace(retriever.cfg, focus_dense_gamma=2.0)
    fused = {1: 0.036, 0: 0.035}
    assert retriever.focus_rerank(q, [1, 0], fused, {1: 0.49, 0: 0.37})[0] == 1
    # the same case with the dense scaling switched off is what went wrong
    flat = dataclasses.replace(retriever.cfg, focus_dense_gamma=0.0)
    retriever.cfg = flat
    assert retriever.focus_rerank(q, [1, 0], fused, {1: 0.49, 0: 0.37})[0] == 0


def test_sentence_focus_ranks_by_the_best_sentence_when_weighted(engine):
    retriever = engine.retriever
    question = "중국의 AI 반도체 투자 규모는 얼마인가?"
    base = retriever.search(question, k=3)
    assert [h.rank for h in base.hits] == [1, 2, 3]
    rows = [retriever.index.row_of(h.chunk) for h in base.hits]
    focus = retriever.sentence_focus(question, rows)
    assert max(focus.values()) == 1.0 and all(0.0 <= v <= 1.0 for v in focus.values())
    # a weight far above the fused scores orders the head by the best sentence's similarity alone
    shipped = retriever.cfg
    retriever.cfg = dataclasses.replace(shipped, sentence_weight=100.0, diversity=False)
    try:
        heavy = retriever.search(question, k=3)
    finally:
        retriever.cfg = shipped
    head = [retriever.index.row_of(h.chunk) for h in heavy.hits]
    every = retriever.sentence_focus(question, head)
    assert [every[r] for r in head] == sorted(every.values(), reverse=True)


def test_a_search_limited_to_documents_returns_only_theirs(engine):
    """``docs`` limits every search mode to the named documents; naming every document ranks as no limit does
    (the limited dense search scores the stored vectors exactly, as the flat FAISS index does)."""
    query = "한국의 AI 반도체 투자 규모는?"
    sources = sorted({c.source for c in engine.index.chunks})
    for mode in ("hybrid", "dense", "bm25"):
        free = engine.search(query, k=10, mode=mode).hits
        every = engine.search(query, k=10, mode=mode, docs=sources).hits
        assert [(h.chunk.source, h.chunk.start) for h in every] == [(h.chunk.source, h.chunk.start) for h in free]
        for source in ("chip_report.md", "news.txt"):
            only = engine.search(query, k=10, mode=mode, docs=[source]).hits
            assert only and {h.chunk.source for h in only} == {source}, (mode, source)
    assert engine.search(query, docs=[]).hits == []  # an empty list is no document, not all of them


def test_documents_are_named_by_file_name_or_a_part_of_it_or_of_their_title(engine):
    from ragqa.engine import UnknownDocument

    assert engine.resolve_docs(["news.txt"]) == ["news.txt"]
    assert engine.resolve_docs(["반도체 산업"]) == ["chip_report.md"]  # a part of its title
    assert engine.resolve_docs(["CHIP", "news"]) == ["chip_report.md", "news.txt"]  # case ignored, several
    assert engine.resolve_docs(None) is None and engine.resolve_docs(["  "]) is None  # no limit
    with pytest.raises(UnknownDocument, match="no indexed document is named 'annual'.*news.txt"):
        engine.resolve_docs(["annual"])
