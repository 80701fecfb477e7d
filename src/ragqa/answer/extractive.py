"""The extractive answerer: it generates nothing, so it cannot invent.

It scores every sentence of the retrieved passages against the question (Kiwi term
coverage weighted by idf, embedding similarity, the passage's rank, and the question's
type: a number for 얼마/몇/규모, a name for 누구/어디/어느), keeps the best sentence (cut
to the clause that answers when it is long), adds sentences from other documents when
they give the asked figure too (a conflict is stated as one), and cites each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np

from ragqa import aliases, korean, transliteration
from ragqa.answer.abstention import AbstentionModel, load_model
from ragqa.answer.names import NameChecks
from ragqa.answer.question import (INTERROGATIVES, LISTING, MULTI_Q, PARTS_Q, YEAR_TERM, asks_date, content_nouns,
                                   named_years, question_entities, question_terms, question_type, question_years,
                                   sentence_years, sub_questions, unit_pattern)
from ragqa.answer.sentences import (CLAUSE, DEPENDENT, answering_window, as_cleaned, cell_pieces, figure_table,
                                    has_answer_number, labelled_for, not_an_answer, numbers_differ, restated, restates,
                                    states_date, states_figure, subject_overlap)
from ragqa.config import ExtractiveConfig, RetrievalConfig
from ragqa.index.build import embed_text
from ragqa.index.store import IndexData
from ragqa.numbers import numbers_in
from ragqa.retrieval import fusion
from ragqa.tables import cell_sep, declared_units, row_cells, row_text, scoring_text, unit_note
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


@dataclass(frozen=True)
class Pick:
    """A chosen sentence (or clause) with its span in the source text."""

    hit_no: int
    text: str
    start: int
    end: int
    score: float
    # the same statement in other retrieved passages (another report, another part of this one): cited beside it
    also: tuple["Pick", ...] = ()


@dataclass(frozen=True)
class ExtractiveResult:
    picks: tuple[Pick, ...]
    abstain: bool
    conflict: bool
    best_score: float
    reason: str = ""
    confidence: float | None = None  # the abstention model's probability that the answer is correct
    features: dict | None = None  # what that probability was computed from


class ExtractiveAnswerer:
    """Selects and cites sentences; whether to answer at all is the fitted abstention model's call.

    Stateless between calls: everything a call needs (the hits) is passed to it, so one answerer
    may serve concurrent questions."""

    def __init__(self, index: IndexData, embedder=None, max_sentences: int = 3, cfg: ExtractiveConfig | None = None,
                 abstention: AbstentionModel | None = None,
                 duplicate_containment: float = RetrievalConfig.duplicate_containment):
        self.index = index
        self.duplicate_containment = duplicate_containment  # retrieval's test of one text repeated
        self.embedder = embedder
        self.max_sentences = max_sentences
        self.cfg = cfg or ExtractiveConfig()
        self.max_chars = self.cfg.max_chars
        self.abstention = abstention or load_model(self.cfg.abstention_model)
        self.names = NameChecks(index, self.cfg)

    # -- scoring ---------------------------------------------------------------------------
    def _candidates(self, question: str, hits: list[Hit], lang: str) -> list[Candidate]:
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
            terms_of = self._sentence_terms(hit)
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
                if len(s.text) >= 8 and not not_an_answer(s.text, numeric):
                    # the sentence itself counts most; the one before it often names the subject
                    here = sum(w for t, w in idf.items() if t in own | context_terms) / total if idf else 0.0
                    window = sum(w for t, w in idf.items() if t in own | previous | context_terms) / total if idf else 0.0
                    share = self.cfg.own_sentence_share
                    out.append(Candidate(hit_no, j, s.text, s.start, s.end, share * here + (1 - share) * window,
                                         1.0 / hit_no))
                previous = own
        return out

    def _sentence_terms(self, hit: Hit):
        """``j -> set of Kiwi terms`` of the passage's sentence j: stored with the index; computed now
        only for a passage the index does not hold."""
        row = self.index.row_of(hit.chunk)
        stored = self.index.sentence_terms[row] if row is not None else []
        sentences = hit.chunk.sentences
        return lambda j: set(stored[j]) if j < len(stored) else set(korean.terms(sentences[j].text))

    def _score(self, question: str, cands: list[Candidate], qtype: str, lang: str, hits: list[Hit]
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
            mismatch = self._year_mismatch(c, question, hits)
            if mismatch is not None:  # the asked year, not another one
                score += -cfg.year_bonus if mismatch else cfg.year_bonus
            if qtype == "name":  # the answer names something the question does not
                names = re.findall(r"[‘'\"“]([^’'\"”]{2,40})[’'\"”]|([A-Z][A-Za-z0-9.\-]+)", c.text)
                new = [a or b for a, b in names if (a or b).lower() not in question.lower()]
                score += cfg.name_bonus if new else -cfg.name_penalty
            if qterms and labelled_for(c.text, qterms):  # "- 분야명: 기업 A, 기업 B" for a question on 분야명
                score += cfg.label_bonus
            scored.append(Candidate(c.hit_no, c.sentence_no, c.text, c.start, c.end, c.lexical, c.prior, score,
                                    float(sim)))
        return sorted(scored, key=lambda c: -c.score)

    @staticmethod
    def _year_mismatch(cand: Candidate, question: str, hits: list[Hit]) -> bool | None:
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

    # -- composing ---------------------------------------------------------------------------
    def _add_parts(self, chosen: list[Candidate], pool: list[Candidate], best: Candidate) -> None:
        """For a question asking for several things: further sentences scoring close to the best one,
        in score order, while the answer stays within the configured sentences and characters."""
        cfg = self.cfg
        size = sum(min(len(c.text), cfg.parts_sentence_chars) for c in chosen)
        seen = [fusion.shingles(x.text) for x in chosen]
        for c in pool:
            if len(chosen) >= cfg.parts_max_sentences or c.score < cfg.parts_ratio * best.score:
                break
            # the same sentence again, or nearly (a table extracted twice, a summary repeated in the body,
            # another report's copy): retrieval's duplicate test, across documents too
            sh = fusion.shingles(c.text)
            if any((c.hit_no, c.sentence_no) == (x.hit_no, x.sentence_no) for x in chosen) or \
                    any(fusion.containment(sh, other) >= self.duplicate_containment for other in seen):
                continue
            length = min(len(c.text), cfg.parts_sentence_chars)
            if size + length + 5 > cfg.parts_max_chars:
                continue
            chosen.append(c)
            seen.append(sh)
            size += length + 5  # the citation marker and the space

    def _same_statement(self, a: str, b: str) -> bool:
        """``a`` says what ``b`` says: one holds the other (spaces and case aside), or nearly (retrieval's duplicate
        test: ``최저자본금:`` / ``최소자본금:`` lines of two reports, a table extracted twice) with the same figures.
        Another figure is never the same statement: that is a conflict to show."""
        na, nb = aliases.norm(a), aliases.norm(b)
        if na in nb or nb in na:
            return True
        return set(numbers_in(a)) == set(numbers_in(b)) and \
            fusion.containment(fusion.shingles(a), fusion.shingles(b)) >= self.duplicate_containment

    def _add_sub_answers(self, chosen: list[Candidate], question: str, hits: list[Hit]) -> None:
        """For a compound question, the best sentence for each question it joins, scored as a question of
        its own: the whole question's best sentence often answers one of them only, and the sentences
        scoring close to it answer the same one again."""
        subs = sub_questions(question)
        if len(subs) < 2:
            return
        for sub in subs:
            if len(chosen) >= self.cfg.parts_max_sentences:
                break
            ranked = self._score(sub, self._candidates(sub, hits, "ko"), question_type(sub), "ko", hits)
            if ranked and (ranked[0].hit_no, ranked[0].sentence_no) not in \
                    {(x.hit_no, x.sentence_no) for x in chosen}:
                chosen.append(ranked[0])

    def _add_adjacent(self, chosen: list[Candidate], ranked: list[Candidate], best: Candidate,
                      hits: list[Hit]) -> None:
        """The best sentence's neighbour in its passage, when it scores close to it: the answer is often
        in the sentence after (or before) the one that matches the question's words. Kept in document order.
        Not in a table of figures: there the next row is another record (another country's scores), and with
        rows embedded after their caption every row of a table scores close to the best one."""
        cfg = self.cfg
        chunk = hits[best.hit_no - 1].chunk
        if "\t" in best.text and figure_table(chunk):
            return
        for c in ranked:
            if c.hit_no != best.hit_no or abs(c.sentence_no - best.sentence_no) != 1:
                continue
            if c.score >= cfg.adjacent_ratio * best.score and len(c.text) + len(best.text) <= cfg.adjacent_max_chars:
                chosen.append(c)
                chosen.sort(key=lambda x: x.sentence_no)
            return

    def _add_previous(self, chosen: list[Candidate], ranked: list[Candidate], best: Candidate) -> None:
        """The sentence before the best one, whatever it scores, when the best one opens on a connective of
        contrast or consequence (``그러나 많은 고객은 …``, ``따라서 …``): it holds the premise or the other half of
        the contrast. Within adjacent_max_chars, as the adjacent sentence. (A back-reference, ``이 회사는``,
        is not enough: the sentence before seldom names what it refers to.)"""
        before = next((c for c in ranked if c.hit_no == best.hit_no and c.sentence_no == best.sentence_no - 1), None)
        if before is not None and before not in chosen and \
                len(before.text) + len(best.text) <= self.cfg.adjacent_max_chars:
            chosen.insert(chosen.index(best), before)

    def _add_next(self, chosen: list[Candidate], ranked: list[Candidate], best: Candidate) -> None:
        """The sentences after the best one in its passage, whatever they score, while all fit in
        adjacent_max_chars (the first always): the best one only restates the question (a heading, a lead-in
        to a list), and what answers it follows."""
        here = {c.sentence_no: c for c in ranked if c.hit_no == best.hit_no}
        at, size, no = chosen.index(best) + 1, len(best.text), best.sentence_no + 1
        while no in here and (no == best.sentence_no + 1 or size + len(here[no].text) <= self.cfg.adjacent_max_chars):
            nxt = here[no]
            if nxt in chosen:  # already there (the adjacent sentence): the next goes after it
                at = chosen.index(nxt) + 1
            else:
                chosen.insert(at, nxt)
                at += 1
            size += len(nxt.text)
            no += 1

    def _clause(self, cand: Candidate, question: str, qtype: str, source_text: str, hits: list[Hit],
                max_chars: int | None = None) -> Pick:
        """The sentence, or when it is long the window of clauses that answers; a table row
        is given with its column names."""
        max_chars = max_chars or self.max_chars
        chunk = hits[cand.hit_no - 1].chunk
        if chunk.kind == "table" and "\t" in cand.text:
            label, cells = row_cells(cand.text, chunk.table_header)
            if len(label) > max_chars:  # a label long by itself (a figure's boxes read as a row): cut like a cell
                label, cells = "", [label] + cells
            text = row_text(label, cells)
            if len(text) > max_chars and len(cells) > 1:  # a long row: its label and the cells that answer
                text = row_text(label, [self._window(cells, question, qtype, max_chars, cell_sep(label))])
            if len(text) > max_chars:  # a cell long by itself (a figure's layout read as a table): its pieces
                pieces = cell_pieces(cells, max_chars)
                if len(pieces) > 1:
                    text = row_text(label, [self._window(pieces, question, qtype, max_chars, " ")])
            note = unit_note(chunk) if has_answer_number(text) else ""
            return Pick(cand.hit_no, f"{text} {note}" if note else text, cand.start, cand.end, cand.score)
        text = cand.text.lstrip("-•*ㅇ□ ").strip()
        if len(text) <= max_chars:
            return self._locate(cand, text, source_text)
        parts = [p for p in CLAUSE.split(text) if p and p.strip()]
        return self._locate(cand, self._window(parts, question, qtype, max_chars, " ").strip(" ,"), source_text)

    def _window(self, parts: Sequence[str], question: str, qtype: str, max_chars: int, sep: str) -> str:
        return answering_window(parts, question, qtype, max_chars, sep, self.cfg.window_figure_bonus,
                                 self.cfg.window_length_cost)

    @staticmethod
    def _locate(cand: Candidate, text: str, source_text: str) -> Pick:
        raw = source_text[cand.start:cand.end] if source_text else ""
        at = raw.find(text)
        if at >= 0:
            return Pick(cand.hit_no, text, cand.start + at, cand.start + at + len(text), cand.score)
        return Pick(cand.hit_no, text, cand.start, cand.end, cand.score)

    def focus_passages(self, question: str, hits: list[Hit], max_chars: int = 350) -> list[str]:
        """Each passage cut to its sentences that best match the question (in document order),
        so an LLM reads less: the prompt is most of its cost on a CPU."""
        lang = "ko" if korean.is_korean(question) else "en"
        ranked = self._score(question, self._candidates(question, hits, lang), question_type(question), lang, hits)
        out = []
        for hit_no, hit in enumerate(hits, start=1):
            picked, size = [], 0
            for c in (c for c in ranked if c.hit_no == hit_no):
                if size + len(c.text) > max_chars and picked:
                    break
                picked.append(c)
                size += len(c.text) + 1
            if not picked:
                out.append(hit.chunk.text[:max_chars])
                continue
            out.append(" ".join(c.text for c in sorted(picked, key=lambda c: c.sentence_no)))
        return out

    def answer(self, question: str, hits: list[Hit], source_texts: dict[str, str] | None = None,
               decide: bool = True) -> ExtractiveResult:
        """The best sentences, cited, or an abstention. ``decide=False`` always answers (and still
        reports the confidence): the abstention model is fitted on such answers."""
        lang = "ko" if korean.is_korean(question) else "en"
        qtype = question_type(question)
        ranked = self._score(question, self._candidates(question, hits, lang), qtype, lang, hits)
        if not ranked:
            return ExtractiveResult((), True, False, 0.0, "no passages")
        entities = question_entities(question) if lang == "ko" else []
        need = len(entities)
        listing = bool(LISTING.search(question))
        if need > 1 and listing:
            need = 1  # "A와 B의 ... 각각": each sentence may answer for one of them
        names = self.names.english_names(question) if lang == "en" else []
        with_names = [c for c in ranked if self.names.count(entities, c, hits) >= need] if entities else ranked
        if names:
            with_names = [c for c in with_names
                          if all(any(self.names.mentions(n, c, hits) for n in alts) for alts in names)]
        unit = unit_pattern(question) if qtype == "number" else None

        when = self._asks_when(question)

        def typed(c: Candidate) -> bool:  # a question for a figure is answered by a sentence that states one
            if when:  # and one for a time by a sentence that states a time (a year is a figure too)
                return states_date(c.text)
            if qtype != "number":
                return True
            # in the asked unit, written out or, for a table's row, declared by its table (단위: 억원; 종업원 수)
            return states_figure(c.text, unit, declared_units(hits[c.hit_no - 1].chunk) if "\t" in c.text else ())

        parts = bool(PARTS_Q.search(question))
        shown_chars = self.cfg.parts_sentence_chars if parts else self.max_chars  # how much of a sentence is shown

        def shown_typed(c: Candidate) -> bool:
            """``typed``, and so is the part of it the answer shows (a long sentence's or row's window): a row
            whose other cell has the figure is not an answer when the cell shown has none."""
            if not typed(c):
                return False
            if qtype != "number" or when or not self.cfg.type_shown:
                return True
            chunk = hits[c.hit_no - 1].chunk
            shown = self._clause(c, question, qtype, "", hits, shown_chars)
            return states_figure(shown.text, unit, declared_units(chunk) if chunk.kind == "table" else ())

        # prefer a sentence with the question's names and of the asked type, then one of the asked type in a
        # passage that names them; a missing one lowers the confidence
        pool = [c for c in with_names if typed(c)]
        if not pool and entities and qtype == "number" and self.cfg.typed_in_passage:
            first = {}  # a passage names the entities or not: judged once, on its first candidate
            for c in ranked:
                first.setdefault(c.hit_no, c)
            naming = {n for n, c in first.items() if all(self.names.in_passage(e, c, hits) for e in entities)}
            pool = [c for c in ranked if c.hit_no in naming and typed(c)]
        pool = pool or with_names or [c for c in ranked if typed(c)] or ranked
        best = pool[0]
        nouns = content_nouns(question) if lang == "ko" else []
        # content nouns the corpus never uses: ordinary words of a question's phrasing are often among
        # them, so they lower the confidence; they never decide alone
        missing = [n for n in nouns if n not in self.index.bm25.vocab]
        # a question listing several names is answered one sentence per name: they count in the best passage
        by_passage = listing and len(entities) + len(names) > 1
        features = self._features(question, lang, qtype, entities, names, len(nouns), missing, shown_typed(best),
                                  best, hits, by_passage)
        confidence = self.abstention.probability(features)
        threshold = self.cfg.abstention_threshold if self.cfg.abstention_threshold >= 0 else self.abstention.threshold
        if decide and confidence < threshold and self.cfg.second_chances:
            # the best-scoring sentence may not be the one the documents answer with: the next ones of the asked
            # type are offered to the same model (a how-much question is never answered without a figure)
            for c in [c for c in pool[1:] if typed(c)][:self.cfg.second_chances]:
                f = self._features(question, lang, qtype, entities, names, len(nouns), missing, shown_typed(c), c,
                                   hits, by_passage)
                p = self.abstention.probability(f)
                if p >= threshold:
                    best, features, confidence = c, f, p
                    break
        if decide and confidence < threshold:
            why = self._why(features, confidence, threshold, missing, entities, best, hits, by_passage, question)
            return ExtractiveResult((), True, False, best.score, why, confidence, features)
        chosen = [best]
        docs = {hits[best.hit_no - 1].chunk.doc_id}
        multi = bool(MULTI_Q.search(question))
        cfg = self.cfg
        for c in pool[1:]:
            if len(chosen) >= self.max_sentences:
                break
            doc = hits[c.hit_no - 1].chunk.doc_id
            other_doc = doc not in docs
            # another report's figure for the same thing is wanted even when it ranks lower
            close = c.score >= (cfg.other_doc_ratio if other_doc else cfg.second_ratio) * best.score
            if not close or (c.hit_no, c.sentence_no) in {(x.hit_no, x.sentence_no) for x in chosen}:
                continue
            same_text = any(self._same_statement(c.text, x.text) for x in chosen)
            if same_text:
                continue
            wants_number = qtype != "number" or has_answer_number(c.text)
            on_topic = c.lexical >= cfg.on_topic_ratio * best.lexical  # about the same thing, not merely similar
            if other_doc and qtype == "number" and wants_number and not on_topic:
                # or another report's figure for the best sentence's thing, in that report's words (the
                # overlap that makes two figures a conflict)
                on_topic = subject_overlap(c.text, best.text) >= cfg.conflict_overlap
            if (other_doc and wants_number and on_topic) or (multi and c.score >= cfg.multi_ratio * best.score):
                chosen.append(c)
                docs.add(doc)
        if parts and lang == "ko":
            self._add_sub_answers(chosen, question, hits)
        if parts:
            self._add_parts(chosen, pool, best)
        elif len(chosen) == 1:
            self._add_adjacent(chosen, ranked, best, hits)
        if restates(best.text, question, cfg.restate_novelty):
            self._add_next(chosen, ranked, best)
        elif cfg.add_premise and DEPENDENT.match(best.text):
            self._add_previous(chosen, ranked, best)
        chosen = _distinct(chosen, hits)
        texts = source_texts or {}

        def source_of(hit_no: int) -> str:  # the whole text of the document the passage comes from
            return texts.get(hits[hit_no - 1].chunk.source, "")

        picks = tuple(self._clause(c, question, qtype, source_of(c.hit_no), hits, shown_chars) for c in chosen)
        picks = _join_adjacent(picks, source_of)
        conflict = qtype == "number" and self._conflict(picks, hits)
        if cfg.corroborate:
            picks = tuple(self._corroborated(p, ranked, picks, question, qtype, source_of, hits, shown_chars)
                          for p in picks)
        return ExtractiveResult(picks, False, conflict, best.score, "", confidence, features)

    def _corroborated(self, pick: Pick, ranked: list[Candidate], picks: Sequence[Pick], question: str, qtype: str,
                      source_of: Callable[[int], str], hits: list[Hit], shown_chars: int) -> Pick:
        """The pick with the sentences of other retrieved passages that state the same (``restated``): its
        figures about the same thing, or its words. A reader sees that two reports (or a report's summary and
        its body) agree, and each is a citation to check. One per passage, never a passage the answer already
        quotes, never the same sentence read in an overlapping passage."""
        def region(hit_no: int, start: int, end: int) -> tuple[str, int, int]:
            return hits[hit_no - 1].chunk.source, start, end

        taken = [region(p.hit_no, p.start, p.end) for p in picks]
        quoted = {p.hit_no for p in picks}
        also: dict[int, Pick] = {}
        for c in ranked:
            if c.hit_no in quoted or c.hit_no in also:
                continue
            source, start, end = region(c.hit_no, c.start, c.end)
            if any(s == source and start < e and b < end for s, b, e in taken):
                continue
            other = self._clause(c, question, qtype, source_of(c.hit_no), hits, shown_chars)
            if restated(pick.text, other.text, self.cfg.conflict_overlap):
                also[c.hit_no] = other
                taken.append(region(c.hit_no, other.start, other.end))
        return replace(pick, also=tuple(also[n] for n in sorted(also))) if also else pick

    def _asks_when(self, question: str) -> bool:
        """The question asks for a time, so its sentence must state one (``date_typed``); not a compound question
        one of whose parts asks when (``…언제 배포되었고, … 이유로 설명하였나요?``): its best sentence answers the
        whole, and each part gets a sentence of its own."""
        return self.cfg.date_typed and asks_date(question) and len(sub_questions(question)) == 1

    def _conflict(self, picks: Sequence[Pick], hits: list[Hit]) -> bool:
        """Two picks from two reports give different figures for the same thing (their sentences share
        ``conflict_overlap`` of their content words): a model's training cost and another's query price differ
        without being a conflict."""
        return any(hits[a.hit_no - 1].chunk.doc_id != hits[b.hit_no - 1].chunk.doc_id
                   and numbers_differ([a.text, b.text])
                   and subject_overlap(a.text, b.text) >= self.cfg.conflict_overlap
                   for i, a in enumerate(picks) for b in picks[i + 1:])

    def _features(self, question: str, lang: str, qtype: str, entities: list[str], names: list, nouns: int,
                  missing: list[str], typed: bool, best: Candidate, hits: list[Hit],
                  by_passage: bool = False) -> dict[str, float]:
        """What the abstention model reads (ragqa.answer.abstention.FEATURES). A name counts as found with the
        best sentence (and the one before), or with ``by_passage`` anywhere in its passage: a question that
        lists several names ("A, B, C는 각각") is answered one sentence per name."""
        found = sum(self.names.found(e, best, hits, by_passage) for e in entities) + \
            sum(any(self.names.found(n, best, hits, by_passage) for n in alts) for alts in names)
        wanted = len(entities) + len(names)
        mismatch = self._year_mismatch(best, question, hits)
        return {
            "missing_idf": self._missing_idf(question, best, hits) if lang == "ko" else 0.0,
            "best_score": best.score,
            "lexical": best.lexical,
            "similarity": best.similarity,
            "passage_similarity": max(self._passage_similarity(question, h) for h in self._holding(best, hits)),
            "absent_share": len(missing) / nouns if nouns else 0.0,
            "entity_share": found / wanted if wanted else 1.0,
            "type_match": 1.0 if typed else 0.0,
            "year_mismatch": 1.0 if mismatch else 0.0,
            "english": 1.0 if lang == "en" else 0.0,
            "how_much": 1.0 if qtype == "number" else 0.0,
        }

    @staticmethod
    def _holding(best: Candidate, hits: list[Hit]) -> list[Hit]:
        """The retrieved passages that hold the best sentence: overlapping passages share sentences,
        and the one the sentence was scored in is not always the one about its subject."""
        own = hits[best.hit_no - 1].chunk
        return [h for h in hits if h.chunk.source == own.source and h.chunk.start <= best.start
                and best.end <= h.chunk.end] or [hits[best.hit_no - 1]]

    def _missing_idf(self, question: str, best: Candidate, hits: list[Hit]) -> float:
        """The rarest question term that the best sentence, the one before it and its passage's
        title and section do not contain, as a share of the corpus's highest idf (0 = none missing).
        A near-miss question (another year, an attribute the passage does not give) usually differs
        from an answerable one by one specific, rare term."""
        return max(self._missing_terms(question, best, hits).values(), default=0.0)

    def _missing_terms(self, question: str, best: Candidate, hits: list[Hit]) -> dict[str, float]:
        """The question terms ``_missing_idf`` finds missing, each with its idf as a share of the top one."""
        bm25 = self.index.bm25
        chunk = hits[best.hit_no - 1].chunk
        terms_of = self._sentence_terms(hits[best.hit_no - 1])
        window = terms_of(best.sentence_no) | set(korean.terms(chunk.context))
        if best.sentence_no > 0:
            window |= terms_of(best.sentence_no - 1)
        if chunk.kind == "table":
            window |= set(korean.terms(chunk.text))
        top = float(np.max(bm25.idf))
        return {t: (float(bm25.idf[bm25.vocab[t]]) if t in bm25.vocab else top) / (top or 1.0)
                for t in sorted(set(korean.terms(question)) - window)}

    def _passage_similarity(self, question: str, hit: Hit) -> float:
        """Embedding similarity of the question and the passage (its stored vector)."""
        if self.embedder is None:
            return 0.0
        row = self.index.row_of(hit.chunk)
        vec = self.index.vectors[row] if row is not None else self.embedder.embed_documents([embed_text(hit.chunk)])[0]
        qv = self.embedder.embed_query(question)  # cached: retrieval embedded the same question
        return float(np.dot(np.asarray(qv, np.float32), np.asarray(vec, np.float32)))

    def _why(self, features: dict[str, float], confidence: float, threshold: float, missing: list[str],
             entities: list[str], best: Candidate, hits: list[Hit], by_passage: bool = False,
             question: str = "") -> str:
        """The abstention note: the confidence and what lowered it most, in words (the rarest question term
        the best sentence lacks named, so a reader can tell a missing fact from a question worded otherwise)."""
        said = []
        # the question's type (how_much) is a prior, not a reason the passages give: the two next are named
        for f in [f for f in self.abstention.lowered_by(features, 3) if f != "how_much"][:2]:
            if f == "absent_share" and missing:
                said.append(f"words the documents never use: {', '.join(missing)}")
            elif f == "entity_share" and features["entity_share"] < 1:
                absent = [e for e in entities if not self.names.found(e, best, hits, by_passage)]
                said.append(f"names not found with the best {'passage' if by_passage else 'sentence'}" +
                            (f": {', '.join(absent)}" if absent else ""))
            elif f == "type_match" and not features["type_match"]:
                said.append("no time stated" if self._asks_when(question) else "no figure of the asked kind")
            elif f == "year_mismatch" and features["year_mismatch"]:
                said.append("the sentence gives another year")
            elif f == "missing_idf" and features["missing_idf"] > 0 and question:
                # named, so a reader can tell a fact the passage lacks from a question worded otherwise; the
                # interrogatives count in the feature (fitted so) but no answer writes them: not named
                terms = {t: v for t, v in self._missing_terms(question, best, hits).items() if t not in INTERROGATIVES}
                if terms:
                    rarest = max(terms, key=lambda t: (terms[t], t))
                    # a compound's piece (독자 of 구독자) is named as the missing word it is part of
                    said.append(f"not in or before the best sentence: {max((t for t in terms if rarest in t), key=len)}")
            elif f in ("best_score", "lexical", "similarity", "passage_similarity"):
                said.append("the passages match the question weakly")
        said = list(dict.fromkeys(said))
        return f"confidence {confidence:.2f} below {threshold:.2f}" + (f" ({'; '.join(said)})" if said else "")


def _distinct(chosen: list[Candidate], hits: list[Hit]) -> list[Candidate]:
    """The chosen sentences, each once: overlapping passages share a sentence, so the one sentence can be chosen
    twice under two passages (the best sentence of the whole question and again of one of its parts); the first
    stays. The same words at another place of a document, or in another report, are another statement and stay."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for c in chosen:
        where = (hits[c.hit_no - 1].chunk.source, c.start, c.end)
        if where not in seen:
            seen.add(where)
            out.append(c)
    return out


def _join_adjacent(picks: tuple[Pick, ...], source_of: Callable[[int], str]) -> tuple[Pick, ...]:
    """Picks from one passage that follow each other in the source (only whitespace between) become one
    pick: one quote, one citation span. ``source_of(hit_no)`` is the text the picks' offsets point into. The
    quote is the source's text where both picks read as the source does; where cleaning dropped a markdown
    escape (``25억\\$``) or changed spacing it is the two picks' texts joined. A table row is given as its
    label and cells (``label — cells``), not as written: rows stay apart, one quote each."""
    out: list[Pick] = []
    for p in picks:
        prev = out[-1] if out else None
        source = source_of(p.hit_no)
        if prev is not None and prev.hit_no == p.hit_no and source and prev.start < prev.end <= p.start < p.end \
                and not source[prev.end:p.start].strip():
            raw_prev, raw = source[prev.start:prev.end], source[p.start:p.end]
            if raw_prev == prev.text and raw == p.text:
                text = source[prev.start:p.end]  # as written, the whitespace between included
            elif as_cleaned(raw_prev) == as_cleaned(prev.text) and as_cleaned(raw) == as_cleaned(p.text):
                text = f"{prev.text} {p.text}"
            else:
                text = None
            if text is not None:
                out[-1] = Pick(p.hit_no, text, prev.start, p.end, max(prev.score, p.score))
                continue
        out.append(p)
    return tuple(out)
