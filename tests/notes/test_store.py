"""The notes store: what a user keeps, gets back, and is told."""

from __future__ import annotations

import errno
import fcntl
import json
import math
import os
import threading
import time

import pytest

from briefer.notes.exporting import export_notes
from briefer.notes.importing import import_exports
from briefer.notes.store import InvalidNote, NoteConflict, NotesStore, StoreError, StoreReadOnly, shard_key
from tests.notes.conftest import make_note


def reopen(path, wait=0.5):
    return NotesStore.open(path, wait=wait)


def test_notes_survive_reopening_in_text_order(store, notes_path):
    later = store.add(make_note(quote="insurers"))
    earlier = store.add(make_note(quote="Geneva", tags=["key"]))
    store.close()
    again = reopen(notes_path)
    assert [n.id for n in again.notes_for("b" * 64)] == [earlier.id, later.id]
    assert again.get(earlier.id).tags == ["key"]
    assert again.messages == []


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFER_NOTES", str(tmp_path / "env-notes.json"))
    with NotesStore.open() as opened:
        opened.add(make_note())
        assert opened.path == tmp_path / "env-notes.json"
    assert (tmp_path / "env-notes.json").exists()


def test_add_sets_timestamps_and_update_sets_updated(store):
    note = store.add(make_note())
    assert note.created and note.updated == note.created
    note.text = "Check the insurers"
    note.updated = "2000-01-01T00:00:00+00:00"
    saved = store.update(note)
    assert saved.updated > "2000"
    assert store.get(note.id).text == "Check the insurers"


def test_remove_returns_the_note_so_adding_it_back_undoes(store):
    note = store.add(make_note(text="keep me", tags=["claim"]))
    removed = store.remove(note.id)
    assert store.get(note.id) is None and store.note_counts() == {}
    store.add(removed)
    assert store.get(note.id) == note
    assert store.remove("no-such-id") is None


def test_a_duplicate_id_is_refused(store):
    note = store.add(make_note())
    with pytest.raises(StoreError, match="already exists"):
        store.add(note)


def test_update_of_a_deleted_note_says_so(store):
    note = store.add(make_note())
    store.remove(note.id)
    with pytest.raises(NoteConflict, match="no longer exists") as conflict:
        store.update(note)
    assert conflict.value.current is None


def test_each_update_raises_the_revision(store):
    note = store.add(make_note())
    assert note.revision == 0
    note.text = "first"
    first = store.update(note)
    first.text = "second"
    second = store.update(first)
    assert (first.revision, second.revision) == (1, 2)
    assert store.get(note.id) == second


def test_an_edit_from_a_stale_copy_is_refused_and_the_other_edit_kept(notes_path):
    first, second = reopen(notes_path), reopen(notes_path)
    mine = first.add(make_note())
    theirs = second.get(mine.id)
    theirs.text = "written in the other window"
    second.update(theirs)
    mine.tags = ["key"]  # a quick tag on the copy read before the other window's edit
    with pytest.raises(NoteConflict, match="changed in another briefer window") as conflict:
        first.update(mine)
    assert conflict.value.current.text == "written in the other window"
    assert first.get(mine.id).text == "written in the other window"
    mine.revision = conflict.value.current.revision  # "keep mine"
    assert first.update(mine).tags == ["key"]
    first.close()
    second.close()


def test_importing_a_newer_export_updates_a_note_edited_since(tmp_path, notes_path, store):
    exported = make_note(id="00000000a1", text="from the other machine", updated="2099-01-01T00:00:00+00:00")
    with NotesStore.open(tmp_path / "other.json") as other:
        other.add(exported)
        export_notes(other, tmp_path / "out")
    here = store.add(make_note(id="00000000a1", text="old", updated="2000-01-01T00:00:00+00:00"))
    store.update(here)  # revision 1 here; the export's note has none
    report = import_exports(store, [tmp_path / "out"])
    assert (report.updated, report.problems) == (1, [])
    assert store.get("00000000a1").text == "from the other machine"


