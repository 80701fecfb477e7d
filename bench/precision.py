"""Embedder precision on this CPU: speed, and whether retrieval changes.

    .venv/bin/python bench/precision.py [--precisions fp32,int8,bf16] [--questions eval/questions.jsonl]

For each precision: the full index build (passages and sentences embedded, process-internal
timing), passages per second, warm query-embedding latency, and retrieval hit@1 / MRR on the
questions. Then each index is searched with queries embedded in every other precision (an index
built on one machine is used on another). Writes bench/precision.json and prints a table.
bf16 is skipped for the full build where the CPU has no native bf16 (it would take ~7x as long);
its speed is then measured on a sample only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ragqa import cpu  # noqa: E402
from ragqa.config import Config  # noqa: E402
from ragqa.engine import Engine  # noqa: E402
from ragqa.evaluation import metrics as M  # noqa: E402
from ragqa.evaluation.runner import read_questions  # noqa: E402
from ragqa.index.build import embed_text  # noqa: E402
from ragqa.ingest import load_corpus  # noqa: E402
from ragqa.models import load_embedder  # noqa: E402
from ragqa.retrieval.hybrid import HybridRetriever  # noqa: E402


def retrieval(retriever: HybridRetriever, questions, texts) -> dict:
    h1, mrr = [], []
    for q in questions:
        if not q.gold:
            continue
        gold = M.resolve_quotes(q.gold, texts)
        spans = [M.Span(h.chunk.source, h.chunk.start, h.chunk.end) for h in retriever.search(q.question).hits]
        h1.append(M.hit_at_k(spans, gold, 1))
        mrr.append(M.mrr(spans, gold))
    return {"hit@1": round(M.mean(h1), 3), "mrr": round(M.mean(mrr), 3), "n": len(h1)}


def sample_speed(embedder, texts: list[str]) -> float:
    embedder.embed_documents(texts[:4])  # warm-up
    t0 = time.perf_counter()
    embedder.embed_documents(texts)
    return len(texts) / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--precisions", default="fp32,int8,bf16")
    ap.add_argument("--questions", default=str(REPO / "eval" / "questions.jsonl"))
    ap.add_argument("--out", default=str(REPO / "bench" / "precision.json"))
    ap.add_argument("--sample", type=int, default=16, help="passages in the speed sample")
    args = ap.parse_args()
    base = Config.from_env()
    base = base.replace(paths={"models_dir": base.paths.models_dir.resolve()})
    questions, _ = read_questions(Path(args.questions))
    docs, _ = load_corpus(base.paths.corpus_dir)
    texts = {d.source: d.text for d in docs}
    result = {"cpu": cpu.describe(), "date": time.strftime("%Y-%m-%d"), "questions": args.questions, "runs": {}}
    engines: dict[str, Engine] = {}
    sample: list[str] = []
    for precision in args.precisions.split(","):
        cfg = base.replace(embed={"dtype": precision, "backend": "torch"},  # torch's precisions (the graph: bench/run.py)
                           paths={"index_dir": Path(tempfile.mkdtemp(prefix=f"ragqa-{precision}-"))})
        t0 = time.perf_counter()
        embedder = load_embedder(cfg.embed, cfg.paths.models_dir)
        load_s = time.perf_counter() - t0
        run = {"load_s": round(load_s, 2)}
        if precision == "bf16" and not cpu.native_bf16():
            if not sample:
                raise SystemExit("list bf16 after a precision that builds an index (its passages are the sample)")
            run["passages_per_s_sample"] = round(sample_speed(embedder, sample), 2)
            run["note"] = "no native bf16 on this CPU: speed on a sample only, no full build"
            result["runs"][precision] = run
            print(precision, run, file=sys.stderr)
            continue
        engine = Engine(cfg, embedder=embedder)
        report = engine.build(progress=True)
        run.update(build_s=round(report.seconds, 1), chunks=report.chunks,
                   sentences=int(engine.index.sentence_vectors.shape[0]),
                   texts_per_s=round((report.chunks + engine.index.sentence_vectors.shape[0]) / report.seconds, 2))
        if not sample:
            sample = [embed_text(c) for c in engine.index.chunks[:: max(1, len(engine.index.chunks) // args.sample)]]
        run["passages_per_s_sample"] = round(sample_speed(embedder, sample), 2)
        qs = [q.question for q in questions][:40]
        lat = []
        for q in qs:
            t0 = time.perf_counter()
            embedder.model.encode_query([q], normalize_embeddings=True)  # uncached: the model's own cost
            lat.append((time.perf_counter() - t0) * 1000)
        run["query_ms_p50"] = round(statistics.median(lat), 1)
        run["retrieval"] = retrieval(engine.retriever, questions, texts)
        engines[precision] = engine
        result["runs"][precision] = run
        print(precision, run, file=sys.stderr)
    cross = {}
    for built, eng in engines.items():
        for query_p, other in engines.items():
            if built != query_p:
                mixed = HybridRetriever(eng.index, other.embedder, eng.cfg.retrieval)
                cross[f"index {built}, queries {query_p}"] = retrieval(mixed, questions, texts)
    result["cross"] = cross
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"CPU: {result['cpu']['model']}, {result['cpu']['cores']} cores, flags {' '.join(result['cpu']['flags'])}, "
          f"native bf16: {result['cpu']['native_bf16']}")
    print("| precision | load s | build s | texts/s | passages/s (sample) | query ms p50 | hit@1 | MRR |")
    print("|---|---|---|---|---|---|---|---|")
    for p, r in result["runs"].items():
        q = r.get("retrieval", {})
        print(f"| {p} | {r['load_s']} | {r.get('build_s', '–')} | {r.get('texts_per_s', '–')} | "
              f"{r['passages_per_s_sample']} | {r.get('query_ms_p50', '–')} | {q.get('hit@1', '–')} | "
              f"{q.get('mrr', '–')} |")
    for name, q in cross.items():
        print(f"| {name} | hit@1 {q['hit@1']} | MRR {q['mrr']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
