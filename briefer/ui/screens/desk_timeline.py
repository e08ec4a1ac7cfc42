"""TIMELINE and AGENDA: the period's dated expressions in date order, and what is coming.

TIMELINE: one group per day the expressions resolve to, each row the expression, its sentence
and its briefing; `a`, `p` and `t` keep only the briefings naming an actor, a place, or with a
note so tagged. AGENDA: the expressions after today, grouped by date and event, with how many
briefings mention each. `tab` goes from one to the other; `enter` opens the reader there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.binding import Binding

from briefer.desk.timeline import AGENDA_DAYS, AgendaItem, DatedItem, agenda, timeline
from briefer.ui.screens.desk_view import (
    DEFAULT_DAYS,
    NEW_LINE,
    AtMention,
    DeskRow,
    DeskView,
    Reading,
    heading_row,
)

FILTERS = {"who": "actor", "where": "place", "tag": "tag"}


def when_heading(day: str, value: str) -> str:
    """A group's heading: the day, or the coarser value a year, month, week or quarter is."""
    return value if len(value) < len("YYYY-MM-DD") else day


def dated_row(item: DatedItem) -> DeskRow:
    parts = (
        (item.text, "bold"),
        ("  " + item.sentence, ""),
        (NEW_LINE, ""),
        ("  " + " · ".join(v for v in (item.briefing_day, item.title, item.source) if v), "dim"),
    )
    return DeskRow(
        parts,
        target=AtMention(item.path, item.start, item.end),
        haystack=f"{item.text} {item.sentence} {item.title}".casefold(),
    )


def timeline_rows(items: list[DatedItem]) -> list[DeskRow]:
    return _by_day(items, dated_row)


def _by_day(entries: Sequence[DatedItem] | Sequence[AgendaItem], row: Callable) -> list[DeskRow]:
    """A heading for each day (week, month, year) the entries mean, before their rows."""
    rows: list[DeskRow] = []
    shown = None
    for entry in entries:
        if (heading := when_heading(entry.day, entry.value)) != shown:
            shown = heading
            rows.append(heading_row(heading))
        rows.append(row(entry))
    return rows


def agenda_row(entry: AgendaItem) -> DeskRow:
    newest = entry.items[0]
    count = f"{entry.briefings} briefing{'s' if entry.briefings != 1 else ''}"
    parts = (
        (entry.event, "bold"),
        (f"  {count}", "dim"),
        (NEW_LINE, ""),
        ("  " + newest.sentence, "italic"),
        (" · " + newest.title, "dim"),
    )
    # One briefing: enter reads it there; several: enter lists them.
    target = AtMention(newest.path, newest.start, newest.end) if len(entry.items) == 1 else entry
    return DeskRow(
        parts,
        target=target,
        haystack=" ".join(
            [entry.event, *(f"{item.sentence} {item.title}" for item in entry.items)]
        ).casefold(),
    )


class TimelineScreen(DeskView):
    """TIMELINE: every dated expression of the period's briefings, by the day it means."""

    TITLE = "TIMELINE"
    EMPTY = "No dated expressions in the analysed briefings of this period: ] widens it."

    BINDINGS = [
        Binding("tab", "app.desk('agenda')", "Agenda", id="timeline-agenda"),
        Binding("a", "narrow_to('who')", "By actor", id="timeline-who"),
        Binding("p", "narrow_to('where')", "By place", id="timeline-where"),
        Binding("t", "narrow_to('tag')", "By tag", id="timeline-tag"),
    ]

    def __init__(self, days: int | None = DEFAULT_DAYS, **narrowed: str) -> None:
        super().__init__(days)
        self.narrowed: dict[str, str] = {name: value for name, value in narrowed.items() if name in FILTERS}

    def build_rows(self) -> list[DeskRow]:
        store = self.app.store
        notes = store.all_notes() if "tag" in self.narrowed and store is not None else None

        def read(r: Reading) -> list[DatedItem]:
            if notes is not None:  # tags are read from the index's copy of the notes
                r.index.sync_notes(notes)
            return timeline(r.index, r.folders, r.period, decisions=r.decisions, **self.narrowed)

        return timeline_rows(self.read(read))

    def describe(self, shown: list[DeskRow]) -> str:
        count = sum(1 for row in shown if row.target is not None)
        parts = [f"{count} dated expression{'s' if count != 1 else ''}"]
        parts += [f"{FILTERS[name]}: {value}" for name, value in self.narrowed.items()]
        parts.append("a p t narrow · n N days")
        return " · ".join(parts)

    def choose(self, target: Any) -> None:
        self.open_target(target)

    def action_narrow_to(self, name: str) -> None:
        """Ask for an actor, a place or a tag (empty: no longer narrowed) and read again."""
        from briefer.ui.dialogs.pick import PromptDialog

        def narrow(value: str | None) -> None:
            if value is None:
                return
            if value.strip():
                self.narrowed[name] = value.strip()
            else:
                self.narrowed.pop(name, None)
            self.reload()

        question = (
            f"Only briefings naming this {FILTERS[name]}"
            if name != "tag"
            else "Only briefings with a note tagged"
        )
        self.app.push_screen(PromptDialog(question, self.narrowed.get(name, "")), narrow)


class AgendaScreen(DeskView):
    """AGENDA: what the period's briefings say is coming after today."""

    TITLE = "AGENDA"
    EMPTY = "Nothing dated after today in the analysed briefings of this period: ] widens it."

    BINDINGS = [Binding("tab", "app.desk('timeline')", "Timeline", id="agenda-timeline")]

    def __init__(self, days: int | None = AGENDA_DAYS) -> None:
        super().__init__(days)

    def build_rows(self) -> list[DeskRow]:
        entries = self.read(lambda r: agenda(r.index, r.folders, r.period.last, r.period, r.decisions))
        return _by_day(entries, agenda_row)

    def describe(self, shown: list[DeskRow]) -> str:
        count = sum(1 for row in shown if row.target is not None)
        return f"{count} coming date{'s' if count != 1 else ''} and event{'s' if count != 1 else ''} · from the briefings of the period · n N days"

    def choose(self, target: Any) -> None:
        if isinstance(target, AgendaItem):
            self.app.push_screen(AgendaEntryScreen(target))
        else:
            self.open_target(target)


class AgendaEntryScreen(DeskView):
    """One date and event: its expression in each briefing mentioning it, newest first."""

    HAS_PERIOD = False

    def __init__(self, entry: AgendaItem) -> None:
        super().__init__()
        self.entry = entry
        self.caption = f"{entry.value} · {entry.event} · {entry.briefings} briefings"

    def build_rows(self) -> list[DeskRow]:
        rows = [dated_row(item) for item in self.entry.items]
        return [heading_row("Briefings mentioning it, newest first"), *rows]

    def describe(self, shown: list[DeskRow]) -> str:
        return f"{self.entry.briefings} briefings mention it · enter reads there"

    def choose(self, target: Any) -> None:
        self.open_target(target)
