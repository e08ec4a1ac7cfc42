"""What reaches a real terminal: no escape sequence hidden in notes, and no traceback.

Note text once reached the pseudo-terminal raw through the note editor: an OSC 52
sequence (write the clipboard), OSC 0 (set the window title) and C1 CSI. These
tests store such payloads through every way into the store (`notes add`, an
import that decodes `&#x1B;`), open every screen that shows them in a real
pseudo-terminal, and read the bytes briefer writes.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "briefings" / "00-peace-plan.txt"
PAYLOAD = "\x1b]52;c;cHduZWQ=\x07clip \x1b]0;owned\x07title \x9b31mred \x9d0;c1title\x9c end"
# What must never reach the terminal: briefer's own output has CSI colour codes, never these
# (C1 controls as UTF-8; a lone 0x9d byte is also part of characters such as "”").
FORBIDDEN = (b"\x1b]52", b"\x1b]0;", b"cHduZWQ=\x07", "\x9b".encode(), "\x9d".encode(), "\x9c".encode())
KEYS = {"F5": "\x1b[15~", "enter": "\r", "escape": "\x1b", "ctrl+q": "\x11"}

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminal sessions as on Linux")


class Terminal:
    """briefer in a 120x40 pseudo-terminal: keys in, every byte it writes kept."""

    def __init__(self, args: list[str], env: dict[str, str], in_terminal) -> None:
        self.process, self.master = in_terminal([sys.executable, "-m", "briefer", *args], env)
        self.output = bytearray()

    def read_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if select.select([self.master], [], [], left)[0]:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output += chunk

    def press(self, *keys: str, wait: float = 0.6) -> None:
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())
            self.read_for(wait)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.master)


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefer", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


@pytest.fixture
def env(tmp_path):
    return dict(os.environ, TERM="xterm-256color", BRIEFER_NOTES=str(tmp_path / "notes.json"))


def test_escape_payloads_stored_every_way_never_reach_the_terminal(tmp_path, env, in_terminal):
    added = _cli("notes", "add", str(SAMPLE), "--quote", "Zelensky", "--note", PAYLOAD, env=env)
    assert added.returncode == 0, added.stderr
    # An export edited by hand with the payload as character references, imported back.
    exported = _cli("export", "-o", str(tmp_path / "out"), env=env)
    assert exported.returncode == 0, exported.stderr
    (export_file,) = (tmp_path / "out").glob("*.md")
    text = export_file.read_text(encoding="utf-8")
    references = "&#x1B;]0;imported&#x07;&#x9B;32m"
    export_file.write_text(text.replace("clip", "clip " + references, 1), encoding="utf-8")
    imported = _cli("import", str(export_file), env=env)
    assert imported.returncode == 0, imported.stderr

    terminal = Terminal([str(SAMPLE)], env, in_terminal)
    try:
        terminal.read_for(4)  # start-up, the reader and its panes
        terminal.press("F5")  # NOTES: the note's row
        terminal.press("enter", wait=1.5)  # the note in the edit dialog
        terminal.press("escape", "escape", "ctrl+q", wait=1.0)
    finally:
        terminal.close()
    shown = bytes(terminal.output)
    assert b"clip" in shown  # the note was on screen
    assert [marker for marker in FORBIDDEN if marker in shown] == []


def test_ctrl_c_during_start_up_prints_no_traceback(env, in_terminal):
    for delay in (0.05, 0.2, 0.3, 0.4, 0.5, 1.0):  # before, during and after the reader's mounting
        terminal = Terminal([str(SAMPLE)], env, in_terminal)
        try:
            terminal.read_for(delay)
            terminal.process.send_signal(signal.SIGINT)
            terminal.read_for(2)
        finally:
            terminal.close()
        assert b"Traceback" not in terminal.output, (delay, bytes(terminal.output[-2000:]))
