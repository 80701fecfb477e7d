"""What the office-format readers (HWPX, HWP, PPTX, XLSX) give the loader: the document's blocks (paragraphs,
tables as tab-separated rows) in reading order, each block's title rank (None for text), the title the file
states, and for a paged format (slides, sheets) the index of each page's first block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

_LEVEL_STYLE = re.compile(r"^(?:개요|outline|heading|제목)\s*([1-9]\d?)$", re.I)


def style_rank(name: str) -> int | None:
    """The title rank a word processor's style name gives its paragraphs: ``Title`` / ``제목`` 0; an outline or
    heading level (``개요 N``, ``Outline N``, ``Heading N``, ``제목 N``) N; None for any other style (text). One
    reading for DOCX, HWPX and HWP alike: their titles sit below any numbered heading's level
    (:func:`ragqa.ingest.clean.segment`)."""
    name = name.strip()
    if name.lower() in ("title", "제목"):
        return 0
    m = _LEVEL_STYLE.match(name)
    return int(m.group(1)) if m else None


def one_line(text: str) -> str:
    """``text`` with each run of whitespace (a cell's line breaks, a title's wrap) one space, trimmed."""
    return " ".join(text.split())


def table_text(rows: Iterable[Iterable[str]]) -> str:
    """A table as the cleaner reads one: a row a line, its cells on one line each and apart by tabs; a row with no
    text is left out (the cleaner drops it too)."""
    lines = ("\t".join(one_line(cell) for cell in row) for row in rows)
    return "\n".join(line for line in lines if line.strip())


class FormatError(Exception):
    """The file is not a readable document of its format (the message says why and what to do)."""


@dataclass
class Blocks:
    blocks: list[str] = field(default_factory=list)
    ranks: list[int | None] = field(default_factory=list)
    title: str = ""
    page_starts: list[int] = field(default_factory=list)

    def add(self, text: str, rank: int | None = None) -> None:
        self.blocks.append(text)
        self.ranks.append(rank)

    def new_page(self) -> None:
        self.page_starts.append(len(self.blocks))
