"""What the desk's views share: a title, a period to widen and narrow, a filter, and rows drawn
line by line (`RowList`), built in a thread worker from the archive index.

A view says what its rows are (`build_rows`, run off the event loop, reading through `read`) and what
`enter` on one does (`choose`); this screen does the rest. Row text comes from briefings and is
never read as markup: a `DeskRow` keeps (text, style) parts and makes rich `Text` of them, with
control characters cleaned, only when the row is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from briefer.briefing.sanitize import clean_text, one_line
from briefer.desk.decisions import DECISIONS_TABLE, Decision, decision_item, decisions_from
from briefer.desk.period import Period
from briefer.library.analysed import analysed_state, first_day
from briefer.notes.model import now_iso
from briefer.ui.attempt import attempt
from briefer.ui.desk_keys import DESK_BINDINGS
from briefer.ui.widgets.footer import FittingFooter
from briefer.ui.widgets.rowlist import RowLayout, RowList

if TYPE_CHECKING:
    from briefer.library import LibraryIndex
    from briefer.ui.app import BrieferApp

T = TypeVar("T")

# The periods `[` and `]` step through, in days back from today (None: all of the archive).
PERIODS: tuple[int | None, ...] = (1, 7, 30, 90, None)
DEFAULT_DAYS = 7
POLL_SECONDS = 0.5  # how often an open view asks whether the archive's analyses changed (a few ms)


NEW_LINE = "\n"  # a row's part that begins its next line (the only line break a row may hold)


@dataclass(frozen=True)
class Reading:
    """What a view's query is given: the index (of its thread), the folders, the period and the
    user's actor decisions."""

    index: LibraryIndex
    folders: list[Path]
    period: Period
    decisions: list[Decision]


@dataclass(frozen=True)
class AtMention:
    """A row that opens the reader at a span of a briefing's body."""

    path: Path
    start: int
    end: int


@dataclass(frozen=True)
class AtNote:
    """A row that opens the reader at a note."""

    path: Path
    note_id: str


@dataclass
class DeskRow:
    """One row: (text, style) parts (NEW_LINE between its lines), what `enter` opens (None: a
    heading or a message), and the folded text the filter matches."""

    parts: tuple[tuple[str, str], ...]
    target: Any = None
    heading: bool = False
    haystack: str = ""
    _label: Text | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> Text:
        """The parts as one Text; a NEW_LINE part begins the row's next line, and any line break or
        control character in the others (text from files) is shown as a space."""
        if self._label is None:
            self._label = Text(no_wrap=True)
            for value, style in self.parts:
                self._label.append(value if value == NEW_LINE else one_line(clean_text(value)), style=style)
        return self._label

    @property
    def height(self) -> int:
        return 1 + sum(1 for value, _ in self.parts if value == NEW_LINE)


def heading_row(title: str) -> DeskRow:
    return DeskRow(((title, "bold underline"),), heading=True)


def period_of(index: LibraryIndex, folders: Iterable[Path], days: int | None, today: date) -> Period:
    """The last `days` days up to `today`; None: from the oldest briefing's day."""
    if days is not None:
        return Period.last_days(days, today)
    first = first_day(index.connection, folders)
    return Period(min(date.fromisoformat(first), today) if first else today, today)


def period_label(days: int | None, today: date) -> str:
    if days is None:
        return "all dates"
    if days == 1:
        return f"today, {today.isoformat()}"
    return f"last {days} days, {(today - timedelta(days=days - 1)).isoformat()} to {today.isoformat()}"


def filtered(rows: list[DeskRow], words: list[str]) -> list[DeskRow]:
    """The rows holding every word, each under its heading (headings with none left go)."""
    if not words:
        return rows
    kept: list[DeskRow] = []
    pending: DeskRow | None = None
    for row in rows:
        if row.heading:
            pending = row
        elif row.target is not None and all(word in row.haystack for word in words):
            if pending is not None:
                kept.append(pending)
                pending = None
            kept.append(row)
    return kept


class DeskList(RowList):
    """A desk view's rows."""


