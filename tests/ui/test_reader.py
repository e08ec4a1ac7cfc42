"""The reader: sentence cursor, paragraphs, pages, selection, mouse, and literal text."""

from __future__ import annotations

from briefer.briefing import load
from briefer.ui.app import BrieferApp
from briefer.ui.screens.reader import ReaderScreen
from briefer.ui.widgets.document import DocumentView


def reader_app(path):
    return BrieferApp(folders=[path.parent], open_file=path)


def current_sentence(view: DocumentView) -> str:
    return view.briefing.sentence_text(view.cursor)


async def test_j_and_k_move_by_sentence(sample):
    briefing = load(sample)
    async with reader_app(sample).run_test(size=(120, 40)) as pilot:
        view = pilot.app.screen.query_one(DocumentView)
        assert current_sentence(view) == briefing.sentence_text(0)
        await pilot.press("j", "j", "down")
        assert current_sentence(view) == briefing.sentence_text(3)
        await pilot.press("k", "up")
        assert current_sentence(view) == briefing.sentence_text(1)


async def test_paragraph_keys_land_on_each_paragraphs_first_sentence(sample):
    briefing = load(sample)
    firsts = []
    for block in briefing.blocks:
        index = next(i for i, (s, _) in enumerate(briefing.sentences) if s >= block.start)
        if index not in firsts:
            firsts.append(index)
    async with reader_app(sample).run_test(size=(120, 40)) as pilot:
        view = pilot.app.screen.query_one(DocumentView)
        await pilot.press("J")
        assert view.cursor == firsts[1]
        await pilot.press("right_curly_bracket")
        assert view.cursor == firsts[2]
        await pilot.press("j")  # inside the paragraph: K goes back to its first sentence
        await pilot.press("K")
        assert view.cursor == firsts[2]
        await pilot.press("left_curly_bracket")
        assert view.cursor == firsts[1]


async def test_top_bottom_and_paging(sample):
    briefing = load(sample)
    last = len(briefing.sentences) - 1
    async with reader_app(sample).run_test(size=(60, 12)) as pilot:
        view = pilot.app.screen.query_one(DocumentView)
        await pilot.press("G")
        assert view.cursor == last
        assert view.scroll_y > 0
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_y == 0
        await pilot.press("space")
        after_one_page = view.cursor
        assert after_one_page > 0 and view.scroll_y > 0
        await pilot.press("pagedown")
        assert view.cursor > after_one_page
        await pilot.press("b", "pageup")
        assert view.cursor < after_one_page


async def test_v_selects_sentences_and_escape_clears(sample):
    briefing = load(sample)
    async with reader_app(sample).run_test(size=(120, 40)) as pilot:
        view = pilot.app.screen.query_one(DocumentView)
        await pilot.press("j", "v", "j", "j")
        passage = view.passage
        assert (passage.first_sentence, passage.last_sentence) == (1, 3)
        assert passage.start == briefing.sentences[1][0] and passage.end == briefing.sentences[3][1]
        assert "3 selected" in str(pilot.app.screen.query_one("#reader-status").content)
        await pilot.press("escape")
        assert not view.has_selection
        assert (view.passage.first_sentence, view.passage.last_sentence) == (3, 3)


async def test_click_puts_cursor_on_clicked_sentence(sample):
    briefing = load(sample)
    async with reader_app(sample).run_test(size=(120, 40)) as pilot:
        view = pilot.app.screen.query_one(DocumentView)
        target = 5
        offset = briefing.sentences[target][0] + 3
        line = view.line_of_offset(offset)
        column = offset - view._lines[line][0] + view.styles.padding.left
        await pilot.click(DocumentView, offset=(column, line))
        assert view.cursor == target


async def test_q_goes_back_to_library(library_dir):
    app = BrieferApp(folders=[library_dir])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        app.open_briefing(library_dir / "00-peace-plan.txt")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        assert not isinstance(app.screen, ReaderScreen)


HOSTILE = (
    "Senator [R-TX] said [b]no[/b] to [Reuters] and [@click=app.quit]x[/] today.\n\n"
    "Colour \x1b[31mred\x1b[0m and \x1b]52;c;aGk=\x07 clipboard.\n"
)


