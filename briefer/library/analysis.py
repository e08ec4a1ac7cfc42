"""The analysing pass: who, where and when of each indexed briefing, for who: and where:
(and the desk to come). Optional and slow (tens of milliseconds a briefing): `refresh`
runs it only when asked, after the text is indexed, batch by batch like the text."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from briefer.briefing import BriefingError, load
from briefer.extract.schema import Analysis
from briefer.library.database import transaction
from briefer.library.query import fold, words_of
from briefer.library.refresh import BATCH_SECONDS, Pace, ProgressCallback
from briefer.library.rows import absolute, under
from briefer.library.workers import in_workers

WORKERS_FROM = 40  # briefings to analyse (tens of milliseconds each); fewer are analysed here

MentionRow = tuple[int, str, str, str, str | None]  # docid, kind, name, key, value


def analyse_pending(
    connection: sqlite3.Connection,
    folders: Iterable[str | Path],
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
    workers_from: int = WORKERS_FROM,
) -> int:
    """Analyse the readable briefings under `folders` not analysed yet, in niced worker
    processes when there are `workers_from` or more (so the app keeps its keys); the number
    analysed."""
    condition, params = under(absolute(folders))
    pending = connection.execute(
        f"SELECT docid, path, briefing_id FROM files WHERE analysed = 0 AND error IS NULL AND {condition}",
        params,
    ).fetchall()
    pace = Pace(len(pending), progress, time.monotonic(), "analysing")
    pace.report(0, ())
    batch: list[tuple[int, list[MentionRow]]] = []
    batch_started = time.monotonic()
    done = 0
    for done, (docid, rows) in enumerate(in_workers(_analysed, pending, stop, workers_from), 1):
        if rows is not None:
            batch.append((docid, rows))
        if time.monotonic() - batch_started >= BATCH_SECONDS:
            _write(connection, batch)
            pace.report(done, ())
            batch, batch_started = [], time.monotonic()
    _write(connection, batch)
    pace.report(done, ())
    return done


def _analysed(item: tuple[int, str, str]) -> tuple[int, list[MentionRow] | None]:
    """The mention rows of one indexed briefing; None when it cannot be read or changed since
    it was indexed (the next refresh reads it again)."""
    from briefer.analysing.extraction import analyse

    docid, path, briefing_id = item
    try:
        briefing = load(path)
    except BriefingError:
        return docid, None
    if briefing.id != briefing_id:
        return docid, None
    return docid, mention_rows(docid, analyse(briefing))


def mention_rows(docid: int, analysis: Analysis) -> list[MentionRow]:
    """A row for each name and alias of each person, organisation, group and place, and for
    each word of them (who:Zelensky finds Volodymyr Zelensky), and one per dated expression."""
    rows: list[MentionRow] = []
    for who in analysis["who"]:
        rows.extend(
            (docid, who["kind"], who["name"], key, None) for key in _keys(who["name"], who["aliases"])
        )
    for where in analysis["where"]:
        rows.extend(
            (docid, "place", where["name"], key, None) for key in _keys(where["name"], where["aliases"])
        )
    rows.extend((docid, "date", when["text"], fold(when["text"]), when["value"]) for when in analysis["when"])
    return rows


def _keys(name: str, aliases: list[str]) -> set[str]:
    keys = set()
    for alias in (name, *aliases):
        words = words_of(alias)
        keys.add(" ".join(words))
        keys.update(word for word in words if len(word) > 1)
    keys.discard("")
    return keys


def _write(connection: sqlite3.Connection, batch: list[tuple[int, list[MentionRow]]]) -> None:
    if not batch:
        return
    with transaction(connection):
        for docid, rows in batch:
            connection.execute("DELETE FROM mentions WHERE docid = ?", (docid,))
            connection.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?)", rows)
            connection.execute("UPDATE files SET analysed = 1 WHERE docid = ?", (docid,))
