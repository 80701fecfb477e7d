"""What the abstention model reads about an answer's best sentence, and the note that says why it refused.

The features (``ragqa.answer.abstention.FEATURES``): the sentence's scores, the passage's similarity, the share of
the question's names found with it, the question's content nouns the corpus never uses, the rarest question term
missing around it, whether it states what the question's type asks (a figure, a time) and the asked year.
"""

from __future__ import annotations

import numpy as np

from ragqa import korean
from ragqa.answer.abstention import AbstentionModel
from ragqa.answer.names import NameChecks
from ragqa.answer.question import INTERROGATIVES, asks_when
from ragqa.answer.scoring import Candidate, SentenceScorer
from ragqa.index.build import embed_text
from ragqa.types import Hit


class Confidence:
    """The features of one answer and the reasons of a refusal, under one index, embedder and abstention model."""

    def __init__(self, scorer: SentenceScorer, names: NameChecks, abstention: AbstentionModel):
        self.scorer = scorer
        self.index = scorer.index
        self.embedder = scorer.embedder
        self.names = names
        self.abstention = abstention

    def features(self, question: str, lang: str, qtype: str, entities: list[str], names: list, nouns: int,
                  missing: list[str], typed: bool, best: Candidate, hits: list[Hit],
                  by_passage: bool = False) -> dict[str, float]:
        """What the abstention model reads (ragqa.answer.abstention.FEATURES). A name counts as found with the
        best sentence (and the one before), or with ``by_passage`` anywhere in its passage: a question that
        lists several names ("A, B, C는 각각") is answered one sentence per name."""
        found = sum(self.names.found(e, best, hits, by_passage) for e in entities) + \
            sum(any(self.names.found(n, best, hits, by_passage) for n in alts) for alts in names)
        wanted = len(entities) + len(names)
        mismatch = self.scorer.year_mismatch(best, question, hits)
        return {
            "missing_idf": self.missing_idf(question, best, hits) if lang == "ko" else 0.0,
            "best_score": best.score,
            "lexical": best.lexical,
            "similarity": best.similarity,
            "passage_similarity": max(self.passage_similarity(question, h) for h in self.holding(best, hits)),
            "absent_share": len(missing) / nouns if nouns else 0.0,
            "entity_share": found / wanted if wanted else 1.0,
            "type_match": 1.0 if typed else 0.0,
            "year_mismatch": 1.0 if mismatch else 0.0,
            "english": 1.0 if lang == "en" else 0.0,
            "how_much": 1.0 if qtype == "number" else 0.0,
        }

    @staticmethod
    def holding(best: Candidate, hits: list[Hit]) -> list[Hit]:
        """The retrieved passages that hold the best sentence: overlapping passages share sentences,
        and the one the sentence was scored in is not always the one about its subject."""
        own = hits[best.hit_no - 1].chunk
        return [h for h in hits if h.chunk.source == own.source and h.chunk.start <= best.start
                and best.end <= h.chunk.end] or [hits[best.hit_no - 1]]

    def missing_idf(self, question: str, best: Candidate, hits: list[Hit]) -> float:
        """The rarest question term that the best sentence, the one before it and its passage's
        title and section do not contain, as a share of the corpus's highest idf (0 = none missing).
        A near-miss question (another year, an attribute the passage does not give) usually differs
        from an answerable one by one specific, rare term."""
        return max(self.missing_terms(question, best, hits).values(), default=0.0)

    def missing_terms(self, question: str, best: Candidate, hits: list[Hit]) -> dict[str, float]:
        """The question terms ``_missing_idf`` finds missing, each with its idf as a share of the top one."""
        bm25 = self.index.bm25
        chunk = hits[best.hit_no - 1].chunk
        terms_of = self.scorer.sentence_terms(hits[best.hit_no - 1])
        window = terms_of(best.sentence_no) | set(korean.terms(chunk.context))
        if best.sentence_no > 0:
            window |= terms_of(best.sentence_no - 1)
        if chunk.kind == "table":
            window |= set(korean.terms(chunk.text))
        top = float(np.max(bm25.idf))
        return {t: (float(bm25.idf[bm25.vocab[t]]) if t in bm25.vocab else top) / (top or 1.0)
                for t in sorted(set(korean.terms(question)) - window)}

    def passage_similarity(self, question: str, hit: Hit) -> float:
        """Embedding similarity of the question and the passage (its stored vector)."""
        if self.embedder is None:
            return 0.0
        row = self.index.row_of(hit.chunk)
        vec = self.index.vectors[row] if row is not None else self.embedder.embed_documents([embed_text(hit.chunk)])[0]
        qv = self.embedder.embed_query(question)  # cached: retrieval embedded the same question
        return float(np.dot(np.asarray(qv, np.float32), np.asarray(vec, np.float32)))

    def why(self, features: dict[str, float], confidence: float, threshold: float, missing: list[str],
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
                when = self.scorer.cfg.date_typed and asks_when(question)
                said.append("no time stated" if when else "no figure of the asked kind")
            elif f == "year_mismatch" and features["year_mismatch"]:
                said.append("the sentence gives another year")
            elif f == "missing_idf" and features["missing_idf"] > 0 and question:
                # named, so a reader can tell a fact the passage lacks from a question worded otherwise; the
                # interrogatives count in the feature (fitted so) but no answer writes them: not named
                terms = {t: v for t, v in self.missing_terms(question, best, hits).items() if t not in INTERROGATIVES}
                if terms:
                    rarest = max(terms, key=lambda t: (terms[t], t))
                    # a compound's piece (독자 of 구독자) is named as the missing word it is part of
                    said.append(f"not in or before the best sentence: {max((t for t in terms if rarest in t), key=len)}")
            elif f in ("best_score", "lexical", "similarity", "passage_similarity"):
                said.append("the passages match the question weakly")
        said = list(dict.fromkeys(said))
        return f"confidence {confidence:.2f} below {threshold:.2f}" + (f" ({'; '.join(said)})" if said else "")
