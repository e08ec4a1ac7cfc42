"""The desk tables in the notes store: durable, shared between windows, read-only respected."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time

import pytest

from briefer.notes.store import InvalidNote, NotesStore, StoreReadOnly
from briefer.notes.store.desk import desk_shard


def reopen(path):
    return NotesStore.open(path, wait=0.5)


def test_records_survive_a_restart(store, notes_path):
    store.put_desk_item("read", "b1", {"state": "read", "at": "2026-03-01T09:00:00+00:00"})
    store.put_desk_item("flags", "b2", {"at": "2026-03-01T09:00:00+00:00"})
    store.close()
    again = reopen(notes_path)
    assert again.desk_table("read") == {"b1": {"state": "read", "at": "2026-03-01T09:00:00+00:00"}}
    assert again.desk_item("flags", "b2") == {"at": "2026-03-01T09:00:00+00:00"}
    assert again.desk_tables() == ["flags", "read"]
    again.close()


def test_a_table_never_written_is_empty(store):
    assert store.desk_table("watch") == {}
    assert store.desk_item("watch", "w1") is None
    assert store.remove_desk_item("watch", "w1") is None


def test_two_windows_keep_each_others_records(notes_path):
    first, second = reopen(notes_path), reopen(notes_path)
    first.put_desk_item("read", "b1", {"state": "read"})
    second.put_desk_item("read", "b2", {"state": "opened"})  # from a copy that had not seen b1
    assert (
        first.desk_table("read")
        == second.desk_table("read")
        == {
            "b1": {"state": "read"},
            "b2": {"state": "opened"},
        }
    )
    second.remove_desk_item("read", "b1")
    assert first.desk_table("read") == {"b2": {"state": "opened"}}


def test_a_change_is_made_to_what_another_window_saved(notes_path):
    first, second = reopen(notes_path), reopen(notes_path)
    first.put_desk_item("watch", "w1", {"name": "Driscoll", "hits_seen": 1})
    second.desk_table("watch")  # second has read it
    first.put_desk_item("watch", "w1", {"name": "Driscoll", "hits_seen": 5})
    old = second.change_desk_item("watch", "w1", lambda record: {**(record or {}), "name": "Dan Driscoll"})
    assert old == {"name": "Driscoll", "hits_seen": 5}
    assert first.desk_item("watch", "w1") == {"name": "Dan Driscoll", "hits_seen": 5}


def test_another_process_saving_at_the_same_time_loses_nothing(notes_path):
    writer = (
        "import sys\nfrom briefer.notes.store import NotesStore\n"
        "s = NotesStore.open(sys.argv[1], wait=10)\n"
        "for i in range(60): s.put_desk_item('read', f'theirs-{i}', {'state': 'read'})\n"
    )
    child = subprocess.Popen([sys.executable, "-c", writer, str(notes_path)])
    mine = NotesStore.open(notes_path, wait=10)
    for i in range(60):
        mine.put_desk_item("read", f"mine-{i}", {"state": "opened"})
    assert child.wait(timeout=60) == 0
    keys = set(mine.desk_table("read"))
    assert keys == {f"mine-{i}" for i in range(60)} | {f"theirs-{i}" for i in range(60)}


def test_a_read_only_store_reads_tables_and_refuses_writes(store, notes_path):
    store.put_desk_item("flags", "b1", {"at": "2026-03-01"})
    holder = os.open(f"{notes_path}.lock", os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another briefer in the middle of a save
    try:
        second = NotesStore.open(notes_path, wait=0.2)
        assert second.read_only
        assert second.desk_table("flags") == {"b1": {"at": "2026-03-01"}}
        with pytest.raises(StoreReadOnly):
            second.put_desk_item("flags", "b2", {"at": "2026-03-02"})
        with pytest.raises(StoreReadOnly):
            second.remove_desk_item("flags", "b1")
    finally:
        os.close(holder)
    second.close()
    assert reopen(notes_path).desk_table("flags") == {"b1": {"at": "2026-03-01"}}


def shard_file(notes_path, table, key):
    return notes_path.parent / "notes.json.d" / f"desk-{table}" / f"{desk_shard(key):02x}.json"


def test_a_damaged_table_file_is_restored_from_its_backup(store, notes_path):
    store.put_desk_item("read", "b1", {"state": "opened"})
    store.put_desk_item("read", "b1", {"state": "read"})
    store.close()
    shard_file(notes_path, "read", "b1").write_bytes(b'{"items": {"b1": ')  # a disk that failed mid-write
    again = reopen(notes_path)
    assert again.desk_table("read") == {"b1": {"state": "opened"}}  # the save before the damage
    assert any("desk-read" in message and "restored" in message for message in again.messages)


def test_records_are_cleaned_and_checked(store):
    store.put_desk_item("watch", "w1", {"name": "Dris\x1b[31mcoll\x07"})
    assert store.desk_item("watch", "w1") == {"name": "Driscoll"}  # no escape reaches a terminal
    with pytest.raises(InvalidNote):
        store.put_desk_item("watch", "", {"name": "x"})
    with pytest.raises(InvalidNote):
        store.put_desk_item("watch", "w2", {"score": float("nan")})
    with pytest.raises(InvalidNote):
        store.put_desk_item("../escape", "w2", {"name": "x"})
    assert store.desk_tables() == ["watch"]


def test_another_windows_table_change_moves_the_change_token(notes_path):
    first, second = reopen(notes_path), reopen(notes_path)
    first.put_desk_item("flags", "b1", {"at": "2026-03-01"})
    time.sleep(0.15)  # past the settling time, when a token is comparable
    before = second.change_token()
    time.sleep(0.01)
    first.put_desk_item("flags", "b2", {"at": "2026-03-01"})
    time.sleep(0.15)
    assert second.change_token() != before


def test_a_write_that_changes_nothing_writes_nothing(store, notes_path):
    store.put_desk_item("read", "b1", {"state": "read"})
    table_file = shard_file(notes_path, "read", "b1")
    before = os.stat(table_file).st_ino
    assert store.put_desk_items("read", {"b1": {"state": "read"}}) is False
    assert os.stat(table_file).st_ino == before
