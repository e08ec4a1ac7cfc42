"""TIMELINE (F7), AGENDA (F8, or tab from the timeline) and PLACES (F9): date order, narrowing by
actor, place and tag, what is coming after today, places with their briefings; `enter` opens the
reader at the expression or the place."""

from __future__ import annotations

from briefer.ui.screens.desk_places import PlaceScreen, PlacesScreen
from briefer.ui.screens.desk_timeline import AgendaScreen, TimelineScreen
from briefer.ui.screens.library import LibraryScreen
from briefer.ui.screens.reader import ReaderScreen
from briefer.ui.widgets.document import DocumentView
from tests.ui.test_desk_actors import desk_app, header
from tests.waiting import until


def plain(screen) -> list[str]:
    return [row.label.plain for row in screen.shown]


async def open_view(app, pilot, key: str, kind: type):
    await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, kind) and app.screen.loaded, kind.__name__)
    return app.screen


async def test_f7_lists_dated_expressions_by_the_day_they_mean(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(app, pilot, "f7", TimelineScreen)
        days = [row.label.plain for row in screen.shown if row.heading]
        assert days == sorted(days)
        assert days[:3] == ["2025-11-18", "2025-11-19", "2025-11-20"]
        assert "2025-12-10" in days
        rows = plain(screen)
        summit = next(row for row in rows if row.startswith("December 4, 2025"))
        assert "A summit of European leaders is planned for December 4, 2025 in Brussels." in summit
        assert "2025-11-21 · Zelensky ready to work on US peace plan · Reuters" in summit


async def test_a_narrows_the_timeline_to_the_briefings_naming_an_actor(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(app, pilot, "f7", TimelineScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Grossi", "enter")
        await until(
            pilot, lambda: "actor: Grossi" in str(screen.query_one("#desk-status").content), "narrowed"
        )
        await until(pilot, lambda: len([r for r in screen.shown if not r.heading]) == 2, "Grossi's dates")
        assert all("IAEA chief" in row for row in plain(screen) if "\n" in row)
        await pilot.press("p")  # and by place too: Kyiv is not in his briefing
        await pilot.pause()
        await pilot.press(*"Kyiv", "enter")
        await until(pilot, lambda: screen.query_one("#desk-list").message is not None, "nothing in both")


async def test_enter_opens_the_reader_at_the_expression(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(app, pilot, "f7", TimelineScreen)
        await pilot.press("slash", *"summit", "enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.pause()
        reader = app.screen
        start, end = reader.query_one(DocumentView).cursor_span
        assert reader.briefing.body[start:end].startswith("A summit of European leaders")
        await pilot.press("q")
        assert app.screen is screen


async def test_the_agenda_is_what_comes_after_today_and_tab_goes_back_to_the_timeline(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_view(app, pilot, "f7", TimelineScreen)
        await pilot.press("tab")
        await until(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.loaded, "the agenda")
        agenda = app.screen
        assert "last 30 days" in header(agenda)
        days = [row.label.plain for row in agenda.shown if row.heading]
        assert days == ["2025-11-27", "2025-11-30", "2025-12-04", "2025-12-10"]
        events = [row.label.plain.split("  ")[0] for row in agenda.shown if not row.heading]
        assert events[:3] == ["talks", "deadline", "summit"]
        assert all("1 briefing" in row for row in plain(agenda) if not row.startswith("20"))
        await pilot.press("tab")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen), "the timeline again")
        assert app.screen is not timeline  # in place of the agenda, not stacked on it
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)


async def test_f9_lists_places_and_enter_their_briefings(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(app, pilot, "f9", PlacesScreen)
        first = plain(screen)[0]
        assert first.startswith("Kyiv") and "2 briefings" in first
        await pilot.press("enter")
        await until(
            pilot, lambda: isinstance(app.screen, PlaceScreen) and app.screen.loaded, "Kyiv's briefings"
        )
        rows = plain(app.screen)
        assert rows[1].startswith("2025-11-21  Zelensky ready") and rows[2].startswith(
            "2025-11-20  Strikes hit"
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.pause()
        reader = app.screen
        start, end = reader.query_one(DocumentView).cursor_span
        assert "Kyiv" in reader.briefing.body[start:end]


def test_a_year_month_or_week_is_its_own_group_under_its_own_name():
    from pathlib import Path

    from briefer.desk import DatedItem
    from briefer.ui.screens.desk_timeline import timeline_rows

    def item(day: str, value: str, text: str) -> DatedItem:
        return DatedItem(day, value, text, f"Due {text}.", Path("b.md"), "B", "2025-11-20", None, None, 0, 3)

    rows = timeline_rows(
        [
            item("2025-11-01", "2025-11", "in November"),
            item("2025-11-01", "2025-11-01", "on November 1"),
            item("2025-12-08", "2025-W50", "next week"),
        ]
    )
    assert [row.label.plain.split("  ")[0] for row in rows] == [
        "2025-11",
        "in November",
        "2025-11-01",
        "on November 1",
        "2025-W50",
        "next week",
    ]


async def test_w_watches_the_place_under_the_cursor(tmp_path):
    from briefer.desk.watch import watch_items

    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(app, pilot, "f9", PlacesScreen)
        await pilot.press("w")  # on Kyiv
        await pilot.pause()
        assert [(item.kind, item.text) for item in watch_items(app.store)] == [("place", "Kyiv")]


async def test_t_narrows_the_timeline_to_briefings_with_a_note_so_tagged(tmp_path):
    from briefer.briefing import load
    from briefer.notes.model import Note, Target, new_note_id

    app = desk_app(tmp_path)
    path = app.folders[0] / "03-reactor.md"
    briefing = load(path)
    app.store.add(
        Note(
            new_note_id(),
            briefing.id,
            str(path),
            briefing.title,
            Target.from_span(briefing.body, 0, 20),
            tags=["nuclear/iaea"],
        )
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(app, pilot, "f7", TimelineScreen)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"nuclear", "enter")  # a tag covers the tags under it
        await until(
            pilot, lambda: "tag: nuclear" in str(screen.query_one("#desk-status").content), "narrowed"
        )
        await until(
            pilot,
            lambda: (
                [row.label.plain.split("  ")[0] for row in screen.shown if not row.heading]
                == ["Tuesday", "December 10, 2025"]
            ),
            "the tagged briefing's dates",
        )


async def test_an_agenda_entry_of_several_briefings_lists_them(tmp_path):
    from briefer.library import LibraryIndex
    from briefer.ui.screens.desk_timeline import AgendaEntryScreen

    app = desk_app(tmp_path)
    folder = app.folders[0]
    (folder / "06-geneva.md").write_text(
        "---\ntitle: Geneva prepares for talks\ndate: 2025-11-22\n---\n\n"
        "Swiss officials said the talks on November 27, 2025 would be held at the UN.\n",
        encoding="utf-8",
    )
    with LibraryIndex() as index:
        index.refresh([folder], analyse=True)
    async with app.run_test(size=(80, 24)) as pilot:
        agenda = await open_view(app, pilot, "f8", AgendaScreen)
        first = plain(agenda)[1]
        assert first.startswith("talks  2 briefings")
        await pilot.press("enter")
        await until(
            pilot, lambda: isinstance(app.screen, AgendaEntryScreen) and app.screen.loaded, "the entry"
        )
        rows = plain(app.screen)
        assert "Geneva prepares for talks" in rows[1] and "Zelensky ready to work" in rows[2]  # newest first
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
