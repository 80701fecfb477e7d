"""Cached loading of the heavy models: the embedder (its exported ONNX graph, or sentence-transformers on torch)
and the local LLM.

Every model is loaded once per process by a cached factory and shared (thread-safe for
inference). A model id that names a provisioned model loads from its verified folder, and its questions (and, without
native bf16, its passages) go through the ONNX graph exported from that folder (``backend_of``); any
other id or folder loads the ordinary sentence-transformers way (from a hub, when there is
one). A missing or unverified model fails with the command that fixes it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from ragqa import cpu, provision
from ragqa.cache import QueryCache
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
    backend: str = "torch"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _queries: QueryCache = field(default_factory=QueryCache, repr=False)

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
                return hit
            vec = np.asarray(self.model.encode_query([text], prompt=self.query_prompt or None,
                                                     normalize_embeddings=True, convert_to_numpy=True),
                             dtype=np.float32)[0]
            return self._queries.put(text, vec)


@dataclass
class SplitEmbedder:
    """Questions through ONNX Runtime (fp32, no torch), passages through torch in the CPU's native bf16: where bf16
    is native, torch builds an index faster than the graph (5.1 vs 3.1 passages/s on an AVX-512 bf16 EPYC), while a
    question needs no torch. Each side is loaded when first used, so an index build does not hold the graph as well
    (peak RSS while indexing 3.2 GB with both loaded at the start, `make bench` 2026-12-06) and a question never
    loads torch."""

    model_id: str
    dim: int
    fingerprint: str
    load_queries: Callable[[], object]  # -> onnx_embed.OnnxEmbedder, cached
    load_documents: Callable[[], SentenceTransformerEmbedder]  # cached
    precision: str = "bf16"
    backend: str = "onnx+torch"

    @property
    def queries(self):
        return self.load_queries()

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self.load_documents().embed_documents(texts, progress)

    def embed_query(self, text: str) -> np.ndarray:
        return self.queries.embed_query(text)

    def clear_query_cache(self) -> None:
        self.queries.clear_query_cache()


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


def embed_precision(cfg: EmbedConfig, caps: dict[str, bool] | None = None) -> str:
    """The precision the embedder loads in: by CPU capability on the CPU (``caps``, by default torch's view of it),
    fp32 (or as asked) on a device."""
    if cfg.device == "cpu":
        return cpu.resolve_precision(cfg.dtype, caps=caps, fallback=cfg.dtype_without_bf16)
    if cfg.dtype == "int8":
        raise ModelError(f"int8 embeddings are CPU dynamic quantization; on device {cfg.device!r} use "
                         "RAGQA_EMBED_DTYPE=fp32, bf16 or auto")
    return cpu.resolve_precision(cfg.dtype, caps={}, fallback="fp32")


BACKENDS = ("auto", "torch", "onnx")


def _provisioned_spec(model_id: str) -> "provision.ModelSpec | None":
    return next((spec for spec in provision.SPECS.values()
                 if spec.kind == "zip-folder" and model_id in (spec.hub_id, spec.name)), None)


@dataclass(frozen=True)
class _GraphPlace:
    source: Path  # the verified sentence-transformers folder
    folder: Path  # where its graph is exported
    fingerprint: str  # of the source's weights


def _graph_place(cfg: EmbedConfig, models_dir: Path) -> _GraphPlace | None:
    """Where ``cfg.model``'s graph is and what it is exported from, for a provisioned, verified model; else None."""
    from ragqa import onnx_embed

    spec = _provisioned_spec(cfg.model)
    if spec is None or not provision.is_verified(spec, models_dir):
        return None
    source = provision.target_path(spec, models_dir)
    return _GraphPlace(source, onnx_embed.graph_dir(models_dir, spec.name), weights_fingerprint(str(source), cfg.model))


def onnx_graph(cfg: EmbedConfig, models_dir: Path) -> Path | None:
    """The exported graph of ``cfg.model`` (``ragqa models fetch`` makes it from the verified folder), when it is
    current for those weights and ONNX Runtime is installed; else None."""
    import importlib.util

    from ragqa import onnx_embed

    place = _graph_place(cfg, models_dir)
    if place is None or importlib.util.find_spec("onnxruntime") is None:
        return None
    return place.folder if onnx_embed.is_current(place.folder, place.fingerprint) else None


def ensure_onnx_graph(cfg: EmbedConfig, models_dir: Path, force: bool = False) -> Path:
    """Export ``cfg.model``'s verified folder to an ONNX graph unless a current one is there; return its folder.
    Needs the model provisioned (``provision.fetch``); raises ``ModelError`` with what failed."""
    from ragqa import onnx_embed

    place = _graph_place(cfg, models_dir)
    if place is None:
        raise ModelError(f"{cfg.model!r} is not a provisioned, verified model in {models_dir}: run `ragqa models fetch`")
    if not force and onnx_embed.is_current(place.folder, place.fingerprint):
        return place.folder
    try:
        return onnx_embed.export(place.source, place.folder, place.fingerprint, cfg.max_seq_length)
    except onnx_embed.ExportError as exc:
        raise ModelError(str(exc)) from exc


def backend_of(cfg: EmbedConfig, models_dir: Path) -> str:
    """How ``cfg`` embeds here: ``onnx`` (questions and passages through the exported graph, fp32), ``onnx+torch``
    (questions through the graph, passages through torch in native bf16), or ``torch``. ``auto`` takes the graph
    where it is provisioned, on the CPU, unless int8 is asked for; the precision is read from the kernel's CPU flags
    (torch is not imported to decide)."""
    if cfg.backend not in BACKENDS:
        raise ModelError(f"unknown embedding backend {cfg.backend!r}; choose one of {', '.join(BACKENDS)}")
    if cfg.backend == "torch" or cfg.device != "cpu":
        return "torch"
    if onnx_graph(cfg, models_dir) is None:
        if cfg.backend == "onnx":
            raise ModelError(f"no current ONNX graph of {cfg.model!r} in {models_dir}: run `ragqa models fetch` "
                             "(it exports one from the verified weights), or set RAGQA_EMBED_BACKEND=torch")
        return "torch"
    if cfg.backend == "onnx":
        return "onnx"
    return {"fp32": "onnx", "bf16": "onnx+torch"}.get(embed_precision(cfg, cpu.kernel_capabilities()), "torch")


@lru_cache(maxsize=4)
def load_embedder(cfg: EmbedConfig, models_dir: Path) -> Embedder:
    """The embedder for ``cfg`` (cached: loaded once per process): the exported ONNX graph where it is provisioned
    (``backend_of``), else sentence-transformers on torch, in the precision this CPU runs fastest."""
    backend = backend_of(cfg, models_dir)
    if backend == "torch":
        return load_torch_embedder(cfg, models_dir)
    from ragqa import onnx_embed

    place = _graph_place(cfg, models_dir)  # backend_of found it current
    torch_side = dataclasses.replace(cfg, dtype="bf16" if backend == "onnx+torch" else "fp32")
    graph = graph_loader(cfg, place.folder, place.source, place.fingerprint,
                         None if cfg.backend == "onnx" else lambda: load_torch_embedder(torch_side, models_dir))
    if backend == "onnx":
        return graph()
    return SplitEmbedder(cfg.model, onnx_embed.graph_dim(place.folder) or graph().dim, place.fingerprint, graph,
                         lambda: load_torch_embedder(torch_side, models_dir))


def graph_loader(cfg: EmbedConfig, folder: Path, source: Path, fingerprint: str,
                 fallback: Callable[[], Embedder] | None) -> Callable[[], Embedder]:
    """A cached loader of the graph in ``folder``. A graph that does not open (a damaged file its stamp cannot tell,
    an ONNX Runtime that cannot read it) is said so: with a ``fallback`` (``auto``) a warning, and the fallback
    (torch) embeds instead; without one (``RAGQA_EMBED_BACKEND=onnx``) a ``ModelError`` naming the fix."""
    from ragqa import onnx_embed

    @lru_cache(maxsize=1)
    def load() -> Embedder:
        try:
            with _load_lock:
                return onnx_embed.OnnxEmbedder.open(folder / onnx_embed.GRAPH, source, cfg.model, fingerprint,
                                                    cfg.batch_size, cfg.max_seq_length, cfg.query_prompt)
        except Exception as exc:  # noqa: BLE001 - whatever ONNX Runtime raises, the user gets one message
            problem = (f"the ONNX graph in {folder} could not be opened ({exc.__class__.__name__}: "
                       f"{str(exc).strip()[:200]}); delete that folder and run `ragqa models fetch` to export it again")
            if fallback is None:
                raise ModelError(f"{problem}, or set RAGQA_EMBED_BACKEND=torch") from exc
            warnings.warn(f"{problem}. Embedding through torch meanwhile.", stacklevel=2)
            return fallback()
    return load


@lru_cache(maxsize=4)
def load_torch_embedder(cfg: EmbedConfig, models_dir: Path) -> SentenceTransformerEmbedder:
    """The sentence-transformers embedder for ``cfg`` (cached), in the precision this CPU runs fastest."""
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
