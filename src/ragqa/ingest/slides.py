"""PPTX slides -> text slide by slide: each slide's title (a section), its text boxes, tables and charts (their
data as a table) in the order the slide holds them (groups opened), then its speaker notes. A slide is a page: where each slide starts in the text is
passed on as a PDF's pages are, so a citation names its slide. Read with python-pptx.
"""

from __future__ import annotations

from pathlib import Path

from ragqa.ingest.blocks import Blocks, FormatError, one_line, table_text

SLIDE_TITLE_RANK = 1  # a slide's title: one level, below the deck's own title (a heading style's Title is 0)


class SlidesError(FormatError):
    """The file is not a readable PPTX presentation."""


def _shape_blocks(shape) -> list[str]:
    """A shape's blocks: a text box's paragraphs, a table's rows tab-separated (one block), a chart's title and data,
    a group's shapes in order."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [b for inner in shape.shapes for b in _shape_blocks(inner)]
    if getattr(shape, "has_table", False) and shape.has_table:
        rows = table_text([cell.text for cell in row.cells] for row in shape.table.rows)
        return [rows] if rows else []
    if getattr(shape, "has_chart", False) and shape.has_chart:
        return _chart_blocks(shape.chart)
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        # each paragraph (a bullet) a block of its own: with slides as pages, lines of one block would be read as a
        # page's wrapped lines and joined into one sentence
        lines = (one_line(p.text) for p in shape.text_frame.paragraphs)
        return [line for line in lines if line]
    return []


def _chart_blocks(chart) -> list[str]:
    """A chart's figures, which a briefing deck often gives nowhere else: its title, then a table of its data (a
    row per category, a column per series, the series' names as the header), as the chart's own data holds them."""
    from ragqa.ingest.sheets import cell_text

    out = []
    if chart.has_title and chart.chart_title.has_text_frame:
        title = one_line(chart.chart_title.text_frame.text)
        if title:
            out.append(title)
    try:
        plot = chart.plots[0]
        categories = [one_line(str(c)) for c in plot.categories]
        series = [(one_line(s.name or ""), list(s.values)) for plot in chart.plots for s in plot.series]
    except (IndexError, KeyError, ValueError, AttributeError):  # a chart without data (or of a kind not read)
        return out
    if categories and series:
        # the category column's header: its axis title, else 구분 (a Korean table's word for it): left empty, the
        # header row's leading tab would be read away and its names would stand over the wrong columns
        header = [_axis_title(chart) or "구분", *(name for name, _ in series)]
        out.append(table_text([header] + [[category, *(cell_text(values[i]) if i < len(values) else ""
                                                       for _, values in series)]
                                          for i, category in enumerate(categories)]))
    return out


def _axis_title(chart) -> str:
    try:
        axis = chart.category_axis
        return one_line(axis.axis_title.text_frame.text) if axis.has_title else ""
    except (ValueError, AttributeError):  # a chart without a category axis (a pie)
        return ""


def read_pptx(path: Path) -> Blocks:
    import zipfile

    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        deck = Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SlidesError(f"{path.name} is not a readable .pptx ({exc.__class__.__name__}: {exc})") from exc
    out = Blocks(title=one_line(deck.core_properties.title or ""))
    for slide in deck.slides:
        out.new_page()  # an empty slide too: the slides after it keep their numbers
        title_shape = slide.shapes.title
        title = one_line(title_shape.text_frame.text) if title_shape is not None else ""
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
                out.add(one_line(line))
    return out
