"""Readers' verdicts on answers (the chat's 👍 / 👎), kept for review: one JSON line per verdict, with the answer as
it was given (the ``--json`` contract's object), so a disliked answer can be checked later against the same
citations and turned into an evaluation question.

The file is appended to, never rewritten: ``{"time", "verdict": "like" | "dislike" | "withdrawn", "record"}``.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime
from pathlib import Path

FILE = Path("feedback") / "answers.jsonl"  # under the app's home (RAGQA_HOME)
_lock = threading.Lock()  # sessions share the file: one verdict written at a time


def path_under(home: Path) -> Path:
    return Path(home) / FILE


def verdict_of(liked) -> str:
    """Gradio's ``LikeData.liked``: True, False, or neither when a click takes the verdict back."""
    return "like" if liked is True else "dislike" if liked is False else "withdrawn"


def store(path: Path, record: dict, verdict: str, when: datetime | None = None) -> None:
    line = {"time": (when or datetime.now()).isoformat(timespec="seconds"), "verdict": verdict, "record": record}
    with _lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


def read(path: Path) -> list[dict]:
    """The verdicts in ``path`` (none when there is no file); a damaged line is passed over."""
    if not path.is_file():
        return []
    out = []
    for line in path.read_text("utf-8", errors="replace").splitlines():
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(item, dict) and isinstance(item.get("record"), dict):
            out.append(item)
    return out


def latest(items: list[dict]) -> list[dict]:
    """Each answer's last verdict (a reader may change their mind), withdrawn ones left out; in the order they were
    given last. An answer is known by its question and text."""
    last: dict[tuple[str, str], dict] = {}
    for item in items:
        r = item["record"]
        key = (r.get("question", ""), r.get("answer", ""))
        last.pop(key, None)  # re-inserted: the order is the order of the latest verdicts
        last[key] = item
    return [item for item in last.values() if item["verdict"] != "withdrawn"]


def draft_questions(items: list[dict]) -> list[dict]:
    """The disliked answers as the start of a question set (``ragqa eval``'s JSONL): each question with the answer
    it was given and what that cited, for a reviewer to add the right answer (``answer`` or ``must_include``) and
    its passage (``gold``)."""
    out = []
    for item in latest(items):
        if item["verdict"] != "dislike":
            continue
        r = item["record"]
        out.append({"id": f"fb{len(out) + 1:03d}", "question": r.get("question", ""), "type": "fact", "answer": "",
                    "must_include": [], "gold": [], "given_answer": r.get("answer", ""),
                    "given_citations": [{"source": c.get("source"), "page": c.get("page"), "text": c.get("text")}
                                        for c in r.get("citations", [])],
                    "disliked_at": item["time"]})
    return out
