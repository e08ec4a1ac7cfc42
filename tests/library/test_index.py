import os
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

from briefer.library import IndexUnavailable, LibraryIndex, scan
from briefer.library.database import SCHEMA_VERSION
from tests.library.conftest import briefing, write


def kinds(report):
    return sorted((change.kind, change.path.name) for change in report.changes)


def test_first_refresh_adds_every_file_and_rows_list_them(index, tmp_path):
    folder = tmp_path / "b"
    write(folder / "a.md", briefing("Alpha", "One two three."))
    write(folder / "sub" / "b.txt", "KYIV, Nov 20, 2025 (Reuters) - Four five.")
    report = index.refresh([folder])
    assert (report.files, kinds(report)) == (2, [("added", "a.md"), ("added", "b.txt")])
    rows = index.rows([folder])
    assert [(r.path.name, r.title, r.date, r.source, r.words) for r in rows] == [
        ("a.md", "Alpha", "2025-11-20", "Reuters", 3),
        ("b.txt", "Four five.", "2025-11-20", "Reuters", 8),
    ]


def test_a_second_refresh_reads_nothing_when_nothing_changed(index, tmp_path):
    write(tmp_path / "b" / "a.md", briefing("Alpha", "One."))
    index.refresh([tmp_path / "b"])
    seen = []
    report = index.refresh([tmp_path / "b"], progress=seen.append)
    assert (report.changes, report.unchanged) == ([], 1)
    assert seen[-1].total == 0


def test_change_touch_rename_and_delete_are_told_apart(index, tmp_path):
    folder = tmp_path / "b"
    changed = write(folder / "changed.md", briefing("Old title", "Old words."))
    touched = write(folder / "touched.md", briefing("Touched", "Same words."))
    renamed = write(folder / "before.md", briefing("Renamed", "Moved words."))
    deleted = write(folder / "deleted.md", briefing("Deleted", "Gone words."))
    index.refresh([folder])
    write(changed, briefing("New title", "New words."))
    os.utime(touched, ns=(1, 1))
    renamed.rename(folder / "after.md")
    deleted.unlink()
    write(folder / "added.md", briefing("Added", "Fresh words."))
    report = index.refresh([folder])
    assert kinds(report) == [
        ("added", "added.md"),
        ("changed", "changed.md"),
        ("removed", "deleted.md"),
        ("renamed", "after.md"),
    ]
    assert report.of_kind("renamed")[0].old_path.name == "before.md"
    assert report.unchanged == 1  # the touched file: read, found the same
    assert sorted(r.title for r in index.rows([folder])) == ["Added", "New title", "Renamed", "Touched"]
    assert [r.path.name for r in index.search("old")] == []  # the old words are forgotten
    assert [r.path.name for r in index.search("moved")] == ["after.md"]


def test_an_unreadable_file_keeps_a_row_with_its_error_and_is_retried(index, tmp_path):
    folder = tmp_path / "b"
    (folder).mkdir()
    (folder / "bad.md").write_bytes(b"\x00\x01binary")
    (folder / "dangling.md").symlink_to(folder / "nowhere.md")
    report = index.refresh([folder])
    failed = {change.path.name: change.reason for change in report.of_kind("failed")}
    assert "binary" in failed["bad.md"] and "broken symlink" in failed["dangling.md"]
    rows = {row.path.name: row for row in index.rows([folder])}
    assert rows["bad.md"].error == failed["bad.md"]
    write(folder / "nowhere.md", briefing("Back", "Here now."))
    rows = {row.path.name: row for row in (index.refresh([folder]) and index.rows([folder]))}
    assert rows["dangling.md"].error is None and rows["dangling.md"].title == "Back"


def test_a_missing_folder_is_a_failure_not_an_exception(index, tmp_path):
    report = index.refresh([tmp_path / "missing"])
    assert [(c.kind, c.reason) for c in report.changes] == [("failed", "no such folder")]


