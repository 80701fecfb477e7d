"""Uploads into the corpus: validated type and size, safe names, never outside the corpus."""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from pathlib import Path

from ragqa.ingest.loaders import LOADERS, LoadError, NeedsOCR, load_source

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # per file, in the UI (the loaders themselves accept up to 50 MiB)
ALLOWED = tuple(sorted(LOADERS))  # every format a loader reads, and nothing else


class UploadError(ValueError):
    """An upload that is refused, with the reason in Korean and English."""


def safe_name(name: str) -> str:
    """The file name only (no directories, no traversal), in a conservative alphabet."""
    base = Path(name.replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    base = re.sub(r"[^\w.\- 가-힣]", "_", base).strip(" .")
    base = re.sub(r"\.{2,}", ".", base)
    if not base or base.startswith("."):
        raise UploadError(f"파일 이름이 올바르지 않습니다 / invalid file name: {name!r}")
    return base[:120]


def store_upload(src: Path, original_name: str, corpus_dir: Path) -> Path:
    """Copy an uploaded file into ``corpus_dir`` under a safe name; refuse bad ones."""
    name = safe_name(original_name)
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED:
        raise UploadError(f"지원하지 않는 형식입니다({ext or '확장자 없음'}). 가능: {', '.join(ALLOWED)} / "
                          f"unsupported type")
    size = src.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise UploadError(f"파일이 너무 큽니다({size / 2**20:.1f} MiB, 최대 {MAX_UPLOAD_BYTES // 2**20} MiB) / too large")
    if size == 0:
        raise UploadError("빈 파일입니다 / empty file")
    corpus = corpus_dir.resolve()
    same = _same_bytes(src, corpus)
    if same is not None:
        raise UploadError(f"이미 있는 문서와 내용이 같습니다: {same} / already indexed as {same}")
    try:  # a file that cannot be read is refused here, not left in the corpus to fail every later index
        _check_readable(src, ext)
    except NeedsOCR as exc:
        raise UploadError(f"텍스트를 읽을 수 없습니다(OCR 필요) / {exc}") from exc
    except LoadError as exc:
        raise UploadError(f"읽을 수 없는 파일입니다 / {exc}") from exc
    dest = (corpus / name).resolve()
    if dest.parent != corpus:
        raise UploadError("코퍼스 폴더 밖에는 저장할 수 없습니다 / outside the corpus directory")
    stem, n = dest.stem, 1
    while dest.exists():
        dest = corpus / f"{stem}-{n}{ext}"
        n += 1
    shutil.copyfile(src, dest)
    return dest


def _same_bytes(src: Path, corpus: Path) -> str | None:
    """The corpus file with exactly these bytes, if any (uploading it again adds nothing)."""
    size = src.stat().st_size
    digest = None
    for path in corpus.rglob("*"):
        if path.is_file() and path.stat().st_size == size:
            digest = digest or hashlib.sha256(src.read_bytes()).hexdigest()
            if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
                return path.relative_to(corpus).as_posix()
    return None


def _check_readable(src: Path, ext: str) -> None:
    """Load the upload with the loader of ``ext`` (Gradio's temporary file may lack the extension the
    loader is chosen by: then a copy under that extension, removed afterwards); raises LoadError."""
    if src.suffix.lower() == ext:
        load_source(src)
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ragqa-upload-") as tmp:
        named = Path(tmp) / f"upload{ext}"
        shutil.copyfile(src, named)
        load_source(named)


def remove_document(source: str, corpus_dir: Path) -> Path:
    corpus = corpus_dir.resolve()
    target = (corpus / source).resolve()
    if corpus not in target.parents or not target.is_file():
        raise UploadError(f"문서를 찾을 수 없습니다 / no such document: {source!r}")
    target.unlink()
    return target
