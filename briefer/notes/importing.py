"""Restoring notes from export files into the store: what `briefer import` calls.

Each file is read whole and checked before anything of it is saved: a damaged file
(a note region without its data, a comment cut short, fewer notes than its front
matter says) is reported with its line and changes nothing; other files still import.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from briefer.briefing import Briefing, BriefingError, load
from briefer.notes.anchoring import anchor_note
from briefer.notes.export import MARKDOWN_SUFFIXES
from briefer.notes.export_desk import import_desk, is_desk_export
from briefer.notes.export_parsing import (
    HandwrittenNote,
    ParsedExport,
    is_briefer_file,
    is_imported_handwritten,
    merge_imported,
    parse_export,
)
from briefer.notes.exporting import ExportError
from briefer.notes.model import Note, Target, new_note_id, now_iso
from briefer.notes.store import InvalidNote, NoteConflict, normalise_path


@dataclass(slots=True)
class ImportReport:
    files: int = 0  # files imported; a damaged file is only in `problems`
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    desk_records: int = 0  # desk table records restored (read state, flags, watch items...)
    problems: list[str] = field(default_factory=list)


def export_files(paths) -> list[Path]:
    """The markdown files to import: named files, and briefer's exports inside named folders."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            for candidate in sorted(p for p in path.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES):
                if candidate.is_file() and is_briefer_file(_read(candidate)):
                    files.append(candidate)
        elif path.is_file():
            if not is_briefer_file(_read(path)):
                raise ExportError(f"{path}: not a briefer export (no 'generator: briefer' front matter)")
            files.append(path)
        else:
            raise ExportError(f"{path}: no such file or folder")
    return files


def import_exports(store, paths) -> ImportReport:
    """Restore notes from export files into `store`: same ids, selectors and times; text and
    tags edited in a file win; notes already in the store are updated, never duplicated; a
    new note whose briefing file is gone is kept as an orphan. Notes written by hand into a
    file (a quote, then the note) are added when their quote is found in the briefing."""
    report = ImportReport()
    importer = _Importer(store, report, now_iso())
    for path in export_files(paths):
        text = _read(path)
        if is_desk_export(text):
            report.desk_records += import_desk(store, path, text, report.problems)
            report.files += 1
            continue
        parsed = parse_export(text)
        if parsed.problems:
            report.problems += [
                f"{path}: {problem}; nothing imported from this file" for problem in parsed.problems
            ]
            continue
        report.files += 1
        importer.import_file(path, parsed)
    return report


class _Importer:
    def __init__(self, store, report: ImportReport, now: str) -> None:
        self.store = store
        self.report = report
        self.now = now
        self.briefing_exists: dict[str, bool] = {}
        self.briefings: dict[str, Briefing | str] = {}  # path -> the briefing, or why it did not load

    def import_file(self, path: Path, parsed: ParsedExport) -> None:
        changes: list[tuple[Note, bool]] = []  # (note, is new): worked out before any is saved
        for imported in parsed.notes:
            existing = self.store.get(imported.note.id)
            merged = merge_imported(imported, existing, self.now)
            if merged is None:
                self.report.unchanged += 1
            elif existing is None:
                changes.append((self.orphaned_if_gone(merged), True))
            else:
                changes.append((replace(merged, revision=existing.revision), False))  # the file wins
        for handwritten in parsed.handwritten:
            note = self.handwritten_note(path, handwritten)
            if note is not None:
                changes.append((note, True))
        for note, is_new in changes:
            try:
                (self.store.add if is_new else self.store.update)(note)
            except (InvalidNote, NoteConflict) as exc:  # the file was checked: the store's rules are left
                self.report.problems.append(f"{path}: {exc}")
                continue
            if is_new:
                self.report.added += 1
            else:
                self.report.updated += 1

    def orphaned_if_gone(self, note: Note) -> Note:
        where = note.briefing_path
        if where not in self.briefing_exists:
            self.briefing_exists[where] = bool(where) and os.path.isfile(where)
        return note if self.briefing_exists[where] else replace(note, anchor="orphan")

    def handwritten_note(self, path: Path, handwritten: HandwrittenNote) -> Note | None:
        """The new note for a hand-written one, or None (reported, or imported before)."""
        where = f"{path}: line {handwritten.line}: the note written here is not imported"
        if handwritten.briefing is None:
            self.report.problems.append(f"{where}: it is outside a briefing's section")
            return None
        briefing = self.briefing_at(handwritten.briefing.path)
        if isinstance(briefing, str):
            self.report.problems.append(f"{where}: {briefing}")
            return None
        quote = handwritten.quote
        note = anchor_note(
            Note(
                id=new_note_id(),
                briefing_id=briefing.id,
                briefing_path=normalise_path(handwritten.briefing.path),
                briefing_title=briefing.title,
                target=Target(quote, "", "", 0, len(quote)),
                kind="note" if handwritten.text else "highlight",
                text=handwritten.text,
                tags=handwritten.tags,
                created=self.now,
                updated=self.now,
            ),
            briefing.body,
        )
        if not quote or note.anchor != "anchored":  # only an exact find: a guess would misplace it
            self.report.problems.append(f"{where}: its quoted passage is not in the briefing")
            return None
        note.target = Target.from_span(briefing.body, note.target.start, note.target.end)
        known = self.store.notes_for(briefing.id) + self.store.notes_for_path(note.briefing_path)
        if any(is_imported_handwritten(n, handwritten) for n in known):
            self.report.unchanged += 1
            return None
        return note

    def briefing_at(self, path: str) -> Briefing | str:
        if path not in self.briefings:
            try:
                self.briefings[path] = load(path) if path else "the file names no briefing"
            except (BriefingError, OSError, ValueError, yaml.YAMLError) as exc:
                self.briefings[path] = f"its briefing {path} cannot be read ({exc})"
        return self.briefings[path]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ExportError(f"{path}: {exc.strerror or exc}") from None
