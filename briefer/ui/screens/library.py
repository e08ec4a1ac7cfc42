"""The library: every briefing in the folders, filtered as you type."""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from briefer.briefing.sanitize import clean_text
from briefer.library import LibraryEntry, scan

SORTS = ("date", "title")


class LibraryTable(DataTable):
    """The briefings table, with vim keys."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="library-down"),
        Binding("k", "cursor_up", "Up", show=False, id="library-up"),
        Binding("g", "scroll_top", "Top", show=False, id="library-top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="library-bottom"),
    ]


class LibraryScreen(Screen):
    """Lists the briefings of the folders; `enter` opens one."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="open"),
        Binding("s", "sort", "Sort", id="sort"),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter"),
        Binding("q", "app.quit", "Quit", id="library-quit"),
    ]

    def __init__(self, folders: list[Path]) -> None:
        super().__init__()
        self.folders = folders
        self.entries: list[LibraryEntry] = []
        self.sort_key = "date"
        self.note_counts: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        folders = ", ".join(clean_text(str(f)) for f in self.folders)
        yield Static(Text(f"briefer · {folders}"), id="library-title")
        yield Input(placeholder="Type to filter by title, source or path", id="library-filter")
        yield LibraryTable(cursor_type="row", zebra_stripes=True, id="library-table")
        yield Static("", id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(LibraryTable)
        table.add_column("Title", key="title")
        table.add_column("Date", key="date", width=10)
        table.add_column("Source", key="source")
        table.add_column("Words", key="words", width=7)
        table.add_column("Notes", key="notes", width=5)
        table.focus()
        self.load_entries()

    @work(thread=True, exclusive=True, group="library-scan")
    def load_entries(self) -> None:
        entries = scan(self.folders)
        self.app.call_from_thread(self._show_entries, entries)

    def _show_entries(self, entries: list[LibraryEntry]) -> None:
        self.entries = entries
        self.refresh_table()

    def refresh_note_counts(self, counts: dict[str, int]) -> None:
        self.note_counts = counts
        self.refresh_table()

    @property
    def filter_text(self) -> str:
        return self.query_one("#library-filter", Input).value.strip().casefold()

    def visible_entries(self) -> list[LibraryEntry]:
        words = self.filter_text.split()
        shown = [e for e in self.entries if all(w in _haystack(e) for w in words)]
        if self.sort_key == "date":
            # Newest first; undated after dated, then by title.
            shown.sort(key=lambda e: e.title.casefold())
            shown.sort(key=lambda e: e.date or "", reverse=True)
        else:
            shown.sort(key=lambda e: e.title.casefold())
        return shown

    def refresh_table(self) -> None:
        table = self.query_one(LibraryTable)
        selected = self.selected_entry()
        table.clear()
        shown = self.visible_entries()
        for entry in shown:
            style = "dim" if entry.error else ""
            title = clean_text(entry.title)
            if entry.error:
                title = f"{title}  ({clean_text(entry.error)})"
            notes = self.note_counts.get(entry.briefing_id or "", 0)
            table.add_row(
                Text(title, style=style),
                Text(entry.date or "", style=style),
                Text(clean_text(entry.source or ""), style=style),
                Text(str(entry.words) if not entry.error else "", style=style, justify="right"),
                Text(str(notes), style=style, justify="right"),
                key=str(entry.path),
            )
        if selected is not None and selected in shown:
            table.move_cursor(row=shown.index(selected))
        status = f"{len(shown)} of {len(self.entries)} briefings · sorted by {self.sort_key}"
        self.query_one("#library-status", Static).update(Text(status))

    def selected_entry(self) -> LibraryEntry | None:
        table = self.query_one(LibraryTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((e for e in self.entries if str(e.path) == key), None)

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self) -> None:
        self.query_one(LibraryTable).focus()
        self.action_open()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def on_key(self, event) -> None:
        # Typing in the table starts a filter: a printable key that is bound to nothing goes to the input.
        table = self.query_one(LibraryTable)
        unbound = event.key not in self.active_bindings
        if self.focused is table and event.is_printable and event.character and unbound:
            field = self.query_one("#library-filter", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()
        elif self.focused is self.query_one("#library-filter", Input) and event.key in ("down", "up"):
            table.focus()
            table.action_cursor_down() if event.key == "down" else table.action_cursor_up()
            event.stop()

    def action_open(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if entry.error:
            self.notify(clean_text(entry.error), title="Cannot open", severity="error", markup=False)
            return
        self.app.open_briefing(entry.path)

    def action_sort(self) -> None:
        self.sort_key = SORTS[(SORTS.index(self.sort_key) + 1) % len(SORTS)]
        self.refresh_table()

    def action_filter(self) -> None:
        self.query_one("#library-filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#library-filter", Input)
        field.value = ""
        self.query_one(LibraryTable).focus()


def _haystack(entry: LibraryEntry) -> str:
    return f"{entry.title} {entry.source or ''} {entry.path}".casefold()
