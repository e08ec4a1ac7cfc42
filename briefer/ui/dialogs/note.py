"""Dialogs for notes: annotate (note + tags), tag only, and the tag input they share."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static, TextArea

from briefer.briefing.sanitize import clean_text
from briefer.notes.tags import InvalidTag, parse_tags
from briefer.ui.dialogs.confirm import ConfirmScreen

QUOTE_PREVIEW = 400


def read_tags(field: Input, error: Static) -> list[str] | None:
    """The tags typed in `field` (separated by spaces or commas, `#` optional), or None after
    saying in `error` why one of them cannot be a tag (the rule of `briefer.notes.tags`)."""
    try:
        return parse_tags(field.value.replace(",", " "))
    except InvalidTag as exc:
        error.update(Text(f"Not a tag: {clean_text(str(exc))}", style="bold red"))
        return None


class TagSuggester(Suggester):
    """Completes the tag being typed (the last word) from the tags already in use."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = sorted(tags)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(" ")
        last = last.lstrip("#")
        if not last:
            return None
        for tag in self.tags:
            if tag.startswith(last) and tag != last:
                return f"{head} {tag}".lstrip() if head else tag
        return None


@dataclass
class NoteResult:
    text: str
    tags: list[str]


def quote_preview(passage: str) -> Text:
    shown = " ".join(passage.split())
    if len(shown) > QUOTE_PREVIEW:
        shown = shown[:QUOTE_PREVIEW] + "…"
    return Text("“" + clean_text(shown) + "”", style="italic")


class NoteDialog(ModalScreen[NoteResult | None]):
    """`a`: a note and tags for a passage. ctrl+s saves; esc cancels, asking first if text would be lost."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note-cancel", priority=True),
    ]

    def __init__(
        self,
        passage: str,
        known_tags: list[str],
        text: str = "",
        tags: list[str] | None = None,
        title: str = "Annotate",
    ) -> None:
        super().__init__()
        self.passage = passage
        self.known_tags = known_tags
        self.initial_text = text
        self.initial_tags = " ".join(tags or [])
        self.dialog_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.dialog_title, style="bold"))
            yield Static(quote_preview(self.passage), classes="dialog-quote")
            yield TextArea(self.initial_text, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Input(
                self.initial_tags,
                placeholder="tags: key area/topic …",
                suggester=TagSuggester(self.known_tags),
                id="note-tags",
            )
            yield Static("", id="note-error")
            yield Static(Text("ctrl+s save · esc cancel · tab next field", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    @on(Input.Submitted, "#note-tags")
    def _tags_submitted(self) -> None:
        self.action_save()

    @property
    def text(self) -> str:
        return self.query_one("#note-text", TextArea).text.strip()

    @property
    def changed(self) -> bool:
        typed = self.query_one("#note-tags", Input).value.replace(",", " ").split()
        return self.text != self.initial_text.strip() or typed != self.initial_tags.split()

    def action_save(self) -> None:
        tags = read_tags(self.query_one("#note-tags", Input), self.query_one("#note-error", Static))
        if tags is not None:
            self.dismiss(NoteResult(self.text, tags))

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard this note?", yes="Discard", no="Keep editing"), answered)


class TagDialog(ModalScreen[list[str] | None]):
    """`t`: tags for a passage, without a note. enter saves, esc cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="tag-cancel")]

    def __init__(self, passage: str, known_tags: list[str], tags: list[str] | None = None) -> None:
        super().__init__()
        self.passage = passage
        self.known_tags = known_tags
        self.initial = " ".join(tags or [])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Tag", style="bold"))
            yield Static(quote_preview(self.passage), classes="dialog-quote")
            yield Input(
                self.initial,
                placeholder="tags: key area/topic …",
                suggester=TagSuggester(self.known_tags),
                id="tag-input",
            )
            yield Static("", id="tag-error")
            yield Static(Text("enter save · → complete · esc cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#tag-input", Input).focus()

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        tags = read_tags(event.input, self.query_one("#tag-error", Static))
        if tags is not None:
            self.dismiss(tags)
