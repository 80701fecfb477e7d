"""The index directory: a manifest plus plain files, replaced atomically.

Layout::

    index/
      CURRENT              name of the live build (replaced with os.replace: atomic)
      b-<time>-<rand>/     one complete build
        manifest.json      format, package, model (id, dim, weight hash), chunker, corpus hashes, counts
        chunks.jsonl       every indexed chunk with offsets, section, kind, sentences, context
        vectors.npy        float32 embeddings, one row per chunk
        dense.faiss        FAISS index over the vectors (ids = chunk-hash ids)
        bm25_vocab.json    BM25 vocabulary
        bm25_tf.npz        BM25 term counts (CSR arrays)
        sentence_terms.json  BM25 terms of every sentence of every chunk (for sentence-focus ranking)
        sentence_vectors.npy float32 embeddings of every sentence of every chunk, in chunk order
                             (the answerer and verifier read them instead of embedding per question)

The vector files are memory-mapped: a process that answers one question reads only the rows it
touches.

A build is written into a fresh folder and only then named in ``CURRENT``; a crash at any
point leaves the previous build live. Nothing is pickled.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import secrets
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ragqa import __version__
from ragqa.aliases import Aliases
from ragqa.index import dense
from ragqa.index.pointer import current_build
from ragqa.index.sparse import BM25
from ragqa.types import Chunk, Sentence, page_at

FORMAT_VERSION = 3  # 2: sentence vectors; the precision recorded beside the weights' hash. 3: pages


class IndexUnavailable(RuntimeError):
    """The index is missing, corrupt or was built with other settings; the message says what to run."""

    @property
    def reason(self) -> str:
        """The message without its advice (for ``ragqa index``, which is already rebuilding)."""
        return str(self).split(" Run `ragqa index", 1)[0]


@dataclass(frozen=True)
class DocInfo:
    doc_id: str
    source: str
    title: str
    publisher: str = ""
    author: str = ""
    date: str = ""
    kind: str = ""
    file_sha256: str = ""
    chunks: int = 0
    pages: tuple[int, ...] = ()  # where each page starts in the source text (paged formats)

    def page_of(self, offset: int) -> int | None:
        return page_at(self.pages, offset)


@dataclass
class IndexData:
    path: Path
    manifest: dict
    chunks: list[Chunk]
    vectors: np.ndarray
    # the FAISS index, or the path of its file when the build was loaded for another vector store (read on
    # first use: an index searched through Milvus never holds a second copy of every vector in memory)
    faiss_source: object
    bm25: BM25
    docs: dict[str, DocInfo]  # by source
    sentence_terms: list[list[list[str]]]  # chunk -> sentence -> terms
    sentence_vectors: np.ndarray  # one row per sentence of every chunk, in chunk order

    def __post_init__(self) -> None:
        self.by_vector_id = {dense.vector_id(c.chunk_id): i for i, c in enumerate(self.chunks)}
        self.sentence_rows = sentence_offsets(self.chunks)
        self._titles = {key: d.title for d in self.docs.values() for key in (d.source, d.doc_id)}

    @property
    def faiss_index(self):
        with _FAISS_LOCK:
            if isinstance(self.faiss_source, Path):
                self.faiss_source = _load_faiss(self.faiss_source, len(self.chunks))
            return self.faiss_source

    @functools.cached_property
    def aliases(self) -> Aliases:
        """Spellings of one name in Hangul and Latin, as the indexed text pairs them (``앤스로픽(Anthropic)``):
        derived on first use from the chunks (~0.1 s for 1,000 passages), so no build format changes."""
        return Aliases.from_texts(c.text for c in self.chunks)

    def row_of(self, chunk: Chunk) -> int | None:
        """The row of ``chunk`` in this index (its vectors, terms, sentence vectors), or None."""
        return self.by_vector_id.get(dense.vector_id(chunk.chunk_id))

    def title_of(self, key: str, default: str = "") -> str:
        """A document's title, by its source path or its doc id."""
        return self._titles.get(key, default)

    def page_of(self, source: str, offset: int) -> int | None:
        """1-based page of a document's source offset (None for formats without pages)."""
        info = self.docs.get(source)
        return info.page_of(offset) if info is not None else None

    @functools.cached_property
    def texts(self) -> dict[str, str]:
        """Every document's source text as it was indexed, by source path (read on first use; empty for a
        build written before builds kept them)."""
        return read_build_texts(self.path)

    def text_of(self, source: str) -> str | None:
        """The source text ``source`` was indexed from (the coordinate system of its chunks' offsets), or
        None when this build does not hold it."""
        return self.texts.get(source)

    def sentence_vectors_of(self, row: int) -> np.ndarray:
        """The vectors of chunk ``row``'s sentences (one row per ``chunk.sentences`` entry)."""
        return self.sentence_vectors[self.sentence_rows[row]:self.sentence_rows[row + 1]]


