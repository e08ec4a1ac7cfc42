"""Triage: which briefings are read, which are flagged, and which arrived since the last visit.

State lives in the notes store's desk tables, keyed by briefing id, so it follows a
briefing through a rename and survives restarts and exports:

    "read"    {"state": "opened" | "read" | "marked", "at": ISO time}   (no record: unread)
    "flags"   {"at": ISO time}
    "visits"  {"at": ISO time} per place ("library", or "watch:<item id>")

"opened" is set when the reader shows a briefing, "read" when its end was reached,
"marked" when the user marked it read; an opened briefing is no longer unread. A
briefing is new when its file arrived (its modification time) after the last visit.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from briefer.notes.model import now_iso

READ_TABLE = "read"
FLAG_TABLE = "flags"
VISIT_TABLE = "visits"
LIBRARY_VISIT = "library"
READ_STATES = ("opened", "read", "marked")


@dataclass
class Triage:
    """The read states, flags and the previous visit, as read once for a screen."""

    read: dict[str, str] = field(default_factory=dict)  # briefing id -> state
    flagged: set[str] = field(default_factory=set)
    since: float | None = None  # the previous visit (epoch seconds); None: the first visit

    def is_unread(self, briefing_id: str | None) -> bool:
        return bool(briefing_id) and briefing_id not in self.read

    def is_flagged(self, briefing_id: str | None) -> bool:
        return bool(briefing_id) and briefing_id in self.flagged

    def is_new(self, arrived: float | None) -> bool:
        """Arrived (by file time) after the previous visit; nothing is new on a first visit."""
        return self.since is not None and arrived is not None and arrived > self.since


def load_triage(store, place: str = LIBRARY_VISIT) -> Triage:
    """The triage state from `store`, with the previous visit to `place`."""
    read = {key: record.get("state", "opened") for key, record in store.desk_table(READ_TABLE).items()}
    return Triage(read, set(store.desk_table(FLAG_TABLE)), last_visit(store, place))


def last_visit(store, place: str) -> float | None:
    record = store.desk_item(VISIT_TABLE, place)
    try:
        return datetime.fromisoformat(record["at"]).timestamp() if record else None
    except (KeyError, TypeError, ValueError):
        return None  # a hand-edited record: as if never visited


def record_visit(store, place: str, when: str | None = None) -> None:
    store.put_desk_item(VISIT_TABLE, place, {"at": when or now_iso()})


def set_state(store, briefing_id: str, state: str | None) -> str | None:
    """Mark a briefing (None: unread again). `opened` never lowers `read` or `marked` (saved
    in this or another window). Returns the state stored."""
    if state is not None and state not in READ_STATES:
        raise ValueError(f"unknown read state {state!r}")

    def keeps(current: dict | None) -> bool:
        return state == "opened" and current is not None and current.get("state") in ("read", "marked")

    def change(current: dict | None) -> dict | None:
        if state is None:
            return None
        return current if keeps(current) else {"state": state, "at": now_iso()}

    old = store.change_desk_item(READ_TABLE, briefing_id, change)
    return old["state"] if keeps(old) and old else state


def set_flag(store, briefing_id: str, flagged: bool) -> None:
    if flagged:
        store.put_desk_item(FLAG_TABLE, briefing_id, {"at": now_iso()})
    else:
        store.remove_desk_item(FLAG_TABLE, briefing_id)


def arrival_times(paths: Iterable[os.PathLike | str]) -> dict[str, float]:
    """Each file's modification time by path (a file gone is left out): when it arrived."""
    times = {}
    for path in paths:
        try:
            times[os.fspath(path)] = os.stat(path).st_mtime
        except OSError:
            continue
    return times


def day_label(day: str | None, today: date) -> str:
    """The heading of a day's group: Today, Yesterday, then the date ("Undated" without one)."""
    if not day:
        return "Undated"
    try:
        when = date.fromisoformat(day[:10])
    except ValueError:
        return day[:10]
    if when == today:
        return "Today"
    if when == today - timedelta(days=1):
        return "Yesterday"
    return f"{when:%a} {when.isoformat()}"


def day_headings(days: list[str | None], today: date) -> dict[int, str]:
    """The row index where each day's group starts, with its heading, for rows in date order."""
    headings: dict[int, str] = {}
    previous_day: object = object()  # no day yet
    previous_label = None
    for index, day in enumerate(days):
        day = day[:10] if day else None
        if day == previous_day:
            continue  # the filter redraws 20,000 rows per key: a label only where the day changes
        previous_day, label = day, day_label(day, today)
        if label != previous_label:
            headings[index] = label
        previous_label = label
    return headings
