"""A briefing's notes as the reader changes them, without Textual: made, edited, tagged, deleted, restored."""

from __future__ import annotations

import dataclasses
import fcntl
import os

import pytest

from briefer.briefing import briefing_from_text
from briefer.notes.session import READ_ONLY, UNAVAILABLE, NotesSession, NotesUnavailable, new_note
from briefer.notes.store import NoteConflict, NotesStore, StoreError
from tests.notes.conftest import BODY


@pytest.fixture
def briefing(tmp_path):
    path = tmp_path / "geneva.txt"
    path.write_text(BODY, encoding="utf-8")
    return briefing_from_text(BODY, path)


@pytest.fixture
def session(store, briefing):
    opened = NotesSession(store, briefing)
    opened.load()
    return opened


def span(briefing, quote: str) -> tuple[int, int]:
    start = briefing.body.index(quote)
    return start, start + len(quote)


def test_new_note_is_an_unsaved_note_on_the_span(briefing):
    note = new_note(briefing, *span(briefing, "grain talks"), kind="note", text="why", tags=("a/b",))
    assert note.target.exact == "grain talks"
    assert note.target.prefix.endswith("restart the ")
    assert (note.briefing_id, note.briefing_path, note.briefing_title) == (
        briefing.id,
        str(briefing.path),
        briefing.title,
    )
    assert (note.kind, note.text, note.tags) == ("note", "why", ["a/b"])
    assert note.created == note.updated != ""


def test_notes_are_in_text_order_with_orphans_last_and_survive_a_reload(store, briefing, session):
    later = session.add(*span(briefing, "shipping insurers"), kind="highlight")
    earlier = session.add(*span(briefing, "grain talks"), kind="note", text="first")
    orphan = store.add(new_note(briefing, *span(briefing, "The envoy"), kind="note"))
    orphan.target.exact, orphan.target.prefix, orphan.target.suffix = "words gone from the text", "", ""
    store.update(orphan)
    assert [n.id for n in session.notes] == [earlier.id, later.id]

    reloaded = NotesSession(store, briefing)
    reloaded.load()
    assert [n.id for n in reloaded.notes] == [earlier.id, later.id, orphan.id]
    assert [n.id for n in reloaded.placed] == [earlier.id, later.id]
    assert [n.id for n in reloaded.orphans] == [orphan.id]
    assert reloaded.find(later.id) == later
    assert reloaded.note_at(*span(briefing, "shipping insurers")) == later
    assert reloaded.note_at(*span(briefing, "insurers")) is None


def test_save_edit_saves_over_the_version_it_started_from_and_never_over_a_newer_one(
    store, briefing, session
):
    passage = span(briefing, "grain talks")
    made = session.add(*passage, kind="note", text="first thoughts", tags=["key"])
    changed = session.save_edit(made, text="second thoughts", tags=["key", "area/topic"])
    assert changed.id == made.id
    assert [(n.text, n.tags) for n in store.notes_for(briefing.id)] == [
        ("second thoughts", ["key", "area/topic"])
    ]
    assert session.notes == [changed]
    assert session.known_tags() == ["area/topic", "key"]  # as carried: completion offers whole tags
    # A dialog opened on `made` saves after the session already holds the newer version.
    with pytest.raises(NoteConflict):
        session.save_edit(made, text="stale thoughts", tags=[])
    assert [n.text for n in store.notes_for(briefing.id)] == ["second thoughts"]


def test_a_highlight_edited_as_a_note_becomes_one_but_tags_alone_keep_it_a_highlight(briefing, session):
    passage = span(briefing, "grain talks")
    highlight = session.add(*passage, kind="highlight")
    assert session.edit(highlight, text="").kind == "highlight"  # still nothing but the passage
    assert session.toggle_tag(*passage, "key")[0].kind == "highlight"
    tagged = session.save_edit(session.note_at(*passage), text=None, tags=["key", "later"])
    assert tagged.kind == "highlight"
    assert session.edit(tagged, text="").kind == "note"  # a note of its tags


def test_a_quick_tag_goes_on_then_comes_off(store, briefing, session):
    passage = span(briefing, "grain talks")
    made, added = session.toggle_tag(*passage, "key")
    assert added and (made.kind, made.tags) == ("note", ["key"])
    assert session.toggle_tag(*passage, "sources")[0].tags == ["key", "sources"]
    kept, added = session.toggle_tag(*passage, "key")
    assert not added and kept.tags == ["sources"]
    assert store.notes_for(briefing.id)[0].tags == ["sources"]


