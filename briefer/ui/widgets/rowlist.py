"""A list of multi-line rows drawn line by line (Line API).

Textual's OptionList lays out every option up front and again on every
prompt change (about 2 s for 10,000 rows, 0.9 s to re-mark one), which a
2 MB briefing's thousands of dates and events make unusable. Here a row is
measured by its line count, only visible lines are rendered, and marking
rows costs a refresh.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class Row(Protocol):
    """What a row list needs of a row: its text (built when first drawn) and its height in lines."""

    @property
    def label(self) -> Text: ...

    @property
    def height(self) -> int: ...


@dataclass
class TextRow:
    label: Text

    @property
    def height(self) -> int:
        return self.label.plain.count("\n") + 1


@dataclass(frozen=True)
class RowLayout:
    """Rows with their first lines: measured once, and in a worker thread for long lists."""

    rows: Sequence[Row]
    selectable: Sequence[bool]
    tops: list[int]  # first line of each row
    line_count: int

    @classmethod
    def of(cls, rows: Sequence[Row], selectable: Sequence[bool]) -> RowLayout:
        tops, line = [], 0
        for row in rows:
            tops.append(line)
            line += row.height
        return cls(rows, selectable, tops, line)


class RowList(ScrollView, can_focus=True):
    """Rows of rich Text (never markup); a highlighted row; `enter` or a click selects it.

    Rows are one line each (or their own line breaks), cut at the edge; the highlighted row is
    wrapped in full, so a long quote or note reads without leaving the list.
    """

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--heading", "row-list--message"}

    DEFAULT_CSS = """
    RowList {
        background: $surface;
        scrollbar-gutter: stable;
    }
    RowList > .row-list--cursor { background: $accent 30%; }
    RowList:focus > .row-list--cursor { background: $accent 60%; }
    RowList > .row-list--heading { text-style: bold underline; }
    RowList > .row-list--message { color: $text-muted; text-style: italic; }
    """

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="pane-down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="pane-up"),
        Binding("g,home", "first", "First", show=False, id="pane-top"),
        Binding("G,end", "last", "Last", show=False, id="pane-bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="pane-page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="pane-page-up"),
        Binding("enter", "select", "Choose", id="pane-choose"),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Selected(Message):
        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._layout = RowLayout.of([], [])
        self._split_cache: dict[int, list[list[Segment]]] = {}
        # The highlighted row wrapped at the list's width: (row, width, its lines).
        self._expanded: tuple[int, int, list[list[Segment]]] | None = None
        self.message: str | None = None

    # ----- content ------------------------------------------------------------

    def set_rows(self, layout: RowLayout) -> None:
        self._layout = layout
        self._split_cache.clear()
        self._expanded = None
        self.message = None
        self.highlighted = next((i for i, ok in enumerate(layout.selectable) if ok), None)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def set_message(self, message: str) -> None:
        self.set_rows(RowLayout.of([TextRow(Text(message))], [False]))
        self.message = message

    @property
    def row_count(self) -> int:
        return len(self._layout.rows)

    def row_prefix(self, index: int) -> Text | None:
        """A prefix drawn before a row's first line (subclasses mark rows this way)."""
        return None

    # ----- cursor -------------------------------------------------------------

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self._layout.rows:
            return None
        return min(max(value, 0), len(self._layout.rows) - 1)

    def watch_highlighted(self, value: int | None) -> None:
        self._update_virtual_size()
        self._show_highlighted()
        self.refresh()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(
            self.scrollable_content_region.width, self._layout.line_count + self._extra_lines()
        )

    def _show_highlighted(self) -> None:
        # Before its first layout the list has no height, and scrolling a row "into view" would
        # scroll past the heading above it; on_resize shows the row once there is a viewport.
        if self.highlighted is not None and self._layout.tops and self.size.height:
            top = self._row_top(self.highlighted)
            height = self._row_height(self.highlighted) + self._extra_lines()
            self.scroll_to_region(Region(0, top, 1, height), animate=False, force=True, immediate=True)

    def _row_height(self, index: int) -> int:
        """The row's height as laid out, one line per line break (the highlighted row may wrap to more)."""
        end = self._layout.tops[index + 1] if index + 1 < len(self._layout.tops) else self._layout.line_count
        return end - self._layout.tops[index]

    def _expanded_lines(self) -> list[list[Segment]] | None:
        """The highlighted row wrapped in full at the list's width, or None when nothing is highlighted."""
        index, width = self.highlighted, self.scrollable_content_region.width
        if index is None or width <= 0 or self.message is not None or not self.is_mounted:
            return None
        if self._expanded is None or self._expanded[:2] != (index, width):
            console = self.app.console
            lines = [
                list(line.render(console, end=""))
                for text in self._row_texts(index)
                for line in text.wrap(console, width, overflow="fold")
            ]
            self._expanded = (index, width, lines)
        return self._expanded[2]

    def _extra_lines(self) -> int:
        lines = self._expanded_lines()
        return (
            0
            if lines is None or self.highlighted is None
            else len(lines) - self._row_height(self.highlighted)
        )

    def _row_top(self, index: int) -> int:
        """The first line of a row on screen: rows below the highlighted one move down by its wrapping."""
        top = self._layout.tops[index]
        return top + self._extra_lines() if self.highlighted is not None and index > self.highlighted else top

    def _row_at(self, line: int) -> tuple[int, int] | None:
        """(row, line within it) of a virtual line, or None below the rows."""
        highlighted, extra = self.highlighted, self._extra_lines()
        if highlighted is not None:
            top = self._layout.tops[highlighted]
            if top <= line < top + self._row_height(highlighted) + extra:
                return highlighted, line - top
            if line >= top:
                line -= extra
        if not 0 <= line < self._layout.line_count:
            return None
        index = bisect_right(self._layout.tops, line) - 1
        return index, line - self._layout.tops[index]

    def _step(self, direction: int, start: int | None = None) -> None:
        if not self._layout.rows:
            return
        index = (self.highlighted if self.highlighted is not None else -direction) if start is None else start
        index += direction
        while 0 <= index < len(self._layout.rows):
            if self._layout.selectable[index]:
                self.highlighted = index
                return
            index += direction

    def action_cursor_down(self) -> None:
        self._step(+1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        self._step(+1, start=-1)

    def action_last(self) -> None:
        self._step(-1, start=len(self._layout.rows))

    def _page(self, direction: int) -> None:
        if self.highlighted is None:
            return
        target_line = self._layout.tops[self.highlighted] + direction * max(self.size.height - 1, 1)
        index = max(0, min(len(self._layout.rows) - 1, bisect_right(self._layout.tops, target_line) - 1))
        if self._layout.selectable[index]:
            self.highlighted = index
        else:
            self._step(direction, start=index)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        if self.highlighted is not None and self._layout.selectable[self.highlighted]:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        located = self._row_at(event.y + round(self.scroll_y))
        if located is None:
            return
        index = located[0]
        if self._layout.selectable[index]:
            self.highlighted = index
            self.post_message(self.Selected(self, index))

    # ----- rendering ----------------------------------------------------------

    def _lines_of(self, index: int) -> list[list[Segment]]:
        """The row's lines as segments, rendered once (rich rendering is the costly part)."""
        lines = self._split_cache.get(index)
        if lines is None:
            console = self.app.console
            lines = [list(text.render(console, end="")) for text in self._row_texts(index)]
            if len(self._split_cache) > 2000:
                self._split_cache.clear()
            self._split_cache[index] = lines
        return lines

    def _row_texts(self, index: int) -> list[Text]:
        """The row's lines as Text, with its prefix on the first and room for it on the rest."""
        texts = list(self._layout.rows[index].label.split("\n", allow_blank=True))
        prefix = self.row_prefix(index)
        if prefix is not None and texts:
            texts[0] = prefix + texts[0]
            texts[1:] = [Text(" " * len(prefix.plain)) + rest for rest in texts[1:]]
        return texts

    def forget_rendering(self, indices) -> None:
        """Rows whose prefix changed are rendered again; only those on screen are repainted."""
        width = self.size.width
        top, bottom = round(self.scroll_y), round(self.scroll_y) + self.size.height
        for index in indices:
            self._split_cache.pop(index, None)
            if index == self.highlighted:
                self._expanded = None
            row_top = self._row_top(index)
            row_bottom = (
                row_top + self._row_height(index) + (self._extra_lines() if index == self.highlighted else 0)
            )
            if row_bottom > top and row_top < bottom:
                self.refresh(Region(0, row_top - top, width, row_bottom - row_top))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        located = self._row_at(y + round(self.scroll_y))
        if located is None:
            return Strip.blank(width, base)
        index, offset = located
        expanded = self._expanded_lines() if index == self.highlighted else None
        lines = expanded if expanded is not None else self._lines_of(index)
        segments = lines[offset] if offset < len(lines) else []
        if self.message is not None:
            component = "row-list--message"
        elif not self._layout.selectable[index]:
            component = "row-list--heading"
        elif index == self.highlighted:
            component = "row-list--cursor"
        else:
            component = None
        style = base + self.get_component_rich_style(component, partial=True) if component else base
        return Strip(segments).crop_extend(0, width, base).apply_style(style)

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._show_highlighted()
