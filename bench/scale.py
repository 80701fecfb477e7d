"""How search scales with the number of passages: FAISS flat, FAISS HNSW and Milvus Lite.

    make bench-scale      (or: .venv/bin/python bench/scale.py --sizes 10000 100000 1000000)

Synthetic corpora of N 768-dim passages made from the real index: half are the real chunk vectors
perturbed (Gaussian noise, renormalised), half random unit vectors; each carries the BM25 row of a
real chunk with its weights jittered (so copies do not tie). Queries are the real eval questions,
embedded by the real model, with their Kiwi BM25 weights. Per store and size: build time, memory,
single-query latency p50/p95, and recall@10 against exact search (FAISS flat is exact for the dense
route; for hybrid, the exact reference fuses exact dense and exact sparse top lists by the same RRF).

Writes bench/scale.json and bench/scale.png (log-log). Each store is built, measured and freed in
turn, so peak memory is one store plus the data (about 2 x N x 3 KB).
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402
import psutil  # noqa: E402
from scipy import sparse as sp  # noqa: E402
from tqdm import tqdm  # noqa: E402

from ragqa import cpu, korean  # noqa: E402
from ragqa.config import Config, StoreConfig  # noqa: E402
from ragqa.engine import Engine  # noqa: E402
from ragqa.evaluation.runner import read_questions  # noqa: E402
from ragqa.index.vectorstore import row_vector, sparse_vector, term_dimension  # noqa: E402
from ragqa.retrieval import fusion  # noqa: E402

K = 10  # recall@K
HNSW_M = 32  # graph degree: FAISS's usual default for 768-dim text embeddings
HNSW_EF_CONSTRUCTION = 40  # FAISS's default
HNSW_EF_SEARCH = (64, 256)  # candidates kept per query (FAISS uses at least k): the first is reported,
# the second shows the recall bought by time
NOISE = 0.5  # norm of the Gaussian perturbation of a real vector, before renormalising (cosine to it ~0.9)
JITTER = 0.1  # sd of the log-normal factor on each BM25 weight of a copied row
INSERT_BATCH = 2000  # rows per Milvus insert


# -- data ---------------------------------------------------------------------------------------
class Data:
    """N synthetic passages (dense and BM25 rows) and the real queries."""

    def __init__(self, n: int, base_vectors: np.ndarray, base_weights: sp.csr_matrix, seed: int = 0):
        rng = np.random.default_rng(seed)
        dim = base_vectors.shape[1]
        self.n = n
        self.source = rng.integers(0, base_vectors.shape[0], n)  # the real chunk each row derives from
        self.vectors = np.empty((n, dim), np.float32)
        half = n // 2
        for s in range(0, n, 100_000):  # in blocks: the temporaries stay small at 1M
            e = min(n, s + 100_000)
            noise = rng.standard_normal((e - s, dim)).astype(np.float32)
            block = noise.copy()
            real = np.arange(s, e) < half
            scale = NOISE / np.sqrt(dim)
            block[real] = base_vectors[self.source[s:e][real]] + scale * noise[real]
            block /= np.linalg.norm(block, axis=1, keepdims=True)
            self.vectors[s:e] = block
        w = base_weights[self.source]
        w.data = (w.data * np.exp(JITTER * rng.standard_normal(w.data.shape[0]))).astype(np.float32)
        self.weights = w.tocsr()


class Queries:
    def __init__(self, vectors: np.ndarray, weights: list[dict[int, float]], dims: np.ndarray):
        self.vectors = vectors  # (q, dim)
        self.weights = weights  # per query: vocabulary column -> idf x count
        self.dims = dims
        self.hashed = [sparse_vector((dims[c], w) for c, w in q.items()) for q in weights]

    def dense_column(self, i: int, n_cols: int) -> np.ndarray:
        v = np.zeros(n_cols, np.float32)
        for c, w in self.weights[i].items():
            v[c] = w
        return v


def exact(data: Data, queries: Queries, candidates: int) -> tuple[list[list[int]], list[list[int]]]:
    """Exact dense and sparse top lists per query (numpy / scipy)."""
    dense_top, sparse_top = [], []
    for i in range(len(queries.vectors)):
        s = data.vectors @ queries.vectors[i]
        top = np.argpartition(-s, candidates)[:candidates]
        dense_top.append([int(r) for r in top[np.argsort(-s[top], kind="stable")]])
        sc = data.weights @ queries.dense_column(i, data.weights.shape[1])
        nz = np.flatnonzero(sc > 0)
        order = nz[np.argsort(-sc[nz], kind="stable")][:candidates]
        sparse_top.append([int(r) for r in order])
    return dense_top, sparse_top


def fuse(dense_ids, sparse_ids, cfg) -> list[int]:
    fused = fusion.rrf([dense_ids, sparse_ids], [cfg.dense_weight, cfg.bm25_weight], cfg.rrf_k)
    return sorted(fused, key=lambda r: (-fused[r], r))[:K]


def recall(found: list[list[int]], truth: list[list[int]]) -> float:
    return round(float(np.mean([len(set(f[:K]) & set(t[:K])) / K for f, t in zip(found, truth)])), 4)


def score_ratio(found: list[list[int]], truth: list[list[int]], data: Data, queries: Queries) -> float:
    """Summed similarity of the K found over the K exact nearest: 1.0 when an approximate search only
    swaps near-ties (the perturbed copies of one chunk score almost alike, which recall@K counts as misses)."""
    out = []
    for i, (f, t) in enumerate(zip(found, truth)):
        q = queries.vectors[i]
        got, best = float((data.vectors[f[:K]] @ q).sum()), float((data.vectors[t[:K]] @ q).sum())
        out.append(got / max(best, 1e-9))
    return round(float(np.mean(out)), 4)


def pcts(ms: list[float]) -> dict:
    a = np.asarray(ms)
    return {"p50": round(float(np.percentile(a, 50)), 2), "p95": round(float(np.percentile(a, 95)), 2)}


def rss_mb(pids=None) -> float:
    procs = [psutil.Process()] if pids is None else [psutil.Process(p) for p in pids if psutil.pid_exists(p)]
    return sum(p.memory_info().rss for p in procs) / 2**20


def timed(fn, queries: int) -> tuple[list, list[float]]:
    out, ms = [], []
    for i in range(min(3, queries)):  # warm-up
        fn(i)
    for i in range(queries):
        t0 = time.perf_counter()
        out.append(fn(i))
        ms.append((time.perf_counter() - t0) * 1000)
    return out, ms


# -- stores -------------------------------------------------------------------------------------
def bench_faiss(data: Data, queries: Queries, truth, kind: str, candidates: int) -> dict:
    import faiss

    gc.collect()
    before = rss_mb()
    t0 = time.perf_counter()
    dim = data.vectors.shape[1]  # memory: the serialized index (what it holds); RSS growth beside it
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    for s in tqdm(range(0, data.n, 50_000), desc=f"faiss {kind} {data.n}", file=sys.stderr):
        index.add(data.vectors[s:s + 50_000])
    build = time.perf_counter() - t0
    peak = rss_mb() - before
    mem = faiss.serialize_index(index).nbytes / 2**20  # what the index holds (vectors, graph)

    def search(i):  # as many as hybrid retrieval asks for (RetrievalConfig.candidates), scored on the top K
        return [int(x) for x in index.search(queries.vectors[i:i + 1], candidates)[1][0]]

    out = {"build_s": round(build, 2), "memory_mb": round(mem, 1), "rss_growth_mb": round(peak, 1)}
    for j, ef in enumerate(HNSW_EF_SEARCH if kind == "hnsw" else (None,)):
        if ef is not None:
            index.hnsw.efSearch = ef
        found, ms = timed(search, len(queries.vectors))
        suffix = "" if j == 0 else f"_ef{ef}"
        out[f"dense_ms{suffix}"] = pcts(ms)
        out[f"recall@10{suffix}"] = recall(found, [t[:K] for t in truth[0]])
        out[f"score_ratio@10{suffix}"] = score_ratio(found, truth[0], data, queries)
    del index
    gc.collect()
    return out


def milvus_pids() -> list[int]:
    return [p.pid for p in psutil.Process().children(recursive=True)]


def bench_milvus(data: Data, queries: Queries, truth, cfg, workdir: Path) -> dict:
    from ragqa.index import milvus

    path = workdir / f"scale-{data.n}.db"
    shutil.rmtree(path, ignore_errors=True)
    path.unlink(missing_ok=True)
    store_cfg = StoreConfig(uri=f"milvus://{path}", collection="scale")
    store = milvus.MilvusStore.connect(store_cfg)
    store.drop()
    base = rss_mb(milvus_pids())
    t0 = time.perf_counter()
    store.create(int(data.vectors.shape[1]))
    for s in tqdm(range(0, data.n, INSERT_BATCH), desc=f"milvus {data.n}", file=sys.stderr):
        e = min(data.n, s + INSERT_BATCH)
        store.client.insert(store.collection, [
            {"id": r, "doc_id": f"d{data.source[r]}", "dense": data.vectors[r], "sparse": row_vector(data.weights, r, queries.dims)}
            for r in range(s, e)])
    store.client.flush(store.collection)
    store.client.release_collection(store.collection)
    store.client.load_collection(store.collection)
    build = time.perf_counter() - t0
    client, coll = store.client, store.collection
    auto = measure_milvus(client, coll, data, queries, truth, cfg)
    auto.update(build_s=round(build, 2), memory_mb=round(rss_mb(milvus_pids()) - base, 1),
                disk_mb=round(sum(f.stat().st_size for f in path.parent.rglob("*") if f.is_file()) / 2**20, 1))
    # the same rows under an exact FLAT index (Lite maps AUTOINDEX to IVF above ~100K rows)
    t0 = time.perf_counter()
    client.release_collection(coll)
    client.drop_index(coll, "dense")
    params = client.prepare_index_params()
    params.add_index("dense", index_type="FLAT", metric_type="IP")
    client.create_index(coll, params)
    client.load_collection(coll)
    flat = measure_milvus(client, coll, data, queries, truth, cfg)
    flat.update(build_s=round(build + time.perf_counter() - t0, 2), memory_mb=round(rss_mb(milvus_pids()) - base, 1))
    store.drop()
    milvus.close_all()
    return {"milvus_lite": auto, "milvus_lite_flat": flat}


def measure_milvus(client, coll: str, data: Data, queries: Queries, truth, cfg) -> dict:
    from ragqa.index import milvus

    n = cfg.candidates

    def dense_ids(i):
        return [r for r, _ in milvus.search_dense(client, coll, queries.vectors[i], n)]

    def sparse_ids(i):
        return [r for r, _ in milvus.search_sparse(client, coll, queries.hashed[i], n)] if queries.hashed[i] else []

    def hybrid(i):  # what HybridRetriever does: both routes, fused on the client
        return fuse(dense_ids(i), sparse_ids(i), cfg)

    def hybrid_parallel(i):  # the two routes as concurrent requests
        box = {}
        t = threading.Thread(target=lambda: box.update(s=sparse_ids(i)))
        t.start()
        d = dense_ids(i)
        t.join()
        return fuse(d, box["s"], cfg)

    dense, dms = timed(dense_ids, len(queries.vectors))
    sparse_, sms = timed(sparse_ids, len(queries.vectors))
    hyb, hms = timed(hybrid, len(queries.vectors))
    _, pms = timed(hybrid_parallel, len(queries.vectors))
    truth_hybrid = [fuse(d, s, cfg) for d, s in zip(*truth)]
    return {"dense_ms": pcts(dms), "sparse_ms": pcts(sms), "hybrid_ms": pcts(hms), "hybrid_parallel_ms": pcts(pms),
            "recall@10": recall(dense, [t[:K] for t in truth[0]]),
            "score_ratio@10": score_ratio(dense, truth[0], data, queries),
            "sparse_recall@10": recall(sparse_, [t[:K] for t in truth[1]]),
            "hybrid_recall@10": recall(hyb, truth_hybrid)}


# -- report -------------------------------------------------------------------------------------
def plot(results: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 4, figsize=(19, 4.2))
    color = {"FAISS flat": "C0", "FAISS HNSW": "C1", "FAISS HNSW dense": "C1", "Milvus Lite": "C2",
             "Milvus Lite dense": "C2", "Milvus Lite hybrid": "C3", "Milvus Lite FLAT hybrid": "C4"}
    series = [("FAISS flat", "faiss_flat", "dense_ms"), ("FAISS HNSW", "faiss_hnsw", "dense_ms"),
              ("Milvus Lite dense", "milvus_lite", "dense_ms"), ("Milvus Lite hybrid", "milvus_lite", "hybrid_ms"),
              ("Milvus Lite FLAT hybrid", "milvus_lite_flat", "hybrid_ms")]
    sizes = sorted(int(n) for n in results["sizes"])
    for label, store, metric in series:
        pts = [(n, results["sizes"][str(n)][store][metric]["p50"]) for n in sizes
               if store in results["sizes"][str(n)]]
        if pts:
            axes[0].plot(*zip(*pts), marker="o", label=label, color=color[label])
    for label, store in (("FAISS flat", "faiss_flat"), ("FAISS HNSW", "faiss_hnsw"), ("Milvus Lite", "milvus_lite")):
        pts = [(n, results["sizes"][str(n)][store]["build_s"]) for n in sizes if store in results["sizes"][str(n)]]
        if pts:
            axes[1].plot(*zip(*pts), marker="o", label=label, color=color[label])
        pts = [(n, max(results["sizes"][str(n)][store]["memory_mb"], 1.0)) for n in sizes
               if store in results["sizes"][str(n)]]
        if pts:
            axes[2].plot(*zip(*pts), marker="o", label=label, color=color[label])
    for label, store, metric in (("FAISS HNSW dense", "faiss_hnsw", "recall@10"),
                                 ("Milvus Lite dense", "milvus_lite", "recall@10"),
                                 ("Milvus Lite hybrid", "milvus_lite", "hybrid_recall@10")):
        pts = [(n, results["sizes"][str(n)][store][metric]) for n in sizes if store in results["sizes"][str(n)]]
        if pts:
            axes[3].plot(*zip(*pts), marker="o", label=label, color=color[label])
    axes[0].axhline(50, color="grey", linestyle=":", linewidth=1)
    for ax, title, unit in zip(axes, ("query latency p50", "build time", "memory", "recall@10 (flat = 1.0)"),
                               ("ms", "s", "MB", "recall")):
        ax.set_xscale("log")
        if unit != "recall":
            ax.set_yscale("log")
        ax.set_xlabel("passages (768-dim)")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(f"ragqa search at scale — {results['machine']['cpu']}, {results['machine']['cores']} cores",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def table(results: dict) -> str:
    lines = ["| passages | store | build s | memory MB | dense p50 / p95 ms | hybrid p50 / p95 ms "
             "| recall@10 / score ratio |", "|---:|---|---:|---:|---:|---:|---|"]
    names = {"faiss_flat": "FAISS flat", "faiss_hnsw": "FAISS HNSW", "milvus_lite": "Milvus Lite (AUTOINDEX)",
             "milvus_lite_flat": "Milvus Lite (FLAT)"}
    for n in sorted(results["sizes"], key=int):
        for key, label in names.items():
            r = results["sizes"][n].get(key)
            if not r:
                continue
            hyb = f"{r['hybrid_ms']['p50']} / {r['hybrid_ms']['p95']}" if "hybrid_ms" in r else "—"
            rec = f"{r['recall@10']} / {r['score_ratio@10']}"
            if "hybrid_recall@10" in r:
                rec += f"; hybrid {r['hybrid_recall@10']}"
            if "recall@10_ef256" in r:
                rec += (f"; efSearch 256: {r['recall@10_ef256']} / {r['score_ratio@10_ef256']} "
                        f"at {r['dense_ms_ef256']['p50']} ms")
            lines.append(f"| {int(n):,} | {label} | {r['build_s']} | {r['memory_mb']} | "
                         f"{r['dense_ms']['p50']} / {r['dense_ms']['p95']} | {hyb} | {rec} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--stores", nargs="+", default=["faiss_flat", "faiss_hnsw", "milvus_lite"])
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "scale.json")
    ap.add_argument("--plot-only", action="store_true", help="redraw the plot and table from --out")
    args = ap.parse_args()
    if args.plot_only:
        results = json.loads(args.out.read_text())
        plot(results, args.out.with_suffix(".png"))
        print(table(results))
        return 0

    cfg = Config.from_env()
    engine = Engine(cfg)
    engine.build()
    index = engine.index
    bm25 = index.bm25
    base_weights = bm25.doc_weights().tocsr()
    terms = sorted(bm25.vocab, key=bm25.vocab.get)
    dims = np.asarray([term_dimension(t) for t in terms], np.int64)
    texts = []
    for path in ("eval/questions.jsonl", "eval/test.jsonl"):
        texts += [q.question for q in read_questions(REPO / path)[0]]
    texts = texts[: args.queries]
    qv = np.stack([engine.embedder.embed_query(t) for t in tqdm(texts, desc="embed queries", file=sys.stderr)])
    qw = [{bm25.vocab[t]: w for t, w in bm25.query_weights(korean.terms(q)).items()} for q in texts]
    queries = Queries(np.asarray(qv, np.float32), qw, dims)

    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    machine = cpu.describe()
    results["machine"] = {"cpu": machine["model"], "cores": machine["cores"], "flags": machine["flags"]}
    results["settings"] = {"k": K, "hnsw": {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION,
                                            "efSearch": HNSW_EF_SEARCH},
                           "candidates": cfg.retrieval.candidates, "queries": len(texts), "noise": NOISE,
                           "milvus_index": "AUTOINDEX (dense, IP), SPARSE_INVERTED_INDEX (sparse, IP)"}
    results.setdefault("sizes", {})
    workdir = Path(tempfile.mkdtemp(prefix="ragqa-scale-"))
    try:
        for n in args.sizes:
            print(f"== {n:,} passages", file=sys.stderr)
            data = Data(n, index.vectors, base_weights)
            truth = exact(data, queries, max(cfg.retrieval.candidates, K))
            row = results["sizes"].setdefault(str(n), {})
            for store in args.stores:
                if store == "milvus_lite":
                    row.update(bench_milvus(data, queries, truth, cfg.retrieval, workdir))
                else:
                    row[store] = bench_faiss(data, queries, truth, store.split("_")[1], cfg.retrieval.candidates)
                print(f"{n:,} {store}: {json.dumps({k: v for k, v in row.items() if k.startswith(store)})}",
                      file=sys.stderr)
                args.out.write_text(json.dumps(results, indent=1) + "\n")
            del data, truth
            gc.collect()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    plot(results, args.out.with_suffix(".png"))
    print(table(results))
    print(f"wrote {args.out} and {args.out.with_suffix('.png')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
