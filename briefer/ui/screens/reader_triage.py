"""What the reader tells the desk: a briefing opened, a briefing read to its end, and `w`
to watch the person or place under the cursor in the WHO or WHERE pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.screen import Screen

from briefer.briefing.sanitize import clean_text
from briefer.ui.widgets.document import DocumentView

if TYPE_CHECKING:
    from briefer.briefing import Briefing
    from briefer.ui.app import BrieferApp

WATCHABLE_PANES = {"list-who": "actor", "list-where": "place"}


class ReadingState(Screen):
    """The reader's read state and watch key; `ReaderScreen` builds on it."""

    if TYPE_CHECKING:
        app: BrieferApp
        briefing: Briefing

    BINDINGS = [Binding("w", "watch_entity", "Watch", show=False, id="watch-entity")]

    marked_read_for: str | None = None  # the briefing id this reader marked read

    def on_mount(self) -> None:
        self.save_state(self.briefing.id, "opened")

    @on(DocumentView.CursorMoved)
    def _reached_the_end(self, event: DocumentView.CursorMoved) -> None:
        """The last sentence reached: the briefing is read (once per version of the text)."""
        view = event.view
        if view.sentence_count and view.cursor >= view.sentence_count - 1:
            if self.marked_read_for != view.briefing.id:
                self.marked_read_for = view.briefing.id
                self.save_state(view.briefing.id, "read")

    def save_state(self, briefing_id: str, state: str) -> None:
        """At once (a few ms: one small shard file), so that the library, shown again, reads it."""
        from briefer.desk.triage import set_state
        from briefer.notes.store import StoreError

        if self.app.store is None or self.app.store.read_only:
            return  # read-only: the notes' own messages say so
        try:
            set_state(self.app.store, briefing_id, state)
        except StoreError:
            return  # a read state is not worth an interruption; it is set again next time

    def action_watch_entity(self) -> None:
        """w: watch the person, organisation or place under the cursor in WHO or WHERE."""
        from briefer.desk.watch import WatchError, add_watch
        from briefer.notes.store import StoreError
        from briefer.ui.widgets.panes import PaneList

        pane = self.focused
        kind = WATCHABLE_PANES.get(pane.id or "") if isinstance(pane, PaneList) else None
        item = pane.current_item if isinstance(pane, PaneList) else None
        if kind is None or item is None or item.heading:
            self.notify("w watches the person or place under the cursor in WHO or WHERE (tab to reach them).")
            return
        if self.app.store is None:
            self.notify("Notes are unavailable, so nothing can be watched.", severity="error")
            return
        try:
            watched = add_watch(self.app.store, item.key, kind=kind)
        except (WatchError, StoreError) as exc:
            self.notify(clean_text(str(exc)), severity="error", markup=False)
            return
        self.notify(
            f"Watching {clean_text(watched.name)} ({watched.kind}); F10 in the library lists it.",
            markup=False,
        )
