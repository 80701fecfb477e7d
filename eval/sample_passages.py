"""Draw the passages the test split (eval/test.jsonl) is written from: seeded, at random, from the raw
corpus text, so the test does not follow what the system already does well.

Passages per report are proportional to the square root of its length (the 220K-character NIA report
would otherwise take four in five draws and the three short articles almost none). Each passage starts
at a random offset snapped to a line start and runs to ~600 characters of whole lines. One in six is
marked to be asked in English and one in five to get an unanswerable near-miss (a real entity, year
or figure next to what the passage says, which no report gives): both chosen here, not by the writer. Draws run past the quota as a reserve:
the writer skips a passage that states nothing askable (a menu, a reference list) and records why.

    python eval/sample_passages.py  # -> eval/test_passages.jsonl (deterministic)

The same draw, with another seed, gives the tuning split's random passages (eval/make_tuning_random.py),
skipping every passage that overlaps one the test split was written from:

    python eval/sample_passages.py --seed 20261202 --answerable 150 --out eval/tuning_passages.jsonl \
        --exclude eval/test_passages.jsonl

and a third draw, mostly near-misses (eval/make_tuning_nearmiss2.py), skipping both:

    python eval/sample_passages.py --seed 20261203 --answerable 300 --english 0.25 --near-miss 0.7 \
        --out eval/tuning_passages2.jsonl --exclude eval/test_passages.jsonl eval/tuning_passages.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

SEED = 20261124
ANSWERABLE = 128  # + at least 25 unanswerable near-misses written from the same passages
RESERVE = 1.4
SPAN = 600


def passage_spans(paths: list[Path]) -> dict[str, list[tuple[int, int]]]:
    """``doc -> [(start, end)]`` of the passages in these JSONL files: the spans a new draw must not overlap."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            taken.setdefault(d["doc"], []).append((d["start"], d["end"]))
    return taken


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--answerable", type=int, default=ANSWERABLE)
    ap.add_argument("--out", type=Path, default=root / "eval" / "test_passages.jsonl")
    ap.add_argument("--exclude", type=Path, nargs="+", default=[],
                    help="passages (JSONL) that a draw must not overlap")
    ap.add_argument("--english", type=float, default=1 / 6, help="share of passages to be asked in English")
    ap.add_argument("--near-miss", type=float, default=1 / 5, help="share of passages that get a near-miss")
    args = ap.parse_args()
    taken = passage_spans(args.exclude)
    manifest = json.loads((root / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    texts = {d["file"]: (root / "corpus" / d["file"]).read_text(encoding="utf-8") for d in manifest["documents"]}
    weights = {f: math.sqrt(len(t)) for f, t in texts.items()}
    total = sum(weights.values())
    rng = random.Random(args.seed)
    near = random.Random(args.seed + 1)  # a stream of its own: adding it left the draws above unchanged
    out = []
    for doc in sorted(texts):
        text = texts[doc]
        quota = round(args.answerable * RESERVE * weights[doc] / total)
        starts = sorted(rng.randrange(len(text)) for _ in range(quota))
        for s in starts:
            s = text.rfind("\n", 0, s) + 1
            e = s
            while e < len(text) and e - s < SPAN:
                nl = text.find("\n", e)
                e = len(text) if nl < 0 else nl + 1
            # drawn before the overlap test: an excluded passage uses its draws, so the others keep theirs
            english, near_miss = rng.random() < args.english, near.random() < args.near_miss
            if any(a < e and s < b for a, b in taken.get(doc, ())):
                continue
            out.append({"pid": f"p{len(out) + 1:03d}", "doc": doc, "start": s, "end": e,
                        "english": english, "near_miss": near_miss, "text": text[s:e]})
    path = args.out
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in out), encoding="utf-8")
    print(f"{len(out)} passages -> {path}")


if __name__ == "__main__":
    main()
