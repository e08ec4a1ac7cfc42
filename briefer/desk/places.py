"""PLACES: the places a period's briefings name, with their counts and their briefings."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.desk.actors import Appearance, appearances_of
from briefer.desk.identity import folded
from briefer.desk.period import Period
from briefer.library import analysed
from briefer.library.analysed import EntityRecord, Selection

if TYPE_CHECKING:
    from briefer.library.index import LibraryIndex


@dataclass(frozen=True, slots=True)
class Place:
    key: str  # "place:kyiv"
    name: str
    aliases: tuple[str, ...]
    briefings: int
    mentions: int
    per_day: tuple[int, ...]  # mentions on each day of the period, its first day first
    appearances: tuple[Appearance, ...]  # the briefings naming it, newest first


def places(index: LibraryIndex, folders: Iterable[str | Path], period: Period) -> list[Place]:
    """The places of the briefings of `period` under `folders` (one per name: a place's
    aliases are the other names its briefings gave it), most briefings first."""
    selection = Selection(list(folders), period.first.isoformat(), period.last.isoformat())
    briefings = analysed.briefings(index.connection, selection)
    slots = {docid: period.day_index(briefing.day) for docid, briefing in briefings.items()}
    by_name: dict[str, list[EntityRecord]] = defaultdict(list)
    for record in analysed.entities(index.connection, selection, ("place",)):
        by_name[folded(record.name) or record.name].append(record)
    found = []
    for key, records in by_name.items():
        per_day = [0] * period.days
        aliases: dict[str, None] = {}
        for record in records:
            slot = slots[record.docid]
            if slot is not None:
                per_day[slot] += record.mentions or 1
            aliases.update(dict.fromkeys(alias for alias in record.aliases if folded(alias) != key))
        appearances = appearances_of(records, briefings)
        found.append(
            Place(
                f"place:{key}",
                records[0].name,
                tuple(aliases),
                len({record.docid for record in records}),
                sum(record.mentions for record in records),
                tuple(per_day),
                tuple(appearances),
            )
        )
    return sorted(found, key=lambda place: (-place.briefings, -place.mentions, place.name))


def place_docids(connection: sqlite3.Connection, selection: Selection, where: str) -> set[int]:
    """The selected briefings naming place `where` (a key, a name or an alias)."""
    form = folded(where.removeprefix("place:"))
    return {
        record.docid
        for record in analysed.entities(connection, selection, ("place",))
        if form in {folded(name) for name in (record.name, *record.aliases)}
    }
