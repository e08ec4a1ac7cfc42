"""Watch-lists: actors, places, words or phrases and saved searches the user follows.

An item is a record of the desk table "watch" (key: its id):

    {"kind": "actor" | "place" | "phrase" | "search", "text": what is watched,
     "name": what the user calls it, "created": ISO time}

Its hits come from the archive index: an actor through the analysis' person and
organisation rows (`who:`, any alias), a place through its place rows (`where:`), a
phrase through the full text, a saved search as the query it is. A hit is new when its
briefing's file arrived after the user last looked at the item (the "visits" table,
`watch:<id>`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from briefer.briefing.sanitize import clean_text, one_line
from briefer.desk.triage import VISIT_TABLE, arrival_times, last_visit, record_visit
from briefer.library.query import QueryError, compile_query
from briefer.notes.model import now_iso

WATCH_TABLE = "watch"
KINDS = ("actor", "place", "phrase", "search")
_PREFIXES = {"who:": "actor", "where:": "place"}
# Anything of the query language but plain words: such a text is a saved search.
_QUERY_SYNTAX = re.compile(r'[A-Za-z]+:\S|["()*]|(^|\s)-\S|\b(OR|NOT|AND)\b')
MAX_TEXT = 300


class WatchError(ValueError):
    """A watch item that cannot be made or found; the message is one line."""


@dataclass(frozen=True, slots=True)
class WatchItem:
    id: str
    kind: str
    text: str
    name: str
    created: str

    @property
    def query(self) -> str:
        """The archive query that finds the item's briefings."""
        quoted = '"' + self.text.replace('"', " ") + '"'
        if self.kind == "actor":
            return f"who:{quoted}"
        if self.kind == "place":
            return f"where:{quoted}"
        if self.kind == "phrase":
            return quoted
        return self.text

    @property
    def visit_key(self) -> str:
        return f"watch:{self.id}"


@dataclass(frozen=True, slots=True)
class WatchHit:
    """A briefing an item finds, with where in it (`offset` into its body) and the passage."""

    path: Path
    title: str
    date: str | None
    briefing_id: str | None
    offset: int
    end: int  # the hit is body[offset:end]; equal to offset when the index knows no place
    passage: str  # one line
    arrived: float | None  # the file's modification time


def infer_kind(text: str) -> tuple[str, str]:
    """(kind, text) for what the user typed: `who:NAME` an actor, `where:NAME` a place, a text
    with the query language's syntax a saved search, else a word or phrase."""
    stripped = " ".join(text.split())
    for prefix, kind in _PREFIXES.items():
        rest = stripped[len(prefix) :].strip().strip('"')
        if stripped.casefold().startswith(prefix) and rest and not _QUERY_SYNTAX.search(rest):
            return kind, rest
    return ("search" if _QUERY_SYNTAX.search(stripped) else "phrase"), stripped


def _item(key: str, record: dict) -> WatchItem | None:
    kind, text = record.get("kind"), record.get("text")
    if kind not in KINDS or not isinstance(text, str) or not text:
        return None  # a hand-edited record: left alone, not shown
    name = record.get("name") if isinstance(record.get("name"), str) else text
    return WatchItem(key, kind, text, name or text, str(record.get("created", "")))


def watch_items(store) -> list[WatchItem]:
    """The watch items, by name."""
    items = (_item(key, record) for key, record in store.desk_table(WATCH_TABLE).items())
    return sorted((i for i in items if i is not None), key=lambda i: (i.name.casefold(), i.id))


def add_watch(store, text: str, kind: str | None = None, name: str | None = None) -> WatchItem:
    """Watch `text` (kind given, or inferred: `infer_kind`); the same kind and text again gives
    the item already there."""
    if kind is not None and kind not in KINDS:
        raise WatchError(f"a watch item's kind is one of {', '.join(KINDS)}")
    typed = " ".join(clean_text(text).split())
    inferred, named = infer_kind(typed)
    if kind is None:
        kind, cleaned = inferred, named
    elif inferred in ("actor", "place") and kind in ("actor", "place"):
        cleaned = named  # `--kind actor who:Driscoll`: the name, not the prefix
    else:
        cleaned = typed  # a search or phrase is watched as typed
    if not cleaned or len(cleaned) > MAX_TEXT:
        raise WatchError(f"a watch item is 1-{MAX_TEXT} characters")
    item = WatchItem("", kind, cleaned, one_line(name or cleaned).strip() or cleaned, now_iso())
    try:
        compile_query(item.query)
    except QueryError as exc:
        raise WatchError(f"cannot watch {one_line(cleaned)[:60]!r}: {exc}") from None
    for known in watch_items(store):
        if (known.kind, known.text.casefold()) == (kind, cleaned.casefold()):
            return known
    item_id = f"w{secrets.token_hex(4)}"
    store.put_desk_item(
        WATCH_TABLE, item_id, {"kind": kind, "text": cleaned, "name": item.name, "created": item.created}
    )
    return WatchItem(item_id, kind, cleaned, item.name, item.created)


