"""Taking notes as a user expects: saves that fail keep the text, quick tags toggle, `]` counts,
one NOTES mark, whole-tag completion, other windows' notes, stored text shown clean."""

from __future__ import annotations

import dataclasses

from textual.widgets import Input, Static, TextArea

from briefer.briefing import load
from briefer.notes.session import new_note
from briefer.notes.store import NotesStore, StoreError
from briefer.ui.app import BrieferApp
from briefer.ui.dialogs.note import NoteDialog, TagDialog
from briefer.ui.screens.reader import ReaderScreen
from briefer.ui.widgets.panes import MARK, NO_MARK
from tests.waiting import messages


def make_app(sample, notes_file):
    return BrieferApp(folders=[sample.parent], open_file=sample, notes_file=notes_file)


def stored(notes_file, briefing_id):
    store = NotesStore.open(notes_file)
    try:
        return store.notes_for(briefing_id)
    finally:
        store.close()


def save_note(notes_file, briefing, sentence: int, **fields):
    """A note saved by another briefer (its own store on the same file)."""
    start, end = briefing.sentences[sentence]
    store = NotesStore.open(notes_file)
    try:
        return store.add(new_note(briefing, start, end, kind="note", **fields))
    finally:
        store.close()


def dialog_error(app) -> str:
    return str(app.screen.query_one("#dialog-error", Static).content)


async def test_a_save_that_fails_keeps_the_dialog_open_with_the_text_and_the_reason(
    sample, tmp_path, monkeypatch
):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        real_add = app.store.add

        def disk_full(note):
            raise StoreError("cannot save the note: No space left on device")

        monkeypatch.setattr(app.store, "add", disk_full)
        await pilot.press("a", *"a long thought", "tab", *"key", "ctrl+s")
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one("#note-text", TextArea).text == "a long thought"
        assert dialog_error(app).startswith("Not saved: cannot save the note: No space left on device")
        assert "ctrl+s tries again" in dialog_error(app)

        monkeypatch.setattr(app.store, "add", real_add)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReaderScreen)
    assert [(n.text, n.tags) for n in stored(notes_file, briefing.id)] == [("a long thought", ["key"])]


async def test_a_tag_dialog_whose_save_fails_stays_open_with_the_tags(sample, tmp_path, monkeypatch):
    app = make_app(sample, tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:

        def locked(note):
            raise StoreError("the notes are locked by another briefer")

        monkeypatch.setattr(app.store, "add", locked)
        await pilot.press("t", *"key later", "enter")
        assert isinstance(app.screen, TagDialog)
        assert app.screen.query_one("#tag-input", Input).value == "key later"
        assert "locked by another briefer" in dialog_error(app)


async def test_a_conflicting_edit_offers_their_version_or_keeps_mine(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"mine", "ctrl+s")
        note = app.screen.notes[0]
        await pilot.press("a", "end", *", edited")
        # Meanwhile another window saves its version, and this window's poll brings it in.
        app.store.update(dataclasses.replace(note, text="theirs", tags=["other"]))
        reader = app.screen_stack[-2]
        reader.take_notes(object(), reader.session.read_notes(persist=False), reader.session.changes)
        assert reader.session.find(note.id).text == "theirs"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, NoteDialog)
        assert "changed in another briefer window" in dialog_error(app)
        assert "ctrl+r reloads the other version" in dialog_error(app)
        assert app.screen.query_one("#note-text", TextArea).text == "mine, edited"

        await pilot.press("ctrl+r")
        assert app.screen.query_one("#note-text", TextArea).text == "theirs"
        assert app.screen.query_one("#note-tags", Input).value == "other"
        await pilot.press("end", *", and mine", "ctrl+s")  # keep mine: saved over theirs
        assert isinstance(app.screen, ReaderScreen)
    assert [n.text for n in stored(notes_file, briefing.id)] == ["theirs, and mine"]


