"""The command palette runs the screen's actions, opens briefings by title and goes to notes."""

from __future__ import annotations

from textual.command import CommandPalette

from briefer.briefing import load
from briefer.notes.model import Note, Target, new_note_id, now_iso
from briefer.notes.store import NotesStore
from briefer.ui.app import BrieferApp
from briefer.ui.dialogs.date import DateDialog
from briefer.ui.screens.reader import ReaderScreen


async def run_palette(app, pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_runs_a_reader_action(sample, tmp_path):
    app = BrieferApp(folders=[sample.parent], open_file=sample, notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await run_palette(app, pilot, "Ref. date")
        assert isinstance(app.screen, DateDialog)


async def test_palette_switches_pane(sample, tmp_path):
    app = BrieferApp(folders=[sample.parent], open_file=sample, notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await run_palette(app, pilot, "WHERE")
        assert app.screen.current_pane() == "where"


async def test_palette_opens_a_briefing_by_title(library_dir, tmp_path):
    app = BrieferApp(folders=[library_dir], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await run_palette(app, pilot, "open: Ukrainian President Volodymyr")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.briefing.path.name == "00-peace-plan.txt"


async def test_palette_goes_to_a_note_by_its_text(library_dir, tmp_path):
    sample = load(library_dir / "00-peace-plan.txt")
    target = sample.sentences[6]
    store = NotesStore.open(tmp_path / "notes.json")
    stamp = now_iso()
    note = store.add(
        Note(
            new_note_id(),
            sample.id,
            str(sample.path),
            sample.title,
            Target.from_span(sample.body, *target),
            text="leavitt timeline",
            created=stamp,
            updated=stamp,
        )
    )
    store.close()
    app = BrieferApp(folders=[library_dir], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await run_palette(app, pilot, "note: leavitt timeline")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.document.cursor == 6
        assert app.screen.pane("notes").current_item.key == note.id
