"""The WATCH view: the watch items with their hits and those new since each was last looked at.

`enter` on an item lists its briefings (and counts them as seen: they are not new next
time); `enter` on a briefing opens the reader at the hit. `r` renames an item, `d` removes
it, `q`/`esc` goes back (from the hits to the items, from the items to the library).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from briefer.briefing.sanitize import clean_text
from briefer.ui.desk_keys import DESK_BINDINGS
from briefer.ui.widgets.footer import FittingFooter
from briefer.ui.widgets.rowlist import RowLayout, RowList, TextRow

if TYPE_CHECKING:
    from briefer.desk.watch import WatchHit, WatchItem
    from briefer.ui.app import BrieferApp

NEW_MARK = "●"


class WatchScreen(Screen):
    """The watch-list and, for one item, its briefings."""

    if TYPE_CHECKING:
        app: BrieferApp

    BINDINGS = [
        Binding("r", "rename", "Rename", id="watch-rename"),
        Binding("d,delete", "remove", "Remove", id="watch-remove"),
        Binding("q,escape", "back", "Back", id="watch-back"),
        *DESK_BINDINGS,
    ]

    DEFAULT_CSS = """
    WatchScreen #watch-title { height: 1; background: $panel; text-style: bold; padding: 0 1; }
    WatchScreen #watch-rows { height: 1fr; }
    WatchScreen #watch-name { display: none; }
    WatchScreen #watch-name.-shown { display: block; }
    WatchScreen #watch-status { height: 1; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, folders: list[Path]) -> None:
        super().__init__()
        self.folders = folders
        self.found: list[tuple[WatchItem, list[WatchHit], set[Path]]] = []  # item, hits, new paths
        self.showing: int | None = None  # the item whose hits are listed, else the items are

    def compose(self) -> ComposeResult:
        yield Static(Text("WATCH"), id="watch-title")
        yield RowList(id="watch-rows")
        yield Input(placeholder="New name: enter renames, esc keeps the old one", id="watch-name")
        yield Static("", id="watch-status")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.rows.set_message("Looking for the watch items' briefings…")
        self.rows.focus()
        self.load()

    @property
    def rows(self) -> RowList:
        return self.query_one("#watch-rows", RowList)

    @work(thread=True, exclusive=True, group="watch-load", exit_on_error=False)
    def load(self) -> None:
        """Every item's hits from the archive index, and which are new (in a worker)."""
        from briefer.desk.watch import new_hits, watch_hits, watch_items
        from briefer.library import IndexUnavailable, LibraryIndex, QueryError
        from briefer.notes.store import StoreError

        store = self.app.store
        found = []
        try:
            items = watch_items(store) if store is not None else []
            with LibraryIndex() as index:
                for item in items:
                    try:  # counts only: the passages are read for the item opened
                        hits = watch_hits(index, self.folders, item, passages=False)
                    except QueryError:
                        hits = []
                    found.append((item, hits, {hit.path for hit in new_hits(store, item, hits)}))
        except (StoreError, IndexUnavailable) as exc:
            self.app.call_from_thread(
                self.rows.set_message, f"The watch-list cannot be read: {clean_text(str(exc))}"
            )
            return
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list) -> None:
        self.found = found
        if self.showing is not None and self.showing < len(found):
            self.open_item(self.showing)
        else:
            self.showing = None
            self._show_items()

    def open_item(self, position: int) -> None:
        """List an item's briefings, their passages read first (in a worker)."""
        self.showing = position
        self.rows.set_message(f"Reading the passages of {clean_text(self.found[position][0].name)}…")
        self.load_passages(position, self.found[position][0])

    @work(thread=True, exclusive=True, group="watch-passages", exit_on_error=False)
    def load_passages(self, position: int, item: WatchItem) -> None:
        from briefer.desk.watch import watch_hits
        from briefer.library import IndexUnavailable, LibraryIndex, QueryError

        try:
            with LibraryIndex() as index:
                hits = watch_hits(index, self.folders, item)
        except (IndexUnavailable, QueryError) as exc:
            self.app.call_from_thread(self.rows.set_message, f"Cannot list them: {clean_text(str(exc))}")
            return
        self.app.call_from_thread(self._passages_read, position, item, hits)

    def _passages_read(self, position: int, item: WatchItem, hits: list[WatchHit]) -> None:
        if self.showing != position or self.found[position][0] != item:
            return  # the user went elsewhere meanwhile
        self.found[position] = (item, hits, self.found[position][2])
        self._show_hits(position)

    def _show_items(self, highlighted: int | None = None) -> None:
        self.showing = None
        if not self.found:
            self.rows.set_message(
                "Nothing watched yet: w on a person or place in the reader, or ctrl+b on a search."
            )
            self._status("")
            return
        rows = []
        for item, hits, new in self.found:
            label = Text(clean_text(item.name), style="bold")
            label.append(f"  {item.kind}", style="dim")
            label.append(f"  {len(hits)} briefing{'s' * (len(hits) != 1)}")
            if new:
                label.append(f"  {NEW_MARK} {len(new)} new", style="bold yellow")
            label.append("\n  " + clean_text(item.query), style="italic dim")
            rows.append(TextRow(label))
        self.rows.set_rows(RowLayout.of(rows, [True] * len(rows)))
        if highlighted is not None:
            self.rows.highlighted = highlighted
        fresh = sum(1 for _, _, new in self.found if new)
        self._status(
            f"{len(self.found)} watched · {fresh} with new briefings · enter lists, r renames, d removes"
        )

    def _show_hits(self, position: int) -> None:
        from briefer.desk.watch import mark_seen

        self.showing = position
        item, hits, new = self.found[position]
        rows: list[TextRow] = [TextRow(Text(f"{clean_text(item.name)}: {len(hits)} briefings", style="bold"))]
        for hit in hits:
            label = Text(f"{NEW_MARK} " if hit.path in new else "  ", style="bold yellow")
            label.append(f"{hit.date or '':10}  ", style="dim")
            label.append(clean_text(hit.title), style="bold" if hit.path in new else "")
            label.append("\n    " + clean_text(hit.passage), style="italic")
            rows.append(TextRow(label))
        self.rows.set_rows(RowLayout.of(rows, [False] + [True] * len(hits)))
        self._status("enter opens the briefing at the hit · esc back to the items")
        if new and self.app.store is not None:
            try:
                mark_seen(self.app.store, item)  # shown once as new; not new the next time
            except Exception as exc:  # a store that cannot save: the marks come back next time
                self.notify(clean_text(str(exc)), severity="warning", markup=False)

    def _status(self, text: str) -> None:
        self.query_one("#watch-status", Static).update(Text(text))

    @on(RowList.Selected, "#watch-rows")
    def _chosen(self, event: RowList.Selected) -> None:
        if self.showing is None:
            self.open_item(event.index)
            return
        item, hits, _ = self.found[self.showing]
        hit = hits[event.index - 1]
        if hit.end > hit.offset:
            self.app.open_briefing(hit.path, mention=(hit.offset, hit.end))
        else:  # named only by an alias the index knows: the reader searches the name
            self.app.open_briefing(hit.path, search=item.text.split()[-1] if item.kind != "search" else None)

    def action_back(self) -> None:
        name = self.query_one("#watch-name", Input)
        if name.has_class("-shown"):
            name.remove_class("-shown")
            self.rows.focus()
        elif self.showing is not None:
            position = self.showing
            item, hits, _ = self.found[position]
            self.found[position] = (item, hits, set())  # seen
            self._show_items(highlighted=position)
        else:
            self.app.pop_screen()

    def _current_item(self) -> int | None:
        if self.showing is not None:
            return self.showing
        highlighted = self.rows.highlighted
        return highlighted if highlighted is not None and highlighted < len(self.found) else None

    def action_rename(self) -> None:
        position = self._current_item()
        if position is None:
            return
        name = self.query_one("#watch-name", Input)
        name.value = self.found[position][0].name
        name.add_class("-shown")
        name.focus()

    @on(Input.Submitted, "#watch-name")
    def _renamed(self, event: Input.Submitted) -> None:
        from briefer.desk.watch import WatchError, rename_watch
        from briefer.notes.store import StoreError

        position = self._current_item()
        event.input.remove_class("-shown")
        self.rows.focus()
        if position is None or self.app.store is None:
            return
        try:
            rename_watch(self.app.store, self.found[position][0].id, event.value)
        except (WatchError, StoreError) as exc:
            self.notify(clean_text(str(exc)), severity="error", markup=False)
            return
        self.load()

    def action_remove(self) -> None:
        from briefer.ui.dialogs.confirm import ConfirmScreen

        position = self._current_item()
        if position is None or self.app.store is None:
            return
        item = self.found[position][0]

        def answered(yes: bool | None) -> None:
            from briefer.desk.watch import remove_watch
            from briefer.notes.store import StoreError

            if not yes or self.app.store is None:
                return
            try:
                remove_watch(self.app.store, item.id)
            except StoreError as exc:
                self.notify(clean_text(str(exc)), severity="error", markup=False)
                return
            self.showing = None
            self.load()

        question = f"Stop watching “{clean_text(item.name)}”?"
        self.app.push_screen(ConfirmScreen(question, yes="Remove", no="Keep"), answered)
