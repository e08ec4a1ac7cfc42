"""The desk's results as a terminal line shows them (a sparkline) and as JSON-ready data."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

BARS = "▁▂▃▄▅▆▇█"


def sparkline(counts: Sequence[int], width: int | None = None) -> str:
    """One character a day (or, for more days than `width`, a run of days summed): a space
    for none, then eight heights up to the busiest."""
    if width is not None and len(counts) > width > 0:
        counts = [
            sum(counts[len(counts) * slot // width : len(counts) * (slot + 1) // width])
            for slot in range(width)
        ]
    top = max(counts, default=0)
    if top == 0:
        return " " * len(counts)
    return "".join(
        " " if count == 0 else BARS[min((count * len(BARS) - 1) // top, len(BARS) - 1)] for count in counts
    )


def as_data(value: object) -> object:
    """A desk result (data classes, tuples, paths) as JSON-ready data: paths as strings,
    an actor's folded `forms` left out (its key and aliases say it)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: as_data(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.name != "forms"
        }
    if isinstance(value, list | tuple):
        return [as_data(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return value
