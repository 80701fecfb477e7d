"""Fit ``ExtractiveConfig.conflict_overlap``: when an answer says the reports give different figures.

    .venv/bin/ragqa eval eval/questions.jsonl --out runs/cf-questions     # and each other tuning set
    python eval/fit_conflict.py runs/cf-questions runs/cf-tuning_random ... [runs/<allganize-dev run>]

An answer to a how-much question may cite sentences of several reports, and their figures may differ. That is
a conflict (the answer is headed "자료마다 수치가 다릅니다") only when the sentences give a figure for the same
thing; two reports' figures for different things (a model's training cost and another model's query price) are
not. Same thing is measured as the overlap of the two sentences' content words (``subject_overlap``: Jaccard
of their Kiwi nouns, Latin and Chinese-character words). Each cited pair from two reports whose figures of one
kind differ (``figures_conflict``: read with their units) is labelled from the question's gold: a conflict when each sentence states one of the facts the answer must
include and they state different ones (the gold asks for both reports' figures); otherwise not (every pair of
a set whose gold is a reference answer, such as allganize-dev's one-document questions, is not). The header is
said of an answer when any of its pairs reaches the threshold, so answers are scored: an answer's highest overlap
against whether any of its pairs is a conflict. The threshold is the middle of the widest gap between observed
overlaps among those that head the most answers right. Tuning runs only: no test question."""

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ragqa.answer.question import question_type  # noqa: E402
from ragqa.answer.sentences import figures_conflict, subject_overlap  # noqa: E402
from ragqa.evaluation.metrics import fact_present  # noqa: E402


def pairs(run: Path) -> list[dict]:
    """Every pair of an answer's citations from two documents whose figures of one kind differ, labelled."""
    out = []
    for line in (run / "results.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r.get("abstained") or question_type(r["question"]) != "number":
            continue
        facts = r.get("must_include") or []
        for a, b in combinations(r.get("citations") or [], 2):
            if a["source"] == b["source"] or not figures_conflict(a["text"], b["text"]):
                continue
            fa = {f for f in facts if fact_present(f, a["text"])}
            fb = {f for f in facts if fact_present(f, b["text"])}
            out.append({"run": run.name, "id": r["id"], "overlap": subject_overlap(a["text"], b["text"]),
                        "conflict": bool(fa and fb and fa != fb), "a": a["text"][:70], "b": b["text"][:70]})
    return out


def answers(rows: list[dict]) -> list[tuple[float, bool]]:
    """Per answer, its pairs' highest overlap and whether any pair is a conflict: the header is said of the
    answer, once, when any pair reaches the threshold."""
    by: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        by.setdefault((r["run"], r["id"]), []).append(r)
    return [(max(r["overlap"] for r in g), any(r["conflict"] for r in g)) for g in by.values()]


def choose(items: list[tuple[float, bool]]) -> tuple[float, int]:
    """The cut between two observed overlaps that heads the most answers right (the widest gap among equals,
    as a maximum-margin classifier would), and how many it heads right."""
    values = sorted({0.0, 1.0, *(o for o, _ in items)})
    gaps = list(zip(values, values[1:]))

    def right(t: float) -> int:
        return sum((o >= t) == c for o, c in items)

    # each gap scored once; among equals the widest, and of equally wide ones the lowest
    best, _, low_middle = max((right((lo + hi) / 2), hi - lo, -(lo + hi) / 2) for lo, hi in gaps)
    return round(-low_middle, 3), best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", type=Path, nargs="+", help="ragqa eval output folders of tuning sets")
    args = ap.parse_args()
    rows = [p for run in args.runs for p in pairs(run)]
    for r in sorted(rows, key=lambda r: r["overlap"]):
        print(f"{r['overlap']:.3f} {'CONFLICT' if r['conflict'] else '-       '} {r['run']}/{r['id']}: "
              f"{r['a']} || {r['b']}")
    items = answers(rows)
    t, right = choose(items)
    conflicts = sum(c for _, c in items)
    print(f"\n{len(rows)} pairs from {len(items)} answers ({conflicts} with a conflict in the gold); "
          f"conflict_overlap = {t}: {right} of {len(items)} answers headed right "
          f"(every answer with differing figures headed a conflict, as before: {conflicts} of {len(items)})")


if __name__ == "__main__":
    main()
