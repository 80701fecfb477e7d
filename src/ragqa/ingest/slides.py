"""PPTX slides -> text slide by slide: each slide's title (a section), its text boxes and tables in the order the
slide holds them (groups opened), then its speaker notes. A slide is a page: where each slide starts in the text is
passed on as a PDF's pages are, so a citation names its slide. Read with python-pptx.
"""

from __future__ import annotations

from pathlib import Path

from ragqa.ingest.blocks import Blocks, FormatError

SLIDE_TITLE_RANK = 1  # a slide's title: one level, below the deck's own title (a heading style's Title is 0)


class SlidesError(FormatError):
    """The file is not a readable PPTX presentation."""


def _shape_blocks(shape) -> list[str]:
    """A shape's blocks: a text box's paragraphs, a table's rows tab-separated (one block), a group's shapes in
    order."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [b for inner in shape.shapes for b in _shape_blocks(inner)]
    if getattr(shape, "has_table", False) and shape.has_table:
        rows = ["\t".join(" ".join(cell.text.split()) for cell in row.cells) for row in shape.table.rows]
        rows = [r for r in rows if r.strip()]
        return ["\n".join(rows)] if rows else []
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        # each paragraph (a bullet) a block of its own: with slides as pages, lines of one block would be read as a
        # page's wrapped lines and joined into one sentence
        lines = (" ".join(p.text.split()) for p in shape.text_frame.paragraphs)
        return [line for line in lines if line]
    return []


def read_pptx(path: Path) -> Blocks:
    import zipfile

    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        deck = Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SlidesError(f"{path.name} is not a readable .pptx ({exc.__class__.__name__}: {exc})") from exc
    out = Blocks(title=" ".join((deck.core_properties.title or "").split()))
    for slide in deck.slides:
        out.new_page()  # an empty slide too: the slides after it keep their numbers
        title_shape = slide.shapes.title
        title = " ".join(title_shape.text_frame.text.split()) if title_shape is not None else ""
        if title:
            out.add(title, SLIDE_TITLE_RANK)
        for shape in slide.shapes:
            if title_shape is not None and shape.shape_id == title_shape.shape_id:
                continue
            for block in _shape_blocks(shape):
                out.add(block)
        notes = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
        for line in (notes.text.splitlines() if notes is not None else []):
            if line.strip():
                out.add(" ".join(line.split()))
    return out
