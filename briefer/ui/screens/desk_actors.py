"""ACTORS: the period's people and organisations ranked by briefings, and an actor's page.

The list: each actor's name, kind, briefings, a per-day sparkline of mentions, the latest role
with its day and the latest quote. `enter` opens the actor's page (briefings newest first, quotes
with day and source, notes naming them), where `enter` opens the reader at that mention. `m`
merges (mark one actor, then `m` on the other), `s` splits names off an actor: decisions kept
in the notes store, applied every time the actors are read.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from textual import work
from textual.binding import Binding

from briefer.briefing.sanitize import clean_text
from briefer.desk.actors import (
    Actor,
    ActorPage,
    Appearance,
    Cast,
    NoteMention,
    Quote,
    actor_page,
    actors,
    cast,
)
from briefer.desk.decisions import DECISIONS_TABLE, Merge, Split, find_group
from briefer.desk.text import sparkline
from briefer.ui.attempt import attempt
from briefer.ui.screens.desk_view import (
    DEFAULT_DAYS,
    NEW_LINE,
    AtMention,
    AtNote,
    DeskRow,
    DeskView,
    heading_row,
)

SPARK_WIDTH = 15  # characters: a day each up to 15 days, then days summed per character
KINDS = {"person": "person", "organization": "organisation"}


def record_names(found: Cast, key: str) -> list[str]:
    """The names the period's briefings give actor `key` (what a split can take off), most used first."""
    position = find_group(found.groups, key)
    if position is None:
        return []
    names = Counter(found.records[number].name for number in found.groups[position].members)
    return [name for name, _ in sorted(names.items(), key=lambda item: (-item[1], item[0]))]


def actor_row(actor: Actor, marked: bool = False) -> DeskRow:
    """Two lines: name, kind, counts and sparkline; then the latest role and quote."""
    count = f"{actor.briefings} briefing{'s' if actor.briefings != 1 else ''}"
    first: list[tuple[str, str]] = [
        ("● " if marked else "", "bold"),
        (actor.name, "bold"),
        (f"  {KINDS.get(actor.kind, actor.kind)}", "dim"),
        (f"  {sparkline(actor.per_day, SPARK_WIDTH)}", ""),
        (f"  {count} · ×{actor.mentions}", "dim"),
    ]
    second: list[str] = []
    if actor.roles:
        second.append(f"{actor.roles[0].text}, {actor.roles[0].day}")
    if actor.latest_quote is not None:
        second.append(f"“{actor.latest_quote.text}”")
    parts = (*first, (NEW_LINE, ""), ("  " + (" · ".join(second) or "no role or quote seen"), "italic"))
    haystack = " ".join([actor.name, *actor.aliases, *(role.text for role in actor.roles)]).casefold()
    return DeskRow(parts, target=actor.key, haystack=haystack)


class ActorsScreen(DeskView):
    """ACTORS: who appears across the period's briefings."""

    TITLE = "ACTORS"
    EMPTY = "No people or organisations in the analysed briefings of this period: ] widens it."

    BINDINGS = [
        Binding("m", "merge", "Merge", id="actors-merge"),
        Binding("s", "split", "Split", id="actors-split"),
        Binding("w", "watch_actor", "Watch", id="actors-watch"),
        Binding("u", "undo_decision", "Undo merge/split", show=False, id="actors-undo"),
    ]

    def __init__(self, days: int | None = DEFAULT_DAYS) -> None:
        super().__init__(days)
        self.actors: dict[str, Actor] = {}
        self.marked: str | None = None  # the actor `m` marked, to merge the next one into

    def build_rows(self) -> list[DeskRow]:
        found = self.read(lambda r: actors(r.index, r.folders, r.period, r.decisions))
        self.actors = {actor.key: actor for actor in found}
        return [actor_row(actor, actor.key == self.marked) for actor in found]

    def describe(self, shown: list[DeskRow]) -> str:
        count = sum(1 for row in shown if row.target is not None)
        status = f"{count} actor{'s' if count != 1 else ''} · enter opens · m merges · s splits"
        if self.marked is not None and self.marked in self.actors:
            status = f"merging into {self.actors[self.marked].name}: m on the other actor, esc cancels"
        return status

    def choose(self, target: Any) -> None:
        self.app.push_screen(ActorPageScreen(target, self.days))

    def action_merge(self) -> None:
        key = self.current_target()
        if key is None:
            return
        if self.marked is None or self.marked not in self.actors:
            self.marked = key
            self.redraw()
            return
        if key == self.marked:
            self.marked = None
            self.redraw()
            return
        keeper, other = self.actors[self.marked], self.actors[key]
        self.marked = None
        if self.decide(Merge((keeper.key, other.key))):
            self.notify(f"{clean_text(other.name)} merged into {clean_text(keeper.name)}.", markup=False)
        self.reload()

    def action_undo_decision(self) -> None:
        """`u`: forget the latest merge or split (the actors are read again without it)."""
        store = self.app.store
        table = store.desk_table(DECISIONS_TABLE) if store is not None else {}
        if store is None or not table:
            self.notify("No merge or split to undo.")
            return
        latest = max(table, key=lambda key: (str(table[key].get("made", "")), key))
        if attempt(self, lambda: store.remove_desk_item(DECISIONS_TABLE, latest), "Not undone") is not None:
            self.notify(
                clean_text(
                    f"Undone: the {table[latest].get('action', 'decision')} made {table[latest].get('made', '')}."
                ),
                markup=False,
            )
            self.reload()

    def action_watch_actor(self) -> None:
        key = self.current_target()
        if key in self.actors:
            self.watch_entity(self.actors[key].name, "actor")

    def action_split(self) -> None:
        key = self.current_target()
        if key in self.actors:
            self.offer_split(self.actors[key])

    @work(thread=True, exclusive=True, group="desk-split", exit_on_error=False)
    def offer_split(self, actor: Actor) -> None:
        """`s`: the names the actor's briefings call them by (read in a worker), one to split off."""
        names = self.read(lambda r: record_names(cast(r.index, r.folders, r.period, r.decisions), actor.key))
        self.app.call_from_thread(self.pick_split, actor, names)

    def pick_split(self, actor: Actor, names: list[str]) -> None:
        from briefer.ui.dialogs.pick import PickDialog

        if len(names) < 2:
            self.notify(f"{clean_text(actor.name)} goes by one name: nothing to split off.", markup=False)
            return

        def split(name: str | None) -> None:
            if name is not None and self.decide(Split(actor.key, (name,))):
                self.notify(f"{clean_text(name)} split off {clean_text(actor.name)}.", markup=False)
                self.reload()

        self.app.push_screen(PickDialog(f"Split off {actor.name} the briefings naming:", names), split)

    def action_clear(self) -> None:
        if self.marked is not None:
            self.marked = None
            self.redraw()
            return
        super().action_clear()

    def redraw(self) -> None:
        """The mark moved: rows rebuilt from the actors in hand (no reading)."""
        self.rows = [actor_row(actor, actor.key == self.marked) for actor in self.actors.values()]
        self.refresh_list()


