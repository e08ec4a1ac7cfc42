"""The durable notes store: TinyDB documents behind a storage that never loses a save.

The rooms: `layout` (which file holds what, and why), `disk` (reading files, spotting
damage), `recovery` (repairing damage from backups), `lock` and `access` (the lock, the
read-only state, write transactions, messages), `storage` (TinyDB over durable files),
`summary` and `shards` (the shard files and the index over them), `desk` (the desk
tables: named tables of small records), `documents` (the
stored form of a note), `schema` (versions and upgrades) and `api` (`NotesStore`).
"""

from briefer.notes.store.api import NotesStore
from briefer.notes.store.documents import normalise_path
from briefer.notes.store.errors import InvalidNote, NoteConflict, StoreError, StoreReadOnly
from briefer.notes.store.layout import shard_key

__all__ = [
    "InvalidNote",
    "NoteConflict",
    "NotesStore",
    "StoreError",
    "StoreReadOnly",
    "normalise_path",
    "shard_key",
]
