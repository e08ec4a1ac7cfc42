"""The desk: who and what across all briefings, what is new, what is watched. No Textual.

Everything here reads the archive index's analyses (`LibraryIndex.refresh(folders,
analyse=True)` fills them; a briefing not analysed yet is not seen). One `LibraryIndex` per
thread, as always; every call may raise `IndexUnavailable`. Offsets (`start`, `end`) are
character offsets into the briefing's body: open the reader at `path` there.

    period = Period.last_days(7)                     # default: the last 7 days, today included
    period = Period.parse(since="yesterday", until=None)   # today, yesterday, YYYY-MM-DD, 7d, 30d
        # raises PeriodError (str: one line); period.widened(), period.narrowed(), period.days

    found = actors(index, folders, period, decisions=())      # [Actor], most briefings first
        # Actor(key, name, kind, aliases, briefings, mentions, roles: (Role(text, day), ...)
        # latest first, per_day: mentions per day of the period (first day first: a
        # sparkline), latest_quote: Quote | None, forms). key ("person:volodymyr zelensky")
        # is what decisions and watch items store; any of the actor's names finds it again.
    page = actor_page(index, folders, period, key, decisions=(), notes=store.all_notes())
        # ActorPage(actor, briefings: (Appearance(path, title, day, source, briefing_id,
        # start, end, mentions, role), ...) newest first, quotes: (Quote(text, speaker, day,
        # title, source, path, briefing_id, start, end), ...) newest first, notes:
        # (NoteMention(note_id, path, briefing_id, title, text, exact, tags, start, end,
        # created), ...) newest first); None when no briefing of the period names them.

    items = timeline(index, folders, period, who=None, where=None, tag=None, decisions=())
        # [DatedItem(day, value, text, sentence, path, title, briefing_day, source,
        # briefing_id, start, end)] in date order; who: a key, name or surname; where: a
        # place's name; tag: a notes tag (and the tags under it).
    coming = agenda(index, folders, today=None, period=None, decisions=())
        # [AgendaItem(day, value, event, briefings, items)]: dated expressions resolving
        # after today in the briefings of `period` (default: the last 30 days), by date
        # and event ("summit", "vote"...), with how many briefings mention each.
    where = places(index, folders, period)
        # [Place(key, name, aliases, briefings, mentions, per_day, appearances)]

    from briefer.desk.digest import write_digest     # the morning digest (desk-views)
    markdown = write_digest(index, store, folders, period, export_dir, out)
        # new briefings by day, watch hits, the period's notes by tag (citations link to the
        # export's block ids in export_dir), top actors, the next two weeks' agenda; written
        # atomically to `out` (links relative to its folder) or, with out=None, only returned

Shown as text (`briefer.desk.text`): `sparkline(actor.per_day, width)` (one block character
a day, days summed when there are more than `width`), `as_data(result)` (JSON-ready: paths
as strings; what `--json` prints).

Decisions (user data, kept by the notes store's desk tables): `Merge((key, key, ...))`
makes actors one (the first key stays), `Split(key, (name, ...))` takes the records of
actor `key` named so into an actor of their own (key "<kind>:<first name folded>").
`decision_item(decision, made_iso) -> (item_key, data)` to store one; `decisions_from(
store_table)` -> [Decision] oldest first, to pass as `decisions=`.

Desk tables (desk-state): named tables of small records keyed by string, in the notes
store, durable like notes (atomic write under the store's lock, another process's saves
re-read first, read-only respected), exported with the notes and imported back:

    store.desk_table(name) -> dict[str, dict]      # every record by key (a copy)
    store.desk_item(name, key) -> dict | None
    store.put_desk_item(name, key, data) -> dict   # replace one record; on disk on return
    store.put_desk_items(name, {key: data_or_None}) -> bool   # one write; None removes
    store.remove_desk_item(name, key) -> dict | None
    store.change_desk_item(name, key, change)      # read-modify-write under the lock:
        # change(current or None) -> new record or None; returns the old record
    store.change_token()                           # moves when any window saved a table

    Table names: a-z, 0-9, '_', '-' (1-40). Records: JSON objects; strings are cleaned of
    controls. Tables in use: "read" and "flags" and "visits" (`triage`), "watch"
    (`watch`); the actor merge/split decisions in "actor-decisions" (`DECISIONS_TABLE`).

Identity across briefings is decided in `briefer.desk.identity` (full names, spellings,
roles, companions); see its docstring.

Triage (`briefer.desk.triage`): read state per briefing id, flags, last visits.

    triage = load_triage(store)                 # Triage(read, flagged, since), one read
    triage.is_unread(briefing_id); triage.is_flagged(briefing_id)
    triage.is_new(arrival_times(paths)[path])   # arrived (file mtime) after the last visit
    set_state(store, briefing_id, "opened" | "read" | "marked" | None)   # None: unread
    set_flag(store, briefing_id, flagged); record_visit(store, "library")
    day_headings(days_in_row_order, today) -> {row index: "Today" | "Yesterday" | "Fri 2026-02-27"}

Watch-lists (`briefer.desk.watch`): items of kind actor, place, phrase or search.

    items = watch_items(store)                  # [WatchItem(id, kind, text, name, created)]
    item = add_watch(store, "who:Driscoll")     # kind inferred (or kind=...); WatchError
    rename_watch(store, item.id, name); remove_watch(store, item.id); find_watch(store, ref)
    hits = watch_hits(index, folders, item)     # [WatchHit(path, title, date, briefing_id,
        # offset, end, passage, arrived)], newest first; offsets into the body (open the reader there)
    new_hits(store, item, hits); mark_seen(store, item)   # "new since the last look", per item
    items_by_briefing(index, folders, items) -> {path: [item names]}   # the library's marks
    hits_in_period(index, store, folders, start, end) -> [(WatchItem, [WatchHit])]   # digest
    hit_sentence(hit) -> str                    # the hit's sentence, one line
"""

from __future__ import annotations

from briefer.desk.actors import Actor, ActorPage, Appearance, NoteMention, Quote, Role, actor_page, actors
from briefer.desk.decisions import DECISIONS_TABLE, Decision, Merge, Split, decision_item, decisions_from
from briefer.desk.period import Period, PeriodError
from briefer.desk.places import Place, places
from briefer.desk.timeline import AgendaItem, DatedItem, agenda, timeline

__all__ = [
    "DECISIONS_TABLE",
    "Actor",
    "ActorPage",
    "AgendaItem",
    "Appearance",
    "DatedItem",
    "Decision",
    "Merge",
    "NoteMention",
    "Period",
    "PeriodError",
    "Place",
    "Quote",
    "Role",
    "Split",
    "actor_page",
    "actors",
    "agenda",
    "decision_item",
    "decisions_from",
    "places",
    "timeline",
]