async def test_hostile_text_is_shown_literally_and_runs_nothing(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    app = reader_app(path)
    async with app.run_test(size=(120, 20)) as pilot:
        view = app.screen.query_one(DocumentView)
        lines = [view.render_line(y).text for y in range(4)]
        screen_text = "\n".join(lines)
        assert "[R-TX]" in screen_text and "[b]no[/b]" in screen_text and "[Reuters]" in screen_text
        assert "[@click=app.quit]x[/]" in screen_text
        assert "\x1b" not in screen_text and "\x07" not in screen_text
        assert "[31m" not in screen_text and "52;c;" not in screen_text  # sequences removed whole
        assert "red" in screen_text and "clipboard" in screen_text
        # Clicking the would-be action link runs nothing: the app is still up.
        await pilot.click(DocumentView, offset=(40, 0))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ReaderScreen)


async def test_y_copies_the_passage_with_a_citation(sample):
    briefing = load(sample)
    app = reader_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "j", "y")
        passage = briefing.body[briefing.sentences[0][0] : briefing.sentences[1][1]]
        assert app.clipboard.startswith(passage)
        citation = app.clipboard.rsplit("\n", 1)[-1]
        assert citation.startswith("— ") and briefing.title in citation


async def test_search_lights_every_hit_and_n_N_walk_them_in_order(sample):
    briefing = load(sample)
    hits = [i for i in range(len(briefing.body)) if briefing.body.lower().startswith("plan", i)]
    app = reader_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("slash", *"plan")
        lit = [s for s, _, _ in screen.document.layer_spans("matches")]
        assert lit == hits  # every hit, case-insensitive
        await pilot.press("enter")
        status = str(screen.query_one("#reader-status").content)
        assert f"1/{len(hits)}" in status
        visited = [screen.matches.current[0]]
        for _ in range(3):
            await pilot.press("n")
            visited.append(screen.matches.current[0])
        assert visited == hits[:4]
        assert (
            briefing.sentences[screen.document.cursor][0]
            <= hits[3]
            < briefing.sentences[screen.document.cursor][1]
        )
        await pilot.press("N")
        assert screen.matches.current[0] == hits[2]
        await pilot.press("escape")
        assert screen.document.layer_spans("matches") == []


async def test_search_is_case_sensitive_when_the_query_has_a_capital(sample):
    briefing = load(sample)
    app = reader_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Plan", "enter")
        assert len(app.screen.matches.spans) == briefing.body.count("Plan")


LINKED = (
    "# Brief\n\nThe [ministry statement](https://example.org/statement) was short.\n\n"
    "Sources: <https://example.org/a> and https://example.org/b.\n\n"
    "No links here.\n"
)


async def test_links_open_only_on_the_o_key(tmp_path, monkeypatch):
    import webbrowser

    from briefer.ui.dialogs.links import LinksDialog

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url))
    path = tmp_path / "linked.md"
    path.write_text(LINKED, encoding="utf-8")
    app = reader_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.screen.query_one(DocumentView)
        line = view.line_of_offset(view.body.index("ministry"))
        await pilot.click(DocumentView, offset=(8, line))  # a click on the link moves the cursor only
        assert opened == []
        await pilot.press("o")
        assert opened == ["https://example.org/statement"]
        await pilot.press("j", "o")  # two links: the reader chooses
        assert isinstance(app.screen, LinksDialog)
        await pilot.press("down", "enter")
        assert opened[-1] == "https://example.org/b"
        await pilot.press("j", "o")
        assert len(opened) == 2


def test_links_in_finds_markdown_autolinks_and_bare_urls_but_not_other_schemes():
    from briefer.ui.dialogs.links import links_in

    text = "[a](https://x.org/1) <https://x.org/2> see https://x.org/3. [js](javascript:alert(1)) [f](file:///etc/passwd)"
    assert links_in(text) == ["https://x.org/1", "https://x.org/2", "https://x.org/3"]


async def test_words_typed_straight_after_slash_are_searched_not_run_as_commands(sample):
    """A fast typist's "/peace" arrives at once: "p", "e", "a" must not export or annotate;
    and "/" inside the search box is a character."""
    from textual import events
    from textual.widgets import Input

    app = reader_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        for key, character in (("slash", "/"), *((c, c) for c in "peace")):
            app.post_message(events.Key(key, character))  # queued together, as a terminal sends them
        await pilot.pause()
        assert screen.query_one("#search-input", Input).value == "peace"
        assert app.screen is screen  # no note dialog opened by "a"
        await pilot.press("slash", *"plan")
        assert screen.query_one("#search-input", Input).value == "peace/plan"


async def test_a_note_typed_straight_after_a_runs_no_other_command(sample):
    """ "a" then "note" at once: "n", "o", "t", "e" are not next-match, open-link, tag, export."""
    from textual import events

    from briefer.ui.dialogs.note import NoteDialog

    app = reader_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in "anote":
            app.post_message(events.Key(key, key))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert len(app.screen_stack) == 2 + 1  # the library, the reader and this one dialog
