"""Metrics as small pure functions: retrieval over spans, answer correctness with Korean
number normalization, conciseness, abstention. NaN where a metric is undefined (a
retrieval metric of an unanswerable question), never a silent 0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from ragqa.numbers import numbers_in, parse_korean_number  # noqa: F401  (re-exported for metric users)

NAN = float("nan")


@dataclass(frozen=True)
class Span:
    source: str
    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        return self.source == other.source and self.start < other.end and other.start < self.end


Requirement = tuple[Span, ...]  # one gold passage: every place that states it (quote + alternatives)


def quote_spans(doc: str, quote: str, texts: dict[str, str]) -> list[Span]:
    """Every occurrence of ``quote`` in ``doc``; unknown documents and absent quotes raise."""
    text = texts.get(doc)
    if text is None:
        raise KeyError(f"gold document {doc!r} is not in the corpus")
    spans, at = [], text.find(quote)
    while at >= 0 and quote:
        spans.append(Span(doc, at, at + len(quote)))
        at = text.find(quote, at + 1)
    if not spans:
        raise ValueError(f"gold quote not found in {doc}: {quote[:60]!r}")
    return spans


def resolve_quotes(gold: Sequence[dict], texts: dict[str, str]) -> list[Requirement]:
    """Gold entries -> requirements. An entry is ``{"doc", "quote", "alt": [{"doc", "quote"}, ...]}``:
    the passage it names may be found at any occurrence of the quote or of an alternative
    (a fact stated both in a report's summary and in its body)."""
    out = []
    for g in gold:
        spans = quote_spans(g["doc"], g["quote"], texts)
        for alt in g.get("alt", ()):
            spans.extend(quote_spans(alt.get("doc", g["doc"]), alt["quote"], texts))
        out.append(tuple(spans))
    return out


def _covers(passage: Span, requirement: Requirement) -> bool:
    return any(passage.overlaps(s) for s in requirement)


def _relevant(passage: Span, gold: Sequence[Requirement]) -> bool:
    return any(_covers(passage, req) for req in gold)


def hit_at_k(retrieved: Sequence[Span], gold: Sequence[Requirement], k: int) -> float:
    if not gold:
        return NAN
    return 1.0 if any(_relevant(p, gold) for p in retrieved[:k]) else 0.0


def recall_at_k(retrieved: Sequence[Span], gold: Sequence[Requirement], k: int) -> float:
    """Share of gold passages overlapped by at least one of the top ``k``."""
    if not gold:
        return NAN
    return sum(1 for req in gold if any(_covers(p, req) for p in retrieved[:k])) / len(gold)


def mrr(retrieved: Sequence[Span], gold: Sequence[Requirement]) -> float:
    if not gold:
        return NAN
    for rank, p in enumerate(retrieved, start=1):
        if _relevant(p, gold):
            return 1.0 / rank
    return 0.0


def ndcg_at_k(retrieved: Sequence[Span], gold: Sequence[Requirement], k: int) -> float:
    """Binary-relevance nDCG: a passage is relevant when it covers a gold passage that no
    higher-ranked passage covered (so a duplicate cannot push nDCG above 1)."""
    if not gold:
        return NAN
    covered: set[int] = set()
    dcg = 0.0
    for i, p in enumerate(retrieved[:k]):
        new = {j for j, req in enumerate(gold) if j not in covered and _covers(p, req)}
        if new:  # a passage gains only for a gold passage not already found higher up
            covered |= new
            dcg += 1.0 / math.log2(i + 2)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(gold), k)))
    return dcg / ideal if ideal else NAN


def gold_rank(retrieved: Sequence[Span], gold: Sequence[Requirement]) -> int | None:
    for rank, p in enumerate(retrieved, start=1):
        if _relevant(p, gold):
            return rank
    return None


def answer_hit_at_k(retrieved: Sequence[Span], passages: Sequence[str], gold: Sequence[Requirement],
                    must_include: Sequence[str], k: int) -> float:
    """hit@k with a passage that states the answer counted as found (DPR's retrieval accuracy): one of the
    top ``k`` overlaps a gold quote, or its text holds every ``must_include`` fact (``fact_present``). The
    reports repeat a fact (a report's summary and body, two reports on one event), and a question's gold
    names the one passage it was written from; this counts the others. Lenient: a short figure or name can
    occur in a passage that does not answer, so it bounds hit@k from above and does not replace it.
    NaN without gold or facts."""
    if not gold or not must_include:
        return NAN
    for span, text in list(zip(retrieved, passages))[:k]:
        if _relevant(span, gold) or all(fact_present(f, text) for f in must_include):
            return 1.0
    return 0.0


def _norm_text(text: str) -> str:
    text = text.replace("퍼센트", "%").replace("％", "%")
    return re.sub(r"[\s'\"‘’“”()\[\]·,]", "", text).lower()


def fact_present(fact: str, answer: str) -> bool:
    """A ``must_include`` fact is in the answer: as text, or as the same number.

    Numbers compare by value, so ``13.9억`` matches ``13억9천만`` and ``1,737`` matches
    ``1737``; a fact that is text (a name) must appear verbatim, spacing and quotes ignored.
    """
    if _norm_text(fact) in _norm_text(answer):
        return True
    fact_numbers = numbers_in(fact)
    if not fact_numbers:
        return False
    answer_numbers = numbers_in(answer.replace("−", "-"))
    return all(any(math.isclose(f, a, rel_tol=1e-9, abs_tol=1e-9) for a in answer_numbers) for f in fact_numbers)


