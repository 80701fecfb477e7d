"""A self-contained HTML report: tables, inline SVG plots, per-question rows. No network assets."""

from __future__ import annotations

import html
import json
import math

from ragqa.evaluation import metrics as M
from ragqa.evaluation import review
from ragqa.evaluation.labels import HEADLINE, failure_label, failures
from ragqa.evaluation.records import QuestionResult, Summary


def _fmt(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}" if v <= 1.0 else f"{v:.0f}"
    return html.escape(str(v))


def _bars(title: str, items: list[tuple[str, float]], width: int = 460, scale: float | None = None) -> str:
    items = [(k, v) for k, v in items if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if not items:
        return ""
    top = scale or max(v for _, v in items) or 1.0
    row, pad = 22, 150
    h = row * len(items) + 30
    parts = [f'<svg width="{width}" height="{h}" role="img" aria-label="{html.escape(title)}">',
             f'<text x="0" y="14" font-weight="bold">{html.escape(title)}</text>']
    for i, (label, v) in enumerate(items):
        y = 24 + i * row
        w = max(1, int((width - pad - 50) * min(v / top, 1.0)))
        parts.append(f'<text x="0" y="{y + 13}" font-size="12">{html.escape(label)}</text>'
                     f'<rect x="{pad}" y="{y}" width="{w}" height="15" fill="#3b6fb6"/>'
                     f'<text x="{pad + w + 4}" y="{y + 12}" font-size="12">{_fmt(v)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _histogram(title: str, values: list[float], bins: list[float]) -> str:
    counts = [0] * (len(bins) - 1)
    for v in values:
        for i in range(len(bins) - 1):
            if bins[i] <= v < bins[i + 1]:
                counts[i] += 1
                break
    labels = [f"{bins[i]:.0f}–{bins[i + 1]:.0f}" if bins[i + 1] != float("inf") else f"≥{bins[i]:.0f}"
              for i in range(len(bins) - 1)]
    return _bars(title, list(zip(labels, [float(c) for c in counts])))


def tradeoff(rows: list[QuestionResult], step: float = 0.05) -> list[tuple[float, float, float]]:
    """The abstention trade-off of a run (:func:`ragqa.evaluation.metrics.abstention_tradeoff`); empty
    when no answer has a confidence (LLM backends)."""
    if not any(r.confidence is not None for r in rows):
        return []
    return M.abstention_tradeoff([(r.confidence, r.type != "unanswerable", r.abstained) for r in rows], step)


def _tradeoff_plot(points: list[tuple[float, float, float]], size: int = 300) -> str:
    pts = [(t, fa, ab) for t, fa, ab in points if not (math.isnan(fa) or math.isnan(ab))]
    if not pts:
        return ""
    pad = 40
    x = lambda v: pad + v * (size - pad - 10)  # noqa: E731
    y = lambda v: size - pad - v * (size - pad - 10)  # noqa: E731
    line = " ".join(f"{x(fa):.1f},{y(ab):.1f}" for _, fa, ab in pts)
    parts = [f'<svg width="{size + 20}" height="{size + 20}" role="img" aria-label="abstention trade-off">',
             '<text x="0" y="14" font-weight="bold">abstention trade-off (threshold 0 → 1)</text>',
             f'<line x1="{pad}" y1="{y(0)}" x2="{x(1)}" y2="{y(0)}" stroke="#333"/>',
             f'<line x1="{pad}" y1="{y(0)}" x2="{pad}" y2="{y(1)}" stroke="#333"/>',
             f'<text x="{pad}" y="{size - 8}" font-size="11">false abstention (answerable questions) →</text>',
             f'<text x="4" y="{y(1) - 4}" font-size="11">abstention on unanswerable ↑</text>',
             f'<polyline fill="none" stroke="#3b6fb6" stroke-width="2" points="{line}"/>']
    for t, fa, ab in pts:
        if abs(t * 5 - round(t * 5)) < 1e-9:  # label every 0.2
            parts.append(f'<circle cx="{x(fa):.1f}" cy="{y(ab):.1f}" r="3" fill="#b63b3b"/>'
                         f'<text x="{x(fa) + 5:.1f}" y="{y(ab) + 12:.1f}" font-size="10">{t:.1f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(rows: list[QuestionResult], summary: Summary, config: dict) -> str:
    overall = summary.overall
    by_type = summary.by_type
    extra = ["false_abstention", "citation_recall", "ndcg@5", "answer_chars_median", "latency_ms_p50", "latency_ms_p95"]
    metrics = list(dict.fromkeys(m for m in (*HEADLINE, *extra) if m in overall))  # what this set defines
    head = "".join(f"<th>{html.escape(m)}</th>" for m in metrics)
    table = [f"<tr><th>type</th><th>n</th>{head}</tr>",
             "<tr><td><b>overall</b></td><td>" + _fmt(overall.get("n")) + "</td>" +
             "".join(f"<td>{_fmt(overall.get(m))}</td>" for m in metrics) + "</tr>"]
    for t, agg in by_type.items():
        table.append(f"<tr><td>{html.escape(t)}</td><td>{_fmt(agg.get('n'))}</td>" +
                     "".join(f"<td>{_fmt(agg.get(m))}</td>" for m in metrics) + "</tr>")
    ranks = [r.metrics.get("gold_rank") for r in rows if r.metrics.get("hit@1") is not None]
    rank_counts = [(str(k), float(sum(1 for x in ranks if x == k))) for k in (1, 2, 3, 4, 5)]
    rank_counts.append(("not in top 5", float(sum(1 for x in ranks if x is None))))
    latencies = [r.timings_ms.get("total", 0.0) for r in rows if r.timings_ms]
    plots = "".join([
        _bars("correct & concise by type", [(t, a.get("correct_concise")) for t, a in by_type.items()], scale=1.0),
        _bars("faithfulness by type", [(t, a.get("faithfulness")) for t, a in by_type.items()], scale=1.0),
        _bars("hit@1 by type", [(t, a.get("hit@1")) for t, a in by_type.items()], scale=1.0),
        _bars("rank of the first gold passage", rank_counts),
        _tradeoff_plot(tradeoff(rows)),
        _histogram("latency per question (ms)", latencies, [0, 250, 500, 1000, 2000, 5000, float("inf")]),
        _histogram("answer length (characters)", [r.metrics["answer_chars"] for r in rows],
                   [0, 100, 200, 400, 700, float("inf")]),
    ])
    items = []
    for r in rows:
        failed = failures(r.metrics)
        items.append(
            f'<tr class="{"fail" if failed else "ok"}" data-type="{html.escape(r.type)}">'
            f"<td>{html.escape(r.id)}</td><td>{html.escape(r.type)}</td>"
            f"<td>{html.escape(r.question)}</td><td>{html.escape(r.answer).replace(chr(10), '<br>')}"
            f"<details><summary>review: facts, sentences, citations, gold</summary>{review.render_html(r)}</details></td>"
            f"<td>{html.escape(r.gold_answer)}</td><td>{_fmt(r.metrics.get('gold_rank'))}</td>"
            f"<td>{html.escape(failure_label(r.metrics))}</td></tr>")
    cfg = html.escape(json.dumps(config, ensure_ascii=False, indent=1, default=str))
    return f"""<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>ragqa eval report</title>
<style>body{{font-family:sans-serif;margin:1.5em;max-width:1400px}}table{{border-collapse:collapse;font-size:13px}}
td,th{{border:1px solid #ccc;padding:3px 6px;vertical-align:top}}tr.fail td{{background:#fff3f0}}
.plots{{display:flex;flex-wrap:wrap;gap:24px}}.rq-ok{{color:#17803d}}.rq-bad{{color:#c0392b}}
.rq-meta{{color:#666;font-size:12px}}</style></head><body>
<h1>ragqa evaluation</h1>
<h2>Metrics by question type</h2><table>{''.join(table)}</table>
<h2>Plots</h2><div class="plots">{plots}</div>
<h2>Questions</h2>
<p><label><input type="checkbox" id="failed"> failed only</label>
<select id="type"><option value="">all types</option>{''.join(f'<option>{html.escape(t)}</option>' for t in by_type)}</select></p>
<table id="rows"><tr><th>id</th><th>type</th><th>question</th><th>answer</th><th>gold</th><th>gold rank</th><th>what failed</th></tr>
{''.join(items)}</table>
<h2>Configuration</h2><pre>{cfg}</pre>
<script>
function f(){{const fo=document.getElementById('failed').checked,t=document.getElementById('type').value;
document.querySelectorAll('#rows tr[data-type]').forEach(r=>{{r.style.display=((!fo||r.classList.contains('fail'))&&(!t||r.dataset.type===t))?'':'none'}})}}
document.getElementById('failed').onchange=f;document.getElementById('type').onchange=f;
</script></body></html>"""
