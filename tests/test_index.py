import json
import os

import numpy as np
import pytest

from ragqa.engine import Engine
from ragqa.index import store
from ragqa.index.build import build_index, is_stale
from tests.conftest import FakeEmbedder, make_config


def test_round_trip(engine):
    idx = engine.index
    assert idx.manifest["counts"]["chunks"] == len(idx.chunks) == idx.vectors.shape[0] == idx.faiss_index.ntotal
    assert idx.manifest["embedding"] == {"model": "fake-trigram", "dim": 256, "fingerprint": "fake-0001",
                                        "precision": "fp32"}
    assert {d.source for d in idx.docs.values()} == {"chip_report.md", "news.txt", "weather.html"}
    reloaded = store.load(engine.cfg.paths.index_dir)
    assert [c.chunk_id for c in reloaded.chunks] == [c.chunk_id for c in idx.chunks]
    np.testing.assert_allclose(reloaded.vectors, idx.vectors)
    build = store.current_build(engine.cfg.paths.index_dir)
    assert not any(p.suffix == ".pkl" for p in build.iterdir())


def test_mismatched_manifest_is_refused_with_what_to_run(engine):
    class Other(FakeEmbedder):
        fingerprint = "other-weights"

    from ragqa.index.build import expected_manifest

    with pytest.raises(store.IndexUnavailable, match="ragqa index --rebuild"):
        store.load(engine.cfg.paths.index_dir, expected_manifest(engine.cfg, Other()))
    cfg = engine.cfg.replace(chunk={"max_chars": 300})
    with pytest.raises(store.IndexUnavailable, match="chunker"):
        store.load(cfg.paths.index_dir, expected_manifest(cfg, engine.embedder))


def test_incremental_update_touches_exactly_the_changed_documents(engine, mini_corpus):
    before = {c.chunk_id for c in engine.index.chunks if c.source == "chip_report.md"}
    (mini_corpus / "weather.html").unlink()
    (mini_corpus / "news.txt").write_text("새 기사다. 반도체 투자는 20억 달러다.", "utf-8")
    (mini_corpus / "extra.md").write_text("# 추가\n\n추가 문서의 문장이다.", "utf-8")
    assert is_stale(engine.cfg)
    report = engine.build(progress=False)
    assert report.removed == ["weather.html"] and report.changed == ["news.txt"] and report.added == ["extra.md"]
    assert report.unchanged == ["chip_report.md"]
    embedded_expected = sum(1 for c in engine.index.chunks if c.source in ("news.txt", "extra.md"))
    assert report.embedded == embedded_expected
    assert {c.chunk_id for c in engine.index.chunks if c.source == "chip_report.md"} == before
    assert not any(c.source == "weather.html" for c in engine.index.chunks)
    again = engine.build(progress=False)
    assert not again.changed_anything and again.embedded == 0
    assert not is_stale(engine.cfg)


def test_a_file_listed_as_not_indexed_keeps_the_index_up_to_date(engine, mini_corpus):
    (mini_corpus / "old.ppt").write_bytes(b"\xd0\xcf\x11\xe0 legacy")  # a format no loader reads: listed, not read
    engine.build(progress=False)
    assert not is_stale(engine.cfg)  # asking again does not index again
    (mini_corpus / "old.ppt").write_bytes(b"\xd0\xcf\x11\xe0 saved again")
    assert is_stale(engine.cfg)
    engine.build(progress=False)
    (mini_corpus / "old.ppt").unlink()
    assert is_stale(engine.cfg)
    engine.build(progress=False)
    (mini_corpus / "new.doc").write_bytes(b"\xd0\xcf\x11\xe0 word")  # a new one is listed at the next question
    assert is_stale(engine.cfg)


