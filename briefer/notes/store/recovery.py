"""Damage found at open: the damaged file is moved aside (never deleted), the newest
readable backup restored, and the user told in one line.

A file is also treated as damaged when it is empty or missing while backups of it
exist or the index knew of notes in it; the message says how many of those are lost. Without the lock (another briefer is saving) nothing is repaired: the backup
is shown read-only. Temp files of a writer that died mid-save are removed at open.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from briefer.files import atomic_write, backup_paths
from briefer.notes.store.access import StoreAccess
from briefer.notes.store.disk import Damaged, Snapshot, Tables, file_digest, read_file, serialise, stamp
from briefer.notes.store.layout import BACKUP_GENERATIONS, desk_folders


def load_file(
    path: Path, is_shard: bool, access: StoreAccess, label: str, known_ids: Callable[[], set[str]] = set
) -> Snapshot:
    """Read a store file; recover it from a backup when damaged or wrongly empty.

    `label` names the file in messages; `known_ids` gives the ids of the notes the
    index last saw in it, to say which a recovery could not bring back.
    """
    real = Path(os.path.realpath(path))  # backups sit beside the file a symlink points to
    try:
        found = read_file(path, is_shard)
        if (found is None or not found.data) and (_has_backup(real) or known_ids()):
            raise Damaged("it is empty" if found is not None else "it is missing")
        return found or Snapshot({}, None, None)
    except Damaged as damage:
        return _recover(real, is_shard, access, _Damage(label, str(damage), known_ids()))


def remove_stale_temp_files(path: Path, shard_dir: Path) -> None:
    """Temp files of a writer that died mid-save; call with the lock held, so none is live."""
    for folder in (path.parent, shard_dir, *desk_folders(shard_dir)):
        for name in os.listdir(folder):
            if name.endswith(".tmp") and (name.startswith(f".{path.name}.") or folder != path.parent):
                try:
                    os.unlink(folder / name)
                except OSError:
                    pass


def _has_backup(path: Path) -> bool:
    return any(backup.exists() for backup in backup_paths(path, BACKUP_GENERATIONS))


class _Damage(NamedTuple):
    label: str  # the file's name in messages
    reason: str
    known_ids: set[str]  # the notes the index last saw in the file

    def lost(self, restored: Tables) -> str:
        """`; N notes ... could not be recovered`, for the known notes `restored` lacks."""
        missing = len(self.known_ids - set(restored.get("notes", {})))
        if not missing:
            return ""
        notes = "1 note" if missing == 1 else f"{missing} notes"
        return (
            f"; {notes} saved after it could not be recovered"
            if restored
            else f"; {notes} in it could not be recovered"
        )


def _recover(path: Path, is_shard: bool, access: StoreAccess, damage: _Damage) -> Snapshot:
    label, reason = damage.label, damage.reason
    have_lock = not access.read_only and access.lock.acquire(access.wait)
    try:
        if have_lock:  # someone may have repaired it while we waited
            try:
                found = read_file(path, is_shard)
                if found is not None and found.data:
                    return found
            except Damaged:
                pass
        for backup in backup_paths(path, BACKUP_GENERATIONS):
            data = _readable(backup, is_shard)
            if not data:
                continue
            saved = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
            if not have_lock:
                access.messages.append(
                    f"Notes file {label} is damaged ({reason}); showing its backup from {saved} "
                    f"read-only{damage.lost(data)}."
                )
                access.read_only = True
                return Snapshot(data, stamp(path), file_digest(path))
            aside = _move_aside(path)
            atomic_write(path, serialise(data))
            access.messages.append(
                f"Notes file {label} was damaged ({reason}); restored its backup from {saved}"
                f"{damage.lost(data)}{_kept(aside)}."
            )
            return Snapshot(data, stamp(path), file_digest(path))
        aside = _move_aside(path) if have_lock else None
        access.messages.append(
            f"Notes file {label} was damaged ({reason}) and no backup could be read"
            f"{damage.lost({})}{_kept(aside)}."
        )
        if not have_lock:
            access.read_only = True
        return Snapshot({}, stamp(path), file_digest(path))
    finally:
        if have_lock:
            access.lock.release()


def _kept(aside: Path | None) -> str:
    return f"; the damaged file is kept as {aside.name}" if aside else ""


def _readable(backup: Path, is_shard: bool) -> dict | None:
    """A backup's tables, or None when it is missing or damaged too."""
    try:
        found = read_file(backup, is_shard)
    except (Damaged, OSError):
        return None
    return found.data if found is not None else None


def _move_aside(path: Path) -> Path | None:
    if not path.exists():
        return None
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9}")
    os.replace(path, aside)
    return aside
