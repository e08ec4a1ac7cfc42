"""The reader: one briefing, a sentence cursor, and the linked panes beside it."""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from briefer import config
from briefer.analysing.service import AnalysisRequest
from briefer.briefing import Briefing
from briefer.briefing.sanitize import clean_text
from briefer.extract.schema import Analysis
from briefer.gcpause import cyclic_gc_paused
from briefer.search import find_all
from briefer.ui.attempt import attempt
from briefer.ui.desk_keys import DESK_BINDINGS
from briefer.ui.match_cursor import MatchCursor, Span
from briefer.ui.screens.reader_matches import MatchWalking
from briefer.ui.screens.reader_reload import FollowingFile
from briefer.ui.screens.reader_triage import ReadingState
from briefer.ui.widgets.document import DocumentView
from briefer.ui.widgets.footer import FittingFooter
from briefer.ui.widgets.notes_list import NotesList
from briefer.ui.widgets.panes import (
    PaneList,
    PaneRows,
    what_items,
    when_items,
    where_items,
    who_items,
)

PANES = ("who", "what", "when", "where", "notes")
NARROW_BELOW = 100  # columns: below, the text keeps the width and the panes fold
PANE_TITLES = {"who": "WHO", "what": "WHAT", "when": "WHEN", "where": "WHERE", "notes": "NOTES"}


def pane_rows(analysis: Analysis, briefing: Briefing) -> dict[str, PaneRows]:
    with cyclic_gc_paused():
        return {
            "who": PaneRows.of(who_items(analysis)),
            "what": PaneRows.of(what_items(analysis)),
            "when": PaneRows.of(when_items(analysis, briefing.body, briefing.sentences)),
            "where": PaneRows.of(where_items(analysis)),
        }


# The actions of the priority bindings above: keys that open a text field.
OPENS_A_FIELD = frozenset({"annotate", "tag", "search", "reference_date"})