def sentence_offsets(chunks: list[Chunk]) -> np.ndarray:
    """Where each chunk's sentences start in the sentence matrix (plus the total at the end)."""
    return np.concatenate([[0], np.cumsum([len(c.sentences) for c in chunks], dtype=np.int64)]).astype(np.int64)


def chunk_to_json(c: Chunk) -> dict:
    d = dataclasses.asdict(c)
    d["sentences"] = [[s.start, s.end, s.text] for s in c.sentences]
    return d


def chunk_from_json(d: dict) -> Chunk:
    d = dict(d)
    d["sentences"] = tuple(Sentence(a, b, t) for a, b, t in d.get("sentences", ()))
    d["table_header"] = tuple(d.get("table_header", ()))
    return Chunk(**d)


TEXTS_FILE = "texts.jsonl"


def read_build_texts(build: Path) -> dict[str, str]:
    """The source texts a build keeps (``TEXTS_FILE``: one JSON line per document), by source path."""
    path = build / TEXTS_FILE
    if not path.is_file():
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        return {r["source"]: r["text"] for r in rows}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexUnavailable(f"the index in {build} is corrupt ({TEXTS_FILE}: {exc}). "
                               "Run `ragqa index --rebuild` to rebuild it.") from exc


def read_texts(index_dir: Path) -> dict[str, str]:
    """The source texts of the current build in ``index_dir`` (empty when there is none, or it keeps none):
    no model, no index load (the evaluation resolves gold quotes in the texts the offsets point into)."""
    build = current_build(index_dir)
    return read_build_texts(build) if build is not None and build.is_dir() else {}


