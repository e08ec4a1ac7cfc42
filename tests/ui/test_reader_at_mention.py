"""The reader opened at a mention (from the desk's views): the cursor on its sentence, scrolled
to it, the mention lit until esc."""

from __future__ import annotations

from briefer.briefing import load
from briefer.ui.app import BrieferApp
from briefer.ui.screens.reader import ReaderScreen
from briefer.ui.widgets.document import DocumentView
from tests.waiting import until


async def test_the_reader_opens_at_a_mention_far_down_the_text(sample, tmp_path):
    briefing = load(sample)
    start = briefing.body.rindex("Driscoll")
    mention = (start, start + len("Driscoll"))
    app = BrieferApp(folders=[sample.parent], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(80, 12)) as pilot:
        app.open_briefing(sample, mention=mention)
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        sentence_start, sentence_end = view.cursor_span
        assert sentence_start <= start < sentence_end
        assert view.scroll_y > 0
        assert view.layer_spans("current-match") == [(*mention, "document-view--search-current")]
        assert "(n/N, esc clears)" in str(app.screen.query_one("#reader-status").content)
        await pilot.press("escape")
        assert view.layer_spans("current-match") == []


async def test_once_analysed_n_walks_every_mention_of_the_same_person(sample, tmp_path):
    briefing = load(sample)
    start = briefing.body.rindex("Driscoll")
    app = BrieferApp(folders=[sample.parent], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_briefing(sample, mention=(start, start + len("Driscoll")))
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        reader = app.screen
        await until(pilot, lambda: reader.matches.label not in ("", "mention"), "the person's mentions lit")
        spans = reader.matches.spans
        assert len(spans) > 1 and all("Driscoll" in briefing.body[s:e] for s, e in spans)
        assert reader.matches.current == max(span for span in spans if span[0] <= start)  # still here
        view = reader.query_one(DocumentView)
        await pilot.press("n")  # from the last mention, round to the first
        assert reader.matches.current == spans[0]
        assert view.cursor_span[0] <= spans[0][0] < view.cursor_span[1]


async def test_a_mention_past_the_end_of_a_changed_file_opens_at_the_last_sentence(sample, tmp_path):
    briefing = load(sample)
    end = len(briefing.body)
    app = BrieferApp(folders=[sample.parent], notes_file=tmp_path / "notes.json")
    async with app.run_test(size=(80, 12)) as pilot:
        app.open_briefing(sample, mention=(end + 500, end + 510))
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        assert view.cursor == len(briefing.sentences) - 1
