"""Who is who across briefings: the people and organisations that each briefing's analysis
names, grouped into actors. Pure: records in, groups of records out.

People: every full name (two words or more) of a record, and the record's other names, are
one person (the extractor tied them in that briefing); full names with the same given name
and surnames spelt nearly alike (Zelensky, Zelenskiy, Zelenskyy) are one person, and so is
a full name whose given names are a short form or another spelling of one person's only
(Dan / Daniel, D. / Daniel, Sergey / Sergei; not Mario / Maria). A record that gives a
surname alone (or that the extractor took for an organisation: "Zelenskiy said") goes to
the one person with that surname; when several share it (namesakes), to the one whose roles
and companions (the others named in the same briefing) fit best, and to none (an actor of
its own) when nothing tells them apart. Organisations: the same folded name, acronym or
multi-word part of the name (never a one-word alias such as "Commission"). The
result does not depend on the records' order. The user's merge and split decisions are
applied after (`briefer.desk.decisions`).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from briefer.library.analysed import EntityRecord
from briefer.library.query import words_of

SPELLING_SIMILARITY = 0.85  # Zelensky / Zelenskiy: 0.94; Driscoll / Driscol: 0.93; Biden / Baden: 0.8
GIVEN_NAME_SIMILARITY = 0.8  # Sergei / Sergey: 0.83; the surname must be the same
SPELLING_MIN_LENGTH = 5  # shorter surnames must match exactly: Li and Lu are not one name
ROLE_SIMILARITY = 0.5  # the share of a role's words another role holds
DECISIVE = 1.5  # the best candidate must score this many times the second
_ROLE_FILLERS = {"the", "of", "for", "and", "to", "in", "on", "at", "a", "an", "s"}
_LEADING = {"the", "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof"}


@functools.lru_cache(maxsize=65_536)
def folded(name: str) -> str:
    """A name as compared: lower case, no diacritics nor punctuation, no leading "the" or
    honorific ("Mr"), no possessive "'s"."""
    words = words_of(name)
    if len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    if len(words) > 1 and words[-1] == "s" and "'" in name:
        words = words[:-1]
    return " ".join(words)


def alike(first: str, second: str) -> bool:
    """Two surnames spelt nearly alike (one letter or two of transliteration)."""
    if first == second:
        return True
    if min(len(first), len(second)) < SPELLING_MIN_LENGTH or first[0] != second[0]:
        return False
    return Indel.normalized_similarity(first, second) >= SPELLING_SIMILARITY


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            grand = self.parent[parent]
            self.parent[item] = grand
            item, parent = parent, grand
        return item

    def join(self, first: str, second: str) -> None:
        first, second = self.find(first), self.find(second)
        if first != second:
            self.parent[max(first, second)] = min(first, second)  # deterministic whatever the order


@dataclass(frozen=True, slots=True)
class Group:
    """Records (indices into the list given) found to be one actor."""

    kind: str
    members: tuple[int, ...]


def group_records(records: Sequence[EntityRecord]) -> list[Group]:
    """The records of people and organisations grouped into actors (each record in one
    group; records of other kinds are left out)."""
    people = [number for number, record in enumerate(records) if record.kind == "person"]
    organisations = [number for number, record in enumerate(records) if record.kind == "organization"]
    strays = _surnames_taken_for_organisations(records, people, organisations)
    organisations = [number for number in organisations if number not in strays]
    return [
        *_group_people(records, sorted([*people, *strays])),
        *_group_organisations(records, organisations),
    ]


def _surnames_taken_for_organisations(
    records: Sequence[EntityRecord], people: list[int], organisations: list[int]
) -> set[int]:
    """Organisations that are a person's surname alone ("Zelenskiy said", where the briefing
    gave no first name nearby): one word, not an acronym, spelt like the surname of a full
    name of the same briefing, or exactly like one of the period (Reuters stays an agency
    beside a Paul Reuter named elsewhere)."""
    surnames: set[str] = set()
    in_briefing: dict[int, set[str]] = defaultdict(set)
    for number in people:
        for form in _forms(records[number]):
            if " " in form:
                surname = form.rsplit(" ", 1)[1]
                surnames.add(surname)
                in_briefing[records[number].docid].add(surname)
    strays = set()
    for number in organisations:
        record = records[number]
        word = folded(record.name)
        if record.aliases or not word or " " in word or record.name.isupper():
            continue
        if word in surnames or any(alike(word, surname) for surname in in_briefing.get(record.docid, ())):
            strays.add(number)
    return strays


def _forms(record: EntityRecord) -> tuple[str, ...]:
    return _forms_of(record.name, record.aliases)


@functools.lru_cache(maxsize=65_536)
def _forms_of(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The names folded, once each (a period names the same people again and again)."""
    return tuple(form for form in dict.fromkeys(folded(text) for text in (name, *aliases)) if form)


