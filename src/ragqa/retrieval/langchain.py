"""Thin LangChain adapter: the hybrid retriever as a ``BaseRetriever``."""

from __future__ import annotations

from typing import Any, Optional

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from ragqa.types import Hit


def hit_to_document(hit: Hit, title: str = "") -> LCDocument:
    c = hit.chunk
    return LCDocument(page_content=c.text, metadata={
        "chunk_id": c.chunk_id, "doc_id": c.doc_id, "source": c.source, "title": title, "start": c.start,
        "end": c.end, "section": c.section, "kind": c.kind, "score": hit.score, "rank": hit.rank, "scores": hit.scores,
    })


class RagqaRetriever(BaseRetriever):
    """Wraps :class:`~ragqa.retrieval.hybrid.HybridRetriever`; ``hits`` keeps the typed results."""

    retriever: Any
    k: int = 5
    mode: str = "hybrid"
    docs: Optional[list[str]] = None  # the documents (source paths) to search; None: all

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        result = self.retriever.search(query, k=self.k, mode=self.mode, docs=self.docs)
        index = self.retriever.index
        return [hit_to_document(h, index.title_of(h.chunk.doc_id)) for h in result.hits]
