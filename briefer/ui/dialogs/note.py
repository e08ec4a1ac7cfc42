"""Dialogs for notes: annotate (note + tags) and tag only.

A dialog saves before it closes: it is given the save to run, and closes only once
the note is saved. When the save fails (disk full, notes locked, the note changed or
deleted in another briefer window) it stays open with the user's text and says why;
after a conflict, ctrl+r reloads the other version and saving again keeps the user's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from briefer.briefing.sanitize import clean_text
from briefer.notes.model import Note
from briefer.notes.store import NoteConflict
from briefer.ui.dialogs.confirm import ConfirmScreen
from briefer.ui.dialogs.tag_input import TagInput, read_tags

Typed = TypeVar("Typed")

QUOTE_PREVIEW = 400


@dataclass
class NoteResult:
    text: str
    tags: list[str]


def quote_preview(passage: str) -> Text:
    shown = " ".join(passage.split())
    if len(shown) > QUOTE_PREVIEW:
        shown = shown[:QUOTE_PREVIEW] + "…"
    return Text("“" + clean_text(shown) + "”", style="italic")


@dataclass
class Saved:
    """What a dialog closes with once its save succeeded: the note saved (None: nothing to save)."""

    note: Note | None


class SavingDialog(ModalScreen[Saved | None], Generic[Typed]):
    """A dialog that runs `save` on what the user typed and closes only when it succeeded.

    Closes with `Saved`, or None when cancelled. Subclasses show `#dialog-error` and say
    which key saves (`save_key`) and how to put the other version in the fields (`reload`).
    """

    BINDINGS = [
        Binding("ctrl+r", "reload", "Reload theirs", show=False, id="dialog-reload", priority=True),
    ]
    save_key = "ctrl+s"

    def __init__(self, save: Callable[[Typed], Note | None], failure: Exception | None = None) -> None:
        super().__init__()
        self.save = save
        self.failure = failure  # a save that already failed: shown when the dialog opens
        self.conflict: NoteConflict | None = None

    def on_mount(self) -> None:  # Textual runs it after the subclass's own on_mount
        if self.failure is not None:
            self.show_failure(self.failure)

    def try_save(self, typed: Typed) -> None:
        try:
            saved = self.save(typed)
        except Exception as exc:  # disk full, locked, a conflict: the text stays for another try
            self.show_failure(exc)
            return
        self.dismiss(Saved(saved))

    def show_failure(self, exc: Exception) -> None:
        reason = clean_text(str(exc)) or type(exc).__name__
        lines = f"Not saved: {reason}"
        self.conflict = exc if isinstance(exc, NoteConflict) else None
        if self.conflict is not None and self.conflict.current is not None:
            lines += f"\nctrl+r reloads the other version · {self.save_key} saves yours over it"
        elif self.conflict is not None:
            lines += f"\n{self.save_key} saves yours again · esc discards it"
        else:
            lines += f"\n{self.save_key} tries again · esc cancels"
        self.show_error(lines)

    def show_error(self, lines: str, style: str = "bold red") -> None:
        self.query_one("#dialog-error", Static).update(Text(lines, style=style))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload":
            return self.conflict is not None and self.conflict.current is not None
        return True

    def action_reload(self) -> None:
        if self.conflict is None or self.conflict.current is None:
            return
        self.reload(self.conflict.current)
        self.conflict = None
        self.show_error("Reloaded the version saved in the other window.", style="bold")

    def reload(self, current: Note) -> None:
        """Put the stored note's text and tags in the fields."""
        raise NotImplementedError


class NoteDialog(SavingDialog[NoteResult]):
    """`a`: a note and tags for a passage. ctrl+s saves; esc cancels, asking first if text would be lost."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note-cancel", priority=True),
    ]

    def __init__(
        self,
        passage: str,
        known_tags: list[str],
        save: Callable[[NoteResult], Note | None],
        note: Note | None = None,
        *,
        title: str = "Annotate",
        text: str | None = None,
        failure: Exception | None = None,
    ) -> None:
        """`note` is the note edited (None: a new one); `text`, when given, replaces its text in the field."""
        super().__init__(save, failure)
        self.passage = passage
        self.known_tags = known_tags
        self.saved_text = clean_text(note.text) if note else ""  # esc asks before losing anything else
        self.initial_text = self.saved_text if text is None else clean_text(text)
        self.initial_tags = " ".join(note.tags if note else [])
        self.dialog_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.dialog_title, style="bold"))
            yield Static(quote_preview(self.passage), classes="dialog-quote")
            yield TextArea(self.initial_text, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield TagInput(self.initial_tags, self.known_tags, id="note-tags")
            yield Static("", id="dialog-error")
            yield Static(Text("ctrl+s save · esc cancel · tab next field · → complete tag", style="dim"))

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
        return self.text != self.saved_text.strip() or typed != self.initial_tags.split()

    def action_save(self) -> None:
        tags = read_tags(self.query_one("#note-tags", Input), self.query_one("#dialog-error", Static))
        if tags is not None:
            self.try_save(NoteResult(self.text, tags))

    def reload(self, current: Note) -> None:
        self.query_one("#note-text", TextArea).text = clean_text(current.text)
        self.query_one("#note-tags", Input).value = clean_text(" ".join(current.tags))

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard this note?", yes="Discard", no="Keep editing"), answered)


class TagDialog(SavingDialog[list[str]]):
    """`t`: tags for a passage, without a note. enter saves, esc cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="tag-cancel")]
    save_key = "enter"

    def __init__(
        self,
        passage: str,
        known_tags: list[str],
        save: Callable[[list[str]], Note | None],
        tags: list[str] | None = None,
    ) -> None:
        super().__init__(save)
        self.passage = passage
        self.known_tags = known_tags
        self.initial = " ".join(tags or [])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Tag", style="bold"))
            yield Static(quote_preview(self.passage), classes="dialog-quote")
            yield TagInput(self.initial, self.known_tags, id="tag-input")
            yield Static("", id="dialog-error")
            yield Static(Text("enter save · → complete tag (again: next) · esc cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#tag-input", Input).focus()

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        tags = read_tags(event.input, self.query_one("#dialog-error", Static))
        if tags is not None:
            self.try_save(tags)

    def reload(self, current: Note) -> None:
        self.query_one("#tag-input", Input).value = clean_text(" ".join(current.tags))
