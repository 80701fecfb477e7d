"""One run that measures ragqa side by side with what a user would build instead.

    make bench        (or: .venv/bin/python bench/run.py [--repeats 3] [--quick])

Prints a markdown table and writes bench/results.json. Figures are medians of repeated
runs with their spread (min–max). Measured on this machine, now; nothing is hard-coded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402

from ragqa import cpu, korean  # noqa: E402
from ragqa.config import Config  # noqa: E402
from ragqa.engine import Engine  # noqa: E402
from ragqa.evaluation import metrics as M  # noqa: E402
from ragqa.evaluation.runner import read_questions  # noqa: E402
from ragqa.ingest import load_corpus  # noqa: E402


def spread(values: list[float]) -> dict:
    values = sorted(values)
    return {"median": round(statistics.median(values), 3), "min": round(values[0], 3), "max": round(values[-1], 3),
            "runs": len(values)}


def mm(d: dict, unit: str = "") -> str:
    """``median [min–max]`` of a spread."""
    return f"{d['median']}{unit} [{d['min']}–{d['max']}]"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 1)


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# -- index build ------------------------------------------------------------------------------
def bench_index(cfg: Config, repeats: int) -> dict:
    cold, peak, size, incremental, chunks = [], [], 0, [], 0
    for _ in range(repeats):
        tmp = Path(tempfile.mkdtemp(prefix="ragqa-bench-index-"))
        env = dict(os.environ, RAGQA_INDEX=str(tmp), RAGQA_CORPUS=str(cfg.paths.corpus_dir),
                   RAGQA_MODELS=str(cfg.paths.models_dir))
        t0 = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(tmp / "rss"), sys.executable, "-m", "ragqa.cli",
                        "index", "--quiet"], env=env, check=True, capture_output=True)
        cold.append(time.perf_counter() - t0)
        peak.append(int((tmp / "rss").read_text().split()[-1]) / 1024)
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "ragqa.cli", "index", "--quiet"], env=env, check=True,
                             capture_output=True, text=True)
        incremental.append(time.perf_counter() - t0)
        chunks = int(out.stdout.split(":")[1].split("chunks")[0])
        (tmp / "rss").unlink()
        size = dir_size(tmp)
        shutil.rmtree(tmp)
    return {"cold_s": spread(cold), "chunks": chunks, "chunks_per_s": round(chunks / statistics.median(cold), 2),
            "peak_rss_mb": spread(peak), "size_mb": round(size / 2**20, 2), "incremental_no_change_s": spread(incremental),
            "note": "cold = process start to finished index, model load included"}


# -- the plain LangChain baseline ------------------------------------------------------------------
class Baseline:
    """RecursiveCharacterTextSplitter(size, overlap) (1000/200 by default), the same embedder, FAISS
    similarity search k=5."""

    def __init__(self, engine: Engine, docs, size: int = 1000, overlap: int = 200):
        import faiss
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=size, chunk_overlap=overlap, add_start_index=True)
        self.spans, texts = [], []
        for d in docs:
            for piece in splitter.create_documents([d.text], metadatas=[{"source": d.source}]):
                start = piece.metadata["start_index"]
                self.spans.append(M.Span(d.source, start, start + len(piece.page_content)))
                texts.append(piece.page_content)
        self.texts = texts
        t0 = time.perf_counter()
        vecs = engine.embedder.embed_documents(texts)
        self.build_s = time.perf_counter() - t0
        self.vectors = np.ascontiguousarray(vecs, np.float32)  # the answerer's passage similarity reads them
        self.index = faiss.IndexFlatIP(vecs.shape[1])
        self.index.add(self.vectors)
        self.engine = engine

    def search(self, query: str, k: int = 5) -> list[int]:
        q = self.engine.embedder.embed_query(query)
        _, ids = self.index.search(q.reshape(1, -1), k)
        return [int(i) for i in ids[0] if i >= 0]


class WhitespaceBM25:
    """BM25 over whitespace tokens of ragqa's own chunks: what 'just use BM25' gives on Korean."""

    def __init__(self, engine: Engine):
        from ragqa.index.sparse import BM25

        self.chunks = engine.index.chunks
        self.bm25 = BM25.from_terms([c.text.split() for c in self.chunks])

    def search(self, query: str, k: int = 5) -> list[int]:
        return [i for i, _ in self.bm25.search(query.split(), k)]


