"""The reader's matches: an entity's mentions or a search's hits, lit in the text and walked
with `n` and `N`; the search box that finds them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.widgets import Input

from briefer.search import find_all
from briefer.ui.match_cursor import MatchCursor

if TYPE_CHECKING:
    from briefer.briefing import Briefing
    from briefer.ui.widgets.document import DocumentView


class MatchWalking(Screen):
    """Matches over `document`; `ReaderScreen` builds on it."""

    if TYPE_CHECKING:
        briefing: Briefing
        document: DocumentView
        matches: MatchCursor

        def update_status(self) -> None: ...

    def set_matches(self, spans: list[tuple[int, int]], label: str, component: str) -> None:
        self.matches = MatchCursor(spans, label)
        self.document.set_layer("matches", [(s, e, component) for s, e in self.matches.spans])
        self.update_status()

    def clear_matches(self) -> bool:
        if not self.matches:
            return False
        self.set_matches([], "", "")
        self.document.set_layer("current-match", [])
        return True

    def step_match(self, forward: bool, from_start: bool = False) -> None:
        """Go to the next or previous match; from the cursor's sentence when it has moved off the current one."""
        match = self.matches.first() if from_start else self.matches.step(forward, self.document.cursor_span)
        if match is None:
            if self.matches.label:
                self.notify(f"No match for {self.matches.label}", markup=False)
            return
        start, end = match
        self.document.set_layer("current-match", [(start, end, "document-view--search-current")])
        self.document.move_to_offset(start)
        self.update_status()

    def action_next_match(self) -> None:
        self.step_match(True)

    def action_previous_match(self) -> None:
        self.step_match(False)

    def action_search(self) -> None:
        field = self.query_one("#search-input", Input)
        field.display = True
        self.set_focus(field)  # at once: Widget.focus would wait behind the keys already typed

    @on(Input.Changed, "#search-input")
    def _search_changed(self, event: Input.Changed) -> None:
        self.set_matches(find_all(self.briefing.body, event.value), event.value, "document-view--search")

    @on(Input.Submitted, "#search-input")
    def _search_submitted(self, event: Input.Submitted) -> None:
        field = self.query_one("#search-input", Input)
        field.display = False
        self.document.focus()
        if self.matches.spans:
            self.step_match(True)
