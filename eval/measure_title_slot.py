"""Measure dense retrieval with a passage's title in the embedding model's title slot.

EmbeddingGemma's document prompt is ``title: none | text: ``; the index embeds a passage as that prompt followed by
its context line (report title, publisher, section) and its text. This embeds every indexed passage again with the
context in the title slot (``title: {context} | text: {text}``) and compares dense-only retrieval (the question's
vector against the passages', no BM25, no focus) with the index's own vectors, on the answerable tuning questions
with gold quotes (``fit_abstention.ANSWERABLE_SETS``; never the test split). Writes nothing; prints hit@1 and MRR@10,
overall and for the English questions.

    RAGQA_EMBED_DTYPE=fp32 python eval/measure_title_slot.py --index runs/index-fp32   # ~2 min on 2 cores
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True, help="an index built from corpus/")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()

    from fit_abstention import ANSWERABLE_SETS, read_all

    from ragqa import korean
    from ragqa.config import Config
    from ragqa.engine import Engine
    from ragqa.evaluation import metrics as M

    cfg = Config.from_env().replace(paths={"index_dir": args.index, "corpus_dir": args.corpus},
                                    embed={"backend": "torch"})  # encodes with the model's own prompt argument
    engine = Engine(cfg)
    chunks = engine.index.chunks
    texts = {s: engine.source_text(s) for s in {c.source for c in chunks}}
    rows = [i for i, c in enumerate(chunks) if c.kind not in cfg.retrieval.exclude_kinds]
    t0 = time.perf_counter()
    titled = [f"title: {chunks[i].context or 'none'} | text: {chunks[i].text}" for i in rows]
    vectors = {"index (title: none | text: context + text)": np.asarray(engine.index.vectors, np.float32)[rows],
               "title slot (title: context | text: text)": np.asarray(engine.embedder.model.encode(
                   titled, prompt="", batch_size=16, normalize_embeddings=True, convert_to_numpy=True), np.float32)}
    print(f"embedded {len(rows)} passages in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    questions = [q for q in read_all(list(ANSWERABLE_SETS)) if q.answerable and q.gold]
    for name, matrix in vectors.items():
        hit = mrr = en_hit = en = 0.0
        for q in questions:
            gold = M.resolve_quotes(q.gold, texts)
            order = np.argsort(-(matrix @ engine.embedder.embed_query(q.question)))[:10]
            spans = [M.Span(chunks[rows[j]].source, chunks[rows[j]].start, chunks[rows[j]].end) for j in order]
            h = M.hit_at_k(spans, gold, 1)
            hit, mrr = hit + h, mrr + M.mrr(spans, gold)
            if not korean.is_korean(q.question):
                en, en_hit = en + 1, en_hit + h
        n = len(questions)
        print(f"{name}: {n} questions, hit@1 {hit / n:.3f}, MRR@10 {mrr / n:.3f}; "
              f"English {int(en)}: hit@1 {en_hit / max(en, 1):.3f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
