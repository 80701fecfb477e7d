"""Measure ``ExtractiveConfig`` variants end to end on the tuning split, the shipped abstention model deciding.

Every question of the fitted tuning sets (``fit_abstention.TUNING_SETS``, near-misses included) and, reported
apart, of ``eval/tuning_random6.jsonl`` (outside every fit) is searched once and answered by one answerer per
variant; a variant is a name and the ``ExtractiveConfig`` fields it changes, as JSON. For each: right answers
(every ``must_include`` fact in the answer), correct & concise, false abstentions, abstentions on near-misses and
the utility the abstention threshold is chosen by (``fit_abstention.utility``, near-misses weighted to 20%). About
a minute for all variants on two cores: answers only, no report, no citation scoring (``ragqa eval`` does those).

    RAGQA_EMBED_DTYPE=fp32 RAGQA_INDEX=runs/index-fp32 python eval/measure_variants.py \\
        'before={"type_shown": false}' 'after={}' --rows runs/variants.json

``--rows`` writes each question's decision, confidence and score per variant (to see which moved).
``--reference DIR --reference-index INDEX`` answers a reference-answer set of another corpus too (allganize-dev)
and reports, per variant, key-fact recall and precision of the answers' text on its fit half (the documents the
abstention model is fitted with, ``fit_abstention.fit_half``) and its report half apart, and the median length.
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

FRESH = ROOT / "eval" / "tuning_random6.jsonl"


def variant(arg: str) -> tuple[str, dict]:
    name, _, fields = arg.partition("=")
    if not name or not fields:
        raise argparse.ArgumentTypeError(f"expected NAME=JSON, got {arg!r}")
    return name, json.loads(fields)


def _answered(variants: dict[str, dict], cfg, questions, desc: str):
    """Each of ``questions`` searched once in ``cfg``'s index and answered by one answerer per variant (a name and
    the ``ExtractiveConfig`` fields it changes), the shipped abstention model deciding: yields ``(question,
    {name: (result, its sentences joined)})``."""
    from tqdm import tqdm

    from ragqa.answer.extractive import ExtractiveAnswerer
    from ragqa.engine import Engine

    engine = Engine(cfg)
    engine.build(progress=True)
    answerers = {name: ExtractiveAnswerer(engine.index, engine.embedder, max_sentences=cfg.answer.max_sentences,
                                          cfg=dataclasses.replace(cfg.extractive, **fields))
                 for name, fields in variants.items()}
    for q in tqdm(questions, desc=desc, unit="q"):
        hits = engine.search(q.question).hits
        texts = {h.chunk.source: engine.source_text(h.chunk.source) for h in hits}
        results = {name: answerer.answer(q.question, hits, texts) for name, answerer in answerers.items()}
        yield q, {name: (r, " ".join(p.text for p in r.picks)) for name, r in results.items()}


def answer_all(variants: dict[str, dict], paths) -> list[dict]:
    """Every question of ``paths`` answered by each variant (``_answered``): one row per question, ``{"set", "id",
    "type", "variants": {name: {"answered", "confidence", "right", "concise", "chars"}}}`` (chars: the answer's
    length)."""
    from fit_abstention import read_all

    from ragqa.config import Config
    from ragqa.evaluation import metrics as M

    pairs = [(p.stem, q) for p in paths for q in read_all([p])]
    rows = []
    answered = _answered(variants, Config.from_env(), [q for _, q in pairs], "variants")
    for (qset, _), (q, answers) in zip(pairs, answered):
        outcomes = {}
        for name, (r, text) in answers.items():
            right = q.type != "unanswerable" and not r.abstain and M.correct(text, q.must_include) == 1.0
            outcomes[name] = {"answered": not r.abstain, "confidence": round(r.confidence, 3), "right": right,
                              "concise": right and len(text) <= M.concise_limit(q.type), "chars": len(text)}
        rows.append({"set": qset, "id": q.id, "type": q.type, "variants": outcomes})
    return rows


def answer_reference(variants: dict[str, dict], dataset: Path, index: Path) -> list[dict]:
    """Every question of a reference-answer set (``dataset``: ``docs/`` and ``questions.jsonl``) answered by each
    variant in its own index (``_answered``): one row per question, ``{"doc", "id", "variants": {name: {"answered",
    "recall", "precision", "chars"}}}``, key facts read from the answer's sentences."""
    from fit_abstention import read_all

    from ragqa.config import Config
    from ragqa.evaluation import metrics as M

    cfg = Config.from_env()
    cfg = cfg.replace(paths={"corpus_dir": (dataset / "docs").resolve(), "index_dir": index.resolve(),
                             "models_dir": cfg.paths.models_dir.resolve()})
    rows = []
    for q, answers in _answered(variants, cfg, read_all([dataset / "questions.jsonl"]), dataset.name):
        rows.append({"doc": q.doc, "id": q.id, "variants": {
            name: {"answered": not r.abstain, "chars": len(text),
                   "recall": M.key_fact_recall(text, q.answer, q.question),
                   "precision": M.key_fact_precision(text, q.answer, q.question)}
            for name, (r, text) in answers.items()}})
    return rows