def _group_organisations(records: Sequence[EntityRecord], numbers: list[int]) -> list[Group]:
    """One organisation per name, and per alias that surely names it too: its acronym, or
    a part of its name of two words or more. A one-word alias ("Commission") would join
    every commission of the period, and an alias that fits neither ("NASA" given to the
    SEC) is the extractor's slip: both are shown, neither joins."""
    union = _Union()
    roots = []
    for number in numbers:
        record = records[number]
        name = folded(record.name) or f"#{number}"
        roots.append(name)
        union.find(name)
        for alias in record.aliases:
            form = folded(alias)
            if form and form != name and _also_names(alias, form, name):
                union.join(name, form)
    groups: dict[str, list[int]] = defaultdict(list)
    for number, name in zip(numbers, roots, strict=True):
        groups[union.find(name)].append(number)
    return [Group("organization", tuple(members)) for members in groups.values()]


def _also_names(alias: str, form: str, name: str) -> bool:
    """`alias` (folded: `form`) is the acronym of `name` (folded), or a run of two words or
    more of it."""
    if " " in form:
        return f" {form} " in f" {name} "
    if not alias.replace(".", "").isupper():
        return False
    initials = "".join(word[0] for word in name.split())
    letters = iter(initials)
    return len(form) >= 2 and all(letter in letters for letter in form)  # in order, gaps allowed


def _group_people(records: Sequence[EntityRecord], numbers: list[int]) -> list[Group]:
    union = _Union()
    full_of: dict[int, list[str]] = {}
    for number in numbers:
        full = [form for form in _forms(records[number]) if " " in form]
        if full:
            full_of[number] = full
            for form in full[1:]:
                union.join(full[0], form)
    _join_spellings(union, {form for forms in full_of.values() for form in forms})
    people: dict[str, list[int]] = defaultdict(list)
    for number, full in full_of.items():
        people[union.find(full[0])].append(number)
    alone = [number for number in numbers if number not in full_of]
    placed, unplaced = _place_surnames(records, people, alone)
    for root, members in placed.items():
        people[root].extend(members)
    groups = [Group("person", tuple(sorted(members))) for members in people.values()]
    groups.extend(Group("person", tuple(members)) for members in unplaced)
    return groups


def _join_spellings(union: _Union, full_forms: set[str]) -> None:
    """Join full names with the same given name whose surnames are spelt nearly alike; then
    a full name whose given names are a short form or another spelling of one person's only
    (Dan, D., Tayyip Erdogan of Recep Tayyip Erdogan, Sergey of Sergei), to that person."""
    by_given: dict[str, set[str]] = defaultdict(set)
    by_surname: dict[str, set[str]] = defaultdict(set)
    for form in full_forms:
        by_given[form.split(" ", 1)[0]].add(form)
        by_surname[form.rsplit(" ", 1)[1]].add(form)
    for forms in by_given.values():
        ordered = sorted(forms)
        for position, form in enumerate(ordered):
            surname = form.rsplit(" ", 1)[1]
            for other in ordered[position + 1 :]:
                if alike(surname, other.rsplit(" ", 1)[1]):
                    union.join(form, other)
    for forms in by_surname.values():
        ordered = sorted(forms)
        for form in ordered:
            given = form.split()[:-1]
            roots = {
                union.find(other)
                for other in ordered
                if other != form and _short_for(given, other.split()[:-1])
            }
            roots.discard(union.find(form))
            if len(roots) == 1:  # two people it could be: a namesake's, left alone
                union.join(form, roots.pop())


