"""File loaders: one function per format, each returning the document's source text.

For text formats (.txt, .md, .html) the source text is the decoded file (a BOM is dropped):
UTF-8, or, where that fails, the legacy Korean encoding CP949 (a superset of EUC-KR) when it
decodes to Korean text. Every offset the system reports points into exactly that string.
Binary formats (.pdf, .docx, .hwpx, .hwp, .pptx, .xlsx) have no such text, so their extracted text is the
coordinate system.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ragqa.ingest.blocks import Blocks, FormatError, style_rank, table_text


class LoadError(Exception):
    """A file that cannot be read as a document (undecodable, broken, unsupported)."""


class NeedsOCR(LoadError):
    """A PDF whose pages are images or glyph noise, and no OCR to read them."""


@dataclass(frozen=True)
class Loaded:
    """What a loader read: the source text, where each page starts in it (paged formats), a title
    the file itself states (PDF metadata), and notes for the indexing report."""

    text: str
    pages: tuple[int, ...] = ()
    title: str = ""
    notes: tuple[str, ...] = ()
    # titles the layout marks and the text does not (PDF: larger type; DOCX, HWPX, HWP: a heading style; a slide's
    # title, a sheet's name): (start, end, rank)
    headings: tuple[tuple[int, int, int], ...] = ()
    # each line is a paragraph the file's structure gives (the office formats, read into blocks): a short one is a
    # paragraph the author wrote (a slide's bullet), where in a PDF or plain text it may be a word of layout
    paragraphs: bool = False


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


def load_text(path: Path) -> Loaded:
    return Loaded(decode_text(_read_bytes(path), path.name))


# A page scoring below this (ragqa.ingest.quality.text_quality) has no readable text layer. Fitted by
# eval/fit_text_quality.py on allganize-dev: the 31 noise pages score at most 0.140, the 412 clean pages
# at least 0.921 (pypdf and pypdfium2 pages); the midpoint of the gap is 0.531.
MIN_TEXT_QUALITY = 0.53
MAX_UNREADABLE_SHARE = 0.5  # a PDF with more pages than this unreadable is refused as 'needs OCR'
PAGE_SEPARATOR = "\n\n"


def load_pdf(path: Path, min_quality: float = MIN_TEXT_QUALITY, ocr: bool | None = None) -> Loaded:
    """A PDF's pages joined by a blank line, with where each page starts (see :mod:`ragqa.ingest.pdf`)."""
    from ragqa.ingest.pdf import PdfError, extract

    _read_bytes(path)  # size check
    try:
        got = extract(path, min_quality, ocr)
    except PdfError as exc:
        raise LoadError(str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - pdfium and pypdf raise many kinds
        raise LoadError(f"{path.name} could not be read as a PDF ({exc.__class__.__name__}: {exc})") from exc
    n = len(got.pages)
    missing = sorted(set(got.unreadable_pages) | set(got.image_pages))
    readable_chars = sum(len(t.strip()) for t in got.pages)
    if n and (len(missing) > MAX_UNREADABLE_SHARE * n or not readable_chars):
        what = "no readable text layer (a custom font encoding)" if got.unreadable_pages else \
            "no text layer (a scanned PDF)"
        raise NeedsOCR(f"{path.name}: needs OCR: {len(missing)} of {n} pages have {what}; install Tesseract with "
                       "Korean (`make ocr-deps`: Debian tesseract-ocr tesseract-ocr-kor) and index again")
    if not readable_chars:
        raise LoadError(f"{path.name} has no pages")
    notes = []
    if got.ocr_pages:
        notes.append(f"OCR read pages {_ranges(got.ocr_pages)}")
    if got.unreadable_pages:
        notes.append(f"pages {_ranges(got.unreadable_pages)} left out: no readable text layer (needs OCR)")
    starts, offset = [], 0
    for t in got.pages:
        starts.append(offset)
        offset += len(t.strip("\n")) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(t.strip("\n") for t in got.pages)
    return Loaded(text, tuple(starts), got.title, tuple(notes), _title_spans(text, starts, got.type_headings))


def _title_spans(text: str, starts: list[int], titles) -> tuple[tuple[int, int, int], ...]:
    """Where each title set in larger type (:func:`ragqa.ingest.pdf_titles.type_headings`) stands in the joined text: the
    first run of lines on its page that reads as the title's lines (start of the first, end of the last)."""
    spans = []
    for page, run, rank in titles:
        begin = starts[page]
        end = starts[page + 1] if page + 1 < len(starts) else len(text)
        lines, offset = [], begin
        for raw in text[begin:end].split("\n"):
            if raw.strip():
                lead = len(raw) - len(raw.lstrip())
                lines.append((raw.strip(), offset + lead, offset + lead + len(raw.strip())))
            offset += len(raw) + 1
        for k in range(len(lines) - len(run) + 1):
            if all(lines[k + j][0] == run[j] for j in range(len(run))):
                spans.append((lines[k][1], lines[k + len(run) - 1][2], rank))
                break
    return tuple(spans)


def _ranges(pages: tuple[int, ...]) -> str:
    """1, 2, 3, 5 -> '1-3, 5'."""
    out, run = [], [pages[0]]
    for p in pages[1:]:
        if p == run[-1] + 1:
            run.append(p)
        else:
            out.append(run)
            run = [p]
    out.append(run)
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in out)


