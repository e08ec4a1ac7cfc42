"""The library's rows: from the archive index at once, then the index brought up to date and
analysed in the background; the notes' counts, tags and dates; changes on disk merged in.

`ArchiveListing` is the part of the library screen that keeps `entries` (and the notes' view
of them) current; `LibraryScreen` shows them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual import getters, work
from textual.screen import Screen

from briefer.briefing.sanitize import clean_text
from briefer.ui.screens import NOTES_POLL_SECONDS
from briefer.ui.screens.library_watch import LibraryChanged, merge_entries, watch_library

if TYPE_CHECKING:  # the loader behind these is imported in the workers, after the first paint
    from briefer.library import LibraryEntry, LibraryIndex, Progress
    from briefer.ui.app import BrieferApp
    from briefer.watching import Watcher

FIRST_ROWS = 100  # shown before the whole index is read: more than a screen holds
ROWS_EVERY = 2.0  # seconds between showing the rows a first indexing has read so far


class NoteIndex(NamedTuple):
    """What the library shows of the notes store, by briefing id."""

    counts: dict[str, int]
    tags: dict[str, set[str]]
    reference_dates: dict[str, str]


class ArchiveListing(Screen):
    """Keeps `entries` and the notes' counts, tags and dates in step with the folders, the index
    and the notes store; `refresh_table` (the screen's) shows them."""

    if TYPE_CHECKING:  # Textual's idiom for a typed `self.app`; at run time Textual's own property
        app = getters.app(BrieferApp)

    analyses_archive = True  # in the background, after indexing: off in tests that do not need it

    def __init__(self, folders: list[Path], warm_up: bool) -> None:
        super().__init__()
        self.folders = folders
        # Loading the extractor's word lists early pays only when a briefing is chosen here; next to a
        # briefing opened from the command line it would compete with that briefing's own analysis.
        self.warm_up = warm_up
        self.entries: list[LibraryEntry] = []
        self.note_counts: dict[str, int] = {}
        self.tags_by_briefing: dict[str, set[str]] = {}
        self.reference_dates: dict[str, str] = {}
        self.notes_token: object = None
        self.scanned = False
        self.changed_paths: set[str] = set()  # rows changed on disk, not yet updated in the table
        self.early_changes: list[LibraryChanged] = []  # changes heard before the first scan was in
        self.indexing: str | None = None  # the index's refresh in progress, for the status line
        self.stop_indexing = threading.Event()  # set when the screen goes: what was read is kept
        self.watcher: Watcher | None = None

    def refresh_table(self, keep_row: bool = False) -> None:
        raise NotImplementedError

    def start_listing(self) -> None:
        """A first screenful from the index, read here for the first frame (milliseconds, given
        up at once if the index is busy); after that frame, the folders watched and listed in
        a worker (its reading would hold the GIL from the first frame's drawing)."""
        from briefer.library.rows import peek_newest

        self._show_first_rows(peek_newest(self.folders, FIRST_ROWS))
        self.call_after_refresh(self._list_folders)
        self.set_interval(NOTES_POLL_SECONDS, self.poll_note_index)

    def _list_folders(self) -> None:
        # The watcher first: no change falls between it and the listing.
        self.watcher = watch_library(self.folders, self, self.analyses_archive, self.stop_indexing)
        self.load_entries()

    def on_unmount(self) -> None:
        self.stop_indexing.set()
        if self.watcher is not None:  # None when the screen goes before its first frame
            self.watcher.stop()

    @work(thread=True, exclusive=True, group="library-scan")
    def load_entries(self) -> None:
        """The rows the archive index holds, at once; then the index brought up to date with the
        folders (only files whose size or time changed are read), its progress in the status
        line and its rows shown as they come. Without an index, every file is read."""
        from briefer.library import IndexUnavailable, LibraryIndex, scan

        notes: NoteIndex | None = None
        index: LibraryIndex | None = None
        try:
            index = LibraryIndex()
            for notice in index.notices:
                self.app.call_from_thread(self.notify, clean_text(notice), severity="warning", markup=False)
            notes = self._read_note_index()
            known = index.rows(self.folders)
            if known:
                self.app.call_from_thread(self._show_entries, known, notes)
            report = index.refresh(self.folders, progress=self._indexing(index), stop=self.stop_indexing)
            # Read again only when the refresh changed something: 20,000 rows are a tenth of a second.
            entries = index.rows(self.folders) if report.changes or not known else known
        except IndexUnavailable as exc:
            self.app.call_from_thread(
                self.notify,
                f"The archive index cannot be used ({clean_text(str(exc))}): every file is read instead.",
                severity="warning",
                markup=False,
            )
            entries, index = scan(self.folders), None
        self.indexing = None
        self.app.call_from_thread(self._show_entries, entries, notes or self._read_note_index())
        if self.warm_up:
            from briefer.analysing.extraction import warm_up

            warm_up()
        if index is not None and self.analyses_archive:
            self._analyse_archive(index)

    def _analyse_archive(self, index: LibraryIndex) -> None:
        """The who, where and when of the briefings not analysed yet (who:, where: and the desk),
        in niced processes: minutes for a new archive of thousands, its progress in the status
        line; quitting keeps what was done."""
        from briefer.library import IndexUnavailable

        try:
            index.analyse(self.folders, progress=self._indexing(index), stop=self.stop_indexing, apart=True)
        except IndexUnavailable as exc:
            self.app.call_from_thread(
                self.notify,
                f"Briefings not analysed: {clean_text(str(exc))}",
                severity="warning",
                markup=False,
            )
        self.indexing = None
        if not self.stop_indexing.is_set():
            self.app.call_from_thread(self.refresh_table, keep_row=True)

    def _indexing(self, index) -> Callable[[Progress], None]:
        """Progress of a refresh: its figures in the status line, and the rows read so far shown
        every ROWS_EVERY seconds (reading them back costs a quarter second at 20,000)."""
        last_rows = time.monotonic()

        def progress(report: Progress) -> None:
            nonlocal last_rows
            if self.stop_indexing.is_set():
                return
            left = f" · about {report.eta_seconds:.0f} s left" if report.eta_seconds is not None else ""
            doing = "indexing" if report.phase == "reading" else report.phase
            self.indexing = (
                f"{doing} {report.done:,} of {report.total:,} · {report.files_per_second:,.0f} files/s{left}"
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

    def _show_first_rows(self, rows: list[LibraryEntry]) -> None:
        """A screenful while the rest is read: changes on disk still wait for the whole list."""
        if rows:
            self.indexing = "reading the index"
            self.entries = rows
            self.refresh_table()

    def _show_entries(self, entries: list[LibraryEntry], index: NoteIndex) -> None:
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
            self.changed_paths |= {entry.key for entry in change.fresh} | {str(p) for p in change.gone}

    def _show_changes(self) -> None:
        self.changed_paths = set()
        self.refresh_table(keep_row=True)

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
