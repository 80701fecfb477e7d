"""Cross-encoder reranking with a tiny model the test builds itself (no hub, no download)."""

import dataclasses

import pytest


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory):
    from sentence_transformers import CrossEncoder
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-ce")
    vocab = {t: i for i, t in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"가나다라마바사아자차카타파하",
                                         *"0123456789", *"abcdefghijklmnopqrstuvwxyz"])}
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]")
    config = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=256, num_labels=1)
    BertForSequenceClassification(config).save_pretrained(folder)
    fast.save_pretrained(folder)
    CrossEncoder(str(folder), device="cpu")  # loads as a CrossEncoder
    return str(folder)


def test_rerank_scores_every_passage(tiny_cross_encoder):
    from ragqa.retrieval.rerank import rerank_scores

    scores = rerank_scores(tiny_cross_encoder, "가나다", ["가나다 라마", "파하", "abc"])
    assert len(scores) == 3 and all(isinstance(s, float) for s in scores)


def test_hybrid_orders_by_the_cross_encoder(engine, tiny_cross_encoder):
    from ragqa.retrieval.hybrid import HybridRetriever
    from ragqa.retrieval.rerank import rerank_scores

    cfg = dataclasses.replace(engine.cfg.retrieval, reranker=tiny_cross_encoder, diversity=False, k=3)
    retriever = HybridRetriever(engine.index, engine.embedder, cfg)
    hits = retriever.search("반도체 투자 규모").hits
    from ragqa.index.build import embed_text

    scores = rerank_scores(tiny_cross_encoder, "반도체 투자 규모", [embed_text(h.chunk) for h in hits])
    assert scores == sorted(scores, reverse=True)  # the final order is the cross-encoder's


def test_missing_reranker_is_a_clear_error(engine, tmp_path):
    from ragqa.models import ModelError
    from ragqa.retrieval.rerank import rerank_scores

    with pytest.raises(ModelError, match="RAGQA_RERANKER"):
        rerank_scores(str(tmp_path / "no-such-model"), "q", ["p"])
