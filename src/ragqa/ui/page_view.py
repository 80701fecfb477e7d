"""A cited PDF page as the reader's eye sees it: the page rendered, the quoted lines marked where they stand.

The text a citation quotes was extracted from the page (lines rejoined, tables read as rows), so its offsets are not
pdfium's character indices; each quoted line (and each cell of a quoted table row) is found again in the page's own
text, in order, and its character boxes are marked. A page read by OCR has no text of its own: it is shown unmarked,
and the caller says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

MARK = (255, 214, 10, 110)  # a highlighter's yellow, see-through
MIN_PIECE_CHARS = 2  # a shorter piece (a lone digit, a bullet) would be found anywhere on the page


@dataclass(frozen=True)
class PageView:
    image: object  # PIL.Image.Image (RGB)
    page: int  # 1-based
    pieces: int  # quoted lines and cells looked for
    found: int  # of them, found on the page and marked


def file_matches(path: Path, sha256: str) -> bool:
    """The file at ``path`` is the one indexed (its SHA-256 recorded in the build): a page of another version
    would show other text under the same citation."""
    if not sha256 or not path.is_file():
        return False
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == sha256


def pieces_of(quotes: Sequence[str]) -> list[str]:
    """The lines of the quotes, a table row's cells apart: each lies within one line of the page."""
    out = []
    for quote in quotes:
        for line in quote.splitlines():
            for cell in line.split("\t"):
                cell = " ".join(cell.split())
                if len(cell.replace(" ", "")) >= MIN_PIECE_CHARS:
                    out.append(cell)
    return out


def _find(textpage, piece: str, after: int) -> tuple[int, int] | None:
    """The first match of ``piece`` at or after character ``after``, else anywhere on the page."""
    for start in (after, 0) if after else (0,):
        searcher = textpage.search(piece, index=start, match_case=True)
        try:
            hit = searcher.get_next()
        finally:
            searcher.close()
        if hit:
            return hit
    return None


def render(path: Path, page: int, quotes: Sequence[str], scale: float = 1.5) -> PageView:
    """Page ``page`` (1-based) of the PDF at ``path``, at ``scale`` x 72 dpi, with each quoted line marked."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    pdf = pdfium.PdfDocument(str(path), password="")
    try:
        pdf_page = pdf[page - 1]
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        height = pdf_page.get_height()
        textpage = pdf_page.get_textpage()
        boxes, found, after = [], 0, 0
        pieces = pieces_of(quotes)
        for piece in pieces:
            hit = _find(textpage, piece, after)
            if hit is None:
                continue
            index, count = hit
            found, after = found + 1, index + count
            for i in range(textpage.count_rects(index, count)):
                left, bottom, right, top = textpage.get_rect(i)
                boxes.append((left * scale, (height - top) * scale, right * scale, (height - bottom) * scale))
        textpage.close()
        pdf_page.close()
    finally:
        pdf.close()
    if boxes:
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for x0, y0, x1, y1 in boxes:
            draw.rectangle((x0 - 1, y0 - 1, x1 + 1, y1 + 1), fill=MARK)
        image = Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
    return PageView(image, page, len(pieces), found)
