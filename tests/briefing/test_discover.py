import os
import socket
import threading

import pytest

from briefer.briefing import BriefingError, discover


def names(paths, root):
    return [str(p.relative_to(root)) for p in paths]


def run_with_timeout(function, *args, seconds=5):
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("value", function(*args)), daemon=True)
    worker.start()
    worker.join(timeout=seconds)
    assert not worker.is_alive(), "discover() hung"
    return result["value"]


def test_walks_subfolders_and_keeps_briefing_suffixes_only(tmp_path):
    for name in ("a.txt", "b.MD", "sub/c.markdown", "sub/deeper/d.md", "notes.json", "sub/image.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert names(discover(tmp_path), tmp_path) == ["a.txt", "b.MD", "sub/c.markdown", "sub/deeper/d.md"]


def test_skips_hidden_files_and_folders(tmp_path):
    (tmp_path / ".hidden.md").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "inside.md").write_text("x")
    (tmp_path / "seen.md").write_text("x")
    assert names(discover(tmp_path), tmp_path) == ["seen.md"]


def test_a_hidden_root_folder_is_still_walked(tmp_path):
    root = tmp_path / ".briefings"
    root.mkdir()
    (root / "a.md").write_text("x")
    assert names(discover(root), root) == ["a.md"]


def test_skips_fifos_sockets_and_symlink_loops_without_hanging(tmp_path):
    (tmp_path / "good.md").write_text("x")
    os.mkfifo(tmp_path / "pipe.md")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(tmp_path / "sock.md"))
    (tmp_path / "loop1.md").symlink_to(tmp_path / "loop2.md")
    (tmp_path / "loop2.md").symlink_to(tmp_path / "loop1.md")
    try:
        assert names(run_with_timeout(discover, tmp_path), tmp_path) == ["good.md"]
    finally:
        server.close()


def test_never_follows_a_symlink_cycle_between_folders(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("x")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # sub/up -> ..
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub")
    assert names(run_with_timeout(discover, tmp_path), tmp_path) == ["sub/a.md"]


def test_follows_a_symlinked_folder_once(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "e.md").write_text("x")
    root = tmp_path / "root"
    root.mkdir()
    (root / "linked").symlink_to(elsewhere)
    assert names(discover(root), root) == ["linked/e.md"]


def test_broken_symlink_is_listed_so_its_error_can_be_shown(tmp_path):
    (tmp_path / "dangling.md").symlink_to(tmp_path / "missing.md")
    assert names(discover(tmp_path), tmp_path) == ["dangling.md"]


def test_missing_folder_is_an_error_and_a_file_is_itself(tmp_path):
    with pytest.raises(BriefingError, match="no such folder"):
        discover(tmp_path / "nope")
    single = tmp_path / "one.txt"
    single.write_text("x")
    assert discover(single) == [single]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_unreadable_subfolder_is_skipped(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.md").write_text("x")
    (tmp_path / "open.md").write_text("x")
    locked.chmod(0)
    try:
        assert names(discover(tmp_path), tmp_path) == ["open.md"]
    finally:
        locked.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_unreadable_root_folder_is_an_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        with pytest.raises(BriefingError, match="permission denied"):
            discover(locked)
    finally:
        locked.chmod(0o755)
