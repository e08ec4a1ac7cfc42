"""Bringing the index in step with the folders: stat everything, read only what moved.

A file whose size and mtime match its row costs one `stat`. Another is read; its
briefing id (a hash of its text) decides whether anything really changed: the same text
under a new path whose old path is gone is a rename, and keeps its row (so its analysis
and notes stay with it). Files are read outside any transaction and written in batches
(every `BATCH_FILES` files or `BATCH_SECONDS`), so another process's reads and writes
interleave, quitting mid-way keeps every batch written, and readers see rows appear.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefer.briefing import BriefingError, discover
from briefer.library.database import transaction
from briefer.library.reading import FileRead, Text, read_files
from briefer.library.rows import absolute, under
from briefer.library.unchanged import unchanged

BATCH_FILES = 200
BATCH_SECONDS = 0.5
PROGRESS_SECONDS = 0.25


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # "added", "changed", "renamed", "removed" or "failed"
    path: Path
    old_path: Path | None = None  # a rename's former path
    reason: str | None = None  # why a failed file cannot be read


@dataclass(frozen=True, slots=True)
class Progress:
    done: int  # files read so far (the unchanged are not counted: they cost nothing)
    total: int  # files to read
    files_per_second: float
    eta_seconds: float | None  # None until the rate is known
    changes: tuple[Change, ...] = ()  # committed since the last report: rows to update now
    phase: str = "reading"  # or "analysing" (refresh with analyse=True, after the reading)


@dataclass(slots=True)
class RefreshReport:
    files: int = 0  # files found in the folders
    unchanged: int = 0
    changes: list[Change] = field(default_factory=list)
    stopped: bool = False  # the stop event ended the pass early; what was read is kept
    seconds: float = 0.0

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]


ProgressCallback = Callable[[Progress], None]


def list_folders(folders: Iterable[Path]) -> tuple[dict[Path, os.stat_result | None], list[Change]]:
    """Every briefing file under `folders` (absolute) with its stat (None: it vanished or
    cannot be stat'ed), and a failure for each folder that cannot be listed."""
    found: dict[Path, os.stat_result | None] = {}
    failures = []
    for folder in folders:
        try:
            paths = discover(folder)
        except BriefingError as exc:
            failures.append(Change("failed", exc.path, reason=exc.reason))
            continue
        for path in paths:
            if path not in found:
                try:
                    found[path] = os.stat(path)
                except OSError:
                    found[path] = None
    return found, failures


def refresh(
    connection: sqlite3.Connection,
    folders: Iterable[str | Path],
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
) -> RefreshReport:
    started = time.monotonic()
    folders = absolute(folders)
    known = _known_rows(connection, folders)
    if known and unchanged(folders, known):
        Pace(0, progress, started).report(0, ())
        return RefreshReport(files=len(known), unchanged=len(known), seconds=time.monotonic() - started)
    listed, failures = list_folders(folders)
    report = RefreshReport(files=len(listed), changes=list(failures))
    to_read = [
        path
        for path, status in listed.items()
        if status is None or known.get(str(path)) != (status.st_size, status.st_mtime_ns, False)
    ]
    report.unchanged = len(listed) - len(to_read)
    writer = _Writer(connection, known.keys() - {str(path) for path in listed})
    pace = Pace(len(to_read), progress, started)
    pace.report(0, ())
    batch: list[FileRead] = []
    batch_started = time.monotonic()
    done = 0
    for done, read in enumerate(read_files([(path, _stat(listed[path])) for path in to_read], stop), 1):
        batch.append(read)
        if len(batch) >= BATCH_FILES or time.monotonic() - batch_started >= BATCH_SECONDS:
            pace.report(done, writer.write(batch, report))
            batch, batch_started = [], time.monotonic()
    report.stopped = done < len(to_read)  # only a stop ends the reading early
    last_changes = list(writer.write(batch, report)) if batch else []
    if not report.stopped:
        writer.remove_gone(report)
    last_changes.extend(writer.unreported(report))
    pace.report(done, last_changes)
    report.seconds = time.monotonic() - started
    return report


def _stat(status: os.stat_result | None) -> tuple[int, int]:
    return (status.st_size, status.st_mtime_ns) if status is not None else (0, 0)


def _known_rows(connection: sqlite3.Connection, folders: list[Path]) -> dict[str, tuple[int, int, bool]]:
    condition, params = under(folders)
    rows = connection.execute(
        f"SELECT path, size, mtime_ns, error IS NOT NULL FROM files WHERE {condition}", params
    )
    return {path: (size, mtime_ns, bool(failed)) for path, size, mtime_ns, failed in rows}


class Pace:
    """Progress reports: at the start, then at most every PROGRESS_SECONDS and after each batch."""

    def __init__(
        self, total: int, callback: ProgressCallback | None, started: float, phase: str = "reading"
    ) -> None:
        self.total, self.callback, self.started, self.phase = total, callback, started, phase
        self.last = 0.0

    def report(self, done: int, changes: tuple[Change, ...] | list[Change]) -> None:
        if self.callback is None:
            return
        now = time.monotonic()
        if not changes and done not in (0, self.total) and now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        eta = (self.total - done) / rate if rate > 0 else None
        self.callback(Progress(done, self.total, rate, eta, tuple(changes), self.phase))


class _Writer:
    """Writes batches of read files, each in one transaction, deciding add / change / rename."""

    def __init__(self, connection: sqlite3.Connection, gone: set[str]) -> None:
        self.connection = connection
        self.gone = gone  # paths with a row whose file is no longer listed: renames come from here
        self.reported = 0

    def write(self, batch: list[FileRead], report: RefreshReport) -> tuple[Change, ...]:
        changes = []
        unchanged = 0
        with transaction(self.connection):
            for read in batch:
                change = self._write_one(read)
                if change is None:
                    unchanged += 1
                else:
                    changes.append(change)
        report.unchanged += unchanged
        report.changes.extend(changes)  # only once committed: a rolled-back batch reports nothing
        return tuple(self.unreported(report))

    def unreported(self, report: RefreshReport) -> list[Change]:
        new = report.changes[self.reported :]
        self.reported = len(report.changes)
        return new

    def remove_gone(self, report: RefreshReport) -> None:
        if not self.gone:
            return
        with transaction(self.connection):
            for path in sorted(self.gone):
                row = self.connection.execute("SELECT docid FROM files WHERE path = ?", (path,)).fetchone()
                if row is not None:
                    self._delete(row[0])
                    report.changes.append(Change("removed", Path(path)))

    def _write_one(self, read: FileRead) -> Change | None:
        path = str(read.path)
        row = self.connection.execute(
            "SELECT docid, briefing_id FROM files WHERE path = ?", (path,)
        ).fetchone()
        text = read.text
        if text is None:
            if row is not None:
                self._delete(row[0])
            self.connection.execute(
                "INSERT INTO files(path, size, mtime_ns, title, error) VALUES (?, ?, ?, ?, ?)",
                (path, read.size, read.mtime_ns, read.path.name, read.error),
            )
            return Change("failed", read.path, reason=read.error)
        if row is not None and row[1] == text.id:  # touched, or written by another process
            self._set_stat(row[0], path, read)
            return None
        if row is not None:
            self._delete(row[0])
            self._insert(read, text)
            return Change("changed", read.path)
        renamed = self._renamed_from(text.id)
        if renamed is not None:
            docid, old_path = renamed
            self._set_stat(docid, path, read)
            return Change("renamed", read.path, old_path=Path(old_path))
        self._insert(read, text)
        return Change("added", read.path)

    def _renamed_from(self, briefing_id: str) -> tuple[int, str] | None:
        for docid, old_path in self.connection.execute(
            "SELECT docid, path FROM files WHERE briefing_id = ?", (briefing_id,)
        ).fetchall():
            if old_path in self.gone and not os.path.lexists(old_path):
                self.gone.discard(old_path)
                return docid, old_path
        return None

    def _set_stat(self, docid: int, path: str, read: FileRead) -> None:
        self.connection.execute(
            "UPDATE files SET path = ?, size = ?, mtime_ns = ? WHERE docid = ?",
            (path, read.size, read.mtime_ns, docid),
        )

    def _insert(self, read: FileRead, text: Text) -> None:
        cursor = self.connection.execute(
            "INSERT INTO files(path, size, mtime_ns, briefing_id, title, date, source, words, warnings) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(read.path),
                read.size,
                read.mtime_ns,
                text.id,
                text.title,
                text.date,
                text.source,
                text.words,
                "\n".join(text.warnings),
            ),
        )
        self.connection.execute(
            "INSERT INTO bodies(docid, body) VALUES (?, ?)",
            (cursor.lastrowid, zlib.compress(text.body.encode("utf-8"), 1)),
        )
        self.connection.execute(
            "INSERT INTO fulltext(rowid, title, source, body) VALUES (?, ?, ?, ?)",
            (cursor.lastrowid, text.title, text.source or "", text.body),
        )

    def _delete(self, docid: int) -> None:
        """A row and its words (a contentless FTS table forgets words only when told them again)."""
        row = self.connection.execute(
            "SELECT title, source, body FROM files JOIN bodies USING (docid) WHERE docid = ?", (docid,)
        ).fetchone()
        if row is not None:
            title, source, body = row
            self.connection.execute(
                "INSERT INTO fulltext(fulltext, rowid, title, source, body) VALUES ('delete', ?, ?, ?, ?)",
                (docid, title, source or "", zlib.decompress(body).decode("utf-8")),
            )
        for table in ("mentions", "bodies", "files"):
            self.connection.execute(f"DELETE FROM {table} WHERE docid = ?", (docid,))
