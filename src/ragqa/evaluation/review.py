"""One evaluated question laid out for whoever checks it.

Which facts the answer had to state and which it does, which of its sentences the cited passages support,
whether each citation lands on a gold passage, where the gold is and at what rank retrieval found it, and
why a refusal was made. The 평가 tab and the HTML report show the same review (Korean in the UI, English
in files), read from the result alone: nothing is answered or scored again.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ragqa.answer.serialize import quoted_text
from ragqa.evaluation import metrics as M
from ragqa.evaluation.labels import failure_label
from ragqa.evaluation.records import ClaimVerdict, QuestionResult
from ragqa.evaluation.runner import located_spans, quoted_spans


@dataclass(frozen=True)
class CitationCheck:
    """A citation of the answer and whether one of its quotes overlaps a gold span."""

    n: int
    source: str
    title: str
    page: int | None
    section: str
    quote: str
    on_gold: bool | None  # None: the question has no located gold to compare with


@dataclass(frozen=True)
class Review:
    facts: list[tuple[str, bool]]  # each fact the answer is scored on, stated or not
    facts_kind: str  # "must_include", "key_facts" (a reference answer's) or "" (none)
    claims: list[ClaimVerdict]
    citations: list[CitationCheck]
    evidence: list[dict]  # the first located span of each gold passage
    gold_rank: int | None


def review(r: QuestionResult) -> Review:
    gold = located_spans(r.evidence)
    citations = []
    for i, c in enumerate(r.citations):
        quotes = next(iter(quoted_spans([c])), [])  # the scoring's own reading of what a citation quotes
        on_gold = any(q.overlaps(g) for q in quotes for g in gold) if gold else None
        citations.append(CitationCheck(int(c.get("n", i + 1)), c.get("source", ""), c.get("title", ""),
                                       c.get("page"), c.get("section", ""), quoted_text(c), on_gold))
    if r.must_include:
        facts, kind = [(f, not r.abstained and M.fact_present(f, r.answer)) for f in r.must_include], "must_include"
    elif r.gold_answer and r.type != "unanswerable":
        facts = [(f, found and not r.abstained) for f, found in M.fact_items(r.gold_answer, r.answer, r.question)]
        kind = "key_facts" if facts else ""
    else:
        facts, kind = [], ""
    firsts = {}
    for e in r.evidence:
        firsts.setdefault(e.get("requirement", 0), e)
    rank = r.metrics.get("gold_rank")
    return Review(facts, kind, list(r.claims), citations, list(firsts.values()),
                  int(rank) if isinstance(rank, (int, float)) else None)


# label -> (English, Korean)
_LABELS = {
    "must_include": ("Facts the answer must state", "답에 있어야 할 사실"),
    "key_facts": ("Key facts of the reference answer", "참고 답의 핵심 사실"),
    "stated": ("stated", "있음"),
    "missing": ("missing", "없음"),
    "claims": ("Answer sentences against their citations", "답 문장과 인용 근거"),
    "supported": ("supported", "뒷받침됨"),
    "unsupported": ("not supported by what it cites", "인용이 뒷받침하지 않음"),
    "citations": ("Citations", "인용"),
    "on_gold": ("on a gold passage", "정답 근거에 닿음"),
    "off_gold": ("not on a gold passage", "정답 근거 밖"),
    "evidence": ("Gold passages", "정답 근거"),
    "rank": ("first retrieved at rank {}", "검색 {}위에서 처음 찾음"),
    "unranked": ("not among the retrieved passages", "검색된 문단에 없음"),
    "no_gold": ("no gold passage located in this corpus", "이 문서 모음에서 정답 근거를 찾지 못함"),
    "refused": ("Refused", "답변 거부"),
    "confidence": ("confidence", "확신도"),
    "answer": ("Answer", "답변"),
    "gold": ("Gold answer", "정답"),
    "verdict": ("Result", "결과"),
    "page": ("p. {}", "{}쪽"),
}


def _t(key: str, lang: str) -> str:
    return _LABELS[key][0 if lang == "en" else 1]


def _esc(text) -> str:
    return html.escape(str(text or ""))


def _mark(ok: bool) -> str:
    return '<span class="rq-ok">✔</span>' if ok else '<span class="rq-bad">✘</span>'


def render_html(r: QuestionResult, lang: str = "en") -> str:
    """The review as an HTML fragment (classes ``rq-ok`` / ``rq-bad`` mark each check)."""
    rv = review(r)
    out = [f"<div class='rq-review'><p><b>{_esc(r.question)}</b> <span class='rq-meta'>{_esc(r.id)} · "
           f"{_esc(r.type)} · {_t('verdict', lang)}: {_esc(failure_label(r.metrics, lang))}</span></p>"]
    if r.abstained:
        conf = (f" ({_t('confidence', lang)} {r.confidence:.2f})" if isinstance(r.confidence, (int, float)) else "")
        out.append(f"<p>{_mark(r.type == 'unanswerable')} <b>{_t('refused', lang)}</b>{conf}: "
                   f"{_esc(r.answer)}</p>")
        if r.notes:
            out.append("<ul>" + "".join(f"<li>{_esc(n)}</li>" for n in r.notes) + "</ul>")
    else:
        out.append(f"<p><b>{_t('answer', lang)}</b>: {_esc(r.answer).replace(chr(10), '<br>')}</p>")
    if r.gold_answer:
        out.append(f"<p class='rq-meta'>{_t('gold', lang)}: {_esc(r.gold_answer)}</p>")
    if rv.facts:
        out.append(f"<p><b>{_t(rv.facts_kind, lang)}</b>: " + ", ".join(
            f"{_mark(ok)} {_esc(f)} ({_t('stated' if ok else 'missing', lang)})" for f, ok in rv.facts) + "</p>")
    if rv.claims:
        out.append(f"<p><b>{_t('claims', lang)}</b></p><ul>" + "".join(
            f"<li>{_mark(c.supported)} {_esc(c.claim)} <span class='rq-meta'>"
            f"{''.join(f'[{n}]' for n in c.cited)} {_t('supported' if c.supported else 'unsupported', lang)}"
            f"</span></li>" for c in rv.claims) + "</ul>")
    if rv.citations:
        items = []
        for c in rv.citations:
            where = " · ".join(x for x in (c.source, _t("page", lang).format(c.page) if c.page else "", c.section) if x)
            gold = "" if c.on_gold is None else f"{_mark(c.on_gold)} {_t('on_gold' if c.on_gold else 'off_gold', lang)} "
            items.append(f"<li>[{c.n}] {gold}<span class='rq-meta'>{_esc(where)}</span><br>{_esc(c.quote)}</li>")
        out.append(f"<p><b>{_t('citations', lang)}</b></p><ul>{''.join(items)}</ul>")
    if r.type != "unanswerable" and (rv.evidence or r.must_include or r.gold_answer):
        rank = _t("rank", lang).format(rv.gold_rank) if rv.gold_rank else _t("unranked", lang)
        if rv.evidence:
            out.append(f"<p><b>{_t('evidence', lang)}</b> <span class='rq-meta'>{rank}</span></p><ul>" + "".join(
                f"<li><span class='rq-meta'>{_esc(e['source'])} {e['start']}–{e['end']}</span><br>{_esc(e['text'])}"
                f"</li>" for e in rv.evidence) + "</ul>")
        else:
            out.append(f"<p class='rq-meta'>{_t('evidence', lang)}: {_t('no_gold', lang)}</p>")
    out.append("</div>")
    return "".join(out)