class ReaderScreen(ReadingState, MatchWalking, FollowingFile):
    """Reads one briefing."""

    BINDINGS = [
        # Keys that open a text field are priority bindings: they run as they arrive, so the
        # words typed straight after them reach the field instead of running as commands (Textual
        # hands each key to the focused widget before the earlier ones are handled). In a text
        # field they are characters (check_action).
        Binding("a", "annotate", "Annotate", id="annotate", priority=True),
        Binding("t", "tag", "Tag", id="tag", priority=True),
        Binding("h", "highlight", "Highlight", id="highlight"),
        *[
            Binding(str(n), f"quick_tag('{n}')", f"Quick tag {n}", show=False, id=f"quick-tag-{n}")
            for n in range(1, 10)
        ],
        Binding("right_square_bracket", "next_note", "Next note", show=False, id="next-note"),
        Binding("left_square_bracket", "previous_note", "Previous note", show=False, id="previous-note"),
        Binding("u", "undo_delete", "Undo delete", show=False, id="undo-delete"),
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding("y", "copy_passage", "Copy", show=False, id="copy"),
        Binding("e", "export", "Export", id="export"),
        Binding("o", "open_link", "Open link", show=False, id="open-link"),
        Binding("n", "next_match", "Next match", show=False, id="next-match"),
        Binding("N", "previous_match", "Previous match", show=False, id="previous-match"),
        Binding("D", "reference_date", "Ref. date", show=False, id="reference-date", priority=True),
        Binding("tab", "next_pane", "Next pane", id="next-pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="previous-pane"),
        *[
            Binding(f"f{i + 1}", f"show_pane('{pane}')", PANE_TITLES[pane], show=False, id=f"pane-{pane}")
            for i, pane in enumerate(PANES)
        ],
        Binding("p", "toggle_panes", "Panes", id="toggle-panes"),
        Binding("escape", "clear", "Clear", show=False, id="clear"),
        Binding("q", "back", "Back", id="back"),
        *DESK_BINDINGS,
    ]

    def __init__(
        self,
        briefing: Briefing,
        note_id: str | None = None,
        search: str | None = None,
        mention: Span | None = None,
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.initial_note_id = note_id
        self.initial_search = search
        self.initial_mention = mention
        self.analysis_request: AnalysisRequest | None = None  # the latest, which may still be running
        self.matches = MatchCursor()  # search hits or an entity's mentions, stepped by n and N

    # ----- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="reader-header")
        yield Static(self.quick_tag_text(), id="quick-tags")
        with Horizontal(id="reader-body"):
            yield DocumentView(self.briefing, id="document")
            with TabbedContent(id="panes", initial="pane-who"):
                for pane, empty in (
                    ("who", "No people or organisations found."),
                    ("what", "No lede, quotes or events found."),
                    ("when", "No dates or times found."),
                    ("where", "No places found."),
                    ("notes", "No notes yet: a annotates, t tags, h highlights."),
                ):
                    with TabPane(PANE_TITLES[pane], id=f"pane-{pane}"):
                        pane_class = NotesList if pane == "notes" else PaneList
                        yield pane_class(empty_message=empty, id=f"list-{pane}")
        yield Input(placeholder="Search (smart case): enter keeps the hits, esc clears", id="search-input")
        yield Static("", id="reader-status")
        yield FittingFooter()

    def on_resize(self, event: events.Resize) -> None:
        """Below NARROW_BELOW columns the text takes the width and the panes fold into a bottom strip
        that `p` opens; crossing the line shows or folds them to suit."""
        narrow = event.size.width < NARROW_BELOW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.show_panes(not narrow)

    def show_panes(self, shown: bool) -> None:
        self.set_class(not shown, "-panes-folded")
        if not shown and self.focused is not None and self.focused is not self.document:
            if self.query_one("#panes") in self.focused.ancestors:
                self.document.focus()

    def action_toggle_panes(self) -> None:
        self.show_panes(self.has_class("-panes-folded"))

    def pane(self, name: str) -> PaneList:
        return self.query_one(f"#list-{name}", PaneList)

    @property
    def reference_date(self) -> str | None:
        """The date the user set for this briefing, else the briefing's own."""
        return self.session.reference_date

    def quick_tag_text(self) -> Text:
        text = Text("quick tags: ", style="dim")
        for key in sorted(self.quick_tags):
            text.append(f"{key}", style="bold")
            text.append(f" {clean_text(self.quick_tags[key])}  ")
        return text

    def update_header(self) -> None:
        b = self.briefing
        parts = [clean_text(b.title) or "(untitled)"]
        if b.source:
            parts.append(clean_text(b.source))
        reference = self.reference_date
        if reference and reference != b.date:
            parts.append(f"ref. date {reference} (set by you)")
        else:
            parts.append(reference or "no date (D sets one)")
        count = len(self.notes)
        parts.append(f"{count} note{'s' if count != 1 else ''}")
        self.query_one("#reader-header", Static).update(Text(" · ".join(parts)))

    def on_mount(self) -> None:
        self.document.focus()
        self.query_one("#search-input").display = False
        self.start_analysis()  # first: a long briefing's child can start on it while the notes load
        self.session.load()
        self.show_notes()
        self.go_to_initial_note()
        self.go_to_initial_search()
        self.go_to_initial_mention()
        self.update_header()
        self.update_status()
        self.poll_notes_elsewhere()
        self.follow_file()
        for warning in self.briefing.warnings:
            self.notify(clean_text(warning), severity="warning", markup=False)

    # ----- analysis -----------------------------------------------------------

    def start_analysis(self) -> None:
        # An analysis still running is for a reference date the user has just changed: its worker
        # must neither show its rows nor report its child's end as a failure.
        self.workers.cancel_group(self, "analysis")
        if self.analysis_request is not None:
            self.analysis_request.cancel()
        request = self.analysis_request = self.app.analysis.request(self.briefing, self.reference_date)
        # A cached analysis is shown at once, so the panes fill with the first frame: at 2 MB that
        # holds the first frame back by tens of milliseconds, where a worker, sharing the GIL with
        # the first layout, took several times as long and flashed "Analysing…" first.
        if request.cached is not None:
            self.show_pane_rows(pane_rows(request.cached, self.briefing))
            return
        for name in PANES[:4]:
            self.pane(name).show_message("Analysing…")
        if request.child is None:
            self.run_analysis(request)
        else:  # sending a long briefing to its child holds the GIL: not before the first frame is drawn
            self.call_after_refresh(self.run_analysis, request)

    def on_unmount(self) -> None:
        self.stop_following()
        if self.analysis_request is not None:
            self.analysis_request.cancel()

    @work(thread=True, exclusive=True, group="analysis")
    def run_analysis(self, request: AnalysisRequest) -> None:
        """The analysis (in a child process for a long briefing), then the pane rows, all off the
        event loop; only showing them is not."""
        try:
            rows = pane_rows(request.result(), self.briefing)
        except Exception as exc:  # an extractor bug must not take the reader down
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.show_analysis_error, f"{type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_pane_rows, rows)

    def show_pane_rows(self, rows: dict[str, PaneRows]) -> None:
        if not self.is_attached:  # the analysis outlived the screen: the app is ending
            return
        for name, prepared in rows.items():
            self.pane(name).show_rows(prepared)
        self.mark_panes()
        self.widen_initial_mention(rows)

    def show_analysis_error(self, message: str) -> None:
        if not self.is_attached:
            return
        for name in PANES[:4]:
            self.pane(name).show_message(f"Analysis failed: {clean_text(message)}")

    # ----- notes --------------------------------------------------------------

    def go_to_initial_note(self) -> None:
        if self.initial_note_id is None or (note := self.session.find(self.initial_note_id)) is None:
            return
        if note.anchor != "orphan":
            self.document.move_to_offset(note.target.start)
        self.query_one(NotesList).select_note(note.id)
        self.query_one(TabbedContent).active = "pane-notes"

    def go_to_initial_search(self) -> None:
        """Opened from a library search: at its first hit, the query live for `n`, `N` and `/`."""
        if not self.initial_search or self.initial_note_id is not None:
            return
        field = self.query_one("#search-input", Input)
        with field.prevent(Input.Changed):  # its handler would start the matches afresh, at none
            field.value = self.initial_search
        self.set_matches(
            find_all(self.briefing.body, self.initial_search), self.initial_search, "document-view--search"
        )
        self.step_match(True, from_start=True)

    def go_to_initial_mention(self) -> None:
        """Opened from the desk at a mention: the cursor on its sentence, the mention lit (esc clears)."""
        if self.initial_mention is None:
            return
        start, end = self.initial_mention
        length = len(self.briefing.body)
        span = (min(max(start, 0), length), min(max(end, start, 0), length))
        self.set_matches([span], "mention", "document-view--mention")
        self.step_match(True, from_start=True)

    def widen_initial_mention(self, rows: dict[str, PaneRows]) -> None:
        """Opened at a mention and still on it when the analysis comes: every mention of the same
        person, body or place is lit, `n` and `N` walk them, and the cursor stays where it is."""
        if self.initial_mention is None or self.matches.label != "mention" or len(self.matches.spans) != 1:
            return
        (start, end) = self.matches.spans[0]
        for name in ("who", "where"):
            for item in rows[name].items if name in rows else ():
                overlapping = [span for span in item.spans if span[0] < end and start < span[1]]
                if item.heading or not overlapping:
                    continue
                self.set_matches(item.spans, clean_text(item.key), "document-view--mention")
                self.matches.index = self.matches.spans.index(overlapping[0])
                self.update_status()
                return

    def show_notes(self) -> None:
        super().show_notes()
        self.update_header()
        self.update_status()
        self.mark_panes()

    # ----- the passage: copy, links, export -------------------------------------

    def citation(self) -> str:
        b = self.briefing
        parts = [b.title] + [p for p in (b.source, b.date) if p]
        return "— " + ", ".join(clean_text(p) for p in parts)

    def action_copy_passage(self) -> None:
        passage = self.document.passage
        if passage is None:
            return
        text = self.briefing.body[passage.start : passage.end].strip()
        self.app.copy_to_clipboard(f"{text}\n\n{self.citation()}")
        words = len(text.split())
        self.notify(f"Copied {words} word{'s' if words != 1 else ''} with citation.")

    def action_open_link(self) -> None:
        """Open a link of the current passage in the browser (never on a click)."""
        from briefer.ui.dialogs.links import LinksDialog, links_in

        passage = self.document.passage
        urls = links_in(self.briefing.body[passage.start : passage.end]) if passage else []
        if not urls:
            self.notify("No link in this passage.")
        elif len(urls) == 1:
            self.open_url(urls[0])
        else:
            self.app.push_screen(LinksDialog(urls), lambda url: self.open_url(url) if url else None)

    def open_url(self, url: str) -> None:
        """Open `url` in the browser; with none to be found, copy it (as `y` copies) and say so."""
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        if opened:
            self.notify(f"Opening {clean_text(url)}", markup=False)
        else:
            self.app.copy_to_clipboard(url)
            self.notify(f"No web browser found: link copied, {clean_text(url)}", markup=False)

    def action_export(self) -> None:
        """Write this briefing's notes to its markdown file in the export folder."""
        from briefer.notes.exporting import ExportError, export_notes

        if self.store is None or not self.notes:
            self.notify("No notes to export yet.")
            return
        try:
            written = export_notes(
                self.store,
                config.export_dir(self.app.settings),
                notes=list(self.notes),
                briefings={self.briefing.id: self.briefing},
            )
        except (ExportError, OSError) as exc:
            self.notify(f"Not exported: {clean_text(str(exc))}", severity="error", markup=False)
            return
        self.notify(f"Exported to {clean_text(str(written[0]))}", title="Export", markup=False, timeout=8)

    # ----- panes --------------------------------------------------------------

    @on(PaneList.Selected)
    def _pane_row_chosen(self, event: PaneList.Selected) -> None:
        pane = event.row_list
        if not isinstance(pane, PaneList) or pane.id is None:
            return
        item = pane.items[event.index] if event.index < len(pane.items) else None
        if item is None or item.heading:
            return
        name = pane.id.removeprefix("list-")
        if name == "notes":
            if (note := self.session.find(item.key)) is not None:
                self.edit_note(note)
        elif name in ("who", "where"):
            self.set_matches(item.spans, clean_text(item.key), "document-view--mention")
            self.step_match(True, from_start=True)
        elif item.jump is not None:
            self.document.move_to_offset(item.jump)

    def mark_panes(self) -> None:
        if not self.briefing.sentences:
            return
        start, end = self.document.cursor_span
        for name in PANES:
            self.pane(name).mark_span(start, end)

    def current_pane(self) -> str:
        return self.query_one(TabbedContent).active.removeprefix("pane-")

    def action_show_pane(self, name: str) -> None:
        self.show_panes(True)
        self.query_one(TabbedContent).active = f"pane-{name}"
        self.pane(name).focus()

    def action_next_pane(self) -> None:
        self._cycle_pane(+1)

    def action_previous_pane(self) -> None:
        self._cycle_pane(-1)

    def _cycle_pane(self, step: int) -> None:
        """The document and the five panes form one ring that tab walks."""
        stops = ["document", *PANES]
        focused = self.focused
        here = (
            focused.id.removeprefix("list-")
            if isinstance(focused, PaneList) and focused.id is not None
            else "document"
        )
        target = stops[(stops.index(here) + step) % len(stops)]
        if target == "document":
            self.document.focus()
        else:
            self.action_show_pane(target)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in OPENS_A_FIELD and isinstance(self.focused, Input):
            return False  # typed in the search box: a character
        return super().check_action(action, parameters)

    # ----- reference date -----------------------------------------------------

    def action_reference_date(self) -> None:
        from briefer.ui.dialogs.date import DateDialog

        if not self.writable():
            return

        def done(value: str | None) -> None:
            if value is None:
                return
            if attempt(self, lambda: self.session.set_reference_date(value), "Not saved") is not None:
                self.update_header()
                self.start_analysis()

        self.app.push_screen(DateDialog(self.reference_date), done)

    # ----- document -----------------------------------------------------------

    def on_document_view_cursor_moved(self, event: DocumentView.CursorMoved) -> None:
        self.update_status()
        self.mark_panes()

    def update_status(self) -> None:
        view = self.document
        total = view.sentence_count
        passage = view.passage
        if not total or passage is None:
            status = "empty briefing"
        else:
            status = f"sentence {view.cursor + 1}/{total}"
            if view.has_selection:
                status += f" · {passage.last_sentence - passage.first_sentence + 1} selected"
            if (position := self.note_position()) is not None:
                status += f" · {position} (] [)"
        if self.matches:
            status += f" · {self.matches.label}: {self.matches.counter} (n/N, esc clears)"
        # One fixed-height line: no relayout of the screen on every cursor move.
        self.query_one("#reader-status", Static).update(Text(clean_text(status)), layout=False)

    def action_clear(self) -> None:
        search = self.query_one("#search-input", Input)
        if search.display:
            search.value = ""
            search.display = False
            self.document.focus()
        if self.document.clear_selection():
            return
        if self.clear_matches():
            return
        if self.focused is not self.document:
            self.document.focus()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
