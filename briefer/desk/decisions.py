"""Actors named and keyed, and the user's merge and split decisions applied to them.

A decision is user data (kept by the notes store's desk tables, exported with the notes): as
data it is `{"action": "merge", "keys": [...], "made": ISO}` or `{"action": "split", "key":
..., "names": [...], "made": ISO}`; `decision_item` and `decisions_from` convert. Decisions
apply in the order they were made, after the automatic grouping, every time: a split actor
stays split whatever the briefings say later.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from briefer.desk.identity import Group, folded
from briefer.library.analysed import EntityRecord

# The notes store's desk table that keeps the decisions (desk-state's tables: exported with the notes).
DECISIONS_TABLE = "actor-decisions"


@dataclass(frozen=True, slots=True)
class Merge:
    """These actors are one: the first key stays the actor's key."""

    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Split:
    """The records of actor `key` named one of `names` (any case, any diacritics) are an
    actor of their own, keyed `<kind>:<the first name folded>`."""

    key: str
    names: tuple[str, ...]


Decision = Merge | Split


def decision_item(decision: Decision, made: str) -> tuple[str, dict]:
    """The store item for `decision` (made at the ISO time `made`): its key and its data."""
    if isinstance(decision, Merge):
        data: dict = {"action": "merge", "keys": list(decision.keys), "made": made}
    else:
        data = {"action": "split", "key": decision.key, "names": list(decision.names), "made": made}
    digest = hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()[:12]
    return f"{data['action']}-{digest}", data


def decisions_from(table: Mapping[str, Mapping]) -> list[Decision]:
    """The decisions of a store table (item key -> data), oldest first; items that are not
    decisions (edited by hand, from a newer briefer) are skipped."""
    made = []
    for item_key, data in table.items():
        decision = _decision(data)
        if decision is not None:
            made.append((str(data.get("made", "")), item_key, decision))
    return [decision for _, _, decision in sorted(made, key=lambda entry: entry[:2])]


def _decision(data: Mapping) -> Decision | None:
    action = data.get("action")
    if action == "merge":
        keys = data.get("keys")
        if isinstance(keys, list) and len(keys) >= 2 and all(isinstance(key, str) for key in keys):
            return Merge(tuple(keys))
    elif action == "split":
        key, names = data.get("key"), data.get("names")
        if (
            isinstance(key, str)
            and isinstance(names, list)
            and names
            and all(isinstance(n, str) for n in names)
        ):
            return Split(key, tuple(names))
    return None


@dataclass(frozen=True, slots=True)
class NamedGroup:
    kind: str
    key: str  # "<kind>:<folded name>": stable while the name is the most used one
    name: str
    aliases: tuple[str, ...]
    forms: frozenset[str]  # every name folded: a stored key finds the actor by any of them
    members: tuple[int, ...]


@dataclass(slots=True)
class _Working:
    kind: str
    members: list[int]
    key: str | None  # set by a decision: kept whatever the names


def named_groups(
    groups: Sequence[Group], records: Sequence[EntityRecord], decisions: Iterable[Decision] = ()
) -> list[NamedGroup]:
    """`groups` with their names and keys, the decisions applied; keys are unique."""
    working = [_Working(group.kind, list(group.members), None) for group in groups]
    for decision in decisions:
        named = [_name(group, records) for group in working]
        if isinstance(decision, Merge):
            _merge(working, named, decision)
        else:
            working.extend(_split(working, named, decision, records))
    result = [_name(group, records) for group in working if group.members]
    return _unique(result)


def find_group(named: Sequence[NamedGroup], key: str) -> int | None:
    """The position of the actor a stored `key` means: the one with that key, else one known
    by that name (a key made when another spelling was the most used)."""
    for position, group in enumerate(named):
        if group.key == key:
            return position
    kind, _, name = key.partition(":")
    for position, group in enumerate(named):
        if group.kind == kind and name in group.forms:
            return position
    return None


def _merge(working: list[_Working], named: list[NamedGroup], decision: Merge) -> None:
    found = [find_group(named, key) for key in decision.keys]
    positions = list(dict.fromkeys(position for position in found if position is not None))
    if len(positions) < 2:
        return
    keeper = working[positions[0]]
    keeper.key = named[positions[0]].key if found[0] is not None else decision.keys[0]
    for position in positions[1:]:
        keeper.members.extend(working[position].members)
        working[position].members = []
    keeper.members.sort()


def _split(
    working: list[_Working], named: list[NamedGroup], decision: Split, records: Sequence[EntityRecord]
) -> list[_Working]:
    position = find_group(named, decision.key)
    if position is None:
        return []
    group = working[position]
    names = {folded(name) for name in decision.names}
    leaving = [number for number in group.members if folded(records[number].name) in names]
    if not leaving or len(leaving) == len(group.members):
        return []
    group.key = named[position].key
    group.members = [number for number in group.members if number not in set(leaving)]
    return [_Working(group.kind, leaving, f"{group.kind}:{folded(decision.names[0])}")]


def _name(group: _Working, records: Sequence[EntityRecord]) -> NamedGroup:
    """The full name used most, counting the briefings that spell its last word so (one says
    "Zelensky" alone, another "Volodymyr Zelenskyy": Zelensky wins the next one that writes
    "Volodymyr Zelensky"), then the longest, then the first alphabetically."""
    names: Counter[str] = Counter(records[number].name for number in group.members)
    others: Counter[str] = Counter(alias for number in group.members for alias in records[number].aliases)
    spellings: Counter[str] = Counter(
        folded(text).rsplit(" ", 1)[-1] for text in [*names.elements(), *others.elements()]
    )

    def preference(text: str) -> tuple[bool, int, int, str]:
        votes = names[text] + spellings[folded(text).rsplit(" ", 1)[-1]]
        return (" " not in text.strip(), -votes, -len(text), text)

    name = min(names, key=preference)
    shown = folded(name)
    aliases: dict[str, str] = {}  # folded -> as first written
    for text, _ in sorted((names + others).items(), key=lambda item: (-item[1], item[0])):
        form = folded(text)
        if form and form != shown:
            aliases.setdefault(form, text)
    forms = frozenset({shown, *aliases} - {""})
    key = group.key or f"{group.kind}:{shown}"
    return NamedGroup(group.kind, key, name, tuple(aliases.values()), forms, tuple(group.members))


def _unique(groups: list[NamedGroup]) -> list[NamedGroup]:
    """Two actors with one key (two people called the same, kept apart by a split): the later
    ones get `~2`, `~3`."""
    seen: Counter[str] = Counter()
    result = []
    for group in sorted(groups, key=lambda group: (group.key, group.members)):
        seen[group.key] += 1
        if seen[group.key] > 1:
            group = NamedGroup(
                group.kind,
                f"{group.key}~{seen[group.key]}",
                group.name,
                group.aliases,
                group.forms,
                group.members,
            )
        result.append(group)
    return result
