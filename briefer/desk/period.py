"""The span of days the desk looks at: by default the last 7 days, today included."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DEFAULT_DAYS = 7
_DAYS = re.compile(r"(\d{1,5})d")


class PeriodError(ValueError):
    """A since/until the desk cannot read: str(exc) is the one line to show."""


@dataclass(frozen=True, slots=True)
class Period:
    first: dt.date
    last: dt.date  # included

    @classmethod
    def last_days(cls, days: int = DEFAULT_DAYS, today: dt.date | None = None) -> Period:
        """The `days` days up to and including `today`."""
        today = today or dt.date.today()
        return cls(today - dt.timedelta(days=max(days, 1) - 1), today)

    @classmethod
    def parse(
        cls, since: str | None = None, until: str | None = None, today: dt.date | None = None
    ) -> Period:
        """`since` and `until` as a user writes them: `today`, `yesterday`, an ISO date
        (YYYY-MM-DD) or, for `since`, a number of days (`7d`, `30d`: those days up to the
        period's last). No `since`: the last 7 days up to `until`; no `until`: up to today.
        Raises PeriodError."""
        today = today or dt.date.today()
        last = day_of(until, today) if until else today
        if since and _DAYS.fullmatch(since.strip().lower()):
            first = day_of(since, last)
        else:
            first = day_of(since, today) if since else last - dt.timedelta(days=DEFAULT_DAYS - 1)
        if first > last:
            raise PeriodError(f"the period starts ({first}) after it ends ({last})")
        return cls(first, last)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def day_index(self, day: str) -> int | None:
        """The position of the ISO `day` in the period (0: its first day), None outside it."""
        try:
            position = (dt.date.fromisoformat(day) - self.first).days
        except ValueError:
            return None
        return position if 0 <= position < self.days else None

    def widened(self) -> Period:
        """Twice as many days, ending on the same day (a view's key to widen)."""
        return Period(self.last - dt.timedelta(days=2 * self.days - 1), self.last)

    def narrowed(self) -> Period:
        """Half as many days (at least one), ending on the same day."""
        return Period(self.last - dt.timedelta(days=max(self.days // 2, 1) - 1), self.last)

    def __str__(self) -> str:
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


def day_of(text: str, today: dt.date) -> dt.date:
    """One day as the user writes it (see `Period.parse`). Raises PeriodError."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    days = _DAYS.fullmatch(word)
    if days is not None:
        return today - dt.timedelta(days=max(int(days.group(1)), 1) - 1)
    try:
        return dt.date.fromisoformat(word)
    except ValueError:
        raise PeriodError(
            f"not a day: {text!r} (use today, yesterday, YYYY-MM-DD or a number of days such as 7d)"
        ) from None
