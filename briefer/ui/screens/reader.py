"""The reader: one briefing, a sentence cursor, and the linked panes beside it."""

from __future__ import annotations

import zlib
from bisect import bisect_left, bisect_right

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from briefer import analysis as analysis_cache
from briefer import config
from briefer.briefing import Briefing
from briefer.briefing.sanitize import clean_text
from briefer.gcpause import cyclic_gc_paused
from briefer.notes.model import Note, Target, new_note_id, now_iso
from briefer.search import find_all
from briefer.ui.widgets.document import DocumentView
from briefer.ui.widgets.panes import (
    PaneItem,
    PaneList,
    PaneRows,
    heading,
    what_items,
    when_items,
    where_items,
    who_items,
)

PANES = ("who", "what", "when", "where", "notes")
PANE_TITLES = {"who": "WHO", "what": "WHAT", "when": "WHEN", "where": "WHERE", "notes": "NOTES"}
NOTE_COLOURS = 6


def pane_rows(analysis: dict, briefing: Briefing) -> dict[str, PaneRows]:
    with cyclic_gc_paused():
        return {
            "who": PaneRows.of(who_items(analysis)),
            "what": PaneRows.of(what_items(analysis)),
            "when": PaneRows.of(when_items(analysis, briefing.body, briefing.sentences)),
            "where": PaneRows.of(where_items(analysis)),
        }


def note_class(note: Note) -> str:
    """Annotated passages are coloured by their first tag; the same tag always gets the same colour."""
    if note.kind == "highlight" and not note.tags:
        return "document-view--highlight"
    tag = note.tags[0] if note.tags else ""
    return f"document-view--note-{zlib.crc32(tag.encode()) % NOTE_COLOURS}"


