import os
import time

import pytest

from briefer.library import listing as library
from briefer.library import scan


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_scan_lists_metadata_of_each_briefing(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: Alpha\ndate: 2026-03-12\nsource: Wire\n---\nOne two three.\n")
    write(tmp_path / "sub" / "b.txt", "KYIV, Nov 20, 2025 (Reuters) - Four five.\n")
    entries = scan([tmp_path])
    assert [(e.path.name, e.title, e.date, e.source, e.words, e.error) for e in entries] == [
        ("a.md", "Alpha", "2026-03-12", "Wire", 3, None),
        ("b.txt", "Four five.", "2025-11-20", "Reuters", 8, None),
    ]
    assert all(len(e.briefing_id) == 64 for e in entries)


def test_a_failing_file_stays_listed_with_its_error_and_file_name(tmp_path):
    write(tmp_path / "good.md", "Fine.\n")
    (tmp_path / "bad.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    entries = {e.path.name: e for e in scan([tmp_path])}
    assert entries["good.md"].error is None
    bad = entries["bad.md"]
    assert (bad.title, bad.words, bad.briefing_id, bad.date) == ("bad.md", 0, None, None)
    assert "binary" in bad.error
    assert "broken symlink" in entries["dangling.md"].error


def test_missing_folder_is_one_error_entry_and_other_folders_still_scan(tmp_path):
    write(tmp_path / "there" / "x.md", "X.\n")
    entries = scan([tmp_path / "missing", tmp_path / "there"])
    assert [(e.path.name, e.error) for e in entries] == [("missing", "no such folder"), ("x.md", None)]


def test_a_file_reached_through_two_folders_is_listed_once(tmp_path):
    write(tmp_path / "sub" / "x.md", "X.\n")
    assert len(scan([tmp_path, tmp_path / "sub", tmp_path / "sub" / "x.md"])) == 1


def test_warnings_are_kept_on_the_entry(tmp_path):
    (tmp_path / "legacy.txt").write_bytes("caf\xe9".encode("latin-1"))
    (entry,) = scan([tmp_path])
    assert entry.error is None and "Windows-1252" in entry.warnings[0]


def test_rescan_uses_the_cache_until_the_file_changes(tmp_path, monkeypatch):
    path = write(tmp_path / "a.md", "# First\n\nBody.\n")
    first = scan([tmp_path])[0]
    loads = []
    real_describe = library.describe
    monkeypatch.setattr(library, "describe", lambda p: loads.append(p) or real_describe(p))
    assert scan([tmp_path])[0] is first
    assert loads == []
    write(path, "# Second title\n\nBody changed.\n")
    later = time.time() + 5  # mtime_ns granularity differs between file systems
    os.utime(path, (later, later))
    changed = scan([tmp_path])[0]
    assert loads == [path]
    assert changed.title == "Second title" and changed.briefing_id != first.briefing_id


def test_errors_are_not_cached(tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "later.md").symlink_to(tmp_path / "target.md")
    assert scan([folder])[0].error
    write(tmp_path / "target.md", "Now it exists.\n")
    assert [(e.error, e.title) for e in scan([folder])] == [(None, "Now it exists.")]


def test_a_briefing_loaded_by_a_reader_is_not_read_again_by_the_scan(tmp_path, monkeypatch):
    from briefer.briefing import load

    path = write(tmp_path / "opened.md", "# Opened from the command line\n\nBody.\n")
    library.remember(path, load(path).info)
    monkeypatch.setattr(library, "describe", lambda p: pytest.fail(f"{p} was read again"))
    [entry] = scan([tmp_path])
    assert entry.title == "Opened from the command line" and entry.words == 7
