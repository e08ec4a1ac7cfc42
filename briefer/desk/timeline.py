"""TIMELINE: the dated expressions of a period's briefings in date order, each with its
sentence; AGENDA: those that resolve after today, grouped by date and event."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from briefer.desk.actors import cast
from briefer.desk.decisions import Decision
from briefer.desk.period import Period
from briefer.desk.places import place_docids
from briefer.library import analysed
from briefer.library.analysed import DateRecord, IndexedBriefing, Selection
from briefer.library.query import fold

if TYPE_CHECKING:
    from briefer.library.index import LibraryIndex

AGENDA_DAYS = 30  # the agenda reads the briefings of the last 30 days by default

# What an agenda item is about: the event word nearest its date in the sentence.
EVENT_WORDS = (
    "summit",
    "vote",
    "votes",
    "election",
    "elections",
    "referendum",
    "deadline",
    "trial",
    "hearing",
    "verdict",
    "ruling",
    "talks",
    "negotiations",
    "meeting",
    "visit",
    "conference",
    "session",
    "debate",
    "inauguration",
    "ceasefire",
    "truce",
    "launch",
    "deal",
    "agreement",
    "treaty",
    "sanctions",
    "tariffs",
    "budget",
    "report",
    "inspection",
    "exercise",
    "offensive",
    "strike",
    "protest",
    "rally",
    "funeral",
    "ceremony",
    "forum",
    "congress",
    "assembly",
    "plenary",
    "auction",
    "review",
)
_EVENT = re.compile(r"\b(" + "|".join(sorted(set(EVENT_WORDS), key=len, reverse=True)) + r")\b")


class DatedItem(NamedTuple):
    """One dated expression (a tuple: a month of 20,000 briefings holds 20,000 of them)."""

    day: str  # the first day its value covers, YYYY-MM-DD
    value: str  # as resolved: a date, month, year, week or quarter
    text: str  # the expression as written
    sentence: str  # its sentence, white space collapsed
    path: Path
    title: str
    briefing_day: str
    source: str | None
    briefing_id: str | None
    start: int  # the expression's offsets in the body: open the reader there
    end: int


@dataclass(frozen=True, slots=True)
class AgendaItem:
    day: str
    value: str
    event: str  # the event word of its sentences ("summit"), or the expression when none
    briefings: int  # how many briefings mention this date and event
    items: tuple[DatedItem, ...]  # newest briefing first


def timeline(
    index: LibraryIndex,
    folders: Iterable[str | Path],
    period: Period,
    who: str | None = None,
    where: str | None = None,
    tag: str | None = None,
    decisions: Iterable[Decision] = (),
) -> list[DatedItem]:
    """The dated expressions of the briefings of `period`, in the order of their dates (then
    of their briefings' days, paths and offsets); only of briefings naming actor `who` (a
    key, a name or a surname), naming place `where`, or with a note tagged `tag`."""
    folders = list(folders)
    selection = Selection(folders, period.first.isoformat(), period.last.isoformat())
    return _items(
        index,
        folders,
        selection,
        analysed.dates(index.connection, selection),
        period,
        who,
        where,
        tag,
        decisions,
    )


def agenda(
    index: LibraryIndex,
    folders: Iterable[str | Path],
    today: dt.date | None = None,
    period: Period | None = None,
    decisions: Iterable[Decision] = (),
) -> list[AgendaItem]:
    """What is coming: the dated expressions of the briefings of `period` (default: the last
    30 days up to `today`) that resolve after `today`, grouped by date and event, by date and
    then most briefings first."""
    today = today or dt.date.today()
    period = period or Period.last_days(AGENDA_DAYS, today)
    folders = list(folders)
    selection = Selection(folders, period.first.isoformat(), period.last.isoformat())
    records = analysed.dates(index.connection, selection, after=today.isoformat())
    items = _items(index, folders, selection, records, period, None, None, None, decisions)
    grouped: dict[tuple[str, str], list[DatedItem]] = defaultdict(list)
    for item in items:
        grouped[(item.value, _event(item))].append(item)
    agenda_items = []
    for (value, event), members in grouped.items():
        members.sort(key=lambda item: (item.briefing_day, str(item.path), item.start), reverse=True)
        briefings = len({item.path for item in members})
        agenda_items.append(AgendaItem(members[0].day, value, event, briefings, tuple(members)))
    return sorted(agenda_items, key=lambda item: (item.day, item.value, -item.briefings, item.event))


def _items(
    index: LibraryIndex,
    folders: Iterable[str | Path],
    selection: Selection,
    records: list[DateRecord],
    period: Period,
    who: str | None,
    where: str | None,
    tag: str | None,
    decisions: Iterable[Decision],
) -> list[DatedItem]:
    connection = index.connection
    briefings = analysed.briefings(connection, selection)
    wanted: set[int] | None = None
    if who is not None:
        actors = cast(index, folders, period, decisions)
        wanted = actors.docids(actors.resolve(who))
    if where is not None:
        places = place_docids(connection, selection, where)
        wanted = places if wanted is None else wanted & places
    if tag is not None:
        ids = analysed.tagged(connection, fold(tag).strip("#"))
        tagged = {docid for docid, briefing in briefings.items() if briefing.briefing_id in ids}
        wanted = tagged if wanted is None else wanted & tagged
    chosen = [
        record
        for record in records
        if record.docid in briefings and (wanted is None or record.docid in wanted)
    ]
    bodies = analysed.bodies(connection, {record.docid for record in chosen})
    return [_item(record, briefings[record.docid], bodies.get(record.docid, "")) for record in chosen]


def _item(record: DateRecord, briefing: IndexedBriefing, body: str) -> DatedItem:
    sentence = body[record.sentence_start : record.sentence_end]
    if "\n" in sentence or "\t" in sentence or "  " in sentence:
        sentence = " ".join(sentence.split())
    return DatedItem(
        record.day or "",
        record.value or "",
        record.text,
        sentence,
        briefing.path,
        briefing.title,
        briefing.day,
        briefing.source,
        briefing.briefing_id,
        record.start,
        record.end,
    )


def _event(item: DatedItem) -> str:
    """The event word nearest the expression in its sentence, else the expression folded."""
    sentence = fold(item.sentence)
    where = sentence.find(fold(item.text))
    matches = list(_EVENT.finditer(sentence))
    if not matches:
        return fold(item.text)
    nearest = min(matches, key=lambda match: abs(match.start() - max(where, 0)))
    return nearest.group(1)
