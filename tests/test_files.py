"""`briefer.files`: a file is replaced whole or not at all, and keeps what the user set up."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from briefer import files
from briefer.files import atomic_write, write_cache


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "files"
    made.mkdir()
    return made


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_write_replaces_the_file_and_leaves_nothing_else(folder):
    target = folder / "notes.json"
    atomic_write(target, b"first")
    atomic_write(target, b"second")
    assert target.read_bytes() == b"second"
    assert names(folder) == ["notes.json"]  # no temporary file, no backup unless asked


def test_the_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "config.toml"
    target.write_bytes(b"old")
    target.chmod(0o600)
    atomic_write(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_symlinked_file_is_written_through_the_link(tmp_path):
    real = tmp_path / "dotfiles" / "briefer.toml"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert names(real.parent) == ["briefer.toml"]


def test_backups_rotate_newest_first_and_the_oldest_drops_off(folder):
    target = folder / "notes.json"
    for version in (b"v1", b"v2", b"v3", b"v4"):
        atomic_write(target, version, backups=2)
    assert target.read_bytes() == b"v4"
    assert (folder / "notes.json.bak1").read_bytes() == b"v3"
    assert (folder / "notes.json.bak2").read_bytes() == b"v2"
    assert names(folder) == ["notes.json", "notes.json.bak1", "notes.json.bak2"]
    assert files.backup_paths(target, 2) == [folder / "notes.json.bak1", folder / "notes.json.bak2"]


@pytest.mark.parametrize("backups", [0, 2])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(folder, monkeypatch, backups):
    target = folder / "notes.json"
    atomic_write(target, b"kept", backups=backups)
    before = names(folder)

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, b"lost", backups=backups)
    assert target.read_bytes() == b"kept"
    assert names(folder) == before


def test_a_write_never_creates_a_folder(folder):
    with pytest.raises(FileNotFoundError):
        atomic_write(folder / "missing" / "notes.json", b"x")
    assert names(folder) == []


def test_a_write_that_need_not_be_durable_skips_fsync(tmp_path, monkeypatch):
    def refuse(fd):
        raise AssertionError("fsync called")

    monkeypatch.setattr(os, "fsync", refuse)
    atomic_write(tmp_path / "cache.bin", b"x", durable=False)
    assert (tmp_path / "cache.bin").read_bytes() == b"x"


def test_a_cache_file_is_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "cache" / "table.bin"
    write_cache(target, b"first")  # creates its folder
    write_cache(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["table.bin"]  # no temporary file left
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    write_cache(blocked / "table.bin", b"x")  # cannot be written: says nothing, costs only time
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_a_fifo_or_device_is_never_replaced_or_read(folder):
    fifo = folder / "fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(files.NotRegularFile, match="FIFO"):
        atomic_write(fifo, b"data")
    with pytest.raises(files.NotRegularFile, match="FIFO"):
        files.read_regular(fifo)  # at once: no waiting for a writer
    write_cache(fifo, b"data")  # a cache says nothing
    try:
        os.mknod(folder / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot make device nodes here")
    (folder / "link").symlink_to(folder / "null")
    for path in (folder / "null", folder / "link"):
        with pytest.raises(files.NotRegularFile, match="character device"):
            atomic_write(path, b"data")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and stat.S_ISCHR(os.lstat(folder / "null").st_mode)
    assert names(folder) == ["fifo.json", "link", "null"]


def test_read_regular_follows_a_link_to_a_regular_file(folder):
    (folder / "real").write_bytes(b"kept")
    (folder / "link").symlink_to(folder / "real")
    assert files.read_regular(folder / "link") == b"kept"
