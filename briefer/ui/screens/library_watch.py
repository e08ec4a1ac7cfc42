"""The library's folders watched while it is open: briefings added, changed or deleted on disk
reach the table within a second or two, then the archive index (search, who:, the desk).

The watcher's thread describes the changed files (the library's `scan`, off the event loop)
and posts the result to the screen, which merges it into its entries; then it brings the index
in step with those files, analyses them in a niced process, and posts `ArchiveUpdated`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from briefer.library import LibraryEntry, LibraryIndex
    from briefer.watching import Changes, Watcher


class LibraryChanged(Message):
    """Briefings changed on disk: `gone` paths (files, or folders with all under them) and the
    `fresh` entries of the files added or changed."""

    def __init__(self, gone: frozenset[Path], fresh: list[LibraryEntry]) -> None:
        super().__init__()
        self.gone = gone
        self.fresh = fresh


class ArchiveUpdated(Message):
    """The archive index holds a batch of changed files now (analysed, when the library
    analyses): the watch items' marks and an open WATCH view count them."""


def watch_library(folders: list[Path], screen: MessagePump, analyse: bool, stop: threading.Event) -> Watcher:
    """Start watching `folders`; each batch of changes reaches `screen` as a `LibraryChanged`,
    then, once the index holds it (and has analysed it, with `analyse`), as `ArchiveUpdated`."""
    from briefer.watching import Watcher

    indexes: list[LibraryIndex] = []  # the watcher thread's own connection, opened at its first batch

    def post(message: Message) -> None:
        try:
            screen.post_message(message)
        except RuntimeError:  # the app's event loop has closed: it is ending
            pass

    def changed(changes: Changes) -> None:
        gone, fresh = describe_changes(changes)
        post(LibraryChanged(gone, fresh))
        paths = gone | {entry.path for entry in fresh}
        if paths and _keep_index(indexes, paths, analyse, stop):
            post(ArchiveUpdated())

    return Watcher(folders, changed).start()


def _keep_index(
    indexes: list[LibraryIndex], paths: frozenset[Path], analyse: bool, stop: threading.Event
) -> bool:
    """Bring the index in step with the changed `paths`; False when it cannot be used now (the
    library's next start catches up)."""
    from briefer.library import IndexUnavailable, LibraryIndex

    try:
        if not indexes:
            indexes.append(LibraryIndex())
        indexes[0].refresh(paths, stop=stop)
        if analyse:
            indexes[0].analyse(paths, stop=stop, apart=True)
    except IndexUnavailable:
        return False
    return not stop.is_set()


def describe_changes(changes: Changes) -> tuple[frozenset[Path], list[LibraryEntry]]:
    """What the library lists of a batch: the paths gone and the entries of those there now (a
    folder moved in gives each of its briefings). A path gone again since the batch is gone."""
    from briefer.library import scan

    there = [p for p in sorted(changes.added | changes.modified) if os.path.lexists(p)]
    gone = changes.deleted | (changes.added | changes.modified).difference(there)
    return frozenset(gone), scan(there)


def merge_entries(
    entries: list[LibraryEntry], gone: Iterable[Path], fresh: list[LibraryEntry]
) -> list[LibraryEntry] | None:
    """`entries` without the gone paths (and what was under them) and with the fresh entries in
    place of the old ones by path, new ones at the end; None when nothing changed."""
    gone_keys = {str(path) for path in gone}
    folders = tuple(f"{key}{os.sep}" for key in gone_keys)
    by_key = {
        entry.key: entry
        for entry in entries
        if entry.key not in gone_keys and not entry.key.startswith(folders)
    }
    for entry in fresh:
        by_key[entry.key] = entry
    merged = list(by_key.values())
    return None if merged == entries else merged
