"""Every highlight in the document reads at WCAG AA (4.5:1) in every bundled theme, and a lit
mention stands out inside the current sentence."""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from briefer.ui.app import BrieferApp
from briefer.ui.widgets.contrast import contrast_ratio
from briefer.ui.widgets.document import HIGHLIGHT_CLASSES, DocumentView

# The ansi themes take their colours from the terminal: nothing to measure.
THEMES = [name for name in BUILTIN_THEMES if not name.startswith("ansi")]


def segments_on_screen(view: DocumentView) -> list[Segment]:
    return [segment for y in range(view.size.height) for segment in view.render_line(y)]


def ratio(segment: Segment) -> float:
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None
    return contrast_ratio(Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor))


async def test_highlights_read_at_aa_contrast_in_every_theme(sample):
    app = BrieferApp(folders=[sample.parent], open_file=sample)
    async with app.run_test(size=(100, 30)) as pilot:
        view = pilot.app.screen.query_one(DocumentView)
        await pilot.press("j", "v", "j", "j")  # a selection, and the cursor inside it
        sentences = view.briefing.sentences
        # Every highlight on screen at once, over plain text, the selection and the cursor.
        spans = [
            (sentences[i][0], sentences[i][0] + 12, component)
            for i, component in enumerate(HIGHLIGHT_CLASSES)
            if i < len(sentences)
        ]
        spans += [
            (sentences[3][0] + 20 + 6 * i, sentences[3][0] + 24 + 6 * i, c)
            for i, c in enumerate(HIGHLIGHT_CLASSES)
        ]
        view.set_layer("test", spans)
        for theme in THEMES:
            pilot.app.theme = theme
            await pilot.pause()
            base = view.rich_style
            poor = {
                (segment.text, round(ratio(segment), 2))
                for segment in segments_on_screen(view)
                if segment.text.strip() and segment.style != base and ratio(segment) < 4.5
            }
            assert not poor, (theme, poor)


async def test_a_lit_mention_stands_out_inside_the_current_sentence(sample):
    app = BrieferApp(folders=[sample.parent], open_file=sample)
    async with app.run_test(size=(100, 30)) as pilot:
        view = pilot.app.screen.query_one(DocumentView)
        start = view.cursor_span[0]
        view.set_layer("matches", [(start + 4, start + 10, "document-view--mention")])
        await pilot.pause()
        line = list(view.render_line(view.line_of_offset(start) - round(view.scroll_y)))
        lit = next(s for s in line if s.text == view.body[start + 4 : start + 10])
        plain = next(s for s in line if s.text == view.body[start : start + 4])
        assert lit.style is not None and plain.style is not None
        assert (lit.style.bgcolor, lit.style.reverse) != (plain.style.bgcolor, plain.style.reverse)
        assert lit.style.bold and lit.style.underline