def uncached(engine: Engine, fn):
    """``fn`` with the query-vector cache emptied before each call: every timing includes embedding
    the question, as a new question's does (the cache only spares the answerer a second embedding)."""
    clear = engine.embedder.clear_query_cache  # the real embedder has one: fail loudly if it does not

    def call(*args):
        clear()
        return fn(*args)
    return call


def hit_span(hit) -> M.Span:
    return M.Span(hit.chunk.source, hit.chunk.start, hit.chunk.end)


def retrieval_quality(questions, texts, search, span_of, text_of=None) -> dict:
    """hit@k, recall@5, MRR against the gold quotes' passages; with ``text_of`` (a result -> its passage
    text) also answer@1/@5, where a passage stating every must-include fact counts as found too."""
    h1, h5, r5, mrr, lat, a1, a5 = [], [], [], [], [], [], []
    for q in questions:
        if not q.gold:
            continue
        gold = M.resolve_quotes(q.gold, texts)
        t0 = time.perf_counter()
        ranked = search(q.question)
        lat.append((time.perf_counter() - t0) * 1000)
        spans = [span_of(r) for r in ranked]
        h1.append(M.hit_at_k(spans, gold, 1))
        h5.append(M.hit_at_k(spans, gold, 5))
        r5.append(M.recall_at_k(spans, gold, 5))
        mrr.append(M.mrr(spans, gold))
        if text_of is not None:
            passages = [text_of(r) for r in ranked]
            a1.append(M.answer_hit_at_k(spans, passages, gold, q.must_include, 1))
            a5.append(M.answer_hit_at_k(spans, passages, gold, q.must_include, 5))
    out = {"hit@1": round(M.mean(h1), 3), "hit@5": round(M.mean(h5), 3), "recall@5": round(M.mean(r5), 3),
           "mrr": round(M.mean(mrr), 3), "latency_ms_p50": pct(lat, 0.5), "latency_ms_p95": pct(lat, 0.95)}
    if text_of is not None:
        out.update({"answer@1": round(M.mean(a1), 3), "answer@5": round(M.mean(a5), 3)})
    return out


def answer_quality(questions, texts, answer_fn) -> dict:
    correct, concise, lengths, lat, abst, false_abst = [], [], [], [], [], []
    for q in questions:
        t0 = time.perf_counter()
        answer, abstained = answer_fn(q.question)
        lat.append((time.perf_counter() - t0) * 1000)
        if q.type == "unanswerable":
            abst.append(1.0 if abstained else 0.0)
            continue
        false_abst.append(1.0 if abstained else 0.0)
        correct.append(0.0 if abstained else M.correct(answer, q.must_include))
        concise.append(0.0 if abstained else M.correct_and_concise(answer, q.must_include, q.type))
        if not abstained:
            lengths.append(len(answer))
    return {"correct": round(M.mean(correct), 3), "correct_concise": round(M.mean(concise), 3),
            "abstention_accuracy": round(M.mean(abst), 3), "false_abstention": round(M.mean(false_abst), 3),
            "answer_chars_median": statistics.median(lengths) if lengths else None,
            "answer_ms_p50": pct(lat, 0.5), "answer_ms_p95": pct(lat, 0.95)}


