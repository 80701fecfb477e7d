"""Measure (not fit) how many passages the answerer reads (``RetrievalConfig.k``) and how they are retrieved
(``RetrievalConfig.mode``: hybrid, dense, bm25) on the tuning split.

Every answerable tuning question (``fit_abstention.ANSWERABLE_SETS``) is searched with each k and answered with
abstention off, as ``eval/measure_chunk_size.py`` does for the chunk size. Within a mode hit@1 and answer@1 do
not depend on k (MRR is cut at k), so correct and correct & concise are what compare the values of k. The
abstention model was fitted on features read from k=5 hybrid passages, so a k or mode that wins here would need
a refit before it could ship.

    python eval/measure_k.py --ks 3 5 8 --out runs/k.json
    python eval/measure_k.py --ks 5 --modes hybrid dense bm25 --out runs/modes.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))


def main() -> None:
    from measure_chunk_size import answerable_questions, measure

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ks", type=int, nargs="+", default=[3, 5, 8])
    ap.add_argument("--modes", nargs="+", choices=["hybrid", "dense", "bm25"],
                    help="retrieval modes to measure at each k (default: the configured one)")
    ap.add_argument("--out", type=Path, help="write the figures as JSON here too")
    args = ap.parse_args()

    from ragqa.config import Config
    from ragqa.engine import Engine

    base = Config.from_env()
    questions = answerable_questions()
    engine = Engine(base)
    engine.build(progress=True)
    out = {}
    for mode in args.modes or [base.retrieval.mode]:
        for k in args.ks:
            name = f"{mode} k={k}"
            out[name] = measure(engine, questions, k=k, mode=mode)
            print(f"{name}: {json.dumps(out[name])}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
