"""HWP 5 (한글's binary format) -> text in reading order, tables as tab-separated rows, outline titles.

An .hwp file (HWP 5.0, the format 한글 2002 and later save) is an OLE compound file. ``FileHeader`` says
whether the streams are compressed (raw deflate) or the document is password-protected; ``DocInfo`` holds
the styles; ``BodyText/Section0``, ``Section1`` … hold the body as records (a 32-bit header: tag, nesting
level, size). A paragraph is a ``PARA_HEADER`` (its style) with a ``PARA_TEXT`` of UTF-16 code units, in
which characters below 32 are controls: most stand for eight units (a table, a text box, a field, a tab)
and are dropped, a line break or a fixed space is a gap. A control's own records follow its paragraph, one
level deeper: a table (``tbl``) holds a list header per cell (its row and column) and the cell's
paragraphs; a header or footer (``head``, ``foot``) holds the page's running text, skipped like a PDF's
furniture. Paragraphs in an outline or heading style are titles of rank N, as in :mod:`ragqa.ingest.hwpx`.

A 배포용 (distribution) document, the read-only form government offices publish in, keeps its sections in
``ViewText`` instead, each encrypted: a first record of 256 bytes scrambled with the MSVC ``rand()`` sequence its
first four bytes seed holds the AES-128 key, and the rest of the stream is the section under AES-128-ECB (as the
specification and pyhwp's ``hwp5.distdoc`` describe it); it is read as 한글's viewer reads it. A password-protected
document (its key is the password) is refused with what to do; so is the older HWP 3 format, which is no OLE file.
The specification: Hancom, "한글 문서 파일 형식 5.0" (revision 1.3, 2018).
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ragqa.ingest.blocks import Blocks, FormatError, one_line, style_rank, table_text

SIGNATURE = b"HWP Document File"
_COMPRESSED, _PASSWORD, _DISTRIBUTION = 0x1, 0x2, 0x4
_SECTION = re.compile(r"^(BodyText|ViewText)/Section(\d+)$")

# record tags (HWPTAG_BEGIN 0x10 + n)
STYLE = 0x10 + 10
DISTRIBUTE_DOC_DATA = 0x10 + 12
PARA_HEADER = 0x10 + 50
PARA_TEXT = 0x10 + 51
CTRL_HEADER = 0x10 + 55
LIST_HEADER = 0x10 + 56
TABLE = 0x10 + 61

# control characters that stand for eight code units (an inline or extended control: a table, a drawing, a
# field's start, a note, a tab ...); the others (0, 10, 13, 24-31) are one unit
_WIDE = frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23})
_GAP = frozenset({9, 10, 30, 31})  # a tab, a line break, a non-breaking and a fixed-width space: a gap in the text
_SKIPPED_CONTROLS = frozenset({"head", "foot"})  # a page's running header and footer


class HwpError(FormatError):
    """The file is not a readable HWP 5 document."""


@dataclass
class _Table:
    level: int  # the nesting level of its control header: a record at this level or above ends it
    # per cell, its paragraphs (text, title rank) in order; a table inside the cell gives its blocks there
    cells: dict[tuple[int, int], list[tuple[str, int | None]]] = field(default_factory=dict)
    caption: list[str] = field(default_factory=list)  # a caption's list comes before the table's own record
    body_seen: bool = False
    current: tuple[int, int] | None = None
    count: int = 0  # cells opened so far (their order, when a list header gives no address)
    columns: int = 0


def records(data: bytes):
    """(tag, level, body) of each record in a decompressed stream."""
    i, n = 0, len(data)
    while i + 4 <= n:
        (header,) = struct.unpack_from("<I", data, i)
        i += 4
        tag, level, size = header & 0x3FF, (header >> 10) & 0x3FF, header >> 20
        if size == 0xFFF:  # a long record gives its size in the next four bytes
            if i + 4 > n:
                break
            (size,) = struct.unpack_from("<I", data, i)
            i += 4
        yield tag, level, data[i:i + size]
        i += size


def para_text(body: bytes) -> str:
    """A ``PARA_TEXT`` record's text: controls dropped (eight units each for the wide ones), gaps as spaces."""
    units = struct.unpack(f"<{len(body) // 2}H", body[:len(body) // 2 * 2])
    out: list[int] = []
    i = 0
    while i < len(units):
        c = units[i]
        if c >= 32:
            out.append(c)
            i += 1
            continue
        if c in _GAP:
            out.append(32)
        elif c == 24:  # a hyphen
            out.append(0x2D)
        i += 8 if c in _WIDE else 1
    return struct.pack(f"<{len(out)}H", *out).decode("utf-16-le", errors="replace")


def _decompress(raw: bytes, compressed: bool, name: str) -> bytes:
    if not compressed:
        return raw
    try:
        return zlib.decompressobj(-15).decompress(raw)
    except zlib.error as exc:
        raise HwpError(f"stream {name} does not decompress ({exc})") from exc


def _style_ranks(docinfo: bytes) -> dict[int, int]:
    """Style index -> title rank, for ``DocInfo``'s outline and heading styles (개요 N / Outline N / Heading N:
    N; Title / 제목: 0)."""
    ranks, index = {}, 0
    for tag, _, body in records(docinfo):
        if tag != STYLE:
            continue
        names = []
        try:
            at = 0
            for _ in range(2):  # the local name, then the English one: a length, then UTF-16 units
                (n,) = struct.unpack_from("<H", body, at)
                names.append(body[at + 2:at + 2 + 2 * n].decode("utf-16-le", errors="replace").strip())
                at += 2 + 2 * n
        except struct.error:
            pass
        for name in names:
            rank = style_rank(name)
            if rank is not None:
                ranks[index] = rank
                break
        index += 1
    return ranks


def _cell_address(body: bytes, table: _Table) -> tuple[int, int]:
    """A cell's (row, column) from its list header (a paragraph count, flags, then the column and row), or its
    place in the order cells come when the header is short."""
    table.count += 1
    if len(body) >= 12:
        col, row = struct.unpack_from("<HH", body, 8)
        return row, col
    columns = table.columns or 1
    return (table.count - 1) // columns, (table.count - 1) % columns


def _table_blocks(table: _Table) -> list[tuple[str, int | None]]:
    """The caption (a paragraph of its own, before the table), then the table: its rows, tab-separated; or, for a
    table of one column (a box: Korean reports set a summary, a part's title or a note in one), its paragraphs, each
    a block with its title rank, as the text they are."""
    caption = one_line(" ".join(table.caption))
    out: list[tuple[str, int | None]] = [(caption, None)] if caption else []
    if table.cells and all(col == 0 for _, col in table.cells):
        return out + [item for _, items in sorted(table.cells.items()) for item in items if item[0].strip()]
    rows: dict[int, dict[int, str]] = {}
    for (row, col), items in table.cells.items():
        rows.setdefault(row, {})[col] = " ".join(text for text, _ in items)
    text = table_text([cells[c] for c in sorted(cells)] for _, cells in sorted(rows.items()))
    return out + ([(text, None)] if text else [])


def _section(data: bytes, ranks: dict[int, int], out: Blocks) -> None:
    tables: list[_Table] = []  # the tables open at this record, innermost last
    skip_level: int | None = None  # inside a header or footer: its control's level
    style = 0

    def emit(blocks: list[tuple[str, int | None]]) -> None:
        """Into the innermost open table's cell (or its caption), else the document."""
        if not tables:
            for text, rank in blocks:
                if text.strip():
                    out.add(text, rank)
            return
        table = tables[-1]
        if table.current is not None:
            table.cells.setdefault(table.current, []).extend(blocks)
        elif not table.body_seen:
            table.caption.extend(text for text, _ in blocks)

    for tag, level, body in records(data):
        if skip_level is not None and level <= skip_level:
            skip_level = None
        while tables and level <= tables[-1].level:
            emit(_table_blocks(tables.pop()))
        if skip_level is not None:
            continue
        if tag == CTRL_HEADER and len(body) >= 4:
            control = body[:4][::-1].decode("latin-1")
            if control in _SKIPPED_CONTROLS:
                skip_level = level
            elif control == "tbl ":
                tables.append(_Table(level))
        elif tag == TABLE and tables and len(body) >= 8:
            tables[-1].columns = struct.unpack_from("<H", body, 6)[0]
            tables[-1].body_seen = True
        elif tag == LIST_HEADER and tables and level == tables[-1].level + 1:
            table = tables[-1]
            table.current = _cell_address(body, table) if table.body_seen else None  # else the caption's
        elif tag == PARA_HEADER and len(body) >= 11:
            style = body[10]
        elif tag == PARA_TEXT:
            emit([(para_text(body), ranks.get(style))])
    while tables:
        emit(_table_blocks(tables.pop()))


def read_hwp(path: Path) -> Blocks:
    import olefile

    try:
        if not olefile.isOleFile(str(path)):
            raise HwpError(f"{path.name} is not an HWP 5 document (an HWP 3 file, or not 한글's): save it as .hwpx "
                           "or PDF")
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("FileHeader"):
                raise HwpError(f"{path.name} is an OLE file without a FileHeader: not an HWP document")
            header = ole.openstream("FileHeader").read()
            if not header.startswith(SIGNATURE) or len(header) < 40:
                raise HwpError(f"{path.name} has no HWP signature: not an HWP 5 document")
            (flags,) = struct.unpack_from("<I", header, 36)
            if flags & _PASSWORD:
                raise HwpError(f"{path.name} is password-protected: open it in 한글 and save it without a password "
                               "(or as PDF)")
            compressed, distribution = bool(flags & _COMPRESSED), bool(flags & _DISTRIBUTION)
            ranks = _style_ranks(_decompress(ole.openstream("DocInfo").read(), compressed, "DocInfo")) \
                if ole.exists("DocInfo") else {}
            folder = "ViewText" if distribution else "BodyText"
            sections = sorted((int(m.group(2)), name) for entry in ole.listdir()
                              if (m := _SECTION.match(name := "/".join(entry))) and m.group(1) == folder)
            if not sections:
                raise HwpError(f"{path.name} has no {folder}/Section*: not an HWP 5 document")
            out = Blocks()
            for _, name in sections:
                raw = ole.openstream(name).read()
                if distribution:
                    raw = _decrypted(raw, name)
                _section(_decompress(raw, compressed, name), ranks, out)
            out.title = _title(ole)
    except (OSError, struct.error) as exc:
        raise HwpError(f"{path.name} is not a readable .hwp ({exc.__class__.__name__}: {exc})") from exc
    return out


def distribution_key(payload: bytes) -> bytes:
    """The AES-128 key a distribution document's first record (256 bytes) holds: the bytes after the first four
    are XORed with values of the MSVC ``rand()`` sequence seeded by the first four (each value used 1-16 times, the
    count drawn from the same sequence), and the key is the 16 bytes at 4 + (the seed's low four bits)."""
    data = bytearray(payload)
    state = int.from_bytes(data[:4], "little")

    def rand() -> int:
        nonlocal state
        state = (state * 214013 + 2531011) & 0xFFFFFFFF
        return (state >> 16) & 0x7FFF

    left, value = 0, 0
    for i in range(256):
        if left == 0:
            value = rand() & 0xFF
            left = (rand() & 0xF) + 1
        if i >= 4:
            data[i] ^= value
        left -= 1
    at = 4 + (data[0] & 0xF)
    return bytes(data[at:at + 16])


def _decrypted(raw: bytes, name: str) -> bytes:
    """A distribution document's section: its first record gives the key, the rest is AES-128-ECB."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    first = next(records(raw[:4 + 256]), None)
    if first is None or first[0] != DISTRIBUTE_DOC_DATA or len(first[2]) != 256:
        raise HwpError(f"stream {name} does not open with the distribution record: not a readable 배포용 document")
    tail = raw[4 + 256:]
    decryptor = Cipher(algorithms.AES(distribution_key(first[2])), modes.ECB()).decryptor()
    return decryptor.update(tail[:len(tail) // 16 * 16]) + decryptor.finalize()


def _title(ole) -> str:
    """The title of the document's summary (``HwpSummaryInformation``, property 2), if it has one."""
    name = "\x05HwpSummaryInformation"
    if not ole.exists(name):
        return ""
    try:
        title = ole.getproperties(name).get(2)
    except Exception:  # noqa: BLE001 - a damaged summary loses the title, not the document
        return ""
    return one_line(title) if isinstance(title, str) else ""
