"""The answer chain (LCEL): retrieve -> prompt / select -> answer -> parse citations -> verify -> Answer.

One chain serves the CLI, the UI and the eval. Backends live in one registry; an LLM
that is down or times out falls back to the extractive backend, and the answer says so.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Callable, Collection

import numpy as np
from langchain_core.runnables import RunnableLambda

from ragqa import korean
from ragqa.answer import citations as cites
from ragqa.answer.checks import AnswerError, check_threshold, clean_question
from ragqa.answer.extractive import ExtractiveAnswerer
from ragqa.answer.followup import resolve_followup
from ragqa.answer.prompts import ABSTAIN, messages
from ragqa.answer.registry import backends, llm_factory
from ragqa.answer.verify import verify_sentences
from ragqa.config import Config
from ragqa.index.build import embed_text
from ragqa.types import Answer, AnswerSentence, Citation, Hit

TokenCallback = Callable[[str], None]


@dataclass
class _State:
    question: str
    resolved: str
    lang: str
    backend: str
    hits: list[Hit]
    t0: float
    retrieve_ms: float = 0.0
    raw: str = ""
    claims: list[tuple[str, list[int]]] | None = None
    spans: dict[int, dict[int, tuple[int, int]]] | None = None  # claim index -> passage n -> quoted span (extractive)
    conflict: bool = False
    notes: tuple[str, ...] = ()
    abstain_reason: str = ""
    confidence: float | None = None


class AnswerPipeline:
    """retrieve -> generate -> verify over one retriever (its index and embedder).

    Collaborators are passed in: ``retriever`` (``search``, ``index``, ``embedder``), ``source_text``
    (a document's source text by its source path: the citations' coordinate system) and ``cfg``.
    ``llms`` caches loaded chat models by backend; the owner may share it across pipelines, so a
    new index does not reload a local model.
    """

    def __init__(self, retriever, source_text: Callable[[str], str], cfg: Config,
                 llms: dict[str, object] | None = None):
        self.retriever = retriever
        self.source_text = source_text
        self.cfg = cfg
        self._llms = {} if llms is None else llms
        self.chain = (RunnableLambda(self._retrieve) | RunnableLambda(self._generate) | RunnableLambda(self._verify))

    # -- public --------------------------------------------------------------------------
    def ask(self, question: str, backend: str | None = None, history: list[tuple[str, str]] | None = None,
            k: int | None = None, mode: str | None = None, on_token: TokenCallback | None = None,
            docs: Collection[str] | None = None, threshold: float | None = None) -> Answer:
        """Answer ``question`` from the corpus, or from the documents ``docs`` (source paths) alone. ``threshold``
        (0–1) replaces the abstention model's for this question: lower answers more, higher refuses more."""
        question = clean_question(question)
        check_threshold(threshold)
        backend = backend or self.cfg.answer.backend
        if backend not in backends():
            raise AnswerError(f"unknown backend {backend!r}; choose one of {backends()}")
        resolved = resolve_followup(question, history or [])
        state = _State(question, resolved, "ko" if korean.is_korean(question) else "en", backend, [],
                       time.perf_counter())
        return self.chain.invoke(state, config={"configurable": {"k": k, "mode": mode, "on_token": on_token,
                                                                 "docs": docs, "threshold": threshold}})

    def llm(self, backend: str):
        if backend not in self._llms:
            cfg = self.cfg
            self._llms[backend] = llm_factory(backend)(cfg.answer, cfg.paths)
        return self._llms[backend]

    # -- chain steps -----------------------------------------------------------------------
    def _retrieve(self, state: _State, config) -> _State:
        opts = config.get("configurable", {})
        docs = opts.get("docs")
        result = self.retriever.search(state.resolved, k=opts.get("k"), mode=opts.get("mode"), docs=docs)
        if docs is not None:  # the reader sees that other documents were not searched
            names = ", ".join(docs) or "-"
            state.notes += (f"검색 범위: {names}" if state.lang == "ko" else f"searched only: {names}",)
        state.hits = result.hits
        state.retrieve_ms = result.ms
        return state

    def _generate(self, state: _State, config) -> _State:
        if not state.hits:
            state.abstain_reason = "no passages retrieved"
            return state
        threshold = config.get("configurable", {}).get("threshold")
        if state.backend == "extractive":
            return self._extractive(state, threshold)
        on_token = config.get("configurable", {}).get("on_token")
        try:
            model = self.llm(state.backend)
            index = self.retriever.index
            focused = ExtractiveAnswerer(index, self.retriever.embedder).focus_passages(state.resolved, state.hits)
            parts = []
            for chunk in model.stream(messages(state.resolved, state.hits, index.title_of, state.lang, focused)):
                piece = str(chunk.content)
                parts.append(piece)
                if on_token:
                    on_token(piece)
            state.raw = "".join(parts)
        except Exception as exc:  # endpoint down, timeout, model missing: never lose the question
            reason = _describe(exc)
            if not self.cfg.answer.fallback:
                raise AnswerError(f"LLM backend {state.backend} failed: {reason}") from exc
            note = (f"LLM 백엔드({state.backend})를 사용할 수 없어 추출형으로 답했습니다: {reason}" if state.lang == "ko"
                    else f"The {state.backend} LLM backend failed ({reason}); answered extractively instead.")
            state.notes += (note,)
            state.backend = f"extractive (fallback from {state.backend})"
            return self._extractive(state, threshold)
        if cites.says_not_found(state.raw) and not cites.parse_markers(state.raw):
            state.abstain_reason = "the model found no answer"
            return state
        state.claims = cites.split_answer(state.raw)
        return state

    def _extractive(self, state: _State, threshold: float | None = None) -> _State:
        cfg = self.cfg.extractive if threshold is None else dataclasses.replace(self.cfg.extractive,
                                                                                abstention_threshold=threshold)
        answerer = ExtractiveAnswerer(self.retriever.index, self.retriever.embedder,
                                      max_sentences=self.cfg.answer.max_sentences, cfg=cfg,
                                      duplicate_containment=self.cfg.retrieval.duplicate_containment)
        texts = {h.chunk.source: self.source_text(h.chunk.source) for h in state.hits}
        result = answerer.answer(state.resolved, state.hits, texts)
        state.confidence = None if result.confidence is None else round(result.confidence, 4)
        if result.abstain:
            state.abstain_reason = result.reason
            return state
        state.claims = [(p.text, [p.hit_no] + [a.hit_no for a in p.also]) for p in result.picks]
        state.spans = {i: {q.hit_no: (q.start, q.end) for q in (p, *p.also)} for i, p in enumerate(result.picks)}
        state.conflict = result.conflict
        return state

    def _verify(self, state: _State) -> Answer:
        total = lambda: round((time.perf_counter() - state.t0) * 1000, 1)  # noqa: E731
        timings = {"retrieve": round(state.retrieve_ms, 1)}
        if not state.claims:
            timings.update(answer=round(total() - state.retrieve_ms, 1), total=total())
            return Answer(state.question, ABSTAIN[state.lang], True, state.backend, (), (), tuple(state.hits),
                          timings, state.notes + ((f"abstained: {state.abstain_reason}",) if state.abstain_reason
                                                  else ()), state.resolved,
                          state.confidence)
        # a claim may rest on the passage's title, section or table header as well as its text
        passages = [embed_text(h.chunk) for h in state.hits]
        extractive = state.spans is not None
        checked = verify_sentences(state.claims, passages, None if extractive else self.retriever.embedder,
                                   None if extractive else self._stored_vectors(state.hits), self.cfg.verify)
        sentences = [AnswerSentence(text, cited, support.supported, round(support.score, 3))
                     for text, cited, support in checked]
        # never a number without a source: unsupported sentences that state numbers are dropped
        kept = [i for i, s in enumerate(sentences) if s.supported or not _has_number(s.text)]
        if not any(sentences[i].supported for i in kept):
            timings.update(answer=round(total() - state.retrieve_ms, 1), total=total())
            return Answer(state.question, ABSTAIN[state.lang], True, state.backend, tuple(sentences), (),
                          tuple(state.hits), timings, state.notes + ("abstained: no sentence was supported",),
                          state.resolved, state.confidence)
        text = self._compose([sentences[i] for i in kept], state)
        used: dict[int, Citation] = {}
        for i in kept:
            for n in sentences[i].citations:
                # the quote (extractive) or the passage's sentence that best matches the claim (LLM); a
                # passage that several kept sentences cite holds each of them as a quote of its citation
                # (extractive: the quote in that passage; a claim verification re-attributed keeps its own span)
                start, end = (state.spans[i].get(n) or next(iter(state.spans[i].values()))) if extractive else \
                    self._best_span(sentences[i].text, state.hits[n - 1])
                used[n] = (used[n].with_quote(start, end) if n in used else
                           Citation(n, state.hits[n - 1].chunk, start, end, state.hits[n - 1].score, ((start, end),)))
        citations = tuple(used[n] for n in sorted(used))
        timings.update(answer=round(total() - state.retrieve_ms, 1), total=total())
        return Answer(state.question, text, False, state.backend, tuple(sentences), citations, tuple(state.hits),
                      timings, state.notes, state.resolved, state.confidence)

    def _stored_vectors(self, hits: list[Hit]):
        """The index's vectors of the retrieved passages (None when one is not in the index)."""
        index = self.retriever.index
        rows = [index.row_of(h.chunk) for h in hits]
        return None if None in rows else np.asarray(index.vectors[rows])

    def _compose(self, sentences: list[AnswerSentence], state: _State) -> str:
        parts = []
        for s in sentences:
            marker = "".join(f"[{n}]" for n in s.citations)
            body = s.text
            if state.conflict:
                cited = state.hits[s.citations[0] - 1].chunk if s.citations else None
                title = self.retriever.index.title_of(cited.doc_id) if cited else ""
                body = f"{title}: {body}" if title else body
            parts.append(f"{body} {marker}".strip())
        text = " ".join(parts) if not state.conflict else "\n".join(f"- {p}" for p in parts)
        if state.spans is not None and state.lang == "en" and any(korean.is_korean(s.text) for s in sentences):
            text = "The reports say (quoted in Korean):" + ("\n" if state.conflict else " ") + text
        if state.conflict:
            text = ("자료마다 수치가 다릅니다.\n" if state.lang == "ko" else
                    "The documents give different figures.\n") + text
        return text

    @staticmethod
    def _best_span(claim: str, hit: Hit) -> tuple[int, int]:
        """The sentence of the passage that best matches a generated claim."""
        terms = set(korean.terms(claim))
        best = max(hit.chunk.sentences, key=lambda s: len(terms & set(korean.terms(s.text))), default=None)
        return (best.start, best.end) if best is not None else (hit.chunk.start, hit.chunk.end)


def _has_number(text: str) -> bool:
    from ragqa.numbers import numbers_in

    return bool(numbers_in(text))


def _describe(exc: Exception) -> str:
    name = exc.__class__.__name__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if "Timeout" in name or "timed out" in text.lower():
        return f"timed out ({name})"
    if "Connection" in name or "connect" in text.lower():
        return f"endpoint unreachable ({name})"
    return f"{name}: {text[:200]}"