class DeskView(Screen):
    """A list over the archive: `enter` opens a row, `/` filters, `[` `]` change the period."""

    if TYPE_CHECKING:
        app = getters.app(BrieferApp)

    TITLE = ""
    EMPTY = "Nothing here."
    HAS_PERIOD = True

    BINDINGS = [
        Binding("slash", "filter", "Filter", id="desk-filter"),
        Binding("left_square_bracket,minus", "period(-1)", "Shorter", id="desk-shorter"),
        Binding("right_square_bracket,plus", "period(1)", "Longer", id="desk-longer"),
        Binding("n", "group(1)", "Next group", show=False, id="desk-next-group"),
        Binding("N", "group(-1)", "Previous group", show=False, id="desk-previous-group"),
        Binding("escape", "clear", "Clear", show=False, id="desk-clear"),
        Binding("q", "back", "Back", id="desk-back"),
        Binding("d", "digest", "Digest", show=False, id="desk-digest"),
        *DESK_BINDINGS,
    ]

    def __init__(self, days: int | None = DEFAULT_DAYS) -> None:
        super().__init__()
        self.days = days
        self.caption = self.TITLE  # the header's name of what is shown (a page: the actor's)
        self.rows: list[DeskRow] = []
        self.shown: list[DeskRow] = []
        self.loaded = False
        self.archive_state: tuple[object, ...] | None = None  # as the rows were read (see poll_archive)

    def compose(self) -> ComposeResult:
        yield Static(id="desk-header")
        yield Input(
            placeholder="Filter: words the rows must hold; enter keeps it, esc clears", id="desk-filter"
        )
        yield DeskList(id="desk-list")
        yield Static("", id="desk-status")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#desk-filter").display = False
        self.query_one(DeskList).set_message("Reading the archive…")
        self.query_one(DeskList).focus()
        self.update_header()
        self.reload()
        self.set_interval(POLL_SECONDS, self.poll_archive)

    def on_screen_resume(self) -> None:
        """Back from a reader or a page: the archive may have grown meanwhile."""
        if self.loaded:
            self.reload()

    @property
    def today(self) -> date:
        return self.app.today()

    # ----- what a view provides --------------------------------------------------

    def build_rows(self) -> list[DeskRow]:
        """The rows for the period (in a thread worker: it reads the index, see `read`)."""
        raise NotImplementedError

    def choose(self, target: Any) -> None:
        """`enter` on a row whose target is `target`."""
        raise NotImplementedError

    def describe(self, shown: list[DeskRow]) -> str:
        """The status line: what the rows are."""
        count = sum(1 for row in shown if row.target is not None)
        return f"{count} row{'s' if count != 1 else ''}"

    # ----- the archive and the decisions -------------------------------------------

    def read(self, query: Callable[[Reading], T]) -> T:
        """`query(reading)` on an index of this thread (a worker's), with the folders, the period
        and the user's actor decisions from the notes store."""
        from briefer.library import LibraryIndex

        store = self.app.store
        decisions = decisions_from(store.desk_table(DECISIONS_TABLE)) if store is not None else []
        with LibraryIndex() as index:
            self.archive_state = self._state(index)
            period = period_of(index, self.app.folders, self.days, self.today)
            return query(Reading(index, list(self.app.folders), period, decisions))

    def _state(self, index: LibraryIndex) -> tuple[object, ...]:
        """What a view's rows depend on: the analysed briefings and the store's decisions."""
        store = self.app.store
        return (analysed_state(index.connection, self.app.folders), store.change_token() if store else None)

    @work(thread=True, exclusive=True, group="desk-poll", exit_on_error=False)
    def poll_archive(self) -> None:
        """Read again when a briefing was analysed, changed or removed since the rows were read
        (the library analyses what arrives), or another window changed a decision."""
        from briefer.library import LibraryIndex

        if not self.loaded or self.app.screen is not self:
            return
        with LibraryIndex() as index:
            state = self._state(index)
        if state != self.archive_state:
            self.app.call_from_thread(self.reload)

    def decide(self, decision: Decision) -> bool:
        """Keep an actor decision in the notes store; False (and said) when it cannot be."""
        store = self.app.store
        if store is None:
            self.notify("Notes are unavailable: the decision cannot be kept.", severity="error")
            return False
        key, data = decision_item(decision, now_iso())
        return attempt(self, lambda: store.put_desk_item(DECISIONS_TABLE, key, data), "Not kept") is not None

    def watch_entity(self, text: str, kind: str) -> None:
        """`w`: watch an actor or a place (its hits then show in WATCH, the library and the digest)."""
        from briefer.desk.watch import add_watch

        store = self.app.store
        if store is None:
            self.notify("Notes are unavailable: nothing can be watched.", severity="error")
            return
        item = attempt(self, lambda: add_watch(store, text, kind=kind), "Not watched")
        if item is not None:
            self.notify(f"Watching {clean_text(item.name)}", markup=False)

    # ----- loading ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="desk-load", exit_on_error=False)
    def reload(self) -> None:
        try:
            rows = self.build_rows()
        except Exception as exc:  # an index that cannot be read: one line, the view stays
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.show_failure, f"{type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_rows, rows)

    def show_failure(self, message: str) -> None:
        if self.is_attached:
            self.query_one(DeskList).set_message(f"The archive cannot be read: {clean_text(message)}")

    def show_rows(self, rows: list[DeskRow]) -> None:
        if not self.is_attached:
            return
        self.rows = rows
        self.loaded = True
        self.refresh_list()

    def refresh_list(self) -> None:
        """Show the rows that pass the filter; the cursor stays on its row's target when it can."""
        rows_list = self.query_one(DeskList)
        current = self.current_target()
        self.shown = filtered(self.rows, self.filter_words())
        if not any(row.target is not None for row in self.shown):
            rows_list.set_message(self.EMPTY if not self.filter_words() else "Nothing matches the filter.")
        else:
            rows_list.set_rows(RowLayout.of(self.shown, [row.target is not None for row in self.shown]))
            kept = next(
                (i for i, row in enumerate(self.shown) if current is not None and row.target == current), None
            )
            if kept is not None:
                rows_list.highlighted = kept
        self.update_header()
        self.query_one("#desk-status", Static).update(Text(clean_text(self.describe(self.shown))))

    def update_header(self) -> None:
        title = self.caption
        if self.HAS_PERIOD:
            title += " · " + period_label(self.days, self.today)
        self.query_one("#desk-header", Static).update(Text(title))

    def current_target(self) -> Any:
        index = self.query_one(DeskList).highlighted
        if index is None or index >= len(self.shown) or self.query_one(DeskList).message is not None:
            return None
        return self.shown[index].target

    # ----- keys ------------------------------------------------------------------

    @on(RowList.Selected, "#desk-list")
    def _row_selected(self, event: RowList.Selected) -> None:
        if event.index < len(self.shown) and (target := self.shown[event.index].target) is not None:
            self.choose(target)

    def open_target(self, target: AtMention | AtNote) -> None:
        """The reader at a mention or a note; a briefing gone since it was indexed is said."""
        if not target.path.is_file():
            self.notify(
                f"The briefing is gone: {clean_text(str(target.path))}", severity="warning", markup=False
            )
        elif isinstance(target, AtNote):
            self.app.open_briefing(target.path, note_id=target.note_id)
        else:
            self.app.open_briefing(target.path, mention=(target.start, target.end))

    def action_period(self, step: int) -> None:
        if not self.HAS_PERIOD:
            return
        index = PERIODS.index(self.days) if self.days in PERIODS else PERIODS.index(DEFAULT_DAYS)
        index = min(max(index + step, 0), len(PERIODS) - 1)
        if PERIODS[index] != self.days:
            self.days = PERIODS[index]
            self.update_header()
            self.reload()

    def action_digest(self) -> None:
        """`d`: the digest of the period shown, written beside the notes' export."""
        self.app.write_digest(self.days)
        self.notify("Writing the digest…", timeout=3)

    def action_filter(self) -> None:
        field = self.query_one("#desk-filter", Input)
        field.display = True
        field.focus()

    def filter_words(self) -> list[str]:
        return self.query_one("#desk-filter", Input).value.casefold().split()

    @on(Input.Changed, "#desk-filter")
    def _filter_changed(self) -> None:
        if self.loaded:
            self.refresh_list()

    @on(Input.Submitted, "#desk-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#desk-filter").display = False
        self.query_one(DeskList).focus()

    def action_group(self, step: int) -> None:
        """`n` / `N`: the first row of the next or previous group (a day, a section)."""
        rows_list = self.query_one(DeskList)
        here = rows_list.highlighted
        if here is None:
            return
        starts = [i + 1 for i, row in enumerate(self.shown) if row.heading and i + 1 < len(self.shown)]
        if step > 0:
            target = next((start for start in starts if start > here), None)
        else:
            own = max((start for start in starts if start <= here), default=here)
            target = max((start for start in starts if start < own), default=None)
        if target is not None:
            rows_list.highlighted = target

    def action_clear(self) -> None:
        """esc: clears the filter, then goes back."""
        field = self.query_one("#desk-filter", Input)
        if field.display or field.value:
            field.value = ""
            field.display = False
            self.query_one(DeskList).focus()
            return
        self.action_back()

    def action_back(self) -> None:
        self.app.pop_screen()
