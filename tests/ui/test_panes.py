"""The linked panes on the sample: people, quotes and dates, and jumps into the text."""

from __future__ import annotations

import signal

import pytest
from textual.events import MouseScrollDown

from briefer.analysing import child
from briefer.analysing.service import AnalysisService
from briefer.ui.app import BrieferApp
from briefer.ui.dialogs.date import DateDialog
from briefer.ui.screens.reader import ReaderScreen


def make_app(sample, tmp_path):
    return BrieferApp(folders=[sample.parent], open_file=sample, notes_file=tmp_path / "notes.json")


async def ready(app, pilot) -> ReaderScreen:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


def row_index(pane, predicate) -> int:
    return next(i for i, item in enumerate(pane.items) if not item.heading and predicate(item))


async def test_who_lists_zelensky_and_choosing_him_lights_every_spelling(sample, tmp_path):
    app = make_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        who = screen.pane("who")
        index = row_index(who, lambda item: item.key == "Volodymyr Zelensky")
        label = who.items[index].label.plain
        assert "Ukrainian President" in label
        await pilot.press("f1")
        who.highlighted = index
        await pilot.press("enter")
        body = screen.briefing.body
        lit = [body[s:e] for s, e, _ in screen.document.layer_spans("matches")]
        assert {"Zelensky", "Zelenskiy"} <= {word.removesuffix("'s") for word in lit}
        assert "1/" in str(screen.query_one("#reader-status").content)
        await pilot.press("n")
        second = screen.matches.spans[1]
        assert screen.matches.current == second
        assert screen.document.cursor_span[0] <= second[0] < screen.document.cursor_span[1]
        assert "2/" in str(screen.query_one("#reader-status").content)
        await pilot.press("escape")
        assert screen.document.layer_spans("matches") == []


async def test_what_attributes_the_quote_and_enter_jumps_to_it(sample, tmp_path):
    app = make_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        what = screen.pane("what")
        quote = "We are ready for constructive, honest and prompt work."
        index = row_index(what, lambda item: item.key == quote)
        assert what.items[index].label.plain.lstrip().startswith("Volodymyr Zelensky:")
        await pilot.press("f2")
        what.highlighted = index
        await pilot.press("enter")
        sentence = screen.briefing.sentence_text(screen.document.cursor)
        assert "We are ready for constructive" in sentence


async def test_when_resolves_weekdays_once_the_reference_date_is_set_and_keeps_it(sample, tmp_path):
    app = make_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        when = screen.pane("when")
        thursday = row_index(when, lambda item: item.key == "Thursday")
        assert "2025-11-20" not in when.items[thursday].label.plain
        await pilot.press("D")
        assert isinstance(app.screen, DateDialog)
        await pilot.press(*"2025-11-20", "enter")
        screen = await ready(app, pilot)
        rows = [item.label.plain for item in screen.pane("when").items]
        wednesday = next(i for i, r in enumerate(rows) if "2025-11-19" in r and "Wednesday" in r)
        thursday = next(i for i, r in enumerate(rows) if "2025-11-20" in r and "Thursday" in r)
        assert wednesday < thursday
        assert "2025-11-20" in str(screen.query_one("#reader-header").content)

    app = make_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        assert screen.reference_date == "2025-11-20"
        assert any(
            "2025-11-20" in item.label.plain and "Thursday" in item.label.plain
            for item in screen.pane("when").items
        )


async def test_moving_the_cursor_marks_the_entities_of_the_sentence(sample, tmp_path):
    app = make_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        who = screen.pane("who")
        zelensky = row_index(who, lambda item: item.key == "Volodymyr Zelensky")
        assert zelensky in who.marked  # the first sentence names him
        quote_sentence = next(
            i
            for i in range(len(screen.briefing.sentences))
            if "We are ready" in screen.briefing.sentence_text(i)
        )
        screen.document.cursor = quote_sentence
        await pilot.pause()
        what = screen.pane("what")
        assert any("We are ready" in what.items[i].key for i in what.marked)


