"""ACTORS: reached by F6 from the library and the reader, ranked by briefings over a period that
`[` and `]` change, filtered by `/`; an actor's page; the reader at a mention; merge and split."""

from __future__ import annotations

from briefer.desk import DECISIONS_TABLE
from briefer.notes.store import NotesStore
from briefer.ui.app import BrieferApp
from briefer.ui.dialogs.pick import PickDialog
from briefer.ui.screens.desk_actors import ActorPageScreen, ActorsScreen
from briefer.ui.screens.desk_view import DeskList
from briefer.ui.screens.library import LibraryScreen
from briefer.ui.screens.reader import ReaderScreen
from briefer.ui.widgets.document import DocumentView
from tests.desk_views import TODAY, indexed_archive
from tests.waiting import messages, until


def desk_app(tmp_path):
    folder = indexed_archive(tmp_path / "briefings")
    app = BrieferApp(folders=[folder], notes_file=tmp_path / "notes.json")
    app.today = lambda: TODAY
    return app


def names(screen) -> list[str]:
    """The first line of each row shown, as the user reads it."""
    return [row.label.plain.split("\n")[0].strip() for row in screen.shown if row.target is not None]


def header(screen) -> str:
    return str(screen.query_one("#desk-header").content)


async def open_actors(app, pilot) -> ActorsScreen:
    await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
    await pilot.press("f6")
    await until(pilot, lambda: isinstance(app.screen, ActorsScreen) and app.screen.loaded, "ACTORS read")
    return app.screen


