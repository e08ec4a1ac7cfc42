"""Files changing on disk while briefer is open: the library's table and the open reader follow."""

from __future__ import annotations

from textual.widgets import Input

from briefer.briefing import load
from briefer.ui.app import BrieferApp
from briefer.ui.screens.library import LibraryScreen, LibraryTable
from briefer.ui.screens.reader import ReaderScreen
from briefer.ui.screens.reader_reload import DELETED, RELOADED, follow_offset
from tests.waiting import messages, until


async def open_library(app, pilot) -> LibraryTable:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    await until(
        pilot, lambda: screen.scanned and screen.watcher.ready.is_set(), "library scanned and watched"
    )
    await pilot.pause()
    return screen.query_one(LibraryTable)


async def open_reader(app, pilot) -> ReaderScreen:
    """The reader of the app's briefing, once its file is watched."""
    await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader open")
    reader = app.screen
    assert isinstance(reader, ReaderScreen)
    await until(
        pilot, lambda: reader.file_watcher is not None and reader.file_watcher.ready.is_set(), "ready"
    )
    return reader


def row_keys(table: LibraryTable) -> list[str]:
    return [table.key_at(i) for i in range(table.row_count)]


def cursor_key(table: LibraryTable) -> str:
    return str(table.selected_key)


async def test_a_briefing_written_while_the_library_is_open_appears(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_library(app, pilot)
        before = table.row_count
        new = library_dir / "late" / "fresh.md"
        new.parent.mkdir()
        new.write_text("---\ntitle: Fresh off the wire\ndate: 2030-01-01\n---\nIt just arrived.\n")
        await until(pilot, lambda: str(new) in row_keys(table), "the new briefing listed")
        assert table.row_count == before + 1
        assert row_keys(table)[0] == str(new)  # the newest date: first, as sorted
        assert str(table.get_row(str(new))[0]) == "Fresh off the wire"
        assert str(table.get_row(str(new))[1]) == "2030-01-01"


async def test_many_briefings_at_once_all_appear_in_order(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_library(app, pilot)
        await pilot.press("ctrl+s")  # by title
        before = table.row_count
        for number in range(60):
            (library_dir / f"batch-{number:03d}.md").write_text(f"# Batch {number:03d}\n\nText.\n")
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await until(pilot, lambda: table.row_count == len(screen.entries) == before + 60, "all")
        assert row_keys(table) == [str(entry.path) for entry in screen.visible_entries()]


async def test_changed_and_deleted_briefings_update_and_leave_the_cursor_on_its_briefing(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_library(app, pilot)
        await pilot.press("down", "down", "down")
        chosen = cursor_key(table)
        keys = row_keys(table)
        assert keys.index(chosen) == 3
        changed, deleted = keys[0], keys[1]  # above it: the cursor's row moves up, its briefing stays
        (library_dir / changed).write_text("---\ntitle: Rewritten on disk\n---\nNew text.\n")
        (library_dir / deleted).unlink()
        await until(pilot, lambda: deleted not in row_keys(table), "the deleted briefing gone")
        await until(pilot, lambda: str(table.get_row(changed)[0]) == "Rewritten on disk", "the new title")
        assert cursor_key(table) == chosen


async def test_the_filter_stays_and_a_deleted_chosen_briefing_leaves_the_cursor_on_its_row(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_library(app, pilot)
        await pilot.press(*".txt")
        shown = row_keys(table)
        assert 2 < len(shown) < len(app.screen.entries)
        await pilot.press("down")
        chosen = cursor_key(table)
        (library_dir / "new-one.md").write_text("Not shown: the filter wants the other kind.\n")
        (library_dir / chosen).unlink()
        await until(pilot, lambda: chosen not in row_keys(table), "the chosen briefing gone")
        await pilot.pause(1.0)  # the new file's batch, if it came apart
        assert app.screen.query_one("#library-filter", Input).value == ".txt"
        assert row_keys(table) == [k for k in shown if k != chosen]
        assert table.cursor_row == 1


async def test_an_open_briefing_changed_on_disk_reloads_with_its_notes_and_cursor(sample, tmp_path):
    briefing = load(sample)
    first = briefing.body[slice(*briefing.sentences[0])]
    kept = briefing.body[slice(*briefing.sentences[3])]
    app = BrieferApp(folders=[sample.parent], open_file=sample, notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        reader = await open_reader(app, pilot)
        reader.document.cursor = 1
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"watch this", "ctrl+s")
        await pilot.pause()
        assert len(reader.notes) == 1
        noted = reader.notes[0].target.exact
        reader.document.cursor = 3
        inserted = "A paragraph added above, by another program.\n\n"
        sample.write_text(inserted + sample.read_text(encoding="utf-8"), encoding="utf-8")
        await until(pilot, lambda: RELOADED in messages(app), "the reload notice")
        assert reader.briefing.body.startswith(inserted.strip())
        start, end = reader.document.cursor_span
        assert reader.briefing.body[start:end] == kept  # the cursor stayed on its sentence
        (note,) = reader.notes
        assert note.anchor == "anchored"
        assert reader.briefing.body[note.target.start : note.target.end] == noted
        assert note.target.start > len(inserted) - 2  # moved with its passage
        assert first in reader.briefing.body


async def test_a_change_waits_while_a_note_dialog_is_open_on_the_old_text(sample):
    app = BrieferApp(folders=[sample.parent], open_file=sample)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        reader = await open_reader(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is not reader  # the note dialog, on a passage of the text as it was
        sample.write_text("Rewritten while a note was being typed.\n", encoding="utf-8")
        await until(pilot, lambda: reader.waiting_version is not None, "the new version read")
        assert "Rewritten" not in reader.briefing.body
        await pilot.press("escape")
        await until(pilot, lambda: RELOADED in messages(app), "the reload once the dialog closed")
        assert reader.briefing.body.startswith("Rewritten")


async def test_an_open_briefing_deleted_on_disk_stays_with_a_notice(sample):
    app = BrieferApp(folders=[sample.parent], open_file=sample)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        reader = await open_reader(app, pilot)
        body = reader.briefing.body
        sample.unlink()
        await until(pilot, lambda: DELETED in messages(app), "the deleted notice")
        assert app.screen is reader and reader.briefing.body == body


def test_the_cursor_follows_its_passage_to_its_nearest_place_in_the_new_text():
    old = "One. Two. Three."
    assert follow_offset(old, "Zero. One. Two. Three.", 5, 9) == 11
    assert follow_offset(old, old, 5, 9) == 5
    assert follow_offset(old, "Two. Zero. One. Two. Three.", 5, 9) == 0  # the nearer of two
    assert follow_offset(old, "One. Deux.", 10, 16) == 10  # gone: the same offset
    assert follow_offset(old, "One.", 10, 16) == 4  # within the shorter text
