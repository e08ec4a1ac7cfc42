"""Narrow terminals: the text keeps the width, panes fold behind `p`, the footer keeps its exits,
dialogs fit."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from briefer.ui.app import BrieferApp
from briefer.ui.widgets.document import DocumentView


def reader_app(path, tmp_path):
    return BrieferApp(folders=[path.parent], open_file=path, notes_file=tmp_path / "notes.json")


async def test_below_100_columns_the_text_takes_the_width_and_p_opens_the_panes(sample, tmp_path):
    async with reader_app(sample, tmp_path).run_test(size=(60, 20)) as pilot:
        screen = pilot.app.screen
        view = screen.query_one(DocumentView)
        panes = screen.query_one("#panes")
        assert not panes.display or panes.region.height == 0
        assert view.size.width >= 55
        await pilot.press("p")
        await pilot.pause()
        assert panes.region.height >= 6 and panes.region.width == 60  # a bottom strip
        assert panes.region.y > view.region.y
        await pilot.press("p")
        await pilot.pause()
        assert panes.region.height == 0 or not panes.display
        await pilot.press("tab")  # walking to a pane opens them
        await pilot.pause()
        assert panes.region.height >= 6


async def test_wide_terminals_keep_the_side_panes(sample, tmp_path):
    async with reader_app(sample, tmp_path).run_test(size=(120, 30)) as pilot:
        panes = pilot.app.screen.query_one("#panes")
        assert panes.region.width >= 30 and panes.region.height > 20


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (40, 12)])
async def test_the_footer_keeps_back_quit_and_keys(sample, tmp_path, size):
    async with reader_app(sample, tmp_path).run_test(size=size) as pilot:
        await pilot.pause()
        keys = {key.description: key.region for key in pilot.app.screen.query(FooterKey)}
        for essential in ("Back", "Quit", "Keys"):
            assert keys[essential].right <= size[0], (essential, keys)


async def test_the_annotate_dialog_fits_a_40_by_12_terminal(sample, tmp_path):
    async with reader_app(sample, tmp_path).run_test(size=(40, 12)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = pilot.app.screen.query_one(".dialog")
        assert dialog.region.right <= 40 and dialog.region.bottom <= 12
        assert dialog.region.x >= 0 and dialog.region.y >= 0
