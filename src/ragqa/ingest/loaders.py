"""File loaders: one function per format, each returning the document's source text.

For text formats (.txt, .md, .html) the source text is the decoded file (a BOM is dropped):
UTF-8, or, where that fails, the legacy Korean encoding CP949 (a superset of EUC-KR) when it
decodes to Korean text. Every offset the system reports points into exactly that string.
Binary formats (.pdf, .docx) have no such text, so their extracted text is the coordinate system.
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


LEGACY_ENCODINGS = ("cp949",)  # EUC-KR and its Windows superset: still how many Korean files are saved
MIN_HANGUL_SHARE = 0.5  # of the non-ASCII characters, for a legacy decoding to count as Korean text


def decode_text(data: bytes, name: str = "file") -> str:
    """The text of a file's bytes: UTF-8 (BOM dropped), else a legacy Korean encoding that yields
    Korean text; anything else is refused with what to do."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        wide = [c for c in text if ord(c) > 127]
        if wide and sum("\uac00" <= c <= "\ud7a3" for c in wide) / len(wide) >= MIN_HANGUL_SHARE:
            return text
    at = first_error.start
    raise LoadError(f"{name} is neither UTF-8 nor Korean CP949/EUC-KR text (byte {at}: {data[at:at + 4]!r}); "
                    "convert it to UTF-8 (e.g. `iconv -f ENCODING -t utf-8`)")


def load_text(path: Path) -> str:
    return decode_text(_read_bytes(path), path.name)


def load_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    _read_bytes(path)  # size check
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):  # many PDFs are encrypted with an empty user password
            raise LoadError(f"{path.name} is password-protected; save an unprotected copy to index it")
        pages = [page.extract_text() or "" for page in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError) as exc:
        raise LoadError(f"{path.name} is not a readable PDF ({exc})") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises others too (DependencyError, NotImplementedError, ...)
        raise LoadError(f"{path.name} could not be read as a PDF ({exc.__class__.__name__}: {exc})") from exc
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
