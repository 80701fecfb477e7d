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


def read_manifest(corpus_dir: Path) -> dict[str, FileMeta]:
    path = corpus_dir / "manifest.json"
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("ignoring %s: %s", path, exc)
        return {}
    out = {}
    for entry in data.get("documents", []) if isinstance(data, dict) else []:
        if isinstance(entry, dict) and entry.get("file"):
            out[str(entry["file"])] = FileMeta(**{k: str(entry.get(k) or "") for k in FileMeta.__dataclass_fields__})
    return out


_TAG = re.compile(r"<[^<>]*>")


def guess_title(text: str, file_name: str) -> str:
    """First heading, else first substantial line, else the file name without extension."""
    title_tag = re.search(r"<title[^>]*>(.*?)</title>", text[:20000], re.I | re.S)
    if title_tag and title_tag.group(1).strip():
        return " ".join(title_tag.group(1).split())[:200]
    for line in text.splitlines()[:200]:
        line = _TAG.sub("", line).strip().lstrip("#").strip()
        if len(line) >= 4 and not line.startswith(("http", "---")):
            return line[:200]
    return Path(file_name).stem
