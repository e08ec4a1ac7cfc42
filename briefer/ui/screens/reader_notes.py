"""The reader's notes: the keys that make, change and delete them, the NOTES pane and the notes layer.

`ReaderScreen` builds on `NoteTaking`; the notes themselves, and every change
saved to the store, are the `NotesSession`'s. Dialogs save before they close (see
`briefer.ui.dialogs.note`), and notes another briefer saves show within a poll.
"""

from __future__ import annotations

import zlib
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from textual import getters, work
from textual.screen import Screen

from briefer.notes.model import Note
from briefer.notes.session import NotesSession
from briefer.notes.store import NoteConflict
from briefer.ui.attempt import attempt
from briefer.ui.screens import NOTES_POLL_SECONDS
from briefer.ui.widgets.document import DocumentView
from briefer.ui.widgets.notes_list import NotesList

if TYPE_CHECKING:
    from briefer.briefing import Briefing
    from briefer.notes.store import NotesStore
    from briefer.ui.app import BrieferApp
    from briefer.ui.dialogs.note import NoteResult, Saved

NOTE_COLOURS = 6


def note_class(note: Note) -> str:
    """Annotated passages are coloured by their first tag; the same tag always gets the same colour."""
    if note.kind == "highlight" and not note.tags:
        return "document-view--highlight"
    tag = note.tags[0] if note.tags else ""
    return f"document-view--note-{zlib.crc32(tag.encode()) % NOTE_COLOURS}"


def saved_message(note: Note) -> str:
    tags = " ".join("#" + t for t in note.tags)
    what = "Highlight" if note.kind == "highlight" else "Note"
    return f"{what} saved {tags}".strip()


