"""Reading the analysing pass's tables back, for the desk (`briefer.desk`): the briefings of a
span of days under some folders, and their entities, quotes and dated expressions.

A briefing's day is its date (front matter or dateline), else the day its file was last
written: a briefing with no date still belongs to a period.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from briefer.library.rows import absolute, under

# The day of a briefing, as SQL on `files AS f`.
MTIME_DAY_SQL = "date(f.mtime_ns / 1000000000, 'unixepoch', 'localtime')"
DAY_SQL = f"COALESCE(f.date, {MTIME_DAY_SQL})"


@dataclass(frozen=True, slots=True)
class IndexedBriefing:
    docid: int
    path: Path
    title: str
    day: str  # YYYY-MM-DD
    source: str | None
    briefing_id: str | None


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """A person, organization, group or place as one briefing's analysis names it."""

    docid: int
    kind: str
    name: str
    role: str | None
    aliases: tuple[str, ...]
    mentions: int
    first: tuple[int, int]  # its first mention, offsets into the body ((0, 0): none)
    spans_json: str  # every mention: read with `spans()`, only when wanted (most views count)

    def spans(self) -> list[tuple[int, int]]:
        return [(start, end) for start, end in json.loads(self.spans_json)]


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    docid: int
    start: int
    end: int
    speaker: str | None  # an EntityRecord's name in the same briefing
    text: str


class DateRecord(NamedTuple):
    """A dated expression (a tuple: a 30-day timeline reads 20,000 of them)."""

    docid: int
    start: int
    end: int
    text: str
    value: str | None
    day: str | None  # the first day the value covers; None when it is no point in time
    sentence_start: int
    sentence_end: int


class Selection:
    """The analysed briefings under `folders` whose day is in [first_day, last_day]: one SQL
    condition, joined by each reader below. The readers join with CROSS JOIN, which keeps
    `files` the outer loop: left to itself SQLite walked all 200,000 entities of the archive
    and looked each one's file up (80 ms against 30 ms for 30 days of 20,000 briefings)."""

    def __init__(self, folders: Iterable[str | Path], first_day: str, last_day: str) -> None:
        # The days through the date index (a month of 20,000 briefings: 1 ms, against 18 ms
        # through the path index, which the unary + keeps SQLite from choosing).
        condition, params = under(absolute(folders), "+f.path")
        self.where = (
            f"f.analysed = 1 AND f.error IS NULL AND {condition} AND (f.date BETWEEN ? AND ? OR "
            f"(f.date IS NULL AND {MTIME_DAY_SQL} BETWEEN ? AND ?))"
        )
        self.params: list[object] = [*params, first_day, last_day, first_day, last_day]


def briefings(connection: sqlite3.Connection, selection: Selection) -> dict[int, IndexedBriefing]:
    rows = connection.execute(
        f"SELECT f.docid, f.path, f.title, {DAY_SQL}, f.source, f.briefing_id FROM files AS f WHERE {selection.where}",
        selection.params,
    )
    return {row[0]: IndexedBriefing(row[0], Path(row[1]), *row[2:]) for row in rows}


def entities(
    connection: sqlite3.Connection, selection: Selection, kinds: Iterable[str]
) -> list[EntityRecord]:
    """The entities of `kinds` the selected briefings name, in the order of their analyses."""
    kinds = tuple(kinds)
    marks = ", ".join("?" * len(kinds))
    rows = connection.execute(
        "SELECT e.docid, e.kind, e.name, e.role, e.aliases, json_array_length(e.spans), "
        "json_extract(e.spans, '$[0][0]'), json_extract(e.spans, '$[0][1]'), e.spans FROM files AS f "
        f"CROSS JOIN entities AS e ON e.docid = f.docid WHERE {selection.where} AND e.kind IN ({marks}) "
        "ORDER BY e.docid, e.entity",
        [*selection.params, *kinds],
    )
    return [
        EntityRecord(
            docid,
            kind,
            name,
            role,
            () if aliases == "[]" else tuple(json.loads(aliases)),
            mentions,
            (start or 0, end or 0),
            spans,
        )
        for docid, kind, name, role, aliases, mentions, start, end, spans in rows
    ]


def quotes(connection: sqlite3.Connection, selection: Selection) -> list[QuoteRecord]:
    rows = connection.execute(
        "SELECT q.docid, q.span_start, q.span_end, q.speaker, q.text FROM files AS f "
        f"CROSS JOIN quotes AS q ON q.docid = f.docid WHERE {selection.where} ORDER BY q.docid, q.span_start",
        selection.params,
    )
    return [QuoteRecord(*row) for row in rows]


def dates(connection: sqlite3.Connection, selection: Selection, after: str | None = None) -> list[DateRecord]:
    """The dated expressions that are points in time (their `day` set), after the day `after`
    if given; in date order (then by their briefings' days, paths, offsets)."""
    condition, params = ("d.day > ?", [after]) if after is not None else ("d.day IS NOT NULL", [])
    rows = connection.execute(
        "SELECT d.docid, d.span_start, d.span_end, d.text, d.value, d.day, d.sentence_start, d.sentence_end "
        f"FROM files AS f CROSS JOIN dates AS d ON d.docid = f.docid WHERE {selection.where} AND {condition} "
        f"ORDER BY d.day, {DAY_SQL}, f.path, d.span_start",
        [*selection.params, *params],
    )
    return list(map(DateRecord._make, rows))


def tagged(connection: sqlite3.Connection, tag: str) -> set[str]:
    """The briefing ids with a note tagged `tag` (or a tag under it: `tag/...`); `tag` folded."""
    rows = connection.execute(
        "SELECT DISTINCT briefing_id FROM note_tags WHERE tag = ? OR (tag >= ? AND tag < ?)",
        (tag, tag + "/", tag + "/\uffff"),
    )
    return {briefing_id for (briefing_id,) in rows}


def bodies(connection: sqlite3.Connection, docids: Iterable[int]) -> dict[int, str]:
    """The bodies of `docids` (to cut sentences from), read in chunks."""
    wanted = sorted(set(docids))
    found = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for docid, body in connection.execute(
            f"SELECT docid, body FROM bodies WHERE docid IN ({marks})", chunk
        ):
            found[docid] = zlib.decompress(body).decode("utf-8")
    return found


def first_day(connection: sqlite3.Connection, folders: Iterable[str | Path]) -> str | None:
    """The day of the oldest analysed briefing under `folders` (where "all dates" begins)."""
    condition, params = under(absolute(folders), "f.path")
    (day,) = connection.execute(
        f"SELECT MIN({DAY_SQL}) FROM files AS f WHERE f.analysed = 1 AND f.error IS NULL AND {condition}",
        params,
    ).fetchone()
    return day


def analysed_state(connection: sqlite3.Connection, folders: Iterable[str | Path]) -> tuple[int, int]:
    """How many briefings under `folders` are analysed, and the sum of their files' times: it
    changes when one is analysed, changed or removed (a view reads again only then)."""
    condition, params = under(absolute(folders), "f.path")
    count, times = connection.execute(
        f"SELECT count(*), total(f.mtime_ns) FROM files AS f WHERE f.analysed = 1 AND {condition}", params
    ).fetchone()
    return count, int(times)
