"""Rank fusion and duplicate collapsing: pure functions over ids and texts."""

from __future__ import annotations

from typing import Hashable, Sequence, TypeVar

K = TypeVar("K", bound=Hashable)


def rrf(rankings: Sequence[Sequence[K]], weights: Sequence[float] | None = None, k: int = 60) -> dict[K, float]:
    """Weighted reciprocal rank fusion: ``sum_i w_i / (k + rank_i)`` (ranks from 1)."""
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    fused: dict[K, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, key in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + w / (k + rank)
    return fused


def score_fusion(results: Sequence[Sequence[tuple[K, float]]], weights: Sequence[float]) -> dict[K, float]:
    """Weighted sum of min-max normalized scores (a key missing from a list scores 0 there)."""
    fused: dict[K, float] = {}
    for items, w in zip(results, weights):
        if not items:
            continue
        vals = [s for _, s in items]
        lo, hi = min(vals), max(vals)
        for key, s in items:
            norm = (s - lo) / (hi - lo) if hi > lo else 1.0
            fused[key] = fused.get(key, 0.0) + w * norm
    return fused


def shingles(text: str, n: int = 3) -> set[str]:
    t = "".join(text.split())
    return {t[i:i + n] for i in range(max(1, len(t) - n + 1))}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set's shingles that also occur in the other."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def collapse_duplicates(items: Sequence[tuple[K, str, str]], threshold: float) -> list[K]:
    """Keep the first of each group of near-identical texts from the same document: two texts are one when
    ``threshold`` of the shorter one's shingles occur in the other (``RetrievalConfig.duplicate_containment``).

    ``items`` are ``(key, group, text)`` in rank order; texts of *different* groups
    (documents) are never collapsed: two reports giving the same figure are both wanted.
    """
    kept: list[tuple[K, str, set[str]]] = []
    for key, group, text in items:
        sh = shingles(text)
        if any(g == group and containment(sh, s) >= threshold for _, g, s in kept):
            continue
        kept.append((key, group, sh))
    return [k for k, _, _ in kept]


def diversify(items: Sequence[tuple[K, str]], k: int, max_per_group: int) -> list[K]:
    """The top ``k`` keys, at most ``max_per_group`` from one group while others remain."""
    chosen: list[K] = []
    counts: dict[str, int] = {}
    deferred: list[K] = []
    for key, group in items:
        if len(chosen) >= k:
            break
        if counts.get(group, 0) >= max_per_group:
            deferred.append(key)
            continue
        counts[group] = counts.get(group, 0) + 1
        chosen.append(key)
    for key in deferred:
        if len(chosen) >= k:
            break
        chosen.append(key)
    return chosen