async def test_text_from_the_editor_that_cannot_be_saved_opens_in_the_dialog(sample, tmp_path, monkeypatch):
    editor = tmp_path / "fake-editor"
    editor.write_text('#!/bin/sh\nprintf "rewritten in the editor\\n" > "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(sample, tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"first draft", "ctrl+s")

        def gone(note):
            raise StoreError("the notes file no longer exists")

        monkeypatch.setattr(app.store, "update", gone)
        await pilot.press("f5", "E")
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one("#note-text", TextArea).text == "rewritten in the editor"
        assert "no longer exists" in dialog_error(app)
        await pilot.press("escape")  # the edited text is not thrown away without asking
        assert not isinstance(app.screen, (NoteDialog, ReaderScreen))


async def test_stored_text_with_terminal_escapes_reaches_no_widget(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    payload = "\x1b]52;c;cHduZWQ=\x07clip \x1b]0;owned\x07title \x9b31mred\x1b[2J end"
    save_note(notes_file, briefing, 0, text=payload, tags=["key"])
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, NoteDialog)
        shown = app.screen.query_one("#note-text", TextArea).text
        assert shown == "clip title red end"
        screenshot = app.export_screenshot()
        for leftover in ("52;c", "cHduZWQ", "owned", "\x9b", "31m", "2J"):
            assert leftover not in screenshot
        await pilot.press("escape")
        row = app.screen.pane("notes").items[0].label.plain
        assert "clip title red end" in row and "\x1b" not in row


async def test_quick_tags_toggle_on_the_note_covering_the_sentence(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("v", "j", "a", *"two sentences", "ctrl+s", "escape")  # sentences 1-2
        await pilot.press("g", "j", "2")  # the second sentence, inside that note
        assert messages(app)[-1] == "#claim added"
        assert [(n.text, n.tags) for n in stored(notes_file, briefing.id)] == [("two sentences", ["claim"])]
        await pilot.press("2")
        assert messages(app)[-1] == "#claim removed"
        assert [n.tags for n in stored(notes_file, briefing.id)] == [[]]
        await pilot.press("G", "1", "1")  # a tag-only note, then nothing left of it
        assert messages(app)[-1].startswith("#key removed: the note had nothing else and is deleted")
        assert len(stored(notes_file, briefing.id)) == 1


async def test_next_note_counts_and_says_when_it_wraps(sample, tmp_path):
    app = make_app(sample, tmp_path / "notes.json")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("j", "h", "j", "j", "h", "g")
        status = app.screen.query_one("#reader-status", Static)
        await pilot.press("right_square_bracket")
        assert "note 1/2" in str(status.content)
        await pilot.press("right_square_bracket")
        assert "note 2/2" in str(status.content)
        await pilot.press("right_square_bracket")
        assert "note 1/2" in str(status.content)
        assert messages(app)[-1] == "Wrapped to the first note (note 1/2)."
        await pilot.press("left_square_bracket")
        assert messages(app)[-1] == "Wrapped to the last note (note 2/2)."


async def test_the_notes_mark_is_the_row_d_deletes(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "h", "j", "j", "h")  # notes on sentences 2 and 4; the cursor on 4
        notes_pane = app.screen.pane("notes")
        second = app.screen.notes[1]
        assert notes_pane.current_note_id == second.id  # the list cursor follows the document
        marks = [notes_pane.row_prefix(i).plain for i in range(len(notes_pane.items))]
        assert marks == [NO_MARK, MARK]
        await pilot.press("f5", "k")  # the list cursor moves up: the mark goes with it
        marks = [notes_pane.row_prefix(i).plain for i in range(len(notes_pane.items))]
        assert marks == [MARK, NO_MARK]
        await pilot.press("d")
    assert [n.id for n in stored(notes_file, briefing.id)] == [second.id]


async def test_right_arrow_completes_whole_tags_and_cycles(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    save_note(notes_file, briefing, 3, tags=["ukraine", "ukraine/peace-plan", "key"])
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", *"key #ukr")
        field = app.screen.query_one("#tag-input", Input)
        await pilot.pause()
        assert field._suggestion == "key #ukraine"  # the whole tag, dimmed
        await pilot.press("right")
        assert field.value == "key #ukraine"
        await pilot.pause()
        assert field._suggestion == ""  # a whole tag shows no dim remainder that looks finished
        await pilot.press("right")
        assert field.value == "key #ukraine/peace-plan"
        await pilot.press("right")
        assert field.value == "key #ukraine"


async def test_notes_saved_by_another_briefer_appear_within_seconds(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.screen.notes == []
        theirs = save_note(notes_file, briefing, 2, text="from the other window")
        for _ in range(60):
            await pilot.pause(0.1)
            if app.screen.notes:
                break
        assert [n.id for n in app.screen.notes] == [theirs.id]
        assert "1 note" in str(app.screen.query_one("#reader-header").content)


async def test_o_without_a_browser_copies_the_link_and_says_so(sample, tmp_path, monkeypatch):
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    app = make_app(sample, tmp_path / "notes.json")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.screen.open_url("https://example.org/report")
        await pilot.pause()
        assert app.clipboard == "https://example.org/report"
        assert messages(app)[-1] == "No web browser found: link copied, https://example.org/report"


async def test_the_library_counts_notes_saved_by_another_briefer(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = BrieferApp(folders=[sample.parent], notes_file=notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        library = app.screen
        for _ in range(60):
            await pilot.pause(0.1)
            if library.entries:
                break
        assert library.note_counts.get(briefing.id, 0) == 0
        save_note(notes_file, briefing, 1, text="from the other window")
        for _ in range(60):
            await pilot.pause(0.1)
            if library.note_counts.get(briefing.id):
                break
        assert library.note_counts.get(briefing.id) == 1