class NoteTaking(Screen):
    """A screen showing `briefing` in a DocumentView, with a NotesList for its notes."""

    briefing: Briefing
    if TYPE_CHECKING:  # Textual's idiom for a typed `self.app`; at run time Textual's own property
        app = getters.app(BrieferApp)

    @cached_property
    def session(self) -> NotesSession:
        return NotesSession(self.store, self.briefing)

    @property
    def store(self) -> NotesStore | None:
        return self.app.store

    @property
    def notes(self) -> list[Note]:
        """This briefing's notes in text order, orphans last."""
        return self.session.notes

    @property
    def document(self) -> DocumentView:
        return self.query_one(DocumentView)

    @property
    def quick_tags(self) -> dict[str, str]:
        return self.app.quick_tags

    def note_position(self) -> str | None:
        """`note 2/5` when the cursor is on the sentence where a note starts."""
        placed = self.session.placed
        here = self.document.cursor
        for number, note in enumerate(placed, 1):
            if self.document.sentence_at(note.target.start) == here:
                return f"note {number}/{len(placed)}"
        return None

    def show_notes(self) -> None:
        self.query_one(NotesList).show_notes(self.session.placed, self.session.orphans)
        self.document.set_layer(
            "notes", [(n.target.start, n.target.end, note_class(n)) for n in self.session.placed]
        )

    def writable(self) -> bool:
        """Whether a note can be saved now; if not, the user is told why."""
        reason = self.session.unwritable_reason
        if reason is not None:
            self.notify(reason, severity="error" if self.store is None else "warning")
        return reason is None

    def writable_passage(self) -> tuple[int, int] | None:
        """The passage to put a note on (selection or sentence), when notes can be saved."""
        passage = self.document.passage
        if passage is None or not self.writable():
            return None
        return passage.start, passage.end

    def change_notes(self, change: Callable[[], Note | None]) -> None:
        """Save a change to the notes and show it; on failure the user reads why.

        The notes are shown again either way: a change refused because another briefer
        changed the note leaves the session with that briefer's version.
        """
        saved = attempt(self, change, "Not saved")
        self.show_notes()
        if saved is not None:
            self.document.clear_selection()
            self.notify(saved_message(saved), markup=False)

    def dialog_closed(self, result: Saved | None) -> None:
        """A note dialog closed, saved or not (a conflict met on the way may have changed the notes)."""
        self.show_notes()
        if result is not None and result.note is not None:
            self.document.clear_selection()
            self.notify(saved_message(result.note), markup=False)

    # ----- keys on a passage ----------------------------------------------------

    def action_annotate(self) -> None:
        from briefer.ui.dialogs.note import NoteDialog

        if (span := self.writable_passage()) is None:
            return
        existing = self.session.note_at(*span)
        if existing is not None:
            self.edit_note(existing)
            return

        def save(typed: NoteResult) -> Note:
            return self.session.add(*span, kind="note", text=typed.text, tags=typed.tags)

        passage = self.briefing.body[span[0] : span[1]]
        dialog = NoteDialog(passage, self.session.known_tags(), save)
        self.app.push_screen(dialog, self.dialog_closed)

    def action_tag(self) -> None:
        from briefer.ui.dialogs.note import TagDialog

        if (span := self.writable_passage()) is None:
            return
        existing = self.session.note_at(*span)
        save_over = self.saving_over(existing) if existing is not None else None

        def save(tags: list[str]) -> Note | None:
            if save_over is not None:
                return save_over(None, tags)
            return self.session.add(*span, kind="note", tags=tags) if tags else None

        passage = self.briefing.body[span[0] : span[1]]
        dialog = TagDialog(passage, self.session.known_tags(), save, existing.tags if existing else [])
        self.app.push_screen(dialog, self.dialog_closed)

    def saving_over(
        self, note: Note, failure: Exception | None = None
    ) -> Callable[[str | None, Sequence[str]], Note]:
        """A dialog's save of `note`'s text (None: unchanged) and tags, over the version the dialog
        started from and, after a conflict, over the version the conflict showed: a version saved
        in another window meanwhile (even one a poll has brought in) is never overwritten unseen."""
        base = failure.current if isinstance(failure, NoteConflict) and failure.current else note

        def save(text: str | None, tags: Sequence[str]) -> Note:
            nonlocal base
            try:
                return self.session.save_edit(base, text=text, tags=tags)
            except NoteConflict as conflict:
                base = conflict.current or base
                raise

        return save

    def action_highlight(self) -> None:
        passage = self.document.passage
        if passage is not None and self.session.note_at(passage.start, passage.end) is not None:
            self.notify("This passage already has a note.")
        elif (span := self.writable_passage()) is not None:
            self.change_notes(lambda: self.session.add(*span, kind="highlight"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Quick-tag keys with no tag configured are hidden from the footer, help and palette."""
        if action == "quick_tag":
            return bool(self.quick_tags.get(str(parameters[0])))
        return True

    def action_quick_tag(self, key: str) -> None:
        """Put the key's tag on the note covering the passage (a new note if none), or take it off."""
        tag = self.quick_tags.get(key)
        if not tag:
            self.notify(f"No quick tag on {key}.")
            return
        if (span := self.writable_passage()) is None:
            return
        toggled = attempt(self, lambda: self.session.toggle_tag(*span, tag), "Not saved")
        self.show_notes()
        if toggled is None:
            return
        note, added = toggled
        self.document.clear_selection()
        if added:
            message = f"#{tag} added"
        elif self.session.find(note.id) is None:
            message = f"#{tag} removed: the note had nothing else and is deleted (u undoes)"
        else:
            message = f"#{tag} removed"
        self.notify(message, markup=False)

    def action_next_note(self) -> None:
        self.jump_to_note(True)

    def action_previous_note(self) -> None:
        self.jump_to_note(False)

    def jump_to_note(self, forward: bool) -> None:
        """`]` and `[`: the next or previous note's sentence, wrapping around (and saying so)."""
        placed = self.session.placed
        if not placed:
            self.notify("No notes in this briefing.")
            return
        here = self.document.cursor_span[0]
        starts = [self.briefing.sentences[self.document.sentence_at(n.target.start)][0] for n in placed]
        index = bisect_right(starts, here) if forward else bisect_right(starts, here - 1) - 1
        note = placed[index % len(placed)]
        self.document.move_to_offset(note.target.start)
        self.query_one(NotesList).select_note(note.id)
        if not 0 <= index < len(placed):
            where = "first" if forward else "last"
            self.notify(f"Wrapped to the {where} note (note {index % len(placed) + 1}/{len(placed)}).")

    def action_undo_delete(self) -> None:
        if not self.session.deleted:
            self.notify("Nothing to undo.")
        elif self.writable() and attempt(self, self.session.undo_delete, "Not saved") is not None:
            self.show_notes()
            self.notify("Delete undone.")

    # ----- keys on a note of the NOTES pane -------------------------------------

    def edit_note(self, note: Note, text: str | None = None, failure: Exception | None = None) -> None:
        """The note dialog on `note`; with `text` (from the editor) in place of its text, and
        `failure`, the reason that text could not be saved, shown at once."""
        from briefer.ui.dialogs.note import NoteDialog

        save_over = self.saving_over(note, failure)

        def save(typed: NoteResult) -> Note:
            return save_over(typed.text, typed.tags)

        dialog = NoteDialog(
            note.target.exact,
            self.session.known_tags(),
            save,
            note,
            title="Edit note",
            text=text,
            failure=failure,
        )
        self.app.push_screen(dialog, self.dialog_closed)

    def on_notes_list_delete(self, message: NotesList.Delete) -> None:
        note = self.session.find(message.note_id)
        if note is None or not self.writable():
            return
        if attempt(self, lambda: self.session.delete(note), "Not deleted") is not None:
            self.show_notes()
            self.notify("Note deleted: u undoes.")

    def on_notes_list_accept(self, message: NotesList.Accept) -> None:
        note = self.session.find(message.note_id)
        if note is not None and note.anchor == "changed" and self.writable():
            self.change_notes(lambda: self.session.accept(note))

    def on_notes_list_edit_in_editor(self, message: NotesList.EditInEditor) -> None:
        """Open the note's text in $VISUAL / $EDITOR; the app suspends while it runs."""
        from briefer.ui.editor import edit_text

        note = self.session.find(message.note_id)
        if note is None or not self.writable():
            return
        text = attempt(self, lambda: edit_text(self.app, note.text), "Not edited")
        if text is None:
            return
        if text == note.text:
            self.notify("Note unchanged.")
            return
        try:
            saved = self.session.save_edit(note, text=text, tags=note.tags)
        except Exception as exc:  # the edited text must not be lost: the dialog keeps it and says why
            self.show_notes()
            self.edit_note(note, text, exc)
            return
        self.show_notes()
        self.notify(saved_message(saved), markup=False)

    # ----- notes saved by another briefer -----------------------------------------

    def poll_notes_elsewhere(self) -> None:
        """From now on, notes another briefer saves show within NOTES_POLL_SECONDS."""
        self.notes_token: object = None
        if self.store is not None:
            self.set_interval(NOTES_POLL_SECONDS, self.read_notes_if_changed)

    @work(thread=True, exclusive=True, group="notes-poll", exit_on_error=False)
    def read_notes_if_changed(self) -> None:
        """Off the event loop: a poll reads the notes files only when another process wrote them."""
        store, changes = self.store, self.session.changes
        try:
            token = store.change_token() if store is not None else None
            if token == self.notes_token:
                return
            notes = self.session.read_notes(persist=False)
        except Exception:  # a poll that cannot read now tries again at the next; reading goes on
            return
        self.app.call_from_thread(self.take_notes, token, notes, changes)

    def take_notes(self, token: object, notes: list[Note], changes: int) -> None:
        """Show the notes as read by a poll, unless this window changed them since (the next poll will)."""
        if changes != self.session.changes:
            return
        self.notes_token = token
        if notes != self.session.notes:
            self.session.notes = notes
            self.show_notes()
