"""The matches `n` and `N` step through: search hits, or the mentions of a person or place.

Textual-free: the reader shows the spans and moves its cursor; this keeps
which match is current and where the next one is.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

Span = tuple[int, int]


class MatchCursor:
    """Spans of the body in text order, what they are matches for, and which one is current."""

    def __init__(self, spans: Iterable[Span] = (), label: str = "") -> None:
        self.spans: list[Span] = sorted(spans)
        self.label = label
        self.index = -1  # none is current until the first step

    def __bool__(self) -> bool:
        """Something to show: matches, or a query that has none."""
        return bool(self.spans or self.label)

    @property
    def current(self) -> Span | None:
        return self.spans[self.index] if 0 <= self.index < len(self.spans) else None

    @property
    def counter(self) -> str:
        """`3/7`: the current match's number (0 before the first step) out of all of them."""
        return f"{self.index + 1}/{len(self.spans)}"

    def first(self) -> Span | None:
        if not self.spans:
            return None
        self.index = 0
        return self.spans[0]

    def step(self, forward: bool, sentence: Span) -> Span | None:
        """The next or previous match, wrapping around; None if there are no matches.

        From the current match while it lies in `sentence` (the reader's cursor); once the
        cursor has moved elsewhere, from the first match at or after the sentence's start.
        """
        if not self.spans:
            return None
        start, end = sentence
        current = self.current
        if current is not None and start <= current[0] < max(end, start + 1):
            index = self.index + (1 if forward else -1)
        else:
            index = bisect_left(self.spans, (start, -1)) - (0 if forward else 1)
        self.index = index % len(self.spans)
        return self.spans[self.index]
