"""Annotating, tagging and highlighting by keyboard, and notes that survive a restart."""

from __future__ import annotations

from textual.widgets import Static

from briefer.briefing import load
from briefer.notes.store import NotesStore
from briefer.ui.app import BrieferApp
from briefer.ui.dialogs.note import NoteDialog, TagDialog
from briefer.ui.screens.reader import ReaderScreen


def make_app(sample, notes_file):
    return BrieferApp(folders=[sample.parent], open_file=sample, notes_file=notes_file)


def stored(notes_file, briefing_id):
    store = NotesStore.open(notes_file)
    try:
        return store.notes_for(briefing_id)
    finally:
        store.close()


async def test_annotate_selection_with_note_and_tags_then_restart(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "v", "j", "a")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"Two sentences", "tab", *"key area/topic", "ctrl+s")
        assert isinstance(app.screen, ReaderScreen)
        assert len(app.screen.notes) == 1
    notes = stored(notes_file, briefing.id)
    assert len(notes) == 1
    note = notes[0]
    assert note.text == "Two sentences"
    assert note.tags == ["key", "area/topic"]
    assert note.target.exact == briefing.body[briefing.sentences[1][0] : briefing.sentences[2][1]]

    # Restart: the note is listed and marked in the document where it was.
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert [n.id for n in screen.notes] == [note.id]
        marked = screen.document.layer_spans("notes")
        assert [(s, e) for s, e, _ in marked] == [(note.target.start, note.target.end)]
        assert "1 note" in str(screen.query_one("#reader-header").content)


