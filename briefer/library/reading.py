"""Reading the files a refresh must read: in this process for a few, in worker processes
for many (parsing is most of a first indexing, and a second core halves it).

A worker returns only what the index keeps (`Text`), not a whole `Briefing`: its blocks and
sentences would cost more to send than to compute.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from briefer.briefing import BriefingError, load

POOL_FROM = 400  # files to read; fewer are read here (starting a worker costs about 0.3 s)
CHUNK = 25  # files a worker reads per task
IN_FLIGHT = 8  # tasks ahead of the writer: bounds the memory of texts read and not yet written
WORKER_NICENESS = 5  # the workers yield the CPU to the app's keys and screen


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
    done = 0
    if len(paths) >= POOL_FROM and (os.cpu_count() or 1) > 1:
        try:
            for read in _read_in_workers(paths, stop):
                done += 1
                yield read
            return
        except (BrokenProcessPool, OSError):
            pass  # no worker could start (a restricted system): read the rest here
    for path, stat in paths[done:]:
        if stop is not None and stop.is_set():
            return
        yield read_file(path, stat)


def _read_in_workers(paths: list[tuple[Path, Stat]], stop: threading.Event | None) -> Iterator[FileRead]:
    chunks = [paths[start : start + CHUNK] for start in range(0, len(paths), CHUNK)]
    # spawn, not fork: the app has threads, and a forked copy of a threaded process may deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(os.cpu_count(), mp_context=context, initializer=_lower_priority) as pool:
        pending: deque[Future[list[FileRead]]] = deque()
        waiting = iter(chunks)
        try:
            while True:
                while len(pending) < IN_FLIGHT and (chunk := next(waiting, None)) is not None:
                    pending.append(pool.submit(_read_chunk, chunk))
                if not pending:
                    return
                for read in pending.popleft().result():
                    if stop is not None and stop.is_set():
                        return
                    yield read
        finally:
            for future in pending:
                future.cancel()


def _read_chunk(chunk: list[tuple[Path, Stat]]) -> list[FileRead]:
    return [read_file(path, stat) for path, stat in chunk]


def _lower_priority() -> None:
    try:
        os.nice(WORKER_NICENESS)
    except OSError:
        pass
