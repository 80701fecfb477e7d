"""Embedder precision follows the CPU; an index built in one precision serves queries in another."""

import numpy as np
import pytest

from ragqa import cpu
from ragqa.index import store
from ragqa.index.build import expected_manifest
from tests.conftest import FakeEmbedder

AVX2_ONLY = {"avx2": True, "fma": True}
SAPPHIRE_RAPIDS = {"avx2": True, "avx512f": True, "avx512_bf16": True, "amx_tile": True, "amx_bf16": True}
ZEN4 = {"avx2": True, "avx512f": True, "avx512_bf16": True}


@pytest.mark.skipif(__import__("platform").machine().lower() in ("aarch64", "arm64"), reason="x86 flags")
@pytest.mark.parametrize("caps, expected", [(AVX2_ONLY, "fp32"), (SAPPHIRE_RAPIDS, "bf16"), (ZEN4, "bf16"),
                                            ({}, "fp32")])
def test_auto_is_bf16_only_where_the_cpu_computes_it(caps, expected):
    assert cpu.resolve_precision("auto", caps) == expected


def test_an_explicit_precision_wins_and_a_wrong_one_is_named():
    assert cpu.resolve_precision("bf16", AVX2_ONLY) == "bf16"
    assert cpu.resolve_precision("fp32", SAPPHIRE_RAPIDS) == "fp32"
    assert cpu.resolve_precision("auto", AVX2_ONLY, fallback="int8") == "int8"
    with pytest.raises(ValueError, match="fp16.*choose one of"):
        cpu.resolve_precision("fp16")


def test_an_accelerator_embeds_in_fp32_unless_asked_and_never_in_int8():
    from ragqa.config import Config, EmbedConfig
    from ragqa.models import ModelError, embed_precision

    assert Config.from_env({"RAGQA_EMBED_DEVICE": "cuda:1"}).embed.device == "cuda:1"
    assert Config.from_env({}).embed.device == "cpu"
    assert embed_precision(EmbedConfig(device="cuda")) == "fp32"  # whatever this CPU computes natively
    assert embed_precision(EmbedConfig(device="cuda", dtype="bf16")) == "bf16"
    with pytest.raises(ModelError, match="int8.*CPU"):
        embed_precision(EmbedConfig(device="cuda", dtype="int8"))


def test_this_machine_is_described():
    d = cpu.describe()
    assert d["cores"] >= 1 and isinstance(d["flags"], list) and d["native_bf16"] == cpu.native_bf16()


def test_an_index_built_in_one_precision_loads_for_another(engine):
    class Bf16(FakeEmbedder):
        precision = "bf16"

    index = store.load(engine.cfg.paths.index_dir, expected_manifest(engine.cfg, Bf16()))
    assert index.manifest["embedding"]["precision"] == "fp32"  # what built it is recorded


def test_sentence_vectors_are_stored_and_carried_over(engine, mini_corpus, fake_embedder):
    idx = engine.index
    n_sentences = sum(len(c.sentences) for c in idx.chunks)
    assert idx.sentence_vectors.shape == (n_sentences, fake_embedder.dim)
    for row in (0, len(idx.chunks) - 1):
        chunk = idx.chunks[row]
        want = fake_embedder.embed_documents([s.text for s in chunk.sentences])
        assert np.allclose(idx.sentence_vectors_of(row), want, atol=1e-6)
    kept = {c.chunk_id: np.asarray(idx.sentence_vectors_of(i)) for i, c in enumerate(idx.chunks)
            if c.source == "chip_report.md"}
    (mini_corpus / "news.txt").write_text("새 기사다. 반도체 투자는 20억 달러다.", "utf-8")
    engine.build(progress=False)
    after = engine.index
    for i, c in enumerate(after.chunks):
        if c.chunk_id in kept:
            assert np.array_equal(after.sentence_vectors_of(i), kept[c.chunk_id])
    row = next(i for i, c in enumerate(after.chunks) if c.source == "news.txt")
    assert np.allclose(after.sentence_vectors_of(row),
                       fake_embedder.embed_documents([s.text for s in after.chunks[row].sentences]), atol=1e-6)


class CountingEmbedder(FakeEmbedder):
    def __init__(self):
        self.documents = 0

    def embed_documents(self, texts, progress=False):
        self.documents += len(texts)
        return super().embed_documents(texts, progress)


def test_answering_embeds_no_sentence_the_index_already_holds(mini_corpus, tmp_path):
    from ragqa.engine import Engine
    from tests.conftest import make_config

    counting = CountingEmbedder()
    eng = Engine(make_config(mini_corpus, tmp_path / "index"), embedder=counting)
    eng.build(progress=False)
    counting.documents = 0
    a = eng.ask("중국의 AI 반도체 투자 규모는 얼마인가?")
    assert not a.abstained and "30억" in a.text
    assert counting.documents == 0


def test_every_stored_sentence_is_compared_by_meaning_not_only_the_lexical_best(engine):
    """The embedding budget (embed_top_ko) bounds what is embedded at answer time; a sentence the index
    stores costs a dot product, so it always gets its similarity (a chosen sentence must not score 0)."""
    import dataclasses

    from ragqa.answer.extractive import ExtractiveAnswerer
    from ragqa.answer.question import question_type

    question = "중국의 AI 반도체 투자 규모는 얼마인가?"
    hits = engine.search(question).hits

    def similarities(budget: int) -> dict:
        cfg = dataclasses.replace(engine.cfg.extractive, embed_top_ko=budget)
        a = ExtractiveAnswerer(engine.index, engine.embedder, cfg=cfg)
        ranked = a.scorer.ranked(question, hits, "ko", question_type(question))
        return {(c.hit_no, c.sentence_no): round(c.similarity, 6) for c in ranked}

    none_embedded, all_embedded = similarities(0), similarities(1000)
    assert len(all_embedded) > 1 and any(all_embedded.values())
    assert none_embedded == all_embedded
