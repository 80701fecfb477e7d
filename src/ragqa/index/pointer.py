"""The index directory's pointer to its live build (``CURRENT``): readable without loading anything."""

from __future__ import annotations

from pathlib import Path


def current_build(index_dir: Path) -> Path | None:
    """The live build folder named in ``index_dir/CURRENT``, or None when there is none."""
    pointer = Path(index_dir) / "CURRENT"
    if not pointer.exists():
        return None
    name = pointer.read_text("utf-8").strip()
    return Path(index_dir) / name if name else None
