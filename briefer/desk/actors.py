"""ACTORS: the people and organisations of a period's briefings, one actor per real one, and
an actor's page (the briefings naming them, their quotes, the notes mentioning them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.desk.decisions import Decision, NamedGroup, find_group, named_groups
from briefer.desk.identity import folded, group_records
from briefer.desk.period import Period
from briefer.library import analysed
from briefer.library.analysed import EntityRecord, IndexedBriefing, QuoteRecord, Selection
from briefer.library.query import words_of

if TYPE_CHECKING:
    from briefer.library.index import LibraryIndex
    from briefer.notes.model import Note

ACTOR_KINDS = ("person", "organization")


@dataclass(frozen=True, slots=True)
class Role:
    text: str
    day: str  # the day of the briefing that gave it


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str  # as the briefing names them
    day: str
    title: str
    source: str | None
    path: Path
    briefing_id: str | None
    start: int  # offsets of the quote in the briefing's body: open the reader there
    end: int


@dataclass(frozen=True, slots=True)
class Actor:
    key: str  # "person:volodymyr zelensky": what decisions and watch items refer to
    name: str
    kind: str  # person or organization
    aliases: tuple[str, ...]  # the other names it goes by, most used first
    briefings: int  # briefings of the period naming it
    mentions: int
    roles: tuple[Role, ...]  # each role once, latest first
    per_day: tuple[int, ...]  # mentions on each day of the period, its first day first
    latest_quote: Quote | None
    forms: frozenset[str]  # every name folded


@dataclass(frozen=True, slots=True)
class Appearance:
    """A briefing naming an actor or a place, and where it first does."""

    path: Path
    title: str
    day: str
    source: str | None
    briefing_id: str | None
    start: int  # the first mention: open the reader there
    end: int
    mentions: int
    role: str | None  # the role this briefing gives (actors)


@dataclass(frozen=True, slots=True)
class NoteMention:
    note_id: str
    path: Path
    briefing_id: str
    title: str
    text: str
    exact: str  # the passage noted
    tags: tuple[str, ...]
    start: int  # the passage's offsets: open the reader there
    end: int
    created: str


@dataclass(frozen=True, slots=True)
class ActorPage:
    actor: Actor
    briefings: tuple[Appearance, ...]  # newest first
    quotes: tuple[Quote, ...]  # newest first
    notes: tuple[NoteMention, ...]  # newest first


@dataclass(slots=True)
class Cast:
    """The period's actors as read and grouped: what the views of actors share."""

    period: Period
    briefings: dict[int, IndexedBriefing]
    records: list[EntityRecord]
    groups: list[NamedGroup]
    quotes: list[QuoteRecord]
    slots: dict[int, int | None]  # each briefing's day as a position in the period

    def quote(self, record: QuoteRecord) -> Quote:
        briefing = self.briefings[record.docid]
        return Quote(
            record.text,
            record.speaker or "",
            briefing.day,
            briefing.title,
            briefing.source,
            briefing.path,
            briefing.briefing_id,
            record.start,
            record.end,
        )

    def quote_order(self, record: QuoteRecord) -> tuple[str, str, int]:
        briefing = self.briefings[record.docid]
        return (briefing.day, str(briefing.path), record.start)

    def resolve(self, text: str) -> list[int]:
        """The actors (positions in `groups`) that `text` means: a key, a name or alias, or a
        surname of a full name (every actor with that surname)."""
        exact = find_group(self.groups, text) if ":" in text else None
        if exact is not None:
            return [exact]
        form = folded(text)
        named = [position for position, group in enumerate(self.groups) if form in group.forms]
        if named:
            return named
        return [
            position
            for position, group in enumerate(self.groups)
            if any(name.rsplit(" ", 1)[-1] == form for name in group.forms)
        ]

    def docids(self, positions: Iterable[int]) -> set[int]:
        return {
            self.records[number].docid for position in positions for number in self.groups[position].members
        }


def cast(
    index: LibraryIndex,
    folders: Iterable[str | Path],
    period: Period,
    decisions: Iterable[Decision] = (),
    kinds: Sequence[str] = ACTOR_KINDS,
) -> Cast:
    selection = Selection(list(folders), period.first.isoformat(), period.last.isoformat())
    connection = index.connection
    records = analysed.entities(connection, selection, kinds)
    groups = named_groups(group_records(records), records, decisions)
    briefings = analysed.briefings(connection, selection)
    slots = {docid: period.day_index(briefing.day) for docid, briefing in briefings.items()}
    return Cast(period, briefings, records, groups, analysed.quotes(connection, selection), slots)


def actors(
    index: LibraryIndex,
    folders: Iterable[str | Path],
    period: Period,
    decisions: Iterable[Decision] = (),
    kinds: Sequence[str] = ACTOR_KINDS,
) -> list[Actor]:
    """The actors of the briefings of `period` under `folders`, most briefings first (then
    most mentions, then by name)."""
    found = cast(index, folders, period, decisions, kinds)
    quotes = _quotes_by_group(found)
    summaries = []
    for position in range(len(found.groups)):
        said = quotes.get(position)
        summaries.append(
            _actor(found, position, found.quote(max(said, key=found.quote_order)) if said else None)
        )
    return sorted(summaries, key=lambda actor: (-actor.briefings, -actor.mentions, actor.name, actor.key))


