"""The embedder as one ONNX graph, run by ONNX Runtime: questions embedded without importing torch.

A cold ``ragqa ask`` spent ~5.5 s importing torch and sentence-transformers before it could embed a question,
and every question ~97 ms on the embedding in torch fp32 (60 ms in native bf16; 46 ms through this graph, 2 cores). ``export`` turns the verified sentence-transformers
folder into one graph (transformer, mean pooling, both dense projections, normalization: the whole pipeline,
so its output is the sentence vector), once, at provisioning (``ragqa models fetch``), and checks it against the
torch pipeline on probe texts before keeping it (a text longer than the sliding window included). ``load`` runs it
with a ``tokenizers`` tokenizer read from the same folder, the model's own prompts and its sequence limit.

EmbeddingGemma attends bidirectionally: every token sees every other in its full-attention layers and those
within ``sliding_window`` positions (exclusive, as transformers sets it for bidirectional attention: 257) in its
sliding layers. The graph takes both masks ready-made, so the export traces no mask-building code (transformers
builds them with ``vmap``, which the TorchScript exporter cannot trace).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ragqa.cache import QueryCache

GRAPH = "model.onnx"
# the weights beside the graph (ONNX external data): ONNX Runtime maps them instead of parsing 1.2 GB of protobuf,
# which loads in 0.7 s instead of 2.9 s and keeps 0.5 GB resident instead of 1.3 GB (2026-12-06, 2-core EPYC)
WEIGHTS = "model.onnx.data"
STAMP = "export.json"
OPSET = 18
# the export is kept only when every probe's vector has at least this cosine to the torch pipeline's
MIN_COSINE = 0.9999
PROBES = (
    "한국의 AI 민간 투자 규모는 얼마인가?",
    "What did the 2024 AI Index report about Korea?",
    "짧은 문장",
    # longer than the sliding window (257 tokens) and the sequence limit (512): the sliding layers' mask and the
    # truncation are exercised
    "2023년 한국의 인공지능 민간 투자는 13.9억 달러로 세계 9위를 기록했으며, 생성형 AI 모델 개발과 반도체 공급망이 "
    "핵심 과제로 꼽혔다. " * 20,
)


class ExportError(RuntimeError):
    """The graph could not be exported, or does not reproduce the torch pipeline."""


def graph_dir(models_dir: Path, name: str) -> Path:
    """Where the graph of the model folder ``name`` lives: beside it, never inside the verified folder."""
    return models_dir / f"{name}-onnx"


def _stamp(folder: Path) -> dict | None:
    try:
        return json.loads((folder / STAMP).read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def is_current(folder: Path, source_fingerprint: str) -> bool:
    """The graph in ``folder`` was exported from the weights with ``source_fingerprint`` and its files are unchanged
    since (their sizes and mtimes as the export recorded them)."""
    from ragqa.provision import unchanged

    stamp = _stamp(folder)
    if not stamp or stamp.get("source_fingerprint") != source_fingerprint:
        return False
    return all(unchanged(folder / name, stamp.get("files", {}).get(name)) for name in (GRAPH, WEIGHTS))


def graph_dim(folder: Path) -> int | None:
    """The vectors' dimension as the export recorded it (known without loading the graph)."""
    dim = (_stamp(folder) or {}).get("dim")
    return int(dim) if dim else None


class _Pipeline:  # built lazily: torch is imported only to export
    @staticmethod
    def make(model):
        import torch

        class Pipeline(torch.nn.Module):
            """input ids and attention mask -> the normalized sentence vector, as ``model.encode`` computes it."""

            def __init__(self):
                super().__init__()
                self.model = model
                self.window = int(getattr(model[0].auto_model.config, "sliding_window", 0) or 0)

            def forward(self, input_ids, attention_mask):
                b, s = input_ids.shape
                full = attention_mask.bool()[:, None, None, :].expand(b, 1, s, s)
                sliding = full
                if self.window:
                    pos = torch.arange(s, device=input_ids.device)
                    sliding = full & ((pos[None, :] - pos[:, None]).abs() < self.window)[None, None]
                out = self.model[0].auto_model(input_ids=input_ids, use_cache=False,
                                               attention_mask={"full_attention": full, "sliding_attention": sliding})
                features = {"token_embeddings": out.last_hidden_state, "attention_mask": attention_mask}
                for module in list(self.model)[1:]:
                    features = module(features)
                return features["sentence_embedding"]

        return Pipeline().eval()


