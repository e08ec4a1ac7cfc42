"""`?`: every key in force on the screen below, as mapped, with the binding ids a keymap uses."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


@dataclass
class KeyRow:
    keys: str  # as displayed, e.g. "j ↓"
    description: str
    binding_id: str  # what [keymap] in the config names; "" for Textual's own bindings


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
        text.append("Keys in force here\n\n", style="bold")
        keys_width = max((len(row.keys) for row in self.rows), default=4) + 2
        label_width = max((len(row.description) for row in self.rows), default=4) + 2
        for row in self.rows:
            text.append(row.keys.ljust(keys_width), style="bold")
            text.append(row.description.ljust(label_width))
            text.append(row.binding_id + "\n", style="dim")
        text.append("\nThe dim names are binding ids: remap them in the config's [keymap].", style="dim")
        text.append("\nesc closes this help", style="dim")
        with VerticalScroll(id="help-body"):
            yield Static(text)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body").scroll_up()


def bindings_in_force(screen: Screen):
    """The enabled, described bindings of `screen` (focused widget, screen, app), as mapped by the keymap.

    The help and the command palette both list these, so neither can drift from the keys.
    """
    for active in screen.active_bindings.values():
        if active.enabled and active.binding.description and not active.binding.system:
            yield active


def key_rows(screen: Screen) -> list[KeyRow]:
    """A row per action in force on `screen`, with all its keys."""
    app = screen.app
    rows: dict[str, KeyRow] = {}
    for active in bindings_in_force(screen):
        binding = active.binding
        display = app.get_key_display(binding)
        row = rows.setdefault(binding.description, KeyRow("", binding.description, binding.id or ""))
        if display not in row.keys.split():
            row.keys = f"{row.keys} {display}".strip()
    return list(rows.values())
