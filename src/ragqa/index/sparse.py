"""BM25 (Okapi) over Kiwi morpheme terms, as plain sparse matrices (no pickle).

The term lists are produced by :func:`ragqa.korean.terms` at index time; this module only
sees lists of strings, so it is tested with any tokenizer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy import sparse


@dataclass
class BM25:
    vocab: dict[str, int]
    tf: sparse.csr_matrix  # (n_chunks, n_terms) term counts
    # Okapi's textbook saturation and length normalisation, saved with the index. Measured on the tuning split and
    # allganize-dev's fit half (eval/measure_bm25.py, eval/bm25_fit.json, 2026-12-04, fp32): they tie for the best
    # retrieval of a 5 x 5 grid (objective 0.9324, with k1 0.6 / 0.9 and b 0.9 / 1); b 0.5 or less loses 0.002-0.02
    k1: float = 1.2
    b: float = 0.75
    _terms_by_id: dict[int, str] | None = field(default=None, init=False, repr=False)  # built on first terms_of

    def __post_init__(self) -> None:
        n = self.tf.shape[0]
        self.lengths = np.asarray(self.tf.sum(axis=1)).ravel().astype(np.float32)
        self.avgdl = float(self.lengths.mean()) if n else 1.0
        df = np.bincount(self.tf.indices, minlength=len(self.vocab)).astype(np.float32)
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        saturated = self.doc_weights()
        data = saturated.data * self.idf[saturated.indices]
        # column-major: scoring a query sums a few term columns
        self.weights = sparse.csr_matrix((data, saturated.indices, saturated.indptr), shape=saturated.shape).tocsc()

    def doc_weights(self, avgdl: float | None = None) -> sparse.csr_matrix:
        """Each chunk's saturated, length-normalised term frequencies: BM25 without the idf.

        BM25 is then an inner product: ``score(q, d) = sum_t query_weights(q)[t] * doc_weights[d, t]``,
        which lets a vector store that knows only sparse inner products rank exactly as :meth:`scores`.
        ``avgdl`` defaults to this corpus's average chunk length.
        """
        avg = self.avgdl if avgdl is None else avgdl
        tf = self.tf.tocsr().astype(np.float32)
        denom_row = self.k1 * (1 - self.b + self.b * self.lengths / max(avg, 1e-6))
        rows = np.repeat(np.arange(tf.shape[0]), np.diff(tf.indptr))
        data = tf.data * (self.k1 + 1) / (tf.data + denom_row[rows])
        return sparse.csr_matrix((data.astype(np.float32), tf.indices, tf.indptr), shape=tf.shape)

    def query_weights(self, query_terms: Sequence[str]) -> dict[str, float]:
        """The query side of :meth:`doc_weights`: each known term's idf times its count in the query."""
        out: dict[str, float] = {}
        for t in query_terms:
            if t in self.vocab:
                out[t] = out.get(t, 0.0) + float(self.idf[self.vocab[t]])
        return out

    @classmethod
    def from_terms(cls, docs: Sequence[Sequence[str]], **params: float) -> "BM25":
        vocab: dict[str, int] = {}
        indptr, indices, data = [0], [], []
        for terms in docs:
            counts: dict[int, int] = {}
            for term in terms:
                tid = vocab.setdefault(term, len(vocab))
                counts[tid] = counts.get(tid, 0) + 1
            indices.extend(counts)
            data.extend(counts.values())
            indptr.append(len(indices))
        tf = sparse.csr_matrix((np.asarray(data, np.float32), np.asarray(indices, np.int64),
                                np.asarray(indptr, np.int64)), shape=(len(docs), max(len(vocab), 1)))
        return cls(vocab, tf, **params)

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk (0 where no query term occurs)."""
        ids = [self.vocab[t] for t in query_terms if t in self.vocab]
        if not ids or self.weights.shape[0] == 0:
            return np.zeros(self.weights.shape[0], np.float32)
        return np.asarray(self.weights[:, ids].sum(axis=1)).ravel()

    def search(self, query_terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        s = self.scores(query_terms)
        top = np.argsort(-s, kind="stable")[:k]
        return [(int(i), float(s[i])) for i in top if s[i] > 0]

    def terms_of(self, row: int) -> list[str]:
        """The terms of one chunk (with repetition), to carry it into an incremental rebuild."""
        if self._terms_by_id is None:
            self._terms_by_id = {i: t for t, i in self.vocab.items()}
        inv = self._terms_by_id
        start, end = self.tf.indptr[row], self.tf.indptr[row + 1]
        return [inv[int(i)] for i, c in zip(self.tf.indices[start:end], self.tf.data[start:end]) for _ in range(int(c))]

    def save(self, folder: Path) -> None:
        (folder / "bm25_vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), "utf-8")
        np.savez(folder / "bm25_tf.npz", data=self.tf.data, indices=self.tf.indices, indptr=self.tf.indptr,
                 shape=np.asarray(self.tf.shape), params=np.asarray([self.k1, self.b]))

    @classmethod
    def load(cls, folder: Path) -> "BM25":
        vocab = json.loads((folder / "bm25_vocab.json").read_text("utf-8"))
        with np.load(folder / "bm25_tf.npz", allow_pickle=False) as z:
            tf = sparse.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"]))
            k1, b = (float(x) for x in z["params"])
        return cls(vocab, tf, k1, b)
