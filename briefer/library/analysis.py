"""The analysing pass: who, where and when of each indexed briefing, for who: and where:
and for the desk (its entities, quotes and dated expressions with their sentences). Optional and slow (tens of milliseconds a briefing): `refresh`
runs it only when asked, after the text is indexed, batch by batch like the text."""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from briefer.analysing import cache
from briefer.briefing import Briefing, BriefingError, load
from briefer.extract.schema import Analysis
from briefer.library.database import transaction
from briefer.library.query import fold, words_of
from briefer.library.refresh import BATCH_SECONDS, Pace, ProgressCallback
from briefer.library.rows import absolute, under
from briefer.library.workers import in_workers

WORKERS_FROM = 40  # briefings to analyse (tens of milliseconds each); fewer are analysed here

MentionRow = tuple[int, str, str, str, str | None]  # docid, kind, name, key, value
EntityRow = tuple[int, int, str, str, str | None, str, str]  # docid, entity, kind, name, role, aliases, spans
QuoteRow = tuple[int, int, int, str | None, str]  # docid, start, end, speaker, text
DateRow = tuple[
    int, int, int, str, str | None, str | None, int, int
]  # docid, start, end, text, value, day, sentence


class AnalysisRows(NamedTuple):
    """One briefing's analysis as the index keeps it."""

    mentions: list[MentionRow]
    entities: list[EntityRow]
    quotes: list[QuoteRow]
    dates: list[DateRow]


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
    _renew_older_analyses(connection)
    condition, params = under(absolute(folders))
    pending = connection.execute(
        f"SELECT docid, path, briefing_id FROM files WHERE analysed = 0 AND error IS NULL AND {condition}",
        params,
    ).fetchall()
    pace = Pace(len(pending), progress, time.monotonic(), "analysing")
    pace.report(0, ())
    batch: list[tuple[int, AnalysisRows]] = []
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


def _renew_older_analyses(connection: sqlite3.Connection) -> None:
    """Analyses made by another extractor (an older briefer's) are made again, in the same
    background pass as new briefings; until then their rows still answer who: and the desk."""
    current = cache.extractor_fingerprint()
    stored = connection.execute("SELECT fingerprint FROM analyser").fetchone()
    if stored is not None and stored[0] == current:
        return
    with transaction(connection):
        connection.execute("UPDATE files SET analysed = 0 WHERE analysed = 1")
        connection.execute("DELETE FROM analyser")
        connection.execute("INSERT INTO analyser VALUES (?)", (current,))


def _analysed(item: tuple[int, str, str]) -> tuple[int, AnalysisRows | None]:
    """The rows of one indexed briefing; None when it cannot be read or changed since it was
    indexed (the next refresh reads it again)."""
    from briefer.analysing.extraction import analyse

    docid, path, briefing_id = item
    try:
        briefing = load(path)
    except BriefingError:
        return docid, None
    if briefing.id != briefing_id:
        return docid, None
    return docid, analysis_rows(docid, briefing, analyse(briefing))


def analysis_rows(docid: int, briefing: Briefing, analysis: Analysis) -> AnalysisRows:
    """Everything the index keeps of one analysis: the mention rows (who:, where:, dates) and
    the desk's entities, quotes and dated expressions with their sentences."""
    entities: list[EntityRow] = [
        (
            docid,
            number,
            who["kind"],
            who["name"],
            who["role"],
            json.dumps(who["aliases"]),
            json.dumps(who["mentions"]),
        )
        for number, who in enumerate(analysis["who"])
    ]
    entities.extend(
        (
            docid,
            number,
            "place",
            where["name"],
            None,
            json.dumps(where["aliases"]),
            json.dumps(where["mentions"]),
        )
        for number, where in enumerate(analysis["where"], len(entities))
    )
    quotes: list[QuoteRow] = [
        (docid, what["start"], what["end"], what["speaker"], what["text"])
        for what in analysis["what"]
        if what["kind"] == "quote"
    ]
    sentence_starts = [start for start, _ in briefing.sentences]
    dates: list[DateRow] = []
    for when in analysis["when"]:
        sentence = bisect.bisect_right(sentence_starts, when["start"]) - 1
        begins, ends = briefing.sentences[sentence] if sentence >= 0 else (when["start"], when["end"])
        ends = max(ends, when["end"])  # an expression is inside its sentence; never cut it off
        row = (
            docid,
            when["start"],
            when["end"],
            when["text"],
            when["value"],
            first_day(when["value"]),
            begins,
            ends,
        )
        dates.append(row)
    return AnalysisRows(mention_rows(docid, analysis), entities, quotes, dates)


def first_day(value: str | None) -> str | None:
    """The first day (YYYY-MM-DD) a resolved value covers: a date, a month, a year, an ISO
    week or a quarter; None for a duration, a *_REF or no value."""
    if value is None:
        return None
    match = _TIME_POINT.fullmatch(value)
    if match is None:
        return None
    year, month, day, week, quarter = match.groups()
    try:
        if week is not None:
            return dt.date.fromisocalendar(int(year), int(week), 1).isoformat()
        if quarter is not None:
            return dt.date(int(year), 3 * int(quarter) - 2, 1).isoformat()
        return dt.date(int(year), int(month or 1), int(day or 1)).isoformat()
    except ValueError:
        return None


_TIME_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q([1-4]))?")


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


def _write(connection: sqlite3.Connection, batch: list[tuple[int, AnalysisRows]]) -> None:
    if not batch:
        return
    with transaction(connection):
        for docid, rows in batch:
            for table in ("mentions", "entities", "quotes", "dates"):
                connection.execute(f"DELETE FROM {table} WHERE docid = ?", (docid,))
            connection.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?)", rows.mentions)
            connection.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)", rows.entities)
            connection.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?)", rows.quotes)
            connection.executemany("INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows.dates)
            connection.execute("UPDATE files SET analysed = 1 WHERE docid = ?", (docid,))
