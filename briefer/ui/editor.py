"""Edit text in the user's own editor ($VISUAL, $EDITOR, else vi), suspending the app meanwhile."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported


class EditorError(Exception):
    """The editor could not be run or failed; the message is one line."""


def editor_command() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        return shlex.split(command)
    except ValueError as exc:
        raise EditorError(f"cannot read the editor command {command!r}: {exc}") from None


def edit_text(app: App, text: str) -> str:
    """The text as the user left it in the editor; EditorError if the editor failed."""
    command = editor_command()
    with tempfile.TemporaryDirectory(prefix="briefer-") as folder:
        path = Path(folder) / "note.md"
        path.write_text(text, encoding="utf-8")
        try:
            try:
                with app.suspend():
                    status = subprocess.call([*command, str(path)])
            except SuspendNotSupported:  # headless (tests) or a driver without a terminal to give up
                status = subprocess.call([*command, str(path)], stdin=subprocess.DEVNULL)
        except OSError as exc:
            raise EditorError(f"cannot run {command[0]}: {exc.strerror or exc}") from None
        if status != 0:
            raise EditorError(f"{command[0]} exited with status {status}; the note is unchanged")
        try:
            edited = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EditorError(f"cannot read the edited note: {exc}") from None
    return edited.rstrip("\n")
