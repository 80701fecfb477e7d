"""Compare abstention models on the fitting data, each question set held out in turn.

    python eval/fit_abstention.py --reference ../shared/external/allganize-dev --reference-index DIR \\
        --out /tmp/abstention.json --dump runs/abst-features.jsonl
    python eval/measure_abstention_models.py runs/abst-features.jsonl

The shipped model is a logistic regression on the ten standardized features (``fit_abstention.py``, C=1).
This asks whether the data support more: the same regression at other L2 strengths, with squared and
pairwise terms, with spline bases, and two tree ensembles. Each is scored the way the shipped threshold is
chosen: every question set predicted by a model fitted on the others (a user's questions come from another
hand than any one set), its ROC AUC (answerable vs unanswerable), and the utility at the best smoothed
threshold on those probabilities (``fit_abstention.choose_threshold``, unanswerable questions weighted to 20%
of all). Tuning split only: the dump holds no test question."""

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fit_abstention import choose_threshold, unanswerable_weight  # noqa: E402


def candidates() -> dict:
    from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import PolynomialFeatures, SplineTransformer, StandardScaler

    def logistic(C: float, *steps) -> callable:
        rescale = [StandardScaler()] if steps else []  # the expanded terms put on one scale again
        return lambda: make_pipeline(StandardScaler(), *[s() for s in steps], *rescale,
                                     LogisticRegression(C=C, max_iter=5000))

    models = {f"logistic C={C}": logistic(C) for C in (0.1, 0.3, 1.0, 3.0, 10.0)}
    for C in (0.03, 0.1, 0.3):
        models[f"logistic + squares and pairs, C={C}"] = logistic(
            C, lambda: PolynomialFeatures(2, include_bias=False))
        models[f"logistic + splines (4 knots), C={C}"] = logistic(
            C, lambda: SplineTransformer(n_knots=4, degree=2))
    models["gradient boosting (depth 2, 100 trees)"] = lambda: GradientBoostingClassifier(
        max_depth=2, n_estimators=100, learning_rate=0.05, subsample=0.8, random_state=0)
    models["random forest (300 trees, leaves >= 5)"] = lambda: RandomForestClassifier(
        n_estimators=300, min_samples_leaf=5, random_state=0)
    return models


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", type=Path, help="the JSONL of fit_abstention.py --dump")
    ap.add_argument("--unanswerable-share", type=float, default=0.2)
    args = ap.parse_args()
    from sklearn.metrics import roc_auc_score

    from ragqa.answer.abstention import FEATURES

    rows = [json.loads(line) for line in args.dump.read_text("utf-8").splitlines() if line.strip()]
    if any("test" in r["set"] for r in rows):
        sys.exit("the dump holds test questions: measure on the tuning split only")
    X = np.array([[r["features"][f] for f in FEATURES] for r in rows], dtype=float)
    y = np.array([r["label"] for r in rows])
    answerable = np.array([r["answerable"] for r in rows])
    sets = np.array([r["set"] for r in rows])
    weight = unanswerable_weight(answerable, args.unanswerable_share)
    print(f"{len(rows)} questions, {int((~answerable).sum())} unanswerable, sets: {', '.join(sorted(set(sets)))}")
    print(f"{'model':44s} {'AUC':>6s} {'thr':>5s} {'utility':>8s} {'false abst':>10s} {'abst unans':>10s}")
    for name, new in candidates().items():
        p = np.zeros(len(rows))
        for held in sorted(set(sets)):
            out = sets == held
            p[out] = new().fit(X[~out], answerable[~out].astype(int)).predict_proba(X[out])[:, 1]
        t, u = choose_threshold(p, y, answerable, 0.0, weight)
        answered = p >= t
        print(f"{name:44s} {roc_auc_score(answerable, p):6.3f} {t:5.2f} {u:8.1f} "
              f"{np.mean(~answered[answerable]):10.3f} {np.mean(~answered[~answerable]):10.3f}")


if __name__ == "__main__":
    main()