def test_a_note_without_a_revision_reads_as_revision_0(store, notes_path):
    note = store.add(make_note())
    shard = notes_path.parent / "notes.json.d" / f"notes-{shard_key(note.briefing_id)}.json"
    data = json.loads(shard.read_bytes())
    del data["notes"][note.id]["revision"]
    shard.write_text(json.dumps(data))
    old = store.get(note.id)
    assert old.revision == 0
    old.text = "edited"
    assert store.update(old).revision == 1


def test_update_can_move_a_note_to_another_briefing(store):
    note = store.add(make_note("old" * 20))
    other = next(f"new{i}" for i in range(1000) if shard_key(f"new{i}") != shard_key("old" * 20))
    note.briefing_id = other
    store.update(note)
    assert store.notes_for("old" * 20) == []
    assert [n.id for n in store.notes_for(other)] == [note.id]
    assert store.note_counts() == {other: 1}


def test_counts_by_briefing_and_nested_tags(store):
    store.add(make_note("x1", tags=["area/energy", "area/trade", "key"]))
    store.add(make_note("x1", tags=["area/energy"]))
    store.add(make_note("x2", tags=["key"]))
    store.add(make_note("x2"))
    assert store.note_counts() == {"x1": 2, "x2": 2}
    # a note under two subtopics of `area` counts once for `area`
    assert store.tag_counts() == {"area": 2, "area/energy": 2, "area/trade": 1, "key": 2}
    assert store.tags_by_briefing() == {"x1": ["area/energy", "area/trade", "key"], "x2": ["key"]}


def test_all_notes_and_notes_for_path(store):
    store.add(make_note("v1", briefing_path="/briefings/geneva.md"))
    store.add(make_note("v2", briefing_path="/briefings/geneva.md", quote="insurers"))
    store.add(make_note("v3", briefing_path="/briefings/other.md"))
    assert len(store.all_notes()) == 3
    assert {n.briefing_id for n in store.notes_for_path("/briefings/../briefings/geneva.md")} == {"v1", "v2"}


def test_relative_briefing_paths_are_stored_absolute(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    note = store.add(make_note(briefing_path="geneva.md"))
    assert store.get(note.id).briefing_path == str(tmp_path / "geneva.md")


def test_briefing_data_lives_apart_and_survives(store, notes_path):
    store.set_briefing_data("b1", reference_date="2026-03-01", read=True)
    store.set_briefing_data("b1", read=None)
    store.close()
    again = reopen(notes_path)
    assert again.briefing_data("b1") == {"reference_date": "2026-03-01"}
    assert again.briefing_data("b2") == {}


def test_returned_notes_are_copies(store):
    note = store.add(make_note(tags=["key"]))
    store.get(note.id).tags.append("sneaked-in")
    store.notes_for(note.briefing_id)[0].tags.append("sneaked-in")
    assert store.get(note.id).tags == ["key"]


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(text="lone surrogate \udcff"), "not valid UTF-8"),
        (dict(kind="scribble"), "kind must be"),
        (dict(anchor="lost"), "anchor must be"),
        (dict(tags=["ok", ""]), "tags"),
        (dict(id="has space"), "id"),
        (dict(briefing_id=""), "no briefing"),
    ],
)
def test_invalid_notes_are_refused_and_nothing_is_written(store, notes_path, change, message):
    store.add(make_note())
    before = sorted(os.listdir(f"{notes_path}.d"))
    with pytest.raises(InvalidNote, match=message):
        store.add(make_note(**change))
    assert sorted(os.listdir(f"{notes_path}.d")) == before
    assert len(store.all_notes()) == 1


def test_nan_in_briefing_data_is_refused(store):
    with pytest.raises(InvalidNote):
        store.set_briefing_data("b1", weight=math.nan)
    assert store.briefing_data("b1") == {}


