"""Fit the text-quality threshold that calls a PDF page unreadable (IngestConfig / loaders.MIN_TEXT_QUALITY).

Pages of a development folder are extracted with pypdf and pypdfium2; a page is labelled noise when it
comes from the file its SOURCE.md names as having a broken text layer *and* that extractor's text of it
is not Korean (less than half of it Hangul), and clean when it comes from any other file. The threshold
is the midpoint of the widest gap between the highest noise score and the lowest clean score (a
max-margin split: the classes are far apart, so any value in the gap separates them on this data).

    python eval/fit_text_quality.py ../shared/external/allganize-dev --broken law_2024_달라지는_세금제도.pdf
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pdf_extractors import pages_pypdf, pages_pypdfium2  # noqa: E402

from ragqa.ingest.quality import hangul_share, text_quality  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--broken", action="append", default=[], help="file named as having a broken text layer")
    args = ap.parse_args()
    noise, clean = [], []
    for path in sorted((args.dataset / "docs").glob("*.pdf")):
        for extract in (pages_pypdf, pages_pypdfium2):
            for text in extract(path):
                if len(text.strip()) < 20:
                    continue  # blank and image pages say nothing about the text layer
                score = text_quality(text)
                if path.name in args.broken:
                    if hangul_share(text) < 0.5:
                        noise.append(score)
                else:
                    clean.append(score)
    hi, lo = max(noise), min(clean)
    print(f"noise pages {len(noise)}: max quality {hi:.3f}; clean pages {len(clean)}: min quality {lo:.3f}")
    if hi >= lo:
        print("the classes overlap: no threshold separates them")
        sys.exit(1)
    print(f"threshold (midpoint of the gap): {(hi + lo) / 2:.3f}")


if __name__ == "__main__":
    main()
