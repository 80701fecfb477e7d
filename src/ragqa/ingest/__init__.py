"""Ingest: files -> :class:`~ragqa.types.Document` -> cleaned, offset-keeping segments."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from ragqa.ingest.loaders import LoadError, load_file, supported
from ragqa.ingest.manifest import guess_title, read_manifest
from ragqa.types import Document

log = logging.getLogger(__name__)


def content_id(text: str) -> str:
    """Stable id of a document's content: re-ingesting the same text gives the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Supported files under ``corpus_dir`` (recursive, sorted; hidden files and the manifest skipped)."""
    files = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.name == "manifest.json" or not supported(path):
            continue
        files.append(path)
    return files


def load_document(path: Path, corpus_dir: Path, manifest: dict | None = None) -> Document:
    """Load one file as a :class:`Document`; raises :class:`LoadError` for a bad file."""
    manifest = read_manifest(corpus_dir) if manifest is None else manifest
    rel = path.relative_to(corpus_dir).as_posix()
    data = path.read_bytes() if path.exists() else b""
    text = load_file(path)
    if not text.strip():
        raise LoadError(f"{rel} is empty")
    meta = manifest.get(rel) or manifest.get(path.name)
    return Document(
        doc_id=content_id(text),
        source=rel,
        title=(meta.title if meta and meta.title else guess_title(text, path.name)),
        text=text,
        publisher=meta.publisher if meta else "",
        author=meta.author if meta else "",
        date=meta.date if meta else "",
        kind=meta.kind if meta else "",
        file_sha256=hashlib.sha256(data).hexdigest(),
    )


def load_corpus(corpus_dir: Path) -> tuple[list[Document], list[str]]:
    """Every loadable document under ``corpus_dir`` and a warning for each file skipped.

    One bad file never stops the run: it is named in a warning and left out.
    """
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus directory {corpus_dir} does not exist")
    manifest = read_manifest(corpus_dir)
    docs, warnings = [], []
    seen: dict[str, str] = {}
    for path in corpus_files(corpus_dir):
        try:
            doc = load_document(path, corpus_dir, manifest)
        except (LoadError, OSError) as exc:
            msg = f"skipped {path.relative_to(corpus_dir).as_posix()}: {exc}"
            log.warning(msg)
            warnings.append(msg)
            continue
        except Exception as exc:  # noqa: BLE001 - whatever a loader raises, the rest of the corpus is indexed
            msg = f"skipped {path.relative_to(corpus_dir).as_posix()}: {exc.__class__.__name__}: {exc}"
            log.warning(msg)
            warnings.append(msg)
            continue
        if doc.doc_id in seen:
            msg = f"skipped {doc.source}: same content as {seen[doc.doc_id]}"
            log.warning(msg)
            warnings.append(msg)
            continue
        seen[doc.doc_id] = doc.source
        docs.append(doc)
    return docs, warnings
