"""Every sentence of the retrieved passages scored against the question: the first step of the extractive answer.

A sentence's score adds its Kiwi term coverage weighted by idf (with the sentence before it and its report's title
and section), its embedding similarity (the sentence vectors stored at index time), the passage's rank, and what
the question's type asks: a figure for 얼마/몇/규모, the asked year, a name for 누구/어디/어느, a labelled line for
the label asked about. The weights are ``ExtractiveConfig``'s fitted fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ragqa import aliases, korean, transliteration
from ragqa.answer.question import YEAR_TERM, named_years, question_entities, question_terms, question_type, \
    question_years, sentence_years
from ragqa.answer.sentences import figure_table, has_answer_number, label_share, labelled_for, not_an_answer
from ragqa.config import ExtractiveConfig
from ragqa.index.store import IndexData
from ragqa.tables import scoring_text
from ragqa.types import Hit


@dataclass(frozen=True)
class Candidate:
    hit_no: int  # 1-based position among the contexts
    sentence_no: int
    text: str
    start: int
    end: int
    lexical: float
    prior: float
    score: float = 0.0
    similarity: float = 0.0



class SentenceScorer:
    """Candidate sentences and their scores under one index, embedder and configuration."""

    def __init__(self, index: IndexData, embedder=None, cfg: ExtractiveConfig | None = None):
        self.index = index
        self.embedder = embedder
        self.cfg = cfg or ExtractiveConfig()

    def ranked(self, question: str, hits: list[Hit], lang: str, qtype: str | None = None) -> list[Candidate]:
        """The passages' sentences, best first."""
        qtype = question_type(question) if qtype is None else qtype
        return self.score(question, self.candidates(question, hits, lang), qtype, lang, hits)

    def candidates(self, question: str, hits: list[Hit], lang: str) -> list[Candidate]:
        bm25 = self.index.bm25
        qterms = {t for t in question_terms(question) if not YEAR_TERM.match(t)}  # years count once, in the year bonus
        idf = {t: float(bm25.idf[bm25.vocab[t]]) for t in qterms if t in bm25.vocab}
        total = sum(idf.values()) or 1.0
        # a name the corpus also spells in the other script (제미나이 울트라 / Gemini Ultra): the question's terms
        # inside it count in a sentence that writes another spelling
        renamed = [(others, {t for t in idf if t in name}) for name, others in
                   (self.index.aliases.spelled_in(question) if idf else {}).items() if others]
        renamed = [(others, inside) for others, inside in renamed if inside]
        # a name the question asks for, written in the other script as it sounds (맥킨지 / McKinsey): counted as
        # the entity checks count it (:mod:`ragqa.transliteration`), so the sentence they accept is not outscored
        # by one that spells the name the question's way but says something else
        sounded = []
        if self.cfg.sound_names_in_lexical and lang == "ko" and idf:
            sounded = [(name, inside) for name in question_entities(question)
                       if transliteration.skeletons(name) and (inside := {t for t in idf if t in name})]
        out = []
        for hit_no, hit in enumerate(hits, start=1):
            terms_of = self.sentence_terms(hit)
            # the report's title, publisher and section count for every one of its sentences
            context_terms = set(korean.terms(hit.chunk.context)) if idf else set()
            previous: set[str] = set()
            numeric = figure_table(hit.chunk)
            for j, s in enumerate(hit.chunk.sentences):
                own = terms_of(j)
                if renamed:
                    flat = aliases.norm(s.text)
                    own = own | {t for others, inside in renamed if any(aliases.written(o, flat) for o in others)
                                 for t in inside}
                if sounded:
                    own = own | {t for name, inside in sounded if not inside <= own
                                 and transliteration.written_in(name, s.text) for t in inside}
                if len(s.text) >= 8 and not not_an_answer(s.text, numeric, hit.chunk.table_header):
                    # the sentence itself counts most; the one before it often names the subject
                    here = sum(w for t, w in idf.items() if t in own | context_terms) / total if idf else 0.0
                    window = sum(w for t, w in idf.items() if t in own | previous | context_terms) / total if idf else 0.0
                    share = self.cfg.own_sentence_share
                    out.append(Candidate(hit_no, j, s.text, s.start, s.end, share * here + (1 - share) * window,
                                         1.0 / hit_no))
                previous = own
        return out

    def sentence_terms(self, hit: Hit):
        """``j -> set of Kiwi terms`` of the passage's sentence j: stored with the index; computed now
        only for a passage the index does not hold."""
        row = self.index.row_of(hit.chunk)
        stored = self.index.sentence_terms[row] if row is not None else []
        sentences = hit.chunk.sentences
        return lambda j: set(stored[j]) if j < len(stored) else set(korean.terms(sentences[j].text))

    def score(self, question: str, cands: list[Candidate], qtype: str, lang: str, hits: list[Hit]
               ) -> list[Candidate]:
        if not cands:
            return []
        sims = np.zeros(len(cands), np.float32)
        if self.embedder is not None:
            # every sentence the index stores is compared; of those it does not store (a passage from elsewhere)
            # only the most promising are embedded now: the embedder is the costly part
            pre = np.asarray([c.lexical + self.cfg.embed_prior_share * c.prior for c in cands]) if lang == "ko" else \
                np.asarray([c.prior for c in cands])
            top = np.argsort(-pre, kind="stable")[:self.cfg.embed_top_ko if lang == "ko" else self.cfg.embed_top_en]
            qv = self.embedder.embed_query(question)  # cached: retrieval embedded the same question
            sims = self._sentence_vectors(cands, hits, set(top.tolist())) @ np.asarray(qv, np.float32)
        cfg = self.cfg
        qterms = set(korean.terms(question)) if cfg.label_bonus and lang == "ko" else set()
        lexical_w, dense_w = (cfg.lexical_weight_ko, cfg.dense_weight_ko) if lang == "ko" else \
            (cfg.lexical_weight_en, cfg.dense_weight_en)
        scored = []
        for c, sim in zip(cands, sims):
            score = lexical_w * c.lexical + dense_w * float(sim) + cfg.prior_weight * c.prior
            if qtype == "number":
                score += cfg.number_bonus if has_answer_number(c.text) else -cfg.number_bonus
            mismatch = self.year_mismatch(c, question, hits)
            if mismatch is not None:  # the asked year, not another one
                score += -cfg.year_bonus if mismatch else cfg.year_bonus
            if qtype == "name":  # the answer names something the question does not
                names = re.findall(r"[‘'\"“]([^’'\"”]{2,40})[’'\"”]|([A-Z][A-Za-z0-9.\-]+)", c.text)
                new = [a or b for a, b in names if (a or b).lower() not in question.lower()]
                score += cfg.name_bonus if new else -cfg.name_penalty
            if qterms and labelled_for(c.text, qterms):  # "- 분야명: 기업 A, 기업 B" for a question on 분야명
                # in proportion to the label's words the question names (or whole)
                score += cfg.label_bonus * (label_share(c.text, qterms) if cfg.label_by_words else 1.0)
            scored.append(Candidate(c.hit_no, c.sentence_no, c.text, c.start, c.end, c.lexical, c.prior, score,
                                    float(sim)))
        return sorted(scored, key=lambda c: -c.score)

    @staticmethod
    def year_mismatch(cand: Candidate, question: str, hits: list[Hit]) -> bool | None:
        """None when no year is asked (or the sentence names none); True when the sentence gives
        years but not the asked one (a cumulative or a later figure). A year the question writes as part of
        a name in the passage's context ("AI 인덱스 2024") names the report, not the year asked
        (:func:`named_years`). A table row's year may be in its caption (``<2023년 출시 모델>``): a row is
        read, as it is embedded, after its caption."""
        asked = question_years(question) - named_years(question, hits[cand.hit_no - 1].chunk.context)
        found = sentence_years(scoring_text(hits[cand.hit_no - 1].chunk, cand.sentence_no)) if asked else set()
        if not asked or not found:
            return None
        return not (found & asked)

    def _sentence_vectors(self, cands: list[Candidate], hits: list[Hit], may_embed: set[int]) -> np.ndarray:
        """The candidates' sentence vectors: stored with the index (embedded once, at index time); a
        sentence the index does not hold (a passage from elsewhere) is embedded now if its position is in
        ``may_embed``, else its row stays zero."""
        out = np.zeros((len(cands), self.embedder.dim), np.float32)
        missing = []
        for i, c in enumerate(cands):
            row = self.index.row_of(hits[c.hit_no - 1].chunk)
            stored = self.index.sentence_vectors_of(row) if row is not None else ()
            if c.sentence_no < len(stored):
                out[i] = stored[c.sentence_no]
            elif i in may_embed:
                missing.append(i)
        if missing:
            out[missing] = self.embedder.embed_documents(
                [scoring_text(hits[cands[i].hit_no - 1].chunk, cands[i].sentence_no) for i in missing])
        return out