def test_stopping_keeps_what_was_read_and_the_next_refresh_resumes(index, tmp_path):
    folder = tmp_path / "b"
    for number in range(450):
        write(folder / f"{number:03d}.md", briefing(f"Briefing {number}", "Words."))
    stop = threading.Event()

    def stop_after_first_batch(progress):
        if progress.changes:
            stop.set()

    first = index.refresh([folder], progress=stop_after_first_batch, stop=stop)
    assert first.stopped and 0 < len(index.rows([folder])) < 450
    second = index.refresh([folder])
    assert len(second.of_kind("added")) == 450 - len(first.of_kind("added"))
    assert len(index.rows([folder])) == 450


def test_progress_is_reported_from_the_start_with_changes_as_they_are_committed(index, tmp_path):
    folder = tmp_path / "b"
    for number in range(5):
        write(folder / f"{number}.md", briefing(f"B{number}", "Words."))
    seen = []
    index.refresh([folder], progress=seen.append)
    assert (seen[0].done, seen[0].total) == (0, 5)
    assert (seen[-1].done, seen[-1].total) == (5, 5)
    assert sorted(change.path.name for p in seen for change in p.changes) == [f"{n}.md" for n in range(5)]


def test_a_damaged_index_is_moved_aside_and_rebuilt_with_a_notice(tmp_path):
    path = tmp_path / "index.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with LibraryIndex(path) as index:
        assert "damaged" in index.notices[0]
        write(tmp_path / "b" / "a.md", briefing("Alpha", "Words."))
        assert len(index.refresh([tmp_path / "b"]).of_kind("added")) == 1
    assert any(p.name.startswith("index.sqlite3.damaged-") for p in tmp_path.iterdir())


def test_an_index_of_another_version_is_rebuilt_not_misread(tmp_path):
    path = tmp_path / "index.sqlite3"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE files(path TEXT, meaning TEXT)")
    old.execute("INSERT INTO files VALUES ('/x.md', 'something else')")
    old.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    old.commit()
    old.close()
    with LibraryIndex(path) as index:
        assert index.rows([tmp_path]) == [] and index.rows(["/"]) == []
        write(tmp_path / "b" / "a.md", briefing("Alpha", "Words."))
        index.refresh([tmp_path / "b"])
        assert [row.title for row in index.rows([tmp_path])] == ["Alpha"]


def test_two_processes_refreshing_at_once_leave_one_consistent_index(tmp_path):
    folder = tmp_path / "b"
    for number in range(300):
        write(folder / f"{number:03d}.md", briefing(f"Briefing {number}", f"Words number{number}."))
    path = tmp_path / "index.sqlite3"
    script = textwrap.dedent(
        f"""
        from briefer.library import IndexUnavailable, LibraryIndex, scan
        with LibraryIndex({str(path)!r}) as index:
            index.refresh([{str(folder)!r}])
        """
    )
    children = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(2)]
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    with LibraryIndex(path) as index:
        assert len(index.rows([folder])) == 300
        assert [r.path.name for r in index.search("number123")] == ["123.md"]
        assert index.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert index.refresh([folder]).changes == []


def test_a_full_disk_is_one_clear_error_and_the_folders_still_list_by_scanning(index, tmp_path):
    folder = tmp_path / "b"
    write(folder / "a.md", briefing("Alpha", "Words."))
    index.refresh([folder])
    for number in range(50):
        write(folder / f"{number}.md", briefing(f"More {number}", "Many more words. " * 200))
    pages = index.connection.execute("PRAGMA page_count").fetchone()[0]
    index.connection.execute(f"PRAGMA max_page_count = {pages}")  # as a full disk refuses pages
    with pytest.raises(IndexUnavailable, match=r"the disk is full$"):
        index.refresh([folder])
    assert len(scan([folder])) == 51
    assert [row.title for row in index.rows([folder])] == [
        "Alpha"
    ]  # the failed batch left nothing half-written


def test_files_new_in_a_new_subfolder_or_behind_a_symlinked_folder_are_found(index, tmp_path):
    folder = tmp_path / "b"
    write(folder / "a.md", briefing("Alpha", "Words."))
    index.refresh([folder])
    write(folder / "new" / "deeper" / "b.md", briefing("Beta", "Words."))
    assert kinds(index.refresh([folder])) == [("added", "b.md")]
    write(tmp_path / "elsewhere" / "c.md", briefing("Gamma", "Words."))
    (folder / "linked").symlink_to(tmp_path / "elsewhere")
    assert kinds(index.refresh([folder])) == [("added", "c.md")]
    write(folder / ".hidden" / "d.md", briefing("Hidden", "Words."))
    assert index.refresh([folder]).changes == []


