"""Measure the support check's thresholds (``ragqa.config.VerifyConfig``) against the 30 hand-labelled claims of
``eval/claims_labelled.jsonl`` (a person's judgement of whether the passage supports the claim, written before the
checker was run on them).

Every claim and passage is embedded once (the configured model), then each combination of the grids below is
scored by its agreement with the labels. Thirty claims are few: a value is kept unless another agrees on more
than one claim more, and the output says how many combinations tie with the best.

    RAGQA_EMBED_DTYPE=fp32 python eval/fit_verify.py
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "eval" / "claims_labelled.jsonl"
GRID = {
    "term_threshold": (0.3, 0.4, 0.5, 0.6, 0.7),
    "embed_threshold": (0.35, 0.4, 0.45, 0.5, 0.55, 0.6),
    "strong_overlap": (0.7, 0.8, 0.9, 1.01),  # 1.01: never
    "embed_threshold_cross": (0.4, 0.45, 0.5, 0.55, 0.6),
}


def main() -> None:
    import numpy as np

    from ragqa.answer.verify import check
    from ragqa.config import Config, VerifyConfig
    from ragqa.models import load_embedder

    rows = [json.loads(line) for line in CLAIMS.read_text("utf-8").splitlines() if line.strip()]
    cfg = Config.from_env()
    embedder = load_embedder(cfg.embed, cfg.paths.models_dir)
    claims = np.asarray(embedder.embed_documents([r["claim"] for r in rows]))
    passages = np.asarray(embedder.embed_documents([r["passage"] for r in rows]))
    sims = [float(np.dot(c, p)) for c, p in zip(claims, passages)]

    def agreement(v: VerifyConfig) -> tuple[int, list[str]]:
        wrong = [r["claim"] for r, s in zip(rows, sims) if check(r["claim"], r["passage"], None, s, v).supported
                 != r["supported"]]
        return len(rows) - len(wrong), wrong

    current = VerifyConfig()
    here, wrong = agreement(current)
    print(f"current {dataclasses.asdict(current)}: {here}/{len(rows)} agree; disagreeing: {wrong}")
    scored = []
    for values in itertools.product(*GRID.values()):
        v = VerifyConfig(**dict(zip(GRID, values)))
        scored.append((agreement(v)[0], v))
    best = max(s for s, _ in scored)
    ties = [v for s, v in scored if s == best]
    print(f"best {best}/{len(rows)} ({len(ties)} of {len(scored)} combinations), e.g. {dataclasses.asdict(ties[0])}")
    for name, grid in GRID.items():  # each threshold moved alone from the current values
        line = ", ".join(f"{x}: {agreement(dataclasses.replace(current, **{name: x}))[0]}" for x in grid)
        print(f"  {name} alone: {line}")
    kept = "kept" if best <= here + 1 else "another value wins by more than one claim"
    print(f"the current values: {kept}")


if __name__ == "__main__":
    main()
