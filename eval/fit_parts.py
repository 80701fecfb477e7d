"""Fit how much a multi-part answer may hold (ExtractiveConfig.parts_ratio, parts_max_sentences,
parts_sentence_chars) on data.

A question that asks for several things or an explanation ("…차이점은?", "…설명하시오") is answered with
further sentences scoring at least ``parts_ratio`` of the best one, up to ``parts_max_sentences`` and
``parts_max_chars`` (700, issue 12's bound), each sentence kept whole up to ``parts_sentence_chars`` (a
longer one is cut to the clauses that answer). Those numbers were set by hand; here they are chosen on

- the fit half of a reference-answer set (``--reference``, every other document in name order, as
  eval/fit_abstention.py): mean key-fact recall of the answers (refusals count 0), and
- the tuning split (eval/questions.jsonl): correct & concise (a longer answer that breaks the
  400-character "concise" bound is a worse answer there).

The choice maximizes the sum of the two means' changes from the hand-set values (0.6, 5), equal weights:
a point of key-fact recall on other domains' explanations is worth a point of correct & concise on the
five reports' questions. Among choices within one tuning question's worth of the best gain (as
eval/fit_extractive.py: a move must win by more than one question) the shorter answer (higher ratio, fewer
sentences) wins. Then, at that choice, ``parts_sentence_chars`` is searched the same way (gain from the
hand-set 300; within one question of the best, the shorter bound): a judgment's or a statute's sentence
often runs past 300 characters, and cut to its clauses it may lose the half that answers.

The reference set's other half and the test split are never used here: they report the result.

    python eval/fit_parts.py --reference ../shared/external/allganize-dev --reference-index runs/allganize-index

Writes eval/parts_fit.json (the grid and the choice); copy the choice into config.py's ExtractiveConfig.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from fit_abstention import fit_half  # noqa: E402

RATIOS = (0.6, 0.45, 0.3, 0.15)
MAX_SENTENCES = (5, 8, 12)
HAND_SET = (0.6, 5)
SENTENCE_CHARS = (300, 200, 400, 500)  # the first is the hand-set value


def score(engine, questions, texts, **extractive) -> dict:
    """The answers' key-fact recall, correct & concise and length with ``extractive`` constants set."""
    from ragqa.evaluation import metrics as M

    engine.reconfigure(engine.cfg.replace(extractive=extractive))
    rows, _ = engine.evaluate(questions, progress=False, embed_check=False, texts=texts)
    recall = [r.metrics.get("key_fact_recall") for r in rows]
    concise = [r.metrics.get("correct_concise") for r in rows]
    return {"key_fact_recall": round(M.mean([float(v) for v in recall if v is not None]), 4),
            "correct_concise": round(M.mean([float(v) for v in concise if v is not None]), 4),
            "chars_median": statistics.median(len(r.answer) for r in rows),
            "chars_max": max(len(r.answer) for r in rows)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", type=Path, required=True)
    ap.add_argument("--reference-index", type=Path, required=True)
    ap.add_argument("--tuning", type=Path, default=ROOT / "eval" / "questions.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "parts_fit.json")
    args = ap.parse_args()
    if "test" in args.tuning.name:
        ap.error("the test split is never fitted on")
    (tuning_engine, tuning, tuning_texts), (ref_engine, ref, ref_texts), fit_docs = load(
        args.reference, args.reference_index, [args.tuning])

    grid = []
    for ratio, most in itertools.product(RATIOS, MAX_SENTENCES):
        values = {"parts_ratio": ratio, "parts_max_sentences": most}
        row = {**values, "reference_fit_half": score(ref_engine, ref, ref_texts, **values),
               "tuning": score(tuning_engine, tuning, tuning_texts, **values)}
        grid.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    hand = next(r for r in grid if (r["parts_ratio"], r["parts_max_sentences"]) == HAND_SET)
    add_gain(grid, hand)
    margin = 1 / len(tuning)  # one tuning question's correct & concise
    top = max(r["gain"] for r in grid)
    best = max((r for r in grid if r["gain"] >= top - margin),
               key=lambda r: (r["parts_ratio"], -r["parts_max_sentences"]))
    chosen = {"parts_ratio": best["parts_ratio"], "parts_max_sentences": best["parts_max_sentences"]}
    sentence_grid = []
    for chars in SENTENCE_CHARS:
        values = {**chosen, "parts_sentence_chars": chars}
        row = {**values, "reference_fit_half": score(ref_engine, ref, ref_texts, **values),
               "tuning": score(tuning_engine, tuning, tuning_texts, **values)}
        sentence_grid.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    add_gain(sentence_grid, sentence_grid[0])
    top = max(r["gain"] for r in sentence_grid)
    best_chars = max((r for r in sentence_grid if r["gain"] >= top - margin), key=lambda r: -r["parts_sentence_chars"])
    out = {"fitted": dt.date.today().isoformat(), "reference": str(args.reference),
           "fit_documents": sorted(fit_docs), "questions": {"reference_fit_half": len(ref), "tuning": len(tuning)},
           "rule": "max (fit-half key-fact recall + tuning correct & concise), as changes from the hand-set "
                   f"{HAND_SET}; within one tuning question of the best: the shorter answer; then parts_sentence_chars "
                   f"at that choice, as changes from the hand-set {SENTENCE_CHARS[0]}; within one question: the "
                   "shorter bound",
           "choice": {**chosen, "parts_sentence_chars": best_chars["parts_sentence_chars"]},
           "grid": grid, "sentence_chars_grid": sentence_grid}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"choice: {out['choice']} (fit-half key-fact recall {best_chars['reference_fit_half']['key_fact_recall']}, "
          f"tuning correct & concise {best_chars['tuning']['correct_concise']}); wrote {args.out}")
    return 0


def add_gain(grid: list[dict], base: dict) -> None:
    """Each row's gain: the change of fit-half key-fact recall plus that of tuning correct & concise from ``base``."""
    for r in grid:
        r["gain"] = round(r["reference_fit_half"]["key_fact_recall"] - base["reference_fit_half"]["key_fact_recall"]
                          + r["tuning"]["correct_concise"] - base["tuning"]["correct_concise"], 4)


def load(reference: Path, reference_index: Path, tuning_paths: list[Path]):
    """(engine, questions, gold texts) of the tuning split and of the reference set's fit half (one embedder
    for both), and the fit half's documents."""
    from ragqa.config import Config
    from ragqa.engine import Engine
    from ragqa.evaluation.runner import gold_texts, load_gold, read_questions

    base = Config.from_env()
    tuning_engine = Engine(base)
    tuning = [q for path in tuning_paths for q in read_questions(path)[0]]
    tuning_texts = load_gold(tuning, base.paths.corpus_dir)
    ref_cfg = base.replace(paths={"corpus_dir": (reference / "docs").resolve(),
                                  "index_dir": reference_index.resolve(),
                                  "models_dir": base.paths.models_dir.resolve()})
    ref_engine = Engine(ref_cfg, embedder=tuning_engine.embedder)
    ref_all, _ = read_questions(reference / "questions.jsonl")
    fit_docs = fit_half([q.doc for q in ref_all])
    ref = [q for q in ref_all if q.doc in fit_docs]
    ref_texts = gold_texts(ref, ref_cfg.paths.corpus_dir, ref_cfg.paths.index_dir)
    return (tuning_engine, tuning, tuning_texts), (ref_engine, ref, ref_texts), fit_docs


if __name__ == "__main__":
    sys.exit(main())
