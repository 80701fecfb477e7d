"""Fit the dense sentence-focus weight of retrieval (``RetrievalConfig.sentence_weight``) on the tuning split.

Retrieval only (no answers): every answerable question of eval/questions.jsonl, and of a reference-answer
set's fit half (``--reference``, the documents ``fit_abstention.fit_half`` picks; the other half is never
fitted on), is searched with each weight of the grid; the objective is the mean of hit@1 and MRR over
those questions, the two sets weighted equally. The smallest weight within 0.005 of the best is chosen
(no re-ranking unless it pays). Writes eval/retrieval_fit.json with every grid point.

    python eval/fit_retrieval.py --reference ../shared/external/allganize-dev --reference-index DIR
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8)
TIE = 0.005


def scorer(engine, questions, reference: bool):
    """A function weight -> (hit@1, MRR) over ``questions`` with that sentence weight."""
    from ragqa.evaluation import metrics as M
    from ragqa.evaluation.runner import _reference_gold, gold_texts

    texts = gold_texts(questions, engine.cfg.paths.corpus_dir)
    golds = [(q, _reference_gold(q.gold, texts) if reference else M.resolve_quotes(q.gold, texts))
             for q in questions]
    golds = [(q, g) for q, g in golds if g]
    retriever = engine.retriever
    base = retriever.cfg

    def score(weight: float) -> tuple[float, float, int]:
        retriever.cfg = dataclasses.replace(base, sentence_weight=weight)
        hit1 = mrr = 0.0
        for q, gold in golds:
            spans = [M.Span(h.chunk.source, h.chunk.start, h.chunk.end) for h in retriever.search(q.question).hits]
            hit1 += M.hit_at_k(spans, gold, 1)
            mrr += M.mrr(spans, gold)
        retriever.cfg = base
        return hit1 / len(golds), mrr / len(golds), len(golds)

    return score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    ap.add_argument("--reference", type=Path, help="a reference-answer set (questions.jsonl, docs/); its fit half")
    ap.add_argument("--reference-index", type=Path, help="the index of that set's docs/")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "retrieval_fit.json")
    args = ap.parse_args()
    if "test" in args.questions.name:
        sys.exit("retrieval weights are fitted on the tuning split only")

    from fit_abstention import fit_half

    from ragqa.config import Config
    from ragqa.engine import Engine
    from ragqa.evaluation.runner import read_questions

    cfg = Config.from_env()
    sets = []
    tuning, problems = read_questions(args.questions)
    if problems:
        sys.exit("\n".join(problems))
    sets.append(("tuning", scorer(Engine(cfg), [q for q in tuning if q.answerable and q.gold], False)))
    if args.reference:
        ref, _ = read_questions(args.reference / "questions.jsonl")
        half = fit_half([q.doc for q in ref])
        engine = Engine(cfg.replace(paths={"corpus_dir": (args.reference / "docs").resolve(),
                                           "index_dir": args.reference_index.resolve()}))
        sets.append((f"{args.reference.name} fit half",
                     scorer(engine, [q for q in ref if q.doc in half and q.answerable and q.gold], True)))
    rows = []
    for w in GRID:
        row = {"sentence_weight": w}
        for name, score in sets:
            h, m, n = score(w)
            row[name] = {"hit@1": round(h, 4), "mrr": round(m, 4), "n": n}
        row["objective"] = round(sum((row[name]["hit@1"] + row[name]["mrr"]) / 2 for name, _ in sets) / len(sets), 4)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    best = max(r["objective"] for r in rows)
    chosen = min(r["sentence_weight"] for r in rows if r["objective"] >= best - TIE)
    out = {"chosen": {"sentence_weight": chosen}, "objective": "mean over the sets of (hit@1 + MRR) / 2",
           "tie": TIE, "date": dt.date.today().isoformat(),
           "command": "python eval/fit_retrieval.py" + (" --reference ../shared/external/allganize-dev "
                                                       "--reference-index DIR" if args.reference else ""),
           "grid": rows}
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"sentence_weight = {chosen} (objective {best}); wrote {args.out}")


if __name__ == "__main__":
    main()
