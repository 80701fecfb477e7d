"""Cached loading of the heavy models: the sentence-transformers embedder and the local LLM.

Every model is loaded once per process by a cached factory and shared (thread-safe for
inference). A model id that names a provisioned model loads from its verified folder; any
other id or folder loads the ordinary sentence-transformers way (from a hub, when there is
one). A missing or unverified model fails with the command that fixes it.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from ragqa import cpu, provision
from ragqa.config import EmbedConfig


class ModelError(RuntimeError):
    """A model is missing, unverified or failed to load; the message says what to run."""


class Embedder(Protocol):
    """Passages and questions are embedded differently (the model's prompts)."""

    model_id: str
    dim: int
    fingerprint: str  # identifies the weights (hash), recorded in the index manifest
    precision: str  # fp32 | bf16 | int8: how the weights compute here (recorded, not required to match)

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


@dataclass
class SentenceTransformerEmbedder:
    model: object
    model_id: str
    dim: int
    fingerprint: str
    batch_size: int = 16
    precision: str = "fp32"
    query_prompt: str = ""  # empty: the model's "query" prompt
    query_cache_size: int = 256  # a question is embedded by retrieval and again by the answerer: once is enough
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _queries: OrderedDict = field(default_factory=OrderedDict, repr=False)

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        with self._lock:
            vecs = self.model.encode_document(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                              show_progress_bar=progress, convert_to_numpy=True)
        return np.asarray(vecs, dtype=np.float32)

    def clear_query_cache(self) -> None:
        """Forget cached query vectors (a benchmark timing the model clears it before each query)."""
        with self._lock:
            self._queries.clear()

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:  # one batch at a time is faster on 2 cores than interleaved ones
            hit = self._queries.get(text)
            if hit is not None:
                self._queries.move_to_end(text)
                return hit
            vec = np.asarray(self.model.encode_query([text], prompt=self.query_prompt or None,
                                                     normalize_embeddings=True, convert_to_numpy=True),
                             dtype=np.float32)[0]
            vec.setflags(write=False)  # shared by every caller of the cache
            self._queries[text] = vec
            if len(self._queries) > self.query_cache_size:
                self._queries.popitem(last=False)
            return vec


def resolve_embedding_path(model_id: str, models_dir: Path) -> str:
    """Where to load ``model_id`` from: a verified provisioned folder, a local folder, or the hub id."""
    for spec in provision.SPECS.values():
        if spec.kind == "zip-folder" and model_id in (spec.hub_id, spec.name):
            target = provision.target_path(spec, models_dir)
            if provision.is_verified(spec, models_dir):
                return str(target)
            if target.exists():
                raise ModelError(f"{target} does not match the pinned upstream hashes (changed or partial). "
                                 "Run `ragqa models fetch --force` (or `make setup`).")
            return model_id  # not provisioned: try the hub (fails with a hint below when offline)
    if Path(model_id).expanduser().exists():
        return str(Path(model_id).expanduser())
    return model_id


def _hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co")


def hub_reachable(timeout: float = 5.0) -> bool:
    """The model hub answers a connection (``HF_ENDPOINT``; never with ``HF_HUB_OFFLINE`` set): a few seconds to
    know, where the hub client's retries take more than a minute to fail on a machine without it."""
    import socket
    from urllib.parse import urlsplit

    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return False
    url = urlsplit(_hub_endpoint())
    try:
        with socket.create_connection((url.hostname or "", url.port or (443 if url.scheme == "https" else 80)),
                                      timeout=timeout):
            return True
    except OSError:
        return False


def weights_fingerprint(path: str, model_id: str) -> str:
    """A short hash identifying the weights: from the verification stamp when provisioned."""
    folder = Path(path)
    stamp = folder / provision.STAMP
    if stamp.exists():
        data = json.loads(stamp.read_text("utf-8"))
        return hashlib.sha256(json.dumps({k: v["sha256"] for k, v in sorted(data.items())}).encode()).hexdigest()[:16]
    if folder.is_dir():
        h = hashlib.sha256()
        for f in sorted(folder.rglob("*.safetensors")) + sorted(folder.rglob("*.bin")):
            h.update(f"{f.relative_to(folder)}:{f.stat().st_size}".encode())
        return h.hexdigest()[:16]
    return hashlib.sha256(model_id.encode()).hexdigest()[:16]


_load_lock = threading.Lock()


def quantize_int8(model) -> None:
    """Dynamic int8 quantization of the transformer's linear layers, in place: int8 weights per
    output channel, activations quantized per batch; the pooling projections stay fp32.

    Opt-in (``RAGQA_EMBED_DTYPE=int8``), not the default: on an AVX2 CPU it builds the index 1.6x
    faster than fp32 and retrieves as well (hit@1 equal, MRR -0.002), but it moves the vectors
    (mean cosine 0.93 to fp32) and its sentence similarities pick worse answer sentences
    (correct & concise 0.711 vs 0.759 on the tuning set; README, bench/precision.py).
    """
    import warnings

    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    target = getattr(model[0], "auto_model", model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch points eager-mode quantization users at torchao
        quantize_dynamic(target, {torch.nn.Linear: per_channel_dynamic_qconfig}, inplace=True)


def embed_precision(cfg: EmbedConfig) -> str:
    """The precision the embedder loads in: by CPU capability on the CPU, fp32 (or as asked) on a device."""
    if cfg.device == "cpu":
        return cpu.resolve_precision(cfg.dtype, fallback=cfg.dtype_without_bf16)
    if cfg.dtype == "int8":
        raise ModelError(f"int8 embeddings are CPU dynamic quantization; on device {cfg.device!r} use "
                         "RAGQA_EMBED_DTYPE=fp32, bf16 or auto")
    return cpu.resolve_precision(cfg.dtype, caps={}, fallback="fp32")


@lru_cache(maxsize=4)
def load_embedder(cfg: EmbedConfig, models_dir: Path) -> SentenceTransformerEmbedder:
    """The embedder for ``cfg`` (cached: loaded once per process), in the precision this CPU runs fastest."""
    with _load_lock:
        import torch
        from sentence_transformers import SentenceTransformer

        precision = embed_precision(cfg)
        path = resolve_embedding_path(cfg.model, models_dir)
        if path == cfg.model and not Path(path).exists() and not hub_reachable():
            # without this, the hub client retries for over a minute before it gives up
            raise ModelError(
                f"cannot load embedding model {cfg.model!r}: it is not provisioned in {models_dir.resolve()} and the "
                f"model hub ({_hub_endpoint()}) cannot be reached. Run `ragqa models fetch` (or `make setup`) to "
                "provision it, or point RAGQA_MODELS at the folder that holds it (the project's `models/` when you "
                "run from elsewhere), or set RAGQA_EMBED_MODEL to a local sentence-transformers folder.")
        kwargs = {"dtype": torch.bfloat16} if precision == "bf16" else {"dtype": torch.float32}
        try:
            model = SentenceTransformer(path, device=cfg.device, model_kwargs=kwargs)
        except OSError as exc:
            raise ModelError(
                f"cannot load embedding model {cfg.model!r} ({exc.__class__.__name__}). On a machine without a "
                "model hub run `ragqa models fetch` (or `make setup`) to provision it, or set RAGQA_EMBED_MODEL "
                "to a local sentence-transformers folder.") from exc
        if precision == "int8":
            quantize_int8(model)
        model.max_seq_length = min(cfg.max_seq_length, model.max_seq_length or cfg.max_seq_length)
        # sentence-transformers 5.x renamed the method; older releases only have the first name
        dim = (getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension)()
        return SentenceTransformerEmbedder(model, cfg.model, int(dim), weights_fingerprint(path, cfg.model),
                                           cfg.batch_size, precision, cfg.query_prompt)