async def test_escape_asks_before_losing_typed_text(sample, tmp_path):
    app = make_app(sample, tmp_path / "notes.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"draft", "escape")
        assert not isinstance(app.screen, (NoteDialog, ReaderScreen))  # the confirm question
        await pilot.press("n")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("escape", "y")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.notes == []
        await pilot.press("a", "escape")  # nothing typed: closes at once
        assert isinstance(app.screen, ReaderScreen)


async def test_a_tag_the_cli_would_refuse_keeps_the_dialog_open_and_says_why(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"kept", "tab", *"key a//b", "ctrl+s")
        assert isinstance(app.screen, NoteDialog)
        reason = str(app.screen.query_one("#dialog-error", Static).content)
        assert reason == "Not a tag: 'a//b' has an empty level (nest with single slashes, as in area/topic)"
        assert stored(notes_file, briefing.id) == []
        await pilot.press(*["backspace"] * 3, *"/b", "ctrl+s")  # a/b
        assert isinstance(app.screen, ReaderScreen)

        await pilot.press("j", "t", *"ok bad//", "enter")
        assert isinstance(app.screen, TagDialog)
        assert "'bad//' has an empty level" in str(app.screen.query_one("#dialog-error", Static).content)
        await pilot.press("escape")
    assert [(n.text, n.tags) for n in stored(notes_file, briefing.id)] == [("kept", ["key", "a/b"])]


async def test_tag_quick_tag_and_highlight(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "enter")  # no tags on an untagged passage: nothing to save
        assert isinstance(app.screen, ReaderScreen) and app.store.notes_for(briefing.id) == []
        await pilot.press("t")
        assert isinstance(app.screen, TagDialog)
        await pilot.press(*"#policy/ukraine sources", "enter")
        await pilot.press("j", "1")  # quick tag 1 = key on the second sentence
        await pilot.press("j", "h")  # highlight the third
        await pilot.press("1")  # quick tag on a highlighted passage tags that note
    notes = stored(notes_file, briefing.id)
    by_start = {n.target.start: n for n in notes}
    first, second, third = (by_start[briefing.sentences[i][0]] for i in range(3))
    assert first.tags == ["policy/ukraine", "sources"] and first.text == ""
    assert second.tags == ["key"]
    assert third.kind == "highlight" and third.tags == ["key"]


async def test_notes_pane_edit_delete_undo_and_jumps(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("j", "h", "j", "j", "j", "h", "g")
        assert len(screen.notes) == 2
        await pilot.press("right_square_bracket")
        assert screen.document.cursor == 1
        await pilot.press("right_square_bracket")
        assert screen.document.cursor == 4
        await pilot.press("left_square_bracket")
        assert screen.document.cursor == 1

        await pilot.press("f5")
        notes_pane = screen.pane("notes")
        assert screen.focused is notes_pane
        notes_pane.highlighted = 0
        await pilot.press("enter")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"edited", "ctrl+s")
        assert stored(notes_file, briefing.id)[0].text == "edited"

        await pilot.press("d")
        assert len(stored(notes_file, briefing.id)) == 1
        await pilot.press("u")
        notes = stored(notes_file, briefing.id)
        assert len(notes) == 2
        assert sorted(n.text for n in notes) == ["", "edited"]


async def test_E_edits_a_note_in_the_users_editor(sample, tmp_path, monkeypatch):
    editor = tmp_path / "fake-editor"
    editor.write_text('#!/bin/sh\nprintf "rewritten in the editor\\n" > "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"first draft", "ctrl+s", "f5", "E")
        assert app.screen.notes[0].text == "rewritten in the editor"
    assert stored(notes_file, briefing.id)[0].text == "rewritten in the editor"


async def test_a_failing_editor_leaves_the_note_unchanged(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.delenv("VISUAL", raising=False)
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"kept", "ctrl+s", "f5", "E")
        assert app.screen.notes[0].text == "kept"
    assert stored(notes_file, briefing.id)[0].text == "kept"


async def test_e_exports_the_briefings_notes_and_says_where(sample, tmp_path):
    from briefer.config import load_config

    export_folder = tmp_path / "exports"
    config_file = tmp_path / "config.toml"
    config_file.write_text(f'export_dir = "{export_folder}"\n', encoding="utf-8")
    app = BrieferApp(
        folders=[sample.parent],
        open_file=sample,
        notes_file=tmp_path / "notes.json",
        settings=load_config(config_file),
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("a", *"worth citing", "tab", *"key", "ctrl+s", "e")
        files = list(export_folder.glob("*.md"))
        assert len(files) == 1
        text = files[0].read_text(encoding="utf-8")
        assert "worth citing" in text and "#key" in text
        messages = [n.message for n in app._notifications]
        assert any(str(files[0]) in m for m in messages)


async def test_notes_follow_an_edited_briefing_changed_ones_accepted_with_A(sample, tmp_path):
    notes_file = tmp_path / "notes.json"
    briefing = load(sample)
    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "a", *"driscoll meeting", "ctrl+s")  # sentence 3
        await pilot.press("G", "h")  # the last sentence
    third = briefing.sentence_text(2)
    last = briefing.sentence_text(len(briefing.sentences) - 1)

    # The editor fixes a word inside the first passage and deletes the last one.
    edited = briefing.body.replace("Army Secretary", "Army secretary").replace(last, "")
    sample.write_text("New opening paragraph added by the editor.\n" + edited, encoding="utf-8")

    app = make_app(sample, notes_file)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        by_text = {n.text: n for n in screen.notes}
        changed = by_text["driscoll meeting"]
        orphan = next(n for n in screen.notes if n.kind == "highlight")
        assert changed.anchor == "changed"
        assert screen.briefing.body[changed.target.start : changed.target.end] == third.replace(
            "Army Secretary", "Army secretary"
        )
        assert orphan.anchor == "orphan" and orphan.target.exact == last
        rows = [item.label.plain for item in screen.pane("notes").items]
        assert any("Orphaned" in row for row in rows)
        assert any("changed" in row for row in rows)
        await pilot.press("f5")
        notes_pane = screen.pane("notes")
        notes_pane.highlighted = next(i for i, item in enumerate(notes_pane.items) if item.key == changed.id)
        await pilot.press("A")
        accepted = next(n for n in screen.notes if n.id == changed.id)
        assert accepted.anchor == "anchored"
        assert accepted.target.exact == third.replace("Army Secretary", "Army secretary")
    assert {n.id: n.anchor for n in stored(notes_file, load(sample).id)}[changed.id] == "anchored"
