"""The Textual application: the library is the default screen, readers are pushed over it."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual import work
from textual.app import App, InvalidThemeError, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.worker import get_current_worker

from briefer import config
from briefer.briefing.sanitize import clean_text
from briefer.ui.commands import BriefingsProvider, NotesProvider, binding_commands
from briefer.ui.match_cursor import Span
from briefer.ui.screens.library import LibraryScreen
from briefer.ui.signals import end_on_hangup_and_terminate, end_process_after, watch_terminal

if TYPE_CHECKING:
    from briefer.analysing.service import AnalysisService
    from briefer.briefing import Briefing
    from briefer.notes.store import NotesStore

# Files above this size are read in a worker; smaller ones take milliseconds.
READ_IN_WORKER_ABOVE = 256 * 1024
# How long a quit may wait for workers (a long file still being read) before the process ends.
QUIT_GRACE_SECONDS = 2.0


class Opening(NamedTuple):
    """Where a reader opens: at a note, at the first hit of a search, or at a mention (a span of the body)."""

    note_id: str | None = None
    search: str | None = None
    mention: Span | None = None


class BrieferApp(App[int]):
    """briefer's TUI. `folders` fill the library; `open_file` goes straight to the reader."""

    TITLE = "briefer"
    CSS_PATH = Path(__file__).parent / "briefer.tcss"  # absolute: subclasses may live anywhere
    COMMANDS = App.COMMANDS | {BriefingsProvider, NotesProvider}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("question_mark", "help", "Keys", id="help"),
    ]

    def __init__(
        self,
        folders: list[Path],
        open_file: Path | None = None,
        notes_file: Path | None = None,
        settings: config.Config | None = None,
        analysis: AnalysisService | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or config.Config(path=config.config_path())
        # What readers ask for analyses; run_app's may be analysing `open_file` already.
        self._analysis = analysis
        self.folders = folders
        self.open_file = open_file
        self.notes_file = notes_file
        self.quick_tags = dict(self.settings.quick_tags)
        self.today: Callable[[], date] = date.today  # the desk's periods end today (tests fix the day)
        self.store: NotesStore | None = None
        self.startup_messages: list[tuple[str, SeverityLevel]] = [
            (w, "warning") for w in self.settings.warnings
        ]
        self._open_store()
        self._apply_keymap()

    def _open_store(self) -> None:
        """Open the notes before any screen needs them; a failure leaves reading usable, notes off."""
        from briefer.notes.store import NotesStore

        try:
            self.store = NotesStore.open(self.notes_file)
        except Exception as exc:  # a store that cannot open must not stop the reading
            self.startup_messages.append((f"Notes unavailable: {exc}", "error"))
            return
        self.startup_messages.extend((message, "warning") for message in self.store.messages)

    def _apply_keymap(self) -> None:
        if not self.settings.keymap:
            return
        known = binding_ids()
        keymap = {}
        for binding_id, keys in self.settings.keymap.items():
            if binding_id in known:
                keymap[binding_id] = keys
            else:
                self.startup_messages.append(
                    (f"{self.settings.path}: unknown binding id {binding_id!r} in [keymap]", "warning")
                )
        self.set_keymap(keymap)
        self.startup_messages.extend(
            (f"{self.settings.path}: {clash}", "warning") for clash in keymap_clashes(keymap)
        )

    def get_default_screen(self) -> LibraryScreen:
        return LibraryScreen(self.folders, warm_up=self.open_file is None)

    def on_mount(self) -> None:
        if not self.is_headless:
            # After the next refresh: an exit while a screen is still mounting takes its widgets
            # from under its own mount handlers (and Textual's), which then fail with a traceback.
            end_on_hangup_and_terminate(
                lambda: self.call_after_refresh(self.exit), asyncio.get_running_loop().call_soon_threadsafe
            )
            watch_terminal(sys.__stdin__.fileno() if sys.__stdin__ else -1)
        try:
            self.theme = self.settings.theme
        except InvalidThemeError:
            self.startup_messages.append(
                (f"{self.settings.path}: unknown theme {self.settings.theme!r}", "warning")
            )
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for message, severity in self.startup_messages:
            self.notify(clean_text(message), severity=severity, timeout=10, markup=False)
        if self.open_file is not None:
            self.open_briefing(self.open_file)

    def _theme_changed(self, theme) -> None:
        """A theme picked in the palette is kept in the config file."""
        if theme.name == self.settings.theme:
            return
        try:
            config.save_setting(self.settings.path, "theme", theme.name)
        except config.ConfigError as exc:
            self.notify(f"Theme not saved: {clean_text(str(exc))}", severity="warning", markup=False)

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield from binding_commands(self, screen)
        yield SystemCommand(
            "Write the digest", "yesterday and today, as markdown in the export folder", self.write_digest
        )

    def open_briefing(
        self,
        path: Path,
        note_id: str | None = None,
        search: str | None = None,
        mention: Span | None = None,
    ) -> None:
        """Open a briefing in a reader (over the library, replacing any reader), optionally at a
        note, at the first hit of a search that stays live for `n` and `N`, or at a `mention`
        (a span of the body: the desk's views open an actor's or a date's). A long file is read
        in a worker, so that keys (and ctrl+q) are answered however long it takes; a short one
        (milliseconds) at once, so the reader appears with the next frame."""
        self.analysis.prestart(path)  # a long briefing's analysis starts while the file is read and drawn
        try:
            long = path.stat().st_size > READ_IN_WORKER_ABOVE
        except OSError:
            long = False  # the loader says why it cannot be read
        opening = Opening(note_id, search, mention)
        if long:
            self._load_briefing(path, opening)
            return
        read = _read_briefing(path)
        if isinstance(read, str):
            self._cannot_open(read)
        else:
            self._show_briefing(read, opening)

    @work(thread=True, exclusive=True, group="open-briefing", exit_on_error=False)
    def _load_briefing(self, path: Path, opening: Opening) -> None:
        read = _read_briefing(path)
        if isinstance(read, str):
            self.call_from_thread(self._cannot_open, read)
        elif not get_current_worker().is_cancelled:
            self.call_from_thread(self._show_briefing, read, opening)

    def _cannot_open(self, reason: str) -> None:
        self.analysis.drop_prestarted()
        self.notify(clean_text(reason), title="Cannot open", severity="error", markup=False)

    def _show_briefing(self, briefing: Briefing, opening: Opening) -> None:
        # Imported with the first briefing: the reader's widgets and the notes session are a
        # fifth of the start-up's imports, and the library's first frame needs none of them.
        from briefer.ui.screens.reader import ReaderScreen

        while isinstance(self.screen, ReaderScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ReaderScreen(briefing, *opening))

    def open_note(self, note) -> None:
        path = Path(note.briefing_path)
        if not path.is_file():
            self.notify(
                f"The briefing of this note is gone: {clean_text(str(path))}",
                severity="warning",
                markup=False,
            )
            return
        self.open_briefing(path, note_id=note.id)

    @property
    def analysis(self) -> AnalysisService:
        """Made when a briefing is first opened: the library's first frame needs none of it."""
        if self._analysis is None:
            from briefer.analysing.service import AnalysisService

            self._analysis = AnalysisService()
        return self._analysis

    def on_unmount(self) -> None:
        if self._analysis is not None:
            self._analysis.close()
        if self.store is not None:
            self.store.close()
        if not self.is_headless:  # a worker still reading a long file must not hold the exit up
            end_process_after(QUIT_GRACE_SECONDS, self.return_code or 0)

    def action_desk(self, view: str) -> None:
        """Open a desk view (ACTORS, TIMELINE, AGENDA, PLACES) over the library or a reader, in
        place of the view shown, or go back to it when it is open under what is shown."""
        from briefer.ui.screens.desk import DESK_VIEWS, DeskView

        wanted = DESK_VIEWS[view]
        if any(isinstance(screen, wanted) for screen in self.screen_stack):
            while not isinstance(self.screen, wanted):  # back to it, as it was left
                self.pop_screen()
        elif isinstance(self.screen, DeskView):
            self.switch_screen(wanted())
        else:
            self.push_screen(wanted())

    def action_watch_list(self) -> None:
        """The WATCH view, from anywhere; back to it when it is open under what is shown."""
        from briefer.ui.screens.watch import WatchScreen

        if any(isinstance(screen, WatchScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, WatchScreen):
                self.pop_screen()
        else:
            self.push_screen(WatchScreen(self.folders))

    @work(thread=True, exclusive=True, group="digest", exit_on_error=False)
    def write_digest(self, days: int | None = 2) -> None:
        """The digest of the last `days` days (None: all) as `digest-<today>.md` in the export folder,
        beside the notes' export files its citations link to."""
        from briefer.desk.digest import write_digest
        from briefer.library import LibraryIndex
        from briefer.ui.screens.desk_view import period_of

        today = self.today()
        folder = config.export_dir(self.settings)
        out = folder / f"digest-{today.isoformat()}.md"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with LibraryIndex() as index:
                period = period_of(index, self.folders, days, today)
                write_digest(index, self.store, self.folders, period, folder, out)
        except Exception as exc:  # a full disk, an index that cannot be read: said, the app stays
            self.call_from_thread(
                self.notify, f"Digest not written: {clean_text(str(exc))}", severity="error", markup=False
            )
            return
        self.call_from_thread(
            self.notify,
            f"Digest of {period} written to {clean_text(str(out))}",
            title="Digest",
            markup=False,
            timeout=8,
        )

    def action_help(self) -> None:
        from briefer.ui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def _read_briefing(path: Path) -> Briefing | str:
    """The briefing at `path`, or why it cannot be read."""
    from briefer.briefing import BriefingError, load
    from briefer.library import remember

    try:
        briefing = load(path)
    except BriefingError as exc:
        return str(exc)
    remember(path, briefing.info)  # the library's scan, starting now, need not read it again
    return briefing


def key_scopes() -> list[list[type[DOMNode]]]:
    """The widgets, screens and app whose keys are in force together: a key bound in two of them
    reaches only one (the focused widget's first), so the other action is lost."""
    from briefer.ui.dialogs import confirm, date, help, links, note, pick
    from briefer.ui.screens import desk, library, reader, watch
    from briefer.ui.widgets import document, rowlist

    dialogs: list[type[DOMNode]] = [
        help.HelpScreen,
        note.NoteDialog,
        note.TagDialog,
        date.DateDialog,
        confirm.ConfirmScreen,
        links.LinksDialog,
        pick.PickDialog,
        pick.PromptDialog,
    ]
    scopes: list[list[type[DOMNode]]] = [
        [document.DocumentView, reader.ReaderScreen, BrieferApp],
        [reader.NotesList, reader.ReaderScreen, BrieferApp],
        [library.LibraryTable, library.LibraryScreen, BrieferApp],
        [rowlist.RowList, watch.WatchScreen, BrieferApp],
    ]
    scopes += [[rowlist.RowList, view, BrieferApp] for view in desk.DESK_SCREENS]
    return scopes + [[dialog, BrieferApp] for dialog in dialogs]


def keymap_clashes(keymap: dict[str, str]) -> list[str]:
    """One line per key the keymap gives an action while another action in force with it keeps it:
    `[keymap] annotate = "j": j is also "Next sentence" (next-sentence); only one of them can work`."""
    clashes: dict[tuple[str, str], str] = {}  # one line per remapped key
    for scope in key_scopes():
        bindings = {
            b.id: b
            for cls in scope
            for klass in cls.__mro__
            for b in vars(klass).get("BINDINGS", [])
            if isinstance(b, Binding) and b.id
        }
        keys = {
            binding_id: {k.strip() for k in keymap.get(binding_id, b.key).split(",")}
            for binding_id, b in bindings.items()
        }
        for mapped in (binding_id for binding_id in keymap if binding_id in bindings):
            for other, other_keys in keys.items():
                for key in sorted(keys[mapped] & other_keys if other != mapped else set()):
                    clashes.setdefault(
                        (mapped, key),
                        f'[keymap] {mapped} = "{keymap[mapped]}": {key} is also '
                        f'"{bindings[other].description}" ({other}); only one of them can work',
                    )
    return list(clashes.values())


def binding_ids() -> set[str]:
    """Every binding id a keymap may name."""
    from briefer.ui.dialogs import confirm, date, help, links, note, pick
    from briefer.ui.screens import desk, library, library_triage, reader, reader_triage, watch
    from briefer.ui.widgets import document, panes

    classes: list[type[DOMNode]] = [
        desk.DeskView,
        *desk.DESK_SCREENS,
        pick.PickDialog,
        pick.PromptDialog,
        BrieferApp,
        library.LibraryScreen,
        library_triage.LibraryTriage,
        reader_triage.ReadingState,
        watch.WatchScreen,
        library.LibraryTable,
        reader.ReaderScreen,
        reader.NotesList,
        document.DocumentView,
        panes.PaneList,
        help.HelpScreen,
        note.SavingDialog,
        note.NoteDialog,
        note.TagDialog,
        date.DateDialog,
        confirm.ConfirmScreen,
        links.LinksDialog,
    ]
    return {b.id for cls in classes for b in cls.BINDINGS if isinstance(b, Binding) and b.id}
