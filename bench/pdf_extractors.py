"""Which PDF text extractor reads Korean PDFs best (issue 12): pypdf, pypdfium2, pdfplumber.

For every gold quote of a question set (``{doc, page, gold: [{doc, quote}]}``, as in
``../shared/external/allganize-dev``) it checks whether the quote is recoverable from the extracted
text of its page with whitespace ignored (the quotes were cut from pypdf's text, so pypdf is favoured
on this measure; spacing differences between extractors do not count), and from the page with its
neighbours (a quote may cross a page). Reading order shows in the same measure: a quote whose lines
come out in another order is not recovered. Also: seconds per page, and the share of extracted
characters that are Hangul, Latin, digits or punctuation (glyph noise from a broken text layer lowers it).

    python bench/pdf_extractors.py ../shared/external/allganize-dev [--out bench/pdf_extractors.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ragqa.ingest.quality import text_quality  # noqa: E402

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


def pages_pypdf(path: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        reader.decrypt("")
    return [p.extract_text() or "" for p in reader.pages]


def pages_pypdfium2(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path), password="")
    try:
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def pages_pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path), password="") as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


EXTRACTORS = {"pypdf": pages_pypdf, "pypdfium2": pages_pypdfium2, "pdfplumber": pages_pdfplumber}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", type=Path, help="folder with questions.jsonl and docs/")
    ap.add_argument("--out", type=Path, default=Path("bench/pdf_extractors.json"))
    args = ap.parse_args()
    questions = [json.loads(line) for line in (args.dataset / "questions.jsonl").read_text("utf-8").splitlines()
                 if line.strip()]
    docs = sorted({q["doc"] for q in questions} | {p.name for p in (args.dataset / "docs").glob("*.pdf")})
    results = {}
    for name, extract in EXTRACTORS.items():
        pages: dict[str, list[str]] = {}
        seconds, n_pages = 0.0, 0
        for doc in docs:
            t0 = time.perf_counter()
            try:
                pages[doc] = extract(args.dataset / "docs" / doc)
            except Exception as exc:  # noqa: BLE001 - an extractor failing on a file is a result
                print(f"{name}: {doc}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
                pages[doc] = []
            seconds += time.perf_counter() - t0
            n_pages += len(pages[doc])
        found_page = found_near = total = 0
        for q in questions:
            for g in q.get("gold", []):
                total += 1
                doc_pages = pages.get(g["doc"], [])
                p = q["page"] - 1
                quote = squash(g["quote"])
                if 0 <= p < len(doc_pages) and quote in squash(doc_pages[p]):
                    found_page += 1
                if quote in squash("".join(doc_pages[max(p - 1, 0):p + 2])):
                    found_near += 1
        quality = {doc: round(text_quality("\n".join(ps)), 3) for doc, ps in pages.items()}
        results[name] = {
            "quotes": total,
            "quote_on_page": round(found_page / max(total, 1), 3),
            "quote_near_page": round(found_near / max(total, 1), 3),
            "pages": n_pages,
            "ms_per_page": round(1000 * seconds / max(n_pages, 1), 1),
            "text_quality": quality,
        }
        print(f"{name:11s} quotes on page {found_page}/{total} ({found_page / max(total, 1):.3f}), "
              f"near page {found_near}/{total}; {n_pages} pages, {1000 * seconds / max(n_pages, 1):.1f} ms/page; "
              f"lowest quality {min(quality.items(), key=lambda kv: kv[1])}")
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