def test_a_file_of_a_type_a_newer_release_reads_is_indexed_at_the_next_question(engine, mini_corpus, monkeypatch):
    """Built by a release that listed .pptx as not read, the index is stale for the release that reads it (the file
    itself unchanged); a file a loader failed on stays listed without making every question rebuild."""
    from ragqa.ingest import loaders

    from tests.test_slides import _deck

    _deck(mini_corpus / "brief.pptx")
    (mini_corpus / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    monkeypatch.delitem(loaders.LOADERS, ".pptx")
    monkeypatch.setitem(loaders.NOT_READ, ".pptx", "slides are not read: save them as PDF")
    engine.build(progress=False)
    listed = {d["source"]: d for d in engine.index.manifest["files_not_indexed"]}
    assert listed["brief.pptx"]["unread"] and not listed["broken.pdf"]["unread"]
    assert not is_stale(engine.cfg)
    monkeypatch.undo()  # the release that reads slides
    assert is_stale(engine.cfg)
    report = engine.build(progress=False)
    assert "brief.pptx" in report.added
    assert not is_stale(engine.cfg)  # the broken PDF, still listed, does not make it stale


def test_interrupted_build_leaves_the_old_index_loadable(engine, mini_corpus, monkeypatch):
    old = store.current_build(engine.cfg.paths.index_dir)
    (mini_corpus / "news.txt").write_text("바뀐 기사다.", "utf-8")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed mid-build")

    monkeypatch.setattr(store.np, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        build_index(engine.cfg, engine.embedder, progress=False)
    monkeypatch.undo()
    assert store.current_build(engine.cfg.paths.index_dir) == old
    idx = store.load(engine.cfg.paths.index_dir)
    assert any("반도체" in c.text for c in idx.chunks if c.source == "news.txt")
    report = build_index(engine.cfg, engine.embedder, progress=False)  # the next run completes
    assert report.changed == ["news.txt"]
    assert not any(p.name.startswith(".tmp-") for p in engine.cfg.paths.index_dir.iterdir())


def test_corrupt_or_missing_files_give_a_clear_error(engine):
    build = store.current_build(engine.cfg.paths.index_dir)
    (build / "dense.faiss").write_bytes(b"garbage")
    with pytest.raises(store.IndexUnavailable, match="corrupt"):
        store.load(engine.cfg.paths.index_dir)
    os.remove(build / "chunks.jsonl")
    with pytest.raises(store.IndexUnavailable, match="rebuild"):
        store.load(engine.cfg.paths.index_dir)


def test_missing_index_says_what_to_run(tmp_path, mini_corpus):
    eng = Engine(make_config(mini_corpus, tmp_path / "none"), embedder=FakeEmbedder())
    with pytest.raises(store.IndexUnavailable, match="ragqa index"):
        eng.search("질문")


def test_truncated_chunks_file_is_detected(engine):
    build = store.current_build(engine.cfg.paths.index_dir)
    lines = (build / "chunks.jsonl").read_text("utf-8").splitlines()
    (build / "chunks.jsonl").write_text("\n".join(lines[:-1]) + "\n", "utf-8")
    with pytest.raises(store.IndexUnavailable, match="inconsistent"):
        store.load(engine.cfg.paths.index_dir)
    json.loads(lines[0])


def test_hnsw_option_builds_and_searches(mini_corpus, tmp_path):
    from ragqa.engine import Engine

    eng = Engine(make_config(mini_corpus, tmp_path / "hnsw", retrieval={"faiss_index": "hnsw"}),
                 embedder=FakeEmbedder())
    eng.build(progress=False)
    assert eng.index.manifest["faiss_index"] == "hnsw"
    assert eng.search("중국의 AI 반도체 투자 규모는?", mode="dense").hits[0].chunk.source == "news.txt"


def test_an_index_in_an_older_format_is_stale_not_up_to_date(engine):
    import json

    manifest = store.current_build(engine.cfg.paths.index_dir) / "manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    assert not is_stale(engine.cfg)
    manifest.write_text(json.dumps(dict(data, format_version=store.FORMAT_VERSION - 1)), "utf-8")
    assert is_stale(engine.cfg)  # `ragqa index` rebuilds it instead of calling it up to date


def test_answers_read_the_text_the_build_kept_not_a_new_extraction(engine, mini_corpus, monkeypatch):
    """An extraction that changes after indexing (an OCR engine installed since, another PDF library) must
    not break answers or move citations: the build keeps each document's source text."""
    import ragqa.ingest.loaders as loaders

    build = store.current_build(engine.cfg.paths.index_dir)
    kept = store.read_build_texts(build)
    assert set(kept) == {d.source for d in engine.index.docs.values()}
    assert kept["news.txt"] == engine.source_text("news.txt")
    assert all(0 <= c.start < c.end <= len(kept[c.source]) for c in engine.index.chunks)

    def other_extraction(path, *a, **k):
        raise AssertionError(f"{path} was extracted again at question time")

    monkeypatch.setattr(loaders, "load_file", other_extraction)
    engine.reload()  # nothing read before the extraction changed
    result = engine.ask_json("중국의 AI 반도체 투자 규모는?", backend="extractive")
    assert not result.get("error"), result.get("error")
    assert result["citations"]
    for cite in result["citations"]:
        assert kept[cite["source"]][cite["start"]:cite["end"]] == cite["text"]


def test_a_build_without_kept_texts_is_stale_and_rewritten_without_embedding(engine, mini_corpus):
    build = store.current_build(engine.cfg.paths.index_dir)
    (build / store.TEXTS_FILE).unlink()
    assert is_stale(engine.cfg)  # `make run` writes the build again
    report = engine.build(progress=False)
    assert report.embedded == 0 and not report.changed_anything
    assert not is_stale(engine.cfg)
    assert "news.txt" in store.read_texts(engine.cfg.paths.index_dir)


def test_a_corrupt_texts_file_is_refused_with_what_to_run(engine):
    build = store.current_build(engine.cfg.paths.index_dir)
    (build / store.TEXTS_FILE).write_text("{not json\n", "utf-8")
    with pytest.raises(store.IndexUnavailable, match="ragqa index --rebuild"):
        store.read_texts(engine.cfg.paths.index_dir)


def test_gold_quotes_resolve_in_the_kept_texts(engine, mini_corpus, monkeypatch):
    import ragqa.ingest.loaders as loaders
    from ragqa.evaluation.runner import Question, gold_texts

    q = Question(id="g1", question="?", type="fact", gold=[{"doc": "news.txt", "quote": "x"}])
    monkeypatch.setattr(loaders, "load_file", lambda path, *a, **k: "another extraction")
    assert gold_texts([q], mini_corpus)["news.txt"] == "another extraction"
    kept = gold_texts([q], mini_corpus, engine.cfg.paths.index_dir)["news.txt"]
    assert kept == store.read_texts(engine.cfg.paths.index_dir)["news.txt"] != "another extraction"
    # an index built from another corpus folder is not read for this one
    assert gold_texts([q], mini_corpus.parent, engine.cfg.paths.index_dir) == {}


def test_a_kept_text_that_does_not_match_the_passages_is_refused(engine):
    build = store.current_build(engine.cfg.paths.index_dir)
    rows = [json.loads(line) for line in (build / store.TEXTS_FILE).read_text("utf-8").splitlines()]
    rows = [dict(r, text=r["text"] + " 덧붙인 문장.") if r["source"] == "news.txt" else r for r in rows]
    (build / store.TEXTS_FILE).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    engine.reload()
    with pytest.raises(store.IndexUnavailable, match="ragqa index --rebuild"):
        engine.source_text("news.txt")
    assert engine.source_text("chip_report.md")  # the other documents still read


def test_a_build_without_kept_texts_reads_the_file_and_refuses_a_changed_one(engine, mini_corpus):
    build = store.current_build(engine.cfg.paths.index_dir)
    (build / store.TEXTS_FILE).unlink()
    engine.reload()
    assert engine.source_text("chip_report.md")  # an unchanged file, extracted again, still matches
    (mini_corpus / "news.txt").write_text("바뀐 기사다.", "utf-8")
    with pytest.raises(store.IndexUnavailable, match="changed since it was indexed"):
        engine.source_text("news.txt")


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the texts it embeds."""

    def __init__(self):
        self.texts: list[str] = []

    def embed_documents(self, texts, progress=False):
        self.texts.extend(texts)
        return super().embed_documents(texts, progress)


def test_a_chunker_change_reembeds_only_the_texts_it_changed(engine, monkeypatch):
    import ragqa.index.build as build

    before = store.load(engine.cfg.paths.index_dir)
    old_vectors = {c.text: np.asarray(before.vectors[i]) for i, c in enumerate(before.chunks)}
    monkeypatch.setattr(build, "CHUNKER_VERSION", build.CHUNKER_VERSION + 1)
    counting = CountingEmbedder()
    report = build_index(engine.cfg, counting, progress=False)
    after = store.load(engine.cfg.paths.index_dir, build.expected_manifest(engine.cfg, counting))
    assert report.rebuilt and report.chunks == len(before.chunks)  # every document chunked again
    assert counting.texts == [] and report.reused > 0  # same texts: nothing embedded again
    for i, c in enumerate(after.chunks):
        np.testing.assert_allclose(after.vectors[i], old_vectors[c.text])
    np.testing.assert_allclose(after.sentence_vectors, before.sentence_vectors)

    # another chunk size makes other passages: only those are embedded, their sentences mostly kept
    cfg = engine.cfg.replace(chunk={"max_chars": 120})
    counting = CountingEmbedder()
    report = build_index(cfg, counting, progress=False)
    fresh = store.load(cfg.paths.index_dir, build.expected_manifest(cfg, counting))
    assert 0 < len(counting.texts) < report.reused + len(counting.texts)
    np.testing.assert_allclose(fresh.vectors, FakeEmbedder().embed_documents(
        [build.embed_text(c) for c in fresh.chunks]), atol=1e-6)  # reused or not, each is its text's vector


def test_vectors_of_another_embedder_are_never_reused(engine, monkeypatch):
    import ragqa.index.build as build

    class Other(CountingEmbedder):
        fingerprint = "other-weights"

    monkeypatch.setattr(build, "CHUNKER_VERSION", build.CHUNKER_VERSION + 1)
    other = Other()
    report = build_index(engine.cfg, other, progress=False)
    assert report.reused == 0 and len(other.texts) >= report.chunks


def test_a_text_two_passages_share_is_embedded_once(tmp_path):
    """Overlapping passages share a sentence, and a document may repeat a line: each distinct text is embedded
    once and every passage or sentence holding it gets its vector."""
    from ragqa import tables

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    said = "정부는 인공지능 반도체 설계 인력 양성을 지원한다."
    body = " ".join(f"{n}번째 문단의 문장은 반도체 산업 동향을 길게 설명하는 문장이다." for n in range(1, 30))
    (corpus / "a.md").write_text(f"# 가\n\n{body} {said}\n\n# 나\n\n{said} 그 밖의 내용이다.\n", "utf-8")
    cfg = make_config(corpus, tmp_path / "index")
    counting = CountingEmbedder()
    build_index(cfg, counting, progress=False)
    index = store.load(cfg.paths.index_dir)
    assert len(counting.texts) == len(set(counting.texts))
    sentences = [tables.scoring_text(c, j) for c in index.chunks for j in range(len(c.sentences))]
    assert len(sentences) > len(set(sentences))  # the corpus does hold a text twice (shared and repeated)
    vectors = {}
    for text, v in zip(sentences, np.asarray(index.sentence_vectors)):
        if text in vectors:
            np.testing.assert_array_equal(v, vectors[text])
        vectors[text] = v
