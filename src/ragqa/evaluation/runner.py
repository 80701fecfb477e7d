"""``ragqa eval``: run (or score) a question set and write results, summary and report.

Per question: retrieval metrics over the contexts' spans, correctness (must_include
facts, Korean number normalization), correct-and-concise, faithfulness (claims supported
by their cited passages), citation precision/recall, abstention. Summaries overall and by
type. Answers made elsewhere (``--answers``) are scored the same way without generating.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

from tqdm import tqdm

from ragqa.answer.serialize import quotes_of
from ragqa.evaluation import metrics as M
from ragqa.evaluation.faithfulness import claim_support
from ragqa.evaluation.records import ClaimVerdict, Metrics, QuestionResult, Summary


class QuestionsError(ValueError):
    """A question file with a malformed line or an unverifiable gold quote."""


@dataclass
class Question:
    id: str
    question: str
    type: str = "fact"
    answer: str = ""
    must_include: list[str] = field(default_factory=list)
    gold: list[dict] = field(default_factory=list)
    doc: str = ""  # the gold document, for sets that name it (reference-answer sets)
    page: int | None = None  # the 1-based page holding the evidence, where the set says

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    @property
    def reference_only(self) -> bool:
        """Gold is a reference answer, not facts that must appear: scored by key facts."""
        return bool(self.answer) and not self.must_include and self.answerable


def read_questions(path: Path) -> tuple[list[Question], list[str]]:
    """Questions from a JSONL file; malformed lines are reported by line number and skipped."""
    out, problems = [], []
    with open(path, "rb") as f:
        for no, raw in enumerate(f, start=1):
            try:
                line = raw.decode("utf-8-sig" if no == 1 else "utf-8")
                if not line.strip():
                    continue
                d = json.loads(line)
                if not isinstance(d, dict) or not str(d.get("question", "")).strip():
                    raise ValueError("needs a non-empty 'question'")
                page = d.get("page")
                out.append(Question(str(d.get("id", f"line{no}")), str(d["question"]),
                                    str(d.get("type") or d.get("domain") or "fact"),
                                    str(d.get("answer", "")), list(d.get("must_include") or []),
                                    list(d.get("gold") or []), str(d.get("doc") or ""),
                                    int(page) if isinstance(page, (int, float)) or str(page).isdigit() else None))
            except UnicodeDecodeError as exc:
                problems.append(f"{path.name} line {no}: not UTF-8 ({exc.reason} at byte {exc.start})")
            except (json.JSONDecodeError, ValueError, TypeError) as exc:
                problems.append(f"{path.name} line {no}: {exc}")
    return out, problems


def gold_texts(questions: Iterable[Question], corpus_dir: Path, index_dir: Path | None = None) -> dict[str, str]:
    """The source texts of every document a gold quote (or an alternative) names, as loaded for indexing.

    With ``index_dir``, a document the index's current build was made from ``corpus_dir`` keeps is read
    from the build: the retrieved passages' offsets point into that text, which a new extraction of the
    file may not give (an OCR engine installed since the build)."""
    from ragqa.index import store
    from ragqa.ingest.loaders import load_file

    docs = {item.get("doc", g.get("doc")) for q in questions for g in q.gold for item in [g, *g.get("alt", [])]}
    docs |= {q.doc for q in questions if q.doc}
    kept: dict[str, str] = {}
    if index_dir is not None:
        manifest = store.read_manifest(index_dir) or {}
        built_from = manifest.get("corpus_dir")
        if built_from and Path(built_from).resolve() == Path(corpus_dir).resolve():
            try:
                kept = store.read_texts(index_dir)
            except store.IndexUnavailable:  # a corrupt build: the engine says so when it loads the text
                kept = {}
    return {d: kept[d] if d in kept else load_file(corpus_dir / d)
            for d in sorted(x for x in docs if x) if d in kept or (corpus_dir / d).exists()}


def load_gold(questions: list[Question], corpus_dir: Path, index_dir: Path | None = None) -> dict[str, str]:
    """:func:`gold_texts`, checked: raises :class:`QuestionsError` naming every quote not found verbatim."""
    texts = gold_texts(questions, corpus_dir, index_dir)
    bad = check_quotes(questions, texts)
    if bad:
        raise QuestionsError("the question set does not check out:\n  " + "\n  ".join(bad))
    return texts


def check_quotes(questions: Iterable[Question], texts: dict[str, str]) -> list[str]:
    """Every gold quote (and alternative) must occur verbatim in its source file.

    A reference-answer set's quotes were often cut from another extractor's text: for those, the quote
    must occur with whitespace ignored, and one that does not (an unreadable text layer) is reported on
    stderr and left out of the retrieval metrics, not a reason to refuse the set.
    """
    problems = []
    for q in questions:
        if q.doc and q.doc not in texts:
            problems.append(f"{q.id}: unknown document {q.doc!r}")
        for g in q.gold:
            for item in [g, *g.get("alt", [])]:
                doc = item.get("doc", g.get("doc"))
                if doc not in texts:
                    problems.append(f"{q.id}: unknown document {doc!r}")
                elif item["quote"] in texts[doc]:
                    continue
                elif not q.reference_only:
                    problems.append(f"{q.id}: quote not found in {doc}: {item['quote'][:60]!r}")
                elif not M.loose_quote_spans(doc, item["quote"], texts):
                    print(f"warning: {q.id}: gold quote not in the text of {doc} (whitespace ignored); "
                          "left out of the retrieval metrics", file=sys.stderr)
    return problems


def _reference_gold(gold: list[dict], texts: dict[str, str]) -> list[M.Requirement]:
    """Gold of a reference-answer set: each quote where it occurs, whitespace ignored; absent ones dropped."""
    out = []
    for g in gold:
        spans = [s for item in [g, *g.get("alt", [])]
                 for s in M.loose_quote_spans(item.get("doc", g.get("doc")), item["quote"], texts)]
        if spans:
            out.append(tuple(spans))
    return out


def _located(passages: list[dict]) -> list[dict]:
    """The passages that say where they are (a source and offsets): the ones span metrics can score."""
    return [p for p in passages if "source" in p and "start" in p]


def located_spans(passages: list[dict]) -> list[M.Span]:
    """The spans of the passages (or gold records) that say where they are."""
    return [M.Span(p["source"], int(p["start"]), int(p["end"])) for p in _located(passages)]


def quoted_spans(citations: list[dict]) -> list[list[M.Span]]:
    """Each located citation's quotes (its whole span where an answer file gives no quotes): the text it
    claims to rest on, without what lies between two quotes from one passage."""
    return [[M.Span(c["source"], int(q["start"]), int(q["end"])) for q in quotes_of(c)] for c in _located(citations)]


class Scores(NamedTuple):
    metrics: Metrics
    claims: list[ClaimVerdict]
    evidence: list[dict]


def _evidence(gold: list[M.Requirement], texts: dict[str, str], limit: int = 400) -> list[dict]:
    """The located gold spans as records a reviewer can read (each span's text cut at ``limit``)."""
    return [{"requirement": i, "source": s.source, "start": s.start, "end": s.end,
             "text": texts.get(s.source, "")[s.start:min(s.end, s.start + limit)]}
            for i, req in enumerate(gold) for s in req]


def score_one(q: Question, result: dict, texts: dict[str, str], embedder=None) -> Scores:
    """Metrics of one answer in the ``ask --json`` format (or with only answer and cited texts)."""
    if q.reference_only:
        gold = _reference_gold(q.gold, texts)
    else:
        gold = M.resolve_quotes(q.gold, texts) if q.gold else []
    contexts = located_spans(result.get("contexts") or [])
    quoted = quoted_spans(result.get("citations") or [])
    cited = [span for quotes in quoted for span in quotes]
    answer = result.get("answer") or ""
    abstained = bool(result.get("abstained"))
    m: dict[str, float | int | None] = {}
    if q.answerable:
        m["hit@1"] = M.hit_at_k(contexts, gold, 1) if contexts else M.NAN
        m["hit@5"] = M.hit_at_k(contexts, gold, 5) if contexts else M.NAN
        m["recall@5"] = M.recall_at_k(contexts, gold, 5) if contexts else M.NAN
        m["mrr"] = M.mrr(contexts, gold) if contexts else M.NAN
        m["ndcg@5"] = M.ndcg_at_k(contexts, gold, 5) if contexts else M.NAN
        m["gold_rank"] = M.gold_rank(contexts, gold) if contexts else None
        if q.must_include and contexts:
            passages = [p.get("text", "") for p in _located(result.get("contexts") or [])]
            m["answer@1"] = M.answer_hit_at_k(contexts, passages, gold, q.must_include, 1)
            m["answer@5"] = M.answer_hit_at_k(contexts, passages, gold, q.must_include, 5)
        m["correct"] = 0.0 if abstained else M.correct(answer, q.must_include)
        m["correct_concise"] = 0.0 if abstained else M.correct_and_concise(answer, q.must_include, q.type)
        m["false_abstention"] = 1.0 if abstained else 0.0
        # the share of citations with a quote on a gold passage
        m["citation_precision"] = (sum(1 for quotes in quoted
                                       if any(c.overlaps(s) for c in quotes for req in gold for s in req)) /
                                   len(quoted)) if quoted and gold else M.NAN
        m["citation_recall"] = M.recall_at_k(cited, gold, len(cited)) if cited and gold else (0.0 if gold else M.NAN)
        # an answer with at least one citation on a gold passage (over the answers given, not the refusals)
        m["citation_hit"] = M.hit_at_k(cited, gold, len(cited)) if cited and gold and not abstained else M.NAN
    else:
        m["abstention_accuracy"] = 1.0 if abstained else 0.0
    if q.reference_only:  # no facts that must appear: scored by the reference answer's key facts instead
        m["correct"] = m["correct_concise"] = M.NAN
        m.update(reference_metrics(q, result, answer, abstained))
    # a claim is judged against the passage it cites (title, section and text), not only the
    # highlighted span: a table row's column names are in the passage, not in the row
    by_n = {int(c.get("n", i + 1)): c for i, c in enumerate(result.get("contexts") or [])}
    passages = {}
    for i, c in enumerate(result.get("citations") or []):
        n = int(c.get("n", i + 1))
        ctx = by_n.get(n, {})
        passages[n] = "\n".join(x for x in (c.get("title", ""), c.get("section", ""), ctx.get("text", ""),
                                            c.get("text", "")) if x)
    claims = [] if abstained else claim_support(answer, passages, embedder)
    m["claims"] = len(claims)
    m["supported_claims"] = sum(1 for c in claims if c.supported)
    m["faithfulness"] = (m["supported_claims"] / len(claims)) if claims else M.NAN
    m["answer_chars"] = len(answer)
    return Scores(m, claims, _evidence(gold, texts))


def reference_metrics(q: Question, result: dict, answer: str, abstained: bool) -> dict[str, float]:
    """Scores against a reference answer: key facts, and whether the gold document and page were found."""
    contexts = (result.get("contexts") or [])[:5]
    citations = result.get("citations") or []
    m = {
        "key_fact_recall": 0.0 if abstained else M.key_fact_recall(answer, q.answer, q.question),
        "key_fact_precision": M.NAN if abstained else M.key_fact_precision(answer, q.answer, q.question),
    }
    if q.doc:
        m["gold_doc@5"] = float(any(c.get("source") == q.doc for c in contexts)) if contexts else M.NAN
        m["citation_in_gold_doc"] = (sum(c.get("source") == q.doc for c in citations) / len(citations)
                                     if citations else M.NAN)
        if q.page is not None:
            m["gold_page@5"] = float(any(c.get("source") == q.doc and c.get("page") == q.page for c in contexts)) \
                if contexts else M.NAN
    return m


def summarize(rows: list[QuestionResult]) -> Summary:
    def agg(subset: list[QuestionResult]) -> Metrics:
        keys = {k for r in subset for k, v in r.metrics.items() if isinstance(v, (int, float)) and v is not None}
        out = {k: M.mean([float(r.metrics[k]) for r in subset if isinstance(r.metrics.get(k), (int, float))])
               for k in sorted(keys) if k not in ("gold_rank", "claims", "supported_claims", "answer_chars")}
        claims = sum(r.metrics.get("claims", 0) for r in subset)
        out["faithfulness_overall"] = (sum(r.metrics.get("supported_claims", 0) for r in subset) / claims
                                       if claims else M.NAN)
        lengths = [r.metrics["answer_chars"] for r in subset if not r.abstained]
        out["answer_chars_median"] = statistics.median(lengths) if lengths else M.NAN
        lat = [r.timings_ms.get("total", M.NAN) for r in subset if r.timings_ms]
        lat = [x for x in lat if not math.isnan(x)]
        if lat:
            lat.sort()
            out["latency_ms_p50"] = lat[len(lat) // 2]
            out["latency_ms_p95"] = lat[min(len(lat) - 1, int(0.95 * len(lat)))]
        out["n"] = len(subset)
        return out

    by_type: dict[str, list[QuestionResult]] = {}
    for r in rows:
        by_type.setdefault(r.type, []).append(r)
    return Summary(agg(rows), {t: agg(v) for t, v in sorted(by_type.items())})


def run(questions: list[Question], texts: dict[str, str], answer_fn, embedder=None, progress: bool = True
        ) -> list[QuestionResult]:
    """Answer (via ``answer_fn(question) -> ask-json dict``) and score every question."""
    rows = []
    for q in tqdm(questions, desc="eval", unit="q", file=sys.stderr, disable=not progress):
        t0 = time.perf_counter()
        try:
            result = answer_fn(q)
        except Exception as exc:  # one failing question never stops the batch
            result = {"answer": "", "abstained": True, "citations": [], "contexts": [], "error": str(exc)}
        scores = score_one(q, result, texts, embedder)
        rows.append(QuestionResult(
            q.id, q.type, q.question, result.get("answer", ""), bool(result.get("abstained")), scores.metrics,
            scores.claims, gold_answer=q.answer, must_include=q.must_include, backend=result.get("backend", ""),
            citations=result.get("citations", []), contexts=result.get("contexts", []),
            unsupported=result.get("unsupported", []), notes=result.get("notes", []),
            timings_ms=result.get("timings_ms") or {"total": (time.perf_counter() - t0) * 1000},
            error=result.get("error"), confidence=result.get("confidence"), evidence=scores.evidence))
    return rows


def write(out_dir: Path, rows: list[QuestionResult], summary: Summary, config: dict) -> None:
    from ragqa.evaluation.report import render_html  # report imports labels, never this module

    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / "results.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(strict_json(r.to_json()) + "\n")
    (out_dir / "summary.json").write_text(strict_json({"summary": summary.to_json(), "config": config}, indent=1),
                                          "utf-8")
    (out_dir / "report.html").write_text(render_html(rows, summary, config), "utf-8")


def finite(value):
    """``value`` with every NaN or infinity replaced by None (JSON has no NaN: a metric that is
    undefined for a question is ``null``)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def strict_json(value, indent: int | None = None) -> str:
    """Valid JSON for any parser: NaN and infinities become null (``allow_nan=False`` proves it)."""
    return json.dumps(finite(value), ensure_ascii=False, indent=indent, allow_nan=False, default=str)
