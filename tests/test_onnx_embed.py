"""The embedder exported to one ONNX graph (ragqa.onnx_embed), on a tiny bidirectional Gemma3 sentence-transformers
model the test builds itself (no hub, no download): the graph must give the torch pipeline's vectors, past the
sliding window and the sequence limit too, and the backend chosen must follow what is provisioned."""

import os
import time
from pathlib import Path

import numpy as np
import pytest

WINDOW = 8  # Gemma3 halves it for bidirectional attention: tokens see 5 positions either way in sliding layers


@pytest.fixture(scope="module")
def tiny_gemma(tmp_path_factory):
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Dense, Normalize, Pooling, Transformer
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import Gemma3TextConfig, Gemma3TextModel, PreTrainedTokenizerFast

    torch.manual_seed(0)
    base = tmp_path_factory.mktemp("tiny-gemma")
    vocab = {t: i for i, t in enumerate(["<pad>", "<eos>", "<bos>", "<unk>", *"가나다라마바사아자차카타파하",
                                         *"0123456789", *"abcdefghijklmnopqrstuvwxyz", ":", "."])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    tok.post_processor = processors.TemplateProcessing(single="<bos> $A <eos>", special_tokens=[("<bos>", 2),
                                                                                                ("<eos>", 1)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", pad_token="<pad>", bos_token="<bos>",
                                   eos_token="<eos>")
    config = Gemma3TextConfig(vocab_size=len(vocab), hidden_size=16, intermediate_size=32, num_hidden_layers=3,
                              num_attention_heads=2, num_key_value_heads=1, head_dim=8, sliding_window=WINDOW,
                              layer_types=["sliding_attention", "full_attention", "sliding_attention"],
                              use_bidirectional_attention=True, max_position_embeddings=128, pad_token_id=0,
                              bos_token_id=2, eos_token_id=1)
    assert config.sliding_window < WINDOW  # the halving the graph's sliding mask must follow
    Gemma3TextModel(config).save_pretrained(base / "hf")
    fast.save_pretrained(base / "hf")
    first = Transformer(str(base / "hf"), max_seq_length=40)
    modules = [first, Pooling(16, "mean"), Dense(16, 24, bias=False, activation_function=torch.nn.Identity()),
               Dense(24, 16, bias=False, activation_function=torch.nn.Identity()), Normalize()]
    model = SentenceTransformer(modules=modules, device="cpu", prompts={"query": "q: ", "document": "d: "})
    model.save(str(base / "st"))
    return base / "st"


def _texts() -> list[str]:
    return ["가나다", "abc 가나다라마바사 123", "하파타카 " * 6,  # longer than the sliding window
            "가나다라마바사아자차카타파하 0123456789 " * 3]  # longer than the sequence limit (40 tokens)


def test_the_graph_gives_the_torch_pipelines_vectors(tiny_gemma, tmp_path):
    import torch
    from sentence_transformers import SentenceTransformer

    from ragqa import onnx_embed

    out = onnx_embed.export(tiny_gemma, tmp_path / "g", "fp-1", max_seq_length=40, progress=False)
    assert onnx_embed.is_current(out, "fp-1")
    embedder = onnx_embed.OnnxEmbedder.open(out / onnx_embed.GRAPH, tiny_gemma, "tiny", "fp-1", batch_size=3,
                                            max_seq_length=40)
    model = SentenceTransformer(str(tiny_gemma), device="cpu", model_kwargs={"dtype": torch.float32})
    texts = _texts()
    want_docs = model.encode_document(texts, normalize_embeddings=True)
    got_docs = embedder.embed_documents(texts)  # one batch padded, in the caller's order
    assert got_docs.shape == (4, 16)
    assert np.allclose((want_docs * got_docs).sum(axis=1), 1.0, atol=1e-5)
    want_q = model.encode_query(texts, normalize_embeddings=True)
    got_q = np.vstack([embedder.embed_query(t) for t in texts])
    assert np.allclose((want_q * got_q).sum(axis=1), 1.0, atol=1e-5)
    assert not np.allclose(got_q, got_docs, atol=1e-3)  # the prompts differ: "q: " and "d: "
    assert embedder.embed_query(texts[0]) is embedder.embed_query(texts[0])  # cached


def test_a_mask_without_the_sliding_window_would_differ(tiny_gemma):
    """The check above can fail: the full mask in the sliding layers changes a long text's vector."""
    import torch
    from sentence_transformers import SentenceTransformer

    from ragqa.onnx_embed import _Pipeline

    model = SentenceTransformer(str(tiny_gemma), device="cpu", model_kwargs={"dtype": torch.float32})
    pipeline = _Pipeline.make(model)
    batch = model.tokenizer(["d: " + _texts()[2]], return_tensors="pt")
    with torch.no_grad():
        right = pipeline(batch["input_ids"], batch["attention_mask"])
        pipeline.window = 0  # every token sees every other in every layer
        wrong = pipeline(batch["input_ids"], batch["attention_mask"])
    assert float((right * wrong).sum()) < 0.9999


def test_a_changed_graph_is_not_current(tiny_gemma, tmp_path):
    from ragqa import onnx_embed

    out = onnx_embed.export(tiny_gemma, tmp_path / "g", "fp-1", max_seq_length=40, progress=False)
    assert not onnx_embed.is_current(out, "fp-2")  # other weights
    graph = out / onnx_embed.GRAPH
    later = time.time() + 5
    os.utime(graph, (later, later))
    assert not onnx_embed.is_current(out, "fp-1")
    assert not onnx_embed.is_current(tmp_path / "nothing", "fp-1")


def test_backend_follows_what_is_provisioned(tmp_path, monkeypatch):
    from ragqa import models
    from ragqa.config import EmbedConfig

    assert models.backend_of(EmbedConfig(backend="torch"), tmp_path) == "torch"
    assert models.backend_of(EmbedConfig(), tmp_path) == "torch"  # no graph here
    with pytest.raises(models.ModelError, match="ragqa models fetch"):
        models.backend_of(EmbedConfig(backend="onnx"), tmp_path)
    with pytest.raises(models.ModelError, match="unknown embedding backend"):
        models.backend_of(EmbedConfig(backend="tensorrt"), tmp_path)
    # a graph that is current: fp32 CPUs embed everything through it, native bf16 ones passages through torch
    monkeypatch.setattr(models, "onnx_graph", lambda cfg, d: Path(d))
    monkeypatch.setattr(models.cpu, "kernel_capabilities", lambda: {"avx2": True})
    assert models.backend_of(EmbedConfig(), tmp_path) == "onnx"
    monkeypatch.setattr(models.cpu, "kernel_capabilities", lambda: {"avx2": True, "avx512_bf16": True})
    assert models.backend_of(EmbedConfig(), tmp_path) == "onnx+torch"
    assert models.backend_of(EmbedConfig(dtype="int8"), tmp_path) == "torch"
    assert models.backend_of(EmbedConfig(device="cuda"), tmp_path) == "torch"
    assert models.backend_of(EmbedConfig(backend="onnx", dtype="bf16"), tmp_path) == "onnx"


def test_split_embedder_loads_each_side_when_first_used():
    """Where bf16 is native, questions go through the graph and passages through torch: a question never loads
    torch, an index build never loads the graph."""
    from ragqa.models import SplitEmbedder

    loaded = []

    class Side:
        def __init__(self, name):
            self.name = name

        def embed_query(self, text):
            return np.ones(4, np.float32)

        def embed_documents(self, texts, progress=False):
            return np.zeros((len(texts), 4), np.float32)

    def loader(name):
        side = Side(name)

        def load():
            if name not in loaded:
                loaded.append(name)
            return side
        return load

    e = SplitEmbedder("m", 4, "fp", loader("graph"), loader("torch"))
    assert e.dim == 4 and loaded == []
    assert e.embed_query("질문").shape == (4,) and loaded == ["graph"]
    assert e.embed_documents(["가", "나"]).shape == (2, 4) and loaded == ["graph", "torch"]
    e2 = SplitEmbedder("m", 4, "fp", loader("graph2"), loader("torch2"))
    e2.embed_documents(["가"])
    assert loaded[-1] == "torch2" and "graph2" not in loaded


def test_a_graph_that_does_not_open_falls_back_or_says_what_to_do(tmp_path):
    """A damaged graph file (its stamp cannot tell: same size and time) never stops the engine under ``auto``: a
    warning and torch embeds; under ``RAGQA_EMBED_BACKEND=onnx`` the error names the fix."""
    from ragqa import models, onnx_embed
    from ragqa.config import EmbedConfig

    (tmp_path / onnx_embed.GRAPH).write_bytes(b"not an onnx graph")
    sentinel = object()
    load = models.graph_loader(EmbedConfig(), tmp_path, tmp_path, "fp", lambda: sentinel)
    with pytest.warns(UserWarning, match="ragqa models fetch"):
        assert load() is sentinel
    strict = models.graph_loader(EmbedConfig(backend="onnx"), tmp_path, tmp_path, "fp", None)
    with pytest.raises(models.ModelError, match="RAGQA_EMBED_BACKEND=torch"):
        strict()
