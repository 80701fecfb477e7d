"""A cited PDF page as the reader's eye sees it: the page rendered, the quoted lines marked where they stand.

The text a citation quotes was extracted from the page (lines rejoined, tables read as rows), so its offsets are not
pdfium's character indices; each quoted line (and each cell of a quoted table row) is found again in the page's own
text, in order, and its character boxes are marked. A page read by OCR has no text of its own: it is shown unmarked,
and the caller says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Sequence

MARK = (255, 214, 10, 110)  # a highlighter's yellow, see-through
MIN_PIECE_CHARS = 2  # a shorter piece (a lone digit, a bullet) would be found anywhere on the page


@dataclass(frozen=True)
class PageView:
    image: object  # PIL.Image.Image (RGB): the pages shown, one above the other
    pages: tuple[int, ...]  # 1-based: the cited page, and the next one when the quote goes on there
    pieces: int  # quoted lines and cells looked for
    found: int  # of them, found and marked


def file_matches(path: Path, sha256: str) -> bool:
    """The file at ``path`` is the one indexed (its SHA-256 recorded in the build): a page of another version
    would show other text under the same citation."""
    from ragqa.provision import sha256_file

    return bool(sha256) and path.is_file() and sha256_file(path) == sha256


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


def _marked_page(pdf, index: int, pieces: list[str], scale: float):
    """Page ``index`` (0-based) rendered, with the ``pieces`` it holds marked (looked for in order, each after the
    one before); the image and which pieces were found."""
    from PIL import Image, ImageDraw

    page = pdf[index]
    textpage = page.get_textpage()
    try:
        image = page.render(scale=scale).to_pil().convert("RGB")
        height = page.get_height()
        boxes, found, after = [], [], 0
        for piece in pieces:
            hit = _find(textpage, piece, after)
            found.append(hit is not None)
            if hit is None:
                continue
            index_, count = hit
            after = index_ + count
            for i in range(textpage.count_rects(index_, count)):
                left, bottom, right, top = textpage.get_rect(i)
                boxes.append((left * scale, (height - top) * scale, right * scale, (height - bottom) * scale))
    finally:
        textpage.close()
        page.close()
    if boxes:
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for x0, y0, x1, y1 in boxes:
            draw.rectangle((x0 - 1, y0 - 1, x1 + 1, y1 + 1), fill=MARK)
        image = Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
    return image, found


def render(path: Path, page: int, quotes: Sequence[str], scale: float = 1.5) -> PageView:
    """Page ``page`` (1-based) of the PDF at ``path``, at ``scale`` x 72 dpi, with each quoted line marked; a quote
    that goes on over the page's end brings the next page, below it, with the rest marked."""
    import pypdfium2 as pdfium
    from PIL import Image

    pieces = pieces_of(quotes)
    pdf = pdfium.PdfDocument(str(path), password="")
    try:
        image, found = _marked_page(pdf, page - 1, pieces, scale)
        images, pages = [image], [page]
        last = max((i for i, f in enumerate(found) if f), default=-1)
        rest = pieces[last + 1:]  # not found after the last line found here: the quote may go on over the page
        if last >= 0 and rest and page < len(pdf):
            more, also = _marked_page(pdf, page, rest, scale)
            if any(also):
                images.append(more)
                pages.append(page + 1)
                found = found[:last + 1] + also
    finally:
        pdf.close()
    if len(images) > 1:
        stacked = Image.new("RGB", (max(i.width for i in images), sum(i.height for i in images) + 8), (160, 160, 160))
        stacked.paste(images[0], (0, 0))
        stacked.paste(images[1], (0, images[0].height + 8))
        image = stacked
    return PageView(image, tuple(pages), len(pieces), sum(found))


@dataclass(frozen=True)
class Shown:
    """What the reader is shown for one citation: the page as printed (``image``, ``caption``), or a note why not."""

    image: object | None
    caption: str = ""
    note: str = ""  # Korean, for the reader; empty when the page is shown or no page applies


def cited_page(path: Path, sha256: str, page: int | None, quotes: Sequence[str]) -> Shown:
    """The cited page of the PDF at ``path`` with ``quotes`` marked, shown only when the file is the one indexed
    (``sha256``); a document without pages (not a PDF) shows none, without a note."""
    if not page or path.suffix.lower() != ".pdf":
        return Shown(None)
    if not file_matches(path, sha256):  # another version's page would show other text
        return Shown(None, note="원본 PDF가 색인한 뒤 바뀌었거나 없어 쪽 이미지를 보여 줄 수 없습니다.")
    try:
        view = render(path, page, quotes)
    except Exception as exc:  # noqa: BLE001 - the text view stands; only the picture of the page is missing
        return Shown(None, note=f"쪽 이미지를 만들 수 없습니다: {exc}")
    marked = f"인용 {view.found}/{view.pieces}줄 표시" if view.found else \
        "이 쪽에서 인용 문장의 위치를 찾지 못했습니다 (OCR로 읽은 쪽일 수 있습니다)"
    where = "–".join(str(p) for p in view.pages)  # a quote going on over the page's end brings the next one
    return Shown(view.image, f"원문 {where}쪽 · {marked}")


def with_shown(context: str, shown: Shown, gr) -> tuple[str, object]:
    """The text view (with the note under it, if any) and the Gradio update of the page image."""
    if shown.image is None:
        note = f'<div class="rq-note">{escape(shown.note)}</div>' if shown.note else ""
        return context + note, gr.update(value=None, visible=False)
    return context, gr.update(value=shown.image, visible=True, label=shown.caption)


def image(gr, elem_id: str):
    """The hidden image a cited page is shown in (the chat's and the 평가 tab's), shown by :func:`with_shown`."""
    return gr.Image(type="pil", format="png", interactive=False, visible=False, buttons=["fullscreen"],
                    label="원문 쪽", elem_id=elem_id)
