"""TinyDB over the store's files: every save durable before it returns, every read checked
against the file so that another process's saves are seen.

Every save is on disk before the call returns (`briefer.files.atomic_write`: temp file
in the same folder, fsync, rotate backups, rename, fsync of the folder). No write-behind
cache, so SIGTERM, SIGHUP or a crash lose nothing that was acknowledged. Reads come from
memory, checked against the file's identity (one stat); inside a write transaction the
bytes' hash is checked too, since a same-size save within one clock tick can look
unchanged to stat.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from briefer.files import atomic_write
from briefer.notes.store.access import StoreAccess
from briefer.notes.store.disk import Snapshot, Tables, digest, file_digest, serialise, stamp
from briefer.notes.store.layout import BACKUP_GENERATIONS
from briefer.notes.store.recovery import load_file


class SafeStorage(Storage):
    """TinyDB storage: atomic durable writes with backups, in-memory reads checked by stat."""

    def __init__(
        self,
        path: Path,
        label: str,
        access: StoreAccess,
        is_shard: bool,
        known_ids: Callable[[], set[str]] = set,
    ):
        self.path = path
        self.known_ids = known_ids  # the note ids the index last saw in the file
        self.label = label  # the file's name in messages
        self._access = access
        self._is_shard = is_shard
        self._snapshot: Snapshot | None = None
        self._verified_in: int | None = None  # the write transaction that checked the bytes

    def snapshot(self) -> Snapshot:
        """The file's tables and the identity they were read at, re-read when it changed."""
        transaction = self._access.transaction
        known = self._snapshot
        if known is not None and stamp(self.path) == known.stamp:
            if transaction is None or self._verified_in == transaction:
                return known
            # About to write: the stat could miss a same-size save within one clock
            # tick on a reused inode, so compare the bytes too (~0.2 ms per shard).
            if file_digest(self.path) == known.digest:
                self._verified_in = transaction
                return known
        self._snapshot = load_file(self.path, self._is_shard, self._access, self.label, self.known_ids)
        self._verified_in = transaction
        return self._snapshot

    def read(self) -> Tables:
        return self.snapshot().data

    def write(self, data: Tables) -> None:
        try:
            self._access.check_writable()
            payload = serialise(data)
            atomic_write(self.path, payload, backups=BACKUP_GENERATIONS)
        except BaseException:
            self._snapshot = None  # TinyDB changed our cached tables in place: forget them
            raise
        self._snapshot = Snapshot(data, stamp(self.path), digest(payload))

    def close(self) -> None:
        self._snapshot = None


def _as_id(doc_id: str) -> int:
    # The one place our string ids meet TinyDB's annotations: TinyDB stores any
    # hashable id (our tables' `document_id_class` is str) but annotates ids as int.
    return cast(int, doc_id)


class _StrIdTable(Table):
    """Documents keyed by our own string ids (note id, briefing id)."""

    document_id_class = cast("type[int]", str)  # see _as_id


class _TinyDB(TinyDB):
    table_class = _StrIdTable


class IdTable:
    """One TinyDB table of documents keyed by our string ids."""

    def __init__(self, table: Table) -> None:
        self._table = table

    def get(self, doc_id: str) -> dict | None:
        return self._table.get(doc_id=_as_id(doc_id))

    def contains(self, doc_id: str) -> bool:
        return self._table.contains(doc_id=_as_id(doc_id))

    def all(self) -> list[Document]:
        return self._table.all()

    def insert(self, doc_id: str, doc: dict) -> None:
        self._table.insert(Document(doc, doc_id=_as_id(doc_id)))

    def replace(self, doc_id: str, doc: dict) -> None:
        """Replace the whole document (TinyDB's update would merge fields)."""

        def replace(existing: MutableMapping) -> None:
            existing.clear()
            existing.update(doc)

        self._table.update(replace, doc_ids=[_as_id(doc_id)])

    def remove(self, doc_id: str) -> None:
        self._table.remove(doc_ids=[_as_id(doc_id)])


class StoreFile:
    """One file of the store as TinyDB tables over a SafeStorage."""

    def __init__(
        self,
        path: Path,
        label: str,
        access: StoreAccess,
        *,
        is_shard: bool,
        known_ids: Callable[[], set[str]] = set,
    ) -> None:
        self.storage = SafeStorage(path, label, access, is_shard, known_ids)
        self._db = _TinyDB(storage=lambda: self.storage)

    def table(self, name: str) -> IdTable:
        return IdTable(self._db.table(name, cache_size=0))
