"""Citation markers in generated text: ``[n]`` / ``[1, 3]`` / ``[1][2]`` after a sentence."""

from __future__ import annotations

import re

from ragqa import korean

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,，]\s*\d+)*)\s*\]")
_NOT_FOUND = re.compile(r"(찾을 수 없|알 수 없|언급되어 있지 않|나와 있지 않|포함되어 있지 않|not (?:found|mentioned|stated|provided)|"
                        r"do(?:es)? not (?:say|mention|contain|state))", re.I)


_AFTER_MARKER = re.compile(r"(?<=\])(?:\s*[.,;:])?\s+(?=[^\s\[])")


def parse_markers(text: str) -> list[int]:
    out = []
    for m in _MARKER.finditer(text):
        out.extend(int(x) for x in re.split(r"[,，]", m.group(1)))
    return out


def strip_markers(text: str) -> str:
    return re.sub(r"\s{2,}", " ", re.sub(r"\s+([.,!?。])", r"\1", _MARKER.sub("", text))).strip()


def split_answer(text: str) -> list[tuple[str, list[int]]]:
    """Sentences of a generated answer with the passage numbers each cites.

    A marker that stands alone after a sentence end (``... 했다. [2]``) belongs to that sentence.
    """
    text = text.strip()
    if not text:
        return []
    spans = korean.split_sentences(text)
    out: list[tuple[str, list[int]]] = []
    # text after a marker is another claim even where no sentence ends (PDF bullets, clauses each cited)
    pieces = [p for a, b in spans for p in _AFTER_MARKER.split(text[a:b])]
    for piece in pieces:
        piece = piece.strip()
        markers = parse_markers(piece)
        body = strip_markers(piece)
        if not body and out:  # a bare marker: attach to the previous sentence
            out[-1] = (out[-1][0], out[-1][1] + markers)
            continue
        if body.startswith(("-", "•", "*")):
            body = body.lstrip("-•* ").strip()
        if body:
            out.append((body, markers))
    return out


def says_not_found(text: str) -> bool:
    """The model said the documents do not hold the answer."""
    return bool(_NOT_FOUND.search(text))
