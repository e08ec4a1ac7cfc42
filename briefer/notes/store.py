"""The durable notes store: TinyDB documents behind a storage that never loses a save.

Layout (chosen by measuring: benchmarks/bench_notes.py). With `--notes FILE`:

    FILE              TinyDB JSON: table `_meta` (schema version, shard count) and
                      table `briefings` (per-briefing user data, keyed by briefing id)
    FILE.lock         lock file; an fcntl lock is held around every write transaction
    FILE.bak1, .bak2  the two previous versions of FILE (hard links, rotated on save)
    FILE.d/notes-XXX.json
                      the notes, in 1024 shards: XXX (hex) is sha256(briefing_id) mod
                      1024, so a briefing's notes all live in one shard. Each shard is
                      a TinyDB JSON file with one table `notes` keyed by note id, with
                      its own .bak1/.bak2.
    FILE.d/summary.json
                      a derived cache: per shard, the file's identity (inode, size,
                      mtime) and, by briefing, note ids, paths and tags, plus tag
                      counts. A shard whose identity differs is re-read, so a stale or
                      missing summary costs time, never correctness.

Why shards: one JSON file rewritten per save costs O(all notes): about 40-70 ms at
10,000 notes and far more at 100,000. With 1024 shards a save rewrites about 100 notes
(~70 KB at 100,000 notes), listing a briefing reads one shard, and opening reads FILE
and the summary only. At 100,000 notes over 20,000 briefings, 1024 shards halved the
add time of 256 shards (~280 KB each, ~6 ms of JSON per save); what remains is mostly
the two fsyncs. Opening takes 0.1-0.45 s (the first open without a summary: 1-3 s).

Every save is on disk before the call returns: temp file in the same folder, write,
flush, fsync, rotate backups, os.replace, fsync of the folder. No write-behind cache,
so SIGTERM, SIGHUP or a crash lose nothing that was acknowledged. Reads come from
memory, checked against the file's identity (one stat) so another process's saves are
seen. A write takes the lock, re-reads any file another process changed (identity,
and the bytes' hash, since a same-size save within one clock tick can look unchanged
to stat), then applies the change. When the lock cannot be had within `wait` seconds
at open, the store opens read-only and says so in `messages`.

A damaged file at open (bad JSON, wrong shape, NUL bytes, or empty/missing while
backups exist) is renamed to <name>.corrupt-<time> (never deleted), the newest readable
backup is restored, and `messages` says so; a missing notes folder opens read-only.

Tags: `tag_counts()` counts notes per tag, and a nested tag `area/topic` also counts
once for `area` (as Obsidian does), so filtering by `area` finds notes under it.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import itertools
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from briefer import config
from briefer.notes.model import ANCHOR_STATES, NOTE_KINDS, Note, now_iso

SCHEMA_VERSION = 2  # 1: every note in FILE's `notes` table; 2: notes in shards
SHARD_COUNT = 1024
BACKUP_GENERATIONS = 2
SUMMARY_FORMAT = 1  # of the derived FILE.d/summary.json; another format is ignored and rebuilt
SHARD_CACHE_SIZE = 16  # parsed shards kept in memory; the rest are re-read on demand

_NOTE_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_REQUIRED_NOTE_KEYS = ("id", "briefing_id", "target")
_TARGET_KEYS = ("exact", "prefix", "suffix", "start", "end")


class StoreError(Exception):
    """A notes store failure the user should read: the message is one line."""


class StoreReadOnly(StoreError):
    """A write to a store opened read-only."""


class InvalidNote(StoreError, ValueError):
    """A note (or briefing data) that cannot be stored as it is."""


class _Damaged(Exception):
    """A file that exists but cannot be used as what it should be."""


def tag_and_parents(tag: str) -> list[str]:
    """`a/b/c` -> [`a`, `a/b`, `a/b/c`]: the tags a nested tag counts for."""
    parts = tag.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def shard_key(briefing_id: str) -> str:
    digest = hashlib.sha256(briefing_id.encode("utf-8")).digest()
    return _shard_name(int.from_bytes(digest[:4], "big") % SHARD_COUNT)


def _shard_name(index: int) -> str:
    return f"{index:0{len(f'{SHARD_COUNT - 1:x}')}x}"


def normalise_path(path: str | os.PathLike) -> str:
    """Absolute and normalised, without touching the disk (no symlink resolution)."""
    return os.path.abspath(os.path.normpath(os.fspath(path))) if os.fspath(path) else ""


# ---------------------------------------------------------------- files


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _folder_stamps(folder: Path) -> dict[str, tuple[int, int, int]]:
    """`_stamp` of every file in `folder`, by name (empty when the folder is missing)."""
    stamps = {}
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return stamps
    for entry in entries:
        try:
            st = entry.stat()
        except FileNotFoundError:
            continue  # replaced between the listing and the stat: re-read next time
        stamps[entry.name] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return stamps


def _backup_paths(path: Path) -> list[Path]:
    return [Path(f"{path}.bak{i}") for i in range(1, BACKUP_GENERATIONS + 1)]


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _serialise(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def atomic_write(path: Path, payload: bytes, *, backups: bool = True) -> None:
    """Replace `path` with `payload`, durably; the old version becomes `.bak1`.

    Any failure (full disk, file too large) leaves `path` as it was.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if backups and os.path.exists(path):
            baks = _backup_paths(path)
            for older, newer in reversed(list(itertools.pairwise(baks))):
                if older.exists():
                    os.replace(older, newer)
            if baks[0].exists():
                os.unlink(baks[0])
            try:
                os.link(path, baks[0])
            except OSError:  # a file system without hard links
                shutil.copy2(path, baks[0])
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _file_digest(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return _digest(handle.read())
    except FileNotFoundError:
        return None


def _read_json(path: Path, is_shard: bool) -> tuple[dict | None, tuple | None, bytes | None]:
    """(data, stamp, digest) of a file: Nones if missing, ({}, stamp, digest) if empty.

    Raises _Damaged when the bytes are not a TinyDB file of the expected shape.
    """
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            raw = handle.read()
    except FileNotFoundError:
        return None, None, None
    stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
    if not raw:
        return {}, stamp, _digest(raw)
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # an editor may have added a BOM
    except (UnicodeDecodeError, ValueError) as exc:
        kind = "NUL bytes" if b"\0" in raw else "not valid JSON"
        raise _Damaged(f"{kind} ({type(exc).__name__})") from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise _Damaged("not a notes file (wrong shape)")
    if is_shard:
        for doc in data.get("notes", {}).values():
            if (
                not all(k in doc for k in _REQUIRED_NOTE_KEYS)
                or not isinstance(doc["target"], dict)
                or not all(k in doc["target"] for k in _TARGET_KEYS)
            ):
                raise _Damaged("a note in it is incomplete")
    return data, stamp, _digest(raw)


class _FileLock:
    """An fcntl lock on a sibling file, re-entrant within one process."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None
        self._depth = 0

    def acquire(self, timeout: float) -> bool:
        if self._depth:
            self._depth += 1
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + max(0.0, timeout)
        delay = 0.0005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(delay)
                delay = min(delay * 2, 0.004)  # short: writers hold the lock for a few ms
        self._fd, self._depth = fd, 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


# ---------------------------------------------------------------- TinyDB glue


class _StrIdTable(Table):
    """Documents keyed by our own string ids (note id, briefing id)."""

    document_id_class = str


class _TinyDB(TinyDB):
    table_class = _StrIdTable


class SafeStorage(Storage):
    """TinyDB storage: atomic durable writes with backups, in-memory reads checked by stat."""

    def __init__(self, path: Path, store: NotesStore, is_shard: bool):
        self.path = path
        self._store = store
        self._is_shard = is_shard
        self._data: dict | None = None
        self._stamp: tuple | None = None
        self._digest: bytes | None = None
        self._verified_in: int | None = None  # the write transaction that checked the bytes

    def read(self) -> dict:
        transaction = self._store._transaction
        if self._data is not None and _stamp(self.path) == self._stamp:
            if transaction is None or self._verified_in == transaction:
                return self._data
            # About to write: the stat could miss a same-size save within one clock
            # tick on a reused inode, so compare the bytes too (~0.2 ms per shard).
            if _file_digest(self.path) == self._digest:
                self._verified_in = transaction
                return self._data
        self._data, self._stamp, self._digest = self._store._load_file(self.path, self._is_shard)
        self._verified_in = transaction
        return self._data

    def write(self, data: dict) -> None:
        try:
            self._store._check_writable()
            payload = _serialise(data)
            atomic_write(self.path, payload)
        except BaseException:
            self._data = None  # TinyDB changed our cached dict in place: forget it
            raise
        self._data, self._stamp, self._digest = data, _stamp(self.path), _digest(payload)

    def close(self) -> None:
        self._data = None


def _open_db(storage: SafeStorage) -> _TinyDB:
    return _TinyDB(storage=lambda: storage)


# ---------------------------------------------------------------- the store


def _summarise(notes_table: dict) -> dict:
    """What the index needs from one shard: ids and paths by briefing, tag counts."""
    briefings: dict[str, dict] = {}
    tag_sets: Counter = Counter()  # few distinct sets: expand parents once per set
    for note_id, doc in notes_table.items():
        entry = briefings.get(doc["briefing_id"])
        if entry is None:
            entry = briefings[doc["briefing_id"]] = {"ids": [], "paths": [], "tags": []}
        entry["ids"].append(note_id)
        path = doc.get("briefing_path")
        if path and path not in entry["paths"]:
            entry["paths"].append(path)
        if doc.get("tags"):
            tag_sets[tuple(doc["tags"])] += 1
            entry["tags"].extend(t for t in doc["tags"] if t not in entry["tags"])
    tags: Counter = Counter()
    for tag_set, count in tag_sets.items():
        for counted in {parent for tag in tag_set for parent in tag_and_parents(tag)}:
            tags[counted] += count
    return {"briefings": briefings, "tags": dict(tags)}


class NotesStore:
    """Notes and per-briefing data. Thread-safe; safe with other processes on the same files."""

    def __init__(self, path: Path, wait: float):
        self.path = path
        self.wait = wait
        self.read_only = False
        self.messages: list[str] = []
        self.shard_dir = Path(f"{path}.d")
        self._lock = _FileLock(Path(f"{path}.lock"))
        self._mutex = threading.RLock()
        self._closed = False
        self._main = _open_db(SafeStorage(path, self, is_shard=False))
        self._shards: OrderedDict[str, _TinyDB] = OrderedDict()
        self._summaries: dict[str, dict] = {}  # shard key -> summary with "stamp"
        self._note_shard: dict[str, str] = {}  # note id -> shard key
        self._summary_dirty = False
        self._summary_version = 0  # bumped whenever a shard's summary changes
        self._totals: tuple[int, dict, dict] | None = None  # (version, note counts, tag counts)
        self._folder_seen: tuple | None = None  # the shard folder's stamp at the last full refresh
        self._transaction: int | None = None  # set while a write transaction holds the lock
        self._transactions = 0

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path | str | None = None, *, wait: float = 2.0) -> NotesStore:
        path = Path(os.path.abspath(config.notes_path(path)))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the notes folder {path.parent}: {exc.strerror}") from None
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a notes file")
        store = cls(path, wait)
        try:
            store._open()
        except OSError as exc:
            raise StoreError(f"cannot open the notes in {path}: {exc.strerror or exc}") from None
        return store

    def _open(self) -> None:
        if not self._lock.acquire(self.wait):
            self.read_only = True
            self.messages.append(
                f"Another briefer is saving to {self.path.name}; opened it read-only (changes cannot be saved)."
            )
            self._load_meta()
            self._load_summary_file()
            self._refresh_summaries()
            return
        try:
            folder_existed = self.shard_dir.is_dir()
            if self._load_meta() and not folder_existed:
                self.read_only = True  # writing now would start an empty folder over the user's notes
                self.messages.append(
                    f"The notes folder {self.shard_dir} is missing, so no notes could be loaded; "
                    "opened read-only: put the folder back (or restore it from a backup)."
                )
                return
            self.shard_dir.mkdir(exist_ok=True)
            self._remove_stale_temp_files()
            self._load_summary_file()
            self._refresh_summaries()
            self._save_summary_file()
        finally:
            self._lock.release()

    def _remove_stale_temp_files(self) -> None:
        """Temp files of a writer that died mid-save (we hold the lock, so none is live)."""
        for folder in (self.path.parent, self.shard_dir):
            for name in os.listdir(folder):
                if name.endswith(".tmp") and (
                    name.startswith(f".{self.path.name}.") or folder == self.shard_dir
                ):
                    try:
                        os.unlink(folder / name)
                    except OSError:
                        pass

    def _load_meta(self) -> bool:
        """Check (and upgrade) the schema; True if FILE already was a current-schema store."""
        data = self._main.storage.read()
        meta = data.get("_meta", {}).get("meta")
        if meta is None:
            if not data:
                if not self.read_only:
                    self._main.table("_meta", cache_size=0).insert(
                        Document({"schema": SCHEMA_VERSION, "shards": SHARD_COUNT}, doc_id="meta")
                    )
                return False
            if set(data) - {"notes", "briefings", "_meta"}:
                raise StoreError(f"{self.path} is not a briefer notes file (unknown tables)")
            meta = {"schema": 1}
        schema = meta.get("schema")
        if not isinstance(schema, int) or schema < 1:
            raise StoreError(f"{self.path} has no valid schema version; it was not written by briefer")
        if schema > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer briefer (notes schema {schema}; this one reads "
                f"up to {SCHEMA_VERSION}): upgrade briefer to open it"
            )
        if schema < SCHEMA_VERSION:
            self._migrate(schema, data)
            return False
        if meta.get("shards", SHARD_COUNT) != SHARD_COUNT:
            raise StoreError(
                f"{self.path} uses {meta.get('shards')} shards; this briefer expects {SHARD_COUNT}"
            )
        return True

    def _migrate(self, schema: int, data: dict) -> None:
        """Schema 1 kept every note in FILE; move them into shards (re-runnable after a crash)."""
        if self.read_only:
            raise StoreError(
                f"{self.path} needs upgrading (schema {schema}) but another briefer is using it; close it and retry"
            )
        shutil.copy2(self.path, f"{self.path}.pre-migration-v{schema}")
        self.shard_dir.mkdir(exist_ok=True)
        by_shard: dict[str, dict] = {}
        for note_id, doc in data.get("notes", {}).items():
            try:
                note = Note.from_dict({**doc, "id": doc.get("id") or note_id})
            except (TypeError, KeyError, AttributeError):
                raise StoreError(
                    f"note {note_id[:64]} in {self.path} is incomplete; nothing was upgraded"
                ) from None
            by_shard.setdefault(shard_key(note.briefing_id), {})[note.id] = _note_dict(note)
        for key, notes in by_shard.items():
            storage = self._shard(key).storage
            shard_data = storage.read()
            shard_data.setdefault("notes", {}).update(notes)
            storage.write(shard_data)
        migrated = {name: table for name, table in data.items() if name != "notes"}
        migrated["_meta"] = {"meta": {"schema": SCHEMA_VERSION, "shards": SHARD_COUNT}}
        self._main.storage.write(migrated)
        count = sum(len(n) for n in by_shard.values())
        self.messages.append(
            f"Upgraded the notes file to schema {SCHEMA_VERSION} ({count} notes); the old file is kept."
        )

    # ------------------------------------------------------------ loading and recovery

    def _load_file(self, path: Path, is_shard: bool) -> tuple[dict, tuple | None, bytes | None]:
        """Read a store file; recover it from a backup when damaged or wrongly empty."""
        try:
            data, stamp, digest = _read_json(path, is_shard)
            if not data and any(p.exists() for p in _backup_paths(path)):
                raise _Damaged("it is empty" if data is not None else "it is missing")
            return (data if data is not None else {}), stamp, digest
        except _Damaged as damage:
            return self._recover(path, is_shard, str(damage))

    def _recover(self, path: Path, is_shard: bool, reason: str) -> tuple[dict, tuple | None, bytes | None]:
        label = path.name if not is_shard else f"{self.shard_dir.name}/{path.name}"
        have_lock = not self.read_only and self._lock.acquire(self.wait)
        try:
            if have_lock:  # someone may have repaired it while we waited
                try:
                    data, stamp, digest = _read_json(path, is_shard)
                    if data:
                        return data, stamp, digest
                except _Damaged:
                    pass
            for backup in _backup_paths(path):
                try:
                    data, _, _ = _read_json(backup, is_shard)
                except (_Damaged, OSError):
                    continue
                if not data:
                    continue
                saved = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
                if not have_lock:
                    self.messages.append(
                        f"Notes file {label} is damaged ({reason}); showing its backup from {saved} read-only."
                    )
                    self.read_only = True
                    return data, _stamp(path), _file_digest(path)
                aside = self._move_aside(path)
                atomic_write(path, _serialise(data), backups=False)
                kept = f"; the damaged file is kept as {aside.name}" if aside else ""
                self.messages.append(
                    f"Notes file {label} was damaged ({reason}); restored its backup from {saved}{kept}."
                )
                return data, _stamp(path), _file_digest(path)
            aside = self._move_aside(path) if have_lock else None
            kept = f"; the damaged file is kept as {aside.name}" if aside else ""
            self.messages.append(
                f"Notes file {label} was damaged ({reason}) and no backup could be read{kept}."
            )
            if not have_lock:
                self.read_only = True
            return {}, _stamp(path), _file_digest(path)
        finally:
            if have_lock:
                self._lock.release()

    @staticmethod
    def _move_aside(path: Path) -> Path | None:
        if not path.exists():
            return None
        aside = path.with_name(
            f"{path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9}"
        )
        os.replace(path, aside)
        return aside

    # ------------------------------------------------------------ shards and index

    def _shard_path(self, key: str) -> Path:
        return self.shard_dir / f"notes-{key}.json"

    def _shard(self, key: str) -> _TinyDB:
        db = self._shards.get(key)
        if db is None:
            db = _open_db(SafeStorage(self._shard_path(key), self, is_shard=True))
            self._shards[key] = db
            while len(self._shards) > SHARD_CACHE_SIZE:
                self._shards.popitem(last=False)[1].storage.close()
        self._shards.move_to_end(key)
        return db

    def _notes_table(self, key: str) -> Table:
        return self._shard(key).table("notes", cache_size=0)

    def _load_summary_file(self) -> None:
        try:
            data = json.loads((self.shard_dir / "summary.json").read_bytes())
            if (data.get("format"), data.get("shards")) == (SUMMARY_FORMAT, SHARD_COUNT) and isinstance(
                data.get("entries"), dict
            ):
                for key, entry in data["entries"].items():
                    entry["stamp"] = tuple(entry["stamp"]) if entry.get("stamp") else None
                    self._set_summary(key, entry)
        except (OSError, ValueError, AttributeError, TypeError, KeyError):
            self._summaries.clear()
            self._note_shard.clear()

    def _save_summary_file(self) -> None:
        if not self._summary_dirty or self.read_only:
            return
        payload = json.dumps(
            {"format": SUMMARY_FORMAT, "shards": SHARD_COUNT, "entries": self._summaries},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        try:
            atomic_write(self.shard_dir / "summary.json", payload, backups=False)
            self._summary_dirty = False
        except OSError:
            pass  # a cache: the next open rebuilds what it cannot trust

    def _set_summary(self, key: str, entry: dict) -> None:
        old = self._summaries.get(key)
        if old:
            for info in old["briefings"].values():
                for note_id in info["ids"]:
                    if self._note_shard.get(note_id) == key:
                        del self._note_shard[note_id]
        self._summaries[key] = entry
        self._summary_version += 1
        for info in entry["briefings"].values():
            for note_id in info["ids"]:
                self._note_shard[note_id] = key

    def _summarise_shard(self, key: str) -> None:
        storage = self._shard(key).storage
        data = storage.read()
        entry = _summarise(data.get("notes", {}))
        entry["stamp"] = storage._stamp
        known = self._summaries.get(key)
        if storage._stamp is None and known and known["briefings"]:
            lost = sum(len(info["ids"]) for info in known["briefings"].values())
            self.messages.append(
                f"Notes file {self.shard_dir.name}/{storage.path.name} is missing and has no backup: "
                f"{lost} notes in it could not be loaded."
            )
        self._set_summary(key, entry)
        self._summary_dirty = True

    def _refresh_summaries(self, *, unless_folder_unchanged: bool = False) -> None:
        """Re-read every shard whose file changed since we summarised it (one stat each).

        Counts may skip the 1024 stats when the folder itself has not changed (every
        save creates and renames a file in it); writes never rely on that.
        """
        folder = _stamp(self.shard_dir)
        if unless_folder_unchanged and folder is not None and folder == self._folder_seen:
            return
        started = time.time_ns()
        # One listing of the folder instead of 1024 stats: most shards of most stores do not exist.
        present = _folder_stamps(self.shard_dir)
        for index in range(SHARD_COUNT):
            key = _shard_name(index)
            path = self._shard_path(key)
            stamp = present.get(path.name)
            known = self._summaries.get(key)
            if known is not None and known.get("stamp") == stamp:
                continue
            if stamp is None and known is None and f"{path.name}.bak1" not in present:
                continue  # never written
            self._summarise_shard(key)
        # A save within the same clock tick as the folder's mtime would not move it.
        settled = folder is not None and started - folder[2] > 100_000_000
        self._folder_seen = folder if settled else None

    # ------------------------------------------------------------ transactions

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the notes store is closed")

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(f"{self.path.name} is open read-only; the change was not saved")

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        self._check_open()
        self._check_writable()
        if not self._lock.acquire(self.wait):
            raise StoreError(
                f"another briefer kept {self.path.name} locked for {self.wait:g} s; {what} was not saved"
            )
        self._transactions += 1
        self._transaction = self._transactions
        try:
            yield
        except OSError as exc:
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                reason += " (free some space and try again)"
            raise StoreError(
                f"could not save {what} to {self.path}: {reason}; the notes on disk are unchanged"
            ) from None
        finally:
            self._transaction = None
            self._lock.release()

    # ------------------------------------------------------------ notes API

    def add(self, note: Note) -> Note:
        """Store a new note (its id must be new); returns the stored copy."""
        note = _copy(note)
        stamp = now_iso()
        note.created = note.created or stamp
        note.updated = note.updated or note.created
        doc = _note_dict(note)
        with self._mutex, self._writing("the note"):
            key = shard_key(note.briefing_id)
            table = self._notes_table(key)
            other = self._note_shard.get(note.id)
            if table.contains(doc_id=note.id) or (other and other != key and self._shard_has(other, note.id)):
                raise StoreError(f"a note with id {note.id} already exists")
            table.insert(Document(doc, doc_id=note.id))
            self._summarise_shard(key)
        return Note.from_dict(doc)

    def update(self, note: Note) -> Note:
        """Save changes to an existing note (moving it if its briefing changed); sets `updated`."""
        note = _copy(note)
        note.updated = now_iso()
        doc = _note_dict(note)
        with self._mutex, self._writing("the note"):
            old_key = self._locate(note.id)
            if old_key is None:
                raise StoreError(f"note {note.id} no longer exists (deleted elsewhere?)")
            key = shard_key(note.briefing_id)
            if key == old_key:
                self._notes_table(key).update(_replace_with(doc), doc_ids=[note.id])
            else:  # new shard first: a crash in between leaves a copy, never a loss
                destination = self._notes_table(key)
                if destination.contains(doc_id=note.id):  # a copy left by such a crash
                    destination.update(_replace_with(doc), doc_ids=[note.id])
                else:
                    destination.insert(Document(doc, doc_id=note.id))
                self._summarise_shard(key)
                self._notes_table(old_key).remove(doc_ids=[note.id])
            self._summarise_shard(old_key)
        return Note.from_dict(doc)

    def remove(self, note_id: str) -> Note | None:
        """Delete a note; returns it (so `add` of it undoes the delete), or None if absent."""
        with self._mutex, self._writing("the deletion"):
            key = self._locate(note_id)
            if key is None:
                return None
            table = self._notes_table(key)
            doc = table.get(doc_id=note_id)
            if doc is None:
                return None
            table.remove(doc_ids=[note_id])
            self._summarise_shard(key)
        return Note.from_dict(doc)

    def get(self, note_id: str) -> Note | None:
        with self._mutex:
            self._check_open()
            key = self._locate(note_id)
            doc = self._notes_table(key).get(doc_id=note_id) if key else None
            return Note.from_dict(doc) if doc is not None else None

    def notes_for(self, briefing_id: str) -> list[Note]:
        """A briefing's notes in text order."""
        with self._mutex:
            self._check_open()
            table = self._notes_table(shard_key(briefing_id))
            docs = [d for d in table.all() if d["briefing_id"] == briefing_id]
        return _in_text_order(Note.from_dict(d) for d in docs)

    def notes_for_path(self, path: str | os.PathLike) -> list[Note]:
        """Notes made on whatever briefing lived at `path` (any version of the file)."""
        wanted = normalise_path(path)
        with self._mutex:
            self._check_open()
            self._refresh_summaries(unless_folder_unchanged=True)
            ids = [
                bid
                for summary in self._summaries.values()
                for bid, info in summary["briefings"].items()
                if wanted in info["paths"]
            ]
            notes = [
                n for bid in ids for n in self.notes_for(bid) if normalise_path(n.briefing_path) == wanted
            ]
        return _in_text_order(notes)

    def all_notes(self) -> list[Note]:
        with self._mutex:
            self._check_open()
            self._refresh_summaries(unless_folder_unchanged=True)
            notes = []
            for key in sorted(self._summaries):
                if self._summaries[key]["briefings"]:
                    notes.extend(Note.from_dict(d) for d in self._notes_table(key).all())
        notes.sort(
            key=lambda n: (n.briefing_path, n.briefing_id, n.target.start, n.target.end, n.created, n.id)
        )
        return notes

    def note_counts(self) -> dict[str, int]:
        """Number of notes per briefing id."""
        return dict(self._current_totals()[1])

    def tag_counts(self) -> dict[str, int]:
        """Notes per tag; `area/topic` also counts once for `area`. Sorted by tag."""
        return dict(self._current_totals()[2])

    def tags_by_briefing(self) -> dict[str, list[str]]:
        """The distinct tags of each briefing's notes, as stored (filter the library by tag)."""
        with self._mutex:
            self._check_open()
            self._refresh_summaries(unless_folder_unchanged=True)
            return {
                bid: list(info["tags"])
                for summary in self._summaries.values()
                for bid, info in summary["briefings"].items()
                if info["tags"]
            }

    def _current_totals(self) -> tuple[int, dict, dict]:
        with self._mutex:
            self._check_open()
            self._refresh_summaries(unless_folder_unchanged=True)
            if self._totals is None or self._totals[0] != self._summary_version:
                notes = {
                    bid: len(info["ids"])
                    for summary in self._summaries.values()
                    for bid, info in summary["briefings"].items()
                }
                tags: Counter = Counter()
                for summary in self._summaries.values():
                    tags.update(summary["tags"])
                self._totals = (self._summary_version, notes, dict(sorted(tags.items())))
            return self._totals

    # ------------------------------------------------------------ per-briefing data

    def briefing_data(self, briefing_id: str) -> dict:
        with self._mutex:
            self._check_open()
            doc = self._main.table("briefings", cache_size=0).get(doc_id=briefing_id)
            return json.loads(json.dumps(doc)) if doc is not None else {}

    def set_briefing_data(self, briefing_id: str, **fields) -> dict:
        """Merge `fields` into the briefing's data; a value of None removes that field."""
        if not isinstance(briefing_id, str) or not briefing_id:
            raise InvalidNote("briefing data needs a briefing id")
        _check_json(fields, f"data for briefing {briefing_id[:12]}")
        with self._mutex, self._writing("the briefing data"):
            table = self._main.table("briefings", cache_size=0)
            current = dict(table.get(doc_id=briefing_id) or {})
            current.update(fields)
            current = {k: v for k, v in current.items() if v is not None}
            if table.contains(doc_id=briefing_id):
                table.update(_replace_with(current), doc_ids=[briefing_id])
            else:
                table.insert(Document(current, doc_id=briefing_id))
        return dict(current)

    # ------------------------------------------------------------ closing

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            if self._summary_dirty and not self.read_only and self._lock.acquire(0.2):
                try:
                    self._refresh_summaries()
                    self._save_summary_file()
                finally:
                    self._lock.release()
            self._shards.clear()

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ helpers

    def _locate(self, note_id: str) -> str | None:
        key = self._note_shard.get(note_id)
        if key is not None and self._shard_has(key, note_id):
            return key
        self._refresh_summaries()
        key = self._note_shard.get(note_id)
        return key if key is not None and self._shard_has(key, note_id) else None

    def _shard_has(self, key: str, note_id: str) -> bool:
        return self._notes_table(key).contains(doc_id=note_id)


def _replace_with(doc: dict):
    def replace(existing: dict) -> None:
        existing.clear()
        existing.update(doc)

    return replace


def _copy(note: Note) -> Note:
    if not isinstance(note, Note):
        raise InvalidNote(f"expected a Note, got {type(note).__name__}")
    return Note.from_dict(note.to_dict())


def _in_text_order(notes) -> list[Note]:
    return sorted(notes, key=lambda n: (n.target.start, n.target.end, n.created, n.id))


def _check_json(value, what: str) -> None:
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as exc:  # UnicodeEncodeError is a ValueError
        reason = "text that is not valid UTF-8" if isinstance(exc, UnicodeError) else str(exc).split("\n")[0]
        raise InvalidNote(f"{what} cannot be saved: {reason}") from None


def _note_dict(note: Note) -> dict:
    """The stored form of a note, after checking every field a reader relies on."""
    label = f"note {note.id!r}"[:80]
    if not isinstance(note.id, str) or not _NOTE_ID.fullmatch(note.id):
        raise InvalidNote(f"{label}: an id is 1-64 letters, digits, '_', '-' or '.'")
    for name in ("briefing_id", "briefing_path", "briefing_title", "text", "created", "updated"):
        if not isinstance(getattr(note, name), str):
            raise InvalidNote(f"{label}: {name} must be text")
    if not note.briefing_id:
        raise InvalidNote(f"{label}: it belongs to no briefing")
    if note.kind not in NOTE_KINDS:
        raise InvalidNote(f"{label}: kind must be one of {', '.join(NOTE_KINDS)}")
    if note.anchor not in ANCHOR_STATES:
        raise InvalidNote(f"{label}: anchor must be one of {', '.join(ANCHOR_STATES)}")
    if not isinstance(note.tags, list) or not all(isinstance(t, str) and t.strip() for t in note.tags):
        raise InvalidNote(f"{label}: tags must be a list of non-empty texts")
    target = note.target
    for name in ("exact", "prefix", "suffix"):
        if not isinstance(getattr(target, name), str):
            raise InvalidNote(f"{label}: target.{name} must be text")
    for name in ("start", "end"):
        value = getattr(target, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidNote(f"{label}: target.{name} must be a whole number >= 0")
    if target.end < target.start:
        raise InvalidNote(f"{label}: the target ends before it starts")
    doc = note.to_dict()
    doc["briefing_path"] = normalise_path(
        note.briefing_path
    )  # relative paths mean nothing to another process
    _check_json(doc, label)
    return doc
