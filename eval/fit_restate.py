"""Fit when a best sentence only restates the question (ExtractiveConfig.restate_novelty) on data.

A sentence written in the question's own words (a heading such as "e커머스 통합으로 리소스를 효율적으로
활용할 수 있습니다.", a lead-in such as "…가치 사슬은 크게 세 단계로 구분하였다:") matches the question best
and answers nothing: what answers follows it. ``ragqa.answer.sentences.restates`` calls a sentence such when at
most ``restate_novelty`` of its content words are not the question's and it states no figure the question
lacks; the next sentence of its passage then joins the answer. The value is chosen, as eval/fit_parts.py
chooses its constants, on

- the fit half of a reference-answer set (``--reference``, every other document in name order): mean
  key-fact recall of the answers, and
- every answerable tuning set (eval/fit_abstention.py's ANSWERABLE_SETS): correct & concise,

the sum of the two means' changes from the test switched off. Among equals the smaller value (the test
firing on fewer sentences) wins. The reference set's other half and the test split report the result.

    RAGQA_INDEX=DIR python eval/fit_restate.py --reference ../shared/external/allganize-dev --reference-index DIR2

Writes eval/restate_fit.json (the grid and the choice); copy the choice into config.py's ExtractiveConfig.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from fit_abstention import ANSWERABLE_SETS  # noqa: E402
from fit_parts import add_gain, load, score  # noqa: E402

GRID = (-1.0, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5)  # -1: off


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", type=Path, required=True)
    ap.add_argument("--reference-index", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "restate_fit.json")
    args = ap.parse_args()
    (tuning_engine, tuning, tuning_texts), (ref_engine, ref, ref_texts), fit_docs = load(
        args.reference, args.reference_index, list(ANSWERABLE_SETS))

    grid = []
    for novelty in GRID:
        row = {"restate_novelty": novelty,
               "reference_fit_half": score(ref_engine, ref, ref_texts, restate_novelty=novelty),
               "tuning": score(tuning_engine, tuning, tuning_texts, restate_novelty=novelty)}
        grid.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    add_gain(grid, grid[0])
    best = max(grid, key=lambda r: (r["gain"], -r["restate_novelty"]))
    out = {"fitted": dt.date.today().isoformat(), "reference": str(args.reference),
           "fit_documents": sorted(fit_docs), "tuning_sets": [p.name for p in ANSWERABLE_SETS],
           "questions": {"reference_fit_half": len(ref), "tuning": len(tuning)},
           "rule": "max (fit-half key-fact recall + tuning correct & concise), as changes from the test off (-1); "
                   "ties: the smaller value",
           "choice": {"restate_novelty": best["restate_novelty"]}, "grid": grid}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"choice: {out['choice']} (fit-half key-fact recall {best['reference_fit_half']['key_fact_recall']}, "
          f"tuning correct & concise {best['tuning']['correct_concise']}, gain {best['gain']}); wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
