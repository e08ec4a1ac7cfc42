"""`D`: the reference date that relative expressions resolve against."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import Function
from textual.widgets import Input, Static

CLEAR = ""


def valid_date(value: str) -> bool:
    if not value.strip():
        return True
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return len(value.strip()) == 10


class DateDialog(ModalScreen[str | None]):
    """Returns an ISO date, "" to clear the date, or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="date-cancel")]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Reference date", style="bold"))
            yield Static(
                Text("Relative dates (Thursday, last week) resolve against it. Empty clears it.", style="dim")
            )
            yield Input(
                self.current,
                placeholder="YYYY-MM-DD",
                id="date-input",
                validators=[Function(valid_date, "Use YYYY-MM-DD")],
                validate_on=["changed", "submitted"],
            )
            yield Static("", id="date-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#date-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.validation_result is not None and not event.validation_result.is_valid:
            self.query_one("#date-error", Static).update(
                Text("Use YYYY-MM-DD, e.g. 2025-11-20", style="bold red")
            )
            return
        self.dismiss(event.value.strip() or CLEAR)
