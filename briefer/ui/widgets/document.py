"""The document view: the briefing body drawn line by line (Line API).

Only visible lines are rendered, and wrapping is a list of (start, end)
offsets into the displayed text, so a 2 MB briefing opens and scrolls
without lag. A plain-text briefing is displayed as written; a markdown one
as rendered (markers hidden, bullets and bars drawn, tables aligned) until
`M` shows it raw. The cursor is a sentence; a selection is a run of
sentences. Other layers (notes, entity mentions, search hits) are spans of
`body` with a component class naming their style, mapped to display columns
line by line.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefer.briefing import Briefing
from briefer.briefing.loader import MARKDOWN_MAX_LINES
from briefer.ui.widgets.contrast import layered_style
from briefer.ui.widgets.markdown_display import DisplayText, MarkdownDisplay, render_markdown

HIGHLIGHT_CLASSES = (
    "document-view--note-0",
    "document-view--note-1",
    "document-view--note-2",
    "document-view--note-3",
    "document-view--note-4",
    "document-view--note-5",
    "document-view--highlight",
    "document-view--mention",
    "document-view--search",
    "document-view--search-current",
)


# Painted over the cursor and the selection, so a lit mention or a search hit shows inside them.
LIT = frozenset({"document-view--mention", "document-view--search", "document-view--search-current"})
PAINT_ORDER = {"document-view--selection": 1, "document-view--cursor": 2, **dict.fromkeys(LIT, 3)}


def wrap_offsets(body: str, width: int) -> list[tuple[int, int]]:
    """Visual lines of `body` at `width` cells, as (start, end) offsets; words kept whole when they fit."""
    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    pos = 0
    length = len(body)
    all_ascii = body.isascii()
    while pos <= length:
        newline = body.find("\n", pos)
        line_end = length if newline == -1 else newline
        if line_end - pos <= width and (all_ascii or cell_len(body[pos:line_end]) <= width):
            lines.append((pos, line_end))
        else:
            _wrap_long_line(body, pos, line_end, width, lines)
        if newline == -1:
            break
        pos = newline + 1
    return lines


def _wrap_long_line(body: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    pos = start
    # One cell per character (most text, accents and curly quotes included): offsets are columns.
    narrow = body[start:end].isascii() or cell_len(body[start:end]) == end - start
    while end - pos > 0:
        if narrow:
            limit = pos + width
        else:
            cells, limit = 0, pos
            while limit < end:
                cells += get_character_cell_size(body[limit])
                if cells > width:
                    break
                limit += 1
        if limit >= end:
            out.append((pos, end))
            return
        space = body.rfind(" ", pos, limit + 1)
        if space > pos:
            out.append((pos, space))
            pos = space + 1
        else:
            out.append((pos, max(limit, pos + 1)))
            pos = max(limit, pos + 1)


@dataclass(frozen=True, slots=True)
class Passage:
    start: int
    end: int
    first_sentence: int
    last_sentence: int


class DocumentView(ScrollView, can_focus=True):
    """Reads a Briefing with a sentence cursor and a keyboard selection."""

    COMPONENT_CLASSES = {
        "document-view--cursor",
        "document-view--selection",
        "document-view--heading",
        "document-view--quote",
        "document-view--code",
        "document-view--markup",
        "document-view--strong",
        "document-view--emphasis",
        "document-view--link",
        "document-view--lit-in-cursor",
        *HIGHLIGHT_CLASSES,
    }

    DEFAULT_CSS = """
    DocumentView {
        background: $surface;
        color: $foreground;
        padding: 0 1;
        scrollbar-gutter: stable;
    }
    DocumentView > .document-view--cursor { background: $accent 35%; }
    DocumentView > .document-view--selection { background: $primary 45%; }
    DocumentView > .document-view--heading { color: $accent; text-style: bold; }
    DocumentView > .document-view--quote { color: $text-muted; text-style: italic; }
    DocumentView > .document-view--code { color: $text-success; }
    DocumentView > .document-view--markup { color: $text-disabled; }
    DocumentView > .document-view--strong { text-style: bold; }
    DocumentView > .document-view--emphasis { text-style: italic; }
    DocumentView > .document-view--link { text-style: underline; }
    DocumentView > .document-view--note-0 { text-style: underline; color: $text-warning; }
    DocumentView > .document-view--note-1 { text-style: underline; color: $text-success; }
    DocumentView > .document-view--note-2 { text-style: underline; color: $text-error; }
    DocumentView > .document-view--note-3 { text-style: underline; color: $text-primary; }
    DocumentView > .document-view--note-4 { text-style: underline; color: $text-secondary; }
    DocumentView > .document-view--note-5 { text-style: underline; color: $text-accent; }
    DocumentView > .document-view--highlight { text-style: underline; color: $text-warning; }
    DocumentView > .document-view--mention { background: $warning 40%; text-style: bold; }
    DocumentView > .document-view--lit-in-cursor { text-style: bold underline reverse; }
    DocumentView > .document-view--search { background: $success 35%; }
    DocumentView > .document-view--search-current { background: $success 80%; text-style: bold; }
    """

    BINDINGS = [
        Binding("j,down", "next_sentence", "Next sentence", show=False, id="next-sentence"),
        Binding("k,up", "previous_sentence", "Previous sentence", show=False, id="previous-sentence"),
        Binding("J,right_curly_bracket", "next_paragraph", "Next paragraph", show=False, id="next-paragraph"),
        Binding(
            "K,left_curly_bracket",
            "previous_paragraph",
            "Previous paragraph",
            show=False,
            id="previous-paragraph",
        ),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="page-down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="page-up"),
        Binding("g,home", "first_sentence", "Top", show=False, id="top"),
        Binding("G,end", "last_sentence", "Bottom", show=False, id="bottom"),
        Binding("v", "toggle_selection", "Select", id="select"),
        Binding("M", "toggle_raw", "Raw", show=False, id="toggle-raw"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class CursorMoved(Message):
        """The sentence cursor or the selection changed."""

        def __init__(self, view: DocumentView, passage: Passage) -> None:
            super().__init__()
            self.view = view
            self.passage = passage

        @property
        def control(self) -> DocumentView:
            return self.view

    def __init__(self, briefing: Briefing, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.raw = False
        self._layer_styles: dict[tuple[str, ...], Style] = {}
        self._take(briefing)

    def _take(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.body = briefing.body
        self._sentence_starts = [start for start, _ in briefing.sentences]
        # The first sentence of each block: where J/K and }/{ land.
        firsts = (bisect_left(self._sentence_starts, block.start) for block in briefing.blocks)
        self._paragraph_starts = sorted({index for index in firsts if index < len(briefing.sentences)})
        # Rendered markdown, or None for plain text (and markdown too long for its structure to be parsed).
        self._markdown: MarkdownDisplay | None = None
        if briefing.format == "markdown" and briefing.body.count("\n") <= MARKDOWN_MAX_LINES:
            self._markdown = render_markdown(briefing)
        self._display = self._markdown.display if self._markdown and not self.raw else DisplayText(self.body)
        self._lines: list[tuple[int, int]] = []  # display offsets
        self._line_starts: list[int] = []
        self._wrap_width = 0
        self.selection_anchor: int | None = None
        # layer name -> (sorted starts, running maximum of ends, spans with their component class)
        self._layers: dict[str, tuple[list[int], list[int], list[tuple[int, int, str]]]] = {}
        self.set_layer("blocks", self._block_spans())

    def show_briefing(self, briefing: Briefing, offset: int) -> None:
        """Show a new version of the text, the cursor on the sentence at `offset`. Every layer but
        the blocks is dropped: their spans were offsets into the old text."""
        self._take(briefing)
        self._rewrap(self.scrollable_content_region.width)
        self.move_to_offset(offset)

    # ----- layout -------------------------------------------------------------

    def _block_spans(self) -> list[tuple[int, int, str]]:
        kinds = {
            "heading": "document-view--heading",
            "quote": "document-view--quote",
            "code": "document-view--code",
        }
        spans = [(b.start, b.end, kinds[b.kind]) for b in self.briefing.blocks if b.kind in kinds]
        if self._markdown is not None:
            spans += self._markdown.styles
            if self.raw:
                spans += self._markdown.marker_spans
        return spans

    def _rewrap(self, width: int) -> None:
        if width == self._wrap_width or width <= 0:
            return
        self._wrap_width = width
        self._lines = wrap_offsets(self._display.text, width)
        self._line_starts = [start for start, _ in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap(self.scrollable_content_region.width)
        self.call_after_refresh(self.scroll_to_cursor, False)

    def line_of_offset(self, offset: int) -> int:
        """The visual line showing body `offset` (or, for a hidden marker, what follows it)."""
        return max(0, bisect_right(self._line_starts, self._display.to_display(offset)) - 1)

    def line_start_offset(self, line: int) -> int:
        """The body offset of the first character on visual line `line`."""
        return self._display.to_body(self._lines[line][0])

    # ----- passages -----------------------------------------------------------

    @property
    def sentence_count(self) -> int:
        return len(self.briefing.sentences)

    def sentence_at(self, offset: int) -> int:
        """The sentence containing `offset`, or the nearest one before it."""
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    @property
    def cursor_span(self) -> tuple[int, int]:
        """Where the cursor's sentence lies in the body ((0, 0) in an empty briefing)."""
        return self.briefing.sentences[self.cursor] if self.briefing.sentences else (0, 0)

    @property
    def passage(self) -> Passage | None:
        """The selection, or the current sentence when nothing is selected."""
        if not self.briefing.sentences:
            return None
        first = last = self.cursor
        if self.selection_anchor is not None:
            first, last = sorted((self.selection_anchor, self.cursor))
        return Passage(self.briefing.sentences[first][0], self.briefing.sentences[last][1], first, last)

    @property
    def has_selection(self) -> bool:
        return self.selection_anchor is not None

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self.scroll_to_cursor()
        passage = self.passage
        if passage is not None:
            self.post_message(self.CursorMoved(self, passage))

    def validate_cursor(self, value: int) -> int:
        return min(max(value, 0), max(self.sentence_count - 1, 0))

    def move_to_offset(self, offset: int) -> None:
        """Put the cursor on the sentence at `offset` (used by jumps from panes and notes)."""
        self.cursor = self.sentence_at(offset)

    def scroll_to_cursor(self, animate: bool = False) -> None:
        if not self.briefing.sentences or not self._lines:
            return
        current = self.briefing.sentences[self.cursor]
        top = self.line_of_offset(current[0])
        bottom = self.line_of_offset(max(current[1] - 1, current[0]))
        self.scroll_to_region(
            Region(0, top, 1, bottom - top + 1), animate=animate, force=True, immediate=True, spacing=None
        )

    # ----- layers -------------------------------------------------------------

    def set_layer(self, name: str, spans: list[tuple[int, int, str]]) -> None:
        """Replace one highlight layer: spans of body with the component class to draw them in."""
        ordered = sorted((s for s in spans if s[1] > s[0]), key=lambda s: s[0])
        if ordered:
            max_ends, running = [], 0
            for span in ordered:
                running = max(running, span[1])
                max_ends.append(running)
            self._layers[name] = ([s[0] for s in ordered], max_ends, ordered)
        else:
            self._layers.pop(name, None)
        self.refresh()

    def layer_spans(self, name: str) -> list[tuple[int, int, str]]:
        return list(self._layers.get(name, ([], [], []))[2])

    # ----- actions ------------------------------------------------------------

    def action_next_sentence(self) -> None:
        self.cursor += 1

    def action_previous_sentence(self) -> None:
        self.cursor -= 1

    def action_next_paragraph(self) -> None:
        later = bisect_right(self._paragraph_starts, self.cursor)
        self.cursor = (
            self._paragraph_starts[later] if later < len(self._paragraph_starts) else self.sentence_count - 1
        )

    def action_previous_paragraph(self) -> None:
        """To the start of this paragraph, or of the previous one when already there (as vim's `{`)."""
        earlier = bisect_left(self._paragraph_starts, self.cursor) - 1
        self.cursor = self._paragraph_starts[earlier] if earlier >= 0 else 0

    def _page(self, direction: int) -> None:
        """Scroll a page and put the cursor on the first sentence that starts on the new page,
        so reading goes on from the top; at either end of the text, to the first or last sentence."""
        if not self.briefing.sentences or not self._lines:
            return
        height = max(self.scrollable_content_region.height, 1)
        before = self.scroll_y
        self.scroll_to(y=before + direction * max(height - 1, 1), animate=False, immediate=True)
        if self.scroll_y == before:
            self.cursor = self.sentence_count - 1 if direction > 0 else 0
            return
        top_line = min(round(self.scroll_y), len(self._lines) - 1)
        top_offset = self.line_start_offset(top_line)
        target = bisect_left(self._sentence_starts, top_offset)
        if (
            target >= self.sentence_count
            or self.line_of_offset(self._sentence_starts[target]) >= top_line + height
        ):
            target = self.sentence_at(top_offset)  # one sentence fills the page: the one on screen
        if target == self.cursor:
            target += direction
        self.cursor = target

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_first_sentence(self) -> None:
        self.cursor = 0

    def action_last_sentence(self) -> None:
        self.cursor = self.sentence_count - 1

    def action_toggle_selection(self) -> None:
        """`v` starts a selection at the cursor; pressed again it keeps the selection and starts over."""
        self.selection_anchor = self.cursor if self.selection_anchor is None else None
        self.cursor = self.cursor

    def clear_selection(self) -> bool:
        """Drop the selection; False when there was none (so `esc` can mean something else)."""
        if self.selection_anchor is None:
            return False
        self.selection_anchor = None
        self.cursor = self.cursor
        return True

    def action_toggle_raw(self) -> None:
        """Markdown as written (markers dimmed) or as rendered; the cursor stays on its sentence."""
        if self._markdown is None:
            self.notify("Plain text: nothing to render", markup=False)
            return
        self.raw = not self.raw
        self._display = DisplayText(self.body) if self.raw else self._markdown.display
        self.set_layer("blocks", self._block_spans())
        self._wrap_width = 0
        self._rewrap(self.scrollable_content_region.width)
        self.scroll_to_cursor()

    # ----- mouse --------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """Body offset under the widget-relative cell (x, y), or None below the text."""
        line_index = y + round(self.scroll_y)
        if not 0 <= line_index < len(self._lines):
            return None
        start, end = self._lines[line_index]
        column = x - self.styles.padding.left + round(self.scroll_x)
        text, cells = self._display.text, 0
        for index in range(start, end):
            cells += get_character_cell_size(text[index])
            if cells > column:
                return self._display.to_body(index)
        return self._display.to_body(max(start, end - 1))

    def on_click(self, event: events.Click) -> None:
        offset = self.offset_at(event.x, event.y)
        if offset is not None and self.briefing.sentences:
            self.cursor = self.sentence_at(offset)

    # ----- rendering ----------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        self._rewrap(width)
        base = self.rich_style
        line_index = y + round(self.scroll_y)
        if not 0 <= line_index < len(self._lines):
            return Strip.blank(width, base)
        display_start, display_end = self._lines[line_index]
        text = self._display.text[display_start:display_end].replace("\t", " ")
        if not text:
            return Strip.blank(width, base)
        # The body this line shows: displayed characters keep body order.
        start = self._display.to_body(display_start)
        end = self._display.to_body(display_end - 1) + 1
        body_spans: list[tuple[int, int, str]] = []
        for starts, max_ends, layer in self._layers.values():
            # Candidates start before the line ends and (running max) end after it starts.
            for span in layer[bisect_right(max_ends, start) : bisect_left(starts, end)]:
                if span[1] > start:
                    body_spans.append(span)
        passage = self.passage
        if passage is not None:
            if self.selection_anchor is not None:
                body_spans.append((passage.start, passage.end, "document-view--selection"))
            sentence_start, sentence_end = self.briefing.sentences[self.cursor]
            body_spans.append((sentence_start, sentence_end, "document-view--cursor"))
        # The spans touching this line, clipped to its columns, in painting order (later ones win).
        spans: list[tuple[int, int, str]] = []
        for span_start, span_end, component in body_spans:
            if span_end > start and span_start < end:
                column_start = max(self._display.to_display(span_start), display_start) - display_start
                column_end = min(self._display.to_display(span_end), display_end) - display_start
                if column_end > column_start:
                    spans.append((column_start, column_end, component))
        if not spans:
            segments = [Segment(text, base)]
        else:
            cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
            segments = []
            for lo, hi in itertools.pairwise(cuts):
                components = tuple(c for s, e, c in spans if s <= lo and e >= hi)
                segments.append(Segment(text[lo:hi], self._style_for(components, base)))
        return Strip(segments).crop_extend(round(self.scroll_x), round(self.scroll_x) + width, base)

    def _style_for(self, components: tuple[str, ...], base: Style) -> Style:
        style = self._layer_styles.get(components)
        if style is None:
            ordered = sorted(components, key=lambda c: PAINT_ORDER.get(c, 0))
            if "document-view--cursor" in components and LIT.intersection(components):
                ordered.append("document-view--lit-in-cursor")
            _, _, background, color = self.colors
            style = layered_style(
                ordered,
                self.get_component_styles,
                lambda c: self.get_component_rich_style(c, partial=True),
                base,
                background,
                color,
            )
            self._layer_styles[components] = style
        return style

    def notify_style_update(self) -> None:
        self._layer_styles.clear()  # a new theme or stylesheet: colours are blended again
        super().notify_style_update()
