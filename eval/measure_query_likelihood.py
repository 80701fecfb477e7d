"""Measure (not fit, not used by ragqa) whether the local LLM's query likelihood separates answerable questions
from near-misses beyond the abstention model's features.

For each row of a feature dump of ``eval/fit_abstention.py --dump`` (the tuning split, answered with abstention
off), Qwen2.5-1.5B (the provisioned GGUF, llama-cpp-python) scores the question's tokens after the chosen answer
sentences and after an empty passage; the per-token difference (a pointwise mutual information, the signal of
unsupervised passage re-ranking, UPR) is summarized by its mean, minimum, 10th percentile and negative share.
Each summary is then added alone to the abstention features and scored as the abstention fit scores them:
ROC AUC of a logistic regression with each random-passage question set predicted by a model fitted on the others.

    python eval/fit_abstention.py --reference ../shared/external/allganize-dev --reference-index DIR \\
        --dump runs/abstention-features.jsonl
    python eval/measure_query_likelihood.py runs/abstention-features.jsonl --out runs/query-likelihood.jsonl

Measured 2026-12-03 (docs/history.md, "Measured next"): no summary moved the held-out-set AUC up (base 0.914).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))
PROMPT = "다음 글을 읽고 질문을 쓰시오.\n\n글: {passage}\n\n질문:"
RANDOM_SETS = ("tuning_random", "tuning_random2", "tuning_random3", "tuning_tables")


def question_texts(reference: Path | None) -> dict[str, str]:
    from fit_abstention import TUNING_SETS, read_all

    paths = list(TUNING_SETS) + ([reference / "questions.jsonl"] if reference else [])
    return {q.id: q.question for q in read_all(paths)}


def scores(llm, rows: list[dict], questions: dict[str, str], progress: bool = True) -> list[dict]:
    def logprobs(prefix: list[int], target: list[int]) -> np.ndarray:
        tokens = prefix + target
        llm.reset()
        llm.eval(tokens)
        logits = np.asarray(llm.scores[:len(tokens)], dtype=np.float64)
        out = []
        for j in range(len(prefix), len(tokens)):
            row = logits[j - 1]
            top = row.max()
            out.append(row[tokens[j]] - top - np.log(np.exp(row - top).sum()))
        return np.array(out)

    def tok(text: str) -> list[int]:
        return llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    empty = tok(PROMPT.format(passage="(없음)"))
    for i, r in enumerate(rows, start=1):
        target = tok(" " + questions[r["id"]])
        pmi = logprobs(tok(PROMPT.format(passage=r["answer"][:600])), target) - logprobs(empty, target)
        r["query_likelihood"] = {"pmi_mean": float(pmi.mean()), "pmi_min": float(pmi.min()),
                                 "pmi_p10": float(np.percentile(pmi, 10)),
                                 "pmi_negative": float(np.clip(pmi, None, 0).sum() / len(pmi))}
        if progress:
            print(f"\rquery likelihood: {i}/{len(rows)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    return rows


def held_out_auc(rows: list[dict], extra: str | None) -> float:
    """ROC AUC on the random-passage sets, each predicted by a model fitted on every other set."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from ragqa.answer.abstention import FEATURES

    X = np.array([[r["features"][f] for f in FEATURES] + ([r["query_likelihood"][extra]] if extra else [])
                  for r in rows], float)
    y = np.array([r["answerable"] for r in rows], int)
    sets = np.array([r["set"] for r in rows])
    p = np.full(len(rows), np.nan)
    for s in RANDOM_SETS:
        train, test = sets != s, sets == s
        mean, sd = X[train].mean(0), X[train].std(0)
        sd[sd == 0] = 1
        model = LogisticRegression(max_iter=1000).fit((X[train] - mean) / sd, y[train])
        p[test] = model.predict_proba((X[test] - mean) / sd)[:, 1]
    held = np.isin(sets, RANDOM_SETS)
    return float(roc_auc_score(y[held], p[held]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", type=Path, help="eval/fit_abstention.py --dump output")
    ap.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "external" / "allganize-dev",
                    help="the reference set whose questions the dump holds too")
    ap.add_argument("--model", type=Path, default=ROOT / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
    ap.add_argument("--out", type=Path, help="also write the rows with their query-likelihood summaries")
    args = ap.parse_args()
    from llama_cpp import Llama

    rows = [json.loads(line) for line in args.dump.read_text("utf-8").splitlines() if line.strip()]
    questions = question_texts(args.reference if args.reference.is_dir() else None)
    rows = [r for r in rows if r["id"] in questions]
    llm = Llama(model_path=str(args.model), n_ctx=2048, logits_all=True, verbose=False)
    rows = scores(llm, rows, questions)
    if args.out:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(f"held-out-set ROC AUC, the abstention features: {held_out_auc(rows, None):.3f}")
    for name in rows[0]["query_likelihood"]:
        print(f"  + {name:14s} {held_out_auc(rows, name):.3f}")


if __name__ == "__main__":
    main()
