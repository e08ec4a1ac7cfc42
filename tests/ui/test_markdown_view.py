"""Markdown briefings are read rendered (markers hidden, bullets, bars, aligned tables); `M` shows them raw.

Whatever the view, every layer is a span of the body: search hits, notes and
the cursor land on the same characters in both.
"""

from __future__ import annotations

from briefer.notes.store import NotesStore
from briefer.ui.app import BrieferApp
from briefer.ui.widgets.document import DocumentView

BRIEF = """# Harbour report

**Prepared by:** the desk.

The minister said the **harbour deal** was *final*. Talks resume.

- First point about `quotas`.
- Second point.

> Quoted words from the envoy.

| Country | Boats |
|---|---|
| Malta | 12 |
| Tunisia | 140 |
"""


def reader(path, notes_file):
    return BrieferApp(folders=[path.parent], open_file=path, notes_file=notes_file)


def shown_lines(view: DocumentView) -> list[str]:
    return [view.render_line(y).text.rstrip() for y in range(view.scrollable_content_region.height)]


def columns_styled_like(view: DocumentView, word: str) -> str:
    """The characters on `word`'s line drawn with the background of `word`'s first character."""
    line = view.line_of_offset(view.body.index(word))
    strip = view.render_line(line - round(view.scroll_y))
    cells = [(char, segment.style) for segment in strip for char in segment.text]
    text = "".join(char for char, _ in cells)
    first = text.index(word)
    background = cells[first][1].bgcolor if cells[first][1] else None
    return "".join(char if style and style.bgcolor == background else " " for char, style in cells).strip()


def brief(tmp_path):
    path = tmp_path / "harbour.md"
    path.write_text(BRIEF, encoding="utf-8")
    return path


async def test_markdown_is_rendered_and_M_shows_it_raw(tmp_path):
    app = reader(brief(tmp_path), tmp_path / "notes.json")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(DocumentView)
        rendered = "\n".join(shown_lines(view))
        for marker in ("#", "**", "*final*", "- ", "`", "> ", "|", "---"):
            assert marker not in rendered
        assert "Harbour report" in rendered
        assert "the harbour deal was final." in rendered
        assert "• First point about quotas." in rendered
        assert "▎ Quoted words from the envoy." in rendered
        assert "Country │ Boats" in rendered
        assert "Malta   │ 12" in rendered
        assert "Tunisia │ 140" in rendered

        await pilot.press("M")
        raw = "\n".join(shown_lines(view))
        for written in (
            "# Harbour report",
            "**harbour deal**",
            "*final*",
            "- First point",
            "> Quoted",
            "| Malta",
        ):
            assert written in raw
        await pilot.press("M")
        assert "\n".join(shown_lines(view)) == rendered


async def test_a_search_inside_bold_lights_exactly_the_word_in_both_views(tmp_path):
    app = reader(brief(tmp_path), tmp_path / "notes.json")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(DocumentView)
        await pilot.press("slash", *"deal", "enter")
        assert columns_styled_like(view, "deal") == "deal"
        await pilot.press("M")
        assert columns_styled_like(view, "deal") == "deal"


async def test_the_cursor_covers_a_sentence_that_starts_and_ends_on_hidden_markers(tmp_path):
    app = reader(brief(tmp_path), tmp_path / "notes.json")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(DocumentView)
        await pilot.press("j")
        assert view.briefing.sentence_text(view.cursor) == "**Prepared by:** the desk."
        assert columns_styled_like(view, "Prepared") == "Prepared by: the desk."
        await pilot.press("j")
        assert columns_styled_like(view, "minister") == "The minister said the harbour deal was final."


