"""The desk: who and what across all briefings. No Textual.

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

Decisions (user data, kept by the notes store's desk tables): `Merge((key, key, ...))`
makes actors one (the first key stays), `Split(key, (name, ...))` takes the records of
actor `key` named so into an actor of their own (key "<kind>:<first name folded>").
`decision_item(decision, made_iso) -> (item_key, data)` to store one; `decisions_from(
store_table)` -> [Decision] oldest first, to pass as `decisions=`.

Identity across briefings is decided in `briefer.desk.identity` (full names, spellings,
roles, companions); see its docstring.
"""

from __future__ import annotations

from briefer.desk.actors import Actor, ActorPage, Appearance, NoteMention, Quote, Role, actor_page, actors
from briefer.desk.decisions import Decision, Merge, Split, decision_item, decisions_from
from briefer.desk.period import Period, PeriodError
from briefer.desk.places import Place, places
from briefer.desk.timeline import AgendaItem, DatedItem, agenda, timeline

__all__ = [
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
