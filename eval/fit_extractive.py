"""Fit the extractive answerer's sentence-scoring constants (``ExtractiveConfig``) on the tuning split.

Every answerable tuning question with ``must_include`` facts (``fit_abstention.ANSWERABLE_SETS``: every tuning
file but eval/tuning_nearmiss.jsonl, which holds near-misses only) is retrieved once; then the answerer picks
its sentences with abstention off, and the objective is the share of answers that state every ``must_include``
fact (``correct``) and stay within the concise limit (``correct & concise``), averaged. A coordinate search
starts from the current constants and takes one constant at a time over its grid (``GRID``), the others held;
a value replaces the current one only when it beats it by more than one question, and passes repeat until none
moves. Korean and English questions are scored together: the language-specific weights only move their own
questions. Writes eval/extractive_fit.json with every point evaluated.

    python eval/fit_extractive.py
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GRID = {
    "lexical_weight_ko": (0.3, 0.5, 0.7),
    "dense_weight_ko": (0.2, 0.35, 0.5),
    "lexical_weight_en": (0.0, 0.1, 0.3, 0.5),
    "dense_weight_en": (0.5, 0.75, 1.0),
    "own_sentence_share": (0.5, 0.7, 0.9),
    "prior_weight": (0.0, 0.05, 0.1, 0.2),
    "number_bonus": (0.0, 0.06, 0.12, 0.2),
    "year_bonus": (0.0, 0.04, 0.08, 0.15),
    "name_bonus": (0.0, 0.04, 0.08, 0.15),
    "name_penalty": (0.0, 0.04, 0.08),
    "label_bonus": (0.0, 0.04, 0.08, 0.12, 0.2),
    "adjacent_ratio": (0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
    "adjacent_max_chars": (250, 400),
    # which further sentences join the best one (a ratio above 1 turns the rule off), and where a long sentence
    # is cut to its answering clauses: set by hand until 2026-12-03, in the search since
    "second_ratio": (0.7, 0.8, 0.9, 1.01),
    "other_doc_ratio": (0.5, 0.65, 0.8),
    "multi_ratio": (0.8, 0.9, 1.01),
    "on_topic_ratio": (0.5, 0.7, 0.9),
    "max_chars": (150, 200, 300),
}
MAX_PASSES = 3


def main() -> None:
    from fit_abstention import ANSWERABLE_SETS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, nargs="+", default=list(ANSWERABLE_SETS))
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "extractive_fit.json")
    args = ap.parse_args()
    if any("test" in p.name for p in args.questions):
        sys.exit("the extractive weights are fitted on the tuning split only")

    from coordinate import coordinate_search
    from fit_abstention import read_all

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
        searched.append((q, hits, texts))
        print(f"\rsearch: {i}/{len(questions)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    base = cfg.extractive

    def measure(point: dict) -> dict:
        answerer = ExtractiveAnswerer(engine.index, engine.embedder, max_sentences=cfg.answer.max_sentences,
                                      cfg=dataclasses.replace(base, **point), abstention=AbstentionModel.neutral())
        right = concise = 0.0
        for q, hits, texts in searched:
            res = answerer.answer(q.question, hits, texts, decide=False)
            answer = " ".join(p.text for p in res.picks)
            right += M.correct(answer, q.must_include)
            concise += M.correct_and_concise(answer, q.must_include, q.type)
        n = len(searched)
        return {"correct": round(right / n, 4), "correct_concise": round(concise / n, 4),
                "objective": round((right + concise) / (2 * n), 4)}

    # one question (plus the objective's rounding to 4 decimals, so that one question's gain does not pass)
    margin = 1.0 / len(searched) + 1e-4
    start = {k: getattr(base, k) for k in GRID}
    current, now, rows = coordinate_search(measure, start, GRID, margin, MAX_PASSES)
    result = {"date": dt.date.today().isoformat(), "command": "python eval/fit_extractive.py",
              "fitted_on": [str(p.resolve().relative_to(ROOT)) for p in args.questions],
              "questions": len(searched), "objective": "mean of correct and correct & concise, abstention off",
              "start": start, "start_objective": rows[0]["objective"], "chosen": current, "chosen_objective": now,
              "points": rows}
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"chosen {current} (objective {now}, from {result['start_objective']}); wrote {args.out}")


if __name__ == "__main__":
    main()
