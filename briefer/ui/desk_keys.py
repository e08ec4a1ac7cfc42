"""The keys that open the desk's views, reached from the library, the reader and each other.

Apart from the views (`ui/screens/desk_*.py`), so the library and the reader bind them without
importing the desk at start-up. F-keys: the library's filter keeps every printable key, and the
reader's panes are F1-F5.
"""

from __future__ import annotations

from textual.binding import Binding

DESK_BINDINGS = [
    Binding("f6", "app.desk('actors')", "ACTORS", show=False, id="desk-actors"),
    Binding("f7", "app.desk('timeline')", "TIMELINE", show=False, id="desk-timeline"),
    Binding("f8", "app.desk('agenda')", "AGENDA", show=False, id="desk-agenda"),
    Binding("f9", "app.desk('places')", "PLACES", show=False, id="desk-places"),
    Binding("f10", "app.watch_list", "WATCH", id="desk-watch"),
]
