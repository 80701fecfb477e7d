"""Retrieval through Milvus against retrieval through FAISS, on the same build and questions.

    .venv/bin/python bench/store_parity.py [--store milvus://runs/parity/milvus.db]

Indexes the corpus if needed, syncs the Milvus store (embedded Milvus Lite unless ``--store`` names
a server), then asks every question of the tuning and the test split through both stores with the
real embedder: hit@1, hit@5 and MRR per store, and the share of questions whose top-5 passage ids
are identical (in order) — for the full hybrid pipeline and for each route alone. Writes
bench/store_parity.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from run import SPLITS, hit_span, retrieval_quality, uncached  # noqa: E402

from ragqa import korean  # noqa: E402
from ragqa.config import Config  # noqa: E402
from ragqa.engine import Engine  # noqa: E402
from ragqa.evaluation.runner import load_gold, read_questions  # noqa: E402


def top_ids(hits, k: int = 5) -> list[str]:
    return [h.chunk.chunk_id for h in hits[:k]]


def route_ids(engine: Engine, question: str, route: str, k: int = 5) -> list[int]:
    retriever = engine.retriever
    if route == "dense":
        return [r for r, _ in retriever.store.dense(engine.embedder.embed_query(question), k)]
    return [r for r, _ in retriever.store.sparse(korean.terms(question), k)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default=f"milvus://{REPO / 'runs' / 'parity' / 'milvus.db'}")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "store_parity.json")
    args = ap.parse_args()

    base = Config.from_env()
    faiss = Engine(base)
    milvus_cfg = dataclasses.replace(base, store=dataclasses.replace(base.store, uri=args.store))
    milvus = Engine(milvus_cfg, embedder=faiss.embedder)  # one model in memory, the same query vectors
    t0 = time.perf_counter()
    report = milvus.build()  # builds the index if needed, then syncs the store
    print(f"index + sync: {time.perf_counter() - t0:.1f} s ({getattr(report, 'store', '')})", file=sys.stderr)

    results: dict = {"store": args.store, "splits": {}}
    for name, path in SPLITS:
        questions, _ = read_questions(REPO / path)
        texts = load_gold(questions, base.paths.corpus_dir)
        row = {}
        for label, engine in (("faiss", faiss), ("milvus", milvus)):
            q = retrieval_quality(questions, texts, uncached(engine, lambda s, e=engine: e.search(s).hits), hit_span)
            row[label] = {m: q[m] for m in ("hit@1", "hit@5", "mrr", "latency_ms_p50", "latency_ms_p95")}
        same = {"hybrid": 0, "dense": 0, "bm25": 0}
        differ = []
        for q in questions:
            a, b = top_ids(faiss.search(q.question).hits), top_ids(milvus.search(q.question).hits)
            same["hybrid"] += a == b
            if a != b:
                differ.append({"id": q.id, "faiss": a, "milvus": b})
            for route in ("dense", "bm25"):
                same[route] += route_ids(faiss, q.question, route) == route_ids(milvus, q.question, route)
        n = len(questions)
        row["identical_top5"] = {k: round(v / n, 4) for k, v in same.items()}
        row["questions"] = n
        row["differ"] = differ
        row["delta"] = {m: round(row["milvus"][m] - row["faiss"][m], 3) for m in ("hit@1", "hit@5", "mrr")}
        results["splits"][name] = row
        print(f"{name}: {n} questions; identical top-5 {row['identical_top5']}; "
              f"FAISS hit@1 {row['faiss']['hit@1']} MRR {row['faiss']['mrr']}; "
              f"Milvus hit@1 {row['milvus']['hit@1']} MRR {row['milvus']['mrr']}; delta {row['delta']}")
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
