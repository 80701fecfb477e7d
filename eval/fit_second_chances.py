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
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))


def main() -> None:
    from fit_abstention import TUNING_SETS, read_all, unanswerable_weight, utility

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--values", type=int, nargs="+", default=[0, 1, 2, 3, 5, 8])
    ap.add_argument("--unanswerable-share", type=float, default=0.2)
    ap.add_argument("--out", type=Path, help="write the figures and the questions whose decision moved as JSON")
    args = ap.parse_args()

    from tqdm import tqdm

    from ragqa.answer.extractive import ExtractiveAnswerer
    from ragqa.config import Config
    from ragqa.engine import Engine
    from ragqa.evaluation import metrics as M

    cfg = Config.from_env()
    engine = Engine(cfg)
    engine.build(progress=True)
    answerers = {n: ExtractiveAnswerer(engine.index, engine.embedder, max_sentences=cfg.answer.max_sentences,
                                       cfg=dataclasses.replace(cfg.extractive, second_chances=n))
                 for n in args.values}
    questions = [(p.stem, q) for p in TUNING_SETS for q in read_all([p])]
    answerable = np.array([q.type != "unanswerable" for _, q in questions])
    right = {n: np.zeros(len(questions)) for n in args.values}
    answered = {n: np.zeros(len(questions), dtype=bool) for n in args.values}
    moved = []
    for i, (qset, q) in enumerate(tqdm(questions, desc="second chances", unit="q")):
        hits = engine.search(q.question).hits
        texts = {h.chunk.source: engine.source_text(h.chunk.source) for h in hits}
        for n, answerer in answerers.items():
            r = answerer.answer(q.question, hits, texts)
            answered[n][i] = not r.abstain
            right[n][i] = float(answerable[i] and not r.abstain and
                                M.correct(" ".join(p.text for p in r.picks), q.must_include) == 1.0)
        decisions = {n: bool(answered[n][i]) for n in args.values}
        if len(set(decisions.values())) > 1:
            moved.append({"set": qset, "id": q.id, "type": q.type, "answered": decisions,
                          "right": {n: bool(right[n][i]) for n in args.values}})
    weight = unanswerable_weight(answerable, args.unanswerable_share)
    rows = {}
    for n in args.values:
        # utility() reads p >= t as answered: pass the decisions as probabilities 1 / 0 at threshold 0.5
        u = utility(answered[n].astype(float), right[n], answerable, 0.5, 0.0, weight)
        rows[n] = {"correct": int(right[n].sum()), "answerable": int(answerable.sum()),
                   "false_abstention": int((~answered[n] & answerable).sum()),
                   "abstained_unanswerable": int((~answered[n] & ~answerable).sum()),
                   "unanswerable": int((~answerable).sum()), "utility": round(u, 2)}
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