# -- serve memory -------------------------------------------------------------------------------
def rss_mb(pid: int) -> tuple[float, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    get = lambda key: int(next(ln for ln in status.splitlines() if ln.startswith(key)).split()[1]) / 1024  # noqa: E731
    return get("VmRSS:"), get("VmHWM:")


def bench_serve(cfg: Config, questions, repeats: int) -> dict:
    from gradio_client import Client

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, RAGQA_INDEX=str(cfg.paths.index_dir), RAGQA_CORPUS=str(cfg.paths.corpus_dir),
               RAGQA_MODELS=str(cfg.paths.models_dir))
    proc = subprocess.Popen([sys.executable, str(REPO / "app.py"), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                client = Client(url, verbose=False, httpx_kwargs={"timeout": 60})
                break
            except Exception:
                time.sleep(1)
        time.sleep(2)
        idle, _ = rss_mb(proc.pid)
        lat = []
        for q in questions[:10]:
            t0 = time.perf_counter()
            client.predict(q.question, "", api_name="/ask")
            lat.append((time.perf_counter() - t0) * 1000)
        now, peak = rss_mb(proc.pid)
        via = []
        for i in range(repeats):  # a whole `ragqa ask` process that finds this server; a new question each time
            t0 = time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "ragqa.cli", "ask", "--json", ASK_QUESTIONS[-1 - i % len(ASK_QUESTIONS)]],
                                 env=dict(env, RAGQA_SERVER=url), check=True, capture_output=True, text=True)
            via.append(time.perf_counter() - t0)
            assert any("server" in n for n in json.loads(out.stdout).get("notes", [])), "not answered by the server"
        return {"idle_rss_mb": round(idle, 1), "answering_peak_rss_mb": round(peak, 1),
                "http_answer_ms_p50": pct(lat, 0.5), "ask_via_server_s": spread(via)}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def bench_llm(engine: Engine, questions) -> dict | None:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return None
    ttft, rates = [], []
    for q in questions[:3]:
        stamps = []
        t0 = time.perf_counter()
        engine.ask(q.question, backend="llamacpp", on_token=lambda tok: stamps.append(time.perf_counter()))
        if len(stamps) > 1:
            ttft.append(stamps[0] - t0)
            rates.append((len(stamps) - 1) / (stamps[-1] - stamps[0]))
    if not ttft:
        return None
    return {"time_to_first_token_s": spread(ttft), "tokens_per_s": spread(rates),
            "note": "per ask: retrieval + focused prompt of 5 passages; tokens = streamed pieces"}


ASK_QUESTIONS = ("한국의 AI 민간 투자 규모는 얼마인가?", "2024년에 출시된 초거대 AI 모델은 몇 개인가?",
                 "생성형 AI 시장 규모 전망은?", "AI 반도체 시장 점유율 1위 기업은?", "한국의 AI 인재 순위는?")


