"""The library's folders watched while it is open: briefings added, changed or deleted on disk
reach the table within a second or two.

The watcher's thread describes the changed files (the library's `scan`, off the event loop)
and posts the result to the screen, which merges it into its entries.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from briefer.library import LibraryEntry
    from briefer.watching import Changes, Watcher


class LibraryChanged(Message):
    """Briefings changed on disk: `gone` paths (files, or folders with all under them) and the
    `fresh` entries of the files added or changed."""

    def __init__(self, gone: frozenset[Path], fresh: list[LibraryEntry]) -> None:
        super().__init__()
        self.gone = gone
        self.fresh = fresh


def watch_library(folders: list[Path], screen: MessagePump) -> Watcher:
    """Start watching `folders`; each batch of changes reaches `screen` as a `LibraryChanged`."""
    from briefer.watching import Watcher

    def changed(changes: Changes) -> None:
        gone, fresh = describe_changes(changes)
        try:
            screen.post_message(LibraryChanged(gone, fresh))
        except RuntimeError:  # the app's event loop has closed: it is ending
            pass

    return Watcher(folders, changed).start()


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
    gone_paths = set(gone)
    folders = tuple(f"{path}{os.sep}" for path in gone_paths)
    by_path = {
        entry.path: entry
        for entry in entries
        if entry.path not in gone_paths and not str(entry.path).startswith(folders)
    }
    for entry in fresh:
        by_path[entry.path] = entry
    merged = list(by_path.values())
    return None if merged == entries else merged
