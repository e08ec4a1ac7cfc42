"""The Analysis: the object `briefer extract --json` prints, typed as it flows.

TypedDicts rather than classes: the analysis is written to and read back from
JSON (the cache, the child process, the command), and plain dicts keep that
round trip free and the command's output byte for byte what it was. The keys,
and their order, are the contract of `docs/extract-json.md`.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

SCHEMA = "briefer.extract/1"

Span = list[int]  # [start, end]: character offsets into the briefing's body


class BriefingRef(TypedDict):
    path: str | None
    title: str | None
    date: str | None  # the reference date used, YYYY-MM-DD
    id: str


class Who(TypedDict):
    name: str
    kind: str  # "person", "organization" or "group"
    role: str | None
    aliases: list[str]
    mentions: list[Span]


class Where(TypedDict):
    name: str
    aliases: list[str]
    mentions: list[Span]


class When(TypedDict):
    text: str
    value: str | None  # a date, month, year, week, quarter, ISO duration, *_REF, or None
    start: int
    end: int


class What(TypedDict):
    """A lede, a quote (with its speaker's name, or None) or an event (with its actors)."""

    kind: Literal["lede", "quote", "event"]
    text: str
    actors: NotRequired[list[str]]  # events only
    start: int
    end: int
    speaker: str | None


class Analysis(TypedDict):
    schema: str
    briefing: BriefingRef
    who: list[Who]
    where: list[Where]
    when: list[When]
    what: list[What]