def find_watch(store, ref: str) -> WatchItem:
    """The item whose id or name (any case) is `ref`."""
    items = watch_items(store)
    for item in items:
        if item.id == ref:
            return item
    named = [item for item in items if item.name.casefold() == ref.strip().casefold()]
    if len(named) == 1:
        return named[0]
    if named:
        raise WatchError(f"{len(named)} watch items are named {one_line(ref)[:60]!r}: give the id")
    raise WatchError(f"no watch item {one_line(ref)[:60]!r} (see `briefer watch list`)")


def rename_watch(store, item_id: str, name: str) -> None:
    shown = one_line(clean_text(name)).strip()
    if not shown:
        raise WatchError("a watch item needs a name")

    def rename(current: dict | None) -> dict | None:
        if current is None:
            raise WatchError("this watch item was removed (in another window?)")
        return {**current, "name": shown}

    store.change_desk_item(WATCH_TABLE, item_id, rename)


def remove_watch(store, item_id: str) -> None:
    store.remove_desk_item(WATCH_TABLE, item_id)
    store.remove_desk_item(VISIT_TABLE, f"watch:{item_id}")


def watch_hits(
    index,
    folders: Iterable[str | Path],
    item: WatchItem,
    dated: tuple[date, date] | None = None,
    passages: bool = True,
) -> list[WatchHit]:
    """Every briefing `item` finds under `folders` (with `dated`: dated from its first to its
    last day), newest first, each with its first hit. Without `passages` (for counts: no text
    is read, about 3 times faster), every hit is at offset 0 with no passage."""
    query = item.query
    if dated is not None:
        query = f"({query}) after:{dated[0].isoformat()} before:{(dated[1] + timedelta(days=1)).isoformat()}"
    found = index.search(query, folders, limit=-1, snippets=passages)
    located = {}
    if passages and item.kind in ("actor", "place"):
        # who:/where: match the analysis' rows, which say no place in the text: the name's
        # last word, searched too, says where (a briefing naming only an alias keeps offset 0).
        last_word = item.text.replace('"', " ").split()[-1]
        located = {r.path: r for r in index.search(f'{query} "{last_word}"', folders, limit=-1)}
    times = arrival_times(result.path for result in found)
    hits = []
    for result in found:
        shown = located.get(result.path, result)
        offset, end = shown.hits[0] if shown.hits else (0, 0)
        hits.append(
            WatchHit(
                result.path,
                result.title,
                result.date,
                result.briefing_id,
                offset,
                end,
                one_line(shown.snippet),
                times.get(str(result.path)),
            )
        )
    hits.sort(key=lambda h: (h.date or "", str(h.path)), reverse=True)
    return hits


def new_hits(store, item: WatchItem, hits: list[WatchHit]) -> list[WatchHit]:
    """The hits whose briefing arrived after the user last looked at the item (all of them
    before the first look)."""
    since = last_visit(store, item.visit_key)
    return [h for h in hits if since is None or (h.arrived is not None and h.arrived > since)]


def mark_seen(store, item: WatchItem) -> None:
    """The user looked at the item's hits: they are no longer new."""
    record_visit(store, item.visit_key)


def items_by_briefing(index, folders: Iterable[str | Path], items: list[WatchItem]) -> dict[str, list[str]]:
    """The names of the items each briefing (by path) is a hit of: the library's marks."""
    marks: dict[str, list[str]] = {}
    for item in items:
        try:
            results = index.search(item.query, folders, limit=-1, snippets=False)
        except QueryError:
            continue
        for result in results:
            marks.setdefault(str(result.path), []).append(item.name)
    return marks


def hits_in_period(
    index, store, folders: Iterable[str | Path], start: date, end: date
) -> list[tuple[WatchItem, list[WatchHit]]]:
    """For the digest: each item (by name) with its hits whose briefing is dated from `start`
    to `end` (inclusive; an undated one by its file's day, with no place in it), newest first;
    items without hits are left out. `hit_sentence(hit)` gives each hit's sentence. The dates
    go into the query, so a week costs the week's hits, not the archive's."""
    folders = list(folders)
    period = []
    for item in watch_items(store):
        hits = watch_hits(index, folders, item, dated=(start, end)) + _undated_hits(
            index, folders, item, start, end
        )
        if hits:
            period.append((item, hits))
    return period


def _undated_hits(index, folders: list, item: WatchItem, start: date, end: date) -> list[WatchHit]:
    undated = [
        result for result in index.search(item.query, folders, limit=-1, snippets=False) if not result.date
    ]
    times = arrival_times(result.path for result in undated)
    hits = [WatchHit(r.path, r.title, None, r.briefing_id, 0, 0, "", times.get(str(r.path))) for r in undated]
    return [hit for hit in hits if start <= _day_of(hit) <= end]


def hit_sentence(hit: WatchHit) -> str:
    """The sentence of the briefing at the hit, on one line (the passage when the file cannot
    be read now)."""
    import yaml

    from briefer.briefing import BriefingError, load

    try:
        briefing = load(hit.path)
    except (BriefingError, OSError, ValueError, yaml.YAMLError):
        return hit.passage
    for start, end in briefing.sentences:
        if start <= hit.offset < end:
            return one_line(briefing.body[start:end]).strip()
    return hit.passage


def _day_of(hit: WatchHit) -> date:
    if hit.date:
        try:
            return date.fromisoformat(hit.date[:10])
        except ValueError:
            pass
    return datetime.fromtimestamp(hit.arrived).date() if hit.arrived is not None else date.min
