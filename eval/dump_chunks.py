"""Every chunk of a corpus as the current code makes it, one JSON line each (every field, sorted keys), and each
file's loading note after them: two dumps compare with ``cmp`` or ``diff``. This is how a change meant to move
nothing (a module split, a rename) is checked to leave every passage of every document as it was, and how a
chunking change is seen passage by passage before any index is rebuilt (``ragqa chunk --json`` gives the counts).

    python eval/dump_chunks.py corpus /tmp/before.jsonl            # the code before the change
    python eval/dump_chunks.py corpus /tmp/after.jsonl             # after it
    cmp /tmp/before.jsonl /tmp/after.jsonl

PDFs that need OCR are read as indexing reads them (``ragqa.ingest.load_corpus``); allganize-dev's 13 take ~25 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from ragqa import korean
from ragqa.chunking import chunk_document
from ragqa.config import Config
from ragqa.ingest import load_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="a corpus folder")
    ap.add_argument("out", type=Path, help="the JSONL to write")
    args = ap.parse_args()
    docs, notes = load_corpus(args.corpus)
    chunker = Config.from_env().chunk
    n = 0
    with open(args.out, "w", encoding="utf-8") as f:
        for doc in docs:
            for chunk in chunk_document(doc, chunker, korean.split_sentences):
                f.write(json.dumps(dataclasses.asdict(chunk), ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
        for note in notes:
            f.write(json.dumps({"note": str(note)}, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents, {n} chunks, {len(notes)} notes -> {args.out}")


if __name__ == "__main__":
    main()
