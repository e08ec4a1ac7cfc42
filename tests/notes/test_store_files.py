"""The store reads and writes regular files only: a device, a FIFO or a symlink to one
as the notes file, a shard or the lock is refused with one line, at once, untouched."""

from __future__ import annotations

import os
import signal
import stat
import time

import pytest

from briefer.notes.store import NotesStore, StoreError, shard_key
from tests.notes.conftest import make_note

BRIEFING = "b" * 64


@pytest.fixture(autouse=True)
def never_hang():
    """A FIFO opened for reading waits for a writer: fail the test instead of hanging."""

    def hung(*_):
        raise TimeoutError("hung on a special file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def char_device(path, minor=5):
    """A device node like /dev/zero (minor 5) or /dev/null (3), made in the test's folder."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("cannot make device nodes here")
    return path


def refused(path):
    started = time.monotonic()
    with pytest.raises(StoreError) as error:
        NotesStore.open(path, wait=0.5)
    assert time.monotonic() - started < 3
    message = str(error.value)
    assert "\n" not in message and "not a regular file" in message
    return message


def test_a_fifo_notes_file_is_refused_at_once_and_left_alone(tmp_path):
    os.mkfifo(tmp_path / "notes.json")
    assert "FIFO" in refused(tmp_path / "notes.json")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "notes.json").st_mode)
    assert not (tmp_path / "notes.json.lock").exists()  # not even a lock file beside it


@pytest.mark.parametrize("linked", [False, True])
def test_a_device_notes_file_is_refused_and_never_replaced(tmp_path, linked):
    device = char_device(tmp_path / "null", minor=3)
    path = tmp_path / "notes.json"
    if linked:
        path.symlink_to(device)
    assert "character device" in refused(path if linked else device)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def shard_of(notes_path):
    return notes_path.parent / "notes.json.d" / f"notes-{shard_key(BRIEFING)}.json"


def test_a_shard_linked_to_an_endless_device_is_refused_quickly(notes_path):
    with NotesStore.open(notes_path) as store:
        store.add(make_note(BRIEFING))
    shard = shard_of(notes_path)
    shard.unlink()
    shard.symlink_to(char_device(notes_path.parent / "zero"))
    message = refused(notes_path)
    assert shard.name in message and "character device" in message
    assert stat.S_ISCHR(os.lstat(notes_path.parent / "zero").st_mode)


def test_a_fifo_shard_is_refused_quickly(notes_path):
    with NotesStore.open(notes_path) as store:
        store.add(make_note(BRIEFING))
    shard = shard_of(notes_path)
    shard.unlink()
    os.mkfifo(shard)
    assert "FIFO" in refused(notes_path)


def test_a_fifo_lock_file_is_refused(notes_path):
    os.mkfifo(f"{notes_path}.lock")
    assert "FIFO" in refused(notes_path)


def test_a_fifo_summary_costs_only_time(notes_path):
    with NotesStore.open(notes_path) as store:
        note = store.add(make_note(BRIEFING))
    summary = notes_path.parent / "notes.json.d" / "summary.json"
    summary.unlink()
    os.mkfifo(summary)
    with NotesStore.open(notes_path) as store:
        assert [n.id for n in store.all_notes()] == [note.id]
        store.add(make_note(BRIEFING, quote="envoy"))
    assert stat.S_ISFIFO(os.lstat(summary).st_mode)


def test_a_notes_file_symlinked_to_a_regular_file_still_works(tmp_path):
    real = tmp_path / "dotfiles" / "notes.json"
    real.parent.mkdir()
    link = tmp_path / "notes.json"
    link.symlink_to(real)
    with NotesStore.open(link) as store:
        note = store.add(make_note(BRIEFING))
    with NotesStore.open(link) as store:
        assert store.get(note.id) == note
    assert link.is_symlink() and real.is_file()
