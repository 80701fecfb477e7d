"""Measure (not fit, not used by ragqa) whether a question term's weight in the meaning match separates
answerable questions from near-misses beyond the abstention model's features.

A near-miss asks about a real thing with one specific the documents do not give (another year, an attribute:
``메타의 MTIA 칩은 어느 파운드리에서 생산되나?``); its best sentence is about the thing, so the features that
read the match see a good one. The rarest missing term (``missing_idf``) reads the gap by its words' rarity
only. This reads it by meaning: for every word of the question (a whitespace-delimited word) none of whose
terms the answer uses, the question is embedded again without it, and the feature is how much the answer's
similarity to the question rises at the best such removal (``ablation_gain``): a word the question cannot
lose without the answer fitting it better is what the answer lacks. An English question's words are each
tried (the Korean answer shares no words with it), but names and figures the answer writes.

    python eval/fit_abstention.py --reference ../shared/external/allganize-dev --reference-index DIR \\
        --out /tmp/abstention.json --dump runs/abst-features.jsonl
    RAGQA_EMBED_DTYPE=fp32 python eval/measure_term_ablation.py runs/abst-features.jsonl --out runs/ablation.jsonl

Each summary is added alone to the abstention features and scored as ``fit_abstention.py`` scores the shipped
model: each question set predicted by a logistic regression fitted on the others, ROC AUC and the utility at
the best smoothed threshold (unanswerable questions weighted to 20% of all). Tuning split only."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))
from fit_abstention import (choose_threshold, held_out_by_set, standardized,  # noqa: E402
                            unanswerable_weight)
from measure_query_likelihood import question_texts  # noqa: E402

# English function words (a closed class, not the questions' wording): never the specific a question asks
_EN_FUNCTION = frozenset("""a an the of in on at to for from by with about as into over under between and or but
not no is are was were be been being do does did has have had what which who whom whose when where why how much many
that this these those it its their there than then according report reports say says said did does""".split())
_WORD = re.compile(r"\S+")


def removable_words(question: str, answer: str) -> list[tuple[int, int]]:
    """Spans of the question's words whose terms the answer does not use (Korean), or its content words
    but the names and figures the answer writes (English)."""
    from ragqa import korean

    spans = []
    if korean.is_korean(question):
        used = set(korean.terms(answer))
        for m in _WORD.finditer(question):
            terms = set(korean.terms(m.group(0)))
            if terms and not terms & used:
                spans.append(m.span())
    else:
        low = answer.lower()
        for m in re.finditer(r"[A-Za-z0-9][A-Za-z0-9'.\-]*", question):
            word = m.group(0).strip(".'").lower()
            if len(word) < 3 or word in _EN_FUNCTION or word in low:
                continue
            spans.append(m.span())
    return spans


def summaries(embedder, rows: list[dict], questions: dict[str, str]) -> list[dict]:
    model = embedder.model
    for i, r in enumerate(rows, start=1):
        q, a = questions[r["id"]], r["answer"][:600] or "(없음)"
        spans = removable_words(q, a)
        variants = [re.sub(r"\s+", " ", q[:s] + q[e:]).strip() for s, e in spans]
        variants = [v for v in variants if v]
        qv = model.encode_query([q] + variants, normalize_embeddings=True, convert_to_numpy=True)
        av = model.encode_document([a], normalize_embeddings=True, convert_to_numpy=True)[0]
        sims = qv @ av
        gains = sims[1:] - sims[0]
        r["ablation"] = {"ablation_gain": float(gains.max()) if len(gains) else 0.0,
                         "ablation_gain_pos": float(max(gains.max(), 0.0)) if len(gains) else 0.0,
                         "ablated_similarity": float(sims.max()),
                         "removable": float(len(variants))}
        print(f"\rterm ablation: {i}/{len(rows)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    return rows


def score(rows: list[dict], extra: str | None, english_zero: bool = False) -> tuple[float, float, float, float, float]:
    """ROC AUC, threshold, utility, false abstention and abstention on unanswerable, each set held out."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from ragqa.answer.abstention import FEATURES

    def value(r: dict) -> float:
        return 0.0 if english_zero and r["features"]["english"] else r["ablation"][extra]

    X = np.array([[r["features"][f] for f in FEATURES] + ([value(r)] if extra else []) for r in rows], float)
    y = np.array([r["label"] for r in rows])
    answerable = np.array([r["answerable"] for r in rows])
    sets = np.array([r["set"] for r in rows])
    # as fit_abstention scores the shipped model: standardized once, each set predicted by a model fitted on the others
    p = held_out_by_set(lambda: LogisticRegression(C=1.0, max_iter=1000), standardized(X)[0],
                        answerable.astype(int), sets)
    t, u = choose_threshold(p, y, answerable, 0.0, unanswerable_weight(answerable, 0.2))
    answered = p >= t
    return (float(roc_auc_score(answerable, p)), t, u, float(np.mean(~answered[answerable])),
            float(np.mean(~answered[~answerable])))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", type=Path, help="eval/fit_abstention.py --dump output")
    ap.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "external" / "allganize-dev",
                    help="the reference set whose questions the dump holds too")
    ap.add_argument("--out", type=Path, help="also write the rows with their summaries")
    args = ap.parse_args()
    from ragqa.config import Config
    from ragqa.models import load_torch_embedder

    rows = [json.loads(line) for line in args.dump.read_text("utf-8").splitlines() if line.strip()]
    if any("test" in r["set"] for r in rows):
        sys.exit("the dump holds test questions: measure on the tuning split only")
    questions = question_texts(args.reference if args.reference.is_dir() else None)
    rows = [r for r in rows if r["id"] in questions]
    cfg = Config.from_env()
    rows = summaries(load_torch_embedder(cfg.embed, cfg.paths.models_dir), rows, questions)  # reads embedder.model
    if args.out:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(f"{len(rows)} questions; each set held out: ROC AUC, threshold, utility, false abstention, abstention")
    fmt = "{:34s} {:.3f} {:.2f} {:7.1f} {:.3f} {:.3f}"
    print(fmt.format("the abstention features", *score(rows, None)))
    for name in rows[0]["ablation"]:
        print(fmt.format("  + " + name, *score(rows, name)))
        print(fmt.format("  + " + name + " (Korean only)", *score(rows, name, english_zero=True)))


if __name__ == "__main__":
    main()