def _short_for(given: list[str], fuller: list[str]) -> bool:
    """Given names that are a short form or another spelling of `fuller`'s: each an initial,
    a beginning (of three letters or more), a transliteration or the whole of one of them,
    and fewer or as many."""
    if len(given) > len(fuller):
        return False
    return all(
        any(
            name == other
            or (other.startswith(name) and (len(name) == 1 or len(name) >= 3))
            or _transliterated(name, other)
            for other in fuller
        )
        for name in given
    )


def _transliterated(first: str, second: str) -> bool:
    """Sergei and Sergey, Andrii and Andriy, Dmitry and Dmitri; not Maria and Mario (a
    feminine ending makes another person)."""
    if first[:2] != second[:2] or min(len(first), len(second)) < SPELLING_MIN_LENGTH:
        return False
    if first[-1] != second[-1] and "a" in (first[-1], second[-1]):
        return False
    return Indel.normalized_similarity(first, second) >= GIVEN_NAME_SIMILARITY


def _place_surnames(
    records: Sequence[EntityRecord], people: dict[str, list[int]], alone: list[int]
) -> tuple[dict[str, list[int]], list[list[int]]]:
    """Records naming someone by one word: each given to the person it fits (by root), or
    grouped with the other one-word records of the same spelling when none fits."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for root, members in people.items():
        for number in members:
            for form in _forms(records[number]):
                by_surname[form.rsplit(" ", 1)[-1]].add(root)
    by_letter: dict[str, list[str]] = defaultdict(list)  # alike surnames begin alike
    for surname in by_surname:
        by_letter[surname[0]].append(surname)
    evidence = _Evidence(records, people)
    placed: dict[str, list[int]] = defaultdict(list)
    leftover: dict[str, list[int]] = defaultdict(list)
    candidates_of: dict[str, set[str]] = {}
    for number in alone:
        word = folded(records[number].name) or f"#{number}"
        if word not in candidates_of:
            candidates_of[word] = {
                root for surname in by_letter[word[0]] if alike(word, surname) for root in by_surname[surname]
            }
        chosen = evidence.choose(number, sorted(candidates_of[word]))
        if chosen is None:
            leftover[word].append(number)
        else:
            placed[chosen].append(number)
    return placed, _spellings_together(leftover)


def _spellings_together(by_word: dict[str, list[int]]) -> list[list[int]]:
    union = _Union()
    words = sorted(by_word)
    for position, word in enumerate(words):
        union.find(word)
        for other in words[position + 1 :]:
            if alike(word, other):
                union.join(word, other)
    groups: dict[str, list[int]] = defaultdict(list)
    for word in words:
        groups[union.find(word)].extend(by_word[word])
    return [sorted(members) for members in groups.values()]


class _Evidence:
    """What tells namesakes apart: the roles each was given, and who else the briefings
    naming each name (their companions)."""

    def __init__(self, records: Sequence[EntityRecord], people: dict[str, list[int]]) -> None:
        self.records = records
        named_in: dict[int, set[str]] = defaultdict(set)
        for record in records:
            named_in[record.docid].update(_forms(record))
        self.named_in = named_in
        self.roles: dict[str, list[set[str]]] = {}
        self.companions: dict[str, Counter[str]] = {}
        for root, members in people.items():
            self.roles[root] = [_role_words(records[n].role) for n in members if records[n].role]
            counter: Counter[str] = Counter()
            for docid in {records[n].docid for n in members}:
                counter.update(named_in[docid])
            self.companions[root] = counter

    def choose(self, number: int, candidates: list[str]) -> str | None:
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        record = self.records[number]
        own = set(_forms(record))
        companions = self.named_in[record.docid] - own
        role = _role_words(record.role)
        scores = sorted(((self._score(root, role, companions), root) for root in candidates), reverse=True)
        (best, root), (second, _) = scores[0], scores[1]
        return root if best > 0 and best >= DECISIVE * second else None

    def _score(self, root: str, role: set[str], companions: set[str]) -> float:
        score = 0.0
        if role and any(len(role & seen) >= ROLE_SIMILARITY * len(role) for seen in self.roles[root]):
            score += 2.0
        met = self.companions[root]
        score += sum(1 for name in companions if met[name]) / (len(companions) or 1)
        return score


def _role_words(role: str | None) -> set[str]:
    """The words of a role that tell one apart ("leader of the union" and "minister of the
    interior" share no such word)."""
    return {word for word in words_of(role or "") if word not in _ROLE_FILLERS}
