"""Dense vectors in FAISS: inner product over normalized embeddings (= cosine).

``flat`` (exact, ``IndexIDMap2`` over ``IndexFlatIP``) is the default; ``hnsw`` is for
large corpora. The vectors themselves are also kept as a plain ``.npy`` file, so any index
type can be rebuilt (and an incremental update never needs ``remove_ids`` support).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # faiss is imported where it is used: reading an index pointer needs none of it
    import faiss

FAISS_TYPES = ("flat", "hnsw")


def vector_id(chunk_id: str) -> int:
    """FAISS id of a chunk: the first 60 bits of its content hash."""
    return int(chunk_id[:15], 16)


def build(vectors: np.ndarray, ids: np.ndarray, kind: str = "flat") -> faiss.Index:
    if kind not in FAISS_TYPES:
        raise ValueError(f"unknown FAISS index type {kind!r}; choose one of {sorted(FAISS_TYPES)}")
    import faiss

    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[0] else 1
    base = faiss.IndexFlatIP(dim) if kind == "flat" else faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    index = faiss.IndexIDMap2(base)
    if len(ids):
        index.add_with_ids(np.ascontiguousarray(vectors, np.float32), ids.astype(np.int64))
    return index


def search(index: faiss.Index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(scores, ids) of the ``k`` nearest vectors (ids -1 where fewer exist; none from an empty index, whose
    dimension is a placeholder)."""
    if index.ntotal == 0:
        return np.zeros(0, np.float32), np.zeros(0, np.int64)
    k = max(1, min(k, index.ntotal))
    scores, ids = index.search(np.ascontiguousarray(query.reshape(1, -1), np.float32), k)
    return scores[0], ids[0]


def save(index: faiss.Index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def load(path: Path) -> faiss.Index:
    import faiss

    return faiss.read_index(str(path))
