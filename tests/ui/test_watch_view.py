"""Watch-lists in the app: `w` in the reader's panes, the WATCH view's keys, new hits."""

from __future__ import annotations

from pathlib import Path

from briefer.desk.watch import add_watch, watch_items
from briefer.library import LibraryIndex
from briefer.notes.store import NotesStore
from briefer.ui.app import BrieferApp
from briefer.ui.screens.library import LibraryTable
from briefer.ui.screens.reader import ReaderScreen
from briefer.ui.screens.watch import WatchScreen
from tests.waiting import until

DRISCOLL = """---
title: Envoy returns to Washington
date: 2026-11-02
---
Daniel Driscoll, the US Army Secretary, returned to Washington on Sunday after the talks.
"""


async def settle(app, pilot):
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


def analysed(folder):
    with LibraryIndex() as index:
        index.refresh([folder], analyse=True)


def items(notes):
    with NotesStore.open(notes) as store:
        return watch_items(store)


def shown(screen: WatchScreen) -> list[str]:
    rows = screen.rows
    return [rows._layout.rows[i].label.plain for i in range(rows.row_count)]


async def test_w_in_who_watches_the_person_under_the_cursor(sample, tmp_path):
    notes = tmp_path / "notes.json"
    app = BrieferApp(folders=[sample.parent], open_file=sample, notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("w")  # in the text: nothing is under a pane's cursor
        assert items(notes) == []
        await pilot.press("f1")
        who = screen.pane("who")
        who.highlighted = next(i for i, item in enumerate(who.items) if item.key == "Volodymyr Zelensky")
        await pilot.press("w")
        await pilot.press("f4")  # WHERE
        where = screen.pane("where")
        where.highlighted = next(i for i, item in enumerate(where.items) if not item.heading)
        place = where.items[where.highlighted].key
        await pilot.press("w")
    assert sorted((item.kind, item.text) for item in items(notes)) == [
        ("actor", "Volodymyr Zelensky"),
        ("place", place),
    ]


async def test_the_watch_view_lists_hits_opens_the_reader_at_one_and_counts_them_seen(library_dir, tmp_path):
    notes = tmp_path / "notes.json"
    analysed(library_dir)
    with NotesStore.open(notes) as store:
        add_watch(store, "Driscoll")
        add_watch(store, "who:Zelensky")
    app = BrieferApp(folders=[library_dir], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, WatchScreen)
        rows = shown(screen)
        assert rows[0].startswith("Driscoll  phrase  1 briefing  ● 1 new")
        assert rows[1].startswith("Zelensky  actor  1 briefing  ● 1 new")
        await pilot.press("enter")  # Driscoll's briefings
        assert "Ukrainian President Volodymyr Zelensky" in shown(screen)[1]
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        start, end = reader.document.cursor_span
        body = reader.briefing.body
        assert "Driscoll" in body[start:end]
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")  # back to the items: Driscoll's hit is seen
        assert "new" not in shown(screen)[0] and "1 new" in shown(screen)[1]
    # Seen stays seen after a restart; a briefing that arrives is new.
    (library_dir / "99-driscoll.md").write_text(DRISCOLL, encoding="utf-8")
    analysed(library_dir)
    again = BrieferApp(folders=[library_dir], notes_file=notes)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        await pilot.press("f10")
        await settle(again, pilot)
        assert shown(again.screen)[0].startswith("Driscoll  phrase  2 briefings  ● 1 new")


async def test_rename_and_remove_in_the_watch_view(library_dir, tmp_path):
    notes = tmp_path / "notes.json"
    with NotesStore.open(notes) as store:
        add_watch(store, "Driscoll")
    app = BrieferApp(folders=[library_dir], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.press("r", "ctrl+u", *"The envoy", "enter")
        await settle(app, pilot)
        assert [item.name for item in items(notes)] == ["The envoy"]
        assert shown(app.screen)[0].startswith("The envoy")
        await pilot.press("d", "n")  # asked, and kept
        assert len(items(notes)) == 1
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert items(notes) == []
        assert "Nothing watched yet" in shown(app.screen)[0]


async def test_ctrl_b_watches_the_search_typed(library_dir, tmp_path):
    notes = tmp_path / "notes.json"
    app = BrieferApp(folders=[library_dir], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+f", *"grain OR hake", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+b")
        await settle(app, pilot)
    assert [(item.kind, item.text) for item in items(notes)] == [("search", "grain OR hake")]


async def test_library_rows_name_the_watch_items_they_hit(library_dir, tmp_path):
    notes = tmp_path / "notes.json"
    analysed(library_dir)
    with NotesStore.open(notes) as store:
        add_watch(store, "who:Zelensky")
        add_watch(store, "Driscoll", name="Dan")
    app = BrieferApp(folders=[library_dir], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(LibraryTable)
        title = table.get_row(str(library_dir / "00-peace-plan.txt"))[0].plain
        assert title.startswith("◆ Dan, Zelensky  Ukrainian President")
        other = table.get_row(str(library_dir / "01-reactor-talks.md"))[0].plain
        assert "◆" not in other


async def test_a_briefing_dropped_into_the_folder_appears_as_a_new_hit_in_the_open_watch_view(
    library_dir, tmp_path, monkeypatch
):
    from briefer.ui.screens.library import LibraryScreen

    monkeypatch.setattr(LibraryScreen, "analyses_archive", True)  # the dropped file's who:
    notes = tmp_path / "notes.json"
    analysed(library_dir)
    with NotesStore.open(notes) as store:
        add_watch(store, "who:Driscoll")
    monkeypatch.chdir(library_dir.parent)  # the folder as typed: relative
    app = BrieferApp(folders=[Path(library_dir.name)], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        screen = app.screen
        assert shown(screen)[0].startswith("Driscoll  actor  1 briefing  ● 1 new")
        await pilot.press("enter", "escape")  # looked at: nothing new
        (library_dir / "99-driscoll.md").write_text(DRISCOLL, encoding="utf-8")
        await until(pilot, lambda: "2 briefings  ● 1 new" in shown(screen)[0], "the new hit in WATCH")
        await pilot.press("escape")
        row = app.screen.query_one(LibraryTable).get_row(str(Path(library_dir.name) / "99-driscoll.md"))
        assert row[0].plain.startswith("◆ Driscoll  Envoy returns")


async def test_the_palette_watches_the_search_typed(library_dir, tmp_path):
    notes = tmp_path / "notes.json"
    app = BrieferApp(folders=[library_dir], notes_file=notes)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+f", *"where:Kyiv", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"Watch this search")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
    assert [(item.kind, item.text) for item in items(notes)] == [("search", "where:Kyiv")]


async def test_f10_opens_watch_from_the_reader_and_the_desk_keys_work_from_watch(library_dir, tmp_path):
    from briefer.ui.screens.desk import DESK_VIEWS

    analysed(library_dir)
    app = BrieferApp(folders=[library_dir], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, WatchScreen)
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, DESK_VIEWS["agenda"]), "AGENDA over WATCH")
        await pilot.press("f10")  # back to the WATCH view under it, not a second one
        assert isinstance(app.screen, WatchScreen)
        assert sum(isinstance(screen, WatchScreen) for screen in app.screen_stack) == 1
