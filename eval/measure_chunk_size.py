"""Measure (not fit) how the chunk size (``ChunkConfig.max_chars``) moves retrieval and extractive answers on the
tuning split.

For each size an index of the corpus is built in its own folder (``--work``; the shipped size is read from the
project's index when it matches), and every answerable tuning question (``fit_abstention.ANSWERABLE_SETS``) is
searched and answered with abstention off (what ``eval/fit_extractive.py`` optimizes): hit@1, answer@1 (a
passage stating every must-include fact counts as found), MRR, correct, correct & concise. Bigger passages make
hit@1 and answer@1 easier by construction (more text per passage), so the answers are the measure that compares
sizes; they also favour the current size, on which the sentence-scoring constants were fitted.

    python eval/measure_chunk_size.py --sizes 350 500 700 --work runs/chunk-sizes
    python eval/measure_chunk_size.py --sizes 500 --overlaps 0 1 2 --work runs/chunk-sizes

Measured 2026-12-03, fp32 (docs/history.md, "Measured next"): 487 / 352 / 292 passages, correct 0.861 / 0.861 / 0.848,
correct & concise 0.818 / 0.812 / 0.806 on the 165 answerable tuning questions; 500 stays.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))


def answerable_questions() -> list:
    """The answerable tuning questions ``measure`` can score: a gold passage and must-include facts."""
    from fit_abstention import ANSWERABLE_SETS, read_all

    return [q for q in read_all(list(ANSWERABLE_SETS)) if q.answerable and q.gold and q.must_include]


def measure(engine, questions, k: int | None = None, mode: str | None = None) -> dict:
    """Search and answer every question (abstention off) with k passages retrieved by mode (default: as
    configured)."""
    from ragqa.answer.abstention import AbstentionModel
    from ragqa.answer.extractive import ExtractiveAnswerer
    from ragqa.evaluation import metrics as M
    from ragqa.evaluation.runner import gold_texts

    cfg = engine.cfg
    texts = gold_texts(questions, cfg.paths.corpus_dir, cfg.paths.index_dir)
    answerer = ExtractiveAnswerer(engine.index, engine.embedder, max_sentences=cfg.answer.max_sentences,
                                  cfg=cfg.extractive, abstention=AbstentionModel.neutral())
    rows = {"hit@1": [], "answer@1": [], "mrr": [], "correct": [], "correct_concise": []}
    for i, q in enumerate(questions, start=1):
        gold = M.resolve_quotes(q.gold, texts)
        hits = engine.search(q.question, k=k, mode=mode).hits
        spans = [M.Span(h.chunk.source, h.chunk.start, h.chunk.end) for h in hits]
        rows["hit@1"].append(M.hit_at_k(spans, gold, 1))
        rows["mrr"].append(M.mrr(spans, gold))
        rows["answer@1"].append(M.answer_hit_at_k(spans, [h.chunk.text for h in hits], gold, q.must_include, 1))
        sources = {h.chunk.source: engine.source_text(h.chunk.source) for h in hits}
        res = answerer.answer(q.question, hits, sources, decide=False)
        answer = " ".join(p.text for p in res.picks)
        rows["correct"].append(M.correct(answer, q.must_include))
        rows["correct_concise"].append(M.correct_and_concise(answer, q.must_include, q.type))
        print(f"\r  {i}/{len(questions)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    return {k: round(M.mean(v), 4) for k, v in rows.items()} | {"questions": len(questions),
                                                                 "passages": len(engine.index.chunks)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[350, 500, 700])
    ap.add_argument("--overlaps", type=int, nargs="+", help="sentences of overlap to measure at each size "
                    "(default: the configured one only)")
    ap.add_argument("--work", type=Path, default=ROOT / "runs" / "chunk-sizes")
    ap.add_argument("--out", type=Path, help="write the figures as JSON here too")
    args = ap.parse_args()

    from ragqa.config import Config
    from ragqa.engine import Engine

    base = Config.from_env()
    questions = answerable_questions()
    out = {}
    overlaps = args.overlaps or [base.chunk.overlap_sentences]
    for size in args.sizes:
        for overlap in overlaps:
            shipped = size == base.chunk.max_chars and overlap == base.chunk.overlap_sentences
            name = f"{size}" if overlap == base.chunk.overlap_sentences else f"{size}-overlap{overlap}"
            index_dir = base.paths.index_dir if shipped else args.work / f"index-{name}"
            cfg = base.replace(chunk={"max_chars": size, "overlap_sentences": overlap},
                               paths={"index_dir": index_dir.resolve()})
            engine = Engine(cfg)
            print(f"chunk size {size}, overlap {overlap}: index {index_dir}", file=sys.stderr)
            engine.build(progress=True)
            out[name] = measure(engine, questions)
            print(f"{name}: {json.dumps(out[name])}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