def correct(answer: str, must_include: Sequence[str]) -> float:
    """1.0 when every ``must_include`` fact is present; NaN when there are none."""
    if not must_include:
        return NAN
    return 1.0 if all(fact_present(f, answer) for f in must_include) else 0.0


CONCISE_LIMIT = {"multi": 700, "multi-document": 700, "conflict": 700}


def concise_limit(qtype: str) -> int:
    return CONCISE_LIMIT.get(qtype, 400)


def correct_and_concise(answer: str, must_include: Sequence[str], qtype: str) -> float:
    c = correct(answer, must_include)
    if math.isnan(c):
        return NAN
    return c if len(answer) <= concise_limit(qtype) else 0.0


def mean(values: Sequence[float]) -> float:
    vals = [v for v in values if not math.isnan(v)]
    return sum(vals) / len(vals) if vals else NAN


def abstention_tradeoff(items: Sequence[tuple[float | None, bool, bool]], step: float = 0.05
                        ) -> list[tuple[float, float, float]]:
    """(threshold, false abstention, abstention on unanswerable) as an abstention threshold moves from
    0 to 1 over the answers' confidences. ``items`` are (confidence, answerable, abstained); one
    without a confidence (nothing retrieved) keeps the abstention it had at every threshold."""
    items = list(items)
    answerable = [(c, a) for c, ok, a in items if ok]
    unanswerable = [(c, a) for c, ok, a in items if not ok]

    def share(group: list, t: float) -> float:
        return sum((c < t) if c is not None else a for c, a in group) / len(group) if group else NAN

    thresholds = [round(i * step, 4) for i in range(int(round(1 / step)) + 1)]
    return [(t, share(answerable, t), share(unanswerable, t)) for t in thresholds]


# -- sets whose gold is a reference answer (no must_include) -------------------------------------------

_KEY_TAGS = ("NNG", "NNP", "SL", "SH", "XR", "VV", "VA")  # content morphemes; numbers are compared by value


def key_facts(text: str) -> tuple[set[str], list[float]]:
    """The key facts of a text: its content morphemes (nouns, names, verb and adjective stems) and its
    numbers (by value, Korean units normalized: ``1,000억원`` = ``1000억``)."""
    from ragqa.korean import kiwi

    morphemes = {t.form.lower() for t in kiwi().tokenize(text) if str(t.tag).split("-")[0] in _KEY_TAGS}
    return morphemes, numbers_in(text.replace("−", "-"))


def _number_in(value: float, numbers: Sequence[float]) -> bool:
    return any(math.isclose(value, n, rel_tol=1e-9, abs_tol=1e-9) for n in numbers)


def fact_items(facts_of: str, found_in: str, question: str = "") -> list[tuple[str, bool]]:
    """``facts_of``'s key facts beyond the question's, each with whether ``found_in`` states it: the
    morphemes in sorted order, then the numbers as often as written (by value)."""
    mine_m, mine_n = key_facts(facts_of)
    q_m, q_n = key_facts(question) if question else (set(), [])
    mine_m -= q_m
    mine_n = [n for n in mine_n if not _number_in(n, q_n)]
    if not mine_m and not mine_n:
        return []
    other_m, other_n = key_facts(found_in)
    return ([(m, m in other_m) for m in sorted(mine_m)] +
            [(_number_label(n), _number_in(n, other_n)) for n in mine_n])


def _number_label(n: float) -> str:
    """A number as compared, for a reader: ``2023``, ``1,390,000,000`` (13억9천만), ``24.2``."""
    if n.is_integer() and abs(n) < 1e18:
        return str(int(n)) if 1000 <= abs(n) < 10000 else f"{int(n):,}"
    return f"{n:g}"


def _fact_overlap(facts_of: str, found_in: str, question: str) -> float:
    """Share of ``facts_of``'s key facts beyond the question's that ``found_in`` states (NaN: none)."""
    items = fact_items(facts_of, found_in, question)
    return sum(found for _, found in items) / len(items) if items else NAN


def key_fact_recall(answer: str, reference: str, question: str = "") -> float:
    """Share of the reference answer's key facts the answer states. Facts the question itself states
    are left out of both sides: repeating the question is not answering it. NaN without a reference."""
    return _fact_overlap(reference, answer, question)


def key_fact_precision(answer: str, reference: str, question: str = "") -> float:
    """Share of the answer's key facts (beyond the question's) that the reference answer states."""
    return _fact_overlap(answer, reference, question)


_SPACE = re.compile(r"\s+")


def loose_quote_spans(doc: str, quote: str, texts: dict[str, str]) -> list[Span]:
    """Occurrences of ``quote`` in ``doc`` with whitespace ignored (a quote cut from another extractor's
    text differs in spacing and line breaks); [] when absent."""
    text = texts.get(doc)
    if text is None or not quote.strip():
        return []
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    squashed = "".join(text[i] for i in keep)
    needle = _SPACE.sub("", quote)
    spans, at = [], squashed.find(needle)
    while at >= 0:
        spans.append(Span(doc, keep[at], keep[at + len(needle) - 1] + 1))
        at = squashed.find(needle, at + 1)
    return spans
