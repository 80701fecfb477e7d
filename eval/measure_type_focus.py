"""Measure (not fit, not used by ragqa) whether retrieval gains from the answer type: a how-much question
(``answer.question.question_type`` == "number") preferring a head passage whose sentences that best match the
question's terms state a figure of the asked kind (``has_answer_number``, with the asked unit where the question
names one: ``unit_pattern``), the classic answer-type filter of factoid QA.

The bonus ``weight`` is added to the lexical focus re-ranking of the fused head (``HybridRetriever.focus_rerank``,
the same place the focus bonuses go) for each passage with such a sentence among those covering at least half the
best sentence's idf-weighted question terms. Every answerable tuning question and allganize-dev's fit half are
searched at each weight; hit@1 and MRR are printed (the objective ``eval/fit_retrieval.py`` fits on).

    python eval/measure_type_focus.py --reference ../shared/external/allganize-dev --reference-index DIR

Measured 2026-12-03, fp32 (docs/history.md, "Measured next"): hit@1 on the 165 tuning questions 0.848 at weight 0,
0.848 / 0.848 / 0.855 / 0.842 / 0.836 at 0.05 / 0.1 / 0.15 / 0.2 / 0.3 (one question up at 0.15, then down);
the fit half (21 with gold passages) 0.952 at every weight. Not built.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))
WEIGHTS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)


def type_bonus(retriever, question: str, terms: list[str], rows: list[int], weight: float) -> dict[int, float]:
    """``weight`` for each of ``rows`` holding a figure of the asked kind in a sentence on the question's terms."""
    from ragqa.answer.question import question_type, unit_pattern
    from ragqa.answer.sentences import has_answer_number

    if not weight or question_type(question) != "number":
        return {}
    unit = unit_pattern(question)
    bm25 = retriever.index.bm25
    idf = {t: float(bm25.idf[bm25.vocab[t]]) for t in set(terms) if t in bm25.vocab}
    out = {}
    for r in rows:
        sentences = retriever.index.chunks[r].sentences
        cover = [sum(idf.get(t, 0.0) for t in set(s)) for s in retriever.index.sentence_terms[r]]
        if not sentences or not cover or max(cover) <= 0:
            continue
        if any(c >= 0.5 * max(cover) and has_answer_number(s.text) and (unit is None or unit.search(s.text))
               for c, s in zip(cover, sentences)):
            out[r] = weight
    return out


def measure(engine, questions, reference: bool) -> None:
    """hit@1 and MRR at each weight, scored by ``fit_retrieval.scorer`` (the fit's own objective)."""
    from fit_retrieval import scorer

    from ragqa.retrieval import hybrid

    score = scorer(engine, questions, reference)
    plain_search, plain_focus = hybrid.HybridRetriever.search, hybrid.HybridRetriever.focus_rerank
    asked = {}

    def search(self, query, *args, **kwargs):  # focus_rerank is not told the question: note it here
        asked["q"] = query
        return plain_search(self, query, *args, **kwargs)

    for weight in WEIGHTS:
        def focus_rerank(self, terms, ordered, fused, dense_scores, depth=None, bonus=None, w=weight):
            depth = self.cfg.focus_depth if depth is None else depth
            extra = dict(bonus or {})
            for r, v in type_bonus(self, asked["q"], terms, ordered[:depth], w).items():
                extra[r] = extra.get(r, 0.0) + v
            return plain_focus(self, terms, ordered, fused, dense_scores, depth, extra)

        hybrid.HybridRetriever.search, hybrid.HybridRetriever.focus_rerank = search, focus_rerank
        try:
            hit1, mrr, n = score({})
        finally:
            hybrid.HybridRetriever.search, hybrid.HybridRetriever.focus_rerank = plain_search, plain_focus
        print(f"  weight {weight}: hit@1 {hit1:.4f}  MRR {mrr:.4f}  (n={n})", flush=True)


def main() -> None:
    from fit_abstention import ANSWERABLE_SETS, fit_half, read_all

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, help="a reference-answer set (questions.jsonl, docs/); its fit half")
    ap.add_argument("--reference-index", type=Path, help="the index of that set's docs/")
    args = ap.parse_args()

    from ragqa.config import Config
    from ragqa.engine import Engine
    from ragqa.evaluation.runner import read_questions

    cfg = Config.from_env()
    print("tuning split, answerable questions")
    measure(Engine(cfg), [q for q in read_all(list(ANSWERABLE_SETS)) if q.answerable and q.gold], False)
    if args.reference:
        ref, _ = read_questions(args.reference / "questions.jsonl")
        half = fit_half([q.doc for q in ref])
        engine = Engine(cfg.replace(paths={"corpus_dir": (args.reference / "docs").resolve(),
                                           "index_dir": args.reference_index.resolve()}))
        print(f"{args.reference.name} fit half")
        measure(engine, [q for q in ref if q.doc in half and q.answerable and q.gold], True)


if __name__ == "__main__":
    main()