def test_full_disk_keeps_the_previous_notes_and_says_so(store, notes_path, monkeypatch):
    kept = [store.add(make_note(quote=q)) for q in ("Geneva", "envoy", "insurers")]

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    lost = make_note(quote="ceasefire")
    with pytest.raises(StoreError, match=r"No space left on device.*unchanged"):
        store.add(lost)
    changed = store.get(kept[0].id)
    changed.text = "edit that cannot be saved"
    with pytest.raises(StoreError, match="No space"):
        store.update(changed)
    monkeypatch.undo()
    assert store.get(lost.id) is None
    assert store.get(kept[0].id).text == ""
    store.close()
    again = reopen(notes_path)
    assert {n.id for n in again.all_notes()} == {n.id for n in kept}
    assert again.messages == []
    leftovers = [
        f for f in os.listdir(f"{notes_path}.d") + os.listdir(notes_path.parent) if f.endswith(".tmp")
    ]
    assert leftovers == []


def test_a_second_instance_waits_then_opens_read_only(store, notes_path):
    note = store.add(make_note())
    holder = os.open(f"{notes_path}.lock", os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another briefer in the middle of a long save
    try:
        started = time.monotonic()
        second = NotesStore.open(notes_path, wait=0.3)
        assert time.monotonic() - started >= 0.3
        assert second.read_only
        assert any("read-only" in m for m in second.messages)
        assert second.get(note.id) == note
        with pytest.raises(StoreReadOnly):
            second.add(make_note(quote="envoy"))
        with pytest.raises(StoreReadOnly):
            second.set_briefing_data("b1", read=True)
    finally:
        os.close(holder)
    second.close()
    assert [n.id for n in reopen(notes_path).all_notes()] == [note.id]


def test_two_instances_see_each_others_notes(notes_path):
    first, second = reopen(notes_path), reopen(notes_path)
    mine = first.add(make_note())
    theirs = second.add(make_note(quote="envoy"))
    assert first.get(theirs.id) == theirs and second.get(mine.id) == mine
    assert first.note_counts() == {"b" * 64: 2}
    second.remove(mine.id)
    assert [n.id for n in first.notes_for("b" * 64)] == [theirs.id]


def test_closed_store_refuses_use(store):
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.add(make_note())


def _meta(path):
    return json.loads(path.read_text())["_meta"]["meta"]


def test_schema_version_is_stored(store, notes_path):
    store.add(make_note())
    assert _meta(notes_path)["schema"] == 2


def test_a_newer_schema_is_refused_untouched(notes_path):
    notes_path.write_text(json.dumps({"_meta": {"meta": {"schema": 99}}}))
    before = notes_path.read_bytes()
    with pytest.raises(StoreError, match="newer briefer"):
        NotesStore.open(notes_path)
    assert notes_path.read_bytes() == before


def test_a_schema_1_file_is_migrated_into_shards(notes_path):
    old = make_note(text="from the single-file days").to_dict()
    notes_path.write_text(
        json.dumps(
            {
                "_meta": {"meta": {"schema": 1}},
                "notes": {old["id"]: old},
                "briefings": {"b1": {"reference_date": "2026-01-02"}},
            }
        )
    )
    with NotesStore.open(notes_path) as migrated:
        assert migrated.get(old["id"]).text == "from the single-file days"
        assert migrated.briefing_data("b1") == {"reference_date": "2026-01-02"}
        assert any("Upgraded" in m for m in migrated.messages)
    assert _meta(notes_path)["schema"] == 2
    assert "notes" not in json.loads(notes_path.read_text())
    assert (notes_path.parent / "notes.json.pre-migration-v1").exists()
    with NotesStore.open(notes_path) as again:
        assert again.get(old["id"]) is not None and again.messages == []


def test_a_foreign_json_file_is_not_taken_for_notes(notes_path):
    notes_path.write_text(json.dumps({"users": {"1": {"name": "x"}}}))
    with pytest.raises(StoreError, match="not a briefer notes file"):
        NotesStore.open(notes_path)


def test_a_save_stat_cannot_see_is_still_not_overwritten(store, notes_path):
    """Same inode, size and mtime (a coarse clock tick): the bytes are checked before writing."""
    note = store.add(make_note(text="aaaa"))
    shard = next((notes_path.parent / "notes.json.d").glob("notes-*.json"))
    before = os.stat(shard)
    with open(shard, "r+b") as handle:  # another writer's edit, invisible to stat
        raw = handle.read().replace(b'"text":"aaaa"', b'"text":"bbbb"')
        handle.seek(0)
        handle.write(raw)
    os.utime(shard, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(shard)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    store.add(make_note(quote="envoy"))
    assert store.get(note.id).text == "bbbb"


def test_threads_sharing_one_store_keep_every_note(store):
    def add_many(briefing):
        for _ in range(50):
            store.add(make_note(briefing))

    workers = [threading.Thread(target=add_many, args=(f"b{i}",)) for i in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert store.note_counts() == {"b0": 50, "b1": 50, "b2": 50, "b3": 50}
    assert len(store.all_notes()) == 200


def test_counts_follow_another_instance_save_after_save(notes_path):
    watcher, writer = reopen(notes_path), reopen(notes_path)
    for expected in range(1, 8):
        writer.add(make_note(tags=["key"]))
        assert watcher.note_counts() == {"b" * 64: expected}
        assert watcher.tag_counts() == {"key": expected}


def test_change_token_moves_when_another_instance_saves(notes_path, store):
    other = reopen(notes_path)
    time.sleep(0.15)  # past the moment a same-tick save could hide in
    quiet = store.change_token()
    assert store.change_token() == quiet
    note = other.add(make_note())
    assert store.change_token() != quiet
    time.sleep(0.15)
    settled = store.change_token()
    assert store.change_token() == settled
    note.text = "edited elsewhere"
    other.update(note)
    assert store.change_token() != settled
    assert store.get(note.id).text == "edited elsewhere"
    other.close()


OSC_52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # would write the clipboard


def test_escape_sequences_are_stored_clean_on_add_and_update(store):
    note = store.add(
        make_note(
            text=f"red \x1b[31malert{OSC_52}\x1b[0m",
            briefing_title="Title\x1b[2J",
            briefing_path="/briefings/\x1b]0;x\x07geneva.md",
            tags=["key\x1b[1m"],
        )
    )
    note.text = f"edited {OSC_52}\x9b2J\x07done"
    stored = store.update(note)
    for shown in (stored, store.get(note.id)):
        assert (shown.text, shown.briefing_title) == ("edited done", "Title")
        assert shown.briefing_path == "/briefings/geneva.md" and shown.tags == ["key"]


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u00ad", "\ufeff", "\u2060"])
def test_tags_differing_only_by_an_invisible_character_are_one_tag(store, invisible):
    store.add(make_note(tags=["energy"]))
    store.add(make_note(tags=[f"ener{invisible}gy", f"#{invisible}energy"]))
    assert store.tag_counts() == {"energy": 2}


def test_an_old_tag_with_a_space_is_kept_as_it_was(store):
    assert store.add(make_note(tags=["key judgement"])).tags == ["key judgement"]


def test_a_note_over_1_mb_is_refused_saying_the_limit(store):
    with pytest.raises(InvalidNote, match="at most 1 MB"):
        store.add(make_note(text="x" * 10_000_000))
    note = store.add(make_note(text="x" * 1_000_000))
    note.text += "y" * 100_000
    with pytest.raises(InvalidNote, match=r"is 1\.0 MB; a note may hold at most 1 MB"):
        store.update(note)
    assert store.get(note.id).text == "x" * 1_000_000


def test_briefing_data_is_stored_clean(store):
    store.set_briefing_data("b1", reference_date="2026-03-01\x1b[2J", labels=["a\x07"])
    assert store.briefing_data("b1") == {"reference_date": "2026-03-01", "labels": ["a"]}
