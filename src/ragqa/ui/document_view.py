"""How one indexed document was read, for a reader who wants to trust it: its sections in order (with their passages
and pages), the share of its text the passages hold, the lines left out of every passage (running headers, page
numbers, a contents page, web-page chrome: what the cleaner found to be furniture), and the passages themselves.
Everything is read from the index (its passages' offsets into the text the build kept), nothing extracted again."""

from __future__ import annotations

from dataclasses import dataclass

from ragqa.ui.render import esc, page_label

KIND_NAMES = {"body": "본문", "table": "표", "caption": "캡션", "footnote": "각주", "heading": "제목"}


@dataclass(frozen=True)
class Section:
    name: str
    passages: int
    pages: tuple[int, ...]


def sections(chunks) -> list[Section]:
    """The document's sections in reading order, each with its passage count and the pages they start on."""
    order: dict[str, tuple[int, set]] = {}
    for c in sorted(chunks, key=lambda c: c.start):
        n, pages = order.get(c.section, (0, set()))
        order[c.section] = (n + 1, pages | ({c.page} if c.page else set()))
    return [Section(name, n, tuple(sorted(pages))) for name, (n, pages) in order.items()]


def left_out(text: str, chunks) -> tuple[list[str], float]:
    """The non-blank lines no passage's span reaches, and the share of the text's non-blank characters that the
    passages' spans cover. A section's title is not left out: its passages carry it (their section)."""
    titles = {" ".join(part.split()) for c in chunks for part in c.section.split(" > ")}
    spans = sorted((c.start, c.end) for c in chunks)
    covered, merged = 0, []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    lines, at, j = [], 0, 0
    total = 0
    for line in text.split("\n"):
        start, end = at, at + len(line)
        at = end + 1
        size = len(line.strip())
        if not size:
            continue
        total += size
        while j < len(merged) and merged[j][1] <= start:
            j += 1
        if (j < len(merged) and merged[j][0] < end) or " ".join(line.split()).lstrip("#").strip() in titles:
            covered += size
        else:
            lines.append(line.strip())
    return lines, (covered / total if total else 0.0)


def view(info, chunks, text: str, max_lines: int = 60, max_passages: int = 200) -> str:
    """The document's view as HTML (everything from the document escaped)."""
    chunks = sorted(chunks, key=lambda c: c.start)
    dropped, share = left_out(text, chunks)
    pages = f" · {len(info.pages)}쪽" if info.pages else ""
    head = (f'<div class="rq-meta"><b>{esc(info.title)}</b> · {esc(info.source)}{pages} · 문단 {len(chunks)}개 · '
            f"텍스트의 {100 * share:.0f}%가 문단에 담김</div>")
    outline = "".join(
        f"<li>{esc(s.name or '(머리)')} <span class=\"rq-meta\">· 문단 {s.passages}"
        f"{' · ' + ', '.join(page_label(info.source, p) for p in s.pages[:6]) if s.pages else ''}"
        f"{' …' if len(s.pages) > 6 else ''}</span></li>" for s in sections(chunks))
    shown = "".join(f"<li>{esc(line)}</li>" for line in dropped[:max_lines])
    more = f"<li>… 외 {len(dropped) - max_lines}줄</li>" if len(dropped) > max_lines else ""
    passages = "".join(
        f'<div class="rq-card"><div class="rq-meta">{KIND_NAMES.get(c.kind, c.kind)}'
        f"{' · ' + page_label(info.source, c.page) if c.page else ''} · {esc(c.section)} · "
        f'{c.start:,}–{c.end:,}자</div><div class="rq-passage">{esc(c.text)}</div></div>'
        for c in chunks[:max_passages])
    return (f"{head}<h4>목차 (문단이 속한 절)</h4><ol>{outline}</ol>"
            f"<details><summary>문단에서 뺀 줄 {len(dropped)}개 (머리글·쪽 번호·목차·웹 페이지 틀 등)</summary>"
            f"<ul>{shown}{more}</ul></details>"
            f"<details><summary>문단 {len(chunks)}개 보기</summary>{passages}</details>")
