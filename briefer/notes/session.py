"""One briefing's notes as the reader works on them: listed, made, changed, deleted and restored.

Textual-free, over the notes store's public methods. A change that cannot be
saved raises (`StoreError` or whatever the disk raised) and leaves the session
as it was, so the caller only has to tell the user why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefer.notes.anchoring import accept_changed, anchor_note, find_notes_for_briefing
from briefer.notes.model import Note, Target, new_note_id, now_iso, text_order
from briefer.notes.store import NoteConflict, StoreError

if TYPE_CHECKING:
    from briefer.briefing import Briefing
    from briefer.notes.store import NotesStore

UNAVAILABLE = "Notes are unavailable: the notes file could not be opened."
READ_ONLY = "Notes are read-only: another briefer holds the notes file."


class NotesUnavailable(StoreError):
    """There is no notes store to save to."""


def new_note(
    briefing: Briefing, start: int, end: int, *, kind: str, text: str = "", tags: Sequence[str] = ()
) -> Note:
    """A new, unsaved note on `briefing.body[start:end]`."""
    stamp = now_iso()
    return Note(
        id=new_note_id(),
        briefing_id=briefing.id,
        briefing_path=str(briefing.path or ""),
        briefing_title=briefing.title,
        target=Target.from_span(briefing.body, start, end),
        kind=kind,
        text=text,
        tags=list(tags),
        created=stamp,
        updated=stamp,
    )


def _shown_order(note: Note) -> tuple[bool, tuple[int, int, str, str]]:
    """Text order, with the notes whose passage is gone after all the others."""
    return (note.anchor == "orphan", text_order(note))


class NotesSession:
    """The notes of one briefing over a store (None when the notes file could not be opened)."""

    def __init__(self, store: NotesStore | None, briefing: Briefing) -> None:
        self.store = store
        self.briefing = briefing
        self.notes: list[Note] = []  # text order, orphans last
        self.deleted: list[Note] = []  # most recent last: what undo brings back
        self.changes = 0  # counts this session's changes: a re-read started before one is stale

    def load(self) -> None:
        """Read the briefing's notes, re-anchored to its current text (and saved so when they moved)."""
        self.notes = self.read_notes()

    def read_notes(self, *, persist: bool = True) -> list[Note]:
        """The briefing's notes as stored now, in shown order, without taking them.

        Without `persist`, nothing is written: a poll for another briefer's changes only reads.
        """
        if self.store is None:
            return []
        return sorted(find_notes_for_briefing(self.store, self.briefing, persist=persist), key=_shown_order)

    # ----- reading --------------------------------------------------------------

    @property
    def placed(self) -> list[Note]:
        """The notes whose passage is still in the text, in text order."""
        return [n for n in self.notes if n.anchor != "orphan"]

    @property
    def orphans(self) -> list[Note]:
        return [n for n in self.notes if n.anchor == "orphan"]

    def find(self, note_id: str) -> Note | None:
        return next((n for n in self.notes if n.id == note_id), None)

    def note_at(self, start: int, end: int) -> Note | None:
        """The note on exactly this passage, if any."""
        return next((n for n in self.placed if (n.target.start, n.target.end) == (start, end)), None)

    def note_covering(self, start: int, end: int) -> Note | None:
        """The note on exactly this passage, else the shortest note whose passage holds it."""
        covering = [n for n in self.placed if n.target.start <= start and end <= n.target.end]
        return min(covering, key=lambda n: n.target.end - n.target.start, default=None)

    def known_tags(self) -> list[str]:
        """The tags notes carry, for completion: not the parents that nesting implies (those the
        counts add), or typing `ir` would complete to a bare `iran` that no note carries."""
        if self.store is None:
            return []
        return sorted({tag for tags in self.store.tags_by_briefing().values() for tag in tags})

    @property
    def unwritable_reason(self) -> str | None:
        """Why no note can be saved now (one line), or None when notes can be saved."""
        if self.store is None:
            return UNAVAILABLE
        if self.store.read_only:
            return READ_ONLY
        return None

    @property
    def reference_date(self) -> str | None:
        """The date the user set for this briefing, else the briefing's own."""
        if self.store is not None:
            chosen = self.store.briefing_data(self.briefing.id).get("reference_date")
            if chosen:
                return chosen
        return self.briefing.date

    # ----- changing ---------------------------------------------------------------

    def _store(self) -> NotesStore:
        if self.store is None:
            raise NotesUnavailable(UNAVAILABLE)
        return self.store

    def _keep(self, saved: Note) -> Note:
        self.changes += 1
        self.notes = sorted([*(n for n in self.notes if n.id != saved.id), saved], key=_shown_order)
        return saved

    def add(self, start: int, end: int, *, kind: str, text: str = "", tags: Sequence[str] = ()) -> Note:
        """Save a new note on `body[start:end]`."""
        note = new_note(self.briefing, start, end, kind=kind, text=text, tags=tags)
        return self._keep(self._store().add(note))

    def edit(self, note: Note, *, text: str | None = None, tags: Sequence[str] | None = None) -> Note:
        """Save a note's new text and/or tags.

        A highlight edited as a note (`text` given) becomes a note once it has text or tags;
        tags alone (the tag dialog, quick tags) leave it a highlight.
        """
        changed = dataclasses.replace(
            note,
            text=note.text if text is None else text,
            tags=list(note.tags if tags is None else tags),
        )
        if text is not None and changed.kind == "highlight" and (changed.text or changed.tags):
            changed.kind = "note"
        try:
            return self._keep(self._store().update(changed))
        except NoteConflict as conflict:
            self.notes = [n for n in self.notes if n.id != note.id]
            self.changes += 1
            if conflict.current is not None:
                self._keep(anchor_note(conflict.current, self.briefing.body))
            raise

    def save_edit(self, base: Note, *, text: str | None, tags: Sequence[str]) -> Note:
        """`edit` from `base`, the version the user's edit started from (after a `NoteConflict`,
        the other version they were shown): a version saved elsewhere since, even one a poll has
        already brought into this session, is never overwritten unseen. A note deleted meanwhile
        is saved again, with the user's text."""
        if self.find(base.id) is None:
            restored = dataclasses.replace(base, text=base.text if text is None else text, tags=list(tags))
            return self._keep(self._store().add(restored))
        return self.edit(base, text=text, tags=tags)

    def toggle_tag(self, start: int, end: int, tag: str) -> tuple[Note, bool]:
        """A quick tag: on the note covering the passage it goes on, or comes off if the note had it;
        with no note there, a new note with just this tag. Returns the note and whether it has the tag.

        A note left with nothing (no text, no tags, not a highlight) is deleted: `undo_delete` restores it.
        """
        existing = self.note_covering(start, end)
        if existing is None:
            return self.add(start, end, kind="note", tags=[tag]), True
        if tag not in existing.tags:
            return self.edit(existing, tags=[*existing.tags, tag]), True
        remaining = [t for t in existing.tags if t != tag]
        if existing.kind == "note" and not existing.text and not remaining:
            return self.delete(existing), False
        return self.edit(existing, tags=remaining), False

    def accept(self, note: Note) -> Note:
        """Take a changed note's new place in the text as its passage."""
        return self._keep(self._store().update(accept_changed(dataclasses.replace(note), self.briefing.body)))

    def delete(self, note: Note) -> Note:
        """Delete a note (returned); `undo_delete` brings it back."""
        removed = self._store().remove(note.id)
        if removed is not None:  # else it was deleted elsewhere: nothing to bring back
            self.deleted.append(removed)
        self.notes = [n for n in self.notes if n.id != note.id]
        self.changes += 1
        return note

    def undo_delete(self) -> Note | None:
        """Restore the most recently deleted note; None if there is nothing to undo."""
        if not self.deleted:
            return None
        restored = self._keep(self._store().add(self.deleted[-1]))
        self.deleted.pop()
        return restored

    def set_reference_date(self, value: str | None) -> dict:
        """The date relative dates count from (None: the briefing's own); returns the briefing's data."""
        return self._store().set_briefing_data(self.briefing.id, reference_date=value or None)
