"""PLACES: the places the period's briefings name, with counts; `enter` lists their briefings."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from briefer.desk.places import Place, places
from briefer.desk.text import sparkline
from briefer.ui.screens.desk_actors import SPARK_WIDTH, appearance_row
from briefer.ui.screens.desk_view import DEFAULT_DAYS, DeskRow, DeskView, heading_row


def place_row(place: Place) -> DeskRow:
    count = f"{place.briefings} briefing{'s' if place.briefings != 1 else ''}"
    parts = [
        (place.name, "bold"),
        (f"  {sparkline(place.per_day, SPARK_WIDTH)}", ""),
        (f"  {count} · ×{place.mentions}", "dim"),
    ]
    if place.aliases:
        parts.append(("  aka " + ", ".join(place.aliases), "dim italic"))
    haystack = " ".join([place.name, *place.aliases]).casefold()
    return DeskRow(tuple(parts), target=place.key, haystack=haystack)


class PlacesScreen(DeskView):
    """PLACES: where the period's briefings are about."""

    TITLE = "PLACES"
    EMPTY = "No places in the analysed briefings of this period: ] widens it."

    BINDINGS = [Binding("w", "watch_place", "Watch", id="places-watch")]

    def __init__(self, days: int | None = DEFAULT_DAYS) -> None:
        super().__init__(days)
        self.places: dict[str, Place] = {}

    def build_rows(self) -> list[DeskRow]:
        found = self.read(lambda r: places(r.index, r.folders, r.period))
        self.places = {place.key: place for place in found}
        return [place_row(place) for place in found]

    def describe(self, shown: list[DeskRow]) -> str:
        count = sum(1 for row in shown if row.target is not None)
        return f"{count} place{'s' if count != 1 else ''} · enter lists their briefings"

    def action_watch_place(self) -> None:
        key = self.current_target()
        if key in self.places:
            self.watch_entity(self.places[key].name, "place")

    def choose(self, target: Any) -> None:
        if target in self.places:
            self.app.push_screen(PlaceScreen(self.places[target]))


class PlaceScreen(DeskView):
    """One place's briefings, newest first; `enter` opens the reader at its first mention there."""

    HAS_PERIOD = False

    def __init__(self, place: Place) -> None:
        super().__init__()
        self.place = place
        self.caption = f"{place.name} · {place.briefings} briefing{'s' if place.briefings != 1 else ''}"

    def build_rows(self) -> list[DeskRow]:
        heading = heading_row("Briefings naming it, newest first")
        return [heading, *(appearance_row(item) for item in self.place.appearances)]

    def describe(self, shown: list[DeskRow]) -> str:
        aliases = f" · aka {', '.join(self.place.aliases)}" if self.place.aliases else ""
        return f"×{self.place.mentions} in {self.place.briefings} briefings{aliases} · enter reads there"

    def choose(self, target: Any) -> None:
        self.open_target(target)
