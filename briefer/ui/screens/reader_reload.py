"""The reader follows its file: a briefing changed on disk is read again, off the event loop, and
shown with the cursor on the same passage, the notes re-anchored and the analysis run afresh.
A briefing deleted on disk stays on screen, with a notice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.message import Message
from textual.widgets import Input

from briefer.briefing.sanitize import clean_text
from briefer.notes.session import NotesSession
from briefer.search import find_all
from briefer.ui.attempt import attempt
from briefer.ui.screens.reader_notes import NoteTaking

if TYPE_CHECKING:
    from briefer.briefing import Briefing
    from briefer.notes.model import Note
    from briefer.ui.match_cursor import MatchCursor
    from briefer.watching import Changes, Watcher

RELOADED = "Reloaded: the file changed on disk"
DELETED = "The file was deleted on disk: its text stays here until you leave it"


class FileChanged(Message):
    """The open briefing's file changed: its new version with its notes anchored to it (read
    when the session had made `changes`; None if they could not be), or why the new version
    could not be read, or that it is gone."""

    def __init__(
        self,
        briefing: Briefing | None = None,
        notes: list[Note] | None = None,
        changes: int = 0,
        problem: str | None = None,
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.notes = notes
        self.changes = changes
        self.problem = problem


class FollowingFile(NoteTaking):
    """A NoteTaking screen whose briefing is reloaded when its file changes on disk."""

    file_watcher: Watcher | None = None
    waiting_version: FileChanged | None = None
    if TYPE_CHECKING:  # the reader's, which this calls
        matches: MatchCursor

        def set_matches(self, spans: list[tuple[int, int]], label: str, component: str) -> None: ...
        def clear_matches(self) -> bool: ...
        def start_analysis(self) -> None: ...

    def follow_file(self) -> None:
        from briefer.watching import Watcher

        if self.briefing.path is not None:
            self.file_watcher = Watcher([self.briefing.path], self._file_changed).start()

    def stop_following(self) -> None:
        if self.file_watcher is not None:
            self.file_watcher.stop()

    def _file_changed(self, changes: Changes) -> None:
        """On the watcher's thread: read the new version and anchor the notes to it (the store is
        thread-safe), so that only showing it is left to the event loop."""
        path = self.briefing.path
        changed = FileChanged(problem=DELETED) if path in changes.deleted else self._read_new_version()
        if changed is None:
            return
        try:
            self.post_message(changed)
        except RuntimeError:  # the app's event loop has closed: it is ending
            pass

    def _read_new_version(self) -> FileChanged | None:
        """The file's new version with its notes; None when its text is as shown (touched, or
        saved unchanged)."""
        from briefer.briefing import BriefingError, load

        try:
            briefing = load(self.briefing.path)
        except BriefingError as exc:
            return FileChanged(problem=f"The file changed on disk and cannot be read: {exc}")
        if briefing.id == self.briefing.id:
            return None
        changes = self.session.changes
        try:
            notes: list[Note] | None = NotesSession(self.store, briefing).read_notes()
        except Exception:  # read again on the event loop, where a failure is told
            notes = None
        return FileChanged(briefing, notes, changes)

    def on_file_changed(self, changed: FileChanged) -> None:
        if changed.briefing is None:
            self.notify(clean_text(changed.problem or ""), severity="warning", timeout=8, markup=False)
        elif self.app.screen is self:
            self.show_new_version(changed.briefing, changed.notes, changed.changes)
        else:  # a dialog is open on a passage of the text shown: the new one waits until it closes
            self.waiting_version = changed

    @on(events.ScreenResume)
    def _show_waiting_version(self) -> None:
        changed, self.waiting_version = self.waiting_version, None
        if changed is not None and changed.briefing is not None:
            self.show_new_version(changed.briefing, changed.notes, changed.changes)

    def show_new_version(self, briefing: Briefing, notes: list[Note] | None, changes: int) -> None:
        old = self.briefing
        offset = follow_offset(old.body, briefing.body, *self.document.cursor_span)
        self.briefing = self.session.briefing = briefing
        if notes is not None and changes == self.session.changes:
            self.session.notes = notes
        else:  # a note was saved while the file was read (or they could not be read): again, here
            self.session.notes = []  # anchored to the old text, they would mark the wrong passages
            attempt(self, self.session.load, "Notes not re-read")
        self.session.changes += 1  # a notes poll still running read them for the old text
        self.document.show_briefing(briefing, offset)
        self.find_matches_again()
        self.show_notes()
        self.start_analysis()
        self.notify(RELOADED, markup=False)

    def find_matches_again(self) -> None:
        """A search stays live on the new text; an entity's mentions go (the analysis is rerun)."""
        query = self.query_one("#search-input", Input).value
        if self.matches and self.matches.label == query:
            self.set_matches(find_all(self.briefing.body, query), query, "document-view--search")
        else:
            self.clear_matches()


def follow_offset(old_body: str, new_body: str, start: int, end: int) -> int:
    """Where the passage `old_body[start:end]` is in `new_body`: its occurrence nearest to where it
    was, else the same offset (within the new text)."""
    passage = old_body[start:end]
    if passage and new_body[start:end] != passage:
        before = new_body.rfind(passage, 0, start + len(passage))
        after = new_body.find(passage, start)
        found = [place for place in (before, after) if place >= 0]
        if found:
            return min(found, key=lambda place: abs(place - start))
    return min(start, len(new_body))