def export(source: Path, out: Path, source_fingerprint: str, max_seq_length: int = 512,
           progress: bool = True) -> Path:
    """Export the sentence-transformers folder ``source`` to ``out``/model.onnx and keep it only if it reproduces
    the torch pipeline on ``PROBES`` (cosine >= ``MIN_COSINE``); return ``out``. Raises ``ExportError``."""
    import warnings

    import torch
    from sentence_transformers import SentenceTransformer

    t0 = time.perf_counter()
    if progress:
        print(f"exporting {source.name} to ONNX (once; ~30 s) ...", file=sys.stderr)
    model = SentenceTransformer(str(source), device="cpu", model_kwargs={"dtype": torch.float32})
    model.max_seq_length = min(max_seq_length, model.max_seq_length or max_seq_length)
    pipeline = _Pipeline.make(model)
    example = model.tokenizer(["a", "an example text"], padding=True, return_tensors="pt")
    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".staging"  # the graph refers to its weights by name: both are made here, then moved
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        import onnx

        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on Python conditions (constant for this model)
            torch.onnx.export(pipeline, (example["input_ids"], example["attention_mask"]), str(staging / "inline"),
                              input_names=["input_ids", "attention_mask"], output_names=["sentence_embedding"],
                              dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                            "attention_mask": {0: "batch", 1: "tokens"},
                                            "sentence_embedding": {0: "batch"}},
                              opset_version=OPSET, dynamo=False)
        onnx.save_model(onnx.load(str(staging / "inline")), str(staging / GRAPH), save_as_external_data=True,
                        all_tensors_to_one_file=True, location=WEIGHTS, size_threshold=1024)
        (staging / "inline").unlink()
        embedder = OnnxEmbedder.open(staging / GRAPH, source, "", source_fingerprint,
                                     max_seq_length=model.max_seq_length)
        texts = list(PROBES)
        want = np.vstack([model.encode_query(texts[:2], normalize_embeddings=True),
                          model.encode_document(texts[2:], normalize_embeddings=True)])
        got = np.vstack([embedder.embed_query(t) for t in texts[:2]] + [embedder.embed_documents(texts[2:])])
        del embedder  # its session maps the weights: released before they move
        cosines = (want * got).sum(axis=1)
        if float(cosines.min()) < MIN_COSINE:
            raise ExportError(f"the ONNX graph does not reproduce the torch pipeline (cosine {cosines.min():.6f} "
                              f"< {MIN_COSINE} on a probe text); not kept")
        (out / STAMP).unlink(missing_ok=True)  # no stamp while the files change: never a stale one that matches
        for name in (WEIGHTS, GRAPH):
            os.chmod(staging / name, 0o644)  # onnx writes the weights owner-only; the model folder's files are not
            os.replace(staging / name, out / name)
    except ExportError:
        raise
    except Exception as exc:  # the exporter's own failures: name them, keep nothing
        raise ExportError(f"ONNX export of {source} failed: {exc.__class__.__name__}: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    import onnxruntime
    import transformers

    from ragqa.provision import file_record, sha256_file

    files = {name: file_record(out / name, sha256_file(out / name)) for name in (GRAPH, WEIGHTS)}
    stamp = {"source": str(source.name), "source_fingerprint": source_fingerprint, "files": files,
             "dim": int(got.shape[1]), "opset": OPSET,
             "max_seq_length": model.max_seq_length, "min_probe_cosine": round(float(cosines.min()), 7),
             "torch": torch.__version__, "transformers": transformers.__version__,
             "onnxruntime": onnxruntime.__version__, "seconds": round(time.perf_counter() - t0, 1)}
    (out / STAMP).write_text(json.dumps(stamp, indent=1), "utf-8")
    if progress:
        print(f"exported {out / GRAPH} in {stamp['seconds']} s (probe cosine >= {stamp['min_probe_cosine']})",
              file=sys.stderr)
    return out


def _prompts(source: Path) -> dict[str, str]:
    try:
        data = json.loads((source / "config_sentence_transformers.json").read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return dict(data.get("prompts") or {})


@dataclass
class OnnxEmbedder:
    """Passages and questions embedded by the exported graph (fp32), with the model's prompts; the same interface
    and query cache as ``models.SentenceTransformerEmbedder``."""

    session: object
    tokenizer: object
    model_id: str
    dim: int
    fingerprint: str
    query_prefix: str
    document_prefix: str
    batch_size: int = 4
    precision: str = "fp32"
    backend: str = "onnx"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _queries: QueryCache = field(default_factory=QueryCache, repr=False)

    @classmethod
    def open(cls, graph: Path, source: Path, model_id: str, fingerprint: str, batch_size: int = 4,
             max_seq_length: int = 512, query_prompt: str = "") -> "OnnxEmbedder":
        """The graph file ``graph`` with the tokenizer and prompts of the model folder ``source``."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.log_severity_level = 3  # warnings about unused initializers are not the user's business
        session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])  # ~0.7 s
        # ~1 s (a 262K vocabulary). Read on another thread meanwhile, it took as long: both hold the GIL
        tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_seq_length)
        prompts = _prompts(source)
        dim = int(session.get_outputs()[0].shape[-1])
        return cls(session, tokenizer, model_id, dim, fingerprint, query_prompt or prompts.get("query", ""),
                   prompts.get("document", ""), batch_size)

    def _run(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts))
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), np.int64)
        mask = np.zeros((len(texts), width), np.int64)
        for i, e in enumerate(encodings):
            ids[i, :len(e.ids)] = e.ids
            mask[i, :len(e.ids)] = 1
        return np.asarray(self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0], np.float32)

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        from tqdm import tqdm

        prefixed = [self.document_prefix + t for t in texts]
        order = sorted(range(len(prefixed)), key=lambda i: -len(prefixed[i]))  # like lengths batched together
        out = np.zeros((len(prefixed), self.dim), np.float32)
        starts = range(0, len(order), self.batch_size)
        with self._lock:
            for at in tqdm(starts, desc="embed", unit="batch", disable=not progress, file=sys.stderr):
                rows = order[at:at + self.batch_size]
                out[rows] = self._run([prefixed[i] for i in rows])
        return out

    def clear_query_cache(self) -> None:
        with self._lock:
            self._queries.clear()

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            hit = self._queries.get(text)
            return hit if hit is not None else self._queries.put(text, self._run([self.query_prefix + text])[0])
