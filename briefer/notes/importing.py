"""Restoring notes from export files into the store: what `briefer import` calls."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefer.notes.export import MARKDOWN_SUFFIXES
from briefer.notes.export_parsing import is_briefer_file, merge_imported, parse_export
from briefer.notes.exporting import ExportError
from briefer.notes.model import now_iso
from briefer.notes.store import InvalidNote, NoteConflict


@dataclass(slots=True)
class ImportReport:
    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
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
    new note whose briefing file is gone is kept as an orphan."""
    report = ImportReport()
    now = now_iso()
    briefing_exists: dict[str, bool] = {}
    for path in export_files(paths):
        parsed = parse_export(_read(path))
        report.files += 1
        report.problems += [f"{path}: {problem}" for problem in parsed.problems]
        for imported in parsed.notes:
            existing = store.get(imported.note.id)
            merged = merge_imported(imported, existing, now)
            try:
                if merged is None:
                    report.unchanged += 1
                elif existing is None:
                    where = merged.briefing_path
                    if where not in briefing_exists:
                        briefing_exists[where] = bool(where) and os.path.isfile(where)
                    if not briefing_exists[where]:
                        merged = replace(merged, anchor="orphan")
                    store.add(merged)
                    report.added += 1
                else:
                    store.update(replace(merged, revision=existing.revision))  # the file wins
                    report.updated += 1
            except (
                InvalidNote,
                NoteConflict,
            ) as exc:  # one bad note (e.g. a hand-edited id) must not stop the rest
                report.problems.append(f"{path}: {exc}")
    return report


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ExportError(f"{path}: {exc.strerror or exc}") from None
