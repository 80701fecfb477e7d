"""Milvus as the vector store: Milvus Lite embedded in a file, or a Standalone/Distributed server.

One collection holds a row per passage: ``id`` (the chunk's vector id), ``doc_id``, ``dense`` (the
embedding, inner product) and ``sparse`` (BM25 weights computed here from Kiwi terms: Milvus's own
analyzers have no Korean, and client-side weights need none). Its companion ``<collection>_meta``
records what the rows are: the settings they were made with and, per document, a signature of its
rows. A document counts as stored only after all its rows were written, so an interrupted sync
leaves every earlier build searchable; the next ``ragqa index`` finishes the job.

Searches run with Strong consistency (a server defaults to Bounded, which can miss rows inserted a
moment before) and return rows of the loaded build; fusion and re-ranking stay in
:class:`ragqa.retrieval.hybrid.HybridRetriever`, identical for every store.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

import numpy as np
from tqdm import tqdm

from ragqa.config import StoreConfig
from ragqa.index.store import IndexUnavailable
from ragqa.index.vectorstore import (TIE_MARGIN, Rows, StoreSettingError, SyncReport, ranked, row_vector,
                                    settings_json, sparse_vector, term_dimension)

if TYPE_CHECKING:
    from ragqa.index.store import IndexData

INSTALL_HINT = "pip install 'ragqa[milvus]' (pymilvus, milvus-lite)"
STRONG = "Strong"
_FILTER_CHUNK = 200  # ids or doc ids per delete expression


def _pymilvus():
    try:
        with warnings.catch_warnings():  # milvus-lite 2.5 imports pkg_resources, which warns on import
            warnings.simplefilter("ignore")
            import pymilvus
        return pymilvus
    except ImportError as exc:
        raise IndexUnavailable(f"the Milvus store needs pymilvus: {INSTALL_HINT}") from exc


def client_args(cfg: StoreConfig) -> tuple[str, str]:
    """(uri, token) for ``MilvusClient``: a ``milvus://PATH.db`` becomes the Lite file's path."""
    uri = cfg.uri.strip()
    if uri.startswith("milvus://"):
        uri = uri[len("milvus://"):]
    if "://" not in uri:
        path = Path(uri).expanduser()
        if path.suffix != ".db":
            raise StoreSettingError(f"a Milvus Lite store is a file ending in .db, not {cfg.uri!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        return str(path.resolve()), ""
    return uri, cfg.token


_CLIENTS: dict[tuple[str, str], object] = {}
_CLIENTS_LOCK = threading.Lock()


def _client(uri: str, token: str):
    """One client per store and process (Milvus Lite starts its engine once per file)."""
    with _CLIENTS_LOCK:
        if (uri, token) not in _CLIENTS:
            _CLIENTS[(uri, token)] = _connect(uri, token)
        return _CLIENTS[(uri, token)]


def _connect(uri: str, token: str):
    pymilvus = _pymilvus()
    logging.getLogger("pymilvus").setLevel(logging.ERROR)  # its iterator warns on every Lite query
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pymilvus.MilvusClient(uri=uri, token=token) if token else pymilvus.MilvusClient(uri)
    except Exception as exc:  # an unreachable server, a locked or unreadable Lite file
        raise IndexUnavailable(f"cannot open the Milvus store {uri} ({exc.__class__.__name__}: {exc}). "
                               "Check RAGQA_STORE (and RAGQA_MILVUS_TOKEN for a server).") from exc


def close_all() -> None:
    """Close every client this process opened (Milvus Lite stops the engine of a file with its last client)."""
    clients = [c for c in _CLIENTS.values()]
    _CLIENTS.clear()
    for c in clients:
        try:
            c.close()
        except Exception:  # already closed or its server gone: nothing left to release
            pass


class MilvusStore:
    """The rows of one collection, and its sync state."""

    def __init__(self, client, cfg: StoreConfig):
        self.client = client
        self.cfg = cfg
        self.collection = cfg.collection
        self.meta = f"{cfg.collection}_meta"
        self.name = f"{cfg.uri} (collection {cfg.collection})"

    @classmethod
    def connect(cls, cfg: StoreConfig) -> "MilvusStore":
        return cls(_client(*client_args(cfg)), cfg)

    # -- state ---------------------------------------------------------------------------------------
    def settings(self) -> dict | None:
        """The settings the stored rows were made with (None: nothing stored yet)."""
        if not self.client.has_collection(self.meta):
            return None
        got = self.client.get(self.meta, ids=["settings"], output_fields=["value"])
        return json.loads(got[0]["value"]) if got else None

    def documents(self) -> dict[str, str]:
        """Stored documents: doc id -> signature of their rows."""
        if not self.client.has_collection(self.meta):
            return {}
        return {r["key"][4:]: r["value"] for r in self._scan(self.meta, 'key like "doc:%"', ["key", "value"])}

    def _scan(self, collection: str, expr: str, fields: list[str]) -> Iterator[dict]:
        it = self.client.query_iterator(collection, batch_size=1000, filter=expr, output_fields=fields,
                                        consistency_level=STRONG)
        try:
            while batch := it.next():
                yield from batch
        finally:
            it.close()

    def _same_rows(self, stored: dict | None, rows: Rows) -> bool:
        """Rows made with these settings, under the configured dense index (another one: written anew)."""
        return stored is not None and stored.get("dense_index") == self.cfg.dense_index and \
            {k: stored.get(k) for k in rows.settings} == json.loads(settings_json(rows.settings))

    def _avgdl_ok(self, stored: dict | None, rows: Rows) -> bool:
        avg = (stored or {}).get("avgdl")
        return avg is not None and abs(rows.bm25.avgdl - avg) <= self.cfg.avgdl_tolerance * max(avg, 1e-6)

    def covers(self, rows: Rows) -> bool:
        stored = self.settings()
        if not (self._same_rows(stored, rows) and self._avgdl_ok(stored, rows)):
            return False
        docs = self.documents()
        return all(docs.get(d) == sig for d, sig in rows.signatures.items())

    # -- writing -------------------------------------------------------------------------------------
    def create(self, dim: int) -> None:
        """An empty collection for ``dim``-dimensional vectors, and its companion."""
        pymilvus = _pymilvus()
        dt = pymilvus.DataType
        schema = self.client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", dt.INT64, is_primary=True)
        schema.add_field("doc_id", dt.VARCHAR, max_length=128)
        schema.add_field("dense", dt.FLOAT_VECTOR, dim=dim)
        schema.add_field("sparse", dt.SPARSE_FLOAT_VECTOR)
        params = self.client.prepare_index_params()
        params.add_index("dense", index_type=self.cfg.dense_index, metric_type="IP")
        # exact: drop_ratio 0 keeps every weight (the inverted index prunes nothing)
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP",
                         params={"drop_ratio_build": 0.0})
        self.client.create_collection(self.collection, schema=schema, index_params=params, consistency_level=STRONG)
        meta = self.client.create_schema(auto_id=False, enable_dynamic_field=False)
        meta.add_field("key", dt.VARCHAR, is_primary=True, max_length=512)
        meta.add_field("value", dt.VARCHAR, max_length=65535)
        meta.add_field("v", dt.FLOAT_VECTOR, dim=2)  # Milvus needs a vector field in every collection
        mparams = self.client.prepare_index_params()
        mparams.add_index("v", index_type="FLAT", metric_type="L2")
        self.client.create_collection(self.meta, schema=meta, index_params=mparams, consistency_level=STRONG)

    def _put_meta(self, items: dict[str, str]) -> None:
        if items:
            self.client.upsert(self.meta, [{"key": k, "value": v, "v": [0.0, 0.0]} for k, v in items.items()])

    def stage(self, rows: Rows, progress: bool = True) -> SyncReport:
        t0 = time.perf_counter()
        report = SyncReport(store=self.name)
        stored = self.settings()
        if stored is not None and not self._same_rows(stored, rows):
            self.drop()
            stored, report.recreated = None, True
        if not self.client.has_collection(self.collection) or not self.client.has_collection(self.meta):
            self.drop()
            self.create(int(rows.vectors.shape[1]) if rows.vectors.ndim == 2 else 1)
        docs = self.documents()
        if self._avgdl_ok(stored, rows):
            avgdl = float(stored["avgdl"])  # keep the weights every stored row was made with
            todo = [d for d, sig in rows.signatures.items() if docs.get(d) != sig]
        else:
            avgdl = rows.bm25.avgdl
            report.reweighted = bool(docs)
            todo = list(rows.signatures)
        self._write(rows, todo, avgdl, progress)
        self._put_meta({"settings": settings_json({**rows.settings, "avgdl": avgdl,
                                                   "dense_index": self.cfg.dense_index})})
        report.written_docs = len(todo)
        report.written_rows = int(sum(len(rows.rows_of(d)) for d in todo))
        report.touched = [d for d in todo if d in docs]  # stored before: their old rows are pruned in finish
        report.seconds = time.perf_counter() - t0
        return report

    def _write(self, rows: Rows, doc_ids: list[str], avgdl: float, progress: bool) -> None:
        """Upsert the rows of ``doc_ids``; a document is marked stored once all its rows are in."""
        if not doc_ids:
            return
        weights = rows.bm25.doc_weights(avgdl)
        terms = sorted(rows.bm25.vocab, key=rows.bm25.vocab.get)
        dims = np.asarray([term_dimension(t) for t in terms], np.int64)
        by_doc = {d: rows.rows_of(d) for d in doc_ids}
        order = np.concatenate(list(by_doc.values())) if by_doc else np.zeros(0, np.int64)
        ends = np.cumsum([len(r) for r in by_doc.values()])  # where each document's rows end in ``order``
        done = 0  # documents whose rows are all written
        batch = max(1, self.cfg.batch_rows)
        with tqdm(total=len(order), desc="milvus", unit="row", file=sys.stderr, disable=not progress) as bar:
            for s in range(0, len(order), batch):
                chunk = order[s:s + batch]
                self.client.upsert(self.collection, [
                    {"id": int(rows.ids[r]), "doc_id": rows.doc_ids[r], "dense": rows.vectors[r],
                     "sparse": row_vector(weights, int(r), dims)} for r in chunk])
                bar.update(len(chunk))
                finished = int(np.searchsorted(ends, s + len(chunk), side="right"))
                self._put_meta({f"doc:{d}": rows.signatures[d] for d in list(by_doc)[done:finished]})
                done = finished

    def finish(self, rows: Rows, report: SyncReport) -> SyncReport:
        t0 = time.perf_counter()
        gone = [d for d in self.documents() if d not in rows.signatures]
        for s in range(0, len(gone), _FILTER_CHUNK):
            part = gone[s:s + _FILTER_CHUNK]
            self.client.delete(self.collection, filter=f"doc_id in {json.dumps(part)}")
            self.client.delete(self.meta, ids=[f"doc:{d}" for d in part])
        for d in report.touched:  # a rewritten document's rows that its new version lacks
            keep = [int(i) for i in rows.ids[rows.rows_of(d)]]
            self.client.delete(self.collection, filter=f"doc_id == {json.dumps(d)} and id not in {keep}")
        report.deleted_docs = len(gone)
        report.seconds += time.perf_counter() - t0
        return report

    def drop(self) -> None:
        for name in (self.collection, self.meta):
            if self.client.has_collection(name):
                self.client.drop_collection(name)

    def count(self) -> int:
        res = self.client.query(self.collection, filter="", output_fields=["count(*)"], consistency_level=STRONG)
        return int(res[0]["count(*)"])

    # -- searching -----------------------------------------------------------------------------------
    def searcher(self, index: IndexData) -> "MilvusSearcher":
        rows = Rows.of_index(index)
        if not self.covers(rows):
            raise IndexUnavailable(f"the Milvus store {self.name} does not hold the index in {index.path} "
                                   "(another build, other settings, or an interrupted sync). "
                                   "Run `ragqa index` to sync it.")
        self.client.load_collection(self.collection)
        return MilvusSearcher(self, index)


