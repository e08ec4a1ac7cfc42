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
        await pilot.press("ctrl+s")
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


async def test_ctrl_f_searches_full_text_and_notes_listing_the_first_hit(library_dir, tmp_path):
    from briefer.notes.model import Note, Target, new_note_id, now_iso
    from briefer.notes.store import NotesStore

    other = sorted(p for p in library_dir.iterdir() if p.name != "00-peace-plan.txt")[0]
    briefing = load(other)
    store = NotesStore.open(tmp_path / "notes.json")
    stamp = now_iso()
    store.add(
        Note(
            new_note_id(),
            briefing.id,
            str(other),
            briefing.title,
            Target.from_span(briefing.body, 0, 20),
            text="ask about the quorum",
            created=stamp,
            updated=stamp,
        )
    )
    store.close()
    app = BrieferApp(folders=[library_dir], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        table = await start(app, pilot)
        await pilot.press("ctrl+f", *"backchannel", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 1
        assert "backchannel" in str(table.get_row_at(0)[0])  # the hit, shown under the title
        await pilot.press("escape", "ctrl+f", *"quorum", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [str(table.get_row_at(i)[0]).split("\n")[0] for i in range(table.row_count)] == [
            briefing.title
        ]
        await pilot.press("escape")
        assert table.row_count > 1


async def test_tag_filter_and_export_from_the_library(library_dir, tmp_path):
    from briefer.notes.model import Note, Target, new_note_id, now_iso
    from briefer.notes.store import NotesStore

    sample = load(library_dir / "00-peace-plan.txt")
    store = NotesStore.open(tmp_path / "notes.json")
    stamp = now_iso()
    store.add(
        Note(
            new_note_id(),
            sample.id,
            str(sample.path),
            sample.title,
            Target.from_span(sample.body, 0, 30),
            tags=["policy/ukraine"],
            created=stamp,
            updated=stamp,
        )
    )
    store.close()
    export_folder = tmp_path / "exports"
    config_file = tmp_path / "config.toml"
    config_file.write_text(f'export_dir = "{export_folder}"\n', encoding="utf-8")
    from briefer.config import load_config

    app = BrieferApp(
        folders=[library_dir], notes_file=tmp_path / "notes.json", settings=load_config(config_file)
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        table = await start(app, pilot)
        assert str(table.get_row(str(sample.path))[4]) == "1"
        await pilot.press("ctrl+f")  # search box open; the filter is another field
        await pilot.press("escape")
        app.screen.query_one("#library-filter").value = "#policy"
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("ctrl+e")
        written = list(export_folder.glob("*.md"))
        assert len(written) == 1
        assert sample.title in written[0].read_text(encoding="utf-8")


async def test_note_count_follows_notes_made_in_the_reader(library_dir, tmp_path):
    app = BrieferApp(folders=[library_dir], notes_file=tmp_path / "notes.json")
    sample = library_dir / "00-peace-plan.txt"
    async with app.run_test(size=(120, 40)) as pilot:
        table = await start(app, pilot)
        assert str(table.get_row(str(sample))[4]) == "0"
        app.open_briefing(sample)
        await pilot.pause()
        await pilot.press("h", "j", "h", "q")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(table.get_row(str(sample))[4]) == "2"


async def test_every_letter_typed_goes_to_the_filter_and_runs_no_command(library_dir, tmp_path):
    """Library keys used to run from the list: `q` quit, `e` exported, `s` sorted, `k` moved,
    and the first letter typed was lost when the filter took the focus."""
    export_folder = tmp_path / "exports"
    config_file = tmp_path / "config.toml"
    config_file.write_text(f'export_dir = "{export_folder}"\n', encoding="utf-8")
    from briefer.config import load_config

    app = BrieferApp(folders=[library_dir], settings=load_config(config_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        screen: LibraryScreen = app.screen
        alphabet = "abcdefghijklmnopqrstuvwxyz"
        await pilot.press(*alphabet, *alphabet.upper(), *"/#?-.")
        assert app.screen is screen
        assert screen.query_one("#library-filter").value == alphabet + alphabet.upper() + "/#?-."
        assert screen.sort_key == "date"
        assert not export_folder.exists()


async def test_words_typed_with_pauses_are_kept_whole(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await start(app, pilot)
        for word in ("quota", "kenya", "salar", "reactor"):
            for letter in word:
                await pilot.press(letter)
                await pilot.pause(0.05)
            assert app.screen.query_one("#library-filter").value == word
            await pilot.press("escape")
        await pilot.press(*"reactor")
        assert [e.path.name for e in app.screen.visible_entries()] == ["01-reactor-talks.md"]
        assert table.row_count == 1


async def test_arrows_move_the_list_from_the_filter_and_enter_opens_the_row(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        table = await start(app, pilot)
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("up")
        assert table.cursor_row == 1
        chosen = app.screen.selected_entry()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.briefing.path == chosen.path


async def test_a_search_hit_shows_its_excerpt_under_a_long_title_and_opens_at_the_hit(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(80, 30)) as pilot:
        table = await start(app, pilot)
        await pilot.press("ctrl+f", *"Driscoll", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 1
        # The row's second line is the excerpt around the hit, not the rest of the long title.
        assert "Driscoll" in table.render_line(2).text
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        body = reader.briefing.body
        first = body.index("Driscoll")
        assert reader.matches.label == "Driscoll"
        assert reader.matches.current == (first, first + len("Driscoll"))
        sentence_start, sentence_end = reader.document.cursor_span
        assert sentence_start <= first < sentence_end
        await pilot.press("n")
        second = body.index("Driscoll", first + 1)
        assert reader.matches.current == (second, second + len("Driscoll"))


async def test_the_date_column_shows_the_reference_date_set_in_the_reader(library_dir, tmp_path):
    from briefer.notes.store import NotesStore

    sample = load(library_dir / "00-peace-plan.txt")
    assert sample.date is None  # the sample has no date of its own
    store = NotesStore.open(tmp_path / "notes.json")
    store.set_briefing_data(sample.id, reference_date="2025-11-20")
    store.close()
    app = BrieferApp(folders=[library_dir], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        table = await start(app, pilot)
        assert str(table.get_row(str(sample.path))[1]) == "2025-11-20"


async def test_a_long_file_is_read_in_a_worker_and_keys_are_answered_meanwhile(library_dir, monkeypatch):
    """A file that takes long to read (a 2 MB table took 39 s) must not freeze the library."""
    import threading

    import briefer.briefing

    real_load = briefer.briefing.load
    release = threading.Event()

    def slow_load(path):
        release.wait(timeout=10)
        return real_load(path)

    long = library_dir / "long.txt"
    long.write_text("The minister spoke on Monday. " * 12_000, encoding="utf-8")  # 360 kB
    monkeypatch.setattr(briefer.briefing, "load", slow_load)
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        app.open_briefing(long)
        await pilot.press(*"kenya")  # answered while the file is still being read
        assert app.screen.query_one("#library-filter").value == "kenya"
        assert isinstance(app.screen, LibraryScreen)
        release.set()
        for _ in range(200):
            await pilot.pause(0.05)
            if isinstance(app.screen, ReaderScreen) and app.screen.analysis_request is not None:
                break  # shown and mounted
        assert isinstance(app.screen, ReaderScreen) and app.screen.briefing.path == long
