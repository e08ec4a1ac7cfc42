"""The briefings of the library folders, with their metadata.

No Textual here: the library screen and the CLI share it. Loading every
file on each scan would parse every briefing again, so metadata is cached in
memory by (path, size, mtime_ns); an unchanged file costs one `stat`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path

from briefer.briefing import BriefingError, BriefingInfo, describe, discover
from briefer.briefing.convert.mbox import container
from briefer.library.rows import LibraryEntry

_cache: dict[Path, tuple[tuple[int, int], LibraryEntry]] = {}
_cache_lock = threading.Lock()  # scans run in worker threads


def scan(folders: Iterable[str | Path]) -> list[LibraryEntry]:
    """One entry per briefing file under `folders` (a folder may also be a file).

    A file that fails to load stays in the list with its error and its file
    name as title; a folder that cannot be read gives one such entry. A file
    reached through two folders is listed once.
    """
    entries = []
    listed: set[Path] = set()
    for folder in folders:
        try:
            paths = discover(folder)
        except BriefingError as exc:
            entries.append(_failed(exc.path, exc.reason))
            continue
        for path in paths:
            real = Path(os.path.realpath(path))
            if real in listed:
                continue
            listed.add(real)
            entries.append(_entry(path))
    return entries


def remember(path: Path, info: BriefingInfo) -> None:
    """Keep what a briefing just loaded elsewhere (a reader) says, so a scan need not read it again."""
    try:
        status = os.stat(container(path))  # a mailbox's message changes with its mailbox
    except OSError:
        return
    with _cache_lock:
        _cache[path] = ((status.st_size, status.st_mtime_ns), _listed(path, info))


def _entry(path: Path) -> LibraryEntry:
    try:
        status = os.stat(container(path))  # a mailbox's message changes with its mailbox
    except OSError:
        status = None
    if status is not None:
        key = (status.st_size, status.st_mtime_ns)
        with _cache_lock:
            cached = _cache.get(path)
        if cached and cached[0] == key:
            return cached[1]
    try:
        entry = _listed(path, describe(path))
    except BriefingError as exc:
        return _failed(path, exc.reason)  # not cached: a fixed permission leaves mtime alone
    if status is not None:
        with _cache_lock:
            _cache[path] = (key, entry)
    return entry


def _listed(path: Path, info: BriefingInfo) -> LibraryEntry:
    return LibraryEntry(
        key=str(path),
        title=info.title,
        date=info.date,
        source=info.source,
        words=info.word_count,
        briefing_id=info.id,
        warnings=info.warnings,
    )


def _failed(path: Path, reason: str) -> LibraryEntry:
    return LibraryEntry(key=str(path), title=path.name, date=None, source=None, words=0, error=reason)
