"""What every command shares: exit codes, the configuration its flags give, the engine, and that engine's index
current for its corpus (built or updated first, as ``make run`` leaves it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ragqa.config import Config

EXIT_USAGE, EXIT_MISSING = 2, 3
DOC_HELP = ("search only this document (its file name, or a part of its file name or title; case ignored); "
            "repeat for several")


def config_from(args) -> Config:
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


def engine_for(cfg: Config):
    from ragqa.engine import Engine

    return Engine(cfg)


def build_index(engine, rebuild: bool = False, quiet: bool = False, out=sys.stdout) -> None:
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


def indexed(engine, explicit: bool):
    """The engine ``ask``, ``search``, ``eval`` and ``serve`` use, its index current for its corpus, as ``make run``
    leaves it: built when there is none, updated when a document was added, changed or removed. When the index holds
    another corpus (``--corpus`` pointing elsewhere), the default index is not overwritten: this corpus gets one of its
    own beside it (``index-<corpus name>-<hash of its path>``), built on first use; an index named explicitly
    (``--index`` or RAGQA_INDEX) that holds another corpus is refused with what to run. Without the corpus
    folder the index is used as it is (a build keeps its documents' texts)."""
    import hashlib

    from ragqa.index import store
    from ragqa.index.build import is_stale

    cfg = engine.cfg
    corpus, index = Path(cfg.paths.corpus_dir), Path(cfg.paths.index_dir)
    if not corpus.is_dir():
        return engine
    built_from = other_corpus(cfg)
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
        build_index(engine, out=sys.stderr)  # stdout is the answer's
    return engine


def explicit_index(args) -> bool:
    """The index folder was named (``--index``, RAGQA_INDEX), not the default one."""
    return bool(getattr(args, "index", None) or os.environ.get("RAGQA_INDEX"))


def other_corpus(cfg: Config) -> str | None:
    """The corpus folder the index in ``cfg`` was built from, as recorded, when it is not ``cfg``'s corpus (None:
    the same folder, no index, or none recorded)."""
    from ragqa.index import store

    built_from = (store.read_manifest(cfg.paths.index_dir) or {}).get("corpus_dir")
    return built_from if built_from and Path(built_from).resolve() != Path(cfg.paths.corpus_dir).resolve() else None
