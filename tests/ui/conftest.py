from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import termios
from pathlib import Path

import pytest

BUNDLED = Path(__file__).resolve().parents[2] / "briefings"


@pytest.fixture
def library_dir(tmp_path):
    """A copy of the bundled briefings that a test may change."""
    target = tmp_path / "briefings"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def sample(library_dir):
    return library_dir / "00-peace-plan.txt"


def _make_controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@pytest.fixture
def in_terminal():
    """Start a command as the session of a new 120x40 pseudo-terminal, as a terminal window or
    tmux does: `start(command, env)` returns the process and the terminal's master descriptor."""

    def start(command: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, int]:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, b"\x28\x00\x78\x00\x00\x00\x00\x00")  # 40 x 120
        process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            preexec_fn=_make_controlling_terminal,
            env=env,
            cwd=BUNDLED.parent,
        )
        os.close(slave)
        return process, master

    return start


@pytest.fixture(autouse=True)
def no_archive_analysing(monkeypatch):
    """The library analyses the archive after indexing it, in a spawned process: a second of
    CPU per test that does not look at it. Tests of that pass turn it back on."""
    from briefer.ui.screens.library import LibraryScreen

    monkeypatch.setattr(LibraryScreen, "analyses_archive", False)
