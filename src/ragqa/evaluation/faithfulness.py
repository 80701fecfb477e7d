"""Faithfulness: the answer split into claims, each supported or not by its cited passages.

The deterministic checker always runs: a claim is supported when its numbers occur in a
cited passage and its content terms overlap it enough (and, with an embedder, its
embedding is close enough) — the same test the answer chain's verifier applies.
"""

from __future__ import annotations

import re

from ragqa.answer import citations as cites
from ragqa.answer.verify import check
from ragqa.evaluation.records import ClaimVerdict

_CLAUSE_SPLIT = re.compile(r"(?<=[,;])\s+(?=\S{2,})")
_HEADER = re.compile(r"^(자료마다 수치가 다릅니다|The documents give different figures|The reports say \(quoted in Korean\):)\s*")


def split_claims(answer: str) -> list[tuple[str, list[int]]]:
    """Sentences with their markers; a long sentence (> 160 chars) is split at clause commas."""
    out = []
    for line in answer.splitlines():
        line = _HEADER.sub("", line.strip()).lstrip("-• ").strip()
        if not line:
            continue
        line = re.sub(r"^[^:\[]{2,80}:\s", "", line) if line.count(":") and "[" in line else line  # "title: ..."
        for sentence, markers in cites.split_answer(line):
            parts = _CLAUSE_SPLIT.split(sentence) if len(sentence) > 160 else [sentence]
            out.extend((p, markers) for p in parts if len(p.strip()) > 3)
    return out


def claim_support(answer: str, passages: dict[int, str], embedder=None) -> list[ClaimVerdict]:
    """Each claim with its verdict against the passages it cites (all passages if it cites none).

    ``passages`` maps a passage number (the answer's ``[n]``) to its text.
    """
    claims = split_claims(answer)
    numbers = sorted(passages)
    index = {n: i for i, n in enumerate(numbers)}
    texts = [passages[n] for n in numbers]
    if not claims or not texts:
        return [ClaimVerdict(c, tuple(m), False) for c, m in claims]
    sims = None
    if embedder is not None:
        import numpy as np

        cv = embedder.embed_documents([c for c, _ in claims])
        pv = embedder.embed_documents(texts)
        sims = np.asarray(cv) @ np.asarray(pv).T
    out = []
    for i, (claim, markers) in enumerate(claims):
        targets = [index[k] for k in markers if k in index] or list(range(len(texts)))
        verdicts = [check(claim, texts[j], None, None if sims is None else float(sims[i, j])) for j in targets]
        out.append(ClaimVerdict(claim, tuple(markers), any(v.supported for v in verdicts),
                                any(v.numbers_ok for v in verdicts), round(max(v.term_overlap for v in verdicts), 3)))
    return out