class ReaderScreen(Screen):
    """Reads one briefing."""

    BINDINGS = [
        Binding("a", "annotate", "Annotate", id="annotate"),
        Binding("t", "tag", "Tag", id="tag"),
        Binding("h", "highlight", "Highlight", id="highlight"),
        *[
            Binding(str(n), f"quick_tag('{n}')", f"Quick tag {n}", show=False, id=f"quick-tag-{n}")
            for n in range(1, 10)
        ],
        Binding("right_square_bracket", "next_note", "Next note", show=False, id="next-note"),
        Binding("left_square_bracket", "previous_note", "Previous note", show=False, id="previous-note"),
        Binding("u", "undo_delete", "Undo delete", show=False, id="undo-delete"),
        Binding("slash", "search", "Search", id="search"),
        Binding("y", "copy_passage", "Copy", show=False, id="copy"),
        Binding("e", "export", "Export", id="export"),
        Binding("o", "open_link", "Open link", show=False, id="open-link"),
        Binding("n", "next_match", "Next match", show=False, id="next-match"),
        Binding("N", "previous_match", "Previous match", show=False, id="previous-match"),
        Binding("D", "reference_date", "Ref. date", show=False, id="reference-date"),
        Binding("tab", "next_pane", "Next pane", id="next-pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="previous-pane"),
        *[
            Binding(f"f{i + 1}", f"show_pane('{pane}')", PANE_TITLES[pane], show=False, id=f"pane-{pane}")
            for i, pane in enumerate(PANES)
        ],
        Binding("escape", "clear", "Clear", show=False, id="clear"),
        Binding("q", "back", "Back", id="back"),
    ]

    def __init__(
        self, briefing: Briefing, note_id: str | None = None, analyser: analysis_cache.Analyser | None = None
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.initial_note_id = note_id
        # A child process the app started while it loaded this (long) briefing, for the first analysis.
        self.prestarted_analyser = analyser
        self.analyser: analysis_cache.Analyser | None = None  # the running analysis's child, if any
        self.notes: list[Note] = []
        self.deleted: list[Note] = []
        self.matches: list[tuple[int, int]] = []
        self.match_index = -1
        self.match_label = ""

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
        yield Footer()

    @property
    def document(self) -> DocumentView:
        return self.query_one(DocumentView)

    def pane(self, name: str) -> PaneList:
        return self.query_one(f"#list-{name}", PaneList)

    @property
    def store(self):
        return getattr(self.app, "store", None)

    @property
    def reference_date(self) -> str | None:
        """The date the user set for this briefing, else the briefing's own."""
        if self.store is not None:
            chosen = self.store.briefing_data(self.briefing.id).get("reference_date")
            if chosen:
                return chosen
        return self.briefing.date

    def quick_tag_text(self) -> Text:
        tags = getattr(self.app, "quick_tags", {}) or {}
        text = Text("quick tags: ", style="dim")
        for key in sorted(tags):
            text.append(f"{key}", style="bold")
            text.append(f" {clean_text(tags[key])}  ")
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
        self.load_notes()
        self.go_to_initial_note()
        self.update_header()
        self.update_status()
        for warning in self.briefing.warnings:
            self.notify(clean_text(warning), severity="warning", markup=False)

    # ----- analysis -----------------------------------------------------------

    def start_analysis(self) -> None:
        # A cached analysis is shown at once, so the panes fill with the first frame: at 2 MB that
        # holds the first frame back by tens of milliseconds, where a worker, sharing the GIL with
        # the first layout, took several times as long and flashed "Analysing…" first.
        analyser, self.prestarted_analyser = self.prestarted_analyser, None
        # An analysis still running is for a reference date the user has just changed: its worker
        # must neither show its rows nor report its child's end as a failure.
        self.workers.cancel_group(self, "analysis")
        if self.analyser is not None:
            self.analyser.stop()
            self.analyser = None
        long = len(self.briefing.body) >= analysis_cache.PROCESS_THRESHOLD
        found = analysis_cache.cached(self.briefing, self.reference_date)
        if found is not None:
            if analyser is not None:
                analyser.stop()
            self.show_pane_rows(pane_rows(found, self.briefing))
            return
        for name in PANES[:4]:
            self.pane(name).show_message("Analysing…")
        if long and analyser is None:
            analyser = analysis_cache.Analyser()
        self.analyser = analyser
        if analyser is None:
            self.run_analysis(self.reference_date, None)
        else:  # the child's forked copy waits for this request: it must not slow the first frame
            self.call_after_refresh(self.run_analysis, self.reference_date, analyser)

    def on_unmount(self) -> None:
        for analyser in (self.prestarted_analyser, self.analyser):
            if analyser is not None:
                analyser.stop()

    @work(thread=True, exclusive=True, group="analysis")
    def run_analysis(self, reference_date: str | None, analyser: analysis_cache.Analyser | None) -> None:
        """Cache or extractor, then the pane rows, all off the event loop; only showing them is not."""
        try:
            analysis = analysis_cache.analyse_cached(self.briefing, reference_date, analyser)
            rows = pane_rows(analysis, self.briefing)
        except Exception as exc:  # an extractor bug must not take the reader down
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.show_analysis_error, f"{type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_pane_rows, rows)

    def show_pane_rows(self, rows: dict[str, PaneRows]) -> None:
        for name, prepared in rows.items():
            self.pane(name).show_rows(prepared)
        self.mark_panes()

    def show_analysis_error(self, message: str) -> None:
        for name in PANES[:4]:
            self.pane(name).show_message(f"Analysis failed: {clean_text(message)}")

    # ----- notes --------------------------------------------------------------

    def load_notes(self) -> None:
        if self.store is None:
            self.notes = []
        else:
            from briefer.notes.anchoring import find_notes_for_briefing

            self.notes = find_notes_for_briefing(self.store, self.briefing)
        self.show_notes()

    def go_to_initial_note(self) -> None:
        note = next((n for n in self.notes if n.id == self.initial_note_id), None)
        if note is None:
            return
        if note.anchor != "orphan":
            self.document.move_to_offset(note.target.start)
        self.select_row("notes", note.id)
        self.query_one(TabbedContent).active = "pane-notes"

    def show_notes(self) -> None:
        self.notes.sort(key=lambda n: (n.anchor == "orphan", n.target.start))
        placed = [n for n in self.notes if n.anchor != "orphan"]
        orphans = [n for n in self.notes if n.anchor == "orphan"]
        items = [self.note_item(n) for n in placed]
        if orphans:
            items.append(heading("Orphaned (passage no longer in the text)"))
            items.extend(self.note_item(n) for n in orphans)
        self.pane("notes").show_rows(PaneRows.of(items))
        self.document.set_layer("notes", [(n.target.start, n.target.end, note_class(n)) for n in placed])
        self.update_header()
        self.mark_panes()

    def note_item(self, note: Note) -> PaneItem:
        parts = []
        if note.anchor == "changed":
            parts.append(("~moved/changed (A accepts) ", "bold yellow"))
        parts.append(("“" + " ".join(note.target.exact.split())[:80] + "”", "italic"))
        if note.text:
            parts.append(("\n  " + " ".join(note.text.split())[:120], ""))
        if note.tags:
            parts.append(("\n  " + " ".join("#" + t for t in note.tags), "bold"))
        spans = [(note.target.start, note.target.end)] if note.anchor != "orphan" else []
        jump = note.target.start if note.anchor != "orphan" else None
        return PaneItem(tuple(parts), spans, jump, key=note.id)

    def known_tags(self) -> list[str]:
        return sorted(self.store.tag_counts()) if self.store is not None else []

    def writable(self) -> bool:
        if self.store is None:
            self.notify("Notes are unavailable: the notes file could not be opened.", severity="error")
            return False
        if self.store.read_only:
            self.notify("Notes are read-only: another briefer holds the notes file.", severity="warning")
            return False
        return True

    def new_note(self, kind: str, text: str = "", tags: list[str] | None = None) -> Note | None:
        passage = self.document.passage
        if passage is None or not self.writable():
            return None
        stamp = now_iso()
        note = Note(
            id=new_note_id(),
            briefing_id=self.briefing.id,
            briefing_path=str(self.briefing.path or ""),
            briefing_title=self.briefing.title,
            target=Target.from_span(self.briefing.body, passage.start, passage.end),
            kind=kind,
            text=text,
            tags=list(tags or []),
            created=stamp,
            updated=stamp,
        )
        return self.save(note, new=True)

    def save(self, note: Note, new: bool = False) -> Note | None:
        try:
            saved = self.store.add(note) if new else self.store.update(note)
        except Exception as exc:  # disk full, read-only, lock: the note stays on screen, unsaved
            self.notify(f"Not saved: {clean_text(str(exc))}", severity="error", markup=False)
            return None
        self.notes = [n for n in self.notes if n.id != saved.id] + [saved]
        self.document.clear_selection()
        self.show_notes()
        self.notify(self.saved_message(saved), markup=False)
        return saved

    @staticmethod
    def saved_message(note: Note) -> str:
        tags = " ".join("#" + t for t in note.tags)
        what = "Highlight" if note.kind == "highlight" else "Note"
        return f"{what} saved {tags}".strip()

    def note_at_passage(self) -> Note | None:
        passage = self.document.passage
        if passage is None:
            return None
        return next(
            (
                n
                for n in self.notes
                if n.anchor != "orphan" and (n.target.start, n.target.end) == (passage.start, passage.end)
            ),
            None,
        )

    def action_annotate(self) -> None:
        from briefer.ui.dialogs.note import NoteDialog

        passage = self.document.passage
        if passage is None or not self.writable():
            return
        existing = self.note_at_passage()
        text = self.briefing.body[passage.start : passage.end]

        def done(result) -> None:
            if result is None:
                return
            if existing is not None:
                existing.text, existing.tags, existing.kind = result.text, result.tags, "note"
                self.save(existing)
            else:
                self.new_note("note", result.text, result.tags)

        dialog = NoteDialog(
            text, self.known_tags(), existing.text if existing else "", existing.tags if existing else []
        )
        self.app.push_screen(dialog, done)

    def action_tag(self) -> None:
        from briefer.ui.dialogs.note import TagDialog

        passage = self.document.passage
        if passage is None or not self.writable():
            return
        existing = self.note_at_passage()

        def done(tags) -> None:
            if tags is None:
                return
            if existing is not None:
                existing.tags = tags
                self.save(existing)
            elif tags:
                self.new_note("note", "", tags)

        text = self.briefing.body[passage.start : passage.end]
        self.app.push_screen(TagDialog(text, self.known_tags(), existing.tags if existing else []), done)

    def action_highlight(self) -> None:
        if self.note_at_passage() is not None:
            self.notify("This passage already has a note.")
            return
        self.new_note("highlight")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Quick-tag keys with no tag configured are hidden from the footer, help and palette."""
        if action == "quick_tag":
            return bool((getattr(self.app, "quick_tags", {}) or {}).get(str(parameters[0])))
        return True

    def action_quick_tag(self, key: str) -> None:
        tag = (getattr(self.app, "quick_tags", {}) or {}).get(key)
        if not tag:
            self.notify(f"No quick tag on {key}.")
            return
        existing = self.note_at_passage()
        if existing is not None:
            if tag not in existing.tags:
                existing.tags = [*existing.tags, tag]
                self.save(existing)
        else:
            self.new_note("note", "", [tag])

    def jump_to_note(self, forward: bool) -> None:
        placed = sorted((n for n in self.notes if n.anchor != "orphan"), key=lambda n: n.target.start)
        if not placed:
            self.notify("No notes in this briefing.")
            return
        here = self.briefing.sentences[self.document.cursor][0] if self.briefing.sentences else 0
        starts = [self.briefing.sentences[self.document.sentence_at(n.target.start)][0] for n in placed]
        if forward:
            index = bisect_right(starts, here)
            note = placed[index % len(placed)]
        else:
            index = bisect_right(starts, here - 1) - 1
            note = placed[index % len(placed)]
        self.document.move_to_offset(note.target.start)
        self.select_row("notes", note.id)

    def action_next_note(self) -> None:
        self.jump_to_note(True)

    def action_previous_note(self) -> None:
        self.jump_to_note(False)

    def selected_note(self) -> Note | None:
        item = self.pane("notes").current_item
        if item is None or item.heading:
            return None
        return next((n for n in self.notes if n.id == item.key), None)

    def edit_note(self, note: Note) -> None:
        from briefer.ui.dialogs.note import NoteDialog

        def done(result) -> None:
            if result is not None:
                note.text, note.tags = result.text, result.tags
                if note.kind == "highlight" and (result.text or result.tags):
                    note.kind = "note"
                self.save(note)

        self.app.push_screen(
            NoteDialog(note.target.exact, self.known_tags(), note.text, note.tags, "Edit note"), done
        )

    def delete_note(self, note: Note) -> None:
        if not self.writable():
            return
        try:
            removed = self.store.remove(note.id)
        except Exception as exc:
            self.notify(f"Not deleted: {clean_text(str(exc))}", severity="error", markup=False)
            return
        if removed is not None:
            self.deleted.append(removed)
        self.notes = [n for n in self.notes if n.id != note.id]
        self.show_notes()
        self.notify("Note deleted: u undoes.")

    def action_undo_delete(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo.")
            return
        if self.writable():
            note = self.deleted.pop()
            if self.save(note, new=True) is not None:
                self.notify("Delete undone.")

    def accept_change(self, note: Note) -> None:
        from briefer.notes.anchoring import accept_changed

        if note.anchor == "changed" and self.writable():
            self.save(accept_changed(note, self.briefing.body))

    def edit_in_editor(self, note: Note) -> None:
        """Open the note's text in $VISUAL / $EDITOR; the app suspends while it runs."""
        from briefer.ui.editor import EditorError, edit_text

        if not self.writable():
            return
        try:
            text = edit_text(self.app, note.text)
        except EditorError as exc:
            self.notify(clean_text(str(exc)), severity="error", markup=False)
            return
        if text == note.text:
            self.notify("Note unchanged.")
            return
        note.text = text
        if note.kind == "highlight":
            note.kind = "note"
        self.save(note)

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
            self.app.push_screen(LinksDialog(urls), lambda url: url and self.open_url(url))

    def open_url(self, url: str) -> None:
        import webbrowser

        self.notify(f"Opening {clean_text(url)}", markup=False)
        webbrowser.open(url)

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
        if not isinstance(pane, PaneList):
            return
        item = pane.items[event.index] if event.index < len(pane.items) else None
        if item is None or item.heading:
            return
        name = pane.id.removeprefix("list-")
        if name == "notes":
            note = next((n for n in self.notes if n.id == item.key), None)
            if note is not None:
                self.edit_note(note)
            return
        if name in ("who", "where"):
            self.set_matches(item.spans, clean_text(item.key), "document-view--mention")
            self.step_match(True, from_start=True)
        elif item.jump is not None:
            self.document.move_to_offset(item.jump)

    def select_row(self, pane: str, key: str) -> None:
        pane_list = self.pane(pane)
        for index, item in enumerate(pane_list.items):
            if item.key == key:
                pane_list.highlighted = index
                return

    def mark_panes(self) -> None:
        if not self.briefing.sentences:
            return
        start, end = self.briefing.sentences[self.document.cursor]
        for name in PANES:
            self.pane(name).mark_span(start, end)

    def current_pane(self) -> str:
        return self.query_one(TabbedContent).active.removeprefix("pane-")

    def action_show_pane(self, name: str) -> None:
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
            "document"
            if focused is self.document or not isinstance(focused, PaneList)
            else focused.id.removeprefix("list-")
        )
        target = stops[(stops.index(here) + step) % len(stops)]
        if target == "document":
            self.document.focus()
        else:
            self.action_show_pane(target)

    # ----- matches: entity mentions and search hits ---------------------------

    def set_matches(self, spans: list[tuple[int, int]], label: str, component: str) -> None:
        self.matches = sorted(spans)
        self.match_index = -1
        self.match_label = label
        self.document.set_layer("matches", [(s, e, component) for s, e in self.matches])
        self.update_status()

    def clear_matches(self) -> bool:
        if not self.matches and not self.match_label:
            return False
        self.set_matches([], "", "")
        self.document.set_layer("current-match", [])
        return True

    def step_match(self, forward: bool, from_start: bool = False) -> None:
        """Go to the next or previous match; from the cursor's sentence when it has moved off the current one."""
        if not self.matches:
            if self.match_label:
                self.notify(f"No match for {self.match_label}", markup=False)
            return
        starts = [s for s, _ in self.matches]
        sentence_start, sentence_end = (
            self.briefing.sentences[self.document.cursor] if self.briefing.sentences else (0, 0)
        )
        on_current = 0 <= self.match_index < len(starts) and sentence_start <= starts[self.match_index] < max(
            sentence_end, sentence_start + 1
        )
        if from_start:
            index = 0
        elif on_current:
            index = self.match_index + (1 if forward else -1)
        else:
            index = bisect_left(starts, sentence_start) - (0 if forward else 1)
        self.match_index = index % len(self.matches)
        start, end = self.matches[self.match_index]
        self.document.set_layer("current-match", [(start, end, "document-view--search-current")])
        self.document.move_to_offset(start)
        self.update_status()

    def action_next_match(self) -> None:
        self.step_match(True)

    def action_previous_match(self) -> None:
        self.step_match(False)

    def action_search(self) -> None:
        field = self.query_one("#search-input", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#search-input")
    def _search_changed(self, event: Input.Changed) -> None:
        self.set_matches(find_all(self.briefing.body, event.value), event.value, "document-view--search")

    @on(Input.Submitted, "#search-input")
    def _search_submitted(self, event: Input.Submitted) -> None:
        field = self.query_one("#search-input", Input)
        field.display = False
        self.document.focus()
        if self.matches:
            self.step_match(True)

    # ----- reference date -----------------------------------------------------

    def action_reference_date(self) -> None:
        from briefer.ui.dialogs.date import DateDialog

        if not self.writable():
            return

        def done(value: str | None) -> None:
            if value is None:
                return
            try:
                self.store.set_briefing_data(self.briefing.id, reference_date=value or None)
            except Exception as exc:
                self.notify(f"Not saved: {clean_text(str(exc))}", severity="error", markup=False)
                return
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
        if not total:
            status = "empty briefing"
        else:
            passage = view.passage
            status = f"sentence {view.cursor + 1}/{total}"
            if view.has_selection:
                status += f" · {passage.last_sentence - passage.first_sentence + 1} selected"
        if self.match_label:
            position = self.match_index + 1 if self.match_index >= 0 else 0
            status += f" · {self.match_label}: {position}/{len(self.matches)} (n/N, esc clears)"
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


class NotesList(PaneList):
    """The NOTES pane: keys that act on the highlighted note."""

    BINDINGS = [
        Binding("d", "delete", "Delete note", id="delete-note"),
        Binding("A", "accept", "Accept new place", id="accept-anchor"),
        Binding("E", "edit_in_editor", "Edit in $EDITOR", id="edit-in-editor"),
    ]

    def _note(self) -> Note | None:
        return self.screen.selected_note()

    def action_delete(self) -> None:
        if (note := self._note()) is not None:
            self.screen.delete_note(note)

    def action_accept(self) -> None:
        if (note := self._note()) is not None:
            self.screen.accept_change(note)

    def action_edit_in_editor(self) -> None:
        if (note := self._note()) is not None:
            self.screen.edit_in_editor(note)
