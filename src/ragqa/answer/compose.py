"""Composing the extractive answer from scored sentences: which further sentences join the best one (another
report's figure, the parts of a compound question, a neighbour, the premise of a contrast, what follows a heading
that restates the question), each cut to the clause or table cells that answer, located in its source, joined with
the next when they follow each other there, and cited beside the other passages that state the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Sequence

from ragqa import aliases
from ragqa.answer.question import sub_questions
from ragqa.answer.scoring import Candidate, SentenceScorer
from ragqa.answer.sentences import (CLAUSE, answering_window, as_cleaned, cell_pieces, figure_table,
                                    figures_conflict, has_answer_number, restated, subject_overlap)
from ragqa.config import ExtractiveConfig, RetrievalConfig
from ragqa.numbers import numbers_in
from ragqa.retrieval import fusion
from ragqa.tables import cell_sep, row_cells, row_text, unit_note
from ragqa.types import Hit

# the marks that open a list item (a bullet, an arrow leading a conclusion, any shape of Unicode's arrows, geometric
# shapes, symbols and dingbats blocks, as ``ingest.wraps.NEW_ITEM`` reads them): layout, not words, so an answer's
# sentence is given without them. Not ※, 《, a circled number or a parenthesis: they say what follows is a note, a
# title, a statute's paragraph ①, an item's label; nor a sign before a figure (``-3.5%``, ``△0.5``: minus in Korean
# accounts and tables, ``▲`` plus).
BULLET = re.compile(r"^(?:(?:[-△▲▽▼](?![\d.,])|[•·∙‧ㅇ■□◦￭*\u2190-\u21ff\u25a0-\u25b1\u25b4-\u25bb\u25be-\u25ff"
                    r"\u2600-\u27bf\uf000-\uf0ff])\s*)+")


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



class Composer:
    """The answer's sentences and their quotes under one configuration."""

    def __init__(self, scorer: SentenceScorer, cfg: ExtractiveConfig | None = None, max_chars: int | None = None,
                 duplicate_containment: float = RetrievalConfig.duplicate_containment):
        self.scorer = scorer
        self.cfg = cfg or ExtractiveConfig()
        self.max_chars = max_chars or self.cfg.max_chars
        self.duplicate_containment = duplicate_containment  # retrieval's test of one text repeated

    def add_parts(self, chosen: list[Candidate], pool: list[Candidate], best: Candidate) -> None:
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

    def same_statement(self, a: str, b: str) -> bool:
        """``a`` says what ``b`` says: one holds the other (spaces and case aside), or nearly (retrieval's duplicate
        test: ``최저자본금:`` / ``최소자본금:`` lines of two reports, a table extracted twice) with the same figures.
        Another figure is never the same statement: that is a conflict to show."""
        na, nb = aliases.norm(a), aliases.norm(b)
        if na in nb or nb in na:
            return True
        return set(numbers_in(a)) == set(numbers_in(b)) and \
            fusion.containment(fusion.shingles(a), fusion.shingles(b)) >= self.duplicate_containment

    def add_sub_answers(self, chosen: list[Candidate], question: str, hits: list[Hit]) -> None:
        """For a compound question, the best sentence for each question it joins, scored as a question of
        its own: the whole question's best sentence often answers one of them only, and the sentences
        scoring close to it answer the same one again."""
        subs = sub_questions(question)
        if len(subs) < 2:
            return
        for sub in subs:
            if len(chosen) >= self.cfg.parts_max_sentences:
                break
            ranked = self.scorer.ranked(sub, hits, "ko")
            if ranked and (ranked[0].hit_no, ranked[0].sentence_no) not in \
                    {(x.hit_no, x.sentence_no) for x in chosen}:
                chosen.append(ranked[0])

    def add_adjacent(self, chosen: list[Candidate], ranked: list[Candidate], best: Candidate,
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

    def add_previous(self, chosen: list[Candidate], ranked: list[Candidate], best: Candidate) -> None:
        """The sentence before the best one, whatever it scores, when the best one opens on a connective of
        contrast or consequence (``그러나 많은 고객은 …``, ``따라서 …``): it holds the premise or the other half of
        the contrast. Within adjacent_max_chars, as the adjacent sentence. (A back-reference, ``이 회사는``,
        is not enough: the sentence before seldom names what it refers to.)"""
        before = next((c for c in ranked if c.hit_no == best.hit_no and c.sentence_no == best.sentence_no - 1), None)
        if before is not None and before not in chosen and \
                len(before.text) + len(best.text) <= self.cfg.adjacent_max_chars:
            chosen.insert(chosen.index(best), before)

    def add_next(self, chosen: list[Candidate], ranked: list[Candidate], best: Candidate) -> None:
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

    def clause(self, cand: Candidate, question: str, qtype: str, source_text: str, hits: list[Hit],
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
        text = BULLET.sub("", cand.text).strip()
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

    def corroborated(self, pick: Pick, ranked: list[Candidate], picks: Sequence[Pick], question: str, qtype: str,
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
            other = self.clause(c, question, qtype, source_of(c.hit_no), hits, shown_chars)
            if restated(pick.text, other.text, self.cfg.conflict_overlap):
                also[c.hit_no] = other
                taken.append(region(c.hit_no, other.start, other.end))
        return replace(pick, also=tuple(also[n] for n in sorted(also))) if also else pick

    def conflict(self, picks: Sequence[Pick], hits: list[Hit]) -> bool:
        """Two picks from two reports give different figures of one kind (``figures_conflict``: a count and a
        duration are not) for the same thing (their sentences share ``conflict_overlap`` of their content words):
        a model's training cost and another's query price differ without being a conflict."""
        return any(hits[a.hit_no - 1].chunk.doc_id != hits[b.hit_no - 1].chunk.doc_id
                   and figures_conflict(a.text, b.text)
                   and subject_overlap(a.text, b.text) >= self.cfg.conflict_overlap
                   for i, a in enumerate(picks) for b in picks[i + 1:])


def distinct(chosen: list[Candidate], hits: list[Hit]) -> list[Candidate]:
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


def join_adjacent(picks: tuple[Pick, ...], source_of: Callable[[int], str]) -> tuple[Pick, ...]:
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
