"""Whether a sentence names what a question is about: the question's entities (a Korean question's names, an
English question's names with their Korean spellings) in any spelling the corpus gives them (its aliases), in the
other script as they sound (:mod:`ragqa.transliteration`), or a country by its other names; in the sentence, the
one before it (which often names the subject), or its passage.

The extractive answerer keeps the sentences that name them and its abstention features count them.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ragqa import glossary, korean, transliteration
from ragqa.aliases import norm
from ragqa.answer.sentences import ANAPHOR, lead_label
from ragqa.config import ExtractiveConfig
from ragqa.index.store import IndexData
from ragqa.types import Hit

if TYPE_CHECKING:
    from ragqa.answer.scoring import Candidate


@functools.lru_cache(maxsize=2048)
def _word_pattern(form: str) -> re.Pattern[str] | None:
    """``form`` (normalized: lower case, no spaces) as written in text, spaces allowed between its characters, not
    run into further Latin letters or digits at a Latin end (digits may follow a letter: HBM in HBM3); None for a
    form that ends in Hangul at both ends (a particle may follow it, and spacing varies)."""
    latin_start, latin_end = bool(re.match(r"[a-z0-9]", form)), bool(re.search(r"[a-z0-9]$", form))
    if not (latin_start or latin_end):
        return None
    body = r"\s*".join(re.escape(ch) for ch in form)
    before = r"(?<![a-z0-9])" if latin_start else ""
    after = (r"(?![0-9a-z]|\.\d)" if form[-1].isdigit() else r"(?![a-z])") if latin_end else ""
    return re.compile(before + body + after, re.I)


def _as_word(form: str, raw: str) -> bool:
    """``form`` is written in ``raw`` as a word of its own where it has a Latin end (see ``_word_pattern``)."""
    pattern = _word_pattern(form)
    return pattern is None or bool(pattern.search(raw))


class NameChecks:
    """The name checks of one index (its aliases) under one configuration."""

    def __init__(self, index: IndexData, cfg: ExtractiveConfig):
        self.index = index
        self.cfg = cfg

    def english_names(self, question: str) -> list[tuple[str, ...]]:
        """The names of an English question, each with its Korean spellings: the glossary's, and for a
        name the glossary lacks, those the corpus pairs with it (``앤스로픽(Anthropic)``)."""
        names = glossary.korean_names(question)
        known = {norm(n) for alts in names for n in alts}
        for m in re.finditer(r"\b[A-Z][0-9A-Za-z\-]*(?:\s[A-Z0-9][0-9A-Za-z\-]*)*", question):
            words = m.group(0).split()
            # the longest run of capitalized words the corpus knows (Denis Yarats, Llama 3), else each word
            spans = [" ".join(words[i:i + n]) for n in range(len(words), 0, -1) for i in range(len(words) - n + 1)]
            for span in spans:
                if glossary.korean_names(span) or not self.index.aliases.known(span):
                    continue
                forms = tuple(sorted(self.index.aliases.forms(span)))
                if not known & set(forms) and not any(norm(span) in k for k in known):
                    names.append(forms)
                    known |= set(forms)
        return names

    def count(self, entities: list[str], cand: Candidate, hits: list[Hit]) -> int:
        return sum(self.present([e], cand, hits) for e in entities)

    def mentions(self, name: str, cand: Candidate, hits: list[Hit]) -> bool:
        return self.present([name], cand, hits)

    def found(self, name: str, cand: Candidate, hits: list[Hit], by_passage: bool) -> bool:
        return self.in_passage(name, cand, hits) if by_passage else self.mentions(name, cand, hits)

    def in_passage(self, name: str, cand: Candidate, hits: list[Hit]) -> bool:
        """The name anywhere in the candidate's passage (its text, context line and section)."""
        chunk = hits[cand.hit_no - 1].chunk
        raw = f"{chunk.text} {chunk.context} {chunk.section}"
        return self.named(name, norm(raw), chunk.text, raw)

    def named(self, name: str, window: str, text: str, raw: str) -> bool:
        """``name`` in ``window`` (normalized) in any spelling the corpus gives it, or in the other script as it
        sounds (맥킨지 for McKinsey, in ``raw``, the window as written), or a country by the other names BM25
        reads as it in ``text``."""
        bounded = self.cfg.latin_name_bounds
        return any(form in window and (not bounded or _as_word(form, raw)) for form in self.index.aliases.forms(name)) \
            or korean.names_country(name, text) or transliteration.written_in(name, raw)

    def present(self, entities: list[str], cand: Candidate, hits: list[Hit]) -> bool:
        chunk = hits[cand.hit_no - 1].chunk
        # the sentence before names the subject; a sentence that refers back ("이 회사는", "이는") may name it
        # further back in its passage
        back = cand.sentence_no if ANAPHOR.match(cand.text) else 1
        if back == 1 and self.cfg.labelled_line_alone and lead_label(cand.text):
            back = 0  # a line led by its own label ("- (분야) ...") is an item beside the one before
        prev = " ".join(s.text for s in chunk.sentences[max(0, cand.sentence_no - back):cand.sentence_no])
        raw = " ".join((prev, cand.text, chunk.context, chunk.section, chunk.text if chunk.kind == "table" else ""))
        window = norm(raw)
        # a name counts in any spelling the corpus gives it (앤스로픽 for Anthropic, 라마3 for Llama 3), and a
        # country by the other names BM25 reads as it in the sentence or the one before (美 in "(美) 2.1→1.5";
        # not in a title such as "韓AI 시사점", which would put the country in every sentence of its document)
        return all(self.named(e, window, prev + " " + cand.text, raw) for e in entities)
