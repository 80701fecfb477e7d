"""Typed records of an evaluation: one claim's verdict, one question's result, the summary.

Metric values stay a name -> value map (which metrics apply depends on the question's type;
NaN where a metric is undefined for it). ``to_json`` gives the shape written to
``results.jsonl`` and ``summary.json`` (see :func:`ragqa.evaluation.runner.strict_json`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

Metrics = dict[str, float | int | None]


@dataclass(frozen=True)
class ClaimVerdict:
    """One sentence of an answer against the passages it cites."""

    claim: str
    cited: tuple[int, ...]
    supported: bool
    numbers_ok: bool = False
    term_overlap: float = 0.0


@dataclass
class QuestionResult:
    """One question: what was asked, what was answered (the ``ask --json`` passages), its scores."""

    id: str
    type: str
    question: str
    answer: str
    abstained: bool
    metrics: Metrics
    claims: list[ClaimVerdict] = field(default_factory=list)
    gold_answer: str = ""
    must_include: list[str] = field(default_factory=list)
    backend: str = ""
    citations: list[dict] = field(default_factory=list)  # passages P of the JSON contract
    contexts: list[dict] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    confidence: float | None = None  # the abstention model's probability (extractive backend)
    # where the gold is: every located span of each gold passage, {"requirement", "source", "start", "end",
    # "text"} (``requirement`` numbers the gold passage; its alternatives share it)
    evidence: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Summary:
    """Aggregates over all questions and by question type (NaN where undefined)."""

    overall: Metrics
    by_type: dict[str, Metrics]

    def to_json(self) -> dict:
        return {"overall": self.overall, "by_type": self.by_type}