def actor_page(
    index: LibraryIndex,
    folders: Iterable[str | Path],
    period: Period,
    key: str,
    decisions: Iterable[Decision] = (),
    notes: Iterable[Note] = (),
) -> ActorPage | None:
    """Actor `key`'s page over `period` (None when no briefing of the period names them):
    the briefings naming them, their quotes, and the `notes` (all of the store's, say) that
    name them or hold one of their mentions."""
    found = cast(index, folders, period, decisions)
    position = find_group(found.groups, key)
    if position is None:
        return None
    said = sorted(_quotes_by_group(found).get(position, []), key=found.quote_order, reverse=True)
    quotes = [found.quote(record) for record in said]
    actor = _actor(found, position, quotes[0] if quotes else None)
    members = [found.records[number] for number in found.groups[position].members]
    appearances = appearances_of(members, found.briefings)
    spans = _spans_by_briefing(found, position)
    return ActorPage(actor, tuple(appearances), tuple(quotes), tuple(_notes_naming(actor, spans, notes)))


def appearances_of(
    records: Iterable[EntityRecord], briefings: dict[int, IndexedBriefing]
) -> list[Appearance]:
    """One appearance a briefing, newest first, at its first mention, with the mentions added
    up: an actor or a place may be two records of one briefing ("Zelensky" and "Zelenskiy")."""
    by_briefing: dict[int, Appearance] = {}
    for record in records:
        start, end = record.first
        seen = by_briefing.get(record.docid)
        if seen is not None:
            first = min((seen.start, seen.end), (start, end))
            by_briefing[record.docid] = replace(
                seen,
                start=first[0],
                end=first[1],
                mentions=seen.mentions + record.mentions,
                role=seen.role or record.role,
            )
            continue
        briefing = briefings[record.docid]
        by_briefing[record.docid] = Appearance(
            briefing.path,
            briefing.title,
            briefing.day,
            briefing.source,
            briefing.briefing_id,
            start,
            end,
            record.mentions,
            record.role,
        )
    return sorted(by_briefing.values(), key=lambda item: (item.day, str(item.path)), reverse=True)


def _actor(found: Cast, position: int, latest_quote: Quote | None) -> Actor:
    group = found.groups[position]
    per_day = [0] * found.period.days
    roles: dict[str, Role] = {}
    docids = set()
    mentions = 0
    for number in group.members:
        record = found.records[number]
        day = found.briefings[record.docid].day
        docids.add(record.docid)
        mentions += record.mentions
        slot = found.slots[record.docid]
        if slot is not None:
            per_day[slot] += record.mentions or 1
        if record.role:
            role_key = folded(record.role)
            if role_key not in roles or roles[role_key].day < day:
                roles[role_key] = Role(record.role, day)
    ordered_roles = sorted(roles.values(), key=lambda role: (role.day, role.text), reverse=True)
    return Actor(
        group.key,
        group.name,
        group.kind,
        group.aliases,
        len(docids),
        mentions,
        tuple(ordered_roles),
        tuple(per_day),
        latest_quote,
        group.forms,
    )


def _quotes_by_group(found: Cast) -> dict[int, list[QuoteRecord]]:
    """Each actor's quotes: a quote's speaker is a name of its own briefing."""
    speakers: dict[tuple[int, str], int] = {}
    for position, group in enumerate(found.groups):
        for number in group.members:
            record = found.records[number]
            speakers[(record.docid, record.name)] = position
    by_group: dict[int, list[QuoteRecord]] = defaultdict(list)
    for quote in found.quotes:
        speaker = speakers.get((quote.docid, quote.speaker)) if quote.speaker else None
        if speaker is not None:
            by_group[speaker].append(quote)
    return by_group


def _spans_by_briefing(found: Cast, position: int) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number in found.groups[position].members:
        record = found.records[number]
        briefing_id = found.briefings[record.docid].briefing_id
        if briefing_id:
            spans[briefing_id].extend(record.spans())
    return spans


def _notes_naming(
    actor: Actor, spans: dict[str, list[tuple[int, int]]], notes: Iterable[Note]
) -> list[NoteMention]:
    """The notes whose text or passage names the actor, or whose passage holds a mention."""
    found = []
    for note in notes:
        target = note.target
        holds = any(
            target.start <= start and end <= target.end for start, end in spans.get(note.briefing_id, ())
        )
        if not holds:
            words = f" {' '.join(words_of(note.text + ' ' + target.exact))} "
            holds = any(f" {form} " in words for form in actor.forms)
        if holds:
            found.append(
                NoteMention(
                    note.id,
                    Path(note.briefing_path),
                    note.briefing_id,
                    note.briefing_title,
                    note.text,
                    target.exact,
                    tuple(note.tags),
                    target.start,
                    target.end,
                    note.created,
                )
            )
    found.sort(key=lambda mention: (mention.created, mention.note_id), reverse=True)
    return found
