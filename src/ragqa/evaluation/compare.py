"""Two evaluation runs of one question set side by side: what a change moved, question by question.

A metric's mean moves when a few answers change; whoever made the change needs which ones, in which direction,
and whether the balance could be chance. ``compare`` reads two ``ragqa eval`` output folders (``summary.json``,
``results.jsonl``) and pairs their questions by id: the metrics before and after (overall and by type), the
questions that now pass and the ones that now fail (a failure being what the report calls one), the answers that
changed without changing the verdict, and a two-sided sign test over the gained and lost questions.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ragqa.evaluation.labels import HEADLINE, failure_label, failures


class RunError(ValueError):
    """A folder that is not a readable ``ragqa eval`` output."""


@dataclass(frozen=True)
class Moved:
    """One question whose answer or verdict differs between the runs."""

    id: str
    type: str
    question: str
    before: str  # the failure label ("ok" when it passed)
    after: str
    answer_before: str
    answer_after: str


@dataclass(frozen=True)
class Comparison:
    before: str
    after: str
    metrics: dict[str, dict[str, tuple[float | None, float | None]]]  # "overall" or a type -> metric -> (a, b)
    paired: int  # questions in both runs
    gained: list[Moved] = field(default_factory=list)  # failed before, pass now
    lost: list[Moved] = field(default_factory=list)  # passed before, fail now
    changed: list[Moved] = field(default_factory=list)  # another answer (or failure), the same pass or fail
    only_before: list[str] = field(default_factory=list)
    only_after: list[str] = field(default_factory=list)

    @property
    def sign_test_p(self) -> float:
        """Two-sided exact sign test of gained against lost (1.0 when nothing moved): how often a balance at least
        this uneven comes from answers that moved at random."""
        n, k = len(self.gained) + len(self.lost), min(len(self.gained), len(self.lost))
        if n == 0:
            return 1.0
        return min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n)


def read_run(folder: Path) -> tuple[dict, dict[str, dict]]:
    """A run's summary (overall and by type) and its results by question id."""
    folder = Path(folder)
    try:
        summary = json.loads((folder / "summary.json").read_text("utf-8"))["summary"]
        rows = {}
        with open(folder / "results.jsonl", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    rows[str(row["id"])] = row
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise RunError(f"{folder} is not a ragqa eval output (summary.json and results.jsonl): {exc}") from exc
    return summary, rows


def _value(v) -> float | None:
    return float(v) if isinstance(v, (int, float)) and math.isfinite(v) else None


def _verdict(metrics: dict) -> str:
    """The failure label, with the key-fact recall of a reference-answer question (which has no pass or fail)."""
    recall = _value(metrics.get("key_fact_recall"))
    return failure_label(metrics) + ("" if recall is None else f" (key facts {recall:.2f})")


def compare(before: Path, after: Path) -> Comparison:
    sa, ra = read_run(before)
    sb, rb = read_run(after)
    groups = {"overall": (sa.get("overall", {}), sb.get("overall", {}))}
    for t in sorted(set(sa.get("by_type", {})) | set(sb.get("by_type", {}))):
        groups[t] = (sa.get("by_type", {}).get(t, {}), sb.get("by_type", {}).get(t, {}))
    metrics = {g: {m: (_value(a.get(m)), _value(b.get(m))) for m in HEADLINE if m in a or m in b}
               for g, (a, b) in groups.items()}
    gained, lost, changed = [], [], []
    for qid in [q for q in ra if q in rb]:
        a, b = ra[qid], rb[qid]
        fa, fb = failures(a.get("metrics", {})), failures(b.get("metrics", {}))
        if a.get("answer") == b.get("answer") and bool(a.get("abstained")) == bool(b.get("abstained")) and fa == fb:
            continue
        moved = Moved(qid, b.get("type", ""), b.get("question", ""), _verdict(a.get("metrics", {})),
                      _verdict(b.get("metrics", {})), a.get("answer", ""), b.get("answer", ""))
        (gained if fa and not fb else lost if fb and not fa else changed).append(moved)
    return Comparison(str(before), str(after), metrics, sum(q in rb for q in ra), gained, lost, changed,
                      [q for q in ra if q not in rb], [q for q in rb if q not in ra])


def _num(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}" if abs(v) <= 1.0 else f"{v:.0f}"


def _delta(a: float | None, b: float | None) -> str:
    return "" if a is None or b is None or a == b else f"{b - a:+.3f}" if abs(b - a) < 1.0 else f"{b - a:+.0f}"


def render_text(c: Comparison, width: int = 100) -> str:
    """The comparison as a terminal reads it: metrics with their change, then each moved question."""
    out = [f"{c.before} -> {c.after}: {c.paired} questions in both; {len(c.gained)} now pass, {len(c.lost)} now fail, "
           f"{len(c.changed)} answered otherwise with the same verdict"]
    if not c.paired:
        out.append("no question in common: runs of different question sets, only their means compare")
    elif c.only_before or c.only_after:
        out.append(f"not paired: {len(c.only_before)} only before, {len(c.only_after)} only after")
    out.append(f"{'':22}{'before':>9}{'after':>9}{'change':>9}")
    for m, (a, b) in c.metrics["overall"].items():
        out.append(f"{m:22}{_num(a):>9}{_num(b):>9}{_delta(a, b):>9}")
    moved_types = [(t, v) for t, v in c.metrics.items() if t != "overall" and any(a != b for a, b in v.values())]
    for t, v in moved_types:
        out.append(f"[{t}] " + ", ".join(f"{m} {_num(a)} -> {_num(b)}" for m, (a, b) in v.items() if a != b))
    for title, items in (("now pass", c.gained), ("now fail", c.lost), ("answered otherwise", c.changed)):
        if items:
            out.append(f"{title} ({len(items)}):")
            out.extend(f"  {m.id} [{m.type}] {m.before} -> {m.after}: {m.question}"[:width] for m in items)
    if c.gained or c.lost:
        out.append(f"sign test, {len(c.gained)} gained against {len(c.lost)} lost: p = {c.sign_test_p:.3f}")
    return "\n".join(out)


def to_json(c: Comparison) -> dict:
    return {**asdict(c), "metrics": {g: {m: list(v) for m, v in ms.items()} for g, ms in c.metrics.items()},
            "sign_test_p": c.sign_test_p}
