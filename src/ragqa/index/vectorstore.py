"""Where passages are searched: FAISS in the index folder (default) or a Milvus collection.

The index folder stays the record of a build (chunks, offsets, sentence vectors, BM25 statistics,
the manifest). A vector store only answers the two searches hybrid retrieval fuses: the nearest
passages by embedding and the best passages by BM25. Both stores hold the same two things per
passage, under the same id (:func:`ragqa.index.dense.vector_id` of its chunk id): the dense vector
and the BM25 weights, so the ranking does not depend on where it was computed.

``StoreConfig.uri`` picks the store (``RAGQA_STORE``):

- ``faiss`` — the FAISS index and the in-process BM25 matrix of the build (nothing to sync);
- ``milvus://PATH.db`` — Milvus Lite, the embedded engine, in one file;
- ``http(s)://host:19530`` — a Milvus Standalone or Distributed server.

A store that lives outside the build folder is synced by ``ragqa index`` in two phases around the
build's atomic switch (:func:`stage` before, :func:`finish` after), so a crash at any point leaves
the previous build searchable.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Protocol, Sequence

import numpy as np

from ragqa.config import StoreConfig
from ragqa.index import dense
from ragqa.index.store import IndexUnavailable

if TYPE_CHECKING:
    from ragqa.index.sparse import BM25
    from ragqa.index.store import IndexData
    from ragqa.types import Chunk

STORE_FORMAT = 1  # what a synced store holds; a store of another format is written anew
# Scores equal to this many decimals are ties, broken by row (a build's order), the same way in every
# store: FAISS, Milvus and scipy sum the same float32 weights in different orders (seen: 3.9682560 vs
# 3.9682562), and each engine breaks exact ties its own way. TIE_MARGIN more results than asked are
# fetched so that a tie straddling the cut is broken by row too.
TIE_DECIMALS = 5
TIE_MARGIN = 8


def ranked(pairs: Sequence[tuple[int, float]], n: int) -> list[tuple[int, float]]:
    """(row, score) pairs best first, ties broken by row, the first ``n``."""
    return sorted(pairs, key=lambda p: (-round(p[1], TIE_DECIMALS), p[0]))[:n]


class VectorStore(Protocol):
    """The searches of one loaded build: rows of ``IndexData.chunks`` with their scores, best first."""

    def dense(self, query: np.ndarray, n: int) -> list[tuple[int, float]]:
        """The ``n`` passages nearest to a query embedding (inner product of normalized vectors)."""

    def sparse(self, terms: Sequence[str], n: int) -> list[tuple[int, float]]:
        """The ``n`` best passages by BM25 over the query's Kiwi terms (score > 0 only)."""


@dataclass
class SyncReport:
    """What a sync did to a store outside the build folder."""

    store: str = ""
    written_docs: int = 0
    written_rows: int = 0
    deleted_docs: int = 0
    recreated: bool = False  # the store held another model, chunker or format, and was emptied
    reweighted: bool = False  # the corpus's average passage length moved: every BM25 row rewritten
    seconds: float = 0.0
    touched: list[str] = field(default_factory=list, repr=False)  # documents stored before and rewritten

    def __str__(self) -> str:
        what = (f"wrote {self.written_rows} rows of {self.written_docs} documents, "
                f"deleted {self.deleted_docs} documents")
        notes = [n for n, on in (("emptied first: other settings", self.recreated),
                                 ("BM25 rewritten: average length moved", self.reweighted)) if on]
        return f"{self.store}: {what}{' (' + '; '.join(notes) + ')' if notes else ''} in {self.seconds:.1f} s"


@dataclass(frozen=True)
class Rows:
    """One build's passages as a store holds them, grouped by document."""

    ids: np.ndarray  # int64 vector ids, one per chunk
    doc_ids: tuple[str, ...]
    vectors: np.ndarray  # (n, dim) float32, normalized
    bm25: BM25
    settings: dict  # what must match for stored rows to be reused (model, chunker, BM25 parameters)
    signatures: dict[str, str] = field(default_factory=dict)  # doc id -> digest of its rows' ids and contexts
    by_doc: dict[str, np.ndarray] = field(default_factory=dict)  # doc id -> its rows, in build order

    @classmethod
    def of(cls, chunks: Sequence[Chunk], vectors: np.ndarray, bm25: BM25, manifest: dict) -> "Rows":
        ids = np.asarray([dense.vector_id(c.chunk_id) for c in chunks], np.int64)
        per_doc: dict[str, hashlib._Hash] = {}
        rows: dict[str, list[int]] = {}
        for r, c in enumerate(chunks):  # the chunk id fixes the text; the context (title, section) is embedded too
            per_doc.setdefault(c.doc_id, hashlib.sha256()).update(f"{c.chunk_id}\x1f{c.context}\x1e".encode())
            rows.setdefault(c.doc_id, []).append(r)
        settings = {"format": STORE_FORMAT, "embedding": {k: manifest["embedding"].get(k)
                                                          for k in ("model", "dim", "fingerprint")},
                    "chunker": manifest.get("chunker"), "bm25": {"k1": bm25.k1, "b": bm25.b}}
        return cls(ids, tuple(c.doc_id for c in chunks), np.asarray(vectors, np.float32), bm25, settings,
                   {d: h.hexdigest()[:32] for d, h in per_doc.items()},
                   {d: np.asarray(r, np.int64) for d, r in rows.items()})

    @classmethod
    def of_index(cls, index: IndexData) -> "Rows":
        return cls.of(index.chunks, index.vectors, index.bm25, index.manifest)

    def rows_of(self, doc_id: str) -> np.ndarray:
        return self.by_doc.get(doc_id, np.zeros(0, np.int64))


