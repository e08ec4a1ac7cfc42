"""The library: listing, type-to-filter, sorting, opening, and files that fail to load."""
from __future__ import annotations

from briefer.briefing import load
from briefer.ui.app import BrieferApp
from briefer.ui.screens.library import LibraryScreen, LibraryTable
from briefer.ui.screens.reader import ReaderScreen


async def start(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one(LibraryTable)


def titles(table: LibraryTable) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_lists_every_briefing_with_its_metadata(library_dir):
    files = sorted(p for p in library_dir.rglob("*") if p.suffix in (".txt", ".md"))
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await start(app, pilot)
        assert table.row_count == len(files)
        sample = load(library_dir / "00-peace-plan.txt")
        row = table.get_row(str(library_dir / "00-peace-plan.txt"))
        assert str(row[0]) == sample.title
        assert str(row[3]) == str(sample.word_count)
        assert str(row[4]) == "0"


async def test_typing_filters_and_escape_clears(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await start(app, pilot)
        total = table.row_count
        await pilot.press(*"zelensky")
        assert table.row_count == 1
        assert "Zelensky" in titles(table)[0]
        await pilot.press("escape")
        assert table.row_count == total


async def test_filter_matches_path_and_enter_opens(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        await pilot.press(*"peace-plan", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.briefing.path.name == "00-peace-plan.txt"


async def test_sort_by_title_then_date(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await start(app, pilot)
        screen: LibraryScreen = app.screen
        by_date = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        dated = [d for d in by_date if d]
        assert dated == sorted(dated, reverse=True)
        await pilot.press("s")
        assert screen.sort_key == "title"
        shown = titles(table)
        assert shown == sorted(shown, key=str.casefold)


async def test_a_file_that_fails_stays_listed_dimmed_with_its_error(library_dir):
    (library_dir / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await start(app, pilot)
        row = table.get_row(str(library_dir / "broken.txt"))
        assert "broken.txt" in str(row[0])
        assert "binary" in str(row[0]).lower()
        assert "dim" in str(row[0].style)
        await pilot.press(*"broken", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