MAX_LIMIT = 16384  # Milvus's largest top-k


def search_dense(client, collection: str, query: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """(id, inner product) of the ``limit`` rows nearest to one query vector, best first."""
    hits = client.search(collection, data=[np.asarray(query, np.float32).ravel()], anns_field="dense",
                         limit=max(1, min(limit, MAX_LIMIT)), search_params={"metric_type": "IP"},
                         consistency_level=STRONG)
    return [(int(h["id"]), float(h["distance"])) for h in hits[0]]


def search_sparse(client, collection: str, query: dict[int, float], limit: int) -> list[tuple[int, float]]:
    """(id, inner product) of the ``limit`` best rows for sparse query weights (dimension -> weight)."""
    hits = client.search(collection, data=[query], anns_field="sparse", limit=max(1, min(limit, MAX_LIMIT)),
                         search_params={"metric_type": "IP", "params": {"drop_ratio_search": 0.0}},
                         consistency_level=STRONG)
    return [(int(h["id"]), float(h["distance"])) for h in hits[0]]


class MilvusSearcher:
    """Dense and BM25 search of one loaded build through a Milvus collection."""

    def __init__(self, store: MilvusStore, index: IndexData):
        self.store = store
        self.index = index

    def _rows(self, hits: list[tuple[int, float]], n: int) -> list[tuple[int, float]]:
        by_id = self.index.by_vector_id
        out = [(by_id.get(i), s) for i, s in hits]
        # rows of another build (an interrupted sync) are not this build's: dropped
        return ranked([(r, s) for r, s in out if r is not None], n)

    def dense(self, query: np.ndarray, n: int) -> list[tuple[int, float]]:
        return self._rows(search_dense(self.store.client, self.store.collection, query, n + TIE_MARGIN), n)

    def sparse(self, terms: Sequence[str], n: int) -> list[tuple[int, float]]:
        query = sparse_vector((term_dimension(t), w) for t, w in self.index.bm25.query_weights(terms).items())
        if not query:
            return []
        hits = search_sparse(self.store.client, self.store.collection, query, n + TIE_MARGIN)
        return [(r, s) for r, s in self._rows(hits, n) if s > 0]
