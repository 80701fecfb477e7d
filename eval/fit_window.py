"""Fit how a long sentence is cut to the clauses that answer (ExtractiveConfig.max_chars, window_figure_bonus,
window_length_cost) on data.

A sentence longer than ``max_chars`` (a long row: its cells) is answered by the run of consecutive clauses scoring
best by the share of the question's terms it covers, plus ``window_figure_bonus`` when a how-much question's run
states a figure, minus ``window_length_cost`` a character. Those three were set by hand; here each is searched
in turn (a coordinate search, the others at their current values), scored as eval/fit_parts.py scores a choice:

- the fit half of a reference-answer set (``--reference``, every other document in name order): mean key-fact
  recall of the answers (refusals count 0), and
- the tuning split (every set of ``fit_abstention.TUNING_SETS``): correct & concise,

the gain being the sum of the two means' changes from the current values. A value moves only when it gains more
than one tuning question's correct & concise (as eval/fit_extractive.py); within that margin the current value
stays. The reference set's other half and the test split are never used here.

    RAGQA_EMBED_DTYPE=fp32 RAGQA_INDEX=runs/index-fp32 python eval/fit_window.py \\
        --reference ../shared/external/allganize-dev --reference-index runs/allganize-index

Writes eval/window_fit.json (the grids and the choice); copy a moved value into config.py's ExtractiveConfig.
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

from fit_abstention import TUNING_SETS  # noqa: E402
from fit_parts import add_gain, load, score  # noqa: E402

GRIDS = {
    "max_chars": (150, 200, 300, 400),
    "window_figure_bonus": (0.0, 0.25, 0.5, 1.0),
    "window_length_cost": (0.0, 0.00025, 0.0005, 0.001, 0.002),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", type=Path, required=True)
    ap.add_argument("--reference-index", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "window_fit.json")
    args = ap.parse_args()
    (tuning_engine, tuning, tuning_texts), (ref_engine, ref, ref_texts), fit_docs = load(
        args.reference, args.reference_index, list(TUNING_SETS))
    base = tuning_engine.cfg.extractive
    current = {name: getattr(base, name) for name in GRIDS}
    answerable = sum(q.type != "unanswerable" for q in tuning)
    margin = 1 / answerable  # one tuning question's correct & concise

    def measure(values: dict) -> dict:
        row = {**values, "reference_fit_half": score(ref_engine, ref, ref_texts, **values),
               "tuning": score(tuning_engine, tuning, tuning_texts, **values)}
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
        return row

    searches = {}
    for name, grid in GRIDS.items():
        rows = [measure({**current, name: value}) for value in grid]
        add_gain(rows, next(r for r in rows if r[name] == current[name]))
        best = max(rows, key=lambda r: r["gain"])
        if best["gain"] > margin:
            current[name] = best[name]
        searches[name] = rows
        print(f"{name}: {current[name]} (best gain {best['gain']} at {best[name]}, margin {margin:.4f})", file=sys.stderr)
    out = {"fitted": dt.date.today().isoformat(), "reference": str(args.reference), "fit_documents": sorted(fit_docs),
           "questions": {"reference_fit_half": len(ref), "tuning": len(tuning), "tuning_answerable": answerable},
           "rule": "coordinate search, each constant over its grid with the others at their current values; gain = "
                   "change of fit-half key-fact recall + change of tuning correct & concise from the current value; "
                   "a value moves only by more than one tuning question's correct & concise",
           "start": {name: getattr(base, name) for name in GRIDS}, "choice": current, "searches": searches}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"choice: {current}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
