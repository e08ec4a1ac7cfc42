"""Small questions of the desk's views: pick one of a few names (an actor's, to split off), or type one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefer.briefing.sanitize import one_line


class PickDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="pick-cancel")]

    def __init__(self, question: str, choices: list[str]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(one_line(self.question), style="bold"))
            yield OptionList(
                *[Option(Text(one_line(choice)), id=str(i)) for i, choice in enumerate(self.choices)],
                markup=False,
            )
            yield Static(Text("enter picks · esc cancels", style="dim"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index])


class PromptDialog(ModalScreen[str | None]):
    """One line to type (an actor, a place, a tag): enter keeps it (empty: none), esc cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="prompt-cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(one_line(self.question), style="bold"))
            yield Input(self.value, id="prompt-input")
            yield Static(Text("enter keeps it (empty: none) · esc cancels", style="dim"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
