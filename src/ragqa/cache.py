"""The few most recent question vectors: a question is embedded by retrieval and again by the answerer (and the
confidence model), and once is enough. Not thread-safe by itself: each embedder holds it under its own lock."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np


class QueryCache:
    def __init__(self, size: int = 256):
        self.size = size
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()

    def get(self, text: str) -> np.ndarray | None:
        vec = self._items.get(text)
        if vec is not None:
            self._items.move_to_end(text)
        return vec

    def put(self, text: str, vec: np.ndarray) -> np.ndarray:
        """Keep ``vec`` (read-only from now on: every caller shares it) as ``text``'s; the oldest goes past ``size``."""
        vec.setflags(write=False)
        self._items[text] = vec
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return vec

    def clear(self) -> None:
        self._items.clear()
