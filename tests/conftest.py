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
    precision = "fp32"

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
                      embed={"model": "fake-trigram"},
                      extractive={"abstention_model": str(Path(__file__).parent / "data" / "abstention_unit.json")},
                      **stages)
    return cfg


def one_document_engine(tmp_path: Path, embedder, name: str, text: str):
    """An engine over a corpus of one document ``name`` holding ``text``, indexed with ``embedder``."""
    from ragqa.engine import Engine

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    eng = Engine(make_config(corpus, tmp_path / "index"), embedder=embedder)
    eng.build(progress=False)
    return eng


@pytest.fixture
def engine(mini_corpus, tmp_path, fake_embedder):
    from ragqa.engine import Engine

    eng = Engine(make_config(mini_corpus, tmp_path / "index"), embedder=fake_embedder)
    eng.build(progress=False)
    return eng


# -- served apps: one way to pick a port, start a server and wait for it ------------------------------
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, proc, timeout: float = 180.0, log: Path | None = None) -> None:
    """Until ``url`` answers; fails with the server's log when the process exits or time runs out."""
    import time
    import urllib.request

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited: {log.read_text() if log else proc.returncode}")
            time.sleep(1)
    proc.kill()
    raise RuntimeError(f"{url} did not answer in {timeout:.0f} s")


def real_env(home: Path, **extra: str) -> dict:
    """The environment of a ragqa process on ``home``'s corpus and index, with the provisioned models."""
    import os

    return dict(os.environ, RAGQA_HOME=str(home), RAGQA_CORPUS=str(home / "corpus"),
                RAGQA_INDEX=str(home / "index"), RAGQA_MODELS=str(REPO / "models"), RAGQA_SERVER="off", **extra)


class ServedApp:
    """``app.py`` serving a corpus on a free loopback port (real models); stopped by ``close``."""

    def __init__(self, home: Path, ready_timeout: float = 180.0):
        import subprocess
        import sys

        self.home, self.env = home, real_env(home)
        subprocess.run([sys.executable, "-m", "ragqa.cli", "index", "--quiet"], env=self.env, check=True, cwd=home)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = home / "app.log"
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen([sys.executable, str(REPO / "app.py"), "--port", str(self.port)],
                                         env=self.env, cwd=home, stdout=log, stderr=subprocess.STDOUT)
        wait_for_http(self.url, self.proc, ready_timeout, self.log)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="session")
def served_mini(tmp_path_factory):
    """The committed mini corpus served by ``app.py`` (shared, read-only: tests must not change it)."""
    home = tmp_path_factory.mktemp("served-mini")
    shutil.copytree(DATA / "mini", home / "corpus")
    app = ServedApp(home)
    yield app
    app.close()


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF made of ``objects`` (object 1 the catalog), with a correct xref table: tests write their PDFs."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def one_page_pdf(stream: bytes, width: int = 300, height: int = 100) -> bytes:
    """A one-page PDF drawing ``stream`` (content operators; font /F1 is Helvetica)."""
    return pdf_file([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
                     b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 %d %d]/Contents 4 0 R" % (width, height) +
                     b"/Resources<</Font<</F1 5 0 R>>>>>>",
                     b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
                     b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"])
