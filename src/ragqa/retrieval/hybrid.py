"""Hybrid retrieval: dense (FAISS) and BM25 (Kiwi terms), fused by weighted RRF.

After fusion: near-duplicate chunks of one document are collapsed (tables extracted
twice, summary sentences repeated in the body), the top k is diversified across
documents, and a cheap second BM25 step expanded with the top passage's names serves
bridge questions (one passage names the entity, another holds the asked fact).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Collection

import numpy as np

from ragqa import glossary, korean
from ragqa.config import RETRIEVAL_MODES, RetrievalConfig
from ragqa.index.build import embed_text
from ragqa.index.store import IndexData
from ragqa.index.vectorstore import FaissStore, VectorStore, ranked
from ragqa.models import Embedder
from ragqa.retrieval import fusion
from ragqa.types import Hit

MODES = RETRIEVAL_MODES


@dataclass
class Retrieval:
    hits: list[Hit]
    ms: float
    query_language: str  # "ko" | "en"


_EN_STOP = {"what", "which", "who", "where", "when", "how", "why", "does", "did", "do", "is", "are", "was", "were",
            "the", "a", "an", "of", "in", "on", "to", "for", "and", "or", "according", "report", "reports"}


def english_entity_terms(query: str) -> list[str]:
    """BM25 terms of an English question: only what can match Korean text verbatim.

    Names written in Latin letters (HBM, DeepSeek, GPT-4), and numbers; ordinary English
    words match nothing in Korean reports but their English footnotes.
    """
    import re

    out = []
    for m in re.finditer(r"[A-Za-z][A-Za-z0-9.\-]*|\d[\d,.]*%?", query):
        w = m.group(0).rstrip(".,")
        if w.lower() in _EN_STOP:
            continue
        if w[0].isdigit() or sum(c.isupper() for c in w) >= 2 or (w[0].isupper() and m.start() > 0):
            out.extend(korean.terms(w))
    for spellings in glossary.korean_names(query):  # Korea -> 한국: names match the Korean text
        out.extend(korean.terms(spellings[0]))
    return out


def _rescore_head(ordered: list[int], fused: dict[int, float], bonus: dict[int, float], depth: int) -> list[int]:
    """The first ``depth`` rows re-sorted by fused score (relative to the top one) plus ``bonus``."""
    top = fused[ordered[0]] or 1.0
    return sorted(ordered[:depth], key=lambda r: -(fused[r] / top + bonus.get(r, 0.0))) + ordered[depth:]


class HybridRetriever:
    """Search over one loaded index with one embedder."""

    def __init__(self, index: IndexData, embedder: Embedder | None, cfg: RetrievalConfig,
                 store: VectorStore | None = None):
        self.index = index
        self.embedder = embedder
        self.cfg = cfg
        self.store = store if store is not None else FaissStore(index)
        self._allowed = np.asarray([c.kind not in cfg.exclude_kinds for c in index.chunks], bool)
        self._excluded = int((~self._allowed).sum())  # fetched beyond n, so n allowed passages remain
        self._names_cache: dict[int, list[str]] = {}  # row -> proper nouns (the same passages come up often)

    def scope(self, sources: Collection[str] | None) -> np.ndarray | None:
        """The rows a search limited to the documents ``sources`` (their source paths) may return; None: all."""
        if sources is None:
            return None
        wanted = set(sources)
        return self._allowed & np.asarray([c.source in wanted for c in self.index.chunks], bool)

    def _dense(self, query: str, n: int, scope: np.ndarray | None = None) -> list[tuple[int, float]]:
        if self.embedder is None:
            raise RuntimeError("dense retrieval needs an embedder")
        qv = self.embedder.embed_query(query)
        if scope is not None:  # a few documents: their stored vectors scored exactly, whatever the store
            rows = np.flatnonzero(scope)
            scores = np.asarray(self.index.vectors[rows], np.float32) @ np.asarray(qv, np.float32)
            return ranked(list(zip(rows.tolist(), scores.tolist())), n)
        return [(r, s) for r, s in self.store.dense(qv, n + self._excluded) if self._allowed[r]][:n]

    def _bm25(self, terms: list[str], n: int, scope: np.ndarray | None = None) -> list[tuple[int, float]]:
        if scope is not None:
            scores = self.index.bm25.scores(terms)
            return ranked([(int(r), float(scores[r])) for r in np.flatnonzero(scope & (scores > 0))], n)
        return [(r, s) for r, s in self.store.sparse(terms, n + self._excluded) if self._allowed[r]][:n]

    def search(self, query: str, k: int | None = None, mode: str | None = None,
               docs: Collection[str] | None = None) -> Retrieval:
        """The ``k`` best passages for ``query``; ``docs`` (source paths) limits the search to those documents."""
        t0 = time.perf_counter()
        k = k or self.cfg.k
        mode = mode or self.cfg.mode
        if mode not in MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; choose one of {sorted(MODES)}")
        n = max(self.cfg.candidates, 4 * k)
        lang = "ko" if korean.is_korean(query) else "en"
        terms = korean.terms(query) if lang == "ko" else english_entity_terms(query)
        scope = self.scope(docs)
        dense_hits = self._dense(query, n, scope) if mode in ("hybrid", "dense") else []
        bm25_hits = self._bm25(terms, n, scope) if mode in ("hybrid", "bm25") else []
        rankings = [[r for r, _ in dense_hits], [r for r, _ in bm25_hits]]
        scored = [dense_hits, bm25_hits]
        # BM25 over Korean text matches little of an English question: let it only nudge.
        bm25_w = self.cfg.bm25_weight * (1.0 if lang == "ko" else self.cfg.bm25_weight_english)
        weights = [self.cfg.dense_weight, bm25_w]
        if mode == "hybrid" and self.cfg.bridge and bm25_hits and dense_hits:
            expansion = self._bridge_terms(terms, rankings)
            if expansion:
                expanded = self._bm25(terms + expansion, n, scope)
                rankings.append([r for r, _ in expanded])
                scored.append(expanded)
                weights.append(self.cfg.bridge_weight * bm25_w)
        if self.cfg.fusion == "score":
            fused = fusion.score_fusion(scored, weights)
        else:
            fused = fusion.rrf(rankings, weights, self.cfg.rrf_k)
        ordered = sorted(fused, key=lambda r: -fused[r])
        chunks = self.index.chunks
        head = max(4 * k, 20)  # only the head of the ranking can reach the top k
        ordered = fusion.collapse_duplicates([(r, chunks[r].doc_id, chunks[r].text) for r in ordered[:head]],
                                             self.cfg.duplicate_containment) \
            + ordered[head:]
        dmap, bmap = dict(dense_hits), dict(bm25_hits)
        sentence = {}
        if self.cfg.sentence_weight and self.embedder is not None and mode != "bm25":
            focus = self.sentence_focus(query, ordered[:self.cfg.focus_depth])
            sentence = {r: self.cfg.sentence_weight * v for r, v in focus.items()}
        if self.cfg.focus_weight and lang == "ko" and terms and ordered:
            ordered = self.focus_rerank(terms, ordered, fused, dmap, self.cfg.focus_depth, sentence)
        elif sentence:
            ordered = _rescore_head(ordered, fused, sentence, self.cfg.focus_depth)
        if self.cfg.reranker:
            ordered = self._rerank(query, ordered[: 3 * k])
        if self.cfg.diversity and ordered:
            # only passages nearly as relevant as the best one may displace a same-document passage
            floor = self.cfg.diversity_floor * fused[ordered[0]] if ordered[0] in fused else 0.0
            eligible = [r for r in ordered if fused.get(r, 0.0) >= floor]
            top = fusion.diversify([(r, chunks[r].doc_id) for r in eligible], k,
                                   max_per_group=math.ceil(self.cfg.diversity_share * k))
            ordered = top + [r for r in ordered if r not in top]
        hits = []
        for rank, r in enumerate(ordered[:k], start=1):
            scores = {"rrf": fused.get(r, 0.0)}
            if r in dmap:
                scores["dense"] = dmap[r]
            if r in bmap:
                scores["bm25"] = bmap[r]
            hits.append(Hit(chunks[r], fused.get(r, 0.0), rank, scores))
        return Retrieval(hits, (time.perf_counter() - t0) * 1000, lang)

    def _bridge_terms(self, terms: list[str], rankings: list[list[int]]) -> list[str]:
        """Names in the best passage that the question does not mention (BM25 terms of proper nouns)."""
        top = rankings[0][0] if rankings[0] else rankings[1][0]
        have = set(terms)
        return [n for n in self._names(top) if n not in have][:5]

    def _names(self, row: int) -> list[str]:
        """Proper nouns of a passage (cached: the same passages come up again and again)."""
        cache = self._names_cache
        if row not in cache:
            forms = (n.form.lower() if n.latin else n.form for n in korean.names(self.index.chunks[row].text))
            cache[row] = list(dict.fromkeys(forms))
        return cache[row]

    def focus_rerank(self, terms: list[str], ordered: list[int], fused: dict[int, float],
                     dense_scores: dict[int, float], depth: int | None = None,
                     bonus: dict[int, float] | None = None) -> list[int]:
        """Re-rank the top candidates by how densely one sentence (or two adjacent ones)
        holds the question's terms, weighted by idf: the passage that *states* the asked
        fact beats one that is merely about the topic. The bonus shrinks with the passage's
        dense score relative to the best one, so lexical focus only reorders passages that
        are about equally close in meaning. ``bonus``: further terms added to a row's score
        (the weighted sentence focus). ``depth``: how many of the first rows it may reorder (default
        ``RetrievalConfig.focus_depth``)."""
        depth = self.cfg.focus_depth if depth is None else depth
        bm25 = self.index.bm25
        qset = {t for t in set(terms) if t in bm25.vocab}
        if not qset:
            return _rescore_head(ordered, fused, bonus, depth) if bonus else ordered
        idf = {t: float(bm25.idf[bm25.vocab[t]]) for t in qset}
        total = sum(idf.values())
        head = ordered[:depth]
        best_dense = max((dense_scores.get(r, 0.0) for r in head), default=0.0)
        extra = dict(bonus or {})
        for r in head:
            sents = [set(s) & qset for s in self.index.sentence_terms[r]] or [set()]
            windows = sents + [a | b for a, b in zip(sents, sents[1:])]
            focus = max(sum(idf[t] for t in w) for w in windows) / total
            if best_dense > 0:
                focus *= (max(dense_scores.get(r, 0.0), 0.0) / best_dense) ** self.cfg.focus_dense_gamma
            extra[r] = extra.get(r, 0.0) + self.cfg.focus_weight * focus
        return _rescore_head(ordered, fused, extra, depth)

    def sentence_focus(self, query: str, head: list[int]) -> dict[int, float]:
        """Each passage's best sentence's similarity to the question (the sentence vectors stored at index
        time), relative to the head's best: a passage with one sentence that says the asked thing beats one
        that is about the topic throughout."""
        if not head:
            return {}
        qv = np.asarray(self.embedder.embed_query(query), np.float32)  # cached: dense retrieval embedded it
        best = {}
        for r in head:
            vecs = self.index.sentence_vectors_of(r)
            best[r] = max(float(np.max(vecs @ qv)), 0.0) if len(vecs) else 0.0
        top = max(best.values())
        return {r: v / top for r, v in best.items()} if top > 0 else {}

    def _rerank(self, query: str, rows: list[int]) -> list[int]:
        from ragqa.retrieval.rerank import rerank_scores

        scores = rerank_scores(self.cfg.reranker, query, [embed_text(self.index.chunks[r]) for r in rows])
        return [r for _, r in sorted(zip(scores, rows), key=lambda x: -x[0])]
