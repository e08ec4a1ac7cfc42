"""The schema version in FILE's `_meta` table, and upgrading older stores."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefer.notes.model import Note
from briefer.notes.store.access import StoreAccess
from briefer.notes.store.disk import Tables
from briefer.notes.store.documents import note_dict
from briefer.notes.store.errors import StoreError
from briefer.notes.store.layout import SCHEMA_VERSION, SHARD_COUNT, shard_key
from briefer.notes.store.shards import Shards
from briefer.notes.store.storage import StoreFile


def check_schema(main: StoreFile, shards: Shards, access: StoreAccess) -> bool:
    """Check (and upgrade) the schema; True if FILE already was a current-schema store."""
    path = main.storage.path
    data = main.storage.read()
    meta = data.get("_meta", {}).get("meta")
    if meta is None:
        if not data:
            if not access.read_only:
                main.table("_meta").insert("meta", {"schema": SCHEMA_VERSION, "shards": SHARD_COUNT})
            return False
        if set(data) - {"notes", "briefings", "_meta"}:
            raise StoreError(f"{path} is not a briefer notes file (unknown tables)")
        meta = {"schema": 1}
    schema = meta.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise StoreError(f"{path} has no valid schema version; it was not written by briefer")
    if schema > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer briefer (notes schema {schema}; this one reads "
            f"up to {SCHEMA_VERSION}): upgrade briefer to open it"
        )
    if schema < SCHEMA_VERSION:
        _migrate(schema, data, main, shards, access)
        return False
    if meta.get("shards", SHARD_COUNT) != SHARD_COUNT:
        raise StoreError(f"{path} uses {meta.get('shards')} shards; this briefer expects {SHARD_COUNT}")
    return True


def _migrate(schema: int, data: Tables, main: StoreFile, shards: Shards, access: StoreAccess) -> None:
    """Schema 1 kept every note in FILE; move them into shards (re-runnable after a crash)."""
    path = main.storage.path
    if access.read_only:
        raise StoreError(
            f"{path} needs upgrading (schema {schema}) but another briefer is using it; close it and retry"
        )
    shutil.copy2(path, f"{path}.pre-migration-v{schema}")
    shards.folder.mkdir(exist_ok=True)
    by_shard = _notes_by_shard(data.get("notes", {}), path)
    for key, notes in by_shard.items():
        storage = shards.file(key).storage
        shard_data = storage.read()
        shard_data.setdefault("notes", {}).update(notes)
        storage.write(shard_data)
    migrated = {name: table for name, table in data.items() if name != "notes"}
    migrated["_meta"] = {"meta": {"schema": SCHEMA_VERSION, "shards": SHARD_COUNT}}
    main.storage.write(migrated)
    count = sum(len(notes) for notes in by_shard.values())
    access.messages.append(
        f"Upgraded the notes file to schema {SCHEMA_VERSION} ({count} notes); the old file is kept."
    )


def _notes_by_shard(notes: dict[str, dict], path: Path) -> dict[str, dict[str, dict]]:
    """Schema 1's notes, checked, by the shard they belong in."""
    by_shard: dict[str, dict[str, dict]] = {}
    for note_id, doc in notes.items():
        try:
            note = Note.from_dict({**doc, "id": doc.get("id") or note_id})
        except (TypeError, KeyError, AttributeError):
            raise StoreError(f"note {note_id[:64]} in {path} is incomplete; nothing was upgraded") from None
        by_shard.setdefault(shard_key(note.briefing_id), {})[note.id] = note_dict(note)
    return by_shard
