"""Fit retrieval's fusion and re-ranking constants (``RetrievalConfig``) on the tuning split.

Retrieval only (no answers): every answerable question of the tuning split
(``fit_abstention.ANSWERABLE_SETS``: every tuning file but eval/tuning_nearmiss.jsonl, which holds near-misses
only), and of a reference-answer set's fit half (``--reference``, the documents ``fit_abstention.fit_half``
picks; the other half is never fitted on), is searched; the objective is the mean of hit@1 and MRR over those
questions, the sets weighted equally. A coordinate search starts from the current constants and takes one
constant at a time over its grid (``GRID``), the others held; a value replaces the current one only when it
beats it by more than ``TIE`` (about one question of ~150), and passes repeat until none moves. Writes
eval/retrieval_fit.json with every point evaluated.

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

GRID = {
    "sentence_weight": (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.6),
    "focus_weight": (0.0, 0.1, 0.2, 0.3, 0.45, 0.6),
    "focus_dense_gamma": (0.0, 1.0, 2.0, 4.0),
    "bm25_weight": (0.5, 0.75, 1.0, 1.5, 2.0),  # relative to dense_weight 1
    "rrf_k": (20, 40, 60, 100),
    "candidates": (20, 40, 80),  # passages each search returns before fusion (set by hand until 2026-12-03)
    # BM25's share for a question in English: its terms are the Latin names and numbers it writes (and the
    # glossary's Korean names), which the Korean text repeats only now and then
    "bm25_weight_english": (0.0, 0.25, 0.5, 1.0),
    # EmbedConfig.query_prompt: the instruction questions are embedded with ("" = the model's own query
    # prompt, EmbeddingGemma's search-result one; the model card's question-answering and fact-checking tasks)
    "query_prompt": ("", "task: question answering | query: ", "task: fact checking | query: "),
    # set by hand until 2026-12-04 (stop 40): how deep the focus may reorder, the diversity rule, the bridge step
    "focus_depth": (10, 20, 40),
    "diversity_floor": (0.4, 0.6, 0.8),
    "diversity_share": (0.4, 0.6, 0.8, 1.0),
    "bridge_weight": (0.0, 0.15, 0.3, 0.6),
    # set by hand until 2026-12-04 (stop 42): when two passages of one document are one (1.01: never)
    "duplicate_containment": (0.6, 0.7, 0.8, 0.9, 1.01),
}
EMBED_FIELDS = {"query_prompt"}  # set on the embedder, not on RetrievalConfig
TIE = 0.005
MAX_PASSES = 3


def scorer(engine, questions, reference: bool):
    """A function constants -> (hit@1, MRR, n) over ``questions`` with those retrieval constants."""
    from ragqa.evaluation import metrics as M
    from ragqa.evaluation.runner import _reference_gold, gold_texts

    texts = gold_texts(questions, engine.cfg.paths.corpus_dir, engine.cfg.paths.index_dir)
    golds = [(q, _reference_gold(q.gold, texts) if reference else M.resolve_quotes(q.gold, texts))
             for q in questions]
    golds = [(q, g) for q, g in golds if g]
    retriever = engine.retriever
    base = retriever.cfg

    def score(point: dict) -> tuple[float, float, int]:
        embedder = engine.embedder
        if "query_prompt" in point:  # the prompt is set on the torch pipeline; the ONNX graph's is fixed at load
            if not hasattr(embedder, "query_prompt"):
                raise SystemExit("query_prompt is searched with the torch embedder: RAGQA_EMBED_BACKEND=torch")
            if point["query_prompt"] != embedder.query_prompt:
                embedder.query_prompt = point["query_prompt"]
                embedder.clear_query_cache()
        retriever.cfg = dataclasses.replace(base, **{k: v for k, v in point.items() if k not in EMBED_FIELDS})
        hit1 = mrr = 0.0
        for q, gold in golds:
            spans = [M.Span(h.chunk.source, h.chunk.start, h.chunk.end) for h in retriever.search(q.question).hits]
            hit1 += M.hit_at_k(spans, gold, 1)
            mrr += M.mrr(spans, gold)
        retriever.cfg = base
        return hit1 / len(golds), mrr / len(golds), len(golds)

    return score


def search_sets(cfg, questions: list[Path], reference: Path | None = None,
                reference_index: Path | None = None) -> list[tuple[str, object, object]]:
    """The sets retrieval is scored on, as (name, engine, score): the answerable ``questions`` with gold passages
    and, with a reference-answer set, the questions on its fit half (``fit_abstention.fit_half``)."""
    from fit_abstention import fit_half, read_all

    from ragqa.engine import Engine
    from ragqa.evaluation.runner import read_questions

    engine = Engine(cfg)
    sets = [("tuning", engine, scorer(engine, [q for q in read_all(questions) if q.answerable and q.gold], False))]
    if reference:
        ref, _ = read_questions(reference / "questions.jsonl")
        half = fit_half([q.doc for q in ref])
        engine = Engine(cfg.replace(paths={"corpus_dir": (reference / "docs").resolve(),
                                           "index_dir": reference_index.resolve()}))
        sets.append((f"{reference.name} fit half", engine,
                     scorer(engine, [q for q in ref if q.doc in half and q.answerable and q.gold], True)))
    return sets


def measure_sets(sets: list[tuple[str, object, object]], point: dict) -> dict:
    """Each set's hit@1 and MRR with the constants of ``point``, and the objective: their mean over the sets."""
    row = {}
    for name, _, score in sets:
        h, m, n = score(point)
        row[name] = {"hit@1": round(h, 4), "mrr": round(m, 4), "n": n}
    row["objective"] = round(sum((row[name]["hit@1"] + row[name]["mrr"]) / 2 for name, _, _ in sets) / len(sets), 4)
    return row