def test_an_index_damaged_where_opening_does_not_look_is_rebuilt_when_the_damage_shows(tmp_path):
    folder = tmp_path / "b"
    for number in range(60):
        write(folder / f"{number}.md", briefing(f"Briefing {number}", f"Words number{number}. " * 50))
    path = tmp_path / "index.sqlite3"
    with LibraryIndex(path) as index:
        index.refresh([folder])
    damage = sqlite3.connect(path)  # the full-text table's structure record: opening does not read it
    damage.execute("UPDATE fulltext_data SET block = x'ffffffffffffffffffff' WHERE id = 10")
    damage.commit()
    damage.close()
    with LibraryIndex(path) as index:
        assert index.notices == []
        index.refresh([folder])  # nothing changed: it does not read the words either
        assert [r.path.name for r in index.search("number7")] == []  # the damage shows: a new index
        assert any("damaged" in notice for notice in index.notices)
        index.refresh([folder])
        assert len(index.rows([folder])) == 60
        assert [r.path.name for r in index.search("number7")] == ["7.md"]


def test_a_thousand_files_given_one_by_one_are_indexed_and_listed(index, tmp_path):
    paths = [
        write(tmp_path / "b" / f"{number}.md", briefing(f"B{number}", "Words.")) for number in range(1000)
    ]
    assert len(index.refresh(paths).of_kind("added")) == 1000
    assert len(index.rows(paths)) == 1000


def test_the_newest_rows_come_first_for_a_first_screenful(tmp_path):
    folder = tmp_path / "briefings"
    folder.mkdir()
    for name, date in (
        ("old", "2025-01-02"),
        ("undated", None),
        ("new", "2025-03-04"),
        ("mid", "2025-02-03"),
    ):
        front = f"---\ntitle: {name}\ndate: {date}\n---\n" if date else f"# {name}\n\n"
        (folder / f"{name}.md").write_text(front + "Text.\n")
    with LibraryIndex(tmp_path / "index.sqlite3") as index:
        index.refresh([folder])
        from briefer.library.rows import peek_newest

        assert [entry.title for entry in peek_newest([folder], 3, tmp_path / "index.sqlite3")] == [
            "new",
            "mid",
            "old",
        ]
        assert len(index.rows([folder])) == 4


def test_a_first_screenful_is_peeked_read_only_and_nothing_when_there_is_no_current_index(tmp_path):
    from briefer.library.rows import peek_newest

    folder = tmp_path / "briefings"
    write(folder / "a.md", briefing("Alpha", "Text.", date="2025-01-01"))
    write(folder / "b.md", briefing("Beta", "Text.", date="2025-02-01"))
    path = tmp_path / "index.sqlite3"
    assert peek_newest([folder], 10, path) == []  # no index yet
    with LibraryIndex(path) as index:
        index.refresh([folder])
    assert [entry.title for entry in peek_newest([folder], 10, path)] == ["Beta", "Alpha"]
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    assert peek_newest([folder], 10, path) == []  # another version's: never misread
    path.write_bytes(b"not a database at all" * 100)
    assert peek_newest([folder], 10, path) == []


def test_analyses_made_by_another_extractor_are_made_again(tmp_path, monkeypatch):
    from briefer.analysing import cache

    folder = tmp_path / "briefings"
    write(folder / "a.md", briefing("Talks", "Foreign Minister Anna Berg met envoys in Oslo."))
    write(folder / "b.md", briefing("Grain", "Ships left Odesa on Monday."))
    with LibraryIndex(tmp_path / "index.sqlite3") as index:
        index.refresh([folder])
        assert index.analyse([folder]) == 2
        assert index.analyse([folder]) == 0  # nothing new, the same extractor
        monkeypatch.setattr(cache, "extractor_fingerprint", lambda: "a-newer-extractor")
        assert [r.path.name for r in index.search("who:Berg")] == ["a.md"]  # the old rows serve meanwhile
        assert index.analyse([folder]) == 2
        assert index.analyse([folder]) == 0
        assert [r.path.name for r in index.search("who:Berg")] == ["a.md"]
