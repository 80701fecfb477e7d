"""Coordinate search over a grid of constants: the optimizer eval/fit_retrieval.py and eval/fit_extractive.py share."""

from __future__ import annotations

from typing import Callable


def coordinate_search(evaluate: Callable[[dict], float], start: dict, grid: dict[str, tuple], margin: float,
                      max_passes: int = 3) -> tuple[dict, float]:
    """From ``start``, one constant at a time over its grid values, the others held; a value replaces the
    current one only when its objective beats the current point's by more than ``margin``, and passes repeat
    until none moves. Returns the chosen point and its objective (``evaluate`` should cache: points repeat)."""
    current, now = dict(start), evaluate(start)
    for _ in range(max_passes):
        moved = False
        for key, values in grid.items():
            score, v = max((evaluate({**current, key: v}), v) for v in values)
            if score > now + margin:
                current, now, moved = {**current, key: v}, score, True
        if not moved:
            break
    return current, now