@pytest.mark.parametrize("body", ["", "no names here, nothing dated, no quotes at all."])
async def test_empty_states_are_messages_not_crashes(tmp_path, body):
    path = tmp_path / "plain.txt"
    path.write_text(body, encoding="utf-8")
    app = BrieferApp(folders=[tmp_path], open_file=path, notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        for name in ("who", "when", "where"):
            pane = screen.pane(name)
            assert pane.items == []
            assert pane.message.startswith("No ")


async def test_clicking_a_place_row_lights_its_mentions(sample, tmp_path):
    app = make_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("f4")
        where = screen.pane("where")
        index = row_index(where, lambda item: item.key == "Kyiv")
        row_top = where._layout.tops[index]
        await pilot.click(where, offset=(4, row_top))
        body = screen.briefing.body
        lit = {body[s:e] for s, e, _ in screen.document.layer_spans("matches")}
        assert lit == {"Kyiv"}
        assert "Kyiv" in screen.briefing.sentence_text(screen.document.cursor)


async def test_scroll_wheel_scrolls_the_document(sample, tmp_path):
    app = make_app(sample, tmp_path)
    async with app.run_test(size=(100, 16)) as pilot:
        screen = await ready(app, pilot)
        view = screen.document
        # Pilot has no wheel in Textual 8; post what the driver posts for one notch.
        view.post_message(MouseScrollDown(view, 5, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_y > 0


async def test_vim_keys_move_in_panes_and_between_them(sample, tmp_path):
    app = make_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("f1")
        who = screen.pane("who")
        first = who.highlighted
        await pilot.press("j")
        assert who.highlighted > first
        await pilot.press("k")
        assert who.highlighted == first
        await pilot.press("G")
        assert who.highlighted == max(i for i, item in enumerate(who.items) if not item.heading)
        await pilot.press("l")
        assert screen.current_pane() == "what" and screen.focused is screen.pane("what")
        await pilot.press("h")
        assert screen.current_pane() == "who"


async def test_a_long_briefing_is_analysed_by_a_child_started_before_the_reader(sample, tmp_path):
    analysis = AnalysisService(process_threshold=0)  # every briefing counts as long
    analysis.prestart(sample)  # as run_app starts it, before Textual is imported
    app = BrieferApp(
        folders=[sample.parent], open_file=sample, notes_file=tmp_path / "notes.json", analysis=analysis
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        assert screen.analysis_request.child.path == sample  # the child run_app started on the file
        assert any(item.key == "Volodymyr Zelensky" for item in screen.pane("who").items)


async def test_leaving_a_long_briefing_before_its_analysis_ends_stops_the_child(
    sample, tmp_path, monkeypatch
):
    # A child still at work whenever the reader is left: a real one may finish first on a fast machine.
    monkeypatch.setattr(child, "CHILD_CODE", "import time; time.sleep(60)")
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join([sample.read_text(encoding="utf-8")] * 120), encoding="utf-8")  # 320 kB: long
    app = BrieferApp(folders=[tmp_path], open_file=long, notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):  # a long file is read in a worker: the reader comes once it is read
            if isinstance(app.screen, ReaderScreen) and app.screen.analysis_request is not None:
                break
            await pilot.pause(0.05)
        working = app.screen.analysis_request.child
        await pilot.press("q")
        assert working.wait(timeout=30) == -signal.SIGKILL  # killed, not left to finish
        await app.workers.wait_for_complete()
        assert not app.query("ReaderScreen")


async def test_a_reference_date_set_while_a_long_briefing_is_analysed_replaces_that_analysis(
    sample, tmp_path, monkeypatch
):
    failures = []
    monkeypatch.setattr(ReaderScreen, "show_analysis_error", lambda screen, message: failures.append(message))
    child_code = child.CHILD_CODE
    monkeypatch.setattr(child, "CHILD_CODE", "import time; time.sleep(60)")  # an analysis still running
    app = BrieferApp(
        folders=[sample.parent],
        open_file=sample,
        notes_file=tmp_path / "notes.json",
        analysis=AnalysisService(process_threshold=0),  # every briefing counts as long
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first_child = app.screen.analysis_request.child
        monkeypatch.setattr(child, "CHILD_CODE", child_code)  # the analysis for the new date is a real one
        await pilot.press("D", *"2025-11-20", "enter")
        assert first_child.wait(timeout=30) == -signal.SIGKILL
        screen = await ready(app, pilot)
        assert failures == []  # the stopped analysis is not reported as failed
        assert any(
            "2025-11-20" in item.label.plain and "Thursday" in item.label.plain
            for item in screen.pane("when").items
        )


async def test_rows_shown_before_the_first_layout_keep_their_heading_in_view():
    """A cached analysis fills the panes before they have a size; the section heading must stay on screen."""
    from textual.app import App

    from briefer.ui.widgets.panes import PaneItem, PaneList, PaneRows, heading

    class OnePane(App):
        def compose(self):
            yield PaneList(empty_message="none", id="list")

        def on_mount(self):
            rows = [heading("People")] + [
                PaneItem(((f"Person {i}", ""),), [(i, i + 1)], i, f"p{i}") for i in range(200)
            ]
            self.query_one(PaneList).show_rows(PaneRows.of(rows))

    app = OnePane()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(PaneList)
        assert pane.highlighted == 1 and pane.scroll_y == 0
        await pilot.press("tab", "G")  # the cursor still scrolls its row into view
        assert pane.scroll_y > 0


async def test_the_row_under_the_cursor_is_shown_in_full_and_the_others_stay_one_line():
    from textual.app import App

    from briefer.ui.widgets.panes import PaneItem, PaneList, PaneRows

    quote = "We will not accept any agreement that is reached behind our backs, " * 3
    items = [PaneItem((("Speaker", "bold"), (": " + quote + str(n), "")), [(n, n + 1)], n) for n in range(3)]

    class Lists(App):
        def compose(self):
            yield PaneList(empty_message="none", id="list")

    async with Lists().run_test(size=(50, 20)) as pilot:
        pane = pilot.app.query_one(PaneList)
        pane.show_rows(PaneRows.of(items))
        await pilot.pause()

        def screen_text() -> list[str]:
            return ["".join(s.text for s in pane.render_line(y)).rstrip() for y in range(20)]

        shown = screen_text()
        words = " ".join(line.strip() for line in shown[:8])
        assert quote.split()[-1] + " 0" in words  # the first row, highlighted, reads to its end
        tall = next(i for i, line in enumerate(shown) if "Speaker" in line and i > 0)
        assert tall > 2 and "Speaker" in shown[tall + 1]  # the next rows: one line each
        await pilot.press("j")
        await pilot.pause()
        shown = screen_text()
        assert "Speaker" in shown[1] and shown[1].endswith(tuple("abcdefghijklmnopqrstuvwxyz,"))
        await pilot.click(PaneList, offset=(5, 0))  # the first row, back to one line, still clickable
        assert pane.highlighted == 0
