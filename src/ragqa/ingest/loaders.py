"""File loaders: one function per format, each returning the document's source text.

For text formats (.txt, .md, .html) the source text is the file decoded as UTF-8 (a BOM is
dropped): every offset the system reports points into exactly that string. Binary formats
(.pdf, .docx) have no such text, so their extracted text is the coordinate system.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable


class LoadError(Exception):
    """A file that cannot be read as a document (undecodable, broken, unsupported)."""


MAX_BYTES = 50 * 1024 * 1024  # a larger file is refused: a report this size is not a report


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LoadError(f"{path.name} is {size / 2**20:.0f} MiB; files over {MAX_BYTES // 2**20} MiB are refused "
                        "(split it, or extract the text you need)")
    return path.read_bytes()


def load_text(path: Path) -> str:
    data = _read_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(f"{path.name} is not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 4]!r}); "
                        "convert it with e.g. `iconv -f cp949 -t utf-8`") from exc


def load_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    _read_bytes(path)  # size check
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError, TypeError) as exc:
        raise LoadError(f"{path.name} is not a readable PDF ({exc})") from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise LoadError(f"{path.name} has no extractable text (a scanned PDF needs OCR first)")
    return text


def load_docx(path: Path) -> str:
    import zipfile

    import docx

    _read_bytes(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(f"{path.name} is not a readable .docx ({exc})") from exc
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:  # tables as tab-separated rows, as the cleaner expects
        for row in table.rows:
            blocks.append("\t".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(blocks)


LOADERS: dict[str, Callable[[Path], str]] = {
    ".txt": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".html": load_text,
    ".htm": load_text,
    ".pdf": load_pdf,
    ".docx": load_docx,
}


def supported(path: Path) -> bool:
    return path.suffix.lower() in LOADERS


def load_file(path: Path) -> str:
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoadError(f"{path.name}: unsupported type {path.suffix!r}; supported: {', '.join(sorted(LOADERS))}")
    try:
        return loader(path)
    except OSError as exc:
        raise LoadError(f"{path.name} could not be read ({exc.strerror or exc})") from exc