def write(index_dir: Path, manifest: dict, chunks: list[Chunk], vectors: np.ndarray, bm25: BM25,
          faiss_kind: str, sentence_terms: list[list[list[str]]], sentence_vectors: np.ndarray,
          texts: dict[str, str] | None = None) -> Path:
    """Write a complete build and make it current; older builds are removed afterwards.

    ``texts`` are the documents' source texts by source path: kept so that answers and citations read the
    text the offsets were taken from, not a new extraction of the file (an OCR engine installed since, a
    changed PDF library)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    name = f"b-{time.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}"
    tmp = index_dir / f".tmp-{name}"
    tmp.mkdir()
    with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as f:
        for c in chunks:
            f.write(json.dumps(chunk_to_json(c), ensure_ascii=False) + "\n")
    np.save(tmp / "vectors.npy", np.ascontiguousarray(vectors, np.float32), allow_pickle=False)
    ids = np.asarray([dense.vector_id(c.chunk_id) for c in chunks], np.int64)
    dense.save(dense.build(vectors, ids, faiss_kind), tmp / "dense.faiss")
    bm25.save(tmp)
    (tmp / "sentence_terms.json").write_text(json.dumps(sentence_terms, ensure_ascii=False), "utf-8")
    np.save(tmp / "sentence_vectors.npy", np.ascontiguousarray(sentence_vectors, np.float32), allow_pickle=False)
    with open(tmp / TEXTS_FILE, "w", encoding="utf-8") as f:
        for source, text in sorted((texts or {}).items()):
            f.write(json.dumps({"source": source, "text": text}, ensure_ascii=False) + "\n")
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    for f in tmp.iterdir():  # make the bytes durable before the build is named
        with open(f, "rb") as fh:
            os.fsync(fh.fileno())
    os.replace(tmp, index_dir / name)
    pointer_tmp = index_dir / f".CURRENT-{name}"
    pointer_tmp.write_text(name, "utf-8")
    os.replace(pointer_tmp, index_dir / "CURRENT")
    for old in index_dir.iterdir():  # old builds and leftovers of interrupted ones
        if old.name != name and (old.name.startswith("b-") or old.name.startswith(".tmp-")) and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return index_dir / name


def read_manifest(index_dir: Path) -> dict | None:
    build = current_build(index_dir)
    if build is None or not (build / "manifest.json").exists():
        return None
    try:
        return json.loads((build / "manifest.json").read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def check_compatible(manifest: dict, expected: dict) -> list[str]:
    """Differences between a stored manifest and what the current settings would build."""
    problems = []
    if manifest.get("format_version") != FORMAT_VERSION:
        problems.append(f"index format {manifest.get('format_version')} != {FORMAT_VERSION}")
    # the precision is not compared: a query embedded in fp32, bf16 or int8 by the same weights lands
    # among the same neighbours (measured: README), so an index moves between CPUs as it is
    for key in ("model", "dim", "fingerprint"):
        got, want = manifest.get("embedding", {}).get(key), expected["embedding"].get(key)
        if want is not None and got != want:
            problems.append(f"embedding {key} {got!r} != {want!r}")
    if manifest.get("chunker") != expected.get("chunker"):
        problems.append(f"chunker settings {manifest.get('chunker')} != {expected.get('chunker')}")
    return problems


_FAISS_LOCK = threading.Lock()


def _load_faiss(path: Path, n: int):
    try:
        index = dense.load(path)
    except Exception as exc:  # an unreadable file means a corrupt index
        raise IndexUnavailable(f"the index in {path.parent} is corrupt or incomplete ({exc.__class__.__name__}: "
                               f"{exc}). Run `ragqa index --rebuild` to rebuild it.") from exc
    if index.ntotal != n:
        raise IndexUnavailable(f"the index in {path.parent} is inconsistent (chunks {n}, faiss {index.ntotal}). "
                               "Run `ragqa index --rebuild`.")
    return index


def load(index_dir: Path, expected: dict | None = None, faiss: bool = True) -> IndexData:
    """Load the current build; refuse a missing, corrupt or mismatched one with what to run.

    ``faiss=False`` leaves the FAISS index on disk until something searches it (another vector store
    serves the dense search)."""
    build = current_build(index_dir)
    if build is None or not build.is_dir():
        raise IndexUnavailable(f"no index in {index_dir}. Run `ragqa index` (or `make run`) to build it.")
    try:
        manifest = json.loads((build / "manifest.json").read_text("utf-8"))
        if expected is not None:
            problems = check_compatible(manifest, expected)
            if problems:
                raise IndexUnavailable(f"the index in {index_dir} was built with other settings "
                                       f"({'; '.join(problems)}). Run `ragqa index --rebuild` to rebuild it.")
        with open(build / "chunks.jsonl", encoding="utf-8") as f:
            chunks = [chunk_from_json(json.loads(line)) for line in f if line.strip()]
        vectors = np.load(build / "vectors.npy", mmap_mode="r", allow_pickle=False)
        if not (build / "dense.faiss").is_file():
            raise FileNotFoundError(build / "dense.faiss")
        bm25 = BM25.load(build)
        sentence_terms = json.loads((build / "sentence_terms.json").read_text("utf-8"))
        sentence_vectors = np.load(build / "sentence_vectors.npy", mmap_mode="r", allow_pickle=False)
    except IndexUnavailable:
        raise
    except Exception as exc:  # any unreadable file means a corrupt index
        raise IndexUnavailable(f"the index in {build} is corrupt or incomplete ({exc.__class__.__name__}: {exc}). "
                               "Run `ragqa index --rebuild` to rebuild it.") from exc
    n = manifest.get("counts", {}).get("chunks")
    n_sentences = sum(len(c.sentences) for c in chunks)
    if not (len(chunks) == vectors.shape[0] == bm25.tf.shape[0] == len(sentence_terms) == n) \
            or sentence_vectors.shape[0] != n_sentences:
        raise IndexUnavailable(f"the index in {build} is inconsistent (chunks {len(chunks)}, vectors "
                               f"{vectors.shape[0]}, bm25 {bm25.tf.shape[0]}, "
                               f"manifest {n}, sentences {n_sentences}, sentence vectors {sentence_vectors.shape[0]}). "
                               "Run `ragqa index --rebuild`.")
    docs = {d["source"]: DocInfo(**{**d, "pages": tuple(d.get("pages", ()))}) for d in manifest.get("documents", [])}
    data = IndexData(build, manifest, chunks, vectors, build / "dense.faiss", bm25, docs, sentence_terms,
                     sentence_vectors)
    if faiss:
        data.faiss_index  # read now: a corrupt file is found at load time
    return data


def base_manifest(model: str, dim: int, fingerprint: str, chunker: dict, faiss_kind: str,
                  precision: str = "") -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "package_version": __version__,
        "embedding": {"model": model, "dim": dim, "fingerprint": fingerprint, "precision": precision},
        "chunker": chunker,
        "faiss_index": faiss_kind,
    }
