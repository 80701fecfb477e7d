"""What the office-format readers (HWPX, HWP, PPTX, XLSX) give the loader: the document's blocks (paragraphs,
tables as tab-separated rows) in reading order, each block's title rank (None for text), the title the file
states, and for a paged format (slides, sheets) the index of each page's first block."""

from __future__ import annotations

from dataclasses import dataclass, field


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
