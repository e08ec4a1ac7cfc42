"""The desk tables: named tables of small records keyed by string (read state, flags, last
visits, watch items, actor decisions), in files of their own: FILE.d/desk-NAME/XX.json.

Not tables in FILE, and not one file per table: at 20,000 read states either rewrote
2 MB to mark one briefing read (about 50 ms p50, 150 ms p95 on this machine;
benchmarks/bench_notes.py). Each table is split in 64 shards by its keys' hash, so a
write rewrites about 1/64 of the table. Each shard is a TinyDB file with one table
`items`, written like a notes shard: atomically, under the store's lock, after
re-reading what another process saved, with its own backups.
"""

from __future__ import annotations

from pathlib import Path

from briefer.notes.store.access import StoreAccess
from briefer.notes.store.documents import check_json, cleaned
from briefer.notes.store.errors import InvalidNote
from briefer.notes.store.layout import DESK_PREFIX, DESK_SHARDS, TABLE_NAME, desk_folders, desk_shard
from briefer.notes.store.storage import StoreFile

# Keys are briefing ids, watch item ids or actor keys: short; a longer one is a mistake.
MAX_KEY_CHARS = 512


def check_table_name(name: object) -> str:
    if not isinstance(name, str) or not TABLE_NAME.fullmatch(name):
        raise InvalidNote(f"{str(name)[:60]!r} is not a desk table name (a-z, 0-9, '_', '-'; 1-40)")
    return name


def checked_record(table: str, key: object, data: object) -> dict:
    """The stored form of one record: a JSON object of cleaned text under a non-empty key."""
    if not isinstance(key, str) or not key or len(key) > MAX_KEY_CHARS:
        raise InvalidNote(f"a {table} record needs a key of 1-{MAX_KEY_CHARS} characters")
    if not isinstance(data, dict):
        raise InvalidNote(f"a {table} record must be a mapping, not {type(data).__name__}")
    check_json(data, f"the {table} record {key[:40]!r}")
    record = cleaned(data)
    assert isinstance(record, dict)
    return record


class DeskTables:
    """The desk tables' shard files in the notes folder, opened as they are asked for."""

    def __init__(self, folder: Path, access: StoreAccess) -> None:
        self.folder = folder
        self._access = access
        self._files: dict[tuple[str, int], StoreFile] = {}

    def items(self, name: str) -> dict[str, dict]:
        """Table `name`'s records (each shard re-read first when another process changed
        it: one stat each); the caller must not change them."""
        found: dict[str, dict] = {}
        for shard in range(DESK_SHARDS):
            found.update(self._file(name, shard).storage.read().get("items", {}))
        return found

    def item(self, name: str, key: str) -> dict | None:
        return self._file(name, desk_shard(key)).storage.read().get("items", {}).get(key)

    def apply(self, name: str, changes: dict[str, dict | None]) -> bool:
        """Put each record (None: remove it), one write per shard touched; call inside a write
        transaction, so each file was re-read under the lock. False when nothing changed."""
        by_shard: dict[int, dict[str, dict | None]] = {}
        for key, record in changes.items():
            by_shard.setdefault(desk_shard(key), {})[key] = record
        changed = False
        for shard, records in sorted(by_shard.items()):
            storage = self._file(name, shard).storage
            data = storage.read()
            items = data.setdefault("items", {})
            touched = False
            for key, record in records.items():
                if record is None:
                    touched |= items.pop(key, None) is not None
                elif items.get(key) != record:
                    items[key] = record
                    touched = True
            if touched:
                storage.path.parent.mkdir(exist_ok=True)
                storage.write(data)
            changed |= touched
        return changed

    def names(self) -> list[str]:
        """The tables that have a folder, sorted."""
        return sorted(folder.name[len(DESK_PREFIX) :] for folder in desk_folders(self.folder))

    def _file(self, name: str, shard: int) -> StoreFile:
        file = self._files.get((name, shard))
        if file is None:
            folder = self.folder / f"{DESK_PREFIX}{name}"
            file_name = f"{shard:02x}.json"
            label = f"{self.folder.name}/{folder.name}/{file_name}"
            file = StoreFile(folder / file_name, label, self._access, is_shard=False)
            self._files[(name, shard)] = file
        return file

    def close(self) -> None:
        self._files.clear()
