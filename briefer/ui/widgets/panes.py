"""The WHO / WHAT / WHEN / WHERE / NOTES panes: lists of items linked to body spans.

Each row is a `PaneItem` built from the Analysis (the object `briefer extract
--json` prints) or from the notes; rows are rendered as rich `Text`, never
markup.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from rich.text import Text
from textual.binding import Binding

from briefer.briefing.sanitize import clean_text
from briefer.extract.schema import Analysis, Span
from briefer.ui.widgets.rowlist import RowLayout, RowList
from briefer.ui.widgets.when_words import when_words

MARK = "▸ "
NO_MARK = "  "


@dataclass
class PaneItem:
    """One row: what it shows, the body spans it stands for, where `enter` jumps.

    The row is kept as (text, style) parts and turned into rich Text only when
    drawn: a long briefing has tens of thousands of rows and shows forty.
    """

    parts: tuple[tuple[str, str], ...]
    spans: list[tuple[int, int]] = field(default_factory=list)
    jump: int | None = None
    key: str = ""  # the entity name, quote text or note id the row stands for
    heading: bool = False
    # A dimmed second line worked out only when the row is drawn (a timeline's context, from the body).
    detail: Callable[[], str] | None = None
    _label: Text | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> Text:
        if self._label is None:
            self._label = Text()
            for value, style in self.parts:
                self._label.append(clean_text(value), style=style)
            if self.detail is not None:
                self._label.append("\n  " + clean_text(self.detail()), style="dim")
        return self._label

    @property
    def height(self) -> int:
        lines = 1 if self.detail is None else 2
        for value, _ in self.parts:
            if "\n" in value:  # rarely: a loop, not a generator, since a timeline has thousands of rows
                lines += value.count("\n")
        return lines


@dataclass(frozen=True)
class PaneRows:
    """A pane's items, laid out and indexed by body span: all the work of showing them that
    can be done in a worker thread, so that the event loop only swaps them in."""

    items: list[PaneItem]
    layout: RowLayout
    # Every span of every row, sorted by start, with a running maximum of ends,
    # so the rows touching a sentence are found by two bisections.
    span_rows: list[tuple[int, int, int]]
    span_starts: list[int]
    span_max_ends: list[int]

    @classmethod
    def of(cls, items: list[PaneItem]) -> PaneRows:
        spans = [
            (start, end, index)
            for index, item in enumerate(items)
            if not item.heading
            for start, end in item.spans
        ]
        spans.sort()
        running, max_ends = 0, []
        for _, end, _ in spans:
            if end > running:  # not max(): a call per span adds up over a long timeline
                running = end
            max_ends.append(running)
        layout = RowLayout.of(items, [not item.heading for item in items])
        return cls(items, layout, spans, [start for start, _, _ in spans], max_ends)


NO_ROWS = PaneRows.of([])


def heading(title: str) -> PaneItem:
    return PaneItem(((title, "bold underline"),), heading=True)


def who_items(analysis: Analysis) -> list[PaneItem]:
    sections = (("person", "People"), ("organization", "Organisations"), ("group", "Groups"))
    items: list[PaneItem] = []
    for kind, title in sections:
        entities = [e for e in analysis["who"] if e["kind"] == kind]
        if not entities:
            continue
        items.append(heading(title))
        for e in entities:
            items.append(entity_item(e["name"], e["mentions"], e["aliases"], e["role"]))
    return items


def where_items(analysis: Analysis) -> list[PaneItem]:
    return [entity_item(place["name"], place["mentions"], place["aliases"]) for place in analysis["where"]]


def entity_item(name: str, mentions: list[Span], aliases: list[str], role: str | None = None) -> PaneItem:
    """Name and mention count first (they must survive a narrow pane), then role and aliases."""
    spans = [(start, end) for start, end in mentions]
    parts = [(name, "bold"), (f"  ×{len(spans)}", "dim")]
    details = [role] if role else []
    if aliases:
        details.append("aka " + ", ".join(aliases))
    if details:
        parts.append(("\n  " + " · ".join(details), "italic"))
    return PaneItem(tuple(parts), spans, spans[0][0] if spans else None, key=name)


def what_items(analysis: Analysis) -> list[PaneItem]:
    items: list[PaneItem] = []
    for entry in analysis["what"]:
        span = [(entry["start"], entry["end"])]
        kind = entry["kind"]
        parts: tuple[tuple[str, str], ...]
        if kind == "lede":
            parts = (("Lede  ", "bold reverse"), (" " + entry["text"], ""))
        elif kind == "quote":
            speaker = entry["speaker"] or "unattributed"
            parts = ((speaker, "bold"), (": “", "dim"), (entry["text"], "italic"), ("”", "dim"))
        else:
            actors = ", ".join(entry.get("actors", []))
            parts = (("• ", "dim"), (entry["text"], ""), (f"  ({actors})" if actors else "", "dim"))
        items.append(PaneItem(parts, span, entry["start"], key=entry["text"]))
    return items


def when_items(analysis: Analysis, body: str, sentences: Sequence[tuple[int, int]]) -> list[PaneItem]:
    """A timeline: dated expressions by value, then the vague and unresolved ones, marked;
    each with the start of its sentence."""
    starts = [s for s, _ in sentences]
    dated: list[tuple[str, int, PaneItem]] = []
    vague: list[tuple[int, PaneItem]] = []
    for entry in analysis["when"]:
        value, start, text = entry["value"], entry["start"], entry["text"]
        context = partial(_sentence_start_text, body, starts, start)
        if value and value[:1].isdigit() and not value.startswith("P"):
            parts = ((value.ljust(10), "bold"), ("  " + text, ""))
            dated.append(
                (value, start, PaneItem(parts, [(start, entry["end"])], start, text, detail=context))
            )
        else:
            parts = (("~ " + when_words(value, text).ljust(8), "italic"), ("  " + text, ""))
            vague.append((start, PaneItem(parts, [(start, entry["end"])], start, text, detail=context)))
    dated.sort(key=lambda d: (d[0], d[1]))
    items = [item for _, _, item in dated]
    if vague:
        vague.sort(key=lambda v: v[0])
        items.append(heading("Vague or unresolved"))
        items.extend(item for _, item in vague)
    return items


def _sentence_start_text(body: str, sentence_starts: list[int], offset: int) -> str:
    index = max(0, bisect_right(sentence_starts, offset) - 1)
    start = sentence_starts[index] if sentence_starts else 0
    return " ".join(body[start : start + 90].split())[:60]


class PaneList(RowList):
    """A pane's rows; rows touching the document's current sentence carry a mark."""

    BINDINGS = [
        Binding("h", "screen.previous_pane", "Previous pane", show=False, id="pane-left"),
        Binding("l", "screen.next_pane", "Next pane", show=False, id="pane-right"),
    ]

    def __init__(self, *, empty_message: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty_message = empty_message
        self.rows = NO_ROWS
        self._marked: set[int] = set()

    @property
    def items(self) -> list[PaneItem]:
        return self.rows.items

    def show_message(self, message: str) -> None:
        """A one-line state (loading, empty, error) in place of the rows."""
        self.rows = NO_ROWS
        self._marked = set()
        self.set_message(message)

    def show_rows(self, rows: PaneRows) -> None:
        if not rows.items:
            self.show_message(self.empty_message)
            return
        previous = self.current_item.key if self.current_item is not None else None
        self.rows = rows
        self._marked = set()
        self.set_rows(rows.layout)
        if previous is not None:
            kept = next(
                (i for i, item in enumerate(rows.items) if item.key == previous and not item.heading), None
            )
            if kept is not None:
                self.highlighted = kept

    def rows_touching(self, start: int, end: int) -> set[int]:
        rows = self.rows
        first = bisect_right(rows.span_max_ends, start)
        last = bisect_left(rows.span_starts, end)
        return {row for span_start, span_end, row in rows.span_rows[first:last] if span_end > start}

    def row_prefix(self, index: int) -> Text | None:
        if self.message is not None or self.items[index].heading:
            return None
        return Text(MARK if index in self._marked else NO_MARK, style="bold")

    def mark_span(self, start: int, end: int) -> None:
        """Mark the rows whose spans touch body[start:end] (the document's current sentence)."""
        marked = self.rows_touching(start, end)
        changed = marked ^ self._marked
        self._marked = marked
        if changed:
            self.forget_rendering(changed)

    @property
    def marked(self) -> set[int]:
        return set(self._marked)

    @property
    def current_item(self) -> PaneItem | None:
        if self.highlighted is None or not self.items:
            return None
        return self.items[self.highlighted]
