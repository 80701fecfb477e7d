"""PDF -> page texts: pypdfium2 first, the other extractor or OCR for a page that does not read.

Chosen by measurement (``bench/pdf_extractors.py`` on allganize-dev, README): pypdfium2 recovers the
gold quotes of 43 of 45 pages (pypdf 45, but the quotes were cut from pypdf's text and the two
differences are pypdf putting punctuation in the wrong place), reads the file whose fonts use a custom
encoding that pypdf extracts as glyph noise (text quality 0.999 against 0.06), and takes 3 ms a page
against pypdf's 49 (pdfplumber: 114 ms, 43 of 45).

A page whose text scores below ``min_quality`` (:func:`ragqa.ingest.quality.text_quality`) is taken
from pypdf if that reads better, else OCRed with Tesseract (``kor+eng``) where it is installed, else
left out and reported: a document mostly made of such pages raises :class:`NeedsOCR`.
OCR results are cached per file hash and page (``$RAGQA_CACHE`` or ``~/.cache/ragqa``), so indexing
again does not OCR again.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ragqa.ingest import pdf_tables, pdf_titles
from ragqa.ingest.quality import text_quality

log = logging.getLogger(__name__)

OCR_LANGS = "kor+eng"
OCR_DPI = 200  # 1348 x 1898 px for A4: ~5 s a page on one core, Hangul read well (measured on allganize-dev)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class PdfError(Exception):
    """The PDF cannot be opened (broken, password-protected)."""


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...]  # one text per page ("" for a page left out)
    title: str  # the metadata title when it is a real title, else ""
    ocr_pages: tuple[int, ...] = ()  # 1-based
    unreadable_pages: tuple[int, ...] = ()  # 1-based: no text layer that reads, and no OCR
    image_pages: tuple[int, ...] = ()  # 1-based: no text at all (scanned), not OCRed
    # titles set in larger type (:func:`ragqa.ingest.pdf_titles.type_headings`): (0-based page, the title's lines as
    # read, size rank)
    type_headings: tuple[tuple[int, tuple[str, ...], int], ...] = ()


def cache_dir() -> Path:
    return Path(os.environ.get("RAGQA_CACHE") or Path.home() / ".cache" / "ragqa")


@functools.lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Tesseract with Korean installed (Debian: tesseract-ocr tesseract-ocr-kor; `make ocr-deps`)."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return False
    return "kor" in langs


def _clean(text: str) -> str:
    # a control character stands where the PDF drew something (a tab leader, a bullet): keep the gap
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


# a character whose baseline lies this many glyph heights (the page's median) below the previous one's, and
# that starts left of where that one ended, begins a new line. Lines are set at least ~1.2 glyph heights
# apart, while a raised footnote mark or a subscript moves less than half of one: a geometric definition,
# not fitted
NEW_LINE_DROP = 0.8


def _page_text(textpage, text: str | None = None) -> str:
    """The page's text with every visual line on a line of its own. pypdfium2 sometimes joins a line to the
    one above with a space instead of a break (a judgment's ‘… 해당한다. 나. 양형부당’, an order's
    ‘… 취소한다. 2. 원고의 청구를 …’), which hides a heading or a numbered item from the layout reading
    that follows; the characters' boxes show where the line changed. ``text``: the page's text as pdfium gives it,
    when already read."""
    text = textpage.get_text_range() if text is None else text
    n = textpage.count_chars()
    if len(text) != n:  # ligatures or surrogates: indices do not line up with characters
        return text
    boxes = [textpage.get_charbox(i) for i in range(n)]
    heights = [top - bottom for ch, (_, bottom, _, top) in zip(text, boxes) if not ch.isspace() and top - bottom > 1]
    if not heights:
        return text
    drop = NEW_LINE_DROP * statistics.median(heights)
    out: list[str] = []
    prev, after_prev, broken = None, 0, False
    for i, ch in enumerate(text):
        if ch in "\r\n":
            broken = True
        elif not ch.isspace():
            if prev is not None and not broken:
                left, bottom = boxes[i][0], boxes[i][1]
                if boxes[prev][1] - bottom > drop and left < boxes[prev][2]:
                    out.insert(after_prev, "\n")
            prev, broken = i, False
            out.append(ch)
            after_prev = len(out)
            continue
        out.append(ch)
    return "".join(out)


def _metadata_title(raw: str) -> str:
    """A metadata title worth showing: decoded, and not a file name or a tool's default."""
    title = raw.strip()
    m = re.fullmatch(r"<([0-9A-Fa-f]+)>", title)
    if m:  # a hex string pypdfium2 left undecoded: legacy Korean bytes
        data = bytes.fromhex(m.group(1))
        for enc in ("utf-8", "cp949"):
            try:
                title = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    title = " ".join(title.split())
    if len(title) < 4 or text_quality(title) < 0.9 or re.search(r"\.(hwp|hwpx|docx?|pptx?|xlsx?|pdf|indd)$", title, re.I) \
            or re.fullmatch(r"(untitled|제목 없음|microsoft word.*|슬라이드 \d+|\d+)", title, re.I):
        return ""
    return title[:200]


