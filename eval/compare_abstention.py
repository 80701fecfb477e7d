"""Is one abstention refit better than another, or is the difference noise? A paired bootstrap.

Two feature dumps of the same tuning questions (``fit_abstention.py --dump``: one per configuration of the
answerer, e.g. a rule off and on) are each fitted as ``fit_abstention.py`` fits them (standardized features,
logistic regression, each question set predicted by a model fitted on the other sets, the threshold the median
of 200 bootstrap choices, near-misses weighted to 20%). The questions are then resampled with replacement, the
same resample for both, and the utility difference B - A at each one's threshold recorded: its mean, its 5th-95th
percentile interval and the share of resamples where B is better. It measures the fit's rows only: the
best sentence's features with the answer always given (``decide=False``), not the answerer's second chances
below the threshold. Stop 43's rule scored +4.1 [+1.0, +8.1] here and still lost two tuning answers end to end
(docs/history.md, stop 44), so the end-to-end tuning runs stay the judge; this says whether a rule is worth one.

    python eval/compare_abstention.py runs/a.jsonl runs/b.jsonl [--resamples 2000]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np


def main() -> None:
    from fit_abstention import bagged_threshold, held_out_by_set, question_utilities, standardized, unanswerable_weight
    from sklearn.linear_model import LogisticRegression

    from ragqa.answer.abstention import FEATURES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path, help="the dump of the current configuration")
    ap.add_argument("b", type=Path, help="the dump of the candidate")
    ap.add_argument("--resamples", type=int, default=2000)
    ap.add_argument("--unanswerable-share", type=float, default=0.2)
    args = ap.parse_args()

    def read(path: Path) -> dict:
        return {(r["set"], r["id"]): r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}

    a, b = read(args.a), read(args.b)
    keys = sorted(a)
    if set(keys) != set(b):
        sys.exit(f"the dumps hold different questions ({len(set(a) ^ set(b))} differ)")
    if any(a[k]["answerable"] != b[k]["answerable"] for k in keys):
        sys.exit("the dumps disagree on which questions are answerable")
    answerable = np.array([a[k]["answerable"] for k in keys])
    weight = unanswerable_weight(answerable, args.unanswerable_share)

    def per_question(rows: dict) -> tuple[np.ndarray, float]:
        """Each question's weighted utility at the configuration's own threshold, and the threshold."""
        ordered = [rows[k] for k in keys]
        Z, _, _ = standardized(np.array([[r["features"][f] for f in FEATURES] for r in ordered], dtype=float))
        p = held_out_by_set(lambda: LogisticRegression(C=1.0, max_iter=1000), Z, answerable.astype(int),
                            np.array([r["set"] for r in ordered]))
        y = np.array([r["label"] for r in ordered])
        t, _ = bagged_threshold(p, y, answerable, 0.0, weight)
        return question_utilities(p, y, answerable, t, 0.0, weight), t

    ua, ta = per_question(a)
    ub, tb = per_question(b)
    rng = np.random.default_rng(0)
    diffs = np.array([(ub[i] - ua[i]).sum() for i in (rng.integers(0, len(keys), len(keys))
                                                     for _ in range(args.resamples))])
    lo, hi = np.percentile(diffs, [5, 95])
    changed = sum(a[k]["features"] != b[k]["features"] for k in keys)
    print(f"{len(keys)} questions, {changed} with other features; thresholds {ta:.2f} / {tb:.2f}")
    print(f"utility (held out by set): A {ua.sum():.1f}, B {ub.sum():.1f}, B - A {ub.sum() - ua.sum():+.1f}")
    print(f"paired bootstrap ({args.resamples}): mean {diffs.mean():+.1f}, 90% interval [{lo:+.1f}, {hi:+.1f}], "
          f"B better in {np.mean(diffs > 0):.0%} of resamples")


if __name__ == "__main__":
    main()
