"""The reader: one briefing, a sentence cursor, and the panes beside it."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from briefer.briefing import Briefing
from briefer.briefing.sanitize import clean_text
from briefer.ui.widgets.document import DocumentView


class ReaderScreen(Screen):
    """Reads one briefing."""

    BINDINGS = [
        Binding("escape", "clear", "Clear", show=False, id="clear"),
        Binding("q", "back", "Back", id="back"),
    ]

    def __init__(self, briefing: Briefing) -> None:
        super().__init__()
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        yield Static(self.header_text(), id="reader-header")
        with Horizontal(id="reader-body"):
            yield DocumentView(self.briefing, id="document")
        yield Static("", id="reader-status")
        yield Footer()

    def header_text(self) -> Text:
        b = self.briefing
        parts = [clean_text(b.title) or "(untitled)"]
        if b.source:
            parts.append(clean_text(b.source))
        parts.append(b.date or "no date")
        return Text(" · ".join(parts))

    @property
    def document(self) -> DocumentView:
        return self.query_one(DocumentView)

    def on_mount(self) -> None:
        self.document.focus()
        self.update_status()
        for warning in self.briefing.warnings:
            self.notify(clean_text(warning), severity="warning", markup=False)

    def on_document_view_cursor_moved(self, event: DocumentView.CursorMoved) -> None:
        self.update_status()

    def update_status(self) -> None:
        view = self.document
        total = view.sentence_count
        if not total:
            status = "empty briefing"
        else:
            passage = view.passage
            if view.has_selection:
                count = passage.last_sentence - passage.first_sentence + 1
                status = f"sentence {view.cursor + 1}/{total} · {count} selected"
            else:
                status = f"sentence {view.cursor + 1}/{total}"
        self.query_one("#reader-status", Static).update(Text(status))

    def action_clear(self) -> None:
        self.document.clear_selection()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
