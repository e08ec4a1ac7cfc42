"""The index's copy of the notes' text and tags, for the query fields tag: and note:.

The notes store stays the one truth; this copy is written by `sync_notes`, which compares
each note's revision with the copy's and writes only what differs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from briefer.library.database import transaction
from briefer.library.query import fold
from briefer.notes.model import Note


def sync_notes(connection: sqlite3.Connection, notes: Iterable[Note]) -> None:
    current = {note.id: note for note in notes}
    copied = dict(connection.execute("SELECT note_id, revision FROM notes").fetchall())
    stale = [
        note_id
        for note_id, revision in copied.items()
        if current.get(note_id) is None or current[note_id].revision != revision
    ]
    fresh = [note for note in current.values() if copied.get(note.id) != note.revision]
    if not stale and not fresh:
        return
    with transaction(connection):
        for note_id in stale:
            _forget(connection, note_id)
        for note in fresh:
            cursor = connection.execute(
                "INSERT INTO notes(note_id, revision, briefing_id, text) VALUES (?, ?, ?, ?)",
                (note.id, note.revision, note.briefing_id, note.text),
            )
            connection.execute(
                "INSERT INTO note_words(rowid, text) VALUES (?, ?)", (cursor.lastrowid, note.text)
            )
            connection.executemany(
                "INSERT INTO note_tags(note_id, briefing_id, tag) VALUES (?, ?, ?)",
                [(note.id, note.briefing_id, fold(tag)) for tag in note.tags],
            )


def _forget(connection: sqlite3.Connection, note_id: str) -> None:
    rowid, text = connection.execute("SELECT rowid, text FROM notes WHERE note_id = ?", (note_id,)).fetchone()
    connection.execute(
        "INSERT INTO note_words(note_words, rowid, text) VALUES ('delete', ?, ?)", (rowid, text)
    )
    connection.execute("DELETE FROM note_tags WHERE note_id = ?", (note_id,))
    connection.execute("DELETE FROM notes WHERE rowid = ?", (rowid,))
