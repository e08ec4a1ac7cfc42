"""Block structure of a body: markdown via markdown-it-py, plain text by lines.

Blocks are leaf blocks: they never overlap and never nest, so paragraph
navigation and sentences have one block to stay in. A paragraph inside a
list item is a `list_item` block, inside a block quote a `quote` block (the
innermost container decides). Every span is trimmed to its text: it starts
after heading hashes, list markers and quote markers and ends before
trailing whitespace and a closing `#` sequence; fences and table pipes stay
outside. Markers of the second and later lines of a quoted or listed
paragraph (`> `, indentation) stay inside the span because spans are
contiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from briefer.briefing.model import Block

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
_WRAP_MIN = 50  # narrower groups are short lines (headers, addresses), not wrapped prose
_WRAP_MAX = 100  # wider lines are unwrapped paragraphs, one per line
_SENTENCE_ENDS = tuple(".!?:\"'”’)")
_TEXT_LINE = re.compile(r"^.*\S.*$", re.M)  # a line that is not blank (`.` stops at "\n" only)
_LIST_LINE = re.compile(r"(?:[-*•]|\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+)\s")
_CONTAINER_PREFIX = re.compile(r"[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))?[ \t]*")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """The parser, imported on first use: plain-text briefings never need it (75 ms of start-up,
    on the way to a long briefing's analysis)."""
    from markdown_it import MarkdownIt

    # commonmark + tables; no linkify, and no typographer: its smartquotes are
    # quadratic (research/reliability.md 5.2). Raw HTML stays text.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


class _Lines:
    """Line starts of a text, for markdown-it's line-based maps."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def span(self, line: int) -> tuple[int, int]:
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return start, end

    def line(self, line: int) -> str:
        start, end = self.span(line)
        return self.text[start:end]


def markdown_blocks(body: str) -> list[Block]:
    lines = _Lines(body)
    blocks: list[Block] = []
    containers: list[str] = []  # "quote" / "list_item", outermost first
    pending_heading = 0
    tokens = _markdown().parse(body)
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "blockquote_open":
            containers.append("quote")
        elif kind == "list_item_open":
            containers.append("list_item")
        elif kind in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif kind == "heading_open":
            pending_heading = int(token.tag[1])
        elif kind == "inline" and token.map is not None:
            parent = tokens[index - 1].type
            if parent == "heading_open":
                block = _heading(lines, token, pending_heading)
            elif parent == "paragraph_open":
                container = containers[-1] if containers else "paragraph"
                level = containers.count(container) if containers else 0
                block = _paragraph(lines, token, container, level)
            else:  # th_open / td_open: table cells are found per row
                continue
            if block:
                blocks.append(block)
        elif kind == "tr_open" and token.map is not None:
            blocks.extend(_table_cells(lines, tokens, index))
        elif kind in ("fence", "code_block") and token.map is not None:
            block = _code(lines, token)
            if block:
                blocks.append(block)
    return blocks


def _trimmed(text: str, start: int, end: int, kind: str, level: int) -> Block | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(kind, start, end, level) if end > start else None


def _first_line_start(lines: _Lines, line: int, content_line: str) -> int:
    """Where `content_line` (markdown-it's text of the line) starts in the body."""
    start, _ = lines.span(line)
    raw = lines.line(line).rstrip()
    content_line = content_line.strip()
    if content_line and raw.endswith(content_line):
        return start + len(raw) - len(content_line)
    return start + _match_end(_CONTAINER_PREFIX, raw)


def _paragraph(lines: _Lines, token, kind: str, level: int) -> Block | None:
    first, last = token.map[0], token.map[1] - 1
    start = _first_line_start(lines, first, token.content.split("\n", 1)[0])
    _, end = lines.span(last)
    return _trimmed(lines.text, start, end, kind, level)


def _heading(lines: _Lines, token, level: int) -> Block | None:
    first, last = token.map[0], token.map[1] - 1  # setext: the inline map leaves out the underline
    content = token.content
    if not content:
        return None
    if first == last:  # ATX: "## Title ##"; the content is what lies between the markers
        line_start, _ = lines.span(first)
        found = lines.line(first).rfind(content)
        if found >= 0:
            return Block("heading", line_start + found, line_start + found + len(content), level)
    start = _first_line_start(lines, first, content.split("\n", 1)[0])
    _, end = lines.span(last)
    return _trimmed(lines.text, start, end, "heading", level)


def _code(lines: _Lines, token) -> Block | None:
    first, last = token.map[0], token.map[1] - 1
    if token.type == "fence":
        # The content lines follow the opening fence; a closing fence may be missing.
        first += 1
        last = first + token.content.count("\n") - 1
    if last < first:
        return None
    start, _ = lines.span(first)
    _, end = lines.span(last)
    return _trimmed(lines.text, start, end, "code", 0)


def _table_cells(lines: _Lines, tokens: list, row_index: int) -> Iterator[Block]:
    """Cells of one table row, found in order in the row's line."""
    line = tokens[row_index].map[0]
    line_start, _ = lines.span(line)
    raw = lines.line(line)
    pos = len(raw) - len(raw.lstrip(" \t>"))
    for index in range(row_index + 1, len(tokens)):
        token = tokens[index]
        if token.type == "tr_close":
            break
        if token.type != "inline" or not token.content:
            continue
        # markdown-it drops the backslash of an escaped pipe inside a cell.
        cell = token.content.replace("|", "\\|")
        found = raw.find(cell, pos)
        if found < 0:
            continue
        pos = found + len(cell)
        yield Block("table_cell", line_start + found, line_start + pos, 0)


def text_blocks(body: str) -> Iterator[Block]:
    """Plain-text paragraphs.

    Blank lines separate paragraphs. Inside a group of lines, a line break
    also ends a paragraph unless the text is hard-wrapped: the group is
    narrow (no line over _WRAP_MAX characters, the widest at least
    _WRAP_MIN), its lines mostly end mid-sentence, and the line was full,
    i.e. the next line's first word would not have fitted after it. A file with one paragraph per line (long
    lines, no blank lines) thus gives one block per line, and short lines
    such as a report's header give one block each.
    """
    group: list[tuple[int, int]] = []  # consecutive lines with text
    for line in _TEXT_LINE.finditer(body):
        start, end = line.span()
        if group and start != group[-1][1] + 1:  # a blank line lies between
            yield from _group_blocks(body, group)
            group = []
        group.append((start, end))
    yield from _group_blocks(body, group)


def _group_blocks(body: str, lines: list[tuple[int, int]]) -> Iterator[Block]:
    if len(lines) <= 1:  # most often one line: a paragraph without the wrapping test's cost
        block = _trimmed(body, *lines[0], "paragraph", 0) if lines else None
        if block:
            yield block
        return
    widths = [len(body[a:b].rstrip()) for a, b in lines]
    width = max(widths)
    # Wrapped prose breaks lines mid-sentence; lines that nearly all end a
    # sentence are one paragraph (or list entry) each, however short.
    ended = sum(1 for a, b in lines[:-1] if body[a:b].rstrip().endswith(_SENTENCE_ENDS))
    wrapped = _WRAP_MIN <= width <= _WRAP_MAX and ended < 0.8 * (len(lines) - 1)
    start = lines[0][0]
    for i, (_, line_end) in enumerate(lines):
        if i + 1 < len(lines):
            next_line = body[lines[i + 1][0] : lines[i + 1][1]].lstrip()
            next_word = len(next_line.split(None, 1)[0])
            if wrapped and widths[i] + 1 + next_word > width and not _LIST_LINE.match(next_line):
                continue  # a wrapped line: the paragraph goes on
        block = _trimmed(body, start, line_end, "paragraph", 0)
        if block:
            yield block
        if i + 1 < len(lines):
            start = lines[i + 1][0]


def plain_text(fragment: str) -> str:
    """Inline markdown as the words a reader sees: "**Bold** [link](u)" -> "Bold link"."""
    parts = []
    for token in _markdown().parseInline(fragment):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts)


def _match_end(pattern: re.Pattern[str], text: str) -> int:
    """Where `pattern`, which also matches the empty string, ends at the start of `text`."""
    found = pattern.match(text)
    return found.end() if found else 0