def reference_figures(rows: list[dict], name: str) -> dict:
    """One variant's key-fact recall and precision (means over the questions) and median answer length."""
    import statistics

    out = {k: round(float(np.mean([r["variants"][name][k] for r in rows])), 3) for k in ("recall", "precision")}
    out["chars_median"] = statistics.median(r["variants"][name]["chars"] for r in rows)
    out["answered"] = sum(r["variants"][name]["answered"] for r in rows)
    return out


def figures(rows: list[dict], name: str, unanswerable_share: float = 0.2) -> dict:
    """One variant's decisions over ``rows``: right answers, correct & concise, false abstentions, near-misses
    refused and the utility the abstention threshold is chosen by (near-misses weighted to ``unanswerable_share``)."""
    from fit_abstention import unanswerable_weight, utility

    answerable = np.array([r["type"] != "unanswerable" for r in rows])
    answered = np.array([r["variants"][name]["answered"] for r in rows])
    right = np.array([float(r["variants"][name]["right"]) for r in rows])
    # utility() reads p >= t as answered: the decisions as probabilities 1 / 0 at threshold 0.5
    u = utility(answered.astype(float), right, answerable, 0.5, 0.0, unanswerable_weight(answerable, unanswerable_share))
    return {"correct": int(right.sum()), "answerable": int(answerable.sum()),
            "correct_concise": sum(r["variants"][name]["concise"] for r in rows),
            "false_abstention": int((~answered & answerable).sum()),
            "abstained_unanswerable": int((~answered & ~answerable).sum()),
            "unanswerable": int((~answerable).sum()), "utility": round(u, 2)}


def main() -> int:
    from fit_abstention import TUNING_SETS

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("variants", nargs="+", type=variant, help="NAME=JSON of ExtractiveConfig fields")
    ap.add_argument("--rows", type=Path, help="write every question's outcome per variant as JSON")
    ap.add_argument("--unanswerable-share", type=float, default=0.2)
    ap.add_argument("--reference", type=Path, help="a reference-answer set of another corpus (its folder)")
    ap.add_argument("--reference-index", type=Path, help="the index of that set's docs/ (ragqa index)")
    args = ap.parse_args()
    if args.reference and not args.reference_index:
        ap.error("--reference needs --reference-index")

    rows = answer_all(dict(args.variants), (*TUNING_SETS, FRESH))
    for part, fresh in (("tuning (fitted sets)", False), (f"{FRESH.stem} (outside every fit)", True)):
        subset = [r for r in rows if (r["set"] == FRESH.stem) == fresh]
        answerable = sum(r["type"] != "unanswerable" for r in subset)
        print(f"{part}: {answerable} answerable, {len(subset) - answerable} near-misses")
        for name, _ in args.variants:
            f = figures(subset, name, args.unanswerable_share)
            print(f"  {name}: right {f['correct']}, correct & concise {f['correct_concise']}, false abstentions "
                  f"{f['false_abstention']}, near-misses refused {f['abstained_unanswerable']}, utility {f['utility']:.2f}")
    if args.reference:
        from fit_abstention import fit_half

        ref = answer_reference(dict(args.variants), args.reference, args.reference_index)
        fitted = fit_half([r["doc"] for r in ref])
        for part, half in (("fit half", [r for r in ref if r["doc"] in fitted]),
                           ("report half", [r for r in ref if r["doc"] not in fitted])):
            print(f"{args.reference.name} {part}: {len(half)} questions")
            for name, _ in args.variants:
                f = reference_figures(half, name)
                print(f"  {name}: key-fact recall {f['recall']:.3f}, precision {f['precision']:.3f}, "
                      f"answered {f['answered']}, median {f['chars_median']} chars")
        rows += [{"set": args.reference.name, **r} for r in ref]
    if args.rows:
        args.rows.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
