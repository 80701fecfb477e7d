"""Building the index, incrementally: only new or changed documents are chunked and embedded.

A document is unchanged when its content hash, metadata and the chunker settings match the
current build; its chunks, vectors and BM25 terms are carried over as they are. Documents
that disappeared from the corpus simply are not carried over.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ragqa import cpu, korean, tables
from ragqa.chunking import CHUNKER_VERSION, chunk_document
from ragqa.config import Config
from ragqa.index import store, vectorstore
from ragqa.index.sparse import BM25
from ragqa.ingest import FileNote, load_corpus
from ragqa.ingest.manifest import read_cleaning
from ragqa.models import Embedder
from ragqa.types import Chunk, Document

log = logging.getLogger(__name__)

INDEXED_KINDS = ("body", "table", "caption", "footnote")


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[FileNote] = field(default_factory=list)  # files skipped or read with a caveat
    chunks: int = 0
    embedded: int = 0
    reused: int = 0  # texts (passages, sentences) whose vectors an earlier build already held
    seconds: float = 0.0
    rebuilt: bool = False
    path: str = ""
    store: vectorstore.SyncReport | None = None  # what the sync of a Milvus store did (None: FAISS)

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt)


def embed_text(chunk: Chunk) -> str:
    """What is embedded: the chunk's context (title, publisher, section) and its text."""
    return f"{chunk.context}\n{chunk.text}" if chunk.context else chunk.text


def bm25_terms(chunk: Chunk) -> list[str]:
    return korean.terms(embed_text(chunk))


def _doc_info(doc: Document, n: int) -> dict:
    return dataclasses.asdict(store.DocInfo(doc.doc_id, doc.source, doc.title, doc.publisher, doc.author, doc.date,
                                            doc.kind, doc.file_sha256, n, doc.pages))


def chunker_settings(cfg: Config) -> dict:
    return {**dataclasses.asdict(cfg.chunk), "version": CHUNKER_VERSION, "terms_version": korean.TERMS_VERSION}


def expected_manifest(cfg: Config, embedder: Embedder) -> dict:
    return store.base_manifest(cfg.embed.model, embedder.dim, embedder.fingerprint, chunker_settings(cfg),
                               cfg.retrieval.faiss_index, getattr(embedder, "precision", ""))


