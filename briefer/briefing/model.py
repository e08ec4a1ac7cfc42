"""The Briefing: one loaded file, with every offset pointing into `body`."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, overload

BLOCK_KINDS = ("heading", "paragraph", "list_item", "quote", "table_cell", "code")
_Item = TypeVar("_Item")


@dataclass(frozen=True, slots=True)
class Block:
    """A leaf block as a span of `body`: blocks never overlap and come in text order.

    `kind` is one of BLOCK_KINDS; plain text gives only paragraphs. The span
    is trimmed to the block's text (no `#`, list or `>` marker at its start,
    no table pipe, no code fence, no surrounding whitespace).
    """

    kind: str
    start: int
    end: int
    level: int = 0  # heading level 1-6, list nesting depth, quote depth; 0 otherwise


class _Compact(Sequence[_Item]):
    """A read-only sequence kept as arrays of numbers: a briefing of a million one-line paragraphs
    has a million blocks and sentences, and as Python objects each costs about 100 bytes."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (_Compact, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=False))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class Spans(_Compact[tuple[int, int]]):
    """Sentence spans (start, end) of a body, in text order."""

    __slots__ = ("_offsets",)

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._offsets = array("q")
        for start, end in spans:
            self._offsets.append(start)
            self._offsets.append(end)

    def __len__(self) -> int:
        return len(self._offsets) // 2

    def __iter__(self) -> Iterator[tuple[int, int]]:
        offsets = iter(self._offsets)
        return zip(offsets, offsets, strict=True)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[int, int], ...]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | tuple[tuple[int, int], ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        i = _position(index, len(self))
        return self._offsets[2 * i], self._offsets[2 * i + 1]


class Blocks(_Compact[Block]):
    """The leaf blocks of a body, in text order."""

    __slots__ = ("_ends", "_kinds", "_levels", "_starts")

    def __init__(self, blocks: Iterable[Block] = ()) -> None:
        self._kinds, self._levels = array("B"), array("i")
        self._starts, self._ends = array("q"), array("q")
        for block in blocks:
            self._kinds.append(BLOCK_KINDS.index(block.kind))
            self._levels.append(block.level)
            self._starts.append(block.start)
            self._ends.append(block.end)

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[Block]:
        for kind, start, end, level in zip(self._kinds, self._starts, self._ends, self._levels, strict=True):
            yield Block(BLOCK_KINDS[kind], start, end, level)

    @overload
    def __getitem__(self, index: int) -> Block: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Block, ...]: ...
    def __getitem__(self, index: int | slice) -> Block | tuple[Block, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        i = _position(index, len(self))
        return Block(BLOCK_KINDS[self._kinds[i]], self._starts[i], self._ends[i], self._levels[i])


def span_starts(spans: Iterable[tuple[int, int]]) -> array[int]:
    """The start offsets of spans, for bisecting: 8 bytes each, where a list of ints takes 40."""
    return array("q", (start for start, _ in spans))


def _position(index: int, length: int) -> int:
    position = index + length if index < 0 else index
    if not 0 <= position < length:
        raise IndexError("index out of range")
    return position


@dataclass(frozen=True, slots=True)
class BriefingInfo:
    """What a library lists of a briefing: a Briefing's metadata, without its text."""

    id: str
    path: Path | None
    title: str
    date: str | None
    source: str | None
    word_count: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Briefing:
    id: str  # sha256 hex of the normalised body
    path: Path | None
    title: str
    date: str | None  # ISO YYYY-MM-DD from front matter or dateline, never today
    source: str | None
    url: str | None
    tags: tuple[str, ...]
    body: str
    blocks: Sequence[Block]  # Blocks when loaded
    sentences: Sequence[tuple[int, int]]  # Spans when loaded; in text order, each inside one block
    format: str = "text"  # "text" or "markdown"
    warnings: tuple[str, ...] = field(default=())  # things the user should know; the briefing still loaded

    @property
    def word_count(self) -> int:
        return count_words(self.body)

    @property
    def info(self) -> BriefingInfo:
        return BriefingInfo(
            id=self.id,
            path=self.path,
            title=self.title,
            date=self.date,
            source=self.source,
            word_count=self.word_count,
            warnings=self.warnings,
        )

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.body[start:end]


def count_words(text: str) -> int:
    """The word count a library lists: runs of non-space characters."""
    return len(text.split())


class BriefingError(Exception):
    """A file that cannot be read as a briefing; the message names file and reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")
