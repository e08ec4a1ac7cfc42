"""The index's rows as the library lists them, and the folders as SQL conditions on them.

Light on purpose: the library's first frame reads its first screenful through `peek_newest`
before the rest of the index's machinery (the loader, the workers) is imported.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefer.library import database


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    # The file's path as text: rows are keyed, sorted and merged by it; building 20,000 Paths
    # would cost a third of a second at every start of the library.
    key: str
    title: str
    date: str | None
    source: str | None
    words: int
    error: str | None = None  # why the file cannot be read; the entry stays listed
    briefing_id: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        return Path(self.key)


def peek_newest(folders: Iterable[str | Path], count: int, path: Path | None = None) -> list[LibraryEntry]:
    """The newest `count` rows of the index as it stands, read-only and at once: the library's
    first frame, before a worker opens the index. [] when there is no current index, or it is
    busy or damaged (the worker deals with those)."""
    path = path or database.default_path()
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=0.05)
    except sqlite3.Error:
        return []
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] != database.SCHEMA_VERSION:
            return []
        sql, params = rows_query(folders, count)
        return entries(connection.execute(sql, params).fetchall())
    except sqlite3.Error:
        return []
    finally:
        connection.close()


def rows_query(folders: Iterable[str | Path], newest: int = -1) -> tuple[str, list[str]]:
    """The rows under `folders` by path; with `newest`, that many, the newest first."""
    condition, params = under(absolute(folders))
    order = "coalesce(date, '') DESC, title COLLATE NOCASE" if newest >= 0 else "path"
    sql = (
        "SELECT path, title, date, source, words, error, briefing_id, warnings "
        f"FROM files WHERE {condition} ORDER BY {order} LIMIT {int(newest)}"
    )
    return sql, params


def entries(rows: Iterable[tuple]) -> list[LibraryEntry]:
    return [
        LibraryEntry(
            key=path,
            title=title,
            date=date,
            source=source,
            words=words,
            error=error,
            briefing_id=briefing_id,
            warnings=tuple(warnings.split("\n")) if warnings else (),
        )
        for path, title, date, source, words, error, briefing_id, warnings in rows
    ]


def absolute(folders: Iterable[str | Path]) -> list[Path]:
    return [Path(os.path.abspath(folder)) for folder in folders]


def under(folders: Iterable[Path], column: str = "path") -> tuple[str, list[str]]:
    """An SQL condition on `column` for the files under `folders` (or the folders themselves,
    when files), and its parameters: a range per folder, which the path index answers in
    order ('0' follows '/'), and one IN list for the files, however many are given."""
    ranges: list[str] = []
    params: list[str] = []
    files: list[str] = []
    for folder in folders:
        text = str(folder).rstrip(os.sep)
        if not os.path.isfile(folder):  # a folder, or gone: it may have been either
            ranges.append(f"({column} > ? AND {column} < ?)")
            params.extend((text + os.sep, text + chr(ord(os.sep) + 1)))
        if not os.path.isdir(folder):
            files.append(text)
    if files:
        ranges.append(f"{column} IN ({', '.join('?' * len(files))})")
        params.extend(files)
    return "(" + (" OR ".join(ranges) or "0") + ")", params
