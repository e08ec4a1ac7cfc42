"""Reading the files a refresh must read: in this process for a few, in worker processes
for many (parsing is most of a first indexing, and a second core halves it).

A worker returns only what the index keeps (`Text`), not a whole `Briefing`: its blocks and
sentences would cost more to send than to compute.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefer.briefing import BriefingError, load
from briefer.library.workers import in_workers

WORKERS_FROM = 400  # files to read; fewer are read here (starting a worker costs about 0.3 s)


@dataclass(frozen=True, slots=True)
class Text:
    """What the index keeps of a readable briefing."""

    id: str
    title: str
    date: str | None
    source: str | None
    words: int
    warnings: tuple[str, ...]
    body: str


@dataclass(frozen=True, slots=True)
class FileRead:
    path: Path
    size: int  # as listed; 0, 0 when the file could not be stat'ed
    mtime_ns: int
    text: Text | None
    error: str | None  # why it cannot be read, when text is None


Stat = tuple[int, int]  # size, mtime_ns


def read_file(path: Path, stat: Stat) -> FileRead:
    try:
        briefing = load(path)
    except BriefingError as exc:
        return FileRead(path, *stat, None, exc.reason)
    except (ValueError, RecursionError) as exc:  # a loader bug must not stop the whole pass
        return FileRead(path, *stat, None, f"cannot read it as a briefing ({type(exc).__name__})")
    text = Text(
        briefing.id,
        briefing.title,
        briefing.date,
        briefing.source,
        briefing.word_count,
        briefing.warnings,
        briefing.body,
    )
    return FileRead(path, *stat, text, None)


def read_files(paths: list[tuple[Path, Stat]], stop: threading.Event | None) -> Iterator[FileRead]:
    """Each file read, in the order given, until `stop` is set."""
    return in_workers(_read, paths, stop, WORKERS_FROM)


def _read(item: tuple[Path, Stat]) -> FileRead:
    return read_file(*item)
