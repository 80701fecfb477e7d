"""ragqa and the plain LangChain baseline on a reference-answer PDF set (issue 12), in one run.

    python bench/allganize.py ../shared/external/allganize-dev [--index DIR] [--out bench/allganize.json]

ragqa: its own index of the set's PDFs (built here if needed, in --index), answered extractively through
``Engine.evaluate`` (the same scoring as ``ragqa eval``). Baseline: pypdf page texts joined, bench/run.py's
``Baseline`` (LangChain's RecursiveCharacterTextSplitter 1000/200, the same embedder, FAISS inner product),
the top chunk as the answer. Both are scored with the same functions: gold document among the top 5, gold
quote overlapped by one of the top 5 (located with whitespace ignored in each one's own text), answers in the gold document, key-fact recall and precision against the reference answer, answer
length, refusals.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "eval"))


from ragqa.config import Config  # noqa: E402
from ragqa.engine import Engine  # noqa: E402
from ragqa.evaluation import metrics as M  # noqa: E402
from ragqa.evaluation.runner import gold_texts, read_questions  # noqa: E402
from fit_abstention import fit_half  # noqa: E402


def _mean(values) -> float:
    return round(M.mean([float(v) for v in values if v is not None]), 3)


def baseline(engine: Engine, dataset: Path, questions) -> dict:
    """bench/run.py's LangChain baseline (1000/200) over pypdf's text of the PDFs; a gold quote counts as
    retrieved when a top-5 chunk overlaps it (located in pypdf's text, whitespace ignored), as ragqa's hit@5."""
    from types import SimpleNamespace

    from pypdf import PdfReader

    from run import Baseline

    docs = []
    for path in sorted((dataset / "docs").glob("*.pdf")):
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        docs.append(SimpleNamespace(source=path.name, text="\n".join(p.extract_text() or "" for p in reader.pages)))
    texts = {d.source: d.text for d in docs}
    base = Baseline(engine, docs)
    rows = []
    for q in questions:
        top = base.search(q.question, 5)
        spans = [base.spans[i] for i in top]
        gold = [tuple(M.loose_quote_spans(g["doc"], g["quote"], texts)) for g in q.gold]
        gold = [req for req in gold if req]
        answer = base.texts[top[0]]
        rows.append({
            "doc": q.doc, "gold_doc@5": float(any(s.source == q.doc for s in spans)),
            "gold_quote@5": M.hit_at_k(spans, gold, 5) if gold else None,
            "answer_in_gold_doc": float(spans[0].source == q.doc),
            "key_fact_recall": M.key_fact_recall(answer, q.answer, q.question),
            "key_fact_precision": M.key_fact_precision(answer, q.answer, q.question),
            "chars": len(answer), "refused": 0.0,
        })
    return summarize(rows)


def summarize(rows: list[dict]) -> dict:
    out = {k: _mean([r[k] for r in rows]) for k in ("gold_doc@5", "gold_quote@5", "answer_in_gold_doc",
                                                     "key_fact_recall", "key_fact_precision", "refused")}
    out["chars_median"] = statistics.median(r["chars"] for r in rows)
    out["n"] = len(rows)
    # the abstention model is fitted with the questions on every other document (eval/fit_abstention.fit_half):
    # key facts on that half and on the half never fitted on, apart
    fitted = fit_half([r["doc"] for r in rows])
    for name, half in (("fit_half", [r for r in rows if r["doc"] in fitted]),
                       ("report_half", [r for r in rows if r["doc"] not in fitted])):
        out[name] = {"key_fact_recall": _mean([r["key_fact_recall"] for r in half]),
                     "key_fact_precision": _mean([r["key_fact_precision"] for r in half]), "n": len(half)}
    return out


def ragqa(engine: Engine, questions, texts) -> tuple[dict, list]:
    results, _ = engine.evaluate(questions, texts=texts, progress=True)
    doc_of = {q.id: q.doc for q in questions}
    rows = []
    for r in results:
        m = r.metrics
        rows.append({
            "doc": doc_of[r.id], "gold_doc@5": m.get("gold_doc@5"), "gold_quote@5": None if math.isnan(m.get("hit@5", M.NAN))
            else m["hit@5"], "answer_in_gold_doc": 0.0 if r.abstained else m.get("citation_in_gold_doc"),
            "key_fact_recall": m.get("key_fact_recall"), "key_fact_precision": m.get("key_fact_precision"),
            "chars": len(r.answer), "refused": float(r.abstained), "gold_page@5": m.get("gold_page@5"),
        })
    out = summarize(rows)
    out["gold_page@5"] = _mean([r["gold_page@5"] for r in rows])
    return out, results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--index", type=Path, default=REPO / "runs" / "allganize-index")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "allganize.json")
    args = ap.parse_args()
    cfg = Config.from_env()
    cfg = cfg.replace(paths={"corpus_dir": (args.dataset / "docs").resolve(), "index_dir": args.index.resolve(),
                             "models_dir": cfg.paths.models_dir.resolve()})
    questions, _ = read_questions(args.dataset / "questions.jsonl")
    engine = Engine(cfg)
    t0 = time.perf_counter()
    report = engine.build(progress=True)
    texts = gold_texts(questions, cfg.paths.corpus_dir, cfg.paths.index_dir)  # the texts the build kept
    print(f"index: {report.chunks} chunks, {report.seconds:.0f} s; skipped: {[str(w) for w in report.warnings]}",
          file=sys.stderr)
    ours, _ = ragqa(engine, questions, texts)
    print("LangChain baseline ...", file=sys.stderr)
    base = baseline(engine, args.dataset, questions)
    result = {"date": time.strftime("%Y-%m-%d"), "dataset": str(args.dataset), "ragqa": ours,
              "langchain_1000_200_top_chunk": base, "seconds": round(time.perf_counter() - t0, 1)}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
