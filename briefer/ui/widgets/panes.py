"""The WHO / WHAT / WHEN / WHERE / NOTES panes: lists of items linked to body spans.

Each row is a `PaneItem` built from the Analysis (the object `briefer extract
--json` prints) or from the notes; rows are rendered as rich `Text`, never
markup.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rich.text import Text
from textual.binding import Binding

from briefer.briefing.sanitize import clean_text
from briefer.ui.widgets.rowlist import RowList

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
    _label: Text | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> Text:
        if self._label is None:
            self._label = Text()
            for value, style in self.parts:
                self._label.append(clean_text(value), style=style)
        return self._label

    @property
    def height(self) -> int:
        return 1 + sum(value.count("\n") for value, _ in self.parts)


def heading(title: str) -> PaneItem:
    return PaneItem(((title, "bold underline"),), heading=True)


def who_items(analysis: dict) -> list[PaneItem]:
    sections = (("person", "People"), ("organization", "Organisations"), ("group", "Groups"))
    items: list[PaneItem] = []
    for kind, title in sections:
        entities = [e for e in analysis.get("who", []) if e.get("kind") == kind]
        if not entities:
            continue
        items.append(heading(title))
        for entity in entities:
            items.append(entity_item(entity))
    return items


def where_items(analysis: dict) -> list[PaneItem]:
    places = analysis.get("where", [])
    return [entity_item(place) for place in places]


def entity_item(entity: dict) -> PaneItem:
    """Name and mention count first (they must survive a narrow pane), then role and aliases."""
    mentions = [tuple(m) for m in entity.get("mentions", [])]
    parts = [(entity["name"], "bold"), (f"  ×{len(mentions)}", "dim")]
    details = [entity["role"]] if entity.get("role") else []
    aliases = entity.get("aliases") or []
    if aliases:
        details.append("aka " + ", ".join(aliases))
    if details:
        parts.append(("\n  " + " · ".join(details), "italic"))
    return PaneItem(tuple(parts), mentions, mentions[0][0] if mentions else None, key=entity["name"])


def what_items(analysis: dict) -> list[PaneItem]:
    items: list[PaneItem] = []
    for entry in analysis.get("what", []):
        span = [(entry["start"], entry["end"])]
        kind = entry["kind"]
        if kind == "lede":
            parts = (("Lede  ", "bold reverse"), (" " + entry["text"], ""))
        elif kind == "quote":
            speaker = entry.get("speaker") or "unattributed"
            parts = ((speaker, "bold"), (": “", "dim"), (entry["text"], "italic"), ("”", "dim"))
        else:
            actors = ", ".join(entry.get("actors") or [])
            parts = (("• ", "dim"), (entry["text"], ""), (f"  ({actors})" if actors else "", "dim"))
        items.append(PaneItem(parts, span, entry["start"], key=entry["text"]))
    return items


def when_items(analysis: dict, body: str, sentences: list[tuple[int, int]]) -> list[PaneItem]:
    """A timeline: dated expressions by value, then the vague and unresolved ones, marked."""
    starts = [s for s, _ in sentences]
    dated, vague = [], []
    for entry in analysis.get("when", []):
        value = entry.get("value")
        index = max(0, bisect_left(starts, entry["start"] + 1) - 1)
        sentence_start = sentences[index][0] if sentences else 0
        context = " ".join(body[sentence_start:sentence_start + 90].split())[:60]
        span = [(entry["start"], entry["end"])]
        if value and value[:1].isdigit() and not value.startswith("P"):
            parts = ((value.ljust(10), "bold"), ("  " + entry["text"], ""), (f"\n  {context}", "dim"))
            dated.append((value, entry["start"], PaneItem(parts, span, entry["start"], key=entry["text"])))
        else:
            shown = value or "unresolved"
            parts = (("~ " + shown.ljust(8), "italic"), ("  " + entry["text"], ""), (f"\n  {context}", "dim"))
            vague.append((entry["start"], PaneItem(parts, span, entry["start"], key=entry["text"])))
    items = [item for _, _, item in sorted(dated, key=lambda d: (d[0], d[1]))]
    if vague:
        items.append(heading("Vague or unresolved"))
        items.extend(item for _, item in sorted(vague, key=lambda v: v[0]))
    return items


class PaneList(RowList):
    """A pane's rows; rows touching the document's current sentence carry a mark."""

    BINDINGS = [
        Binding("h", "screen.previous_pane", "Previous pane", show=False, id="pane-left"),
        Binding("l", "screen.next_pane", "Next pane", show=False, id="pane-right"),
    ]

    def __init__(self, *, empty_message: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[PaneItem] = []
        self.empty_message = empty_message
        self._marked: set[int] = set()
        # Every span of every row, sorted by start, with a running maximum of ends,
        # so the rows touching a sentence are found by two bisections.
        self._span_starts: list[int] = []
        self._span_max_ends: list[int] = []
        self._span_rows: list[tuple[int, int, int]] = []

    def show_message(self, message: str) -> None:
        """A one-line state (loading, empty, error) in place of the rows."""
        self.items = []
        self._marked = set()
        self._index_spans()
        self.set_message(message)

    def show_items(self, items: list[PaneItem]) -> None:
        if not items:
            self.show_message(self.empty_message)
            return
        previous = self.current_item.key if self.current_item is not None else None
        self.items = items
        self._marked = set()
        self._index_spans()
        self.set_rows(items, [not item.heading for item in items])
        if previous is not None:
            kept = next((i for i, item in enumerate(items) if item.key == previous and not item.heading), None)
            if kept is not None:
                self.highlighted = kept

    def _index_spans(self) -> None:
        spans = sorted((start, end, index) for index, item in enumerate(self.items) if not item.heading
                       for start, end in item.spans)
        running, max_ends = 0, []
        for _, end, _ in spans:
            running = max(running, end)
            max_ends.append(running)
        self._span_rows = spans
        self._span_starts = [start for start, _, _ in spans]
        self._span_max_ends = max_ends

    def rows_touching(self, start: int, end: int) -> set[int]:
        first = bisect_right(self._span_max_ends, start)
        last = bisect_left(self._span_starts, end)
        return {row for span_start, span_end, row in self._span_rows[first:last] if span_end > start}

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
