"""Verification of answer sentences against the passages they cite.

A sentence is supported by a passage when (1) every number it states occurs in the
passage (compared by value: ``13.9억`` = ``13억9천만``), (2) enough of its content terms
(Kiwi morphemes) occur in the passage, and (3) when an embedder is given, its embedding
is close enough to the passage's. A sentence that its cited passage does not support is
re-attributed to the given passage that supports it best, or flagged unsupported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ragqa import korean
from ragqa.config import VerifyConfig
from ragqa.ingest.clean import OCR_FIXES
from ragqa.numbers import numbers_in

# the thresholds: ragqa.config.VerifyConfig (with how they were set)
_GENERIC = {"ai", "인공지능", "있다", "하다", "되다", "것", "수", "등", "년", "보고서", "자료"}
# the characters the cleaner may substitute (``OpenAl`` read as ``OpenAI`` where the document writes OpenAI): an
# answer quotes the cleaned text, its citation the source, so names are compared with both sides folded alike
_OCR_FOLD = str.maketrans(OCR_FIXES)


@dataclass(frozen=True)
class Support:
    supported: bool
    numbers_ok: bool
    term_overlap: float
    similarity: float | None

    @property
    def score(self) -> float:
        sim = self.similarity if self.similarity is not None else self.term_overlap
        return (1.0 if self.numbers_ok else 0.0) + self.term_overlap + sim


def _numbers_match(claim: str, passage: str) -> bool:
    claim_numbers = [n for n in numbers_in(claim) if not (1900 <= n <= 2100)]  # years are context, not claims
    if not claim_numbers:
        return True
    passage_numbers = numbers_in(passage)
    return all(any(abs(c - p) <= 1e-9 * max(1.0, abs(p)) for p in passage_numbers) for c in claim_numbers)


def term_overlap(claim: str, passage_terms: set[str]) -> float:
    terms = {t for t in korean.terms(claim) if t not in _GENERIC and len(t) > 1}
    if not terms:
        return 1.0
    return len(terms & passage_terms) / len(terms)


def missing_names(claim: str, passage: str) -> list[str]:
    """Proper nouns of the claim that its passage never mentions (a swapped entity).

    Compared as text, not as morphemes: Kiwi reads ``SK하이닉스`` as one noun in one
    sentence and as ``SK`` + ``하이닉스`` in another. A name the cleaner repaired (``OpenAI`` in the answer,
    ``OpenAl`` in the source it cites) is the same name."""
    flat = "".join(passage.split()).translate(_OCR_FOLD).lower()
    names = []
    for name in korean.names(claim):
        joined = "".join(name.form.split())  # Kiwi may join two words into one name: 데미스 허사비스
        form = joined.lower()
        if form not in _GENERIC and joined.translate(_OCR_FOLD).lower() not in flat:
            names.append(form)
    return names


def check(claim: str, passage: str, passage_terms: set[str] | None = None,
          similarity: float | None = None, cfg: VerifyConfig | None = None) -> Support:
    cfg = cfg or VerifyConfig()
    passage_terms = passage_terms if passage_terms is not None else set(korean.terms(passage))
    numbers_ok = _numbers_match(claim, passage)
    overlap = term_overlap(claim, passage_terms)
    if korean.is_korean(claim):
        supported = numbers_ok and overlap >= cfg.term_threshold and (
            similarity is None or similarity >= cfg.embed_threshold or overlap >= cfg.strong_overlap) \
            and not missing_names(claim, passage)
    else:  # an English claim about a Korean passage: its words cannot match, its meaning can
        supported = numbers_ok and (overlap >= cfg.term_threshold or (similarity is not None and
                                                                      similarity >= cfg.embed_threshold_cross))
    return Support(supported, numbers_ok, overlap, similarity)


def verify_sentences(claims: Sequence[tuple[str, list[int]]], passages: Sequence[str], embedder=None,
                     passage_vectors: np.ndarray | None = None,
                     cfg: VerifyConfig | None = None) -> list[tuple[str, tuple[int, ...], Support]]:
    """Check each claim against its cited passages; re-attribute or flag.

    ``claims`` are ``(sentence, cited numbers)`` with numbers 1-based into ``passages``.
    Markers that point at no passage are dropped. Returns ``(sentence, citations, support)``.
    ``passage_vectors`` (the index's stored vectors of ``passages``) spare embedding them again.
    """
    n = len(passages)
    passage_terms = [set(korean.terms(p)) for p in passages]
    sims = None
    if embedder is not None and claims and passages:
        c = embedder.embed_documents([s for s, _ in claims])
        p = passage_vectors if passage_vectors is not None and len(passage_vectors) == len(passages) \
            else embedder.embed_documents(list(passages))
        sims = np.asarray(c) @ np.asarray(p).T
    out = []
    for i, (sentence, cited) in enumerate(claims):
        cited = [k for k in dict.fromkeys(cited) if 1 <= k <= n]

        def sup(k: int) -> Support:
            return check(sentence, passages[k - 1], passage_terms[k - 1],
                         None if sims is None else float(sims[i, k - 1]), cfg)

        results = {k: sup(k) for k in cited}
        good = [k for k, s in results.items() if s.supported]
        if good:
            out.append((sentence, tuple(good), results[good[0]]))
            continue
        alternatives = {k: sup(k) for k in range(1, n + 1) if k not in results}
        best = max(alternatives.items(), key=lambda kv: kv[1].score, default=None)
        if best is not None and best[1].supported:
            out.append((sentence, (best[0],), best[1]))  # re-attributed
            continue
        weakest = max(results.values(), key=lambda s: s.score, default=Support(False, False, 0.0, None))
        out.append((sentence, tuple(cited), Support(False, weakest.numbers_ok, weakest.term_overlap,
                                                    weakest.similarity)))
    return out