def build_index(cfg: Config, embedder: Embedder, corpus_dir: Path | None = None, index_dir: Path | None = None,
                rebuild: bool = False, progress: bool = True) -> BuildReport:
    """Bring the index in ``index_dir`` up to date with ``corpus_dir``."""
    t0 = time.perf_counter()
    corpus_dir = corpus_dir or cfg.paths.corpus_dir
    index_dir = index_dir or cfg.paths.index_dir
    report = BuildReport()
    target = vectorstore.synced(cfg.store)  # a wrong setting or an unreachable server: said before any work
    docs, report.warnings = load_corpus(corpus_dir)
    expected = expected_manifest(cfg, embedder)

    previous: store.IndexData | None = None
    earlier: store.IndexData | None = None  # a build whose vectors may be reused for texts it embedded alike
    if not rebuild and store.current_build(index_dir) is not None:
        try:
            previous = earlier = store.load(index_dir, expected)
        except store.IndexUnavailable as exc:
            log.warning("rebuilding from scratch: %s", exc.reason)
            print(f"rebuilding the index from scratch: {exc.reason}", file=sys.stderr)
            report.rebuilt = True
            earlier = _same_embedder(index_dir, expected)
    elif rebuild:
        report.rebuilt = True
    cleaning = list(read_cleaning(corpus_dir))
    if previous is not None and previous.manifest.get("cleaning", []) != cleaning:
        log.warning("the corpus's cleaning.json changed: every document is chunked again")
        previous, report.rebuilt = None, True

    old_by_doc: dict[str, list[int]] = {}
    old_info = previous.docs if previous else {}
    if previous:
        for i, c in enumerate(previous.chunks):
            old_by_doc.setdefault(c.doc_id, []).append(i)

    chunks: list[Chunk] = []
    vectors: list[np.ndarray] = []
    terms: list[list[str]] = []
    sent_terms: list[list[list[str]]] = []
    sent_vectors: list[np.ndarray] = []  # per chunk: its sentences' vectors (zeros until embedded)
    to_embed: list[tuple[int, Chunk]] = []
    infos = []
    bar = tqdm(docs, desc="chunk", unit="doc", file=sys.stderr, disable=not progress)
    for doc in bar:
        bar.set_postfix_str(doc.source[-40:])
        prev = old_info.get(doc.source)
        same_meta = prev is not None and (prev.doc_id, prev.title, prev.publisher, prev.date) == \
            (doc.doc_id, doc.title, doc.publisher, doc.date)
        if previous and same_meta and doc.doc_id in old_by_doc:
            rows = old_by_doc[doc.doc_id]
            chunks.extend(previous.chunks[i] for i in rows)
            vectors.append(previous.vectors[rows])
            terms.extend(previous.bm25.terms_of(i) for i in rows)
            sent_terms.extend(previous.sentence_terms[i] for i in rows)
            sent_vectors.extend(np.asarray(previous.sentence_vectors_of(i)) for i in rows)
            report.unchanged.append(doc.source)
            infos.append(_doc_info(doc, len(rows)))
            continue
        (report.changed if prev is not None else report.added).append(doc.source)
        doc_chunks = [c for c in chunk_document(doc, cfg.chunk, korean.split_sentences) if c.kind in INDEXED_KINDS]
        for c in doc_chunks:
            to_embed.append((len(chunks), c))
            chunks.append(c)
            terms.append(bm25_terms(c))
            sent_terms.append([korean.terms(s.text) for s in c.sentences])
            sent_vectors.append(np.zeros((len(c.sentences), embedder.dim), np.float32))
        vectors.append(np.zeros((len(doc_chunks), embedder.dim), np.float32))
        infos.append(_doc_info(doc, len(doc_chunks)))
    report.removed = sorted(set(old_info) - {d.source for d in docs})
    report.chunks = len(chunks)

    not_indexed = _not_indexed(corpus_dir, report.warnings)
    # a build from before builds kept their documents' texts is written again (nothing is embedded)
    keeps_texts = previous is not None and (previous.path / store.TEXTS_FILE).is_file()
    if previous and keeps_texts and not report.changed_anything and \
            not_indexed == previous.manifest.get("files_not_indexed", []):
        report.path = str(previous.path)
        if target is not None:
            rows = vectorstore.Rows.of_index(previous)
            if not target.covers(rows):  # a new or emptied store: fill it from the build
                report.store = target.finish(rows, target.stage(rows, progress))
        report.seconds = time.perf_counter() - t0
        return report

    matrix = np.concatenate(vectors) if vectors else np.zeros((0, embedder.dim), np.float32)
    if to_embed:
        # one pass over passages and their sentences, longest first: similar lengths batch together
        jobs = [(embed_text(c), matrix, row) for row, c in to_embed]
        # a sentence as it reads alone: a table row with its caption and column names (tables.scoring_text)
        jobs += [(tables.scoring_text(c, j), sent_vectors[row], j) for row, c in to_embed for j in range(len(c.sentences))]
        if earlier is not None:  # a text embedded alike before (another chunker version, an edited document)
            known = _vectors_by_text(earlier)
            kept = [job for job in jobs if job[0] in known]
            for text, target_matrix, row in kept:
                target_matrix[row] = known[text]
            report.reused = len(kept)
            jobs = [job for job in jobs if job[0] not in known]
        _embed_into(embedder, jobs, progress)
        report.embedded = len(to_embed)

    manifest = dict(expected)
    manifest.update({
        "corpus_dir": str(Path(corpus_dir).resolve()),  # absolute: a command run elsewhere finds it the same
        "documents": infos,
        "counts": {"documents": len(infos), "chunks": len(chunks)},
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "build_seconds": round(time.perf_counter() - t0, 2),
        "indexed_kinds": list(INDEXED_KINDS),
        "files_not_indexed": not_indexed,
        "cleaning": cleaning,
        "built_on": cpu.describe(),  # with embedding.precision: what built it (an index moves between CPUs)
    })
    sentences = np.concatenate(sent_vectors) if sent_vectors else np.zeros((0, embedder.dim), np.float32)
    bm25 = BM25.from_terms(terms)
    # a store outside the build folder gets the new rows before the build goes live and loses the old
    # ones after: a crash at any point leaves the live build searchable there
    rows = vectorstore.Rows.of(chunks, matrix, bm25, manifest) if target is not None else None
    staged = target.stage(rows, progress) if target is not None else None
    path = store.write(index_dir, manifest, chunks, matrix, bm25, cfg.retrieval.faiss_index, sent_terms, sentences,
                       {d.source: d.text for d in docs})
    if target is not None:
        report.store = target.finish(rows, staged)
    report.path = str(path)
    report.seconds = time.perf_counter() - t0
    return report


