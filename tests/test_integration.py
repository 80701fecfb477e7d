"""The real embedding model (loaded once per session) on the committed mini corpus."""

import shutil

import pytest

from ragqa.config import Config
from ragqa.engine import Engine

pytestmark = pytest.mark.slow

REPO_MODELS = __import__("pathlib").Path(__file__).resolve().parents[1] / "models"


@pytest.fixture(scope="session")
def real_engine(tmp_path_factory):
    home = tmp_path_factory.mktemp("real")
    shutil.copytree(__import__("pathlib").Path(__file__).parent / "data" / "mini", home / "corpus")
    cfg = Config.from_env({"RAGQA_CORPUS": str(home / "corpus"), "RAGQA_INDEX": str(home / "index"),
                           "RAGQA_MODELS": str(REPO_MODELS)})
    eng = Engine(cfg)
    report = eng.build(progress=False)
    assert report.embedded == len(eng.index.chunks)
    return eng


def test_korean_questions_find_their_passage(real_engine):
    cases = {"중국의 AI 반도체 투자 규모는?": "news.txt", "SK하이닉스의 메모리 시장 점유율은?": "chip_report.md",
             "서울의 내일 날씨는?": "weather.html"}
    for q, source in cases.items():
        for mode in ("hybrid", "dense"):
            assert real_engine.search(q, mode=mode).hits[0].chunk.source == source, (q, mode)


def test_english_questions_work_through_the_dense_side(real_engine):
    hits = real_engine.search("How much did China invest in AI chips?").hits
    assert hits[0].chunk.source == "news.txt"
    a = real_engine.ask("How much did China invest in AI chips?")
    assert not a.abstained and "30억" in a.text and a.text.startswith("The reports say")


def test_answers_with_verified_citations(real_engine):
    a = real_engine.ask("2023년 한국의 AI 반도체 투자 규모는 얼마인가?")
    assert "12억" in a.text and "15억" in a.text  # the two documents disagree: both figures, both cited
    assert all(s.supported for s in a.sentences)
    assert real_engine.ask("일본의 AI 반도체 투자 규모는 얼마인가?").abstained


def test_query_embedding_differs_from_document_embedding(real_engine):
    import numpy as np

    e = real_engine.embedder
    q, d = e.embed_query("한국의 AI 투자"), e.embed_documents(["한국의 AI 투자"])[0]
    assert abs(float(np.linalg.norm(q)) - 1) < 1e-3 and not np.allclose(q, d, atol=1e-3)  # the prompts differ


def test_query_vectors_are_cached_read_only_and_clearable(real_engine):
    import numpy as np

    e = real_engine.embedder
    a = e.embed_query("캐시를 확인하는 질문")
    assert e.embed_query("캐시를 확인하는 질문") is a and not a.flags.writeable  # shared: nobody may change it
    e.clear_query_cache()
    b = e.embed_query("캐시를 확인하는 질문")
    assert b is not a and np.allclose(a, b, atol=1e-5)


def test_the_onnx_graph_embeds_as_torch_does(real_engine):
    """`ragqa models fetch` (make setup) exported the embedder to one ONNX graph: the engine embeds questions through
    it, and its vectors are the torch pipeline's (fp32) on the corpus's passages and on a text past the 257-token
    sliding window and the 512-token limit."""
    import dataclasses

    import numpy as np

    from ragqa import models

    embed = real_engine.cfg.embed
    assert models.backend_of(embed, REPO_MODELS) in ("onnx", "onnx+torch")
    graph = getattr(real_engine.embedder, "queries", real_engine.embedder)  # onnx+torch: the graph's half
    assert graph.backend == "onnx"
    reference = models.load_torch_embedder(dataclasses.replace(embed, dtype="fp32", backend="torch"), REPO_MODELS)
    passages = sorted((c.text for c in real_engine.index.chunks), key=len)[-3:]
    long = " ".join(passages) * 12  # the mini corpus's passages are short: ~1,000 tokens, past the window and limit
    assert len(graph.tokenizer.encode(long).ids) == 512  # truncated where torch truncates
    texts = passages + [" ".join(passages) * 3, long]
    cosines = (graph.embed_documents(texts) * reference.embed_documents(texts)).sum(axis=1)
    assert float(cosines.min()) > 0.9999, cosines
    question = "2023년 한국의 AI 반도체 투자 규모는 얼마인가?"
    assert float(np.dot(graph.embed_query(question), reference.embed_query(question))) > 0.9999
