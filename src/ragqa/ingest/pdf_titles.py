"""Titles a PDF shows only by their type size: each character's printed size, each line's, and the runs of lines
set a type-scale step larger than the text around them (an unnumbered "시작하며", "위축된 소비자 심리").

The text carries no mark of them, so the chunker would read them as short lines of text; the sizes come from the
same pdfium text page the text does (:mod:`ragqa.ingest.pdf`), and the titles found go on as (page, lines, rank)
to :func:`ragqa.ingest.clean.segment`.
"""

from __future__ import annotations

import math
import re
import statistics

from ragqa.ingest import wraps


def char_sizes(textpage, n: int) -> list[float]:
    """Each character's type size as printed: its font size times the scale of its text matrix (a PDF may set
    every font at size 1 and scale it by the matrix)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    sizes = []
    for i in range(n):
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
        if pdfium_c.FPDFText_GetMatrix(textpage.raw, i, ctypes.byref(matrix)):
            size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        sizes.append(size)
    return sizes


def line_sizes(text: str, source: str, sizes: list[float]) -> list[tuple[str, float]]:
    """Each line of ``text`` (``source`` with line breaks inserted, :func:`ragqa.ingest.pdf._page_text`) with the
    median type size of its characters (0.0 for a line of spaces)."""
    out: list[tuple[str, float]] = []
    line: list[str] = []
    own_sizes: list[float] = []
    j = 0
    for ch in text:
        own = j < len(source) and source[j] == ch
        if own:
            j += 1
        if ch == "\n":
            out.append(("".join(line), statistics.median(own_sizes) if own_sizes else 0.0))
            line, own_sizes = [], []
            continue
        line.append(ch)
        if own and not ch.isspace() and j - 1 < len(sizes):
            own_sizes.append(sizes[j - 1])
    out.append(("".join(line), statistics.median(own_sizes) if own_sizes else 0.0))
    return out


# A title is set at least one step of the type scale (10 -> 12 pt) larger than the body text and than the text it
# heads: a typographic convention, not fitted
TITLE_SCALE = 1.2
TITLE_MAX_LINES = 2  # a longer run of large type is a quotation or a cover's lettering, not a title
TITLE_MAX_CHARS = 60


def type_headings(pages: list[list[tuple[str, float]]]) -> list[tuple[int, tuple[str, ...], int]]:
    """Titles a PDF shows only by their type size (an unnumbered "시작하며", "위축된 소비자 심리"): a run of at most two
    lines in one size, larger by :data:`TITLE_SCALE` than the document's and its page's body text and than the lines
    that follow it on its page, not opening an item (a bullet, an arrow) and stating no sentence. Returns (page, the
    run's lines, rank of its size among the titles' sizes, 0 for the largest)."""
    found: list[tuple[int, tuple[str, ...], float]] = []
    body = _body_size([line for page in pages for line in page])
    for p, page in enumerate(pages):
        lines = [(t.strip(), s) for t, s in page if t.strip()]
        floor = max(body, _body_size(lines))  # a page set mostly large (a cover, an infographic) has no titles
        runs: list[list[tuple[str, float]]] = []
        for t, s in lines:
            if runs and s > 0 and abs(s - runs[-1][0][1]) <= 0.03 * s:
                runs[-1].append((t, s))
            else:
                runs.append([(t, s)])
        for run, after in zip(runs, runs[1:]):
            size, title = run[0][1], " ".join(t for t, _ in run)
            if len(run) <= TITLE_MAX_LINES and size >= TITLE_SCALE * max(floor, after[0][1]) and \
                    len(title) <= TITLE_MAX_CHARS and sum(ch.isalpha() for ch in title) >= 2 and \
                    not wraps.NEW_ITEM.match(title) and not _STATES_A_SENTENCE.search(title):
                found.append((p, tuple(t for t, _ in run), size))
    scale = sorted({_half_point(s) for _, _, s in found}, reverse=True)
    return [(p, run, scale.index(_half_point(s))) for p, run, s in found]


def _half_point(size: float) -> float:
    return round(size * 2) / 2


def _body_size(lines: list[tuple[str, float]]) -> float:
    """The type size most of the lines' characters are set in (to half a point; 0.0 without sizes)."""
    weight: dict[float, int] = {}
    for text, size in lines:
        if size > 0:
            key = _half_point(size)
            weight[key] = weight.get(key, 0) + len(text.replace(" ", ""))
    return max(weight, key=weight.get) if weight else 0.0


# a sentence's end (its final ending and stop) inside or at the end of a line: a quotation or a lead paragraph set
# large, not a title; a word ending in 다 or 요 without a stop is a title's word (주요, 개요, 필요, 다양한)
_STATES_A_SENTENCE = re.compile(r"[다요][.!?。][”\"’]?(?:\s|$)|\w[.!?。][”\"’]?$")
