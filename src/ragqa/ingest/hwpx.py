"""HWPX (한글's OWPML, KS X 6101) -> text in reading order, tables as tab-separated rows, outline titles.

An .hwpx file is a zip of XML parts: ``Contents/section0.xml``, ``section1.xml`` … hold the body (paragraphs
``p`` made of runs whose ``t`` elements hold the text; a table ``tbl`` of rows ``tr`` of cells ``tc``, each
cell a list of paragraphs), ``Contents/header.xml`` the styles a paragraph refers to by ``styleIDRef``.
Elements are matched by their local names, so both the 2011 Hancom namespaces and the 2024 OWPML ones read.
A paragraph in an outline style (``개요 N`` / ``Outline N``), a heading style or ``제목`` is a title of rank N (0), passed
on as the PDF's and DOCX's layout titles are (:func:`ragqa.ingest.clean.segment`). Text boxes and notes
inside a paragraph come after it as paragraphs of their own. The binary .hwp format: :mod:`ragqa.ingest.hwp`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ragqa.ingest.blocks import Blocks, FormatError, one_line, style_rank, table_text

_SECTION = re.compile(r"^Contents/section(\d+)\.xml$", re.I)


class HwpxError(FormatError):
    """The file is not a readable HWPX package."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return [c for c in element if _local(c.tag) == name]


def _title_ranks(header: bytes | None) -> dict[str, int]:
    """Style id -> title rank, for the title, outline and heading styles of ``header.xml`` (its local or English
    name, :func:`ragqa.ingest.blocks.style_rank`)."""
    if not header:
        return {}
    ranks = {}
    for element in ElementTree.fromstring(header).iter():
        if _local(element.tag) != "style":
            continue
        for name in (element.get("name") or "", element.get("engName") or ""):
            rank = style_rank(name)
            if rank is not None and element.get("id") is not None:
                ranks[element.get("id")] = rank
                break
    return ranks


def _cell_text(cell) -> str:
    return " ".join(_run_text(t) for t in cell.iter() if _local(t.tag) == "t")


def _run_text(t) -> str:
    """A ``t`` element's text: a tab, a forced line break or a fixed space inside it stays a gap (a paragraph is the
    word processor's unit of text; a break inside one is layout)."""
    parts = [t.text or ""]
    for child in t:
        name = _local(child.tag)
        parts.append(" " if name in ("lineBreak", "tab", "nbSpace", "fwSpace") else "")
        parts.append(child.tail or "")
    return "".join(parts)


_RUNNING = frozenset({"header", "footer"})  # a page's running header and footer: furniture, as a PDF's


def _sub_lists(element) -> list:
    """The outermost paragraph lists inside ``element`` (a text box's, a note's), in order: a list inside one of
    them (a table's cell in a text box) is its paragraphs' to read, once; a running header or footer is skipped."""
    found = []
    for child in element:
        name = _local(child.tag)
        if name in _RUNNING:
            continue
        if name == "subList":
            found.append(child)
        else:
            found.extend(_sub_lists(child))
    return found


def _paragraph(p, ranks: dict[str, int], out: Blocks) -> None:
    """Append paragraph ``p``: its own text (one block), then its tables and boxed paragraphs in order."""
    text: list[str] = []
    after: list[tuple[str, object]] = []  # ("table", element) or ("sub", paragraph), in the order they stand
    for run in _children(p, "run"):
        for child in run:
            name = _local(child.tag)
            if name == "t":
                text.append(_run_text(child))
            elif name == "tbl":
                after.append(("table", child))
            else:  # a text box, a note, a shape with text: its own paragraphs
                after.extend(("sub", q) for sub in _sub_lists(child) for q in _children(sub, "p"))
    own = "".join(text)
    if own.strip():
        out.add(own, ranks.get(p.get("styleIDRef") or ""))
    for kind, element in after:
        if kind == "table" and all(len(_children(tr, "tc")) == 1 for tr in _children(element, "tr")):
            # a table of one column, a box (Korean reports set a summary, a part's title or a note in one): its
            # paragraphs are text, each with its style, not one row
            cells = (tc for tr in _children(element, "tr") for tc in _children(tr, "tc"))
            for q in (q for tc in cells for sub in _children(tc, "subList") for q in _children(sub, "p")):
                _paragraph(q, ranks, out)
        elif kind == "table":
            rows = table_text([_cell_text(tc) for tc in _children(tr, "tc")] for tr in _children(element, "tr"))
            if rows:
                out.add(rows)
        else:
            _paragraph(element, ranks, out)


def read_hwpx(path: Path) -> Blocks:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            sections = sorted((int(m.group(1)), n) for n in names if (m := _SECTION.match(n)))
            if not sections:
                raise HwpxError(f"{path.name} has no Contents/section*.xml: not an HWPX document")
            header = next((archive.read(n) for n in names if n.lower() == "contents/header.xml"), None)
            ranks = _title_ranks(header)
            out = Blocks()
            for _, name in sections:
                root = ElementTree.fromstring(archive.read(name))
                for p in _children(root, "p"):
                    _paragraph(p, ranks, out)
            meta = next((archive.read(n) for n in names if n.lower() in ("contents/content.hpf", "content.hpf")), None)
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError) as exc:
        raise HwpxError(f"{path.name} is not a readable .hwpx ({exc.__class__.__name__}: {exc})") from exc
    if meta:
        try:
            out.title = next((one_line(e.text or "") for e in ElementTree.fromstring(meta).iter()
                              if _local(e.tag) == "title" and (e.text or "").strip()), "")
        except ElementTree.ParseError:
            pass
    return out
