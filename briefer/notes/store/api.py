"""NotesStore: notes, per-briefing data and the desk tables, durable, shared safely between processes.

A write takes the lock, re-reads any file another process changed, then applies the
change; each save is on disk before the call returns (see `storage`). When the lock
cannot be had within `wait` seconds at open, the store opens read-only and says so
in `messages`. Damaged files are repaired at open (see `recovery`); a missing notes
folder opens read-only.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from briefer import config
from briefer.files import NotRegularFile, check_regular
from briefer.notes.model import Note, now_iso, text_order
from briefer.notes.store.access import StoreAccess
from briefer.notes.store.desk import DeskTables, check_table_name, checked_record
from briefer.notes.store.disk import SETTLE_NS, stamp
from briefer.notes.store.documents import check_json, cleaned, copy_note, normalise_path, note_dict
from briefer.notes.store.errors import InvalidNote, NoteConflict, StoreError
from briefer.notes.store.layout import desk_folders, shard_key
from briefer.notes.store.recovery import remove_stale_temp_files
from briefer.notes.store.schema import check_schema
from briefer.notes.store.shards import Shards
from briefer.notes.store.storage import IdTable, StoreFile


class NotesStore:
    """Notes and per-briefing data. Thread-safe; safe with other processes on the same files."""

    def __init__(self, path: Path, wait: float):
        self.path = path
        self.wait = wait
        self.shard_dir = Path(f"{path}.d")
        self._access = StoreAccess(path, wait)
        self._mutex = threading.RLock()
        self._closed = False
        self._main = StoreFile(path, path.name, self._access, is_shard=False)
        self._shards = Shards(self.shard_dir, self._access)
        self._desk = DeskTables(self.shard_dir, self._access)

    @property
    def read_only(self) -> bool:
        """True when changes cannot be saved (another briefer holds the lock, or damage)."""
        return self._access.read_only

    @property
    def messages(self) -> list[str]:
        """What the user should read about opening and saving, one line each."""
        return self._access.messages

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path | str | None = None, *, wait: float = 2.0) -> NotesStore:
        path = Path(os.path.abspath(config.notes_path(path)))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the notes folder {path.parent}: {exc.strerror}") from None
        store = cls(path, wait)
        try:
            check_regular(path)  # before a lock file is made beside a device
            store._open()
        except NotRegularFile as exc:  # the notes file, a shard or the lock
            raise StoreError(f"{exc.strerror}; briefer keeps notes only in regular files") from None
        except OSError as exc:
            raise StoreError(f"cannot open the notes in {path}: {exc.strerror or exc}") from None
        return store

    def _open(self) -> None:
        access, shards = self._access, self._shards
        if not access.lock.acquire(self.wait):
            access.read_only = True
            access.messages.append(
                f"Another briefer is saving to {self.path.name}; opened it read-only (changes cannot be saved)."
            )
            check_schema(self._main, shards, access)
            shards.summaries.load()
            shards.refresh()
            return
        try:
            folder_existed = self.shard_dir.is_dir()
            if check_schema(self._main, shards, access) and not folder_existed:
                access.read_only = True  # writing now would start an empty folder over the user's notes
                access.messages.append(
                    f"The notes folder {self.shard_dir} is missing, so no notes could be loaded; "
                    "opened read-only: put the folder back (or restore it from a backup)."
                )
                return
            self.shard_dir.mkdir(exist_ok=True)
            remove_stale_temp_files(self.path, self.shard_dir)
            shards.summaries.load()
            shards.refresh()
            shards.save_summaries()
        finally:
            access.lock.release()

    # ------------------------------------------------------------ notes

    def add(self, note: Note) -> Note:
        """Store a new note (its id must be new); returns the stored copy.

        A new note is at revision 0; a note brought back (undo of a delete, an import)
        keeps its revision.
        """
        note = copy_note(note)
        note.created = note.created or now_iso()
        note.updated = note.updated or note.created
        doc = note_dict(note)
        with self._mutex, self._writing("the note"):
            key = shard_key(note.briefing_id)
            table = self._shards.notes(key)
            other = self._shards.summaries.shard_of(note.id)
            if table.contains(note.id) or (other and other != key and self._shards.has(other, note.id)):
                raise StoreError(f"a note with id {note.id} already exists")
            table.insert(note.id, doc)
            self._shards.summarise(key)
        return Note.from_dict(doc)

    def update(self, note: Note) -> Note:
        """Save changes to an existing note (moving it if its briefing changed).

        A compare-and-set: `note.revision` must be the stored note's, else NoteConflict
        (another window or process changed or deleted it since it was read) and nothing
        is saved. Returns the stored note, with `revision` one higher and `updated` set.
        """
        note = copy_note(note)
        note.updated = now_iso()
        with self._mutex, self._writing("the note"):
            old_key = self._shards.locate(note.id)
            stored = self._shards.notes(old_key).get(note.id) if old_key else None
            if old_key is None or stored is None:
                raise NoteConflict(
                    "this note no longer exists (deleted in another briefer window?); your text was not saved",
                    None,
                )
            if stored.get("revision", 0) != note.revision:
                raise NoteConflict(
                    "this note was changed in another briefer window; reload it or keep yours",
                    Note.from_dict(stored),
                )
            note.revision += 1
            doc = note_dict(note)
            key = shard_key(note.briefing_id)
            if key == old_key:
                self._shards.notes(key).replace(note.id, doc)
            else:  # new shard first: a crash in between leaves a copy, never a loss
                destination = self._shards.notes(key)
                if destination.contains(note.id):  # a copy left by such a crash
                    destination.replace(note.id, doc)
                else:
                    destination.insert(note.id, doc)
                self._shards.summarise(key)
                self._shards.notes(old_key).remove(note.id)
            self._shards.summarise(old_key)
        return Note.from_dict(doc)

    def remove(self, note_id: str) -> Note | None:
        """Delete a note; returns it (so `add` of it undoes the delete), or None if absent."""
        with self._mutex, self._writing("the deletion"):
            key = self._shards.locate(note_id)
            if key is None:
                return None
            table = self._shards.notes(key)
            doc = table.get(note_id)
            if doc is None:
                return None
            table.remove(note_id)
            self._shards.summarise(key)
        return Note.from_dict(doc)

    def get(self, note_id: str) -> Note | None:
        with self._mutex:
            self._check_open()
            key = self._shards.locate(note_id)
            doc = self._shards.notes(key).get(note_id) if key else None
            return Note.from_dict(doc) if doc is not None else None

    def notes_for(self, briefing_id: str) -> list[Note]:
        """A briefing's notes in text order."""
        with self._mutex:
            self._check_open()
            table = self._shards.notes(shard_key(briefing_id))
            docs = [d for d in table.all() if d["briefing_id"] == briefing_id]
        return sorted((Note.from_dict(d) for d in docs), key=text_order)

    def notes_for_path(self, path: str | os.PathLike) -> list[Note]:
        """Notes made on whatever briefing lived at `path` (any version of the file)."""
        wanted = normalise_path(path)
        with self._mutex:
            self._check_open()
            self._shards.refresh(unless_folder_unchanged=True)
            notes = [
                note
                for briefing_id in self._shards.summaries.briefings_at(wanted)
                for note in self.notes_for(briefing_id)
                if normalise_path(note.briefing_path) == wanted
            ]
        return sorted(notes, key=text_order)

    def all_notes(self) -> list[Note]:
        """Every note, by briefing, then in text order."""
        with self._mutex:
            self._check_open()
            self._shards.refresh(unless_folder_unchanged=True)
            notes = [
                Note.from_dict(doc)
                for key in self._shards.summaries.keys_with_notes()
                for doc in self._shards.notes(key).all()
            ]
        return sorted(notes, key=lambda n: (n.briefing_path, n.briefing_id, *text_order(n)))

    def note_counts(self) -> dict[str, int]:
        """Number of notes per briefing id."""
        return dict(self._totals()[0])

    def tag_counts(self) -> dict[str, int]:
        """Notes per tag; `area/topic` also counts once for `area`. Sorted by tag."""
        return dict(self._totals()[1])

    def tags_by_briefing(self) -> dict[str, list[str]]:
        """The distinct tags of each briefing's notes, as stored (filter the library by tag)."""
        with self._mutex:
            self._check_open()
            self._shards.refresh(unless_folder_unchanged=True)
            return self._shards.summaries.tags_by_briefing()

    def _totals(self) -> tuple[dict[str, int], dict[str, int]]:
        with self._mutex:
            self._check_open()
            self._shards.refresh(unless_folder_unchanged=True)
            return self._shards.summaries.totals()

    def change_token(self) -> object:
        """A value that differs whenever any process has saved notes, briefing data or desk
        tables since the last call; a few stats, no reading. Poll it and re-read when it changed.

        Every save renames a file into the notes folder (or over FILE), which moves that
        folder's or FILE's mtime. A save within the same clock tick as the last one may
        not move it, so a folder changed in the last moment gives a token equal to no other.
        """
        stamps = [stamp(self.shard_dir), stamp(self.path), *map(stamp, desk_folders(self.shard_dir))]
        newest = max((s[2] for s in stamps if s is not None), default=0)
        if time.time_ns() - newest < SETTLE_NS:
            return object()
        return tuple(stamps)

    # ------------------------------------------------------------ per-briefing data

    def reference_dates(self) -> dict[str, str]:
        """The reference date the user set (`D`) for each briefing that has one, by briefing id:
        one read, for the library's Date column and the export's `date:`."""
        with self._mutex:
            self._check_open()
            return {
                str(doc.doc_id): doc["reference_date"]
                for doc in self._briefings().all()
                if isinstance(doc.get("reference_date"), str)
            }

    def briefing_data(self, briefing_id: str) -> dict:
        with self._mutex:
            self._check_open()
            doc = self._briefings().get(briefing_id)
            return json.loads(json.dumps(doc)) if doc is not None else {}

    def set_briefing_data(self, briefing_id: str, **fields: object) -> dict:
        """Merge `fields` into the briefing's data; a value of None removes that field."""
        if not isinstance(briefing_id, str) or not briefing_id:
            raise InvalidNote("briefing data needs a briefing id")
        fields = cast(dict, cleaned(fields))
        check_json(fields, f"data for briefing {briefing_id[:12]}")
        with self._mutex, self._writing("the briefing data"):
            table = self._briefings()
            current = dict(table.get(briefing_id) or {})
            current.update(fields)
            current = {k: v for k, v in current.items() if v is not None}
            if table.contains(briefing_id):
                table.replace(briefing_id, current)
            else:
                table.insert(briefing_id, current)
        return dict(current)

    def _briefings(self) -> IdTable:
        return self._main.table("briefings")

    # ------------------------------------------------------------ desk tables

    def desk_table(self, name: str) -> dict[str, dict]:
        """Every record of desk table `name` by key (a copy; empty for a table never written)."""
        check_table_name(name)
        with self._mutex:
            self._check_open()
            return json.loads(json.dumps(self._desk.items(name)))

    def desk_item(self, name: str, key: str) -> dict | None:
        check_table_name(name)
        with self._mutex:
            self._check_open()
            record = self._desk.item(name, key)
            return json.loads(json.dumps(record)) if record is not None else None

    def desk_tables(self) -> list[str]:
        """The names of the desk tables that hold a file (for the export)."""
        with self._mutex:
            self._check_open()
            return self._desk.names()

    def put_desk_item(self, name: str, key: str, data: dict) -> dict:
        """Store `data` as the record `key` of desk table `name` (replacing it); returns the
        stored copy. On disk before it returns; other keys saved meanwhile by another process
        are kept (the table is re-read under the lock)."""
        self.put_desk_items(name, {key: data})
        return self.desk_item(name, key) or {}

    def put_desk_items(self, name: str, records: dict[str, dict | None]) -> bool:
        """Several records of one table in one write; a record of None removes that key.
        False when every record was already so (nothing was written)."""
        check_table_name(name)
        checked = {
            key: None if data is None else checked_record(name, key, data) for key, data in records.items()
        }
        with self._mutex, self._writing(f"the {name}"):
            return self._desk.apply(name, checked)

    def remove_desk_item(self, name: str, key: str) -> dict | None:
        """Remove record `key`; returns it (None when absent)."""
        return self.change_desk_item(name, key, lambda record: None)

    def change_desk_item(
        self, name: str, key: str, change: Callable[[dict | None], dict | None]
    ) -> dict | None:
        """Read-modify-write of one record under the lock: `change(current)` (None when
        absent) gives the new record (None removes it). Another window's change to the same
        record is what `change` is given, so it is never overwritten unseen. Returns the old
        record."""
        check_table_name(name)
        with self._mutex, self._writing(f"the {name}"):
            current = self._desk.item(name, key)
            old = json.loads(json.dumps(current)) if current is not None else None
            new = change(json.loads(json.dumps(current)) if current is not None else None)
            self._desk.apply(name, {key: None if new is None else checked_record(name, key, new)})
        return old

    # ------------------------------------------------------------ closing

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            lock = self._access.lock
            if self._shards.summaries.dirty and not self.read_only and lock.acquire(0.2):
                try:
                    self._shards.refresh()
                    self._shards.save_summaries()
                finally:
                    lock.release()
            self._shards.close()
            self._desk.close()

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ helpers

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the notes store is closed")

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        self._check_open()
        with self._access.writing(what):
            yield
