"""The engine: one place that loads the index and models once and serves CLI, UI and eval.

Heavy things (embedder, Kiwi, index, LLM) are loaded lazily, once, and shared; every
public method is safe to call from several threads (Gradio serves requests concurrently).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Collection

from ragqa.config import Config
from ragqa.index import store, vectorstore
from ragqa.index.build import BuildReport, build_index, expected_manifest
from ragqa.models import Embedder, load_embedder
from ragqa.retrieval.hybrid import HybridRetriever, Retrieval


class UnknownDocument(ValueError):
    """A search was limited to a document the index does not hold."""


class Engine:
    """The one service: ``Engine(cfg)`` loads what it needs on first use; ``embedder`` replaces the
    configured model (tests pass a small fake; a benchmark passes one it loaded in some precision)."""

    def __init__(self, cfg: Config, embedder: Embedder | None = None):
        self.cfg = cfg
        self._embedder: Embedder | None = embedder
        self._retriever: HybridRetriever | None = None
        self._texts: dict[str, str] = {}  # source -> source text (the offsets' coordinate system)
        self._answers = None  # the AnswerPipeline over the current retriever, built on first use (imports LangChain)
        self._llms: dict[str, object] = {}  # loaded chat models by backend, kept across index reloads
        self._lock = threading.RLock()

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                from ragqa import korean

                korean.preload()  # on the other core while the model loads: every question needs both
                self._embedder = load_embedder(self.cfg.embed, self.cfg.paths.models_dir)
            return self._embedder

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                index = store.load(self.cfg.paths.index_dir, expected_manifest(self.cfg, self.embedder),
                                   faiss=vectorstore.scheme(self.cfg.store.uri) == "faiss")
                searches = vectorstore.open_store(self.cfg.store, index)
                self._retriever = HybridRetriever(index, self.embedder, self.cfg.retrieval, searches)
            return self._retriever

    @property
    def index(self) -> store.IndexData:
        return self.retriever.index

    def reconfigure(self, cfg: Config) -> None:
        """Use ``cfg`` from now on. The answer pipeline (its LLM clients) is rebuilt; the index and
        embedder are kept unless the paths or the embedding settings changed."""
        with self._lock:
            if (cfg.paths, cfg.embed, cfg.retrieval, cfg.chunk, cfg.store) != \
                    (self.cfg.paths, self.cfg.embed, self.cfg.retrieval, self.cfg.chunk, self.cfg.store):
                self._retriever, self._texts = None, {}
            if cfg.embed != self.cfg.embed:
                self._embedder = None
            if cfg.answer != self.cfg.answer or cfg.paths != self.cfg.paths:
                self._llms.clear()  # a chat model is built from the answer settings and the model paths
            self.cfg, self._answers = cfg, None

    @property
    def is_warm(self) -> bool:
        """The index, the models and the answer chain are loaded: a question pays for none of them."""
        return self._retriever is not None and self._answers is not None

    def reload(self) -> None:
        """Pick up a new index build (after indexing), and the texts it keeps."""
        with self._lock:
            self._retriever, self._texts = None, {}

    def build(self, rebuild: bool = False, progress: bool = True, corpus_dir: Path | None = None) -> BuildReport:
        with self._lock:
            report = build_index(self.cfg, self.embedder, corpus_dir=corpus_dir, rebuild=rebuild, progress=progress)
            self._retriever = None
            self._texts = {}
            return report

    @property
    def corpus_dir(self) -> Path:
        """The folder the index was built from (its manifest says), where its documents' files are."""
        return Path(self.index.manifest.get("corpus_dir") or self.cfg.paths.corpus_dir)

    def source_text(self, source: str) -> str:
        """The source text of an indexed document: the coordinate system of its offsets."""
        with self._lock:
            cache = self._texts
            if source not in cache:
                from ragqa.ingest import content_id
                from ragqa.ingest.loaders import load_file

                # the text the build kept; a build from before they were kept: the file, extracted again
                info = self.index.docs.get(source)
                kept = self.index.text_of(source)
                text = kept if kept is not None else load_file(self.corpus_dir / source)
                if info is not None and content_id(text) != info.doc_id:
                    raise store.IndexUnavailable(
                        (f"the index keeps a text of {source} that its passages were not cut from (a damaged "
                         "build). Run `ragqa index --rebuild`.") if kept is not None else
                        (f"{source} changed since it was indexed; run `ragqa index` so that citations point at "
                         "the right text."))
                cache[source] = text
            return cache[source]

    @property
    def answers(self):
        with self._lock:
            retriever = self.retriever
            if self._answers is None or self._answers.retriever is not retriever:
                from ragqa.answer.chain import AnswerPipeline

                self._answers = AnswerPipeline(retriever, self.source_text, self.cfg, self._llms)
            return self._answers

    def ask(self, question: str, **kwargs):
        return self.answers.ask(question, **kwargs)

    def ask_json(self, question: str, backend: str | None = None, qid=None, **kwargs) -> dict:
        """The ``ragqa ask --json`` contract (:mod:`ragqa.answer.serialize`) for one question."""
        return self.record(self.ask(question, backend=backend, **kwargs), qid, kwargs.get("docs"))

    def record(self, answer, qid=None, docs=None) -> dict:
        """An answer as the ``--json`` contract's object; ``docs``: the documents the search was limited to."""
        from ragqa.answer.serialize import to_json

        result = to_json(answer, self.source_text, self.index.title_of, qid, self.index.page_of)
        if docs:
            result["docs"] = list(docs)
        return result

    def evaluate(self, questions: list, backend: str | None = None, progress: bool = True,
                 embed_check: bool = True, texts: dict[str, str] | None = None) -> tuple[list, object]:
        """Answer and score ``questions`` (:class:`ragqa.evaluation.runner.Question`): the
        ``QuestionResult`` rows and their ``Summary``. ``texts`` are the gold documents' texts when the
        caller has loaded and checked them already; otherwise they are, and ``QuestionsError`` is raised
        when a gold quote is not found verbatim in its document."""
        from ragqa.evaluation import runner

        texts = runner.load_gold(questions, self.cfg.paths.corpus_dir, self.cfg.paths.index_dir) \
            if texts is None else texts
        rows = runner.run(questions, texts, lambda q: self.ask_json(q.question, backend=backend, qid=q.id),
                          self.embedder if embed_check else None, progress=progress)
        return rows, runner.summarize(rows)

    def search(self, query: str, k: int | None = None, mode: str | None = None,
               docs: Collection[str] | None = None) -> Retrieval:
        return self.retriever.search(query, k=k, mode=mode, docs=docs)

    def abstention_threshold(self) -> float:
        """The confidence below which the extractive backend says the documents do not answer (the configured
        ``RAGQA_ABSTENTION_THRESHOLD``, else the fitted model's)."""
        from ragqa.answer.abstention import load_model

        cfg = self.cfg.extractive
        return cfg.abstention_threshold if cfg.abstention_threshold >= 0 else load_model(cfg.abstention_model).threshold

    def documents(self) -> list[tuple[str, str]]:
        """(source, title) of every indexed document, in source order (the chat's 검색할 문서 list: the same set)."""
        index = self.index
        return [(source, index.title_of(source)) for source in sorted(index.docs)]

    def resolve_docs(self, names: Collection[str] | None) -> list[str] | None:
        """The sources that ``names`` name, for a search limited to them: each name is a document's file name
        (its path under the corpus) or a part of its file name or title, case ignored, and names every document
        it matches. None or empty: no limit. A name that matches no document raises ``UnknownDocument`` with
        the documents there are."""
        names = [n.strip() for n in names or () if n and n.strip()]
        if not names:
            return None
        docs = self.documents()
        chosen: list[str] = []
        for name in names:
            exact = [s for s, _ in docs if s == name or Path(s).name == name]
            key = name.casefold()
            found = exact or [s for s, title in docs if key in s.casefold() or key in title.casefold()]
            if not found:
                listing = "; ".join(s for s, _ in docs[:20]) + (" …" if len(docs) > 20 else "")
                raise UnknownDocument(f"no indexed document is named {name!r} (by file name or title). "
                                      f"Documents: {listing}")
            chosen += [s for s in found if s not in chosen]
        return chosen

    def warm_up(self) -> float:
        """Load the index and models and run one question through the extractive path; returns seconds.

        A server calls this before it listens, so that the first questions do not pay for model loading,
        Kiwi's dictionary and the answer chain's imports while other requests wait on the same process.
        """
        t0 = time.perf_counter()
        self.ask("AI 반도체 시장 규모는?", backend="extractive")
        return time.perf_counter() - t0