def _largest_type(pdf, min_ratio: float = 0.85, max_chars: int = 150) -> str:
    """The first run of the first page's largest type: how a cover or press release shows its title."""
    import pypdfium2.raw as pdfium_c

    if len(pdf) == 0:
        return ""
    page = pdf[0]
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        chars = textpage.get_text_range(0, n) if n else ""
        if len(chars) != n:  # ligatures or surrogates: indices do not line up with characters
            return ""
        sizes = [pdfium_c.FPDFText_GetFontSize(textpage.raw, i) for i in range(n)]
    finally:
        textpage.close()
        page.close()
    top = max(sizes, default=0.0)
    if top <= 1.5:  # sizes folded into a transformation matrix: nothing to compare
        return ""
    runs, current = [], []
    for ch, size in zip(chars, sizes):
        if ch in "\r\n":
            if current:
                current.append(" ")
        elif size >= min_ratio * top:
            current.append(ch)
        elif current:
            runs.append("".join(current))
            current = []
    runs.append("".join(current))
    for run in runs:
        run = " ".join(run.split())
        if len(run.replace(" ", "")) >= 4 and text_quality(run) >= 0.9:
            return run[:max_chars]
    return ""


def _pypdf_pages(path: Path) -> list[str] | None:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        return [_clean(p.extract_text() or "") for p in reader.pages]
    except Exception as exc:  # noqa: BLE001 - only a second opinion
        log.info("pypdf could not read %s: %s", path.name, exc)
        return None


def _ocr_page(pdf, index: int, cache: Path | None) -> str:
    if cache is not None and cache.exists():
        return cache.read_text("utf-8")
    page = pdf[index]
    image = page.render(scale=OCR_DPI / 72).to_pil()
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        out = subprocess.run(["tesseract", str(png), "stdout", "-l", OCR_LANGS], capture_output=True, text=True,
                             timeout=300)
    text = _clean(out.stdout)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(text, "utf-8")
    return text


def extract(path: Path, min_quality: float, ocr: bool | None = None, progress: bool = True) -> PdfText:
    """Page texts of a PDF (see module doc). ``ocr=None``: OCR where Tesseract with Korean is installed."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path), password="")  # many PDFs are encrypted with an empty user password
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfError(f"{path.name} is password-protected; save an unprotected copy to index it") from exc
        raise PdfError(f"{path.name} is not a readable PDF ({exc})") from exc
    try:
        title = _metadata_title(pdf.get_metadata_dict().get("Title", "")) or _largest_type(pdf)
        pages, sized = [], []
        tables = pdf_tables.find_tables(path)
        for i, page in enumerate(pdf):
            textpage = page.get_textpage()
            source = textpage.get_text_range()
            text = _page_text(textpage, source)
            n = textpage.count_chars()
            sizes = pdf_titles.char_sizes(textpage, n) if len(source) == n else []
            sized.append([(_clean(t), size) for t, size in pdf_titles.line_sizes(text, source, sizes)] if sizes else [])
            text = _clean(text)
            if tables.get(i):
                height = page.get_height()

                def inside(bbox, textpage=textpage, height=height) -> str:  # pdfplumber's box, from the top
                    x0, top, x1, bottom = bbox
                    return _clean(textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1,
                                                            top=height - top))

                text, _ = pdf_tables.replace_tables(text, tables[i], inside)
            pages.append(text)
            textpage.close()
            page.close()
        bad = [i for i, t in enumerate(pages) if t.strip() and text_quality(t) < min_quality]
        empty = [i for i, t in enumerate(pages) if not t.strip()]
        if bad:
            second = _pypdf_pages(path)
            if second and len(second) == len(pages):
                for i in list(bad):
                    if second[i].strip() and text_quality(second[i]) >= min_quality:
                        pages[i] = second[i]
                        bad.remove(i)
        ocr_done: list[int] = []
        todo = sorted(bad + empty)
        if todo and (ocr if ocr is not None else ocr_available()):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
            from tqdm import tqdm

            for i in tqdm(todo, desc=f"OCR {path.name[:30]}", unit="page", file=sys.stderr, disable=not progress):
                cache = cache_dir() / "ocr" / f"{digest}-{OCR_LANGS}-{OCR_DPI}-p{i + 1}.txt"
                try:
                    text = _ocr_page(pdf, i, cache)
                except (OSError, subprocess.SubprocessError) as exc:
                    log.warning("OCR failed on %s page %d: %s", path.name, i + 1, exc)
                    continue
                if text.strip() and text_quality(text) >= min_quality:
                    pages[i] = text
                    ocr_done.append(i)
        unreadable = [i for i in bad if i not in ocr_done]
        image = [i for i in empty if i not in ocr_done]
        for i in unreadable:
            pages[i] = ""  # glyph noise is never indexed
        titles = tuple(t for t in pdf_titles.type_headings(sized) if t[0] not in ocr_done and t[0] not in unreadable)
        return PdfText(tuple(pages), title, tuple(i + 1 for i in ocr_done), tuple(i + 1 for i in unreadable),
                       tuple(i + 1 for i in image), titles)
    finally:
        pdf.close()
