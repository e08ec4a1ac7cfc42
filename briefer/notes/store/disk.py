"""Reading the store's files: their identity, their bytes' hash, and whether they are damaged.

A file is damaged when its bytes are not a TinyDB file of the expected shape:
bad JSON, NUL bytes, a wrong shape, or (for a shard) an incomplete note.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, NamedTuple

from briefer.files import read_regular, read_regular_with_stat

# (inode, size, mtime in ns): a file replaced or rewritten gets another one.
Stamp = tuple[int, int, int]
# A file changed less than this long ago may change again within the same mtime tick.
SETTLE_NS = 100_000_000
# A TinyDB file: table name -> document id -> document.
Tables = dict[str, dict[str, Any]]

_REQUIRED_NOTE_KEYS = ("id", "briefing_id", "target")
_TARGET_KEYS = ("exact", "prefix", "suffix", "start", "end")


class Damaged(Exception):
    """A file that exists but cannot be used as what it should be; the message says why."""


class Snapshot(NamedTuple):
    """A file's tables as read, with the identity and hash of the bytes they came from
    (both None for a missing file)."""

    data: Tables
    stamp: Stamp | None
    digest: bytes | None


def stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def folder_stamps(folder: Path) -> dict[str, Stamp]:
    """`stamp` of every file in `folder`, by name (empty when the folder is missing)."""
    stamps: dict[str, Stamp] = {}
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


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def file_digest(path: Path) -> bytes | None:
    try:
        return digest(read_regular(path))
    except FileNotFoundError:
        return None


def serialise(data: Tables) -> bytes:
    """The bytes the store writes for `data`: compact UTF-8 JSON, never NaN."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def read_file(path: Path, is_shard: bool) -> Snapshot | None:
    """The file's tables (empty for an empty file), or None when it is missing.

    Raises Damaged when the bytes are not a TinyDB file of the expected shape, and
    NotRegularFile (an OSError) when the path names a device, a FIFO or a socket.
    """
    try:
        raw, st = read_regular_with_stat(path)
    except FileNotFoundError:
        return None
    identity = (st.st_ino, st.st_size, st.st_mtime_ns)
    if not raw:
        return Snapshot({}, identity, digest(raw))
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # an editor may have added a BOM
    except (UnicodeDecodeError, ValueError) as exc:
        kind = "NUL bytes" if b"\0" in raw else "not valid JSON"
        raise Damaged(f"{kind} ({type(exc).__name__})") from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise Damaged("not a notes file (wrong shape)")
    if is_shard and not all(_complete(doc) for doc in data.get("notes", {}).values()):
        raise Damaged("a note in it is incomplete")
    return Snapshot(data, identity, digest(raw))


def _complete(doc: dict) -> bool:
    target = doc.get("target")
    return (
        all(key in doc for key in _REQUIRED_NOTE_KEYS)
        and isinstance(target, dict)
        and all(key in target for key in _TARGET_KEYS)
    )
