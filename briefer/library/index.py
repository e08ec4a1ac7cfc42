"""The library index: the folders' briefings, their words and their analyses, in SQLite.

Open one `LibraryIndex` per thread that uses it (SQLite connections are not shared
between threads here); several processes may use the same file at once.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from briefer.library import database, refresh
from briefer.library.database import RANK_WEIGHTS, IndexDamaged, IndexUnavailable, transaction, unavailable
from briefer.library.hits import find_hits, snippet
from briefer.library.query import BODY_FIELDS, compile_query
from briefer.library.refresh import ProgressCallback
from briefer.library.rows import LibraryEntry, absolute, entries, rows_query, under

if TYPE_CHECKING:
    from briefer.notes.model import Note

DEFAULT_LIMIT = 50
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class SearchResult:
    path: Path
    title: str
    date: str | None
    source: str | None
    briefing_id: str | None
    snippet: str  # one line: the passage with the most hits (or the opening)
    snippet_hits: tuple[tuple[int, int], ...]  # (start, end) of each hit within `snippet`
    hits: tuple[tuple[int, int], ...]  # (start, end) of each hit in the briefing's body
    terms: tuple[str, ...]  # the folded words searched for, to light elsewhere (the reader)


def _recovers(method: Callable[Concatenate[LibraryIndex, P], R]) -> Callable[Concatenate[LibraryIndex, P], R]:
    """Run `method`, and once more on a new index if the file turns out damaged only now
    (a damaged page opening did not touch): the file is moved aside, with a notice."""

    @functools.wraps(method)
    def recovering(self: LibraryIndex, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if not database.is_damage(exc):
                raise unavailable(exc) from None
        except IndexDamaged:
            pass
        self.connection.close()
        self.connection, notices = database.connect(self.path, damaged=True)
        self.notices.extend(notices)
        return method(self, *args, **kwargs)

    return recovering


class LibraryIndex:
    def __init__(self, path: str | Path | None = None) -> None:
        """Open (or create, or rebuild) the index at `path` (default: in the cache folder).
        Raises IndexUnavailable. `notices` holds what the user should be told (a damaged index
        moved aside and rebuilt); any method may add one."""
        self.path = Path(path) if path is not None else database.default_path()
        self.connection, self.notices = database.connect(self.path)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @_recovers
    def refresh(
        self,
        folders: Iterable[str | Path],
        progress: refresh.ProgressCallback | None = None,
        stop: threading.Event | None = None,
        analyse: bool = False,
    ) -> refresh.RefreshReport:
        """Bring the index in step with `folders`: see `briefer.library.refresh`. With
        `analyse`, then analyse the briefings not analysed yet (who:, where:)."""
        folders = list(folders)
        report = refresh.refresh(self.connection, folders, progress, stop)
        if analyse and not report.stopped:
            self.analyse(folders, progress, stop)
        return report

    @_recovers
    def analyse(
        self,
        folders: Iterable[str | Path],
        progress: ProgressCallback | None = None,
        stop: threading.Event | None = None,
        apart: bool = False,
    ) -> int:
        """Analyse the indexed briefings under `folders` not analysed yet (who:, where:, the
        desk), phase "analysing"; with `apart`, in niced worker processes however few (the
        app: its keys never wait for the extractor). The number analysed."""
        from briefer.library.analysis import WORKERS_FROM, analyse_pending

        return analyse_pending(self.connection, folders, progress, stop, 1 if apart else WORKERS_FROM)

    @_recovers
    def clear(self) -> None:
        """Forget every file (`briefer index --rebuild`); the next refresh reads them all."""
        self._write(
            "INSERT INTO fulltext(fulltext) VALUES ('delete-all')",
            "DELETE FROM mentions",
            "DELETE FROM bodies",
            "DELETE FROM files",
        )

    @_recovers
    def rows(self, folders: Iterable[str | Path]) -> list[LibraryEntry]:
        """The indexed briefings under `folders`, by path, as the library lists them (a first
        screenful, newest first: `rows.peek_newest`)."""
        return entries(self._read(*rows_query(folders)))

    @_recovers
    def search(
        self,
        query: str,
        folders: Iterable[str | Path] | None = None,
        limit: int = DEFAULT_LIMIT,
        snippets: bool = True,
    ) -> list[SearchResult]:
        """The briefings matching `query` (the language of `briefer.library.query`), best
        first (BM25, the title weighing most; by date when the query has no words); at most
        `limit` (-1: all). Without `snippets`, results have no snippet nor hits (and need
        no text read). Raises QueryError with a one-line hint."""
        compiled = compile_query(query)
        params: list[object] = []
        where = [f"({compiled.where})", "f.error IS NULL"]
        if folders is not None:
            condition, folder_params = under(absolute(folders), "f.path")
            where.append(condition)
            params.extend(folder_params)
        columns = "f.docid, f.path, f.title, f.date, f.source, f.briefing_id"
        if compiled.match is not None:
            sql = (
                f"SELECT {columns} FROM fulltext JOIN files AS f ON f.docid = fulltext.rowid "
                f"WHERE fulltext MATCH ? AND {' AND '.join(where)} "
                f"ORDER BY bm25(fulltext, {', '.join(map(str, RANK_WEIGHTS))}) LIMIT ?"
            )
            params = [compiled.match, *compiled.params, *params, limit]
        else:
            sql = f"SELECT {columns} FROM files AS f WHERE {' AND '.join(where)} ORDER BY f.date DESC, f.path LIMIT ?"
            params = [*compiled.params, *params, limit]
        found = self._read(sql, params)
        # The bodies only of the results: sorting every match with its text would move megabytes.
        bodies = self._bodies([row[0] for row in found]) if snippets else {}
        words = tuple(word for term in compiled.terms if term.field in BODY_FIELDS for word in term.words)
        results = []
        for docid, path, title, date, source, briefing_id in found:
            body = bodies.get(docid, "")
            hits = find_hits(body, compiled.terms)
            line, shown = snippet(body, hits)
            results.append(
                SearchResult(
                    Path(path), title, date, source, briefing_id, line, tuple(shown), tuple(hits), words
                )
            )
        return results

    def _bodies(self, docids: list[int]) -> dict[int, str]:
        bodies = {}
        for start in range(0, len(docids), 500):  # SQLite's limit on parameters is far above
            chunk = docids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for docid, body in self._read(f"SELECT docid, body FROM bodies WHERE docid IN ({marks})", chunk):
                bodies[docid] = zlib.decompress(body).decode("utf-8")
        return bodies

    @_recovers
    def sync_notes(self, notes: Iterable[Note]) -> None:
        """Bring the index's copy of the notes' text and tags (for tag: and note:) in step with
        `notes` (all of the store's, as a caller has read them): only notes added, edited or
        removed since are written."""
        from briefer.library.notes import sync_notes

        sync_notes(self.connection, notes)

    def _read(self, sql: str, params: Iterable[object]) -> list[tuple]:
        return self.connection.execute(sql, tuple(params)).fetchall()

    def _write(self, *statements: str) -> None:
        with transaction(self.connection):
            for statement in statements:
                self.connection.execute(statement)


__all__ = ["IndexUnavailable", "LibraryIndex", "SearchResult"]
