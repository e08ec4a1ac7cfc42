"""The NOTES pane: a row per note of the briefing, and keys that act on the highlighted one.

The keys post messages; the screen that holds the notes acts on them. The ▸ mark is
the list cursor (the note `d`, `A`, `E` and enter act on); it moves to the note on the
document's sentence as the document's cursor moves, so there is one mark, never two.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from briefer.notes.model import Note
from briefer.ui.widgets.panes import MARK, NO_MARK, PaneItem, PaneList, PaneRows, heading


def note_item(note: Note) -> PaneItem:
    """The passage, the note's text and its tags; an orphan's row jumps nowhere."""
    parts = []
    if note.anchor == "changed":
        parts.append(("~moved/changed (A accepts) ", "bold yellow"))
    parts.append(("“" + " ".join(note.target.exact.split())[:80] + "”", "italic"))
    if note.text:
        parts.append(("\n  " + " ".join(note.text.split())[:120], ""))
    if note.tags:
        parts.append(("\n  " + " ".join("#" + t for t in note.tags), "bold"))
    placed = note.anchor != "orphan"
    spans = [(note.target.start, note.target.end)] if placed else []
    return PaneItem(tuple(parts), spans, note.target.start if placed else None, key=note.id)


class NotesList(PaneList):
    """The briefing's notes in text order, then those whose passage is gone."""

    BINDINGS = [
        Binding("d", "delete", "Delete note", id="delete-note"),
        Binding("A", "accept", "Accept new place", id="accept-anchor"),
        Binding("E", "edit_in_editor", "Edit in $EDITOR", id="edit-in-editor"),
    ]

    class NoteAction(Message):
        """A key pressed on the highlighted note."""

        def __init__(self, note_id: str) -> None:
            super().__init__()
            self.note_id = note_id

    class Delete(NoteAction):
        """`d`: delete the note."""

    class Accept(NoteAction):
        """`A`: take the changed passage as the note's new place."""

    class EditInEditor(NoteAction):
        """`E`: edit the note's text in the user's editor."""

    _mark_row: int | None = None  # the row drawn with the mark

    def show_notes(self, placed: list[Note], orphans: list[Note]) -> None:
        items = [note_item(n) for n in placed]
        if orphans:
            items.append(heading("Orphaned (passage no longer in the text)"))
            items.extend(note_item(n) for n in orphans)
        self.show_rows(PaneRows.of(items))

    def select_note(self, note_id: str) -> None:
        """Highlight the note's row."""
        for index, item in enumerate(self.items):
            if item.key == note_id and not item.heading:
                self.highlighted = index
                return

    def row_prefix(self, index: int) -> Text | None:
        if self.message is not None or self.items[index].heading:
            return None
        return Text(MARK if index == self.highlighted else NO_MARK, style="bold")

    def watch_highlighted(self, value: int | None) -> None:
        super().watch_highlighted(value)
        moved = {value, self._mark_row}
        self._mark_row = value
        self.forget_rendering({i for i in moved if i is not None and i < self.row_count})

    def mark_span(self, start: int, end: int) -> None:
        """The list cursor goes to the first note on body[start:end] (the document's sentence), if any."""
        touching = self.rows_touching(start, end)
        if touching and self.highlighted not in touching:
            self.highlighted = min(touching)

    @property
    def current_note_id(self) -> str | None:
        item = self.current_item
        return None if item is None or item.heading else item.key

    def _post(self, action: type[NoteAction]) -> None:
        if (note_id := self.current_note_id) is not None:
            self.post_message(action(note_id))

    def action_delete(self) -> None:
        self._post(self.Delete)

    def action_accept(self) -> None:
        self._post(self.Accept)

    def action_edit_in_editor(self) -> None:
        self._post(self.EditInEditor)
