"""`?`: every key in force on the screen below, as mapped."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close", id="close-help"),
        Binding("j,down", "scroll_down", "Down", show=False, id="help-down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="help-up"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.rows = key_rows(under)

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Keys\n\n", style="bold")
        width = max((len(keys) for keys, _ in self.rows), default=4) + 2
        for keys, description in self.rows:
            text.append(keys.ljust(width), style="bold")
            text.append(description + "\n")
        text.append("\nesc closes this help", style="dim")
        with VerticalScroll(id="help-body"):
            yield Static(text)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body").scroll_up()


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for every binding in force on `screen`, as mapped by the keymap."""
    app = screen.app
    keys_by_label: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description or not active.enabled:
            continue
        display = app.get_key_display(binding)
        shown = keys_by_label.setdefault(binding.description, [])
        if display not in shown:
            shown.append(display)
    return [(" ".join(keys), label) for label, keys in keys_by_label.items()]
