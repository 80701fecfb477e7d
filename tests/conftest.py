"""Shared fixtures: the committed mini corpus, a tiny deterministic embedder, an engine."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from ragqa.config import Config

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]
REAL_CORPUS = REPO / "corpus"


class FakeEmbedder:
    """Character-trigram hashing into 256 dims: similar texts get similar vectors.

    Deterministic, instant, no model: for unit tests of everything around the embedder.
    """

    model_id = "fake-trigram"
    dim = 256
    fingerprint = "fake-0001"

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        t = "".join(text.split())
        for i in range(max(1, len(t) - 2)):
            h = int(hashlib.md5(t[i:i + 3].encode()).hexdigest()[:8], 16)
            v[h % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_documents(self, texts, progress=False):
        return np.stack([self._vec(t) for t in texts]) if len(texts) else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text):
        return self._vec(text)


@pytest.fixture
def fake_embedder():
    return FakeEmbedder()


@pytest.fixture
def mini_corpus(tmp_path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(DATA / "mini", dest)
    return dest


def make_config(corpus: Path, index: Path, **stages) -> Config:
    cfg = Config.from_env({})
    cfg = cfg.replace(paths={"corpus_dir": corpus, "index_dir": index, "models_dir": index.parent / "models"},
                      embed={"model": "fake-trigram"}, **stages)
    return cfg


@pytest.fixture
def engine(mini_corpus, tmp_path, fake_embedder):
    from ragqa.engine import Engine

    eng = Engine(make_config(mini_corpus, tmp_path / "index"))
    eng._embedder = fake_embedder
    eng.build(progress=False)
    return eng
