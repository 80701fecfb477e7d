"""Page furniture found by repetition: running headers and footers, page numbers, watermark lines.

A line is furniture when its shape (digits folded to ``#``, spaces dropped) occurs on at least
``min_share`` of a document's pages, or of its odd or of its even pages (and on ``min_pages`` of them),
*and* it sits in the run of such lines at the top or bottom of its page. So ``- 3 -`` and ``- 4 -`` are one
shape, a court's running title is found on every page, and a sentence that happens to recur in the body is
not touched: nothing here knows a string, only what repeats.
"""

from __future__ import annotations

import re
from collections import Counter

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def shape(line: str) -> str:
    """What stays the same from page to page: digits folded, whitespace dropped."""
    return _SPACE.sub("", _DIGITS.sub("#", line))


def _page_lines(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out, offset = [], start
    for raw in text[start:end].split("\n"):
        s = offset + len(raw) - len(raw.lstrip())
        e = offset + len(raw.rstrip())
        if e > s:
            out.append((s, e, text[s:e]))
        offset += len(raw) + 1
    return out


def furniture_spans(text: str, page_starts: tuple[int, ...], min_share: float = 0.5,
                    min_pages: int = 3) -> list[tuple[int, int]]:
    """Source spans of the furniture lines of a paged text (see module doc); [] with too few pages."""
    n = len(page_starts)
    if n < min_pages:
        return []
    bounds = list(page_starts) + [len(text)]
    pages = [_page_lines(text, bounds[i], bounds[i + 1]) for i in range(n)]
    keys_of = [{shape(t) for _, _, t in lines} for lines in pages]
    frequent: set[str] = set()
    # on the document's pages, or on its left-hand or right-hand pages alone: a book sets its title on the
    # one and the chapter's on the other
    for chosen in (range(n), range(0, n, 2), range(1, n, 2)):
        counts = Counter(k for i in chosen for k in keys_of[i])
        need = max(min_pages, min_share * len(chosen))
        frequent |= {k for k, c in counts.items() if c >= need}
    spans: list[tuple[int, int]] = []
    for lines in pages:
        keys = [shape(t) in frequent for _, _, t in lines]
        top = 0
        while top < len(lines) and keys[top]:
            top += 1
        bottom = len(lines)
        while bottom > top and keys[bottom - 1]:
            bottom -= 1
        spans.extend((s, e) for s, e, _ in lines[:top] + lines[bottom:])
    return sorted(spans)
