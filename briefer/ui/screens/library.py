"""The library: every briefing in the folders, filtered as you type."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from briefer.briefing.sanitize import clean_text
from briefer.notes.tags import has_tag
from briefer.ui.desk_keys import DESK_BINDINGS
from briefer.ui.screens.library_triage import LibraryTriage
from briefer.ui.screens.library_watch import LibraryChanged, merge_entries, watch_library
from briefer.ui.screens.reader_notes import NOTES_POLL_SECONDS
from briefer.ui.widgets.footer import FittingFooter
from briefer.ui.widgets.library_table import Column, LibraryTable

if TYPE_CHECKING:  # the loader behind these is imported in the workers, after the first paint
    from briefer.library import LibraryEntry, Progress
    from briefer.search import Hit
    from briefer.ui.app import BrieferApp

SORTS = ("date", "title")
ROWS_EVERY = 2.0  # seconds between showing the rows a first indexing has read so far
# The title takes the width left over.
COLUMNS = (
    Column("Title", None),
    Column("Date", 10),
    Column("Source", 18),
    Column("Words", 7, "right"),
    Column("Notes", 5, "right"),
)


class NoteIndex(NamedTuple):
    """What the library shows of the notes store, by briefing id."""

    counts: dict[str, int]
    tags: dict[str, set[str]]
    reference_dates: dict[str, str]


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
        Binding("ctrl+f", "search", "Search text", id="library-search"),
        Binding("ctrl+s", "sort", "Sort", id="sort"),
        Binding("ctrl+r", "fetch_feeds", "Fetch feeds", id="library-fetch-feeds"),
        # Priority: the filter would take ctrl+e as "end of line" (End does that too).
        Binding("ctrl+e", "export", "Export notes", id="library-export", priority=True),
        Binding("escape", "clear_filter", "Clear", id="clear-filter"),
        Binding("f1", "app.help", "Keys", id="library-help"),
        *DESK_BINDINGS,
    ]

    def __init__(self, folders: list[Path], warm_up: bool = True) -> None:
        super().__init__()
        self.folders = folders
        # Loading the extractor's word lists early pays only when a briefing is chosen here; next to a
        # briefing opened from the command line it would compete with that briefing's own analysis.
        self.warm_up = warm_up
        self.entries: list[LibraryEntry] = []
        self.sort_key = "date"
        self.note_counts: dict[str, int] = {}
        self.tags_by_briefing: dict[str, set[str]] = {}
        self.reference_dates: dict[str, str] = {}
        self.hits: dict[str, Hit] | None = None  # full-text search results by path, when searching
        self.scanned = False
        self.changed_paths: set[str] = set()  # rows changed on disk, not yet updated in the table
        self.early_changes: list[LibraryChanged] = []  # changes heard before the first scan was in
        self.indexing: str | None = None  # the index's refresh in progress, for the status line
        self.fetching: str | None = None  # the feeds being fetched, for the status line
        self.stop_indexing = threading.Event()  # set when the screen goes: what was read is kept

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
        self.watcher = watch_library(self.folders, self)  # before the scan: no change falls in between
        self.load_entries()
        self.notes_token: object = None
        self.set_interval(NOTES_POLL_SECONDS, self.poll_note_index)

    @work(thread=True, exclusive=True, group="library-scan")
    def load_entries(self) -> None:
        """The rows the archive index holds, at once; then the index brought up to date with the
        folders (only files whose size or time changed are read), its progress in the status
        line and its rows shown as they come. Without an index, every file is read."""
        from briefer.library import IndexUnavailable, LibraryIndex, scan

        notes = self._read_note_index()
        try:
            index = LibraryIndex()
            for notice in index.notices:
                self.app.call_from_thread(self.notify, clean_text(notice), severity="warning", markup=False)
            known = index.rows(self.folders)
            if known:
                self.app.call_from_thread(self._show_entries, known, notes)
            index.refresh(self.folders, progress=self._indexing(index), stop=self.stop_indexing)
            entries = index.rows(self.folders)
        except IndexUnavailable as exc:
            self.app.call_from_thread(
                self.notify,
                f"The archive index cannot be used ({clean_text(str(exc))}): every file is read instead.",
                severity="warning",
                markup=False,
            )
            entries = scan(self.folders)
        self.indexing = None
        self.app.call_from_thread(self._show_entries, entries, notes)
        if self.warm_up:
            from briefer.analysing import warm_up

            warm_up()

    def _indexing(self, index) -> Callable[[Progress], None]:
        """Progress of a refresh: its figures in the status line, and the rows read so far shown
        every ROWS_EVERY seconds (reading them back costs a quarter second at 20,000)."""
        last_rows = time.monotonic()

        def progress(report: Progress) -> None:
            nonlocal last_rows
            if self.stop_indexing.is_set():
                return
            left = f" · about {report.eta_seconds:.0f} s left" if report.eta_seconds is not None else ""
            self.indexing = (
                f"indexing {report.done:,} of {report.total:,} · {report.files_per_second:,.0f} files/s{left}"
                if report.total
                else None  # nothing to read: the rows shown are the folders'
            )
            rows = None
            if report.changes and time.monotonic() - last_rows > ROWS_EVERY:
                rows, last_rows = index.rows(self.folders), time.monotonic()
            self.app.call_from_thread(self._show_progress, rows)

        return progress

    def _show_progress(self, rows: list[LibraryEntry] | None) -> None:
        if rows is not None:
            self.entries = rows
            self.scanned = True
        self.refresh_table(keep_row=True)

    def _read_note_index(self) -> NoteIndex:
        """Note counts, tags and the dates the user set, by briefing id (read in workers: the
        store checks its shard files)."""
        store = self.app.store
        if store is None:
            return NoteIndex({}, {}, {})
        tags = {
            briefing_id: {tag.casefold() for tag in found}
            for briefing_id, found in store.tags_by_briefing().items()
        }
        return NoteIndex(store.note_counts(), tags, store.reference_dates())

    def _show_entries(self, entries: list[LibraryEntry], index) -> None:
        self.entries = entries
        self.scanned = True
        for change in self.early_changes:
            self.entries = merge_entries(self.entries, change.gone, change.fresh) or self.entries
        self.early_changes.clear()
        self._show_note_index(index)

    def on_library_changed(self, change: LibraryChanged) -> None:
        """Briefings added, changed or deleted on disk: the table follows, the cursor stays on its
        briefing (on its row if the briefing is gone), the filter, search and sort stay as they are."""
        if not self.scanned:
            self.early_changes.append(change)
            return
        merged = merge_entries(self.entries, change.gone, change.fresh)
        if merged is not None:
            if not self.changed_paths:  # one update of the table for the batches already queued
                self.call_later(self._show_changes)
            self.entries = merged
            self.changed_paths |= {str(entry.path) for entry in change.fresh} | {str(p) for p in change.gone}

    def _show_changes(self) -> None:
        self.changed_paths = set()
        self.refresh_table(keep_row=True)

    def on_unmount(self) -> None:
        self.stop_indexing.set()
        self.watcher.stop()

    def on_screen_resume(self) -> None:
        """Back from a reader: notes may have changed."""
        if self.entries:
            self.reload_note_index()

    @work(thread=True, exclusive=True, group="library-notes")
    def reload_note_index(self) -> None:
        index = self._read_note_index()
        self.app.call_from_thread(self._show_note_index, index)

    @work(thread=True, exclusive=True, group="library-poll", exit_on_error=False)
    def poll_note_index(self) -> None:
        """Counts follow the notes another briefer saves; the files are read only when one did."""
        store = self.app.store
        try:
            token = store.change_token() if store is not None and self.entries else self.notes_token
            if token != self.notes_token:
                index = self._read_note_index()
                self.notes_token = token
                if index != (self.note_counts, self.tags_by_briefing, self.reference_dates):
                    self.app.call_from_thread(self._show_note_index, index)
        except Exception:  # a poll that cannot read now tries again at the next
            return

    def _show_note_index(self, index: NoteIndex) -> None:
        self.note_counts, self.tags_by_briefing, self.reference_dates = index
        self.refresh_table()

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
            shown = [e for e in shown if str(e.path) in self.hits]
        if self.sort_key == "date":
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
        hit = self.hits.get(str(entry.path)) if self.hits is not None else None
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
        return str(entry.path)

    def row_height(self, entry: LibraryEntry) -> int:
        return 2 if self.hits is not None and str(entry.path) in self.hits else 1

    def selected_path(self) -> str | None:
        return self.query_one(LibraryTable).selected_key

    def selected_entry(self) -> LibraryEntry | None:
        key = self.selected_path()
        return next((e for e in self.entries if str(e.path) == key), None)

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
        hit = self.hits.get(str(entry.path)) if self.hits is not None else None
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
        self.sort_key = SORTS[(SORTS.index(self.sort_key) + 1) % len(SORTS)]
        self.refresh_table()

    def action_search(self) -> None:
        field = self.query_one("#library-search", Input)
        field.display = True
        field.focus()

    @on(Input.Submitted, "#library-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#library-filter", Input).focus()
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
        self.refresh_table()

    def action_clear_filter(self) -> None:
        """esc: clears the search, then the filter."""
        search = self.query_one("#library-search", Input)
        if self.hits is not None or search.display:
            self.hits = None
            search.value = ""
            search.display = False
        else:
            self.query_one("#library-filter", Input).value = ""
        self.query_one("#library-filter", Input).focus()
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
    return f"{entry.title} {entry.source or ''} {entry.path}".casefold()
