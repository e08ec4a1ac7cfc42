"""`o`: the links of the current passage; one opens only when the reader asks, by key."""

from __future__ import annotations

import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

# Markdown links and autolinks show their target in the text; bare URLs are links too.
_LINK = re.compile(
    r"\]\((?P<md>[^)\s]+)(?:\s+\"[^\"]*\")?\)|<(?P<auto>https?://[^>\s]+)>|(?P<bare>https?://[^\s)\]>\"']+)"
)


def links_in(text: str) -> list[str]:
    """Link targets in `text`, in order, without repeats; only http(s) and mailto are offered."""
    found: list[str] = []
    for match in _LINK.finditer(text):
        url = (match.group("md") or match.group("auto") or match.group("bare")).rstrip(".,;:")
        if url.startswith(("http://", "https://", "mailto:")) and url not in found:
            found.append(url)
    return found


class LinksDialog(ModalScreen[str | None]):
    """Choose which of several links to open."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="links-cancel")]

    def __init__(self, urls: list[str]) -> None:
        super().__init__()
        self.urls = urls

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Open which link?", style="bold"))
            yield OptionList(*[Option(Text(url), id=str(i)) for i, url in enumerate(self.urls)], markup=False)
            yield Static(Text("enter opens · esc cancels", style="dim"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.urls[event.option_index])
