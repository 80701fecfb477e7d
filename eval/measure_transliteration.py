"""Measure how well consonant skeletons (ragqa.transliteration) pair a name's Hangul and Latin spellings,
by the skeleton's length (transliteration.MIN_CLASSES).

Labels come from the documents themselves: every ``한글(Latin)`` / ``Latin(한글)`` pair the corpus writes
(ragqa.aliases.pairs) is one name in two scripts. For each such Hangul name: *found* when its Latin partner
has a skeleton in common with it; *chance matches* are the other Latin words of the same document (not a
spelling of the name in any parenthesis) that share a skeleton with it. What the answerer risks is narrower:
it looks for the name around one sentence, so the column that decides is *paragraphs with a chance match*,
the share of the corpus's paragraphs of other documents (ones that never write the name) in which some Latin
word shares a skeleton with it. Many parenthesised pairs are
translations, not transliterations (인공지능(AI)): they have no skeleton in common and only lower the found
share alike at every length.

    python eval/measure_transliteration.py --index runs/index-fp32 --index runs/allganize-index

Prints a table; writes nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ragqa import aliases, transliteration  # noqa: E402
from ragqa.index.store import read_texts  # noqa: E402

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", action="append", required=True, help="an index directory (repeatable)")
    args = ap.parse_args()
    rows: dict[int, list[tuple[bool, int, float]]] = defaultdict(list)  # length -> (found, chance, paragraphs)
    examples: dict[int, list[str]] = defaultdict(list)
    texts = {f"{i}:{s}": t for i, index in enumerate(args.index) for s, t in read_texts(Path(index)).items()}
    paragraphs = [(source, set(_WORD.findall(p))) for source, t in texts.items()
                  for p in t.splitlines() if _WORD.search(p)]
    for source, text in texts.items():
        group = aliases.Aliases.from_texts([text])
        latin_words = set(_WORD.findall(text))
        others = [words for src, words in paragraphs if src != source]
        seen = set()
        for a, b in aliases.pairs(text):
            hangul, latin = (a, b) if re.search(r"[가-힣]", a) else (b, a)
            if not re.fullmatch(r"[가-힣]+", hangul.replace(" ", "")) or re.search(r"[가-힣]", latin):
                continue
            if hangul in seen:
                continue
            seen.add(hangul)
            own = transliteration.skeletons(hangul)
            if not own:
                continue
            forms = group.forms(hangul) | group.forms(latin)
            found = transliteration.same_name(hangul, latin)
            chance = [w for w in sorted(latin_words) if aliases.norm(w) not in forms
                      and aliases.norm(w) not in aliases.norm(latin) and own & transliteration.skeletons(w)]
            n = max(len(s) for s in own)
            hit = sum(any(own & transliteration.skeletons(w) for w in words) for words in others)
            rows[n].append((found, len(chance), hit / max(1, len(others))))
            if chance and len(examples[n]) < 6:
                examples[n].append(f"{hangul}~{chance[0]}")
    print("classes  names  found  chance matches in its document  paragraphs with a chance match   e.g.")
    for n in sorted(rows):
        r = rows[n]
        found = sum(f for f, _, _ in r) / len(r)
        per = sum(c for _, c, _ in r) / len(r)
        para = sum(p for _, _, p in r) / len(r)
        print(f"{n:7d}  {len(r):5d}  {found:5.2f}  {per:31.2f}  {para:29.4f}   {', '.join(examples[n])}")


if __name__ == "__main__":
    main()
