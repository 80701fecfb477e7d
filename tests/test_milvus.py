"""The Milvus store, embedded (Milvus Lite in a temporary file): same rankings as FAISS, incremental sync,
interrupted syncs, settings changes. Runs in the default suite: no network, the fake embedder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ragqa import korean
from ragqa.engine import Engine
from ragqa.index import store, vectorstore
from ragqa.index.build import is_stale
from ragqa.index.sparse import BM25
from tests.conftest import FakeEmbedder, make_config

pytest.importorskip("pymilvus")
milvus = pytest.importorskip("ragqa.index.milvus")

QUERIES = ["반도체 투자 규모는?", "날씨", "HBM 시장 점유율", "AI 반도체 기업", "기사"]


@pytest.fixture(autouse=True)
def _close_clients():
    yield
    milvus.close_all()


def _engines(corpus, tmp_path, **store_cfg):
    """A FAISS engine and a Milvus engine over the same corpus and index folder."""
    cfg = make_config(corpus, tmp_path / "index")
    faiss_engine = Engine(cfg, embedder=FakeEmbedder())
    mcfg = cfg.replace(store={"uri": f"milvus://{tmp_path / 'store' / 'ragqa.db'}", **store_cfg})
    return faiss_engine, Engine(mcfg, embedder=FakeEmbedder())


def _ranking(engine, query, mode=None):
    return [(h.chunk.chunk_id, round(h.score, 6)) for h in engine.search(query, mode=mode).hits]


def _same_rankings(a, b):
    for q in QUERIES:
        for mode in ("dense", "bm25", "hybrid"):
            assert _ranking(a, q, mode) == _ranking(b, q, mode), (q, mode)


def test_bm25_is_an_inner_product_of_doc_and_query_weights():
    docs = [["반도체", "투자", "투자"], ["날씨", "비"], ["반도체", "시장", "점유율", "반도체"], []]
    bm25 = BM25.from_terms(docs)
    query = ["반도체", "투자", "반도체", "없는말"]
    w = bm25.query_weights(query)
    assert set(w) == {"반도체", "투자"}
    q = np.zeros(len(bm25.vocab), np.float32)
    for t, v in w.items():
        q[bm25.vocab[t]] = v
    np.testing.assert_allclose(bm25.doc_weights() @ q, bm25.scores(query), rtol=1e-6)


def test_milvus_ranks_exactly_as_faiss(mini_corpus, tmp_path):
    faiss_engine, milvus_engine = _engines(mini_corpus, tmp_path)
    faiss_engine.build(progress=False)
    report = milvus_engine.build(progress=False)  # the build is up to date: only the store is filled
    assert report.embedded == 0 and report.store is not None
    assert report.store.written_rows == len(faiss_engine.index.chunks)
    assert isinstance(milvus_engine.retriever.store, milvus.MilvusSearcher)
    assert milvus_engine.retriever.store.store.count() == len(milvus_engine.index.chunks)
    _same_rankings(faiss_engine, milvus_engine)


def test_a_build_searched_through_milvus_leaves_its_faiss_file_on_disk(mini_corpus, tmp_path):
    _, eng = _engines(mini_corpus, tmp_path)
    eng.build(progress=False)
    assert eng.search("반도체 투자 규모는?").hits
    assert isinstance(eng.index.faiss_source, Path)  # never read: Milvus served the dense search
    assert eng.index.faiss_index.ntotal == len(eng.index.chunks)  # still there for whoever asks


def test_incremental_sync_writes_and_deletes_by_document(mini_corpus, tmp_path):
    # the mini corpus is tiny: any change moves its average passage length past the default tolerance,
    # which would rewrite every row (tested below); here the stored BM25 weights are to be kept
    _, eng = _engines(mini_corpus, tmp_path, avgdl_tolerance=10.0)
    eng.build(progress=False)
    target = eng.retriever.store.store
    chip_rows = {int(i) for i, c in zip(vectorstore.Rows.of_index(eng.index).ids, eng.index.chunks)
                 if c.source == "chip_report.md"}
    (mini_corpus / "weather.html").unlink()
    (mini_corpus / "news.txt").write_text("새 기사다. 반도체 투자는 20억 달러다.", "utf-8")
    (mini_corpus / "extra.md").write_text("# 추가\n\n추가 문서의 문장이다.", "utf-8")
    assert is_stale(eng.cfg)
    report = eng.build(progress=False)
    assert not report.store.reweighted
    assert report.store.written_docs == 2  # the changed and the added document, not the unchanged one
    assert report.store.deleted_docs == 2  # weather.html and the old news.txt
    idx = eng.index
    assert target.count() == len(idx.chunks)
    assert set(target.documents()) == {c.doc_id for c in idx.chunks}
    stored = {int(r["id"]) for r in target.client.query(target.collection, filter="id >= 0", output_fields=["id"],
                                                        limit=1000)}
    assert stored == {int(i) for i in vectorstore.Rows.of_index(idx).ids}
    assert chip_rows <= stored  # the unchanged document's rows were kept, not rewritten
    assert not is_stale(eng.cfg)
    again = eng.build(progress=False)
    assert not again.changed_anything and again.store is None  # nothing to sync
    fresh = Engine(make_config(mini_corpus, tmp_path / "fresh-index"), embedder=FakeEmbedder())
    fresh.build(progress=False)
    for q in QUERIES:  # BM25 weights keep the old average length here, by design
        assert _ranking(fresh, q, "dense") == _ranking(eng, q, "dense")


def test_interrupted_sync_leaves_the_previous_build_searchable(mini_corpus, tmp_path, monkeypatch):
    # an incremental sync (stored BM25 weights kept); an interrupted full BM25 rewrite leaves the old
    # build searchable with some rows already re-normalised, until the next `ragqa index`
    _, eng = _engines(mini_corpus, tmp_path, batch_rows=1, avgdl_tolerance=10.0)
    eng.build(progress=False)
    before = {q: _ranking(eng, q) for q in QUERIES}
    live = store.current_build(eng.cfg.paths.index_dir)
    (mini_corpus / "extra.md").write_text("# 추가\n\n반도체 투자 문장이다. 두 번째 문장이다.\n\n" + "긴 문단이다. " * 80,
                                          "utf-8")
    (mini_corpus / "news.txt").unlink()
    client = eng.retriever.store.store.client
    calls = {"n": 0}
    real_upsert = client.upsert

    def failing_upsert(collection, rows, *a, **kw):
        if not collection.endswith("_meta"):
            calls["n"] += 1
            if calls["n"] == 2:  # the second batch of the new document's rows: the machine dies here
                raise ConnectionError("killed")
        return real_upsert(collection, rows, *a, **kw)

    monkeypatch.setattr(client, "upsert", failing_upsert)
    with pytest.raises(ConnectionError):
        eng.build(progress=False)
    monkeypatch.setattr(client, "upsert", real_upsert)
    assert store.current_build(eng.cfg.paths.index_dir) == live  # the old build is still the live one
    eng.reload()
    assert {q: _ranking(eng, q) for q in QUERIES} == before  # and searchable through the store as before
    assert is_stale(eng.cfg)
    report = eng.build(progress=False)  # the next run finishes the job
    assert report.added == ["extra.md"] and report.store.deleted_docs == 1
    assert eng.retriever.store.store.count() == len(eng.index.chunks)


def test_a_store_without_the_build_is_refused_with_what_to_run(mini_corpus, tmp_path):
    faiss_engine, milvus_engine = _engines(mini_corpus, tmp_path)
    faiss_engine.build(progress=False)
    with pytest.raises(store.IndexUnavailable, match="ragqa index"):
        milvus_engine.retriever
    assert is_stale(milvus_engine.cfg)


def test_other_embedding_settings_empty_the_store(mini_corpus, tmp_path):
    _, eng = _engines(mini_corpus, tmp_path)
    eng.build(progress=False)

    class Other(FakeEmbedder):
        fingerprint = "other-weights"

    other = Engine(eng.cfg, embedder=Other())
    report = other.build(progress=False)
    assert report.store.recreated and report.store.written_rows == len(other.index.chunks)
    assert other.retriever.store.store.count() == len(other.index.chunks)


def test_another_dense_index_rewrites_the_store_and_ranks_the_same(mini_corpus, tmp_path):
    faiss_engine, eng = _engines(mini_corpus, tmp_path)
    eng.build(progress=False)
    flat = Engine(eng.cfg.replace(store={"dense_index": "FLAT"}), embedder=FakeEmbedder())
    assert is_stale(flat.cfg)  # the stored rows were indexed otherwise
    report = flat.build(progress=False)
    assert report.store.recreated and report.store.written_rows == len(flat.index.chunks)
    described = flat.retriever.store.store.client.describe_index("ragqa", "dense")
    assert described["index_type"] == "FLAT"
    _same_rankings(faiss_engine, flat)


def test_bm25_rows_are_rewritten_only_when_the_average_length_moves(mini_corpus, tmp_path):
    _, eng = _engines(mini_corpus, tmp_path)
    eng.build(progress=False)
    avg = eng.index.bm25.avgdl
    (mini_corpus / "tiny.txt").write_text("짧다.", "utf-8")  # moves the average passage length a lot
    report = eng.build(progress=False)
    moved = abs(eng.index.bm25.avgdl - avg) / avg
    assert moved > eng.cfg.store.avgdl_tolerance
    assert report.store.reweighted and report.store.written_docs == len(eng.index.docs)
    fresh = Engine(make_config(mini_corpus, tmp_path / "fresh-index"), embedder=FakeEmbedder())
    fresh.build(progress=False)
    for q in QUERIES:
        assert _ranking(fresh, q, "bm25") == _ranking(eng, q, "bm25")


def test_store_uri_schemes():
    from ragqa.config import StoreConfig

    assert vectorstore.scheme("faiss") == "faiss" and vectorstore.scheme("") == "faiss"
    assert vectorstore.scheme("milvus://index/ragqa.db") == "milvus"
    assert vectorstore.scheme("http://milvus:19530") == "http"
    assert vectorstore.synced(StoreConfig()) is None
    with pytest.raises(ValueError, match=r"\['faiss', 'http', 'https', 'milvus'\]"):
        vectorstore.synced(StoreConfig(uri="qdrant://x"))
    with pytest.raises(ValueError, match=".db"):
        milvus.client_args(StoreConfig(uri="milvus://index/ragqa"))
    # a wrong setting is said in a line by the CLI and the UI, like a missing index
    with pytest.raises(store.IndexUnavailable, match="unknown vector store"):
        vectorstore.synced(StoreConfig(uri="qdrant://x"))


def test_term_dimensions_are_stable_and_in_range():
    dims = {t: vectorstore.term_dimension(t) for t in korean.terms("반도체 시장 점유율과 HBM 투자 규모")}
    assert all(0 <= d < 2**32 - 1 for d in dims.values())
    assert dims == {t: vectorstore.term_dimension(t) for t in dims}
    assert len(set(dims.values())) == len(dims)
