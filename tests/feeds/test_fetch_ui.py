"""Fetching the feeds from the library: a key, the progress in the status line, the new briefings
appearing in the table (the folders are watched), and no duplicates on a second fetch."""

from __future__ import annotations

from briefer.feeds.store import add_feed, load_feeds, save_feeds
from briefer.ui.app import BrieferApp
from briefer.ui.screens.library import LibraryScreen, LibraryTable
from tests.waiting import messages, until


async def test_ctrl_r_fetches_the_feeds_and_their_briefings_appear_once(server, tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    (library / "old.md").write_text("# An older briefing\n\nText.\n")
    feeds = load_feeds()
    add_feed(feeds, f"{server.base}/rss", "wire", None, library)
    add_feed(feeds, f"{server.base}/atom", "relief", None, library)
    save_feeds(feeds)

    app = BrieferApp(folders=[library], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await until(pilot, lambda: screen.scanned and screen.watcher.ready.is_set(), "library listed")
        table = screen.query_one(LibraryTable)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: any(m.startswith("2 feeds, 3 new") for m in messages(app)), "fetched")
        await until(pilot, lambda: table.row_count == 4, "the three new briefings listed")
        titles = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert "Floods hit Kherson" in titles

        await pilot.press("ctrl+r")
        await until(pilot, lambda: any(m.startswith("2 feeds, 0 new") for m in messages(app)), "again")
        await pilot.pause(1.0)  # anything written would have reached the table by now
        assert table.row_count == 4
    assert len(list((library / "feeds").rglob("*.md"))) == 3


async def test_with_no_feeds_the_key_says_how_to_add_one(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    app = BrieferApp(folders=[library], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+r")
        await until(pilot, lambda: any("briefer feeds add URL" in m for m in messages(app)), "the hint")
