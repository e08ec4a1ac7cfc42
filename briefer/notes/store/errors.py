"""What the store raises: every message is one line the user can read."""

from __future__ import annotations

from briefer.notes.model import Note


class StoreError(Exception):
    """A notes store failure the user should read: the message is one line."""


class StoreReadOnly(StoreError):
    """A write to a store opened read-only."""


class InvalidNote(StoreError, ValueError):
    """A note (or briefing data) that cannot be stored as it is."""


class NoteConflict(StoreError):
    """An update made from a copy of the note older than the stored one: nothing was saved.

    `current` is the note as stored now, or None when it was deleted meanwhile; the
    caller keeps the user's text and offers to reload or to keep theirs (update again
    with `current.revision`).
    """

    def __init__(self, message: str, current: Note | None) -> None:
        super().__init__(message)
        self.current = current
