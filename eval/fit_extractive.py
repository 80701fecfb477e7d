"""Fit the extractive answerer's sentence-scoring weights (``ExtractiveConfig``) on the tuning split.

Every answerable tuning question with ``must_include`` facts (eval/questions.jsonl, eval/tuning_random.jsonl)
is retrieved once; then, for each point of a small grid, the answerer picks its sentences with abstention
off, and the objective is the share of answers that state every ``must_include`` fact (``correct``) and stay
within the concise limit (``correct & concise``), averaged. Korean and English questions have their own
weights, so they are fitted apart. The current (hand-set) point is in each grid; another point replaces
it only if it beats it by more than one question. Writes eval/extractive_fit.json with every grid point.

    python eval/fit_extractive.py
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GRIDS = {
    "ko": {"lexical_weight_ko": (0.3, 0.5, 0.7), "dense_weight_ko": (0.2, 0.35, 0.5),
           "own_sentence_share": (0.5, 0.7, 0.9)},
    "en": {"lexical_weight_en": (0.0, 0.1, 0.3, 0.5), "dense_weight_en": (0.5, 0.75, 1.0),
           "own_sentence_share": (0.5, 0.7, 0.9)},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, nargs="+",
                    default=[ROOT / "eval" / "questions.jsonl", ROOT / "eval" / "tuning_random.jsonl"])
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "extractive_fit.json")
    args = ap.parse_args()
    if any("test" in p.name for p in args.questions):
        sys.exit("the extractive weights are fitted on the tuning split only")

    from fit_abstention import read_all

    from ragqa import korean
    from ragqa.answer.abstention import AbstentionModel
    from ragqa.answer.extractive import ExtractiveAnswerer
    from ragqa.config import Config
    from ragqa.engine import Engine
    from ragqa.evaluation import metrics as M

    cfg = Config.from_env()
    engine = Engine(cfg)
    questions = [q for q in read_all(args.questions) if q.answerable and q.must_include]
    searched = []
    for i, q in enumerate(questions, start=1):
        hits = engine.search(q.question).hits
        texts = {h.chunk.source: engine.source_text(h.chunk.source) for h in hits}
        searched.append((q, hits, texts, "ko" if korean.is_korean(q.question) else "en"))
        print(f"\rsearch: {i}/{len(questions)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    base = cfg.extractive
    result = {"date": dt.date.today().isoformat(), "command": "python eval/fit_extractive.py",
              "fitted_on": [str(p.resolve().relative_to(ROOT)) for p in args.questions],
              "objective": "mean of correct and correct & concise, abstention off", "chosen": {}, "grids": {}}
    for lang, grid in GRIDS.items():
        subset = [s for s in searched if s[3] == lang]
        rows = []
        current = {k: getattr(base, k) for k in grid}
        points = [dict(zip(grid, values)) for values in itertools.product(*grid.values())]
        if current not in points:
            points.append(current)
        for point in points:
            answerer = ExtractiveAnswerer(engine.index, engine.embedder, max_sentences=cfg.answer.max_sentences,
                                          cfg=dataclasses.replace(base, **point),
                                          abstention=AbstentionModel.neutral())
            right = concise = 0.0
            for q, hits, texts, _ in subset:
                res = answerer.answer(q.question, hits, texts, decide=False)
                answer = " ".join(p.text for p in res.picks)
                right += M.correct(answer, q.must_include)
                concise += M.correct_and_concise(answer, q.must_include, q.type)
            rows.append({**point, "correct": round(right / len(subset), 4),
                         "correct_concise": round(concise / len(subset), 4),
                         "objective": round((right + concise) / (2 * len(subset)), 4)})
        now = next(r for r in rows if all(r[k] == v for k, v in current.items()))
        best = max(rows, key=lambda r: r["objective"])
        margin = 1.0 / len(subset)  # one question
        chosen = best if best["objective"] > now["objective"] + margin else now
        result["chosen"][lang] = {k: chosen[k] for k in grid}
        result["grids"][lang] = {"questions": len(subset), "hand_set": now, "best": best, "points": rows}
        print(f"{lang}: {len(subset)} questions; hand-set {now['objective']}, best {best['objective']} at "
              f"{ {k: best[k] for k in grid} }; chosen {result['chosen'][lang]}")
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
