"""The extractive answerer: it generates nothing, so it cannot invent.

It scores every sentence of the retrieved passages against the question (Kiwi term
coverage weighted by idf, embedding similarity, the passage's rank, and the question's
type: a number for 얼마/몇/규모, a name for 누구/어디/어느), keeps the best sentence (cut
to the clause that answers when it is long), adds sentences from other documents when
they give the asked figure too (a conflict is stated as one), and cites each.
"""

from __future__ import annotations

from dataclasses import dataclass

from ragqa import korean
from ragqa.answer.abstention import AbstentionModel, load_model
from ragqa.answer.compose import Composer, Pick, distinct, join_adjacent
from ragqa.answer.confidence import Confidence
from ragqa.answer.names import NameChecks
from ragqa.answer.question import INTERROGATIVES, LISTING, asks_parts, asks_several, asks_when, content_nouns, \
    question_entities, question_type, unit_pattern
from ragqa.answer.scoring import Candidate, SentenceScorer
from ragqa.answer.sentences import (DEPENDENT, figures_comparable, has_answer_number, restates, states_date,
                                    states_figure, subject_overlap)
from ragqa.config import ExtractiveConfig, RetrievalConfig
from ragqa.index.store import IndexData
from ragqa.tables import declared_units
from ragqa.types import Hit

__all__ = ["Candidate", "ExtractiveAnswerer", "ExtractiveResult", "Pick"]


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
        self.embedder = embedder
        self.max_sentences = max_sentences
        self.cfg = cfg or ExtractiveConfig()
        self.max_chars = self.cfg.max_chars
        self.abstention = abstention or load_model(self.cfg.abstention_model)
        self.names = NameChecks(index, self.cfg)
        self.scorer = SentenceScorer(index, embedder, self.cfg)
        self.compose = Composer(self.scorer, self.cfg, self.max_chars, duplicate_containment)
        self.confidence = Confidence(self.scorer, self.names, self.abstention)

    def focus_passages(self, question: str, hits: list[Hit], max_chars: int = 350) -> list[str]:
        """Each passage cut to its sentences that best match the question (in document order),
        so an LLM reads less: the prompt is most of its cost on a CPU."""
        lang = "ko" if korean.is_korean(question) else "en"
        ranked = self.scorer.ranked(question, hits, lang)
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
        ranked = self.scorer.ranked(question, hits, lang, qtype)
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

        when = self.cfg.date_typed and asks_when(question)

        def typed(c: Candidate) -> bool:  # a question for a figure is answered by a sentence that states one
            if when:  # and one for a time by a sentence that states a time (a year is a figure too)
                return states_date(c.text)
            if qtype != "number":
                return True
            # in the asked unit, written out or, for a table's row, declared by its table (단위: 억원; 종업원 수)
            return states_figure(c.text, unit, declared_units(hits[c.hit_no - 1].chunk) if "\t" in c.text else ())

        parts = asks_parts(question, qtype, self.cfg.relation_is_one_figure)
        shown_chars = self.cfg.parts_sentence_chars if parts else self.max_chars  # how much of a sentence is shown

        def shown_typed(c: Candidate) -> bool:
            """``typed``, and so is the part of it the answer shows (a long sentence's or row's window): a row
            whose other cell has the figure is not an answer when the cell shown has none."""
            if not typed(c):
                return False
            if qtype != "number" or when or not self.cfg.type_shown:
                return True
            chunk = hits[c.hit_no - 1].chunk
            shown = self.compose.clause(c, question, qtype, "", hits, shown_chars)
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
        # (Kiwi reads the interrogatives 얼마 and 며칠 as nouns: a document that never writes them, a statute or a
        # bank's guide, lacks nothing the question asks; they stay in the count, as the model was fitted)
        missing = [n for n in nouns if n not in self.index.bm25.vocab and n not in INTERROGATIVES]
        # a question listing several names is answered one sentence per name: they count in the best passage
        by_passage = listing and len(entities) + len(names) > 1

        def features_of(c: Candidate) -> dict[str, float]:
            return self.confidence.features(question, lang, qtype, entities, names, len(nouns), missing,
                                            shown_typed(c), c, hits, by_passage)

        features = features_of(best)
        confidence = self.abstention.probability(features)
        threshold = self.cfg.abstention_threshold if self.cfg.abstention_threshold >= 0 else self.abstention.threshold
        if decide and confidence < threshold and self.cfg.second_chances:
            # the best-scoring sentence may not be the one the documents answer with: the next ones of the asked
            # type are offered to the same model (a how-much question is never answered without a figure)
            for c in [c for c in pool[1:] if typed(c)][:self.cfg.second_chances]:
                f = features_of(c)
                p = self.abstention.probability(f)
                if p >= threshold:
                    best, features, confidence = c, f, p
                    break
        if decide and confidence < threshold:
            why = self.confidence.why(features, confidence, threshold, missing, entities, best, hits, by_passage,
                                      question)
            return ExtractiveResult((), True, False, best.score, why, confidence, features)
        chosen = [best]
        docs = {hits[best.hit_no - 1].chunk.doc_id}
        multi = asks_several(question, qtype, self.cfg.relation_is_one_figure)
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
            same_text = any(self.compose.same_statement(c.text, x.text) for x in chosen)
            if same_text:
                continue
            # another report's figure: of the best sentence's kind (a count is not answered by a duration)
            wants_number = qtype != "number" or (has_answer_number(c.text) and figures_comparable(best.text, c.text))
            # about the same thing, not merely similar: sharing the best sentence's share of the question's terms;
            # an English question shares few terms with Korean text (its names and figures), so there the two
            # sentences' own words decide, as for another report's figure below
            english = lang == "en" and cfg.english_topic_by_overlap
            on_topic = not english and c.lexical >= cfg.on_topic_ratio * best.lexical
            if other_doc and (qtype == "number" or english) and wants_number and not on_topic:
                # or another report's figure for the best sentence's thing, in that report's words (the
                # overlap that makes two figures a conflict)
                on_topic = subject_overlap(c.text, best.text) >= cfg.conflict_overlap
            if (other_doc and wants_number and on_topic) or (multi and c.score >= cfg.multi_ratio * best.score):
                chosen.append(c)
                docs.add(doc)
        if parts and lang == "ko":
            self.compose.add_sub_answers(chosen, question, hits)
        if parts:
            self.compose.add_parts(chosen, pool, best)
        elif len(chosen) == 1:
            self.compose.add_adjacent(chosen, ranked, best, hits)
        if restates(best.text, question, cfg.restate_novelty):
            self.compose.add_next(chosen, ranked, best)
        elif cfg.add_premise and DEPENDENT.match(best.text):
            self.compose.add_previous(chosen, ranked, best)
        chosen = distinct(chosen, hits)
        texts = source_texts or {}

        def source_of(hit_no: int) -> str:  # the whole text of the document the passage comes from
            return texts.get(hits[hit_no - 1].chunk.source, "")

        picks = tuple(self.compose.clause(c, question, qtype, source_of(c.hit_no), hits, shown_chars) for c in chosen)
        picks = join_adjacent(picks, source_of)
        conflict = qtype == "number" and self.compose.conflict(picks, hits)
        if cfg.corroborate:
            picks = tuple(self.compose.corroborated(p, ranked, picks, question, qtype, source_of, hits, shown_chars)
                          for p in picks)
        return ExtractiveResult(picks, False, conflict, best.score, "", confidence, features)
