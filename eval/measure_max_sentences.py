"""Measure ``AnswerConfig.max_sentences`` (how many sentences an extractive answer holds, a multi-part answer
aside) on the tuning split's answerable questions, abstention off.

Each question is searched once and answered at every value; an answer's length counts a citation marker per
quote, as the composed answer has. Correct and correct & concise (``ragqa.evaluation.metrics``) compare them.

    RAGQA_EMBED_DTYPE=fp32 RAGQA_INDEX=runs/index-fp32 python eval/measure_max_sentences.py --values 1 2 3 4 5
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))


def main() -> None:
    from fit_abstention import ANSWERABLE_SETS, read_all

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--values", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    args = ap.parse_args()

    from tqdm import tqdm

    from ragqa.answer.extractive import ExtractiveAnswerer
    from ragqa.config import Config
    from ragqa.engine import Engine
    from ragqa.evaluation import metrics as M

    cfg = Config.from_env()
    engine = Engine(cfg)
    engine.build(progress=True)
    answerers = {n: ExtractiveAnswerer(engine.index, engine.embedder, max_sentences=n, cfg=cfg.extractive)
                 for n in args.values}
    questions = [q for q in read_all(list(ANSWERABLE_SETS)) if q.type != "unanswerable"]
    right = dict.fromkeys(args.values, 0)
    concise = dict.fromkeys(args.values, 0)
    chars = dict.fromkeys(args.values, 0)
    for q in tqdm(questions, desc="max_sentences", unit="q"):
        hits = engine.search(q.question).hits
        texts = {h.chunk.source: engine.source_text(h.chunk.source) for h in hits}
        for n, answerer in answerers.items():
            picks = answerer.answer(q.question, hits, texts, decide=False).picks
            answer = " ".join(f"{p.text} [{p.hit_no}]" for p in picks)
            right[n] += M.correct(answer, q.must_include) == 1.0
            concise[n] += M.correct_and_concise(answer, q.must_include, q.type) == 1.0
            chars[n] += len(answer)
    for n in args.values:
        print(f"max_sentences={n}: correct {right[n]}/{len(questions)}, correct & concise {concise[n]}, "
              f"mean {chars[n] / len(questions):.0f} characters")


if __name__ == "__main__":
    main()
