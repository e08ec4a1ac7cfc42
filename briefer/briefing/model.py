"""The Briefing: one loaded file, with every offset pointing into `body`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

BLOCK_KINDS = ("heading", "paragraph", "list_item", "quote", "table_cell", "code")


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
    blocks: tuple[Block, ...]
    sentences: tuple[tuple[int, int], ...]  # in text order, each inside one block
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