async def test_f6_ranks_the_weeks_actors_with_role_sparkline_and_quote(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actors(app, pilot)
        assert "last 7 days, 2025-11-16 to 2025-11-22" in header(screen)
        shown = names(screen)
        assert shown[0].startswith("Volodymyr Zelensky  person")
        assert "2 briefings · ×4" in shown[0]
        assert not any("Zelenskiy" in name for name in shown)  # one actor for both spellings
        first = screen.shown[0].label.plain
        assert "Ukrainian President, 2025-11-21" in first
        assert "“We are ready for constructive, honest and prompt work”" in first
        assert "▁" in first or "█" in first  # the sparkline
        assert any(name.startswith("Daniel Driscoll") and "1 briefing " in name for name in shown)


async def test_brackets_widen_and_narrow_the_period(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actors(app, pilot)
        await pilot.press("right_square_bracket")
        await until(
            pilot,
            lambda: (
                "last 30 days" in header(screen)
                and any(n.startswith("Daniel Driscoll") and "2 briefings" in n for n in names(screen))
            ),
            "Driscoll's earlier briefing counted",
        )
        await pilot.press("left_square_bracket", "left_square_bracket")
        await until(pilot, lambda: "today, 2025-11-22" in header(screen), "one day")
        await until(pilot, lambda: screen.query_one(DeskList).message is not None, "no actors today")


async def test_slash_filters_and_escape_clears_then_goes_back(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actors(app, pilot)
        total = len(names(screen))
        await pilot.press("slash", *"grossi", "enter")
        assert [name.split("  ")[0] for name in names(screen)] == ["Rafael Grossi"]
        await pilot.press("escape")
        assert len(names(screen)) == total
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_enter_opens_the_actors_page_and_enter_there_the_reader_at_the_mention(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actors(app, pilot)
        await pilot.press("enter")  # Zelensky, ranked first
        await until(pilot, lambda: isinstance(app.screen, ActorPageScreen) and app.screen.loaded, "the page")
        page = app.screen
        assert "Volodymyr Zelensky · person" in header(page)
        plain = [row.label.plain for row in page.shown]
        assert plain[0] == "Briefings naming them: 2"
        # newest first: the 21st's briefing, then the 20th's
        assert plain[1].startswith("2025-11-21  Zelensky ready to work on US peace plan")
        assert plain[2].startswith("2025-11-20  Strikes hit Ukraine's power grid")
        assert "Quotes: 2" in plain
        await pilot.press("down", "enter")  # the 20th's briefing, where he is "Zelenskiy"
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.pause()
        reader = app.screen
        body = reader.briefing.body
        start, end = reader.query_one(DocumentView).cursor_span
        assert "Zelenskiy" in body[start:end]
        assert body.index("Zelenskiy") >= start
        await pilot.press("q")
        assert app.screen is page


async def test_n_goes_to_the_next_section_of_the_page(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actors(app, pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ActorPageScreen) and app.screen.loaded, "the page")
        rows = app.screen.query_one(DeskList)
        await pilot.press("n")
        assert app.screen.shown[rows.highlighted].label.plain.startswith("2025-11-21  “We are ready")
        await pilot.press("N")
        assert rows.highlighted == 1


async def test_m_merges_two_actors_and_the_decision_is_kept(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actors(app, pilot)
        driscoll = next(i for i, row in enumerate(screen.shown) if row.target == "person:daniel driscoll")
        grossi = next(i for i, row in enumerate(screen.shown) if row.target == "person:rafael grossi")
        rows = screen.query_one(DeskList)
        rows.highlighted = driscoll
        await pilot.press("m")
        assert "merging into Daniel Driscoll" in str(screen.query_one("#desk-status").content)
        rows.highlighted = grossi
        await pilot.press("m")
        await until(
            pilot,
            lambda: (
                not any(n.startswith("Rafael Grossi") for n in names(screen))
                and any(n.startswith("Daniel Driscoll") and "2 briefings" in n for n in names(screen))
            ),
            "Grossi merged into Driscoll",
        )
        await pilot.press("u")  # undone: two actors again
        await until(pilot, lambda: any(n.startswith("Rafael Grossi") for n in names(screen)), "Grossi back")
        rows.highlighted = next(
            i for i, row in enumerate(screen.shown) if row.target == "person:rafael grossi"
        )
        await pilot.press("m")  # merged the other way round: Grossi's key is kept
        rows.highlighted = next(
            i for i, row in enumerate(screen.shown) if row.target == "person:daniel driscoll"
        )
        await pilot.press("m")
        await until(
            pilot,
            lambda: (
                "person:daniel driscoll" not in screen.actors
                and screen.actors.get("person:rafael grossi") is not None
                and screen.actors["person:rafael grossi"].briefings == 2
            ),
            "merged into Grossi",
        )
    with NotesStore.open(tmp_path / "notes.json") as store:
        (decision,) = store.desk_table(DECISIONS_TABLE).values()
    assert decision["keys"] == ["person:rafael grossi", "person:daniel driscoll"]


async def test_s_splits_a_name_off_an_actor(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actors(app, pilot)
        await pilot.press("s")  # on Zelensky: the names his briefings give him are offered
        await until(pilot, lambda: isinstance(app.screen, PickDialog), "the names")
        assert app.screen.choices == ["Volodymyr Zelensky", "Zelenskiy"]
        await pilot.press("down", "enter")  # Zelenskiy
        await until(
            pilot,
            lambda: (
                any(n.startswith("Zelenskiy") for n in names(screen))
                and any(n.startswith("Volodymyr Zelensky") and "1 briefing " in n for n in names(screen))
            ),
            "Zelenskiy an actor of his own",
        )


async def test_f6_from_the_reader_and_the_palette_entry(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        folder = app.folders[0]
        app.open_briefing(folder / "03-reactor.md")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ActorsScreen), "ACTORS over the reader")
        await pilot.press("q")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("ctrl+p", *"ACTORS")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ActorsScreen), "ACTORS from the palette")


def test_a_rows_text_from_files_stays_on_its_line_without_controls_or_markup():
    from briefer.ui.screens.desk_view import NEW_LINE, DeskRow

    row = DeskRow((("[bold]Evil\x1b[31m\u2028name", "bold"), (NEW_LINE, ""), ("  line\ntwo", "")))
    assert row.label.plain == "[bold]Evil name\n  line two"
    assert row.height == 2 == len(row.label.plain.split("\n"))


async def test_a_briefing_analysed_while_actors_is_open_appears_in_it(tmp_path):
    from briefer.library import LibraryIndex

    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actors(app, pilot)
        folder = app.folders[0]
        (folder / "05-driscoll-returns.md").write_text(
            "---\ntitle: Driscoll returns\ndate: 2025-11-22\n---\n\n"
            "US Army Secretary Daniel Driscoll arrived in Geneva on Saturday for talks.\n",
            encoding="utf-8",
        )
        with LibraryIndex() as index:  # as the library does with what arrives
            index.refresh([folder], analyse=True)
        await until(
            pilot,
            lambda: any(n.startswith("Daniel Driscoll") and "2 briefings" in n for n in names(screen)),
            "the new briefing counted",
        )


async def test_w_watches_the_actor_under_the_cursor(tmp_path):
    from briefer.desk.watch import watch_items

    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actors(app, pilot)
        await pilot.press("w")  # on Zelensky
        await pilot.pause()
        assert [(item.kind, item.text) for item in watch_items(app.store)] == [
            ("actor", "Volodymyr Zelensky")
        ]
        assert "Watching Volodymyr Zelensky" in messages(app)


async def test_f6_from_an_actors_page_goes_back_to_actors_as_it_was_left(tmp_path):
    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actors(app, pilot)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ActorPageScreen), "the page")
        await pilot.press("f6")
        assert app.screen is screen
        assert screen.query_one(DeskList).highlighted == 1
        await pilot.press("f7")  # another view takes its place
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)


async def test_t_on_an_actors_page_opens_their_timeline(tmp_path):
    from briefer.ui.screens.desk_timeline import TimelineScreen

    app = desk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actors(app, pilot)
        screen.query_one(DeskList).highlighted = next(
            i for i, row in enumerate(screen.shown) if row.target == "person:rafael grossi"
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ActorPageScreen) and app.screen.loaded, "the page")
        await pilot.press("t")
        await until(
            pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.loaded, "the timeline"
        )
        texts = [row.label.plain.split("  ")[0] for row in app.screen.shown if not row.heading]
        assert texts == ["Tuesday", "December 10, 2025"]  # the dates of Grossi's one briefing
