"""The notes' shard files: a few kept parsed, and their summaries kept current with the disk."""

from __future__ import annotations

import time
from collections import OrderedDict
from pathlib import Path

from briefer.notes.store.access import StoreAccess
from briefer.notes.store.disk import SETTLE_NS, Stamp, folder_stamps, stamp
from briefer.notes.store.layout import (
    SHARD_CACHE_SIZE,
    SHARD_COUNT,
    SUMMARY_FILE,
    shard_file_name,
    shard_name,
)
from briefer.notes.store.storage import IdTable, StoreFile
from briefer.notes.store.summary import Summaries, summarise


class Shards:
    """The shard files in `folder` and the summary index over them."""

    def __init__(self, folder: Path, access: StoreAccess) -> None:
        self.folder = folder
        self.summaries = Summaries(folder / SUMMARY_FILE)
        self._access = access
        self._open: OrderedDict[str, StoreFile] = OrderedDict()
        self._folder_seen: Stamp | None = None  # the folder's stamp at the last full refresh

    def file(self, key: str) -> StoreFile:
        shard = self._open.get(key)
        if shard is None:
            name = shard_file_name(key)
            shard = StoreFile(
                self.folder / name,
                f"{self.folder.name}/{name}",
                self._access,
                is_shard=True,
                known_ids=lambda: self.summaries.ids_in(key),
            )
            self._open[key] = shard
            while len(self._open) > SHARD_CACHE_SIZE:
                self._open.popitem(last=False)[1].storage.close()
        self._open.move_to_end(key)
        return shard

    def notes(self, key: str) -> IdTable:
        """The `notes` table of shard `key`."""
        return self.file(key).table("notes")

    def has(self, key: str, note_id: str) -> bool:
        return self.notes(key).contains(note_id)

    def locate(self, note_id: str) -> str | None:
        """The shard holding `note_id` now, or None when no shard does."""
        key = self.summaries.shard_of(note_id)
        if key is not None and self.has(key, note_id):
            return key
        self.refresh()
        key = self.summaries.shard_of(note_id)
        return key if key is not None and self.has(key, note_id) else None

    def summarise(self, key: str) -> None:
        """Re-summarise shard `key` from its file (recovered first when damaged or lost)."""
        snapshot = self.file(key).storage.snapshot()
        self.summaries.set(key, summarise(snapshot.data.get("notes", {}), snapshot.stamp))

    def refresh(self, *, unless_folder_unchanged: bool = False) -> None:
        """Re-read every shard whose file changed since we summarised it (one stat each).

        Counts may skip the 1024 stats when the folder itself has not changed (every
        save creates and renames a file in it); writes never rely on that.
        """
        folder = stamp(self.folder)
        if unless_folder_unchanged and folder is not None and folder == self._folder_seen:
            return
        started = time.time_ns()
        # One listing of the folder instead of 1024 stats: most shards of most stores do not exist.
        present = folder_stamps(self.folder)
        for index in range(SHARD_COUNT):
            key = shard_name(index)
            name = shard_file_name(key)
            known = self.summaries.get(key)
            if known is not None and known["stamp"] == present.get(name):
                continue
            if name not in present and known is None and f"{name}.bak1" not in present:
                continue  # never written
            self.summarise(key)
        # A save within the same clock tick as the folder's mtime would not move it.
        settled = folder is not None and started - folder[2] > SETTLE_NS
        self._folder_seen = folder if settled else None

    def save_summaries(self) -> None:
        if not self._access.read_only:
            self.summaries.save()

    def close(self) -> None:
        self._open.clear()
