"""The document view: paging, colours and markdown, as a reader sees them."""

from __future__ import annotations

from briefer.ui.app import BrieferApp
from briefer.ui.widgets.document import DocumentView


def reader_app(path):
    return BrieferApp(folders=[path.parent], open_file=path)


def cursor_row(view: DocumentView) -> int:
    """The screen row of the first line of the cursor's sentence."""
    return view.line_of_offset(view.cursor_span[0]) - round(view.scroll_y)


async def test_page_down_and_up_put_the_cursor_at_the_top_of_the_new_page(sample):
    async with reader_app(sample).run_test(size=(60, 16)) as pilot:
        view = pilot.app.screen.query_one(DocumentView)
        await pilot.press("j", "j", "j")
        for key in ("pagedown", "space", "pageup"):
            before = view.cursor
            await pilot.press(key)
            assert view.cursor != before
            # The first sentence starting on the page: on screen, above it, at most the end of
            # the sentence before it, never the start of another.
            row = cursor_row(view)
            assert 0 <= row < view.scrollable_content_region.height // 2, (key, row)
            top_offset = view._lines[round(view.scroll_y)][0]
            assert view.sentence_at(top_offset) in (view.cursor, view.cursor - 1), key
