"""Coordinate search over a grid of constants: the optimizer eval/fit_retrieval.py and eval/fit_extractive.py share."""

from __future__ import annotations

import json
import sys
from typing import Callable


def coordinate_search(measure: Callable[[dict], dict], start: dict, grid: dict[str, tuple], margin: float,
                      max_passes: int = 3) -> tuple[dict, float, list[dict]]:
    """From ``start``, one constant at a time over its grid values, the others held; a value replaces the
    current one only when its objective beats the current point's by more than ``margin``, and passes repeat
    until none moves. ``measure(point)`` returns the point's figures with its ``"objective"``; each point is
    measured once. Returns the chosen point, its objective and every row measured ({"point": ..., figures}),
    the start first."""
    rows: list[dict] = []

    def evaluate(point: dict) -> float:
        for row in rows:
            if row["point"] == point:
                return row["objective"]
        row = {"point": dict(point), **measure(point)}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
        return row["objective"]

    current, now = dict(start), evaluate(start)
    for _ in range(max_passes):
        moved = False
        for key, values in grid.items():
            score, v = max((evaluate({**current, key: v}), v) for v in values)
            if score > now + margin:
                current, now, moved = {**current, key: v}, score, True
        if not moved:
            break
    return current, now, rows
