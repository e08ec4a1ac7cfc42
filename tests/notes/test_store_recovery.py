"""Damaged files at start: moved aside (never deleted), the last good copy loaded, the user told."""

from __future__ import annotations

import os
import re

import pytest

from briefer.notes.store import NotesStore, shard_key
from tests.notes.conftest import make_note

BRIEFING = "b" * 64


def truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


DAMAGE = {
    "garbage": lambda raw: b"<<not json at all>>",
    "truncated": truncate,
    "NUL-filled": lambda raw: b"\0" * len(raw),
    "empty": lambda raw: b"",
    "wrong shape": lambda raw: b"[1, 2, 3]",
}


def quotes():
    return ["Geneva", "envoy", "ceasefire", "insurers"]


def fill(path):
    with NotesStore.open(path) as store:
        notes = [store.add(make_note(BRIEFING, quote=q)) for q in quotes()]
        store.set_briefing_data(BRIEFING, reference_date="2026-03-01")
        store.set_briefing_data(BRIEFING, reference_date="2026-03-02")
    return notes


def asides(folder, name):
    return [f for f in os.listdir(folder) if f.startswith(f"{name}.corrupt-")]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_shard_is_restored_from_its_backup(notes_path, damage):
    notes = fill(notes_path)
    shard = notes_path.parent / "notes.json.d" / f"notes-{shard_key(BRIEFING)}.json"
    original = DAMAGE[damage](shard.read_bytes())
    shard.write_bytes(original)
    with NotesStore.open(notes_path) as store:
        # the backup is one save behind: every note but the last one added
        assert {n.id for n in store.notes_for(BRIEFING)} == {n.id for n in notes[:-1]}
        (message,) = store.messages
        kept = asides(shard.parent, shard.name)
        assert re.search(
            rf"damaged .*; restored its backup from \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d; "
            rf"1 note saved after it could not be recovered; the damaged file is kept as {kept[0]}\.$",
            message,
        ), message
    assert len(kept) == 1 and (shard.parent / kept[0]).read_bytes() == original
    with NotesStore.open(notes_path) as again:  # repaired for good
        assert again.messages == [] and len(again.notes_for(BRIEFING)) == 3


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_main_file_is_restored_and_no_note_is_lost(notes_path, damage):
    notes = fill(notes_path)
    original = DAMAGE[damage](notes_path.read_bytes())
    notes_path.write_bytes(original)
    with NotesStore.open(notes_path) as store:
        assert {n.id for n in store.all_notes()} == {n.id for n in notes}
        assert store.briefing_data(BRIEFING) == {"reference_date": "2026-03-01"}
        assert any("notes.json was damaged" in m for m in store.messages), store.messages
        assert not store.read_only
    kept = asides(notes_path.parent, "notes.json")
    assert len(kept) == 1 and (notes_path.parent / kept[0]).read_bytes() == original


def test_a_missing_shard_with_backups_is_restored(notes_path):
    notes = fill(notes_path)
    (notes_path.parent / "notes.json.d" / f"notes-{shard_key(BRIEFING)}.json").unlink()
    with NotesStore.open(notes_path) as store:
        assert len(store.notes_for(BRIEFING)) == len(notes) - 1
        assert any("missing" in m for m in store.messages)


def test_without_a_readable_backup_the_damaged_file_is_kept_and_the_user_told(notes_path):
    fill(notes_path)
    folder = notes_path.parent / "notes.json.d"
    shard = folder / f"notes-{shard_key(BRIEFING)}.json"
    for backup in folder.glob(f"{shard.name}.bak*"):
        backup.write_bytes(b"\0\0\0")
    shard.write_bytes(b'{"notes": {"x": ')
    with NotesStore.open(notes_path) as store:
        assert store.notes_for(BRIEFING) == []
        assert any("no backup could be read" in m for m in store.messages)
    assert (folder / asides(folder, shard.name)[0]).read_bytes() == b'{"notes": {"x": '


def test_an_empty_file_on_first_use_is_a_new_store(notes_path):
    notes_path.write_bytes(b"")
    with NotesStore.open(notes_path) as store:
        assert store.messages == [] and store.all_notes() == []
        store.add(make_note())
    assert asides(notes_path.parent, "notes.json") == []


def test_temp_files_of_a_dead_writer_are_cleaned_up(notes_path):
    fill(notes_path)
    stale = notes_path.parent / "notes.json.d" / f".notes-{shard_key(BRIEFING)}.json.abc123.tmp"
    stale.write_bytes(b"half a save")
    with NotesStore.open(notes_path) as store:
        assert len(store.all_notes()) == 4
    assert not stale.exists()


def test_a_stale_or_broken_summary_is_rebuilt(notes_path):
    notes = fill(notes_path)
    (notes_path.parent / "notes.json.d" / "summary.json").write_bytes(b"\0\0")
    with NotesStore.open(notes_path) as store:
        assert store.note_counts() == {BRIEFING: len(notes)}
        assert store.messages == []


def test_a_byte_order_mark_added_by_an_editor_is_harmless(notes_path):
    notes = fill(notes_path)
    notes_path.write_bytes(b"\xef\xbb\xbf" + notes_path.read_bytes())
    with NotesStore.open(notes_path) as store:
        assert store.messages == [] and len(store.all_notes()) == len(notes)


def test_a_missing_notes_folder_is_reported_and_nothing_is_written(notes_path):
    fill(notes_path)
    folder = notes_path.parent / "notes.json.d"
    folder.rename(notes_path.parent / "moved-away")
    with NotesStore.open(notes_path) as store:
        assert store.read_only
        assert any("notes folder" in m and "missing" in m for m in store.messages)
    assert not folder.exists()


def test_a_deleted_shard_without_backups_is_reported(notes_path):
    notes = fill(notes_path)
    folder = notes_path.parent / "notes.json.d"
    for path in folder.glob(f"notes-{shard_key(BRIEFING)}.json*"):
        path.unlink()
    with NotesStore.open(notes_path) as store:
        assert store.notes_for(BRIEFING) == []
        (message,) = store.messages
        assert (
            f"(it is missing) and no backup could be read; {len(notes)} notes in it could not be" in message
        )


def test_an_empty_shard_without_backups_says_how_many_notes_were_lost(notes_path):
    notes = fill(notes_path)
    folder = notes_path.parent / "notes.json.d"
    shard = folder / f"notes-{shard_key(BRIEFING)}.json"
    for backup in folder.glob(f"{shard.name}.bak*"):
        backup.unlink()
    shard.write_bytes(b"")
    with NotesStore.open(notes_path) as store:
        assert store.notes_for(BRIEFING) == []
        (message,) = store.messages
    assert f"was damaged (it is empty) and no backup could be read; {len(notes)} notes in it" in message
    assert message.endswith(f"; the damaged file is kept as {asides(folder, shard.name)[0]}.")
