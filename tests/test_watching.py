"""The folder watcher: what a library open beside a changing folder hears, by either method."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from briefer import watching
from briefer.watching import Changes, Watcher, filesystem_type

TIMEOUT = 10.0  # seconds a change may take to arrive before the test fails (it takes well under one)


class Heard:
    """Every batch a watcher reports, for a test to wait on."""

    def __init__(self) -> None:
        self.batches: list[Changes] = []
        self.lock = threading.Lock()

    def __call__(self, changes: Changes) -> None:
        with self.lock:
            self.batches.append(changes)

    def kinds(self, path: Path) -> list[str]:
        with self.lock:
            batches = list(self.batches)
        return [
            kind
            for batch in batches
            for kind in ("added", "modified", "deleted")
            if path in getattr(batch, kind)
        ]

    def wait_for(self, path: Path, kind: str, times: int = 1) -> None:
        deadline = time.monotonic() + TIMEOUT
        while self.kinds(path).count(kind) < times:
            assert time.monotonic() < deadline, f"{path} never reported {kind}: {self.batches}"
            time.sleep(0.02)


@pytest.fixture
def folder(tmp_path):
    library = tmp_path / "library"
    (library / "sub").mkdir(parents=True)
    (library / "old.md").write_text("Old news.\n")
    return library


@pytest.fixture(params=["native", "polling"])
def watch(request, folder):
    """A started watcher on `folder` by each method; stopped after the test."""
    heard = Heard()
    watcher = Watcher([folder], heard, polling=request.param == "polling", poll_seconds=0.1).start()
    assert watcher.ready.wait(TIMEOUT)
    assert (folder in watcher.polled) == (request.param == "polling")
    yield heard
    watcher.stop()
    assert watcher.join(TIMEOUT)


def test_a_new_file_is_reported_added(watch, folder):
    (folder / "sub" / "new.md").write_text("Fresh.\n")
    watch.wait_for(folder / "sub" / "new.md", "added")


def test_a_file_written_in_place_is_reported_modified(watch, folder):
    with open(folder / "old.md", "a") as file:
        file.write("More news.\n")
    watch.wait_for(folder / "old.md", "modified")
    assert watch.kinds(folder / "old.md") == ["modified"]


def test_a_deleted_file_is_reported_deleted(watch, folder):
    (folder / "old.md").unlink()
    watch.wait_for(folder / "old.md", "deleted")


def test_a_renamed_file_is_reported_gone_from_its_old_name_and_added_under_the_new(watch, folder):
    (folder / "old.md").rename(folder / "sub" / "renamed.md")
    watch.wait_for(folder / "old.md", "deleted")
    watch.wait_for(folder / "sub" / "renamed.md", "added")


def test_a_file_written_in_several_chunks_is_reported_once(watch, folder):
    path = folder / "chunked.md"
    with open(path, "w") as file:
        for _ in range(4):
            file.write("A paragraph of the briefing, written as it arrives.\n" * 50)
            file.flush()
            time.sleep(0.05)
    watch.wait_for(path, "added")
    time.sleep(watching.QUIET_SECONDS * 2)  # long enough for a second report, were there one
    assert watch.kinds(path) == ["added"]


def test_hidden_and_temporary_files_are_not_reported(watch, folder):
    (folder / ".draft.md").write_text("Hidden.\n")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.md").write_text("Hidden too.\n")
    (folder / "old.md~").write_text("An editor's backup.\n")
    (folder / "sentinel.md").write_text("Written last.\n")
    watch.wait_for(folder / "sentinel.md", "added")
    with watch.lock:
        reported = {path for batch in watch.batches for path in batch.added | batch.modified}
    assert reported == {folder / "sentinel.md"}


def test_a_folder_moved_in_whole_brings_its_briefings(watch, folder, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "inside.md").write_text("Moved in.\n")
    outside.rename(folder / "moved")
    # Natively the folder arrives (its files raise no events of their own); polling sees the file.
    deadline = time.monotonic() + TIMEOUT
    while "added" not in watch.kinds(folder / "moved") + watch.kinds(folder / "moved" / "inside.md"):
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_paths_are_reported_as_under_the_folder_given_relative_or_not(folder, monkeypatch):
    monkeypatch.chdir(folder.parent)
    heard = Heard()
    watcher = Watcher([Path("library")], heard).start()
    try:
        assert watcher.ready.wait(TIMEOUT)
        (folder / "relative.md").write_text("Here.\n")
        heard.wait_for(Path("library") / "relative.md", "added")
    finally:
        watcher.stop()


def test_when_the_native_watch_cannot_start_the_folders_are_polled(folder, monkeypatch):
    import watchfiles

    def no_watches_left(*args, **kwargs):
        raise OSError("OS file watch limit reached")

    monkeypatch.setattr(watchfiles, "watch", no_watches_left)
    heard = Heard()
    watcher = Watcher([folder], heard, poll_seconds=0.1).start()
    try:
        assert watcher.ready.wait(TIMEOUT)
        (folder / "new.md").write_text("Still seen.\n")
        heard.wait_for(folder / "new.md", "added")
        assert "watch limit reached" in watcher.polled[folder]
    finally:
        watcher.stop()


def test_a_folder_on_a_network_filesystem_is_polled(folder, monkeypatch):
    monkeypatch.setattr(watching, "_read_mounts", lambda: f"server:/share {folder} nfs4 rw 0 0\n")
    watcher = Watcher([folder], Heard(), poll_seconds=0.1).start()
    try:
        assert watcher.ready.wait(TIMEOUT)
        assert watcher.polled == {folder: "on a network filesystem (nfs4)"}
    finally:
        watcher.stop()


@pytest.mark.parametrize("polling", [False, True])
def test_a_single_file_is_followed_through_a_save_that_replaces_it(folder, polling):
    path = folder / "old.md"
    heard = Heard()
    watcher = Watcher([path], heard, polling=polling, poll_seconds=0.1).start()
    try:
        assert watcher.ready.wait(TIMEOUT)
        assert (path in watcher.polled) == polling
        (folder / "beside.md").write_text("Another file in its folder: not reported.\n")
        (folder / ".old.md.tmp").write_text("Saved by an editor.\n")
        os.replace(folder / ".old.md.tmp", path)
        # Natively a file renamed into place is an addition; polling sees the same path changed.
        heard.wait_for(path, "modified" if polling else "added")
        with open(path, "a") as file:
            file.write("Then edited again.\n")
        heard.wait_for(path, "modified", times=2 if polling else 1)
        path.unlink()
        heard.wait_for(path, "deleted")
        assert heard.kinds(folder / "beside.md") == []
    finally:
        watcher.stop()


def test_a_single_file_among_folders_is_polled(folder, tmp_path):
    lone = tmp_path / "lone.md"
    lone.write_text("On its own.\n")
    watcher = Watcher([folder, lone], Heard()).start()
    try:
        assert watcher.ready.wait(TIMEOUT)
        assert watcher.polled == {lone: "a single file among folders"}
    finally:
        watcher.stop()


def test_a_folder_missing_at_the_start_is_watched_once_it_appears(tmp_path):
    later = tmp_path / "later"
    heard = Heard()
    watcher = Watcher([later], heard, poll_seconds=0.1).start()
    try:
        assert watcher.ready.wait(TIMEOUT)
        later.mkdir()
        (later / "first.md").write_text("Here now.\n")
        heard.wait_for(later / "first.md", "added")
    finally:
        watcher.stop()


@pytest.mark.parametrize("polling", [False, True])
def test_stopping_ends_the_thread_at_once(folder, polling):
    watcher = Watcher([folder], Heard(), polling=polling).start()
    assert watcher.ready.wait(TIMEOUT)
    watcher.stop()
    # Far below a poll interval or a native wake: the stop event is looked at every 50 ms.
    assert watcher.join(1.0)


def test_the_filesystem_of_a_path_is_its_longest_mount_point():
    mounts = "/dev/sda1 / ext4 rw 0 0\nserver:/x /mnt/my\\040share nfs rw 0 0\ntmpfs /mnt tmpfs rw 0 0\n"
    assert filesystem_type(Path("/mnt/my share/briefings"), mounts) == "nfs"
    assert filesystem_type(Path("/mnt/other"), mounts) == "tmpfs"
    assert filesystem_type(Path("/home/me"), mounts) == "ext4"
    assert filesystem_type(Path("/mnt/my shared"), mounts) == "tmpfs"
    assert filesystem_type(Path("/home"), "") is None


def test_polling_finds_the_briefings_the_library_lists(folder, tmp_path):
    """The poller walks the folders itself (it keeps each file's stat): by the loader's rules."""
    from briefer.briefing import discover

    (folder / "sub" / "deep").mkdir()
    (folder / "sub" / "deep" / "x.TXT").write_text("Upper-case suffix.\n")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "y.md").write_text("Hidden folder.\n")
    (folder / ".z.md").write_text("Hidden file.\n")
    (folder / "figures.csv").write_text("Not a briefing.\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.markdown").write_text("Through a symlinked folder.\n")
    (folder / "link").symlink_to(elsewhere)
    (folder / "loop").symlink_to(folder)
    assert set(watching._snapshot([folder])) == {str(path) for path in discover(folder)}
    assert len(watching._snapshot([folder])) == 3
