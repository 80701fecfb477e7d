"""Measure BM25's Okapi constants (``ragqa.index.sparse.BM25``: k1 1.2, b 0.75) on the tuning split.

Retrieval only, as ``fit_retrieval.py`` scores it: every answerable tuning question (``fit_abstention.ANSWERABLE_SETS``)
and allganize-dev's fit-half questions (``fit_abstention.fit_half``) are searched with the index's BM25 rebuilt at
each (k1, b) of a grid from the stored term counts (nothing is re-embedded); the objective is the mean over the two
sets of (hit@1 + MRR) / 2. Writes every point to eval/bm25_fit.json.

    python eval/measure_bm25.py --reference ../shared/external/allganize-dev --reference-index DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

K1 = (0.6, 0.9, 1.2, 1.5, 2.0)
B = (0.3, 0.5, 0.75, 0.9, 1.0)


def main() -> None:
    from fit_abstention import ANSWERABLE_SETS
    from fit_retrieval import measure_sets, search_sets

    from ragqa.config import Config
    from ragqa.index.sparse import BM25

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, required=True, help="a reference-answer set (questions.jsonl, docs/)")
    ap.add_argument("--reference-index", type=Path, required=True, help="the index of that set's docs/")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "bm25_fit.json")
    args = ap.parse_args()

    sets = search_sets(Config.from_env(), list(ANSWERABLE_SETS), args.reference, args.reference_index)
    engines = [engine for _, engine, _ in sets]
    stored = [engine.index.bm25 for engine in engines]
    points = []
    for k1 in K1:
        for b in B:
            for engine, bm25 in zip(engines, stored):
                engine.index.bm25 = BM25(bm25.vocab, bm25.tf, k1, b)
            points.append({"k1": k1, "b": b, **measure_sets(sets, {})})
            print(points[-1], file=sys.stderr)
    for engine, bm25 in zip(engines, stored):
        engine.index.bm25 = bm25
    best = max(p["objective"] for p in points)
    out = {"date": dt.date.today().isoformat(), "objective": "mean over the sets of (hit@1 + MRR) / 2",
           "command": "python eval/measure_bm25.py --reference ../shared/external/allganize-dev --reference-index DIR",
           "best_objective": best, "best": [{"k1": p["k1"], "b": p["b"]} for p in points if p["objective"] == best],
           "points": points}
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"best objective {best} at {out['best']}; wrote {args.out}")


if __name__ == "__main__":
    main()