def appearance_row(item: Appearance) -> DeskRow:
    parts = [(item.day, "bold"), ("  " + item.title, "")]
    details = [value for value in (item.source, item.role) if value]
    details.append(f"×{item.mentions}")
    parts.append(("  " + " · ".join(details), "dim"))
    return DeskRow(
        tuple(parts),
        target=AtMention(item.path, item.start, item.end),
        haystack=f"{item.title} {item.source or ''} {item.role or ''}".casefold(),
    )


def quote_row(quote: Quote) -> DeskRow:
    parts = (
        (quote.day, "bold"),
        ("  “" + quote.text + "”", "italic"),
        (NEW_LINE, ""),
        ("  " + " · ".join(v for v in (quote.title, quote.source) if v), "dim"),
    )
    return DeskRow(
        parts,
        target=AtMention(quote.path, quote.start, quote.end),
        haystack=f"{quote.text} {quote.title}".casefold(),
    )


def note_row(note: NoteMention) -> DeskRow:
    tags = " ".join("#" + tag for tag in note.tags)
    text = note.text or "(highlight)"
    parts = (
        (note.created[:10], "bold"),
        ("  " + text, ""),
        (f"  {tags}" if tags else "", "dim"),
        (NEW_LINE, ""),
        ("  “" + note.exact + "” · " + note.title, "dim italic"),
    )
    return DeskRow(
        parts, target=AtNote(note.path, note.note_id), haystack=f"{note.text} {note.exact} {tags}".casefold()
    )


def page_rows(page: ActorPage) -> list[DeskRow]:
    rows = [heading_row(f"Briefings naming them: {len(page.briefings)}")]
    rows += [appearance_row(item) for item in page.briefings]
    rows.append(heading_row(f"Quotes: {len(page.quotes)}"))
    rows += [quote_row(quote) for quote in page.quotes]
    rows.append(heading_row(f"Notes naming them: {len(page.notes)}"))
    rows += [note_row(note) for note in page.notes]
    return rows


class ActorPageScreen(DeskView):
    """One actor: the briefings that name them, their quotes and the notes about them."""

    EMPTY = "No briefing of this period names them: ] widens it."

    BINDINGS = [Binding("t", "timeline", "Their timeline", id="actor-timeline")]

    def __init__(self, key: str, days: int | None) -> None:
        super().__init__(days)
        self.key = key
        self.page: ActorPage | None = None
        self.caption = key

    def build_rows(self) -> list[DeskRow]:
        notes = self.app.store.all_notes() if self.app.store is not None else []
        page = self.read(lambda r: actor_page(r.index, r.folders, r.period, self.key, r.decisions, notes))
        if page is None:
            return []
        self.caption = f"{page.actor.name} · {KINDS.get(page.actor.kind, page.actor.kind)}"
        self.page = page
        return page_rows(page)

    def describe(self, shown: list[DeskRow]) -> str:
        if self.page is None:
            return ""
        page = self.page
        return (
            f"{len(page.briefings)} briefings · {len(page.quotes)} quotes · {len(page.notes)} notes"
            " · enter reads there · n N sections"
        )

    def choose(self, target: Any) -> None:
        self.open_target(target)

    def action_timeline(self) -> None:
        """`t`: the TIMELINE of the briefings naming them, over the same period."""
        from briefer.ui.screens.desk_timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.days, who=self.key))
