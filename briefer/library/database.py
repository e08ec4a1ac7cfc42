"""The index's SQLite file: its schema and version, and opening it safely.

The index is derived and disposable: an index written by another schema version is
emptied and rebuilt, never misread, and a damaged file is moved aside and rebuilt. SQLite
does the locking between processes (WAL: readers never wait for the writer; a writer
waits up to `BUSY_SECONDS` for another).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefer import config

# Raise it whenever a table or the meaning of a column changes: older indexes are rebuilt.
SCHEMA_VERSION = 4
BUSY_SECONDS = 30.0

# Titles weigh most in the ranking, then the source, then the body (bm25 column weights).
RANK_WEIGHTS = (8.0, 2.0, 1.0)

_SCHEMA = """
-- The extractor the analyses were made by (`analysing.cache.extractor_fingerprint`): when briefer
-- brings a new one, every briefing is analysed again (the old rows serve until then).
CREATE TABLE analyser(fingerprint TEXT NOT NULL);
CREATE TABLE files(
    docid INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    briefing_id TEXT,               -- sha256 of the text: the content hash that tells a rename
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    words INTEGER NOT NULL DEFAULT 0,
    error TEXT,                     -- why the file cannot be read; the row stays listed
    warnings TEXT NOT NULL DEFAULT '',  -- one warning a line
    analysed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX files_briefing ON files(briefing_id);
-- The desk's periods (briefer.library.analysed.Selection).
CREATE INDEX files_date ON files(date);
-- zlib of each readable file's body: for snippets, and the words an FTS delete needs. Apart from
-- files, so that listing and stat-comparing 20,000 rows does not read 50 MB of text.
CREATE TABLE bodies(docid INTEGER PRIMARY KEY, body BLOB NOT NULL);
-- Contentless: the words only, the text is in bodies.
CREATE VIRTUAL TABLE fulltext USING fts5(
    title, source, body, content='', tokenize='unicode61 remove_diacritics 2'
);
-- The analysis summary, filled by the optional analysing pass: kind is person, organization,
-- group, place or date; key is the folded name (or an alias) to match, value a date's value.
CREATE TABLE mentions(
    docid INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT
);
CREATE INDEX mentions_key ON mentions(kind, key);
CREATE INDEX mentions_doc ON mentions(docid);
-- The rest of each analysis, for the desk (briefer.desk), filled by the same pass. Entities: every
-- person, organization, group and place (entity: its place in the analysis), aliases a JSON list,
-- spans its mentions as a JSON list of [start, end] offsets into the body.
CREATE TABLE entities(
    docid INTEGER NOT NULL,
    entity INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT,
    aliases TEXT NOT NULL,
    spans TEXT NOT NULL,
    PRIMARY KEY (docid, entity)
) WITHOUT ROWID;
CREATE TABLE quotes(
    docid INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    speaker TEXT,                   -- a who name of the same briefing, or null
    text TEXT NOT NULL
);
CREATE INDEX quotes_doc ON quotes(docid);
-- Dated expressions: day is the first day the value covers (YYYY-MM-DD), null when the value is
-- no point in time (a duration, *_REF, unresolved); the sentence is cut from the body when shown.
CREATE TABLE dates(
    docid INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    day TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL
);
CREATE INDEX dates_doc ON dates(docid);
CREATE INDEX dates_day ON dates(day);
-- A file's analysis goes with its row, however the row goes (refresh, rebuild).
CREATE TRIGGER files_analysis_gone AFTER DELETE ON files BEGIN DELETE FROM entities WHERE docid = old.docid; DELETE FROM quotes WHERE docid = old.docid; DELETE FROM dates WHERE docid = old.docid; END;
-- A copy of the notes' text and tags (sync_notes), by briefing id, for tag: and note:.
CREATE TABLE notes(
    rowid INTEGER PRIMARY KEY,
    note_id TEXT NOT NULL UNIQUE,
    revision INTEGER NOT NULL,
    briefing_id TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX notes_briefing ON notes(briefing_id);
CREATE TABLE note_tags(note_id TEXT NOT NULL, briefing_id TEXT NOT NULL, tag TEXT NOT NULL);
CREATE INDEX note_tags_tag ON note_tags(tag);
CREATE INDEX note_tags_note ON note_tags(note_id);
CREATE VIRTUAL TABLE note_words USING fts5(text, content='', tokenize='unicode61 remove_diacritics 2');
"""


# SQLite's primary result codes that mean something to the user (sqlite3.h).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
_REASONS = {
    SQLITE_FULL: "the disk is full",
    SQLITE_READONLY: "the index file is read-only",
    SQLITE_BUSY: f"another briefer held the index for over {BUSY_SECONDS:.0f} s",
    SQLITE_LOCKED: f"another briefer held the index for over {BUSY_SECONDS:.0f} s",
    SQLITE_IOERR: "the disk could not be read or written",
    SQLITE_CANTOPEN: "the index file cannot be opened",
}


class IndexUnavailable(Exception):
    """The index cannot be used (no FTS5, a disk too full, an unwritable cache folder): one
    line to show. A screen can still list the folders by scanning (`briefer.library.scan`),
    and should say so."""


class IndexDamaged(IndexUnavailable):
    """The index file is damaged: `LibraryIndex` moves it aside and starts a new one."""


def default_path() -> Path:
    return config.cache_dir() / "index.sqlite3"


def connect(path: Path, damaged: bool = False) -> tuple[sqlite3.Connection, list[str]]:
    """An open, current-version index at `path`, and notices for the user. A damaged file
    (found so here, or by the caller: `damaged`) is moved aside and a new index started.
    Raises IndexUnavailable."""
    _check_fts5()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexUnavailable(f"cannot create the index folder {path.parent}: {_reason(exc)}") from None
    if not damaged:
        try:
            return _open_current(path), []
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise unavailable(exc) from None
    aside = _move_aside(path)
    notice = f"the library index was damaged; it is rebuilt (the old file is {aside.name})"
    try:
        return _open_current(path), [notice]
    except sqlite3.DatabaseError as exc:
        raise unavailable(exc) from None


def unavailable(exc: sqlite3.Error | OSError) -> IndexUnavailable:
    """What a failed write or read means for the user, as IndexUnavailable (IndexDamaged
    when the file is damaged)."""
    if isinstance(exc, sqlite3.DatabaseError) and is_damage(exc):
        return IndexDamaged(f"the library index is damaged ({str(exc).lower()})")
    reason = _reason(exc) if isinstance(exc, OSError) else _REASONS.get(_code(exc), str(exc).lower())
    return IndexUnavailable(f"the library index cannot be used: {reason}")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: taken at once (BEGIN IMMEDIATE, so two writers queue instead of
    failing mid-way), committed whole or not at all; an SQLite error is IndexUnavailable."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield connection
        connection.execute("COMMIT")
    except BaseException as exc:
        if connection.in_transaction:  # SQLite has rolled back by itself on a full disk
            connection.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise unavailable(exc) from None
        raise


def _open_current(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")  # WAL: a crash loses at most the last commits
        _ensure_schema(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _ensure_schema(connection: sqlite3.Connection) -> None:
    if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        connection.execute("SELECT count(*) FROM files").fetchone()  # damage shows here at the latest
        return
    # Immediate: of two processes starting on an old index, one rebuilds and the other waits.
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            tables = connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE TABLE ''%'"  # FTS5's shadow tables go with their table
            ).fetchall()
            for (name,) in tables:
                connection.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in _SCHEMA.split(";\n"):  # a statement ends its line
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    # Extended codes count too: FTS5 says SQLITE_CORRUPT_VTAB of a table it cannot load.
    return _code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code (the extended code's low byte), or -1."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else -1


def _move_aside(path: Path) -> Path:
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except OSError as exc:
        raise IndexUnavailable(
            f"the library index is damaged and cannot be moved aside: {_reason(exc)}"
        ) from None
    return aside


def _check_fts5() -> None:
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        raise IndexUnavailable(
            f"the library index cannot be used: this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5"
        ) from None
    finally:
        probe.close()


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()
