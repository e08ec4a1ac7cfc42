"""Triage in the library as a user meets it: bold unread rows, marks, day groups, and the keys."""

from __future__ import annotations

import os
import time

from briefer import config
from briefer.briefing import load
from briefer.desk.triage import FLAG_TABLE, READ_TABLE, VISIT_TABLE
from briefer.notes.store import NotesStore
from briefer.ui.app import BrieferApp
from briefer.ui.screens.library import LibraryTable
from briefer.ui.screens.reader import ReaderScreen
from tests.waiting import until


async def settle(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one(LibraryTable)


def title_cell(table, path):
    return table.get_row(str(path))[0]


def is_bold(cell) -> bool:
    """The title in bold (the marks before it have styles of their own)."""
    return any(str(span.style) == "bold" for span in cell.spans)


def stored(notes, table):
    with NotesStore.open(notes) as store:
        return store.desk_table(table)


async def test_ctrl_t_marks_read_and_ctrl_g_flags_and_both_survive_a_restart(library_dir, tmp_path):
    notes = tmp_path / "notes.json"
    sample = library_dir / "00-peace-plan.txt"
    app = BrieferApp(folders=[library_dir], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await settle(app, pilot)
        await pilot.press(*"peace-plan")
        assert is_bold(title_cell(table, sample))  # never opened: unread
        await pilot.press("ctrl+t", "ctrl+g")
        cell = title_cell(table, sample)
        assert not is_bold(cell) and cell.plain.startswith("⚑ ")
        await pilot.press("escape", "ctrl+e")  # the export of everything takes the desk along
        desk = config.export_dir() / "briefer-desk.md"
        assert "## flags" in desk.read_text(encoding="utf-8")
    again = BrieferApp(folders=[library_dir], notes_file=notes)
    async with again.run_test(size=(120, 40)) as pilot:
        table = await settle(again, pilot)
        cell = title_cell(table, sample)
        assert not is_bold(cell) and cell.plain.startswith("⚑ ")
        await pilot.press(*"peace-plan", "ctrl+t", "ctrl+g")  # unread and unflagged again
        cell = title_cell(table, sample)
        assert is_bold(cell) and not cell.plain.startswith("⚑")
    assert stored(notes, READ_TABLE) == {} and stored(notes, FLAG_TABLE) == {}


async def test_ctrl_n_jumps_to_the_next_unread_briefing(library_dir, tmp_path):
    app = BrieferApp(folders=[library_dir], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        table = await settle(app, pilot)
        first, second = table.key_at(0), table.key_at(1)
        await pilot.press("ctrl+t")  # the first row read
        await pilot.press("ctrl+home", "ctrl+n")
        assert table.selected_key == second
        await pilot.press("down", "ctrl+t", "ctrl+home", "ctrl+n")  # the third read too
        assert table.selected_key == second
        assert first != second


async def test_opening_marks_opened_and_the_last_sentence_marks_read(library_dir, tmp_path):
    notes = tmp_path / "notes.json"
    app = BrieferApp(folders=[library_dir], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await settle(app, pilot)
        await pilot.press(*"peace-plan", "enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await app.workers.wait_for_complete()
        (state,) = stored(notes, READ_TABLE).values()
        assert state["state"] == "opened"
        await pilot.press("G")  # the last sentence
        await app.workers.wait_for_complete()
        assert stored(notes, READ_TABLE)[reader.briefing.id]["state"] == "read"
        await pilot.press("q")
        await settle(app, pilot)
        assert not is_bold(title_cell(table, library_dir / "00-peace-plan.txt"))


async def test_rows_are_grouped_by_day_with_headings(library_dir, tmp_path):
    app = BrieferApp(folders=[library_dir], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        table = await settle(app, pilot)
        lines = [table.render_line(y).text for y in range(1, 6)]
        assert lines[0].strip() == "Thu 2026-10-08"  # the newest day's heading, then its briefing
        assert "Mediterranean hake talks" in lines[1]
        assert lines[2].strip() == "Mon 2026-06-22"
        await pilot.press("ctrl+s")  # by title: no day groups
        assert "Title" not in table.render_line(1).text and table.render_line(1).text.strip()[:3] != "Thu"


async def test_a_briefing_that_arrived_since_the_last_visit_is_marked_new(library_dir, tmp_path):
    notes = tmp_path / "notes.json"
    for path in library_dir.iterdir():
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    with NotesStore.open(notes) as store:
        store.put_desk_item(VISIT_TABLE, "library", {"at": "2000-01-01T00:00:00+00:00"})
    app = BrieferApp(folders=[library_dir], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await settle(app, pilot)
        shown = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert all(title.startswith("●") for title in shown), shown
    # The next visit: only what arrived since the previous one is new.
    fresh = library_dir / "99-fresh.md"
    fresh.write_text("---\ntitle: Fresh arrival\ndate: 2026-10-09\n---\nNew text arrived today.\n")
    again = BrieferApp(folders=[library_dir], notes_file=notes)
    async with again.run_test(size=(120, 40)) as pilot:
        table = await settle(again, pilot)
        marked = [
            table.key_at(i) for i in range(table.row_count) if table.get_row_at(i)[0].plain.startswith("●")
        ]
        assert marked == [str(fresh)]


async def test_another_windows_marks_appear_in_the_library(library_dir, tmp_path):
    notes = tmp_path / "notes.json"
    sample = library_dir / "00-peace-plan.txt"
    app = BrieferApp(folders=[library_dir], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await settle(app, pilot)
        assert is_bold(title_cell(table, sample))
        with NotesStore.open(notes) as other:  # another briefer window
            other.put_desk_item(
                READ_TABLE, load(sample).id, {"state": "marked", "at": "2026-03-01T09:00:00+00:00"}
            )
            other.put_desk_item(FLAG_TABLE, load(sample).id, {"at": "2026-03-01T09:00:00+00:00"})
        await until(pilot, lambda: title_cell(table, sample).plain.startswith("⚑"), "the other window's flag")
        assert not is_bold(title_cell(table, sample))
