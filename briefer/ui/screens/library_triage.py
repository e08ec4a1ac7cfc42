"""Triage in the library: unread in bold, new and flagged marked, rows grouped by day, the
watch items each briefing hits, and the keys to mark, flag and jump to the next unread.

The library's filter keeps the keyboard, so every key here is one that cannot be typed.
State is read in workers (the store and the index), shown by redrawing the rows.
"""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.binding import Binding

from briefer.briefing.sanitize import clean_text
from briefer.desk.triage import LIBRARY_VISIT, Triage, day_headings, last_visit, load_triage, record_visit
from briefer.ui.screens import NOTES_POLL_SECONDS
from briefer.ui.screens.library_loading import ArchiveListing
from briefer.ui.screens.library_watch import ArchiveUpdated

if TYPE_CHECKING:
    from pathlib import Path

    from briefer.library import LibraryEntry
    from briefer.ui.app import BrieferApp
    from briefer.ui.widgets.library_table import LibraryTable

NEW_MARK = "●"
FLAG_MARK = "⚑"
WATCH_MARK = "◆"


class LibraryTriage(ArchiveListing):
    """The library's triage keys and marks; `LibraryScreen` builds on it."""

    if TYPE_CHECKING:
        app: BrieferApp
        sort_key: str
        hits: dict | None

        def selected_entry(self) -> LibraryEntry | None: ...

    BINDINGS = [
        Binding("ctrl+t", "toggle_read", "Read/unread", id="library-toggle-read"),
        Binding("ctrl+g", "toggle_flag", "Flag", id="library-flag"),
        Binding("ctrl+n", "next_unread", "Next unread", id="library-next-unread"),
        Binding("ctrl+b", "watch_search", "Watch this search", show=False, id="library-watch-search"),
    ]

    def __init__(self, folders: list[Path], warm_up: bool) -> None:
        super().__init__(folders, warm_up)
        self.triage = Triage()
        self.watch_marks: dict[str, list[str]] = {}  # path -> the names of the watch items it hits
        self.today = date.today()
        self.visit_since: float | None = None  # the previous visit; None: the first

    def on_mount(self) -> None:
        """This visit is recorded at once (two small files: a few ms): what arrives from now on
        is new next time; until then, new is what arrived since the visit before."""
        from briefer.notes.store import StoreError

        store = self.app.store
        if store is not None:
            try:
                self.visit_since = last_visit(store, LIBRARY_VISIT)
                if not store.read_only:
                    record_visit(store, LIBRARY_VISIT)
            except StoreError as exc:
                self.notify(clean_text(str(exc)), severity="warning", markup=False)
        self.load_triage()
        self.desk_token: object = store.change_token() if store is not None else None
        self.set_interval(NOTES_POLL_SECONDS, self.poll_desk)

    def poll_desk(self) -> None:
        """Another briefer window marked, flagged or watched something: show it (a few stats)."""
        store = self.app.store
        token = store.change_token() if store is not None else None
        if token != self.desk_token:
            self.desk_token = token
            self.load_triage()

    def on_screen_resume(self) -> None:
        """Back from a reader or the WATCH view: read states and watch items may have changed."""
        self.load_triage()

    @on(ArchiveUpdated)
    def _marks_follow_the_folders(self) -> None:
        """Briefings arrived or changed, and the index holds them (analysed, when the library
        analyses): the watch items they hit, here and in the WATCH view."""
        self.load_triage(arrivals=True)

    @work(thread=True, exclusive=True, group="library-triage", exit_on_error=False)
    def load_triage(self, arrivals: bool = False) -> None:
        """The read states, flags and the watch items' briefings (in a worker: the store's
        files and the index); with `arrivals`, an open WATCH view counts them again."""
        from briefer.desk.watch import items_by_briefing, watch_items
        from briefer.library import IndexUnavailable, LibraryIndex
        from briefer.notes.store import StoreError

        store = self.app.store
        if store is None:
            return
        try:
            triage = load_triage(store)
            items = watch_items(store)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, clean_text(str(exc)), severity="warning", markup=False)
            return
        triage.since = self.visit_since
        marks: dict[str, list[str]] = {}
        if items:
            try:
                with LibraryIndex() as index:
                    marks = items_by_briefing(index, self.folders, items)
            except IndexUnavailable:
                pass  # the library says so itself
        self.app.call_from_thread(self._show_triage, triage, marks, arrivals and bool(items))

    def _show_triage(self, triage: Triage, marks: dict[str, list[str]], watched_arrivals: bool) -> None:
        from briefer.ui.screens.watch import WatchScreen

        self.triage, self.watch_marks, self.today = triage, marks, date.today()
        self._table().redraw()
        if watched_arrivals:
            for screen in self.app.screen_stack:
                if isinstance(screen, WatchScreen):
                    screen.load()

    def _table(self) -> LibraryTable:
        from briefer.ui.widgets.library_table import LibraryTable

        return self.query_one(LibraryTable)

    # ----- what a row shows ---------------------------------------------------

    def triage_cells(self, entry: LibraryEntry, cells: list[Text]) -> list[Text]:
        """A row's cells with its marks before the title: new (arrived since the last visit,
        unread), flagged, the watch items it hits; unread in bold."""
        triage, briefing_id = self.triage, entry.briefing_id
        marks = Text()  # only when there are some: an unmarked row shows its title as it is
        if triage.is_unread(briefing_id) and triage.is_new(_arrived(entry.path)):
            marks.append(f"{NEW_MARK} ", style="bold yellow")
        if triage.is_flagged(briefing_id):
            marks.append(f"{FLAG_MARK} ", style="bold red")
        watched = self.watch_marks.get(os.path.abspath(entry.path))  # the index's paths are absolute
        if watched:  # before the title, which a narrow column cuts
            marks.append(
                f"{WATCH_MARK} " + ", ".join(clean_text(name) for name in watched) + "  ", style="magenta"
            )
        title = cells[0]
        if triage.is_unread(briefing_id) and not entry.error:
            title.stylize("bold", 0, len(title.plain.split("\n")[0]))
        return [marks + title if marks else title, *cells[1:]]

    def day_groups(self, shown: list[LibraryEntry]) -> dict[int, Text] | None:
        """Headings over each day's rows (Today, Yesterday, then dates), when the rows are in
        date order and not search results."""
        if self.sort_key != "date" or self.hits is not None:
            return None
        dates = self.reference_dates  # date_of, inlined: this runs at every key typed in the filter
        labels = day_headings([dates.get(e.briefing_id or "") or e.date for e in shown], self.today)
        return {index: Text(label) for index, label in labels.items()}

    # ----- keys -----------------------------------------------------------------

    def action_toggle_read(self) -> None:
        """ctrl+t: mark the briefing read (or unread again)."""
        from briefer.desk.triage import set_state

        entry = self._triaged_entry()
        if entry is None or entry.briefing_id is None:
            return
        unread = self.triage.is_unread(entry.briefing_id)
        if self._saved(lambda store: set_state(store, entry.briefing_id, "marked" if unread else None)):
            if unread:
                self.triage.read[entry.briefing_id] = "marked"
            else:
                self.triage.read.pop(entry.briefing_id, None)
            self._table().redraw()

    def action_toggle_flag(self) -> None:
        """ctrl+g: flag the briefing (or unflag it)."""
        from briefer.desk.triage import set_flag

        entry = self._triaged_entry()
        if entry is None or entry.briefing_id is None:
            return
        flagged = not self.triage.is_flagged(entry.briefing_id)
        if self._saved(lambda store: set_flag(store, entry.briefing_id, flagged)):
            (self.triage.flagged.add if flagged else self.triage.flagged.discard)(entry.briefing_id)
            self._table().redraw()

    def action_next_unread(self) -> None:
        """ctrl+n: the cursor to the next unread briefing below it (from the top after the last)."""
        table = self._table()
        rows = table.items
        count = len(rows)
        for step in range(1, count + 1):
            row = (table.cursor_row + step) % count
            entry = rows[row]
            if not entry.error and self.triage.is_unread(entry.briefing_id):
                table.move_cursor(row)
                return
        self.notify("No unread briefing here.")

    def action_watch_search(self) -> None:
        """Watch the search typed in the search box (or the filter's words) as a saved search."""
        from textual.widgets import Input

        from briefer.desk.watch import WatchError, add_watch

        query = self.query_one("#library-search", Input).value.strip()
        query = query or self.query_one("#library-filter", Input).value.strip()
        if not query:
            self.notify("Type a search first (ctrl+f), then watch it.")
            return
        saved: list = []
        if self._saved(lambda store: saved.append(add_watch(store, query, kind="search")), WatchError):
            self.notify(f"Watching “{clean_text(saved[0].name)}” (F10: WATCH)", markup=False)
            self.load_triage()

    def _triaged_entry(self) -> LibraryEntry | None:
        entry = self.selected_entry()
        if entry is not None and entry.briefing_id is None:
            self.notify("This file cannot be read, so it cannot be marked.", severity="warning")
            return None
        return entry

    def _saved(self, change, *also: type[Exception]) -> bool:
        """Run `change(store)`; a failure is one line for the user."""
        from briefer.notes.store import StoreError

        store = self.app.store
        if store is None:
            self.notify("Notes are unavailable, so nothing can be marked.", severity="error")
            return False
        errors: tuple[type[Exception], ...] = (StoreError, *also)
        try:
            change(store)
        except errors as exc:
            self.notify(clean_text(str(exc)), severity="error", markup=False)
            return False
        return True


def _arrived(path: Path) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None
