"""Ingest: files -> :class:`~ragqa.types.Document` -> cleaned, offset-keeping segments."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from ragqa.ingest.loaders import NOT_READ, LoadError, NeedsOCR, load_source, supported
from ragqa.ingest.manifest import guess_title, read_cleaning, read_manifest
from ragqa.types import Document

log = logging.getLogger(__name__)


def content_id(text: str) -> str:
    """Stable id of a document's content: re-ingesting the same text gives the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _visible_files(corpus_dir: Path) -> list[Path]:
    """Files under ``corpus_dir`` (recursive, sorted), hidden ones and the corpus's own JSON files left out."""
    files = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.name in ("manifest.json", "cleaning.json", "examples.json"):
            continue
        files.append(path)
    return files


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Supported files under ``corpus_dir`` (recursive, sorted; hidden files and the manifest skipped)."""
    return [p for p in _visible_files(corpus_dir) if supported(p)]


def unread_files(corpus_dir: Path) -> list[Path]:
    """Office files in the corpus that no loader reads (``.doc``, ``.ppt``, …): listed with what to do."""
    return [p for p in _visible_files(corpus_dir) if p.suffix.lower() in NOT_READ]


@dataclass(frozen=True)
class FileNote:
    """What indexing has to say about one file: skipped (and why), or read with a caveat."""

    source: str
    message: str
    skipped: bool = True
    needs_ocr: bool = False
    unread: bool = False  # a type no loader reads (yet): a release that reads it indexes the file

    def __str__(self) -> str:
        return f"skipped {self.source}: {self.message}" if self.skipped else f"{self.source}: {self.message}"


def load_document(path: Path, corpus_dir: Path, manifest: dict | None = None,
                  notes: list[FileNote] | None = None, chrome: tuple[str, ...] | None = None) -> Document:
    """Load one file as a :class:`Document`; raises :class:`LoadError` for a bad file.

    Caveats of a file that was read (pages OCRed or left out) are appended to ``notes``.
    """
    manifest = read_manifest(corpus_dir) if manifest is None else manifest
    rel = path.relative_to(corpus_dir).as_posix()
    data = path.read_bytes() if path.exists() else b""
    loaded = load_source(path)
    text = loaded.text
    if not text.strip():
        raise LoadError(f"{rel} is empty")
    for note in loaded.notes:
        log.warning("%s: %s", rel, note)
        if notes is not None:
            notes.append(FileNote(rel, note, skipped=False))
    meta = manifest.get(rel) or manifest.get(path.name)
    return Document(
        doc_id=content_id(text),
        source=rel,
        title=(meta.title if meta and meta.title else loaded.title or guess_title(text, path.name, loaded.pages)),
        text=text,
        publisher=meta.publisher if meta else "",
        author=meta.author if meta else "",
        date=meta.date if meta else "",
        kind=meta.kind if meta else "",
        file_sha256=hashlib.sha256(data).hexdigest(),
        pages=loaded.pages,
        headings=loaded.headings,
        paragraphs=loaded.paragraphs,
        chrome=read_cleaning(corpus_dir) if chrome is None else chrome,
    )


def load_corpus(corpus_dir: Path) -> tuple[list[Document], list[FileNote]]:
    """Every loadable document under ``corpus_dir``, and a note for each file skipped or read with a caveat.

    One bad file never stops the run: it is named in a note (with its reason) and left out.
    """
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus directory {corpus_dir} does not exist")
    manifest = read_manifest(corpus_dir)
    chrome = read_cleaning(corpus_dir)
    docs: list[Document] = []
    notes: list[FileNote] = []
    seen: dict[str, str] = {}
    for path in corpus_files(corpus_dir):
        rel = path.relative_to(corpus_dir).as_posix()
        try:
            doc = load_document(path, corpus_dir, manifest, notes, chrome)
        except NeedsOCR as exc:
            notes.append(FileNote(rel, str(exc), needs_ocr=True))
        except (LoadError, OSError) as exc:
            notes.append(FileNote(rel, str(exc)))
        except Exception as exc:  # noqa: BLE001 - whatever a loader raises, the rest of the corpus is indexed
            notes.append(FileNote(rel, f"{exc.__class__.__name__}: {exc}"))
        else:
            if doc.doc_id in seen:
                notes.append(FileNote(rel, f"same content as {seen[doc.doc_id]}"))
            else:
                seen[doc.doc_id] = doc.source
                docs.append(doc)
            continue
        log.warning("%s", notes[-1])
    for path in unread_files(corpus_dir):  # said so, not passed over in silence
        notes.append(FileNote(path.relative_to(corpus_dir).as_posix(), f"{path.name}: {NOT_READ[path.suffix.lower()]}",
                              unread=True))
        log.warning("%s", notes[-1])
    return docs, notes