def test_a_quick_tag_taken_off_a_note_with_nothing_else_deletes_it_and_undo_brings_it_back(
    store, briefing, session
):
    passage = span(briefing, "grain talks")
    session.toggle_tag(*passage, "key")
    assert session.toggle_tag(*passage, "key")[1] is False
    assert session.notes == [] and store.notes_for(briefing.id) == []
    assert session.undo_delete().tags == ["key"]
    highlight = session.add(*span(briefing, "shipping insurers"), kind="highlight")
    session.toggle_tag(highlight.target.start, highlight.target.end, "key")
    assert session.toggle_tag(highlight.target.start, highlight.target.end, "key")[0].kind == "highlight"
    assert len(store.notes_for(briefing.id)) == 2  # a highlight is kept without tags


def test_a_quick_tag_inside_a_longer_note_goes_on_that_note(store, briefing, session):
    whole = session.add(*span(briefing, "restart the grain talks"), kind="note", text="context", tags=["key"])
    tagged, added = session.toggle_tag(*span(briefing, "grain"), "claim")
    assert added and tagged.id == whole.id and tagged.tags == ["key", "claim"]
    assert [(n.id, n.tags) for n in store.notes_for(briefing.id)] == [(whole.id, ["key", "claim"])]
    inner = session.add(*span(briefing, "grain talks"), kind="highlight")
    assert session.note_covering(*span(briefing, "grain")) == inner  # the closest note wins


def test_delete_and_undo_bring_the_same_note_back(store, briefing, session):
    note = session.add(*span(briefing, "grain talks"), kind="note", text="keep me", tags=["key"])
    session.delete(note)
    assert session.notes == [] and store.notes_for(briefing.id) == []
    restored = session.undo_delete()
    assert restored is not None
    assert (restored.id, restored.text, restored.tags) == (note.id, "keep me", ["key"])
    assert session.notes == [restored] and store.get(note.id) == restored
    assert session.undo_delete() is None


def test_accept_takes_a_changed_passage_as_the_notes_new_place(store, tmp_path, briefing, session):
    note = session.add(*span(briefing, "the port at Odesa would reopen"), kind="note", text="port", tags=[])
    edited = BODY.replace("would reopen", "will reopen")
    path = briefing.path
    path.write_text(edited, encoding="utf-8")
    changed_briefing = briefing_from_text(edited, path)
    changed = NotesSession(store, changed_briefing)
    changed.load()
    assert changed.notes[0].anchor == "changed"
    accepted = changed.accept(changed.notes[0])
    assert accepted.id == note.id and accepted.anchor == "anchored"
    assert accepted.target.exact == "the port at Odesa will reopen"
    assert store.get(note.id).target.exact == "the port at Odesa will reopen"


def test_the_reference_date_is_the_users_else_the_briefings(briefing, session):
    assert session.reference_date == briefing.date
    session.set_reference_date("2025-11-20")
    assert session.reference_date == "2025-11-20"
    session.set_reference_date("")
    assert session.reference_date == briefing.date


def test_a_change_that_cannot_be_saved_raises_and_changes_nothing(store, briefing, session):
    note = session.add(*span(briefing, "grain talks"), kind="note", text="saved", tags=[])
    store.close()
    with pytest.raises(StoreError):
        session.save_edit(note, text="lost", tags=[])
    with pytest.raises(StoreError):
        session.delete(note)
    assert session.notes == [note] and session.deleted == []


def test_an_edit_refused_for_another_briefers_change_leaves_the_session_with_the_stored_note(
    store, briefing, session, monkeypatch
):
    note = session.add(*span(briefing, "grain talks"), kind="note", text="mine", tags=[])
    theirs = dataclasses.replace(note, text="theirs", revision=note.revision + 1)

    def refuse(changed):
        raise NoteConflict("this note was changed in another briefer window", theirs)

    monkeypatch.setattr(store, "update", refuse)
    with pytest.raises(NoteConflict):
        session.edit(note, text="mine again")
    assert [(n.id, n.text, n.revision) for n in session.notes] == [(note.id, "theirs", theirs.revision)]
    monkeypatch.setattr(store, "update", lambda changed: (_ for _ in ()).throw(NoteConflict("gone", None)))
    with pytest.raises(NoteConflict):
        session.edit(theirs, text="mine again")
    assert session.notes == []


def test_without_a_store_nothing_is_listed_and_changes_say_why(briefing):
    session = NotesSession(None, briefing)
    session.load()
    assert session.notes == [] and session.known_tags() == []
    assert session.unwritable_reason == UNAVAILABLE
    assert session.reference_date == briefing.date
    with pytest.raises(NotesUnavailable, match="unavailable"):
        session.add(*span(briefing, "grain talks"), kind="highlight")


def test_a_read_only_store_says_so(store, notes_path, briefing):
    assert NotesSession(store, briefing).unwritable_reason is None
    holder = os.open(f"{notes_path}.lock", os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another briefer holds the notes
    try:
        second = NotesStore.open(notes_path, wait=0.1)
        try:
            assert NotesSession(second, briefing).unwritable_reason == READ_ONLY
        finally:
            second.close()
    finally:
        os.close(holder)