def _same_embedder(index_dir: Path, expected: dict) -> store.IndexData | None:
    """The current build, when another chunker made it but the same embedding model, weights and precision
    did: its vectors hold for every text it embedded alike (most of them, after a chunker change). None
    when it is unreadable or embedded otherwise."""
    try:
        old = store.load(index_dir, faiss=False)
    except store.IndexUnavailable:
        return None
    # compatible but for the chunker, and embedded in the same precision (which loading does not require)
    other_chunker = {**expected, "chunker": old.manifest.get("chunker")}
    same_precision = old.manifest.get("embedding", {}).get("precision") == expected["embedding"].get("precision")
    return old if same_precision and not store.check_compatible(old.manifest, other_chunker) else None


def _vectors_by_text(data: store.IndexData) -> dict[str, np.ndarray]:
    """Every text a build embedded (a passage as ``embed_text`` reads it, a sentence as
    ``tables.scoring_text`` does) -> its vector."""
    known: dict[str, np.ndarray] = {}
    for i, c in enumerate(data.chunks):
        known[embed_text(c)] = np.asarray(data.vectors[i], np.float32)
        for j, v in enumerate(data.sentence_vectors_of(i)):
            known.setdefault(tables.scoring_text(c, j), np.asarray(v, np.float32))
    return known


def _not_indexed(corpus_dir: Path, notes: list[FileNote]) -> list[dict]:
    """The files skipped, with why and their hash: listed in the UI, and not new at the next check."""
    import hashlib

    out = []
    for w in notes:
        if w.skipped:
            path = corpus_dir / w.source
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            out.append({"source": w.source, "reason": w.message, "needs_ocr": w.needs_ocr, "unread": w.unread,
                        "file_sha256": digest})
    return out


def _embed_into(embedder: Embedder, jobs: list[tuple[str, np.ndarray, int]], progress: bool,
                batch: int = 64) -> None:
    """Embed each job's text (as a document) into ``target[row]``, with a progress bar over passages
    and sentences. Each distinct text once (the sentence two overlapping passages share, a line a document
    repeats: 7-9% of the texts of the five reports and of allganize-dev's PDFs), longest first, so each batch
    pads little."""
    targets: dict[str, list[tuple[np.ndarray, int]]] = {}
    for text, target, row in jobs:
        targets.setdefault(text, []).append((target, row))
    texts = sorted(targets, key=lambda t: -len(t))
    with tqdm(total=len(texts), desc="embed", unit="text", file=sys.stderr, disable=not progress) as pbar:
        for s in range(0, len(texts), batch):
            chunk = texts[s:s + batch]
            for text, v in zip(chunk, embedder.embed_documents(chunk)):
                for target, row in targets[text]:
                    target[row] = v
            pbar.update(len(chunk))


def is_stale(cfg: Config, corpus_dir: Path | None = None, index_dir: Path | None = None) -> bool:
    """Cheap staleness check (no model load): do the corpus files still match the manifest?"""
    import hashlib

    from ragqa.ingest import corpus_files, unread_files

    corpus_dir = corpus_dir or cfg.paths.corpus_dir
    manifest = store.read_manifest(index_dir or cfg.paths.index_dir)
    if manifest is None or manifest.get("chunker") != chunker_settings(cfg) or \
            manifest.get("embedding", {}).get("model") != cfg.embed.model or \
            manifest.get("format_version") != store.FORMAT_VERSION:  # an index from an older release
        return True
    if Path(manifest.get("corpus_dir", corpus_dir)).resolve() != Path(corpus_dir).resolve():
        return True
    target = vectorstore.synced(cfg.store)
    if target is not None:  # a Milvus store must hold this build too (a new or emptied store is stale)
        try:
            if not target.covers(vectorstore.Rows.of_index(store.load(index_dir or cfg.paths.index_dir, faiss=False))):
                return True
        except store.IndexUnavailable:
            return True
    build = store.current_build(index_dir or cfg.paths.index_dir)
    if build is None or not (build / store.TEXTS_FILE).is_file():  # a build from before builds kept texts
        return True
    from ragqa.ingest.loaders import supported

    not_indexed = manifest.get("files_not_indexed", [])
    if any(d.get("unread") and supported(Path(d["source"])) for d in not_indexed):
        return True  # a file of a type no loader read when the index was built, which one reads now
    recorded = {d["source"]: d["file_sha256"] for d in manifest.get("documents", [])}
    recorded.update({d["source"]: d["file_sha256"] for d in not_indexed})
    current = {p.relative_to(corpus_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in corpus_files(corpus_dir) + unread_files(corpus_dir)}  # the files an index lists as unread too
    return any(current.get(s) != h for s, h in recorded.items()) or bool(set(current) - set(recorded))
