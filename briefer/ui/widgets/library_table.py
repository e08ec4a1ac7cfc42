"""The library's table, drawn line by line (Line API): 20,000 rows cost what the visible ones do.

Textual's DataTable builds and measures every row as it is added: 4.8 s for
20,000 briefings on this machine, and the library refilled it at every key
typed in its filter. Here the table holds the items and three functions (a
row's cells, its key, its height); a row's cells are built when it is first
drawn, so filtering 20,000 briefings costs the filtering and one screenful.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_GAP = 2  # spaces between columns
CACHED_ROWS = 2_000  # cells kept for rows drawn lately; scrolling through all of them starts afresh


@dataclass(frozen=True)
class Column:
    label: str
    width: int | None  # None: the one column that takes the width left over
    justify: Literal["left", "right"] = "left"


class LibraryTable(ScrollView, can_focus=False):
    """Rows of Text cells (never markup) under a fixed header, one cursor row; a click on the
    cursor row selects it. It never takes the keyboard: the library's filter keeps it."""

    COMPONENT_CLASSES = {
        "library-table--header",
        "library-table--cursor",
        "library-table--even-row",
        "library-table--group",
    }

    DEFAULT_CSS = """
    LibraryTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    LibraryTable > .library-table--header { text-style: bold; background: $panel; color: $foreground; }
    LibraryTable > .library-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    LibraryTable > .library-table--even-row { background: $surface-lighten-1 50%; }
    LibraryTable > .library-table--group { text-style: bold; color: $accent; }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class RowSelected(Message):
        """A click on the cursor row."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(
        self,
        columns: Sequence[Column],
        cells: Callable[[Any], Sequence[Text]],
        key: Callable[[Any], str],
        height: Callable[[Any], int],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self._cells_of, self._key_of, self._height_of = cells, key, height
        self._items: Sequence[Any] = ()
        self._tops: list[int] | None = None  # first line of each row, when some rows are taller
        self._line_count = 0
        self._cells: dict[int, Sequence[Text]] = {}
        self._rows_by_key: dict[str, int] | None = None  # built when first asked for
        self._headings: dict[int, Text] = {}  # row index -> the heading drawn above it

    # ----- content ------------------------------------------------------------

    def show(
        self,
        items: Sequence[Any],
        cursor_key: str | None = None,
        fallback_row: int | None = None,
        headings: dict[int, Text] | None = None,
    ) -> None:
        """Show `items`; the cursor on the row of `cursor_key` if shown, else on `fallback_row`
        (kept within the rows), else on the first row. `headings` (by row index): a group's
        heading, drawn on a line of its own above that row (the day's group)."""
        self._items = items
        self._headings = headings or {}
        self._cells.clear()
        self._rows_by_key = None
        heights = [self._height_of(item) + (index in self._headings) for index, item in enumerate(items)]
        if any(h != 1 for h in heights):
            tops, line = [], 0
            for h in heights:
                tops.append(line)
                line += h
            self._tops, self._line_count = tops, line
        else:
            self._tops, self._line_count = None, len(items)
        row = fallback_row or 0
        if cursor_key is not None:
            row = next((i for i, item in enumerate(items) if self._key_of(item) == cursor_key), row)
        self._update_virtual_size()
        self.cursor_row = row
        self.refresh()

    def redraw(self) -> None:
        """Build every row's cells again when next drawn (what they show changed)."""
        self._cells.clear()
        self.refresh()

    @property
    def items(self) -> Sequence[Any]:
        return self._items

    @property
    def row_count(self) -> int:
        return len(self._items)

    def get_row_at(self, index: int) -> Sequence[Text]:
        """The cells of a row, as drawn."""
        cells = self._cells.get(index)
        if cells is None:
            if len(self._cells) > CACHED_ROWS:
                self._cells.clear()
            cells = self._cells[index] = self._cells_of(self._items[index])
        return cells

    def get_row(self, key: str) -> Sequence[Text]:
        """The cells of the row shown for `key` (KeyError if it is not shown)."""
        if self._rows_by_key is None:
            self._rows_by_key = {self._key_of(item): index for index, item in enumerate(self._items)}
        return self.get_row_at(self._rows_by_key[key])

    def key_at(self, index: int) -> str:
        return self._key_of(self._items[index])

    @property
    def selected_key(self) -> str | None:
        return self.key_at(self.cursor_row) if self._items else None

    # ----- cursor -------------------------------------------------------------

    def validate_cursor_row(self, value: int) -> int:
        return min(max(value, 0), max(len(self._items) - 1, 0))

    def watch_cursor_row(self, row: int) -> None:
        self._scroll_to_row(row)
        self.refresh()

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    def _row_top(self, index: int) -> int:
        return self._tops[index] if self._tops is not None else index

    def _row_height(self, index: int) -> int:
        if self._tops is None:
            return 1
        end = self._tops[index + 1] if index + 1 < len(self._tops) else self._line_count
        return end - self._tops[index]

    def _row_at(self, line: int) -> tuple[int, int] | None:
        """(row, line within it) of a row line, or None below the rows."""
        if not 0 <= line < self._line_count:
            return None
        if self._tops is None:
            return line, 0
        index = bisect_right(self._tops, line) - 1
        return index, line - self._tops[index]

    def _scroll_to_row(self, row: int) -> None:
        rows_shown = self.scrollable_content_region.height - 1  # under the header
        if not self._items or rows_shown <= 0:
            return
        top, height = self._row_top(row), self._row_height(row)
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + height > self.scroll_y + rows_shown:
            self.scroll_to(y=top + height - rows_shown, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._scroll_to_row(self.cursor_row)

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._line_count + 1)

    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            return  # the header
        located = self._row_at(event.y - 1 + round(self.scroll_y))
        if located is None:
            return
        if located[0] == self.cursor_row:
            self.post_message(self.RowSelected(self.key_at(located[0])))
        else:
            self.cursor_row = located[0]

    # ----- drawing ------------------------------------------------------------

    def widths(self, total: int) -> list[int]:
        """Each column's width in `total` cells: the flexible one takes what the others leave."""
        fixed = sum(c.width for c in self.columns if c.width) + CELL_GAP * len(self.columns)
        return [c.width or max(20, total - fixed) for c in self.columns]

    def _line(self, parts: Sequence[Text], widths: list[int]) -> Text:
        line = Text(" ")
        for column, part, width in zip(self.columns, parts, widths, strict=True):
            cell = part.copy()
            cell.truncate(width, overflow="ellipsis")
            cell.align(column.justify, width)
            line.append_text(cell)
            line.append(" " * CELL_GAP)
        return line

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = self.widths(width)
        if y == 0:
            header = self._line([Text(c.label) for c in self.columns], widths)
            return self._strip(header, width, self.get_component_rich_style("library-table--header"))
        located = self._row_at(y - 1 + round(self.scroll_y))
        if located is None:
            return Strip.blank(width, self.rich_style)
        index, within = located
        if index in self._headings:
            if within == 0:
                heading = Text(" ").append_text(self._headings[index])
                return self._strip(
                    heading, width, self.rich_style + self.get_component_rich_style("library-table--group")
                )
            within -= 1
        cells = self.get_row_at(index)
        # A taller row's further lines are its first cell's further lines (a search hit's passage).
        if within:
            lines = cells[0].split("\n")
            parts = [lines[within] if within < len(lines) else Text(), *(Text() for _ in cells[1:])]
        else:
            parts = [cell.split("\n")[0] for cell in cells]
        style = self.rich_style
        if index == self.cursor_row:
            style += self.get_component_rich_style("library-table--cursor")
        elif index % 2:
            style += self.get_component_rich_style("library-table--even-row")
        return self._strip(self._line(parts, widths), width, style)

    def _strip(self, line: Text, width: int, style: Style) -> Strip:
        segments = list(line.render(self.app.console, end=""))
        return Strip(segments).crop_extend(0, width, style).apply_style(style)
