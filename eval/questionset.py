"""Writing a question set from drawn passages: the helpers eval/make_test.py and eval/make_tuning_random.py
share. Each question names its passage; gold quotes are checked verbatim against the corpus, the strings
of a near-miss are checked absent, and every passage gets a question or a reason it was skipped."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def g(doc, *quotes):
    return [{"doc": doc, "quote": q} for q in quotes]


class QuestionSet:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.questions: list[dict] = []
        self.skipped: dict[str, str] = {}
        self.absent: dict[str, list[str]] = {}  # question id -> strings that must not occur in the corpus

    def q(self, pid, type_, question, answer, must, gold) -> None:
        self.questions.append({"id": f"{self.prefix}{len(self.questions) + 1:03d}", "passage": pid, "type": type_,
                               "question": question, "answer": answer, "must_include": must, "gold": gold})

    def na(self, pid, question, why, absent=()) -> None:
        """An unanswerable near-miss; `absent` are strings whose absence from the corpus is checked."""
        self.q(pid, "unanswerable", question, why, [], [])
        self.absent[self.questions[-1]["id"]] = list(absent)

    def skip(self, pid, reason) -> None:
        self.skipped[pid] = reason

    def write(self, passages: Path, out: Path) -> None:
        """Check every quote, absence and passage, then write the set (or exit naming each problem)."""
        texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt")}
        corpus = "\n".join(texts.values())
        drawn = {json.loads(line)["pid"] for line in passages.read_text(encoding="utf-8").splitlines()}
        problems = []
        for item in self.questions:
            for gold in item["gold"]:
                if gold["quote"] not in texts[gold["doc"]]:
                    problems.append(f"{item['id']} ({item['passage']}): quote not in {gold['doc']}: {gold['quote']!r}")
            for s in self.absent.get(item["id"], []):
                if s in corpus:
                    problems.append(f"{item['id']} ({item['passage']}): near-miss string occurs in the corpus: {s!r}")
        missing = sorted(drawn - {item["passage"] for item in self.questions} - set(self.skipped))
        if missing:
            problems.append(f"passages with neither a question nor a skip reason: {missing}")
        if problems:
            sys.exit("\n".join(problems))
        out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in self.questions), encoding="utf-8")
        kinds: dict[str, int] = {}
        for x in self.questions:
            kinds[x["type"]] = kinds.get(x["type"], 0) + 1
        print(f"{len(self.questions)} questions -> {out}; {len(self.skipped)} passages skipped; {kinds}")
