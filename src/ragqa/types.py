"""Typed records that flow through the pipeline: ingest -> chunk -> index -> retrieve -> answer.

Every span is a half-open ``[start, end)`` range of character offsets into the document's
*source text*: the file decoded as UTF-8 for text formats (.txt, .md, .html), the extracted
text for binary formats (.pdf, .docx, .hwpx, .hwp, .pptx, .xlsx).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

SegmentKind = Literal["body", "heading", "table", "caption", "footnote", "references", "boilerplate"]
ChunkKind = Literal["body", "table", "caption", "footnote", "references", "boilerplate"]


@dataclass(frozen=True)
class Document:
    """A source file, as loaded."""

    doc_id: str  # content hash of the source text
    source: str  # path relative to the corpus root, with forward slashes
    title: str
    text: str  # the source text: the coordinate system for every offset
    publisher: str = ""
    author: str = ""
    date: str = ""
    kind: str = ""  # report, news, ... (from the manifest)
    file_sha256: str = ""  # hash of the file's bytes, for change detection
    pages: tuple[int, ...] = ()  # paged formats (PDF; PPTX slides, XLSX sheets): where each starts in ``text``
    chrome: tuple[str, ...] = ()  # the corpus's own web-chrome line patterns (its cleaning.json)
    headings: tuple[tuple[int, int, int], ...] = ()  # layout titles (PDF type size, a style, a slide's): (start, end, rank)
    paragraphs: bool = False  # its lines are paragraphs its file's structure gives (office formats; Loaded.paragraphs)

    def page_of(self, offset: int) -> int | None:
        """1-based page holding source offset ``offset`` (None for formats without pages)."""
        return page_at(self.pages, offset)


def page_at(page_starts: tuple[int, ...] | list[int], offset: int) -> int | None:
    """1-based page holding ``offset``, given where each page starts (None without pages)."""
    if not page_starts:
        return None
    import bisect

    return max(1, bisect.bisect_right(page_starts, offset))


@dataclass(frozen=True)
class Segment:
    """A cleaned stretch of a document: ``text`` is derived from ``source_text[start:end]``.

    ``pos`` maps every character of ``text`` to its offset in the source text, so any
    sub-span of the cleaned text maps back exactly.
    """

    start: int
    end: int
    kind: SegmentKind
    text: str
    pos: tuple[int, ...]
    section: str = ""
    repeated: bool = False  # the same content occurs earlier in the document


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the source text
    end: int
    text: str  # cleaned text


@dataclass(frozen=True)
class Chunk:
    """The unit of retrieval."""

    chunk_id: str  # content hash of (doc_id, start, end, text)
    doc_id: str
    source: str
    start: int
    end: int
    text: str  # cleaned text, derived from source_text[start:end]
    section: str
    kind: ChunkKind
    sentences: tuple[Sentence, ...] = ()
    repeated: bool = False
    context: str = ""  # title / publisher / section / table header: indexed, never cited
    table_header: tuple[str, ...] = ()  # a table chunk's column names (its header row's cells)
    page: int | None = None  # 1-based page of the chunk's start (paged formats), else None


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its scores."""

    chunk: Chunk
    score: float
    rank: int
    scores: dict[str, float] = field(default_factory=dict)  # per retriever: dense, bm25, rrf, rerank


@dataclass(frozen=True)
class Citation:
    """A passage the answer rests on: ``n`` is its number among the answer's contexts."""

    n: int
    chunk: Chunk
    start: int  # the cited span: from the first quote's start to the last one's end
    end: int
    score: float = 0.0
    # each sentence the answer rests on in this passage, (start, end) in source order, disjoint: what a
    # reader checks. Empty = the span is one quote
    quotes: tuple[tuple[int, int], ...] = ()

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The quoted spans: ``quotes``, or the whole cited span when there are none."""
        return self.quotes or ((self.start, self.end),)

    def with_quote(self, start: int, end: int) -> "Citation":
        """This citation with one more quote from its passage, the covering span widened to hold it."""
        merged: list[tuple[int, int]] = []
        for a, b in sorted(set(self.spans) | {(start, end)}):
            if merged and a <= merged[-1][1]:  # overlapping or touching: one quote
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return replace(self, start=merged[0][0], end=merged[-1][1], quotes=tuple(merged))


@dataclass(frozen=True)
class AnswerSentence:
    text: str
    citations: tuple[int, ...]  # passage numbers
    supported: bool = True
    support: float = 0.0


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    abstained: bool
    backend: str
    sentences: tuple[AnswerSentence, ...]
    citations: tuple[Citation, ...]
    contexts: tuple[Hit, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # e.g. "LLM endpoint unreachable; answered extractively"
    resolved_question: str = ""  # the question after multi-turn resolution
    # the extractive answerer's probability that its answer is correct (the abstention model); None for LLMs
    confidence: float | None = None

    @property
    def unsupported(self) -> list[str]:
        return [s.text for s in self.sentences if not s.supported]