def cold_ask(cfg: Config, repeats: int) -> dict:
    env = dict(os.environ, RAGQA_INDEX=str(cfg.paths.index_dir), RAGQA_CORPUS=str(cfg.paths.corpus_dir),
               RAGQA_MODELS=str(cfg.paths.models_dir), RAGQA_SERVER="off")
    times = []
    for i in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ragqa.cli", "ask", ASK_QUESTIONS[i % len(ASK_QUESTIONS)]], env=env,
                       check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return spread(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="one repeat, no serve/LLM measurements")
    ap.add_argument("--out", default=str(REPO / "bench" / "results.json"))
    ap.add_argument("--latency-only", action="store_true",
                    help="re-measure only the warm search and answer latencies on the current index and update "
                         "--out in place (the LangChain baseline's is then marked not measured)")
    ap.add_argument("--splits-only", action="store_true",
                    help="only retrieval quality on both splits against the LangChain baselines (500/100, 1000/200), "
                         "on the current index; writes bench/splits.json")
    args = ap.parse_args()
    repeats = 1 if args.quick else args.repeats
    cfg = Config.from_env()
    cfg = cfg.replace(paths={"corpus_dir": cfg.paths.corpus_dir.resolve(), "index_dir": cfg.paths.index_dir.resolve(),
                             "models_dir": cfg.paths.models_dir.resolve()})
    questions, _ = read_questions(REPO / "eval" / "questions.jsonl")
    docs, _ = load_corpus(cfg.paths.corpus_dir)
    texts = {d.source: d.text for d in docs}
    if args.latency_only:
        return latency_only(cfg, questions, texts, repeats, Path(args.out))
    if args.splits_only:
        engine = Engine(cfg)
        result = {"date": time.strftime("%Y-%m-%d"), "cpu": cpu.describe(), "splits": splits_quality(engine, docs, texts)}
        (REPO / "bench" / "splits.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(json.dumps(result["splits"], indent=1))
        return 0
    results: dict = {"machine": f"{platform.machine()} {os.cpu_count()} cores, "
                                f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
                                f"{platform.python_implementation()} {platform.python_version()}",
                     "date": time.strftime("%Y-%m-%d"), "repeats": repeats, "cpu": cpu.describe()}
    print("index build ...", file=sys.stderr)
    results["index"] = bench_index(cfg, repeats)
    engine = Engine(cfg)
    engine.build(progress=False)
    engine.search("워밍업")
    results["precision"] = engine.embedder.precision
    results["embed_backend"] = getattr(engine.embedder, "backend", "torch")  # onnx | onnx+torch | torch (models.backend_of)
    quality, speed = ragqa_runs(engine, questions, texts, repeats)
    print("LangChain baseline ...", file=sys.stderr)
    base = Baseline(engine, docs)
    runs = [retrieval_quality(questions, texts, uncached(engine, base.search), lambda i: base.spans[i])
            for _ in range(repeats)]
    quality["langchain_baseline"] = {k: v for k, v in runs[0].items() if not k.startswith("latency")}
    speed["retrieval_langchain_baseline_ms"] = {"p50": spread([r["latency_ms_p50"] for r in runs]),
                                                "p95": spread([r["latency_ms_p95"] for r in runs])}
    speed["langchain_baseline_embed_s"] = round(base.build_s, 1)
    quality["langchain_baseline"].update(_baseline_answers(engine, base, questions))
    print("whitespace BM25 ...", file=sys.stderr)
    ws = WhitespaceBM25(engine)
    r = retrieval_quality(questions, texts, ws.search,
                          lambda i: M.Span(ws.chunks[i].source, ws.chunks[i].start, ws.chunks[i].end))
    quality["bm25_whitespace"] = {k: v for k, v in r.items() if not k.startswith("latency")}
    print("both splits against the LangChain baselines ...", file=sys.stderr)
    quality["splits"] = splits_quality(engine, docs, texts)
    results["quality"], results["speed"] = quality, speed
    if not args.quick:
        print("cold ask, serve memory, LLM ...", file=sys.stderr)
        results["speed"]["ask_cold_s"] = cold_ask(cfg, repeats)
        results["memory"] = bench_serve(cfg, questions, repeats)
        llm = bench_llm(engine, [q for q in questions if q.type == "numeric"])
        if llm:
            results["speed"]["llamacpp"] = llm
    b, h = quality["langchain_baseline"], quality["ragqa_hybrid"]
    results["ratios"] = {"hit@1_delta": round(h["hit@1"] - b["hit@1"], 3), "mrr_delta": round(h["mrr"] - b["mrr"], 3),
                         "recall@5_delta": round(h["recall@5"] - b["recall@5"], 3)}
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(markdown(results))
    return 0


SPLITS = (("tuning", "eval/questions.jsonl"), ("test", "eval/test.jsonl"))


def splits_quality(engine: Engine, docs, texts) -> dict:
    """Retrieval on the tuning and the test split, side by side in one run: ragqa hybrid and the plain
    LangChain baseline with 500/100 and 1000/200 chunks (the same embedder)."""
    bases = {f"langchain_{size}_{overlap}": Baseline(engine, docs, size, overlap) for size, overlap in ((500, 100),
                                                                                                       (1000, 200))}
    out = {}
    for name, path in SPLITS:
        questions, _ = read_questions(REPO / path)
        row = {"ragqa_hybrid": retrieval_quality(questions, texts, lambda q: engine.search(q).hits,
                                                 hit_span, lambda h: h.chunk.text)}
        for label, base in bases.items():
            row[label] = retrieval_quality(questions, texts, base.search, lambda i, b=base: b.spans[i],
                                           lambda i, b=base: b.texts[i])
        out[name] = {k: {m: v for m, v in r.items() if not m.startswith("latency")} for k, r in row.items()}
    return out


def ragqa_runs(engine: Engine, questions, texts, repeats: int) -> tuple[dict, dict]:
    """ragqa's retrieval (per mode) and extractive answers: quality (first run) and latency over the
    repeats, every query embedded anew."""
    quality, speed = {}, {}
    for mode in ("hybrid", "dense", "bm25"):
        print(f"retrieval {mode} ...", file=sys.stderr)
        runs = [retrieval_quality(questions, texts, uncached(engine, lambda q, m=mode: engine.search(q, mode=m).hits),
                                  hit_span) for _ in range(repeats)]
        quality[f"ragqa_{mode}"] = {k: v for k, v in runs[0].items() if not k.startswith("latency")}
        speed[f"retrieval_{mode}_ms"] = {"p50": spread([r["latency_ms_p50"] for r in runs]),
                                         "p95": spread([r["latency_ms_p95"] for r in runs])}
    print("answers (extractive) ...", file=sys.stderr)
    runs = [answer_quality(questions, texts, uncached(engine, lambda q: (lambda a: (a.text, a.abstained))(engine.ask(q))))
            for _ in range(repeats)]
    quality["ragqa_hybrid"].update({k: v for k, v in runs[0].items() if not k.startswith("answer_ms")})
    speed["extractive_answer_ms"] = {"p50_total": spread([r["answer_ms_p50"] for r in runs]),
                                     "p95_total": spread([r["answer_ms_p95"] for r in runs])}
    return quality, speed


def latency_only(cfg: Config, questions, texts, repeats: int, out: Path) -> int:
    results = json.loads(out.read_text("utf-8"))
    engine = Engine(cfg)
    engine.search("워밍업")
    results["speed"].update(ragqa_runs(engine, questions, texts, repeats)[1])
    results["speed"]["retrieval_langchain_baseline_ms"] = None
    results["latency_remeasured"] = time.strftime("%Y-%m-%d %H:%M")
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(markdown(results))
    return 0


def _baseline_answers(engine: Engine, base: Baseline, questions) -> dict:
    """The same extractive answerer over the baseline's passages (its own chunks, indexed the same way)."""
    from ragqa.answer.extractive import ExtractiveAnswerer
    from ragqa.chunking import chunk_id
    from ragqa.index.dense import vector_id
    from ragqa.index.sparse import BM25
    from ragqa.index.store import IndexData
    from ragqa.types import Chunk, Hit, Sentence

    chunks, sent_terms = [], []
    for span, text in zip(base.spans, base.texts):
        sents = tuple(Sentence(span.start + a, span.start + b, text[a:b]) for a, b in korean.split_sentences(text))
        chunks.append(Chunk(chunk_id(span.source, span.start, span.end, text), span.source, span.source, span.start,
                            span.end, text, "", "body", sents))
        sent_terms.append([korean.terms(s.text) for s in sents])
    idx = IndexData(Path("."), {}, chunks, base.vectors, base.index,
                    BM25.from_terms([korean.terms(t) for t in base.texts]), {}, sent_terms,
                    np.zeros((0, engine.embedder.dim), np.float32))  # no stored sentence vectors: embedded on demand
    assert all(idx.by_vector_id[vector_id(c.chunk_id)] == i for i, c in enumerate(chunks))
    cfg = engine.cfg  # answered as the engine answers: its extractive settings and abstention model
    answerer = ExtractiveAnswerer(idx, engine.embedder, max_sentences=cfg.answer.max_sentences, cfg=cfg.extractive,
                                  duplicate_containment=cfg.retrieval.duplicate_containment)

    def answer(q: str):
        hits = [Hit(chunks[i], 1.0 / r, r) for r, i in enumerate(base.search(q), start=1)]
        result = answerer.answer(q, hits, {d: engine.source_text(d) for d in {h.chunk.source for h in hits}})
        return " ".join(p.text for p in result.picks), result.abstain

    ans = answer_quality(questions, {}, answer)
    return {k: v for k, v in ans.items() if not k.startswith("answer_ms")}


def _answer_at(q: dict) -> str:
    return f" (answer@1 {q['answer@1']})" if "answer@1" in q else ""


def markdown(r: dict) -> str:
    rows = ["| system | hit@1 | hit@5 | recall@5 | MRR | correct | correct & concise | abstention acc. |",
            "|---|---|---|---|---|---|---|---|"]
    for name, q in r["quality"].items():
        if name == "splits":
            continue
        rows.append(f"| {name} | {q.get('hit@1', '–')} | {q.get('hit@5', '–')} | {q.get('recall@5', '–')} | "
                    f"{q.get('mrr', '–')} | {q.get('correct', '–')} | {q.get('correct_concise', '–')} | "
                    f"{q.get('abstention_accuracy', '–')} |")
    for split, systems in r["quality"].get("splits", {}).items():
        rows += [f"| {split} split: {name} | {q['hit@1']}{_answer_at(q)} | {q['hit@5']} | {q['recall@5']} | {q['mrr']} "
                 f"| – | – | – |" for name, q in systems.items()]
    s, i = r["speed"], r["index"]
    c = r["cpu"]
    lines = [f"**{r['date']}, {r['machine']}**; CPU {c['model']}, flags {' '.join(c['flags']) or '–'} (native bf16: "
             f"{'yes' if c['native_bf16'] else 'no'}); embedder precision **{r['precision']}** "
             f"({r.get('embed_backend', 'torch')}); medians of "
             f"{r['repeats']} runs [min–max]", "", *rows, "",
             "| measure | value |", "|---|---|",
             f"| index build, cold (process start to finished index) | {mm(i['cold_s'], ' s')}; {i['chunks']} chunks, "
             f"{i['chunks_per_s']} chunks/s |",
             f"| index build peak RSS | {mm(i['peak_rss_mb'], ' MB')} |",
             f"| index size on disk | {i['size_mb']} MB |",
             f"| incremental run, no change | {mm(i['incremental_no_change_s'], ' s')} |"]
    for mode in ("hybrid", "dense", "bm25"):
        m = s[f"retrieval_{mode}_ms"]
        lines.append(f"| search {mode} p50 / p95 (warm, query embedding included) | {mm(m['p50'])} / "
                     f"{mm(m['p95'])} ms |")
    b = s.get("retrieval_langchain_baseline_ms")
    lines.append(f"| search, LangChain baseline p50 / p95 | {mm(b['p50'])} / {mm(b['p95'])} ms |" if b else
                 "| search, LangChain baseline p50 / p95 | not measured in this run |")
    a = s["extractive_answer_ms"]
    lines.append(f"| extractive answer p50 / p95 (retrieval included) | {mm(a['p50_total'])} / {mm(a['p95_total'])} ms |")
    if "ask_cold_s" in s:
        lines.append(f"| `ragqa ask` cold, no server (process start to printed answer) | {mm(s['ask_cold_s'], ' s')} |")
    if "memory" in r:
        lines.append(f"| `ragqa ask` with a `ragqa serve` running | {mm(r['memory']['ask_via_server_s'], ' s')} |")
    if "llamacpp" in s:
        lines.append(f"| llamacpp time to first token / tokens per s | {mm(s['llamacpp']['time_to_first_token_s'], ' s')}"
                     f" / {mm(s['llamacpp']['tokens_per_s'])} |")
    if "memory" in r:
        lines.append(f"| `ragqa serve` RSS idle / peak while answering | {r['memory']['idle_rss_mb']} / "
                     f"{r['memory']['answering_peak_rss_mb']} MB |")
    lines.append(f"| hybrid − LangChain baseline | hit@1 {r['ratios']['hit@1_delta']:+}, MRR {r['ratios']['mrr_delta']:+},"
                 f" recall@5 {r['ratios']['recall@5_delta']:+} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
