"""Whether to answer: one calibrated decision instead of a chain of vetoes.

The extractive answerer describes its best answer with a few features (how well the sentence and
its passage match the question, the share of the question's names and content words the corpus
has, whether the answer is of the asked type). A logistic regression fitted on the tuning split
(``eval/fit_abstention.py``) turns them into the probability that the answer is correct; below
the fitted threshold the answerer says the documents do not give it. A missing name or unit
lowers the probability; no single feature decides alone.

The coefficients live in ``abstention.json`` beside this module (plain JSON: nothing pickled),
with the command and the data that produced them.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("abstention.json")

# The features, in the order of the coefficients. Each is in [0, 1] or a similarity / score.
FEATURES = (
    "best_score",  # the chosen sentence's combined score (lexical, dense, type and year terms)
    "lexical",  # idf-weighted share of the question's terms in the sentence (and its context)
    "similarity",  # embedding similarity of the question and the sentence
    "passage_similarity",  # embedding similarity of the question and the passage holding the sentence (the best
    #                        of the retrieved passages that hold it: overlapping passages share sentences)
    "absent_share",  # share of the question's content nouns the corpus never uses
    "entity_share",  # share of the question's names found around the sentence (aliases count)
    "type_match",  # 1 when a number (with the asked unit) answers a how-much question; else 1 if not asked
    "year_mismatch",  # 1 when the sentence gives years but not the asked one
    "english",  # 1 for a question in English (answered from Korean text)
    "missing_idf",  # the rarest question term missing around the sentence, as a share of the top idf
    "how_much",  # 1 for a question that asks for a figure (얼마, 몇, how many): a prior of the question's type
)


@dataclass(frozen=True)
class AbstentionModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    provenance: dict

    @classmethod
    def load(cls, path: Path | str | None = None) -> "AbstentionModel":
        path = Path(path) if path else DEFAULT_PATH
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RuntimeError(f"cannot read the abstention model {path}: {exc}. Refit it with "
                               "`python eval/fit_abstention.py`.") from exc
        if tuple(d["features"]) != FEATURES:
            raise RuntimeError(f"{path} was fitted on features {d['features']}, this code computes {list(FEATURES)}:"
                               " refit it with `python eval/fit_abstention.py`.")
        return cls(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["coef"]),
                   float(d["intercept"]), float(d["threshold"]), dict(d.get("provenance", {})))

    @classmethod
    def neutral(cls) -> "AbstentionModel":
        """A model that never abstains (probability 0.5, threshold 0): the fitting scripts answer with it."""
        n = len(FEATURES)
        return cls(FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, 0.0, {})

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        """Each feature's term in the logit (standardized value times coefficient)."""
        return {f: c * (float(values[f]) - m) / (s or 1.0)
                for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef)}

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(self.contributions(values).values())
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def lowered_by(self, values: dict[str, float], n: int = 2) -> list[str]:
        """The features that pulled the probability down most (for the abstention note)."""
        terms = sorted(self.contributions(values).items(), key=lambda kv: kv[1])
        return [f for f, c in terms[:n] if c < 0]


@functools.lru_cache(maxsize=8)
def load_model(path: str = "") -> AbstentionModel:
    """The model at ``path`` (empty: the shipped one), read once per process: an answerer is built
    for every question."""
    return AbstentionModel.load(path or None)


def default_model() -> AbstentionModel:
    return load_model("")
