"""Measure (not fit) whether the passage an extractive answer quotes first should be shown first: hit@1 and MRR of
the contexts as retrieved against the same contexts reordered, the passages the answer cites in the order its
citations appear, then the rest in retrieval order. Refusals keep the retrieval order.

It reads finished ``ragqa eval`` runs (their ``results.jsonl``) and scores them with the eval's own span functions,
so nothing is searched or answered again:

    python eval/measure_citation_order.py runs/bl53-questions runs/bl53-tuning_random ... --index runs/index-fp32

Each run's question set is found by its folder name after the first dash (``bl53-tuning_random`` ->
``eval/tuning_random.jsonl``), or given as ``RUN=SET.jsonl``. Measured 2026-12-06 (stop 54, docs/history.md) on
stop 53's runs: 5 hits fewer on the 230 answerable tuning questions, so the retrieval order stays.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ragqa.evaluation import metrics as M  # noqa: E402
from ragqa.evaluation.runner import gold_texts, located_spans, read_questions  # noqa: E402

CITE = re.compile(r"\[(\d+)\]")


def cited_first(result: dict) -> list[dict]:
    """The contexts with the ones the answer cites first, in the order the answer cites them."""
    contexts = result.get("contexts") or []
    if result.get("abstained"):
        return contexts
    by_n = {int(c.get("n", i + 1)): c for i, c in enumerate(contexts)}
    order: list[int] = []
    for m in CITE.finditer(result.get("answer") or ""):
        n = int(m.group(1))
        if n in by_n and n not in order:
            order.append(n)
    front = [by_n[n] for n in order]
    return front + [c for c in contexts if all(c is not f for f in front)]


def measure(results: list[dict], questions: dict, texts: dict[str, str]) -> dict[str, float]:
    rows = []
    for result in results:
        q = questions.get(result["id"])
        if q is None or not q.answerable or not q.gold:
            continue
        gold = M.resolve_quotes(q.gold, texts)
        before, after = located_spans(result.get("contexts") or []), located_spans(cited_first(result))
        if before:
            rows.append((M.hit_at_k(before, gold, 1), M.hit_at_k(after, gold, 1), M.mrr(before, gold), M.mrr(after, gold)))
    n = len(rows)
    if not n:
        return {"n": 0}
    sums = [sum(r[i] for r in rows) for i in range(4)]
    return {"n": n, "hit@1": round(sums[0] / n, 3), "hit@1 cited first": round(sums[1] / n, 3),
            "mrr": round(sums[2] / n, 3), "mrr cited first": round(sums[3] / n, 3), "hits gained": sums[1] - sums[0]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("runs", nargs="+", help="ragqa eval output folders, or RUN=QUESTIONS.jsonl")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--index", type=Path, help="the index the runs searched (its kept texts are the offsets' own)")
    args = ap.parse_args()
    total = 0.0
    for spec in args.runs:
        run, _, qfile = spec.partition("=")
        run_dir = Path(run)
        qpath = Path(qfile) if qfile else ROOT / "eval" / f"{run_dir.name.split('-', 1)[1]}.jsonl"
        questions = {q.id: q for q in read_questions(qpath)[0]}
        texts = gold_texts(questions.values(), args.corpus, args.index)
        results = [json.loads(line) for line in (run_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()
                   if line.strip()]
        row = measure(results, questions, texts)
        total += row.get("hits gained", 0)
        print(json.dumps({"run": run_dir.name, **row}, ensure_ascii=False))
    print(json.dumps({"hits gained in all": total}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