def load_docx(path: Path) -> Loaded:
    import zipfile

    import docx

    _read_bytes(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(f"{path.name} is not a readable .docx ({exc})") from exc
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[tuple[str, int | None]] = []
    for element in document.element.body.iterchildren():  # paragraphs and tables in the order they are read
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, document)
            blocks.append((paragraph.text, _docx_heading_rank(paragraph)))
        elif element.tag == qn("w:tbl"):
            blocks.extend(_docx_table(Table(element, document)))
    return _blocks(blocks, (document.core_properties.title or "").strip())


def _docx_table(table) -> list[tuple[str, int | None]]:
    """A Word table: its rows, tab-separated, as the cleaner expects; or, for a table of one column (a box: a
    summary, a part's title or a note set in one), its paragraphs, each with its heading rank, and the tables inside
    it, as the text they are."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    rows = table.rows
    if rows and all(len(row.cells) == 1 for row in rows):
        out: list[tuple[str, int | None]] = []
        for row in rows:
            cell = row.cells[0]
            for child in cell._tc.iterchildren():  # paragraphs and tables in the order they stand
                if child.tag == qn("w:p") and (paragraph := Paragraph(child, cell)).text.strip():
                    out.append((paragraph.text, _docx_heading_rank(paragraph)))
                elif child.tag == qn("w:tbl"):
                    out.extend(_docx_table(Table(child, cell)))
        return out
    text = table_text([cell.text for cell in row.cells] for row in rows)
    return [(text, None)] if text else []


def _blocks(blocks: list[tuple[str, int | None]], title: str, page_starts: Sequence[int] = ()) -> Loaded:
    """A word processor's blocks (paragraphs, tables) joined by a blank line, each titled block (its heading style's
    rank) a layout title spanning its text. ``page_starts``: the index of each page's first block (slides), passed
    on as where each page starts in the text."""
    titles, offsets, offset = [], [], 0
    for text, rank in blocks:
        offsets.append(offset)
        if rank is not None and text.strip():
            lead = len(text) - len(text.lstrip())
            titles.append((offset + lead, offset + len(text.rstrip()), rank))
        offset += len(text) + 2
    joined = "\n\n".join(text for text, _ in blocks)
    pages = tuple(offsets[i] if i < len(offsets) else len(joined) for i in page_starts)
    return Loaded(joined, pages=pages, title=title, headings=tuple(titles), paragraphs=True)


def _docx_heading_rank(paragraph) -> int | None:
    """A paragraph's title rank by its style (:func:`ragqa.ingest.blocks.style_rank`); a custom style based on a
    heading style is a heading."""
    style = paragraph.style
    while style is not None:
        rank = style_rank(style.name or "")
        if rank is not None:
            return rank
        style = style.base_style
    return None


def _office(path: Path, read: Callable[[Path], Blocks]) -> Loaded:
    """An office document read into blocks by its format's reader: joined as :func:`_blocks` joins them."""
    _read_bytes(path)  # size check
    try:
        got = read(path)
    except FormatError as exc:
        raise LoadError(str(exc)) from exc
    except (OSError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged part deep in the file (a bad deflate stream, bad XML)
        raise LoadError(f"{path.name} is not a readable {path.suffix.lower()} (damaged: "
                        f"{exc.__class__.__name__}: {exc})") from exc
    return _blocks(list(zip(got.blocks, got.ranks)), got.title, got.page_starts)


def load_hwpx(path: Path) -> Loaded:
    """An HWPX (한글) document: paragraphs and tables in reading order, outline styles as titles
    (:mod:`ragqa.ingest.hwpx`)."""
    from ragqa.ingest.hwpx import read_hwpx

    return _office(path, read_hwpx)


def load_hwp(path: Path) -> Loaded:
    """An HWP 5 (한글's binary format) document: paragraphs and tables in reading order, outline styles as titles
    (:mod:`ragqa.ingest.hwp`)."""
    from ragqa.ingest.hwp import read_hwp

    return _office(path, read_hwp)


def load_pptx(path: Path) -> Loaded:
    """A PPTX presentation: slide by slide, titles as sections, each slide a page (:mod:`ragqa.ingest.slides`)."""
    from ragqa.ingest.slides import read_pptx

    return _office(path, read_pptx)


def load_xlsx(path: Path) -> Loaded:
    """An XLSX workbook: sheet by sheet, each sheet's name a section and its rows a table, each sheet a page
    (:mod:`ragqa.ingest.sheets`)."""
    from ragqa.ingest.sheets import read_xlsx

    return _office(path, read_xlsx)


LOADERS: dict[str, Callable[[Path], Loaded]] = {
    ".txt": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".html": load_text,
    ".htm": load_text,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".hwpx": load_hwpx,
    ".hwp": load_hwp,
    ".pptx": load_pptx,
    ".xlsx": load_xlsx,
}

# office formats a corpus folder often holds and no loader reads: named when skipped, with what to do
NOT_READ = {".doc": "the binary Word format is not read: save it as .docx or PDF",
            ".ppt": "the binary PowerPoint format is not read: save it as .pptx or PDF",
            ".xls": "the binary Excel format is not read: save it as .xlsx or PDF"}


def supported(path: Path) -> bool:
    return path.suffix.lower() in LOADERS


def load_file(path: Path) -> str:
    """The source text of a file (the coordinate system of its offsets)."""
    return load_source(path).text


def load_source(path: Path) -> Loaded:
    """Read a file with the loader of its type; raises :class:`LoadError` with what to do."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        hint = NOT_READ.get(path.suffix.lower())
        raise LoadError(f"{path.name}: {hint}" if hint else
                        f"{path.name}: unsupported type {path.suffix!r}; supported: {', '.join(sorted(LOADERS))}")
    try:
        return loader(path)
    except OSError as exc:
        raise LoadError(f"{path.name} could not be read ({exc.strerror or exc})") from exc