def main() -> None:
    from fit_abstention import ANSWERABLE_SETS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, nargs="+", default=list(ANSWERABLE_SETS))
    ap.add_argument("--reference", type=Path, help="a reference-answer set (questions.jsonl, docs/); its fit half")
    ap.add_argument("--reference-index", type=Path, help="the index of that set's docs/")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "retrieval_fit.json")
    ap.add_argument("--only", nargs="+", choices=sorted(GRID), help="search these constants only (the others held)")
    args = ap.parse_args()
    if any("test" in p.name for p in args.questions):
        sys.exit("retrieval weights are fitted on the tuning split only")

    from coordinate import coordinate_search

    from ragqa.config import Config

    cfg = Config.from_env()
    sets = search_sets(cfg, args.questions, args.reference, args.reference_index)

    def measure(point: dict) -> dict:
        return measure_sets(sets, point)

    grid = {k: v for k, v in GRID.items() if not args.only or k in args.only}
    start = {k: getattr(cfg.embed if k in EMBED_FIELDS else cfg.retrieval, k) for k in grid}
    current, now, rows = coordinate_search(measure, start, grid, TIE, MAX_PASSES)
    out = {"chosen": current, "start": start, "objective": "mean over the sets of (hit@1 + MRR) / 2",
           "start_objective": rows[0]["objective"], "chosen_objective": now, "tie": TIE,
           "fitted_on": [str(p.resolve().relative_to(ROOT)) for p in args.questions]
           + ([f"{args.reference.name} fit half"] if args.reference else []),
           "date": dt.date.today().isoformat(),
           "command": "python eval/fit_retrieval.py" + (" --reference ../shared/external/allganize-dev "
                                                       "--reference-index DIR" if args.reference else "")
           + (f" --only {' '.join(args.only)}" if args.only else ""),
           "points": rows}
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"chosen {current} (objective {now}, from {out['start_objective']}); wrote {args.out}")


if __name__ == "__main__":
    main()
