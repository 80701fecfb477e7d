"""Fit ``ExtractiveConfig.second_chances`` on the tuning split: how many further candidate sentences (of the
asked type) the answerer may offer the abstention model when its best one falls below the threshold.

Every tuning question (``fit_abstention.TUNING_SETS``, near-misses included) is searched once and answered at
each value, the fitted abstention model and threshold deciding. A value is scored by the utility the threshold
was chosen by (``fit_abstention.utility``): right answers + abstentions on near-misses - answers to near-misses,
near-misses weighted to the share users ask (``--unanswerable-share``). The smallest value at the best utility
is kept: each further chance is one more sentence a near-miss may slip through on.

    RAGQA_EMBED_DTYPE=fp32 RAGQA_INDEX=runs/index-fp32 python eval/fit_second_chances.py --values 0 1 2 3 5 8
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))


def main() -> None:
    from fit_abstention import TUNING_SETS
    from measure_variants import answer_all, figures

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--values", type=int, nargs="+", default=[0, 1, 2, 3, 5, 8])
    ap.add_argument("--unanswerable-share", type=float, default=0.2)
    ap.add_argument("--out", type=Path, help="write the figures and the questions whose decision moved as JSON")
    args = ap.parse_args()

    answered = answer_all({str(n): {"second_chances": n} for n in args.values}, TUNING_SETS)
    moved = []
    for r in answered:
        decisions = {n: r["variants"][str(n)]["answered"] for n in args.values}
        if len(set(decisions.values())) > 1:
            moved.append({"set": r["set"], "id": r["id"], "type": r["type"], "answered": decisions,
                          "right": {n: r["variants"][str(n)]["right"] for n in args.values}})
    rows = {}
    for n in args.values:
        rows[n] = {k: v for k, v in figures(answered, str(n), args.unanswerable_share).items() if k != "correct_concise"}
        print(f"second_chances={n}: " + ", ".join(f"{k} {v}" for k, v in rows[n].items()))
    best = max(r["utility"] for r in rows.values())
    chosen = min(n for n, r in rows.items() if r["utility"] >= best - 1e-9)
    print(f"chosen: {chosen} (the smallest value at the best utility, {best})")
    for m in moved:
        print(f"  moved: {m['set']} {m['id']} [{m['type']}] answered {m['answered']} right {m['right']}")
    if args.out:
        args.out.write_text(json.dumps({"values": rows, "chosen": chosen, "moved": moved}, ensure_ascii=False,
                                       indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