async def test_a_note_on_a_sentence_with_emphasis_anchors_to_the_same_text_in_both_views(tmp_path):
    path = brief(tmp_path)
    targets = []
    for keys in (("j", "j", "h"), ("M", "j", "j", "h")):
        notes_file = tmp_path / f"notes-{len(targets)}.json"
        app = reader(path, notes_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*keys)
            view = app.screen.query_one(DocumentView)
            assert columns_styled_like(view, "minister").startswith("The minister said the")
            briefing_id = view.briefing.id
        store = NotesStore.open(notes_file)
        try:
            (note,) = store.notes_for(briefing_id)
        finally:
            store.close()
        targets.append((note.target.start, note.target.end, note.target.exact))
    assert targets[0] == targets[1]
    assert targets[0][2] == "The minister said the **harbour deal** was *final*."


async def test_a_click_after_hidden_markers_lands_on_the_sentence_under_it(tmp_path):
    app = reader(brief(tmp_path), tmp_path / "notes.json")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(DocumentView)
        line = next(i for i, text in enumerate(shown_lines(view)) if "Second point" in text)
        column = shown_lines(view)[line].index("Second") + 2
        await pilot.click(DocumentView, offset=(column, line))
        assert view.briefing.sentence_text(view.cursor) == "Second point."


async def test_plain_text_is_drawn_as_written_and_M_says_there_is_nothing_to_render(sample, tmp_path):
    app = reader(sample, tmp_path / "notes.json")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(DocumentView)
        assert view._display.text is view.body  # no copy, no per-line mapping work for text files
        before = shown_lines(view)
        await pilot.press("M")
        await pilot.pause()
        assert shown_lines(view) == before
        assert any("nothing to render" in str(n.message) for n in app._notifications)


async def test_the_raw_key_is_listed_in_the_help(tmp_path):
    app = reader(brief(tmp_path), tmp_path / "notes.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert "toggle-raw" in str(app.screen.query_one("#help-body Static").render())


TRICKY = [
    "A *b* c **d** e _f_ g `h` i ``j ` k`` l \\* m &amp; n.\n",
    'See [the text](https://x.org/a_(b) "t") and [ref][r] and <https://x.org>.\n\n[r]: https://y.org\n',
    "An image ![alt *x*](i.png) stays as written, **bold** too.\n",
    "> - quoted *item*\n>   more\n>\n> > nested **quote**\n",
    "Setext *title*\n---\n\ntext\n\n***\n",
    "| a \\| b | `c` |\n|:--|--:|\n| **x** | |\n| only |\n",
    "1. one **two**\n2. three\n   - four *five*\n",
    "```\ncode **not bold**\n```\n",
    "Unclosed **bold and `tick\n",
]


def test_every_displayed_character_maps_back_to_the_body_in_order(tmp_path):
    from briefer.briefing import load
    from briefer.ui.widgets.markdown_display import render_markdown

    shown = {}
    for index, text in enumerate(TRICKY):
        path = tmp_path / f"tricky-{index}.md"
        path.write_text(text, encoding="utf-8")
        briefing = load(path)
        display = render_markdown(briefing).display
        previous = -1
        for position, char in enumerate(display.text):
            offset = display.to_body(position)
            assert offset >= previous, (text, position)
            previous = offset
            if not any(edit.start <= offset < edit.end for edit in display.edits):
                assert briefing.body[offset] == char, (text, position)
            assert display.to_display(offset) <= position
        for start, end in briefing.sentences:  # no sentence vanishes behind hidden markers
            assert display.to_display(end) > display.to_display(start), (text, start, end)
        shown[index] = display.text
    assert shown[0] == "A b c d e f g h i j ` k l * m & n.\n"
    assert shown[1].startswith("See the text and ref and https://x.org.")
    assert shown[2] == TRICKY[2]  # an image is left as written, and so is the rest of its paragraph
    assert shown[3] == "▎ • quoted item\n▎   more\n▎\n▎ ▎ nested quote\n"
    # A cell that does not align (an escaped pipe) stays as written; the next cell still renders.
    assert shown[5].splitlines()[0] == "a \\| b │ c"
