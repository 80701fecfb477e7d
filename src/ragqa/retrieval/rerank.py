"""Optional cross-encoder reranking (sentence-transformers ``CrossEncoder``).

Off by default here: no reranker can be provisioned on a machine without a model hub.
Any CrossEncoder model id or folder works where one is available.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Sequence

from ragqa.models import ModelError


@lru_cache(maxsize=2)
def load_reranker(model: str):
    from sentence_transformers import CrossEncoder

    try:
        return CrossEncoder(model, device="cpu")
    except OSError as exc:
        raise ModelError(f"cannot load reranker {model!r}: {exc}. Set RAGQA_RERANKER to a local CrossEncoder "
                         "folder, or leave it empty to rank without reranking.") from exc


_lock = threading.Lock()


def rerank_scores(model: str, query: str, passages: Sequence[str]) -> list[float]:
    if not passages:
        return []
    encoder = load_reranker(model)
    with _lock:
        scores = encoder.predict([(query, p) for p in passages], convert_to_numpy=True)
    return [float(s) for s in scores]
