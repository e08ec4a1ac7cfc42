"""The Textual application: screens are pushed over the library."""
from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from briefer.briefing.sanitize import clean_text
from briefer.ui.screens.library import LibraryScreen
from briefer.ui.screens.reader import ReaderScreen


DEFAULT_QUICK_TAGS = {"1": "key", "2": "claim", "3": "follow-up", "4": "question", "5": "source"}


class BrieferApp(App[int]):
    """briefer's TUI. `folders` fill the library; `open_file` goes straight to the reader."""

    TITLE = "briefer"
    CSS_PATH = "briefer.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("question_mark", "help", "Keys", id="help"),
    ]

    def __init__(self, folders: list[Path], open_file: Path | None = None, notes_file: Path | None = None) -> None:
        super().__init__()
        self.folders = folders
        self.open_file = open_file
        self.notes_file = notes_file
        self.quick_tags = dict(DEFAULT_QUICK_TAGS)
        self.store = None
        self.store_problem: str | None = None
        self._open_store()

    def _open_store(self) -> None:
        """Open the notes before any screen needs them; a failure leaves the reader usable, notes off."""
        from briefer.notes.store import NotesStore

        try:
            self.store = NotesStore.open(self.notes_file)
        except Exception as exc:  # a store that cannot open must not stop the reading
            self.store_problem = f"Notes unavailable: {exc}"

    def get_default_screen(self) -> LibraryScreen:
        return LibraryScreen(self.folders)

    def on_mount(self) -> None:
        if not self.is_headless:
            # Closing the terminal or a kill ends the app cleanly; notes are already on disk.
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self.exit)
        if self.store_problem:
            self.notify(clean_text(self.store_problem), severity="error", timeout=10, markup=False)
        elif self.store is not None:
            for message in self.store.messages:
                self.notify(clean_text(message), severity="warning", timeout=10, markup=False)
        if self.open_file is not None:
            self.open_briefing(self.open_file)

    def open_briefing(self, path: Path) -> None:
        from briefer.briefing import BriefingError, load

        try:
            briefing = load(path)
        except BriefingError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", markup=False)
            return
        self.push_screen(ReaderScreen(briefing))

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def action_help(self) -> None:
        from briefer.ui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def default_folders() -> list[Path]:
    """./briefings when it exists, else the bundled sample folder beside the package."""
    here = Path.cwd() / "briefings"
    if here.is_dir():
        return [here]
    return [Path.cwd()]


def run_app(paths: list[Path], notes: str | None = None, config_file: str | None = None) -> int:
    folders = [p for p in paths if p.is_dir()]
    files = [p for p in paths if not p.is_dir()]
    open_file = files[0] if files else None
    if not folders:
        folders = [open_file.parent] if open_file else default_folders()
    from briefer import config

    app = BrieferApp(folders=folders, open_file=open_file, notes_file=config.notes_path(notes))
    app.run()
    return app.return_code or 0
