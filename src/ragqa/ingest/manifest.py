"""The corpus manifest (``corpus/manifest.json``): titles, publishers and dates of files.

It is optional: a file it does not name gets its title from its first heading or line,
then from its file name.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileMeta:
    title: str = ""
    publisher: str = ""
    author: str = ""
    date: str = ""
    kind: str = ""


def _corpus_json(corpus_dir: Path, name: str):
    """The parsed JSON of the corpus's optional file ``name``; None when it is absent or does not read (with a
    warning)."""
    path = corpus_dir / name
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("ignoring %s: %s", path, exc)
        return None


def read_manifest(corpus_dir: Path) -> dict[str, FileMeta]:
    data = _corpus_json(corpus_dir, "manifest.json")
    if data is None:
        return {}
    out = {}
    for entry in data.get("documents", []) if isinstance(data, dict) else []:
        if isinstance(entry, dict) and entry.get("file"):
            out[str(entry["file"])] = FileMeta(**{k: str(entry.get(k) or "") for k in FileMeta.__dataclass_fields__})
    return out


def read_cleaning(corpus_dir: Path) -> tuple[str, ...]:
    """A corpus's own web-chrome lines (``cleaning.json``: ``{"chrome_lines": [regex, ...]}``), each a
    regular expression a whole line must match: the furniture of the sites its pages were saved from,
    which no rule for every corpus can know. Optional; a bad file or pattern is ignored with a warning."""
    data = _corpus_json(corpus_dir, "cleaning.json")
    if data is None:
        return ()
    try:
        lines = tuple(str(x) for x in data.get("chrome_lines", []))
        for pattern in lines:
            re.compile(pattern)
        return lines
    except (AttributeError, re.error) as exc:
        log.warning("ignoring %s: %s", corpus_dir / "cleaning.json", exc)
        return ()


def read_examples(corpus_dir: Path, limit: int = 8) -> tuple[str, ...]:
    """A corpus's example questions for the chat (``examples.json``: ``{"questions": [...]}``): questions its
    documents answer, which only whoever put the corpus together can write. Optional; without the file the chat shows
    none rather than another corpus's; a bad file is ignored with a warning."""
    data = _corpus_json(corpus_dir, "examples.json")
    if data is None:
        return ()
    try:
        return tuple(q.strip() for q in data.get("questions", []) if isinstance(q, str) and q.strip())[:limit]
    except AttributeError as exc:
        log.warning("ignoring %s: %s", corpus_dir / "examples.json", exc)
        return ()


_TAG = re.compile(r"<[^<>]*>")


def guess_title(text: str, file_name: str, pages: tuple[int, ...] = ()) -> str:
    """A document's title from its text: the HTML ``<title>``, else its first heading that is not
    web chrome or page furniture (among its first lines of content), else its first line of content,
    else the file name without extension."""
    from ragqa.ingest.clean import segment

    title_tag = re.search(r"<title[^>]*>(.*?)</title>", text[:20000], re.I | re.S)
    if title_tag and title_tag.group(1).strip():
        return " ".join(title_tag.group(1).split())[:200]
    head = text[:20000]
    content = [seg for seg in segment(head, tuple(p for p in pages if p < len(head)))
               if seg.kind in ("heading", "body") and len(_TAG.sub("", seg.text).strip()) >= 4
               and not seg.text.startswith(("http", "---"))][:5]
    for seg in [s for s in content if s.kind == "heading"] + content:
        return " ".join(_TAG.sub("", seg.text).split()).lstrip("#").strip()[:200]
    return Path(file_name).stem
