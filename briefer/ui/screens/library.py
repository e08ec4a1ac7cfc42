"""The library: every briefing in the folders, filtered as you type."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from briefer.briefing.sanitize import clean_text
from briefer.notes.tags import has_tag
from briefer.ui.desk_keys import DESK_BINDINGS
from briefer.ui.screens.library_triage import LibraryTriage
from briefer.ui.widgets.footer import FittingFooter
from briefer.ui.widgets.library_table import Column, LibraryTable

if TYPE_CHECKING:  # the loader behind these is imported in the workers, after the first paint
    from briefer.library import LibraryEntry
    from briefer.search import Hit
    from briefer.ui.app import BrieferApp

SORTS = ("date", "title")
# The title takes the width left over.
COLUMNS = (
    Column("Title", None),
    Column("Date", 10),
    Column("Source", 18),
    Column("Words", 7, "right"),
    Column("Notes", 5, "right"),
)


class LibraryScreen(LibraryTriage):
    """Lists the briefings of the folders; `enter` opens one."""

    if TYPE_CHECKING:  # Textual's idiom for a typed `self.app`; at run time Textual's own property
        app = getters.app(BrieferApp)

    # Typing always filters: the filter keeps the keyboard, so no printable key is a
    # command here (as in fzf). Commands are on keys that cannot be typed.
    BINDINGS = [
        Binding("enter", "open", "Open", id="open"),
        Binding("down", "move(1)", "Move", show=False, id="library-down"),
        Binding("up", "move(-1)", "Move", show=False, id="library-up"),
        Binding("pagedown", "move_page(1)", "Page", show=False, id="library-page-down"),
        Binding("pageup", "move_page(-1)", "Page", show=False, id="library-page-up"),
        Binding("ctrl+home", "move_to(0)", "Top", show=False, id="library-top"),
        Binding("ctrl+end", "move_to(-1)", "Bottom", show=False, id="library-bottom"),
        # Priority: handled before the keys typed after it are handed to the focused field.
        Binding("ctrl+f", "search", "Search text", id="library-search", priority=True),
        Binding("ctrl+s", "sort", "Sort", id="sort"),
        Binding("ctrl+r", "fetch_feeds", "Fetch feeds", id="library-fetch-feeds"),
        # Priority: the filter would take ctrl+e as "end of line" (End does that too).
        Binding("ctrl+e", "export", "Export notes", id="library-export", priority=True),
        Binding("escape", "clear_filter", "Clear", id="clear-filter"),
        Binding("f1", "app.help", "Keys", id="library-help"),
        *DESK_BINDINGS,
    ]

    def __init__(self, folders: list[Path], warm_up: bool = True) -> None:
        super().__init__(folders, warm_up)
        self.sort_key = "date"
        self.hits: dict[str, Hit] | None = None  # full-text search results by path, when searching
        self.fetching: str | None = None  # the feeds being fetched, for the status line

    def compose(self) -> ComposeResult:
        folders = ", ".join(clean_text(shown_path(f)) for f in self.folders)
        yield Static(Text(f"briefer · {folders}"), id="library-title")
        yield Input(
            placeholder="Type to filter by title, source or path; #tag for tagged notes; ↑↓ move, enter opens",
            id="library-filter",
            select_on_focus=False,  # coming back from the search box must not make the next key replace the filter
        )
        yield Input(
            placeholder="Search the text of every briefing and the notes; enter searches, esc clears",
            select_on_focus=False,
            id="library-search",
        )
        # It never takes the keyboard: the filter keeps it, so every printable key is typed.
        yield LibraryTable(COLUMNS, self.cells, self.row_key, self.row_height, id="library-table")
        yield Static("", id="library-status")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#library-filter", Input).focus()
        self.query_one("#library-search").display = False
        self.start_listing()

    def on_screen_resume(self) -> None:
        """Back from a reader: notes may have changed."""
        if self.scanned:
            self.reload_note_index()

    def date_of(self, entry: LibraryEntry) -> str | None:
        """The reference date the user set for the briefing (`D` in the reader), else its own."""
        return self.reference_dates.get(entry.briefing_id or "") or entry.date

    @property
    def filter_text(self) -> str:
        return self.query_one("#library-filter", Input).value.strip().casefold()

    def visible_entries(self) -> list[LibraryEntry]:
        """Entries matching every filter word; `#tag` matches briefings with a note so tagged (or nested under it)."""
        words = self.filter_text.split()
        shown = [e for e in self.entries if all(self._matches(e, w) for w in words)]
        if self.hits is not None:
            shown = [e for e in shown if e.key in self.hits]
        if self.sort_key == "relevance" and self.hits is not None:
            rank = {key: place for place, key in enumerate(self.hits)}  # the search's order: best first
            shown.sort(key=lambda e: rank[e.key])
        elif self.sort_key == "date":
            # Newest first; undated after dated, then by title.
            shown.sort(key=lambda e: e.title.casefold())
            shown.sort(key=lambda e: self.date_of(e) or "", reverse=True)
        else:
            shown.sort(key=lambda e: e.title.casefold())
        return shown

    def refresh_table(self, keep_row: bool = False) -> None:
        """Show the entries that pass the filter; the cursor stays on its briefing, and with
        `keep_row`, on its row when that briefing is no longer shown. Rows are drawn as they come
        into view, so this costs the filtering and a screenful at 20,000 briefings."""
        if not self.is_attached:  # a worker's result arriving as the app ends
            return
        table = self.query_one(LibraryTable)
        shown = self.visible_entries()
        table.show(
            shown,
            cursor_key=self.selected_path(),
            fallback_row=table.cursor_row if keep_row else None,
            headings=self.day_groups(shown),
        )
        status = f"{len(shown)} of {len(self.entries)} briefings · sorted by {self.sort_key}"
        for activity in (self.indexing, self.fetching):
            if activity:
                status += f" · {activity}"
        if self.hits is not None:
            query = self.query_one("#library-search", Input).value
            status += f" · {len(self.hits)} with “{clean_text(query)}” (esc clears)"
        self.query_one("#library-status", Static).update(Text(status))

    def cells(self, entry: LibraryEntry) -> list[Text]:
        """A row's cells, built when the row is first drawn."""
        style = "dim" if entry.error else ""
        title = clean_text(entry.title)
        if entry.error:
            title = f"{title}  ({clean_text(entry.error)})"
        notes = self.note_counts.get(entry.briefing_id or "", 0)
        cell = Text(title, style=style)
        hit = self.hits.get(entry.key) if self.hits is not None else None
        if hit is not None:  # the hit's passage on a second line, under the title
            cell.append("\n  " + clean_text(hit.snippet), style="italic dim" if hit.in_notes else "italic")
        return self.triage_cells(
            entry,
            [
                cell,
                Text(self.date_of(entry) or "", style=style),
                Text(clean_text(entry.source or ""), style=style),
                Text(str(entry.words) if not entry.error else "", style=style),
                Text(str(notes), style=style),
            ],
        )

    @staticmethod
    def row_key(entry: LibraryEntry) -> str:
        return entry.key

    def row_height(self, entry: LibraryEntry) -> int:
        return 2 if self.hits is not None and entry.key in self.hits else 1

    def selected_path(self) -> str | None:
        return self.query_one(LibraryTable).selected_key

    def selected_entry(self) -> LibraryEntry | None:
        key = self.selected_path()
        return next((e for e in self.entries if e.key == key), None)

    def _matches(self, entry: LibraryEntry, word: str) -> bool:
        if word.startswith("#") and len(word) > 1:
            return has_tag(self.tags_by_briefing.get(entry.briefing_id or "", set()), word[1:])
        return word in _haystack(entry)

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    @on(LibraryTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_move(self, rows: int) -> None:
        table = self.query_one(LibraryTable)
        table.move_cursor(table.cursor_row + rows)

    def action_move_page(self, pages: int) -> None:
        self.action_move(pages * self.query_one(LibraryTable).page_rows())

    def action_move_to(self, row: int) -> None:
        table = self.query_one(LibraryTable)
        table.move_cursor(row if row >= 0 else table.row_count - 1)

    def action_open(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if entry.error:
            self.notify(clean_text(entry.error), title="Cannot open", severity="error", markup=False)
            return
        hit = self.hits.get(entry.key) if self.hits is not None else None
        if hit is None:
            self.app.open_briefing(entry.path)
        elif hit.in_notes:
            self.app.open_briefing(entry.path, note_id=hit.note_id)
        else:
            query = hit.reader_query or self.query_one("#library-search", Input).value.strip()
            self.app.open_briefing(entry.path, search=query)

    def action_export(self) -> None:
        """Export every note, or with a filter typed, the notes of the briefings shown."""
        from briefer import config
        from briefer.notes.exporting import ExportError, export_notes

        store = self.app.store
        if store is None:
            self.notify("Notes are unavailable.", severity="error")
            return
        shown = None
        if self.filter_text:
            shown = {e.briefing_id for e in self.visible_entries() if e.briefing_id}
            if not shown:
                self.notify("No briefings match the filter: nothing to export.")
                return
        try:
            written = export_notes(
                store, config.export_dir(self.app.settings), briefing_ids=shown, with_desk=shown is None
            )
        except (ExportError, OSError) as exc:
            self.notify(f"Not exported: {clean_text(str(exc))}", severity="error", markup=False)
            return
        folder = written[0].parent if written else config.export_dir(self.app.settings)
        self.notify(
            f"Exported {len(written)} file{'s' if len(written) != 1 else ''} to {clean_text(str(folder))}",
            title="Export",
            markup=False,
            timeout=8,
        )

    def action_fetch_feeds(self) -> None:
        """Fetch the feeds in the background; their new briefings appear as the folders are watched."""
        if self.fetching is None:
            self.fetching = "fetching feeds"
            self.refresh_table(keep_row=True)
            self.fetch_feeds()

    @work(thread=True, exclusive=True, group="library-feeds", exit_on_error=False)
    def fetch_feeds(self) -> None:
        from briefer.feeds.fetching import fetch_saved_feeds, summary
        from briefer.feeds.store import FeedsError

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._show_fetching, f"fetching feeds: {done} of {total}")

        message, severity = "", "information"
        try:
            results = fetch_saved_feeds(progress=progress)
            message = summary(results)
            severity = "warning" if any(r.error for r in results) else "information"
        except FeedsError as exc:
            message, severity = str(exc), "warning"
        except OSError as exc:
            message, severity = f"Feeds fetched, but their state not saved: {exc.strerror or exc}", "error"
        finally:
            self.app.call_from_thread(self._show_fetching, None)
        self.app.call_from_thread(
            self.notify, clean_text(message), title="Feeds", severity=severity, markup=False
        )

    def _show_fetching(self, activity: str | None) -> None:
        self.fetching = activity
        self.refresh_table(keep_row=True)

    def action_sort(self) -> None:
        sorts = SORTS if self.hits is None else ("relevance", *SORTS)
        self.sort_key = sorts[(sorts.index(self.sort_key) + 1) % len(sorts)]
        self.refresh_table()

    def action_search(self) -> None:
        field = self.query_one("#library-search", Input)
        field.display = True
        # At once, not after the keys already typed (Widget.focus waits its turn in the queue):
        # "ctrl+f Driscoll" typed fast would otherwise put the word in the filter.
        self.set_focus(field)

    @on(Input.Submitted, "#library-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.set_focus(self.query_one("#library-filter", Input))
        if not event.value.strip():
            self.action_clear_filter()
            return
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="library-search")
    def run_search(self, query: str) -> None:
        from briefer.library import QueryError
        from briefer.search import search_archive

        try:
            hits = search_archive(query, self.folders, self.entries, self.app.store)
        except QueryError as exc:
            self.app.call_from_thread(
                self.notify, clean_text(str(exc)), title="Search", severity="warning", markup=False
            )
            return
        self.app.call_from_thread(self._show_hits, {str(h.path): h for h in hits})

    def _show_hits(self, hits: dict[str, Hit]) -> None:
        self.hits = hits
        self.sort_key = "relevance"  # a search's results come best first; ctrl+s sorts them by date or title
        self.refresh_table()

    def action_clear_filter(self) -> None:
        """esc: clears the search, then the filter."""
        search = self.query_one("#library-search", Input)
        if self.hits is not None or search.display:
            self.hits = None
            self.sort_key = "date" if self.sort_key == "relevance" else self.sort_key
            search.value = ""
            search.display = False
        else:
            self.query_one("#library-filter", Input).value = ""
        self.set_focus(self.query_one("#library-filter", Input))
        self.refresh_table()


def shown_path(path: Path) -> str:
    """A folder as the user thinks of it: relative to where briefer started, or under ~."""
    path = path.resolve()
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(path.relative_to(base)) if path != base else (prefix.rstrip("/") or ".")
        except ValueError:
            continue
    return str(path)


def _haystack(entry: LibraryEntry) -> str:
    return f"{entry.title} {entry.source or ''} {entry.key}".casefold()
