"""The library starts from the archive index: rows at once, the index brought up to date in the
background with its progress shown, and the folders still listed when the index cannot be used."""

from __future__ import annotations

import threading

from textual.widgets import Input

from briefer.library import LibraryIndex
from briefer.library import index as index_module
from briefer.library.database import IndexUnavailable
from briefer.library.refresh import Progress
from briefer.ui.app import BrieferApp
from briefer.ui.screens.library import LibraryScreen, LibraryTable
from tests.waiting import WAIT_SECONDS, messages, until


def write_briefings(folder, count: int) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(count):
        (folder / f"b{number:03d}.md").write_text(f"# Briefing {number:03d}\n\nTalks went on in Oslo.\n")


def status(app) -> str:
    return str(app.screen.query_one("#library-status").content)


async def test_the_library_fills_the_index_and_lists_from_it_the_next_time(tmp_path):
    folder = tmp_path / "briefings"
    write_briefings(folder, 5)
    app = BrieferApp(folders=[folder], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await until(pilot, lambda: screen.scanned and screen.indexing is None, "indexed")
        assert screen.query_one(LibraryTable).row_count == 5
    index = LibraryIndex()
    assert sorted(entry.path.name for entry in index.rows([folder])) == [f"b{n:03d}.md" for n in range(5)]

    (folder / "b004.md").unlink()  # while briefer is closed
    app = BrieferApp(folders=[folder], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one(LibraryTable)

        def names() -> list[str]:
            return sorted(table.key_at(i).rsplit("/", 1)[-1] for i in range(table.row_count))

        await until(pilot, lambda: names() == [f"b{n:03d}.md" for n in range(4)], "the deleted one gone")


async def test_a_first_indexing_shows_its_progress_and_stops_when_the_library_goes(tmp_path, monkeypatch):
    folder = tmp_path / "briefings"
    write_briefings(folder, 3)
    reported, stopped = threading.Event(), threading.Event()

    def slow_refresh(self, folders, progress=None, stop=None, **options):
        progress(Progress(done=1200, total=20000, files_per_second=640.0, eta_seconds=29.4))
        reported.set()
        stop.wait(WAIT_SECONDS)  # a long first indexing, until the screen goes
        stopped.set()

    monkeypatch.setattr(index_module.LibraryIndex, "refresh", slow_refresh)
    app = BrieferApp(folders=[folder], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        await until(
            pilot,
            lambda: "indexing 1,200 of 20,000 · 640 files/s · about 29 s left" in status(app),
            "progress",
        )
        await pilot.press(*"brief")  # the library stays usable while it indexes
        assert app.screen.query_one("#library-filter").value == "brief"
    assert stopped.wait(WAIT_SECONDS)


async def test_without_an_index_the_folders_are_listed_by_reading_them_and_the_user_is_told(
    tmp_path, monkeypatch
):
    folder = tmp_path / "briefings"
    write_briefings(folder, 2)

    def unavailable(self, path=None):
        raise IndexUnavailable("the disk is full")

    monkeypatch.setattr(index_module.LibraryIndex, "__init__", unavailable)
    app = BrieferApp(folders=[folder], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.scanned, "listed")
        assert screen.query_one(LibraryTable).row_count == 2
        messages = [str(n.message) for n in app._notifications]
        assert any("the disk is full" in m and "every file is read" in m for m in messages)


async def test_ctrl_f_answers_from_the_index_in_its_query_language_and_a_bad_query_gets_a_hint(tmp_path):
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "kyiv.md").write_text("# Talks in Kyiv\n\nThe peace plan was discussed with Daniel Driscoll.\n")
    (folder / "moscow.md").write_text("# Reply from Moscow\n\nIn Moscow the peace plan was rejected.\n")
    (folder / "grain.md").write_text("# Grain corridor\n\nShips left Odesa with grain.\n")
    app = BrieferApp(folders=[folder], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.scanned and screen.indexing is None, "indexed")
        table = screen.query_one(LibraryTable)
        await pilot.press("ctrl+f", *'"peace plan" -Moscow', "enter")
        await until(pilot, lambda: screen.hits is not None, "searched")
        assert [table.key_at(i).rsplit("/", 1)[-1] for i in range(table.row_count)] == ["kyiv.md"]
        assert "peace plan" in str(table.get_row_at(0)[0])  # the passage under the title

        await pilot.press("escape", "ctrl+f", *'"peace plan', "enter")
        await until(pilot, lambda: any('"' in m and "phrase" in m for m in messages(app)), "the hint")
        assert app.screen is screen


async def test_the_archive_is_analysed_in_the_background_and_a_new_file_is_analysed_as_it_arrives(
    tmp_path, monkeypatch
):
    """who: answers for the briefings there at start and for one written while the library is
    open, once the background pass has analysed them (in a niced process)."""
    monkeypatch.setattr(LibraryScreen, "analyses_archive", True)
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "talks.md").write_text("# Talks\n\nForeign Minister Anna Berg met envoys in Oslo on Monday.\n")
    app = BrieferApp(folders=[folder], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)

        def found(query: str) -> list[str]:
            with LibraryIndex() as index:
                return [result.path.name for result in index.search(query, [folder])]

        await until(pilot, lambda: found("who:Berg") == ["talks.md"], "the archive analysed")
        await until(pilot, lambda: screen.watcher.ready.is_set(), "the folder watched")
        (folder / "late.md").write_text("# Late\n\nPrime Minister Jonas Lund spoke in Bergen today.\n")
        await until(pilot, lambda: found("who:Lund") == ["late.md"], "the new briefing analysed")
        assert found("where:Bergen") == ["late.md"]


async def test_search_results_come_best_first_and_ctrl_s_sorts_them_by_date_then_title(tmp_path):
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "a-newer.md").write_text(
        "---\ntitle: Weather\ndate: 2025-12-01\n---\nA ceasefire was mentioned once.\n"
    )
    (folder / "b-older.md").write_text(
        "---\ntitle: Ceasefire talks\ndate: 2025-01-01\n---\nThe ceasefire held; ceasefire monitors agree.\n"
    )
    app = BrieferApp(folders=[folder], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.scanned and screen.indexing is None, "indexed")
        table = screen.query_one(LibraryTable)

        def names() -> list[str]:
            return [table.key_at(i).rsplit("/", 1)[-1] for i in range(table.row_count)]

        assert names() == ["a-newer.md", "b-older.md"]  # by date, newest first
        await pilot.press("ctrl+f", *"ceasefire", "enter")
        await until(pilot, lambda: screen.hits is not None, "searched")
        assert names() == ["b-older.md", "a-newer.md"]  # the title and more hits: best first
        assert "sorted by relevance" in status(app)
        await pilot.press("ctrl+s")
        assert names() == ["a-newer.md", "b-older.md"] and "sorted by date" in status(app)
        await pilot.press("escape")
        assert "sorted by date" in status(app)


async def test_words_typed_straight_after_ctrl_f_go_to_the_search_box(tmp_path):
    """Keys arrive faster than a frame when a user types ahead or pastes: the search box must
    have the focus before the next key is handled, or the words land in the filter."""
    from textual import events

    folder = tmp_path / "briefings"
    write_briefings(folder, 2)
    app = BrieferApp(folders=[folder], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.scanned, "listed")
        for key, character in (("ctrl+f", None), *((c, c) for c in "oslo")):
            app.post_message(events.Key(key, character))  # queued together, as a terminal sends them
        await pilot.pause()
        assert screen.query_one("#library-search", Input).value == "oslo"
        assert screen.query_one("#library-filter", Input).value == ""
