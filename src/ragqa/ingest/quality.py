"""How readable extracted text is: a broken PDF text layer shows as glyph noise, not as Korean.

A PDF whose fonts use a custom encoding without a Unicode map extracts to code points of unrelated
scripts (Gujarati, Arabic, Cyrillic, ...), control characters and unassigned ones. Text a Korean
document really contains is Hangul, Latin, digits, Hanja, punctuation and common symbols. The score
is the share of non-space characters in those classes: ~1.0 for a clean page, far lower for noise.
The threshold that calls a page unreadable is ``loaders.MIN_TEXT_QUALITY``, fitted on measured pages
by ``eval/fit_text_quality.py``.
"""

from __future__ import annotations

import unicodedata

# ranges of characters a Korean document's text is made of
_READABLE_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1, Latin Extended (accents, ·, ×, §)
    (0x0370, 0x03FF),  # Greek (α, β, Σ in formulas)
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2000, 0x2BFF),  # punctuation, super/subscripts, currency, letterlike, arrows, math, boxes, shapes
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK punctuation (「」, 『』, 〮)
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0x3200, 0x33FF),  # enclosed CJK (㈜, ①-style), CJK compatibility (㎡, ㎞)
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK ideographs (Hanja: 銀, 中央)
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # full-width forms
    (0xF000, 0xF0FF),  # private-use bullets many Korean PDFs map their symbol font to
)


def readable(ch: str) -> bool:
    """Whether a character belongs to what Korean (and English) document text is made of."""
    code = ord(ch)
    for lo, hi in _READABLE_RANGES:
        if lo <= code <= hi:
            return True
    return unicodedata.category(ch) == "So"  # emoji and other symbols: odd, but not a broken font


def text_quality(text: str) -> float:
    """Share of non-space characters that are readable (1.0 for text without any; see module doc)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 1.0
    return sum(readable(c) for c in chars) / len(chars)


def hangul_share(text: str) -> float:
    """Share of non-space characters that are Hangul syllables."""
    chars = [c for c in text if not c.isspace()]
    return sum("\uac00" <= c <= "\ud7a3" for c in chars) / len(chars) if chars else 0.0
