"""``ragqa eval`` (a question set scored: retrieval, answers, citations, faithfulness, refusals) and ``ragqa compare``
(two runs of one set, question by question)."""

from __future__ import annotations

import dataclasses
import json
import math
import sys
import time
from pathlib import Path

from ragqa.cli import common
from ragqa.cli.common import EXIT_USAGE, config_from, explicit_index, indexed


def cmd_eval(args) -> int:
    from ragqa.evaluation import runner
    from ragqa.evaluation.labels import HEADLINE

    cfg = config_from(args)
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
    engine = None if (args.answers and args.no_embed_check) else indexed(common.engine_for(cfg), explicit_index(args))
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
