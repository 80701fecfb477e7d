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
    from fit_abstention import ANSWERABLE_SETS, fit_half, read_all
    from fit_retrieval import scorer

    from ragqa.config import Config
    from ragqa.engine import Engine
    from ragqa.evaluation.runner import read_questions
    from ragqa.index.sparse import BM25

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, required=True, help="a reference-answer set (questions.jsonl, docs/)")
    ap.add_argument("--reference-index", type=Path, required=True, help="the index of that set's docs/")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "bm25_fit.json")
    args = ap.parse_args()

    cfg = Config.from_env()
    tuning = Engine(cfg)
    ref, _ = read_questions(args.reference / "questions.jsonl")
    half = fit_half([q.doc for q in ref])
    reference = Engine(cfg.replace(paths={"corpus_dir": (args.reference / "docs").resolve(),
                                          "index_dir": args.reference_index.resolve()}))
    sets = [("tuning", tuning, scorer(tuning, [q for q in read_all(list(ANSWERABLE_SETS)) if q.answerable and q.gold],
                                      False)),
            (f"{args.reference.name} fit half", reference,
             scorer(reference, [q for q in ref if q.doc in half and q.answerable and q.gold], True))]
    points = []
    for k1 in K1:
        for b in B:
            row: dict = {"k1": k1, "b": b}
            for name, engine, score in sets:
                stored = engine.index.bm25
                engine.index.bm25 = BM25(stored.vocab, stored.tf, k1, b)
                h, m, n = score({})
                engine.index.bm25 = stored
                row[name] = {"hit@1": round(h, 4), "mrr": round(m, 4), "n": n}
            row["objective"] = round(sum((row[name]["hit@1"] + row[name]["mrr"]) / 2 for name, _, _ in sets) / len(sets), 4)
            points.append(row)
            print(row, file=sys.stderr)
    best = max(p["objective"] for p in points)
    out = {"date": dt.date.today().isoformat(), "objective": "mean over the sets of (hit@1 + MRR) / 2",
           "command": "python eval/measure_bm25.py --reference ../shared/external/allganize-dev --reference-index DIR",
           "best_objective": best, "best": [{"k1": p["k1"], "b": p["b"]} for p in points if p["objective"] == best],
           "points": points}
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"best objective {best} at {out['best']}; wrote {args.out}")


if __name__ == "__main__":
    main()
