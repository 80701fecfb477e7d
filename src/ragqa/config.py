"""Configuration: one frozen dataclass per stage, combined into :class:`Config`.

Defaults work out of the box; environment variables (``RAGQA_*``) override them, and CLI
flags override both (the CLI calls :meth:`Config.replace`).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_EMBED_MODEL = "google/embeddinggemma-300m"
RETRIEVAL_MODES = ("hybrid", "dense", "bm25")  # the one list: CLI choices, UI radio, retriever check


@dataclass(frozen=True)
class Paths:
    home: Path = Path(".")
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    models_dir: Path = Path("models")


@dataclass(frozen=True)
class ChunkConfig:
    max_chars: int = 500  # budget for a chunk's cleaned text
    overlap_sentences: int = 1  # sentences repeated at the start of the next chunk
    min_chars: int = 80  # a trailing chunk shorter than this joins its predecessor when it fits


@dataclass(frozen=True)
class EmbedConfig:
    model: str = DEFAULT_EMBED_MODEL
    # auto | fp32 | bf16 | int8. auto = bf16 where the CPU computes it natively (AVX512_BF16, AMX,
    # Arm bf16), else dtype_without_bf16: emulated bf16 is ~7x slower than fp32 (see ragqa.cpu)
    dtype: str = "auto"
    dtype_without_bf16: str = "fp32"  # set by measurement on an AVX2-only CPU (README, `make bench`)
    # texts per forward pass. On 2 AVX2 cores (fp32) batches of 1-4 ran 2.07 passages/s, 16 ran 1.31 and
    # 32 ran 0.90: padding and cache misses grow with the batch (bench/precision.py, README)
    batch_size: int = 4
    max_seq_length: int = 512


@dataclass(frozen=True)
class RetrievalConfig:
    mode: str = "hybrid"  # hybrid | dense | bm25
    k: int = 5
    candidates: int = 40  # per retriever, before fusion
    fusion: str = "rrf"  # rrf | score (min-max normalized scores, weighted sum)
    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    bm25_weight_english: float = 0.0  # share of bm25_weight for a question in English
    faiss_index: str = "flat"  # flat | hnsw
    reranker: str = ""  # a CrossEncoder model id or folder; empty = off
    focus_weight: float = 0.3  # sentence-focus rerank of the fused top candidates (0 = off)
    # the focus bonus is scaled by (dense score / best dense score) ** this: a passage that merely
    # repeats two of the question's words cannot climb over a semantically much closer one
    focus_dense_gamma: float = 2.0
    diversity: bool = True
    bridge: bool = True  # second retrieval step for bridge questions
    exclude_kinds: tuple[str, ...] = ("boilerplate", "references")


@dataclass(frozen=True)
class AnswerConfig:
    backend: str = "extractive"  # extractive | llamacpp | openai
    llm_path: str = ""  # GGUF file; default: the provisioned Qwen2.5-Coder-1.5B
    openai_base_url: str = ""
    openai_model: str = ""
    openai_api_key: str = ""
    timeout_s: float = 120.0
    max_tokens: int = 384
    temperature: float = 0.0
    max_sentences: int = 3
    fallback: bool = True  # answer extractively (and say so) when the LLM is down


@dataclass(frozen=True)
class Config:
    paths: Paths = field(default_factory=Paths)
    chunk: ChunkConfig = field(default_factory=ChunkConfig)
    embed: EmbedConfig = field(default_factory=EmbedConfig)
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    answer: AnswerConfig = field(default_factory=AnswerConfig)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Config":
        env = dict(os.environ if env is None else env)
        home = Path(env.get("RAGQA_HOME", "."))
        paths = Paths(
            home=home,
            corpus_dir=Path(env.get("RAGQA_CORPUS", home / "corpus")),
            index_dir=Path(env.get("RAGQA_INDEX", home / "index")),
            models_dir=Path(env.get("RAGQA_MODELS", home / "models")),
        )
        embed = EmbedConfig(
            model=env.get("RAGQA_EMBED_MODEL", EmbedConfig.model),
            dtype=env.get("RAGQA_EMBED_DTYPE", EmbedConfig.dtype),
        )
        retrieval = RetrievalConfig(
            mode=env.get("RAGQA_MODE", RetrievalConfig.mode),
            reranker=env.get("RAGQA_RERANKER", ""),
            faiss_index=env.get("RAGQA_FAISS_INDEX", RetrievalConfig.faiss_index),
        )
        backend = env.get("RAGQA_BACKEND") or ("openai" if env.get("RAGQA_OPENAI_BASE_URL") else "extractive")
        answer = AnswerConfig(
            backend=backend,
            llm_path=env.get("RAGQA_LLM_PATH", ""),
            openai_base_url=env.get("RAGQA_OPENAI_BASE_URL", env.get("OPENAI_BASE_URL", "")),
            openai_model=env.get("RAGQA_OPENAI_MODEL", env.get("OPENAI_MODEL", "")),
            openai_api_key=env.get("RAGQA_OPENAI_API_KEY", env.get("OPENAI_API_KEY", "")),
            timeout_s=float(env.get("RAGQA_LLM_TIMEOUT", AnswerConfig.timeout_s)),
        )
        return cls(paths=paths, embed=embed, retrieval=retrieval, answer=answer)

    def replace(self, **stages: dict) -> "Config":
        """``cfg.replace(retrieval={"k": 8})``: a copy with some fields of some stages changed."""
        changed = {name: dataclasses.replace(getattr(self, name), **fields) for name, fields in stages.items()
                   if fields}
        return dataclasses.replace(self, **changed)
