"""The desk's results as a line of text shows them (a sparkline: the views, the CLI, the digest)
and as JSON-ready data."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

BARS = "▁▂▃▄▅▆▇█"
NONE = " "  # a day without a mention: a gap, so one mention is not mistaken for none


def sparkline(counts: Sequence[int], width: int) -> str:
    """`counts` (oldest first) in at most `width` characters: consecutive counts are summed into
    one bar when there are more than `width`; bars scale to the largest."""
    if not counts or width <= 0:
        return ""
    per_bar = -(-len(counts) // width)  # ceiling: every count lands in a bar
    # The newest bar is whole: the grouping starts from the end.
    lead = (-len(counts)) % per_bar
    padded = [0] * lead + list(counts)
    sums = [sum(padded[i : i + per_bar]) for i in range(0, len(padded), per_bar)]
    top = max(sums)
    if top <= 0:
        return NONE * len(sums)
    return "".join(NONE if s <= 0 else BARS[max(0, -(-s * len(BARS) // top) - 1)] for s in sums)


def as_data(value: object) -> object:
    """A desk result (data classes, tuples, paths) as JSON-ready data: paths as strings,
    an actor's folded `forms` left out (its key and aliases say it)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: as_data(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.name != "forms"
        }
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple: an object
        return {name: as_data(item) for name, item in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [as_data(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return value
