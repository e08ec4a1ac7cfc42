"""Markdown as a reader sees it: the body with its markers hidden or replaced, mapped back to the body.

The document view draws `DisplayText.text`, made of `body` with edits
applied (`**` hidden, `- ` shown as `• `, `>` as `▎`, table pipes as aligned
columns). Characters keep their order, so body offsets map to display
indices and back with a bisect over the edits: selections, notes and search
hits, all body spans, land on the characters they name. Inline markers are
found by aligning markdown-it's inline tokens with the source; a block whose
tokens do not align is left as written rather than guessed at.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len

from briefer.briefing import Briefing

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

BULLET = "•"
QUOTE_BAR = "▎"
COLUMN_BAR = " │ "
RULE = "─"

STYLE_CLASSES = {
    "strong": "document-view--strong",
    "em": "document-view--emphasis",
    "code": "document-view--code",
    "link": "document-view--link",
}

# Between two inline tokens the source holds only line breaks and the next line's container markers.
_SKIPPABLE = frozenset(" \t\n>\\")


@dataclass(frozen=True, slots=True)
class Edit:
    """body[start:end] is shown as `text` (start < end)."""

    start: int
    end: int
    text: str = ""


class DisplayText:
    """What the document view draws, and where each displayed character lies in `body`.

    Displayed characters keep body order; one shown in place of a marker
    (an edit's text) stands at the marker's start.
    """

    def __init__(self, body: str, edits: list[Edit] | None = None):
        self.edits = edits or []
        self._starts = [edit.start for edit in self.edits]
        self._display_starts: list[int] = []
        parts: list[str] = []
        pos = shown = 0
        for edit in self.edits:
            parts.append(body[pos : edit.start])
            shown += edit.start - pos
            self._display_starts.append(shown)
            parts.append(edit.text)
            shown += len(edit.text)
            pos = edit.end
        self.text = "".join([*parts, body[pos:]]) if self.edits else body

    def to_display(self, offset: int) -> int:
        """The first display index showing body at or after `offset`."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        edit, shown = self.edits[index], self._display_starts[index]
        if offset == edit.start:
            return shown
        after = shown + len(edit.text)
        return after if offset < edit.end else after + offset - edit.end

    def to_body(self, index: int) -> int:
        """The body offset of the character displayed at `index`."""
        found = bisect_right(self._display_starts, index) - 1
        if found < 0:
            return index
        edit, shown = self.edits[found], self._display_starts[found]
        if index < shown + len(edit.text):
            return edit.start
        return edit.end + index - shown - len(edit.text)


@dataclass(frozen=True, slots=True)
class MarkdownDisplay:
    display: DisplayText
    styles: list[tuple[int, int, str]]  # body spans: strong, emphasis, code, link text

    @property
    def marker_spans(self) -> list[tuple[int, int, str]]:
        """The markers the rendered view hides or replaces, to dim them in the raw view."""
        return [(edit.start, edit.end, "document-view--markup") for edit in self.display.edits]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # As the loader's parser, but escapes and entities stay separate tokens, so every
    # text token's content is its source verbatim.
    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("text_join")


def render_markdown(briefing: Briefing) -> MarkdownDisplay:
    builder = _Builder(briefing)
    builder.walk(_parser().parse(briefing.body))
    return MarkdownDisplay(DisplayText(briefing.body, builder.edits()), builder.styles)


class _Builder:
    def __init__(self, briefing: Briefing):
        self.body = body = briefing.body
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", body)]
        self.block_starts = [block.start for block in briefing.blocks]
        self._edits: list[Edit] = []
        self.styles: list[tuple[int, int, str]] = []
        self.quoted_lines: set[int] = set()
        self.floor = 0  # where the next inline token's text may start

    def line_span(self, line: int) -> tuple[int, int]:
        start = self.line_starts[line]
        end = self.line_starts[line + 1] - 1 if line + 1 < len(self.line_starts) else len(self.body)
        return start, end

    def edits(self) -> list[Edit]:
        for line in sorted(self.quoted_lines):
            start, _ = self.line_span(line)
            for pos in range(start, self.after_containers(line)[0]):
                if self.body[pos] == ">":
                    self._edits.append(Edit(pos, pos + 1, QUOTE_BAR))
        kept: list[Edit] = []
        for edit in sorted(self._edits, key=lambda e: e.start):
            if not kept or edit.start >= kept[-1].end:
                kept.append(edit)
        return kept

    def walk(self, tokens: list) -> None:
        table: tuple[list[int], int] | None = None
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "blockquote_open" and token.map:
                self.quoted_lines.update(range(*token.map))
            elif kind == "list_item_open" and token.map and token.markup in ("-", "+", "*"):
                self._bullet(token.map[0], token.markup)
            elif kind == "hr" and token.map:
                start, end = self.after_containers(token.map[0])
                if end > start:
                    self._edits.append(Edit(start, end, RULE * 24))
            elif kind == "inline" and token.map:
                self._inline(token, tokens[index - 1])
            elif kind == "table_open" and token.map:
                table = (token.map, len(self._edits))
            elif kind == "table_close" and table is not None:
                self._table(*table)
                table = None

    def _bullet(self, line: int, marker: str) -> None:
        start, end = self.line_span(line)
        found = self.body.find(marker, max(start, self.floor), end)
        if found >= 0:
            self._edits.append(Edit(found, found + 1, BULLET))
            self.floor = found + 1

    def _inline(self, token, parent) -> None:
        line_start, line_end = self.line_span(token.map[0])
        floor = max(line_start, self.floor)
        # The block's text starts after any marker (`#`, `- `, `> `, `|`): align from there.
        next_block = bisect_left(self.block_starts, floor)
        if next_block < len(self.block_starts) and self.block_starts[next_block] <= line_end:
            floor = self.block_starts[next_block]
        _, region_end = self.line_span(token.map[1] - 1)
        aligned = _align(self.body, token.children or [], floor, region_end)
        if aligned is None:
            self.floor = floor + 1  # past this block: the next one aligns from its own start
            return
        edits, styles, end = aligned
        self._edits.extend(edits)
        self.styles.extend(styles)
        self.floor = end
        if parent.type == "heading_open" and token.children:
            self._heading_markers(parent, line_start, floor, end)

    def _heading_markers(self, heading, line_start: int, content_start: int, content_end: int) -> None:
        if heading.markup.startswith("#"):
            hashes = self.body.find("#", line_start, content_start)
            if hashes >= 0:
                self._edits.append(Edit(hashes, content_start))
            _, line_end = self.line_span(heading.map[0])
        else:  # setext: the underline goes, with the line break before it
            _, line_end = self.line_span(heading.map[1] - 1)
        if line_end > content_end:
            self._edits.append(Edit(content_end, line_end))

    def after_containers(self, line: int) -> tuple[int, int]:
        """A line's span without its quote markers and indentation, nor trailing whitespace."""
        start, end = self.line_span(line)
        while start < end and self.body[start] in " \t>":
            start += 1
        while end > start and self.body[end - 1].isspace():
            end -= 1
        return start, end

    def _table(self, lines: list[int], mark: int) -> None:
        inline = sorted(self._edits[mark:], key=lambda e: e.start)
        starts = [edit.start for edit in inline]
        delimiter_row = lines[0] + 1
        rows = [(line, self._cells(line)) for line in range(*lines)]
        shown = {
            cell: cell_len(_shown(self.body, inline, starts, *cell)) for _, cells in rows for cell in cells
        }
        widths: list[int] = []
        for line, cells in rows:
            for column, cell in enumerate(cells if line != delimiter_row else ()):
                if column == len(widths):
                    widths.append(0)
                widths[column] = max(widths[column], shown[cell])
        for line, cells in rows:
            row_start, row_end = self.after_containers(line)
            if not cells:
                continue
            if line == delimiter_row:
                # The last column's rule is as wide as its header: its longest cell may be a paragraph.
                header = rows[0][1]
                rule_widths = [*widths[: len(header) - 1], max(shown[header[-1]], 3)] if header else widths
                self._edits.append(
                    Edit(row_start, row_end, "─┼─".join(RULE * width for width in rule_widths))
                )
                continue
            if cells[0][0] > row_start:
                self._edits.append(Edit(row_start, cells[0][0]))
            for column, (cell, (next_start, _)) in enumerate(itertools.pairwise(cells)):
                padding = " " * (widths[column] - shown[cell])
                self._edits.append(Edit(cell[1], next_start, padding + COLUMN_BAR))
            if row_end > cells[-1][1]:
                self._edits.append(Edit(cells[-1][1], row_end))

    def _cells(self, line: int) -> list[tuple[int, int]]:
        """A table row's cells as trimmed spans, split at unescaped pipes (as GFM does)."""
        start, end = self.after_containers(line)
        pipes, pos = [], start
        while pos < end:
            char = self.body[pos]
            if char == "\\":
                pos += 1
            elif char == "|":
                pipes.append(pos)
            pos += 1
        bounds = [start - 1, *pipes, end]
        if pipes and pipes[0] == start:
            bounds.pop(0)
        if pipes and pipes[-1] == end - 1 and len(bounds) > 2:
            bounds.pop()
        cells = []
        for left, right in itertools.pairwise(bounds):
            cell_start, cell_end = left + 1, right
            while cell_start < cell_end and self.body[cell_start].isspace():
                cell_start += 1
            while cell_end > cell_start and self.body[cell_end - 1].isspace():
                cell_end -= 1
            cells.append((cell_start, cell_end))
        return cells


def _shown(body: str, edits: list[Edit], starts: list[int], start: int, end: int) -> str:
    """body[start:end] with the edits inside it applied (`starts`: the edits' starts)."""
    parts, pos = [], start
    for edit in edits[bisect_left(starts, start) :]:
        if edit.end > end:
            break
        parts.append(body[pos : edit.start] + edit.text)
        pos = edit.end
    return "".join(parts) + body[pos:end]


def _align(body: str, children: list, pos: int, limit: int):
    """Edits and styles for one inline token's children, found in order from `pos`; None when
    a child is not where the source says (the block then stays as written)."""
    edits: list[Edit] = []
    styles: list[tuple[int, int, str]] = []
    opened: list[int] = []

    def find(text: str, start: int) -> int:
        found = body.find(text, start, limit)
        if found < 0 or not _SKIPPABLE.issuperset(body[start:found]):
            raise LookupError(text)
        return found

    try:
        for child in children:
            kind = child.type
            if kind in ("softbreak", "hardbreak"):
                continue
            if kind == "text":
                if child.content:
                    pos = find(child.content, pos) + len(child.content)
            elif kind == "text_special":
                found = find(child.markup, pos)
                pos = found + len(child.markup)
                edits.append(Edit(found, pos, child.content))
            elif kind in ("strong_open", "em_open"):
                found = find(child.markup, pos)
                pos = found + len(child.markup)
                edits.append(Edit(found, pos))
                opened.append(pos)
            elif kind in ("strong_close", "em_close"):
                found = find(child.markup, pos)
                styles.append((opened.pop(), found, STYLE_CLASSES[kind.split("_")[0]]))
                pos = found + len(child.markup)
                edits.append(Edit(found, pos))
            elif kind == "code_inline":
                pos = _code_span(body, child.markup, find(child.markup, pos), limit, edits, styles)
            elif kind == "link_open":
                opening = "<" if child.markup == "autolink" else "["
                found = find(opening, pos)
                pos = found + 1
                edits.append(Edit(found, pos))
                opened.append(pos)
            elif kind == "link_close":
                closing = ">" if child.markup == "autolink" else "]"
                found = find(closing, pos)
                styles.append((opened.pop(), found, STYLE_CLASSES["link"]))
                pos = found + 1 if closing == ">" else _link_tail_end(body, found + 1, limit)
                edits.append(Edit(found, pos))
            else:
                return None  # images and anything else: left as written
    except (LookupError, IndexError):
        return None
    return edits, styles, pos


def _code_span(
    body: str, run: str, start: int, limit: int, edits: list[Edit], styles: list[tuple[int, int, str]]
) -> int:
    """Hide the backtick runs of a code span opening at `start`; where it ends."""
    pos = start + len(run)
    while True:
        found = body.find(run, pos, limit)
        if found < 0:
            raise LookupError(run)
        end = found
        while end < limit and body[end] == "`":
            end += 1
        if end - found == len(run):
            break
        pos = end
    edits.extend((Edit(start, start + len(run)), Edit(found, end)))
    styles.append((start + len(run), found, STYLE_CLASSES["code"]))
    return end


def _link_tail_end(body: str, pos: int, limit: int) -> int:
    """Where a link's `(destination "title")` or `[label]` after its `]` ends."""
    if pos < limit and body[pos] == "[":
        close = body.find("]", pos, limit)
        if close < 0:
            raise LookupError("]")
        return close + 1
    if pos >= limit or body[pos] != "(":
        return pos  # a shortcut reference: `[label]` alone
    depth = 0
    while pos < limit:
        char = body[pos]
        if char == "\\":
            pos += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    raise LookupError(")")
