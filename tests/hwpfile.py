"""Small HWP 5 files for the tests: an OLE compound file (CFB version 3, 512-byte sectors, small streams in the
mini stream) holding a FileHeader, a DocInfo of styles and BodyText sections of records, as 한글 writes them.

Only what ragqa.ingest.hwp reads is written; the container is checked by reading it with olefile.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

FREE, END, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
SECTOR, MINI = 512, 64


def record(tag: int, level: int, body: bytes) -> bytes:
    if len(body) >= 0xFFF:
        return struct.pack("<II", tag | level << 10 | 0xFFF << 20, len(body)) + body
    return struct.pack("<I", tag | level << 10 | len(body) << 20) + body


def text_units(text: str) -> bytes:
    return text.encode("utf-16-le")


def control(code: int, ident: str) -> bytes:
    """An eight-unit control character in a paragraph's text (a table, a header, a tab ...)."""
    return struct.pack("<H", code) + ident[::-1].encode("latin-1") + b"\0" * 8 + struct.pack("<H", code)


def paragraph(text: bytes | str, level: int = 0, style: int = 0) -> bytes:
    """A PARA_HEADER (its style) and, when there is text, a PARA_TEXT ending with the paragraph mark."""
    units = (text_units(text) if isinstance(text, str) else text) + struct.pack("<H", 13)
    header = struct.pack("<IIHBB", len(units) // 2, 0, 0, style, 0) + b"\0" * 12
    return record(66, level, header) + record(67, level + 1, units)


def table(rows: list[list[str]], level: int = 1, caption: str = "") -> bytes:
    """A table control's records (after the paragraph that holds it): its header, its caption's list, its size, and
    each cell's list header (row and column) with the cell's paragraph."""
    out = record(71, level, b" lbt" + b"\0" * 40)
    if caption:
        out += record(72, level + 1, struct.pack("<hHI", 1, 0, 0) + struct.pack("<IIhI", 3, 0, 0, 0))
        out += paragraph(caption, level + 1)
    out += record(77, level + 1, struct.pack("<IHH", 0, len(rows), len(rows[0])) + b"\0" * 10)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            out += record(72, level + 1, struct.pack("<iIHHHH", 1, 0, c, r, 1, 1) + b"\0" * 22)
            out += paragraph(text, level + 1)
    return out


def style(name: str, english: str = "") -> bytes:
    body = struct.pack("<H", len(name)) + text_units(name) + struct.pack("<H", len(english)) + text_units(english)
    return record(26, 0, body + b"\0" * 10)


def file_header(flags: int) -> bytes:
    return b"HWP Document File".ljust(32, b"\0") + struct.pack("<II", 0x05000300, flags) + b"\0" * 216


def write_hwp(path: Path, sections: list[bytes], styles: list[str] = ("바탕글",), flags: int = 1,
              extra: dict[str, bytes] | None = None) -> None:
    """An .hwp at ``path`` with these BodyText sections (records) and DocInfo styles; ``flags`` bit 0 compresses
    the streams, bit 1 marks a password, bit 2 a distribution document."""
    def pack(data: bytes) -> bytes:
        if not flags & 1:
            return data
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush()

    streams = {"FileHeader": file_header(flags), "DocInfo": pack(b"".join(style(s) for s in styles))}
    for i, data in enumerate(sections):
        if flags & 4:  # a distribution document: its sections encrypted, in ViewText
            streams[f"ViewText/Section{i}"] = distribution_section(pack(data), seed=0x5EED0000 + i)
        else:
            streams[f"BodyText/Section{i}"] = pack(data)
    streams.update(extra or {})
    write_ole(path, streams)


def distribution_section(data: bytes, seed: int) -> bytes:
    """A 배포용 document's section as the specification describes it: a DISTRIBUTE_DOC_DATA record whose 256 bytes,
    after the four of the seed, are XORed with the MSVC rand() sequence the seed starts (each value for 1-16 bytes)
    and hold, at 4 + (seed & 15), the AES-128 key; then the section encrypted with it (ECB, zero-padded)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    plain = bytearray(seed.to_bytes(4, "little") + bytes((i * 37 + 11) & 0xFF for i in range(252)))
    at = 4 + (seed & 0xF)
    key = bytes(plain[at:at + 16])
    state, left, value = seed, 0, 0
    for i in range(256):
        if left == 0:
            state = (state * 214013 + 2531011) & 0xFFFFFFFF
            value = (state >> 16) & 0x7FFF & 0xFF
            state = (state * 214013 + 2531011) & 0xFFFFFFFF
            left = ((state >> 16) & 0x7FFF & 0xF) + 1
        if i >= 4:
            plain[i] ^= value
        left -= 1
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    padded = data + b"\0" * (-len(data) % 16)
    return record(28, 0, bytes(plain)) + encryptor.update(padded) + encryptor.finalize()


def write_ole(path: Path, streams: dict[str, bytes]) -> None:
    """A compound file with these streams (``Storage/Name`` paths, one storage level), every stream under 4096 bytes
    so in the mini stream."""
    assert all(len(d) < 4096 for d in streams.values())
    # directory: root, storages, streams; siblings chained through the right-sibling field
    entries = [{"name": "Root Entry", "type": 5, "kids": []}]
    storages: dict[str, int] = {}
    mini = bytearray()
    for full, data in streams.items():
        parent = 0
        if "/" in full:
            folder, name = full.split("/", 1)
            if folder not in storages:
                storages[folder] = len(entries)
                entries.append({"name": folder, "type": 1, "kids": []})
                entries[0]["kids"].append(storages[folder])
            parent = storages[folder]
        else:
            name = full
        start = len(mini) // MINI
        mini += data + b"\0" * (-len(data) % MINI)
        entries.append({"name": name, "type": 2, "kids": [], "start": start if data else END, "size": len(data)})
        entries[parent]["kids"].append(len(entries) - 1)
    minifat = []
    for e in entries:
        if e["type"] == 2 and e["size"]:
            n = -(-e["size"] // MINI)
            minifat += [e["start"] + k + 1 for k in range(n - 1)] + [END]
    for e in entries:
        e.setdefault("left", NOSTREAM)
        e.setdefault("right", NOSTREAM)
        e.setdefault("child", NOSTREAM)
        kids = e["kids"]
        if kids:
            e["child"] = kids[0]
            for a, b in zip(kids, kids[1:]):
                entries[a]["right"] = b
    # sectors: directory, mini FAT, mini stream, then the FAT itself
    dir_bytes = b"".join(_entry(e) for e in entries)
    dir_bytes += b"\0" * (-len(dir_bytes) % SECTOR)
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    minifat_bytes += b"\xff" * (-len(minifat_bytes) % SECTOR)
    mini_bytes = bytes(mini) + b"\0" * (-len(mini) % SECTOR)
    n_dir, n_minifat, n_mini = len(dir_bytes) // SECTOR, len(minifat_bytes) // SECTOR, len(mini_bytes) // SECTOR
    used = n_dir + n_minifat + n_mini
    n_fat = 1
    while used + n_fat > n_fat * (SECTOR // 4):
        n_fat += 1
    fat: list[int] = []
    for first, count in ((0, n_dir), (n_dir, n_minifat), (n_dir + n_minifat, n_mini)):
        fat += [first + k + 1 for k in range(count - 1)] + ([END] if count else [])
    fat += [FAT_SECTOR] * n_fat
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    entries[0]["start"], entries[0]["size"] = (n_dir + n_minifat, len(mini)) if mini else (END, 0)
    dir_bytes = b"".join(_entry(e) for e in entries)
    dir_bytes += b"\0" * (-len(dir_bytes) % SECTOR)
    difat = [used + k for k in range(n_fat)] + [FREE] * (109 - n_fat)
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, n_fat, 0, 0, 4096, n_dir if n_minifat else END,
                                        n_minifat, END, 0)
              + struct.pack("<109I", *difat))
    body = dir_bytes + minifat_bytes + mini_bytes + struct.pack(f"<{len(fat)}I", *fat)
    path.write_bytes(header + body)


def _entry(e: dict) -> bytes:
    name = e["name"].encode("utf-16-le") + b"\0\0"
    return (name.ljust(64, b"\0") + struct.pack("<HBB", len(name), e["type"], 1)
            + struct.pack("<III", e["left"], e["right"], e["child"]) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
            + struct.pack("<II", e.get("start", END) if e["type"] != 1 else 0, e.get("size", 0)) + b"\0" * 4)
