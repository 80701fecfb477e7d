"""``ragqa ask``: one question, or a batch (JSONL in, one JSON answer a line out: the contract batch evaluation
reads)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ragqa.answer.serialize import quoted_text
from ragqa.cli import common
from ragqa.cli.common import EXIT_USAGE, config_from, explicit_index, indexed, other_corpus


def cmd_ask(args) -> int:
    if args.threshold is not None:  # refused before any indexing, and before a batch's every line would fail
        from ragqa.answer.checks import AnswerError, check_threshold

        try:
            check_threshold(args.threshold)
        except AnswerError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    cfg = config_from(args)
    explicit = explicit_index(args)
    if args.batch:
        engine = indexed(common.engine_for(cfg), explicit)
        return ask_batch(engine, Path(args.batch), Path(args.out) if args.out else None,
                         args.backend, args.doc, k=args.k, mode=args.mode, threshold=args.threshold)
    if args.question is None:
        print("error: give a question, or --batch IN.jsonl --out OUT.jsonl", file=sys.stderr)
        return EXIT_USAGE
    from ragqa.answer.checks import AnswerError, clean_question

    try:
        clean_question(args.question)  # an empty or over-long question is said here, server or not
    except AnswerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = None
    if not (args.no_server or args.mode or args.k or other_corpus(cfg)):
        # the server answers with its own retrieval settings, from its index (of this corpus: not one given elsewhere)
        from ragqa.client import ask_via_server

        result = ask_via_server(args.question, args.backend or "", cfg.paths.index_dir, docs=args.doc,
                                threshold=args.threshold)
        if result is not None and result.get("error"):  # the server's answer to a bad request (an unknown --doc)
            print(f"error: {result['error']}", file=sys.stderr)
            return EXIT_USAGE
    if result is None:  # answered here: the engine (and the heavy imports) only now
        from ragqa.engine import UnknownDocument

        try:
            engine = indexed(common.engine_for(cfg), explicit)
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


def ask_batch(engine, path: Path, out: Path | None, backend: str | None, docs: list[str] | None = None,
               **options) -> int:
    """Answer each line's question (limited to ``docs``, or to the line's own ``"docs"``: file names or titles)."""
    from tqdm import tqdm

    from ragqa.answer.checks import AnswerError

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
