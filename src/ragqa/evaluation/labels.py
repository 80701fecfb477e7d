"""What an evaluation reports: the headline metrics and the names of the ways an answer fails.

Shared by the runner, the HTML report and the UI, so that a failure is called the same
everywhere (English in files, Korean in the UI).
"""

from __future__ import annotations

import math

HEADLINE = ("hit@1", "answer@1", "recall@5", "mrr", "correct", "correct_concise", "faithfulness",
            "citation_precision", "citation_hit", "abstention_accuracy", "key_fact_recall", "key_fact_precision",
            "gold_doc@5", "gold_page@5", "false_abstention", "answer_chars_median")

# code -> (English, Korean), most serious first
FAILURES: dict[str, tuple[str, str]] = {
    "should_abstain": ("should abstain", "답하지 말았어야 함"),
    "false_abstention": ("false abstention", "잘못된 답변 거부"),
    "incorrect": ("incorrect", "오답"),
    "too_long": ("too long", "너무 김"),
    "unsupported_claim": ("unsupported claim", "근거 없는 주장"),
}


def _is(value, target: float) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value == target


def failures(metrics: dict) -> list[str]:
    """The failure codes of one scored question (empty when it passed)."""
    out = []
    if _is(metrics.get("abstention_accuracy"), 0.0):
        out.append("should_abstain")
    if _is(metrics.get("false_abstention"), 1.0):
        out.append("false_abstention")
    elif _is(metrics.get("correct"), 0.0):
        out.append("incorrect")
    elif _is(metrics.get("correct_concise"), 0.0):
        out.append("too_long")
    faith = metrics.get("faithfulness")
    if isinstance(faith, (int, float)) and math.isfinite(faith) and faith < 1.0:
        out.append("unsupported_claim")
    return out


def failure_label(metrics: dict, lang: str = "en") -> str:
    """``"incorrect, unsupported claim"`` (or the Korean names); ``ok`` when nothing failed."""
    col = 0 if lang == "en" else 1
    return ", ".join(FAILURES[c][col] for c in failures(metrics)) or "ok"
