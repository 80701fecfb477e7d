"""Measure how full a PDF page's last line must be for its sentence to go on at the next page's top
(ingest.wraps.FULL_LINE, a share of the document's column width).

A sentence cut by a page break goes on over the page's number and running title when its page ends on a
full line; a short last line (a cover's, a contents entry's, a caption's) ends its paragraph there. For each
value the reference set's PDFs are chunked again (into a copy of ``--reference-index``: vectors of texts the
copy already holds are reused, so a value takes about a minute) and the reference set's **fit half** (every
other document in name order, as eval/fit_abstention.py) is answered; its mean key-fact recall and hit@1 are
printed, with the count of page-break joins. A move from the value in use must win by more than one
fit-half question (as eval/fit_extractive.py and eval/fit_parts.py). The report half is never read here. The five reports are text
files (no pages): the value does not touch them.

    python eval/measure_full_line.py --reference ../shared/external/allganize-dev --reference-index runs/allganize-index

Writes eval/full_line.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from fit_abstention import fit_half  # noqa: E402

VALUES = (0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never (no page-break join but for footnotes)


def page_break_joins(docs: Path) -> int:
    """How many paragraphs of the reference PDFs run over a page break at the current value."""
    from ragqa.ingest import clean
    from ragqa.ingest.loaders import load_source

    n = 0
    for path in sorted(docs.glob("*.pdf")):
        loaded = load_source(path)
        for seg in clean.segment(loaded.text, loaded.pages):
            n += seg.kind == "body" and any(seg.start < p <= seg.end for p in loaded.pages)
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", type=Path, required=True)
    ap.add_argument("--reference-index", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "full_line.json")
    args = ap.parse_args()

    from ragqa import chunking
    from ragqa.config import Config
    from ragqa.engine import Engine
    from ragqa.evaluation import metrics as M
    from ragqa.evaluation.runner import gold_texts, read_questions
    from ragqa.index import build
    from ragqa.ingest import wraps

    questions, _ = read_questions(args.reference / "questions.jsonl")
    half = fit_half([q.doc for q in questions])
    fit = [q for q in questions if q.doc in half]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        shutil.copytree(args.reference_index, index)
        cfg = Config.from_env().replace(paths={"corpus_dir": (args.reference / "docs").resolve(),
                                               "index_dir": index})
        engine = Engine(cfg)
        real = chunking.CHUNKER_VERSION
        for n, value in enumerate(VALUES):
            wraps.FULL_LINE = value
            # a version of its own for each value, so the copy is chunked again (its vectors reused)
            chunking.CHUNKER_VERSION = build.CHUNKER_VERSION = 10_000 + n
            engine.build(progress=False)
            texts = gold_texts(fit, cfg.paths.corpus_dir, index)
            results, _ = engine.evaluate(fit, progress=False, embed_check=False, texts=texts)
            recall = [r.metrics.get("key_fact_recall") for r in results]
            hit = [r.metrics.get("hit@1") for r in results]
            row = {"full_line": value, "page_break_joins": page_break_joins(args.reference / "docs"),
                   "key_fact_recall": round(M.mean([float(v) for v in recall if v is not None]), 4),
                   "hit@1": round(M.mean([float(v) for v in hit if v is not None]), 4)}
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
        chunking.CHUNKER_VERSION = build.CHUNKER_VERSION = real
    out = {"measured": dt.date.today().isoformat(), "reference": str(args.reference),
           "fit_documents": sorted(half), "questions": len(fit), "rows": rows}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
