"""load(): every kind of bad file gives one BriefingError naming the file and the reason."""

import os
import socket
import threading

import pytest

from briefer.briefing import MAX_BYTES, BriefingError, load


def error_of(path):
    with pytest.raises(BriefingError) as caught:
        load(path)
    error = caught.value
    assert error.path == path
    assert str(path) in str(error) and error.reason in str(error)
    assert "\n" not in str(error)
    return error.reason


def test_missing_file(tmp_path):
    assert error_of(tmp_path / "gone.md") == "no such file"


def test_broken_symlink(tmp_path):
    link = tmp_path / "dangling.md"
    link.symlink_to(tmp_path / "nowhere.md")
    assert "broken symlink" in error_of(link)


def test_directory(tmp_path):
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert "folder" in error_of(folder)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("hidden")
    secret.chmod(0)
    try:
        assert error_of(secret) == "permission denied"
    finally:
        secret.chmod(0o644)


def test_binary_file_with_nul_bytes(tmp_path):
    png = tmp_path / "picture.md"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in error_of(png)


def test_too_large_is_refused_before_reading_with_the_size(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as file:
        file.truncate(MAX_BYTES + 5 * 2**20)  # sparse: costs no disk
    reason = error_of(big)
    assert (
        "too large" in reason and "25.0 MB" in reason and "26,214,400 bytes" in reason and "20 MB" in reason
    )


def test_exactly_the_limit_is_accepted(tmp_path):
    edge = tmp_path / "edge.txt"
    edge.write_bytes(b"a" * MAX_BYTES)
    assert len(load(edge).body) == MAX_BYTES


def test_fifo_is_refused_without_opening(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("reason", error_of(fifo)), daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "load() blocked on a FIFO"
    assert "FIFO" in result["reason"]


def test_socket_is_refused(tmp_path):
    path = tmp_path / "sock.md"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        assert "socket" in error_of(path)
    finally:
        server.close()


def test_symlink_loop(tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.symlink_to(second)
    second.symlink_to(first)
    assert error_of(first) == "symlink loop"


def test_file_under_a_file_is_missing(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert "no such file" in error_of(plain / "child.md")


def test_empty_file_is_an_empty_briefing(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    briefing = load(empty)
    assert briefing.body == "" and briefing.blocks == () and briefing.sentences == ()
    assert briefing.title == "empty" and briefing.date is None
    assert briefing.warnings == ("the file is empty",)


def test_symlink_to_a_file_loads(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("Hello there.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert load(link).body == "Hello there.\n"


@pytest.mark.parametrize(
    "name, fmt, first_kind",
    [
        ("a.txt", "text", "paragraph"),
        ("b.md", "markdown", "heading"),
        ("c.markdown", "markdown", "heading"),
        ("D.MD", "markdown", "heading"),
    ],
)
def test_suffix_decides_the_format(tmp_path, name, fmt, first_kind):
    path = tmp_path / name
    path.write_text("# Heading\n\nText.\n")
    briefing = load(path)
    assert (briefing.format, briefing.blocks[0].kind, briefing.path) == (fmt, first_kind, path)


def test_crlf_front_matter_is_recognised(tmp_path):
    path = tmp_path / "win.md"
    path.write_bytes(b"---\r\ntitle: Windows\r\ndate: 2026-01-22\r\n---\r\nBody.\r\n")
    briefing = load(path)
    assert (briefing.title, briefing.date, briefing.body) == ("Windows", "2026-01-22", "Body.\n")


def test_a_file_of_more_lines_than_a_briefing_has_is_refused_with_one_line(tmp_path):
    """A million one-line paragraphs took over a minute at 20 MB; real briefings have hundreds of lines."""
    from briefer.briefing import BriefingError, load
    from briefer.briefing.loader import MAX_LINES

    path = tmp_path / "lines.txt"
    path.write_text("Hi.\n" * (MAX_LINES + 1), encoding="utf-8")
    with pytest.raises(BriefingError, match=r"400,001 lines: briefer reads briefings of up to 400,000 lines"):
        load(path)
    path.write_text("Hi.\n" * MAX_LINES, encoding="utf-8")
    assert len(load(path).blocks) >= 1


def test_a_file_of_more_sentences_than_a_briefing_has_is_refused_with_one_line(tmp_path):
    from briefer.briefing import BriefingError, load
    from briefer.briefing.loader import MAX_SENTENCES

    path = tmp_path / "sentences.txt"
    path.write_text(("Hi. " * 50 + "\n") * (MAX_SENTENCES // 50 + 1), encoding="utf-8")
    with pytest.raises(BriefingError, match=r"sentences: briefer reads briefings of up to 400,000"):
        load(path)
