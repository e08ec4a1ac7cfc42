"""The desk's views by the name their keys give (`app.desk('actors')`)."""

from __future__ import annotations

from briefer.ui.screens.desk_actors import ActorPageScreen, ActorsScreen
from briefer.ui.screens.desk_places import PlaceScreen, PlacesScreen
from briefer.ui.screens.desk_timeline import AgendaEntryScreen, AgendaScreen, TimelineScreen
from briefer.ui.screens.desk_view import DeskView

DESK_VIEWS: dict[str, type[DeskView]] = {
    "actors": ActorsScreen,
    "timeline": TimelineScreen,
    "agenda": AgendaScreen,
    "places": PlacesScreen,
}
# Every screen of the desk, for the keymap's binding ids and the clash check.
DESK_SCREENS: tuple[type[DeskView], ...] = (
    *DESK_VIEWS.values(),
    ActorPageScreen,
    PlaceScreen,
    AgendaEntryScreen,
)

__all__ = ["DESK_SCREENS", "DESK_VIEWS", "DeskView"]