def sparse_vector(pairs: Iterable[tuple[int, float]]) -> dict[int, float]:
    """(dimension, weight) pairs as a Milvus sparse vector: weights of terms sharing a dimension summed."""
    out: dict[int, float] = {}
    for d, w in pairs:
        out[int(d)] = out.get(int(d), 0.0) + float(w)
    return out


def row_vector(weights, r: int, dims: np.ndarray) -> dict[int, float]:
    """Row ``r`` of a BM25 weight matrix (csr, vocabulary columns) over the terms' ``dims``. A passage with
    no term gets one zero weight: Milvus refuses an empty vector, and a zero matches nothing."""
    start, end = weights.indptr[r], weights.indptr[r + 1]
    return sparse_vector(zip(dims[weights.indices[start:end]], weights.data[start:end])) or {0: 0.0}


def term_dimension(term: str) -> int:
    """The sparse-vector dimension of a BM25 term: 32 bits of its hash, stable across builds.

    A store keeps sparse vectors from many builds side by side (incremental updates), so the
    dimension cannot be a build's vocabulary position. Two of ~20,000 terms share a dimension
    with probability ~5% (birthday bound over 2^32 - 1); a shared dimension only adds one term's
    weight to the other's matches.
    """
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=4).digest(), "little") % (2**32 - 1)


class FaissStore:
    """The build's own FAISS index and BM25 matrix (the default: embedded, nothing to sync)."""

    def __init__(self, index: IndexData):
        self.index = index

    def dense(self, query: np.ndarray, n: int) -> list[tuple[int, float]]:
        scores, ids = dense.search(self.index.faiss_index, query, n + TIE_MARGIN)
        rows = [(self.index.by_vector_id.get(int(i)), float(s)) for s, i in zip(scores, ids) if i >= 0]
        return ranked([(r, s) for r, s in rows if r is not None], n)

    def sparse(self, terms: Sequence[str], n: int) -> list[tuple[int, float]]:
        return ranked(self.index.bm25.search(terms, n + TIE_MARGIN), n)


class SyncedStore(Protocol):
    """A store outside the build folder: searched like any store, synced by ``ragqa index``."""

    name: str

    def searcher(self, index: IndexData) -> VectorStore:
        """Search ``index`` through this store; IndexUnavailable when the store does not hold it."""

    def covers(self, rows: Rows) -> bool:
        """Every document of ``rows`` is stored with exactly these rows and settings."""

    def stage(self, rows: Rows, progress: bool = True) -> SyncReport:
        """Write what ``rows`` needs and the store lacks; rows of other builds stay (phase 1)."""

    def finish(self, rows: Rows, report: SyncReport) -> SyncReport:
        """Delete what ``rows`` does not hold (phase 2, after the build is live)."""


class StoreSettingError(IndexUnavailable, ValueError):
    """``RAGQA_STORE`` names no store ragqa can open: the message says what it accepts. An IndexUnavailable,
    so the CLI and the UI say it in a line (no traceback)."""


def _milvus(cfg: StoreConfig) -> SyncedStore:
    from ragqa.index.milvus import MilvusStore

    return MilvusStore.connect(cfg)


# scheme of StoreConfig.uri -> factory of the synced store ("faiss" needs none)
SYNCED: dict[str, Callable[[StoreConfig], SyncedStore]] = {"milvus": _milvus, "http": _milvus, "https": _milvus}


def scheme(uri: str) -> str:
    """``faiss``, ``milvus`` (a local ``.db`` file) or ``http``/``https`` (a server)."""
    uri = uri.strip()
    if uri in ("", "faiss"):
        return "faiss"
    if "://" in uri:
        return uri.split("://", 1)[0].lower()
    return "milvus" if uri.endswith(".db") else uri


def synced(cfg: StoreConfig) -> SyncedStore | None:
    """The store to sync for ``cfg``, or None for FAISS (the build folder is the store)."""
    kind = scheme(cfg.uri)
    if kind == "faiss":
        return None
    if kind not in SYNCED:
        raise StoreSettingError(f"unknown vector store {cfg.uri!r}; use faiss, milvus://PATH.db or "
                         f"http://host:19530 (schemes: {sorted(['faiss', *SYNCED])})")
    return SYNCED[kind](cfg)


def open_store(cfg: StoreConfig, index: IndexData) -> VectorStore:
    """The searches for a loaded build, from the configured store."""
    target = synced(cfg)
    return FaissStore(index) if target is None else target.searcher(index)


def settings_json(settings: dict) -> str:
    return json.dumps(settings, sort_keys=True, ensure_ascii=False)
