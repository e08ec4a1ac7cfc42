"""`briefer export` and `briefer import`, and the file-writing calls the UI uses.

The rendering and parsing are pure (`briefer.notes.export`); this module adds the
store, the files and the clock. Heavy imports happen inside functions: this module
is imported on every CLI start.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefer import config

MARKDOWN_SUFFIXES = (".md", ".markdown")
SINGLE_FILE_NAME = "briefer-notes.md"
JSON_FILE_NAME = "briefer-annotations.json"


class ExportError(Exception):
    """An export or import that cannot go ahead; the message is one line for the user."""


# ---------------------------------------------------------------- exporting


def export_briefing_notes(store, briefing, out_dir: Path | None = None, force: bool = False) -> Path:
    """Write the notes of one open briefing to its file in `out_dir`; returns that file."""
    from briefer.notes import export

    notes = store.notes_for(briefing.id)
    if not notes:
        raise ExportError("this briefing has no notes to export")
    info = export.BriefingInfo.from_briefing(briefing)
    folder = Path(out_dir) if out_dir is not None else config.export_dir()
    target = folder / export.export_file_name(info)
    _write_markdown_files(
        store,
        [
            (
                target,
                lambda exported, mine: export.render_briefing(info, notes, exported=exported, my_notes=mine),
            )
        ],
        force,
    )
    return target


def export_notes(
    store,
    out: Path | None = None,
    *,
    notes=None,
    tags=(),
    since: str | None = None,
    briefing_ids=None,
    paths=None,
    single: bool = False,
    force: bool = False,
    fmt: str = "markdown",
    briefings=None,
) -> list[Path]:
    """Export notes (all, `notes` if given, narrowed by the filters) and return the files written
    or left unchanged. `out` is a folder (one file per briefing, or one file with `single`), or a
    `.md`/`.json` file; default: `config.export_dir()`. `briefings` maps briefing id -> metadata already
    at hand (a Briefing, or anything with title, path, source and date such as a library entry);
    other briefings are loaded from their paths (about 1 ms each) when they still exist."""
    from briefer.notes import export

    chosen = export.select_notes(
        store.all_notes() if notes is None else notes,
        tags=tags,
        since=since,
        briefing_ids=briefing_ids,
        paths=paths,
    )
    if not chosen:
        raise ExportError("no notes to export")
    groups = briefing_groups(chosen, briefings)
    out = Path(out) if out is not None else config.export_dir()
    if fmt == "json":
        target = out if out.suffix.lower() == ".json" else out / JSON_FILE_NAME
        (old,) = _read_targets([target], force, json_file=True).values()
        text = export.render_annotations(groups)
        if text != old:
            _atomic_write(target, text)
        return [target]
    if out.suffix.lower() in MARKDOWN_SUFFIXES or single:
        target = out if out.suffix.lower() in MARKDOWN_SUFFIXES else out / SINGLE_FILE_NAME
        _write_markdown_files(
            store,
            [
                (
                    target,
                    lambda exported, mine: export.render_collection(groups, exported=exported, my_notes=mine),
                )
            ],
            force,
        )
        return [target]
    names = export.export_file_names([info for info, _ in groups])
    targets = [(out / names[info.id], info, group) for info, group in groups]
    _write_markdown_files(
        store,
        [
            (
                target,
                lambda exported, mine, info=info, group=group: export.render_briefing(
                    info, group, exported=exported, my_notes=mine
                ),
            )
            for target, info, group in targets
        ],
        force,
    )
    return [t for t, _, _ in targets]


def briefing_groups(notes, briefings=None) -> list:
    """(BriefingInfo, notes) per briefing; metadata from the briefing file when it still loads."""
    import yaml

    from briefer.briefing import BriefingError, load
    from briefer.notes import export

    briefings = briefings or {}
    groups = []
    for briefing_id, group in export.group_by_briefing(notes).items():
        briefing = briefings.get(briefing_id)
        if briefing is None:
            path = export.BriefingInfo.from_notes(group).path
            if path and os.path.isfile(path):
                try:
                    briefing = load(path)
                except (BriefingError, ValueError, yaml.YAMLError):
                    briefing = None  # the notes still say which briefing they belong to
        if briefing is not None:
            info = export.BriefingInfo.from_briefing(briefing, briefing_id=briefing_id)
        else:
            info = export.BriefingInfo.from_notes(group)
        groups.append((info, group))
    return groups


def _read_targets(targets, force: bool, json_file: bool = False) -> dict:
    """The current text of each target (None when absent). Refuses, before anything is
    written, to overwrite a file briefer did not write unless `force`; with `force` such a
    file counts as absent."""
    from briefer.notes import export

    texts = {}
    for target in targets:
        try:
            text = export.normalise_newlines(target.read_text(encoding="utf-8", errors="surrogateescape"))
        except FileNotFoundError:
            text = None
        except IsADirectoryError:
            raise ExportError(f"{target}: is a folder") from None
        except OSError as exc:
            raise ExportError(f"{target}: {exc.strerror or exc}") from None
        if text is not None and not (
            export.is_briefer_json(text) if json_file else export.is_briefer_file(text)
        ):
            if not force:
                raise ExportError(f"{target}: not written by briefer; use --force to overwrite it")
            text = None
        texts[target] = text
    return texts


def _write_markdown_files(store, renders, force: bool) -> None:
    """Write each (target, render) where `render(exported, my_notes)` gives the file's text.

    The old file's My notes region is kept; a file whose notes did not change keeps its
    `exported` and so its bytes. Nothing is written if any target is someone else's file or
    holds note edits not yet imported (unless `force`): re-exporting must not undo them."""
    from briefer.notes import export
    from briefer.notes.model import now_iso

    old_texts = _read_targets([target for target, _ in renders], force)
    now = now_iso()
    planned = []
    for target, render in renders:
        old = old_texts[target]
        mine = export.my_notes_region(old) if old is not None else None
        if old is not None:
            exported = export.previous_exported(old)
            if exported is not None and render(exported, mine) == old:
                continue
            if not force:
                _refuse_unimported_edits(store, target, old)
        planned.append((target, render(now, mine)))
    for target, text in planned:
        _atomic_write(target, text)


def _refuse_unimported_edits(store, target: Path, old: str) -> None:
    from briefer.notes import export

    edited = export.unimported_edits(export.parse_export(old), store.get)
    if edited:
        count = f"{len(edited)} note{'s' * (len(edited) != 1)}"
        raise ExportError(
            f"{target}: {count} edited in this file not imported yet; "
            f"run `briefer import` on it first, or use --force to overwrite"
        )


def _atomic_write(target: Path, text: str) -> None:
    """Write a temporary file beside `target` and rename it over: no half-written exports."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExportError(f"{target}: {exc.strerror or exc}") from None


def render_to_text(groups, *, single: bool, fmt: str) -> str:
    """The export as one text, for standard output."""
    from briefer.notes import export
    from briefer.notes.model import now_iso

    if fmt == "json":
        return export.render_annotations(groups)
    if len(groups) == 1 and not single:
        info, notes = groups[0]
        return export.render_briefing(info, notes, exported=now_iso())
    return export.render_collection(groups, exported=now_iso())


# ---------------------------------------------------------------- importing


@dataclass(slots=True)
class ImportReport:
    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def export_files(paths) -> list[Path]:
    """The markdown files to import: named files, and briefer's exports inside named folders."""
    from briefer.notes import export

    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            for candidate in sorted(p for p in path.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES):
                if candidate.is_file() and export.is_briefer_file(_read(candidate)):
                    files.append(candidate)
        elif path.is_file():
            if not export.is_briefer_file(_read(path)):
                raise ExportError(f"{path}: not a briefer export (no 'generator: briefer' front matter)")
            files.append(path)
        else:
            raise ExportError(f"{path}: no such file or folder")
    return files


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ExportError(f"{path}: {exc.strerror or exc}") from None


def import_exports(store, paths) -> ImportReport:
    """Restore notes from export files into `store`: same ids, selectors and times; text and
    tags edited in a file win; notes already in the store are updated, never duplicated; a
    new note whose briefing file is gone is kept as an orphan."""
    from briefer.notes import export
    from briefer.notes.model import now_iso
    from briefer.notes.store import InvalidNote

    report = ImportReport()
    now = now_iso()
    briefing_exists: dict[str, bool] = {}
    for path in export_files(paths):
        parsed = export.parse_export(_read(path))
        report.files += 1
        report.problems += [f"{path}: {problem}" for problem in parsed.problems]
        for imported in parsed.notes:
            existing = store.get(imported.note.id)
            merged = export.merge_imported(imported, existing, now)
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
                    store.update(merged)
                    report.updated += 1
            except InvalidNote as exc:  # one bad note (e.g. a hand-edited id) must not stop the rest
                report.problems.append(f"{path}: {exc}")
    return report


# ---------------------------------------------------------------- the commands


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "export",
        parents=[common],
        help="write notes as markdown files (one per briefing) or W3C annotation JSON",
        description="Write notes as markdown: one file per briefing, with the passage, the note, "
        "its #tags and the data `briefer import` needs to restore it. A file's '## My notes' "
        "section is kept when it is exported again.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="only the notes of these briefings")
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only notes with this tag or a tag nested under it (repeatable)",
    )
    parser.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only notes created or changed on or after this day"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR|FILE.md|-",
        help="folder (default: the export folder), one .md file, or - for standard output",
    )
    parser.add_argument("--single", action="store_true", help="all notes in one file")
    parser.add_argument("--force", action="store_true", help="overwrite files that briefer did not write")
    parser.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="markdown (default) or W3C Web Annotation JSON",
    )
    parser.set_defaults(func=run_export)

    parser = subparsers.add_parser(
        "import",
        parents=[common],
        help="restore notes from briefer's markdown export",
        description="Restore notes from files written by `briefer export`. Note text and tags "
        "edited in a file win; importing again creates no duplicates.",
    )
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", help="export files, or folders of them")
    parser.set_defaults(func=run_import)


def _open_store(args):
    from briefer.notes.store import NotesStore, StoreError

    try:
        store = NotesStore.open(config.notes_path(args.notes, _settings(args)))
    except StoreError as exc:
        raise _command_error(str(exc)) from None
    for message in store.messages:
        print(f"briefer: {message}", file=sys.stderr)
    return store


def _settings(args):
    from briefer.cli import load_settings

    return load_settings(args)


def _command_error(message: str):
    from briefer.cli import CommandError

    return CommandError(message)


def run_export(args) -> int:
    from datetime import date

    import yaml

    from briefer.briefing import BriefingError, load
    from briefer.notes import export

    if args.since:
        try:
            date.fromisoformat(args.since)
        except ValueError:
            raise _command_error(f"--since {args.since}: expected a date as YYYY-MM-DD") from None
    briefings = {}
    paths = []
    for name in args.files:
        try:
            briefing = load(name)
        except BriefingError as exc:
            raise _command_error(str(exc)) from None
        except (ValueError, yaml.YAMLError):
            raise _command_error(f"{name}: not a readable briefing") from None
        briefings[briefing.id] = briefing
        paths += [name, os.path.abspath(name)]
    store = _open_store(args)
    try:
        notes = export.select_notes(
            store.all_notes(),
            tags=args.tag,
            since=args.since,
            briefing_ids=list(briefings),
            paths=paths if args.files else None,
        )
        if not notes:
            print("briefer: no notes to export", file=sys.stderr)
            return 0
        if args.output == "-":
            _print_utf8(
                render_to_text(briefing_groups(notes, briefings), single=args.single, fmt=args.format)
            )
            return 0
        out = Path(args.output) if args.output else config.export_dir(_settings(args))
        written = export_notes(
            store,
            out,
            notes=notes,
            single=args.single,
            force=args.force,
            fmt=args.format,
            briefings=briefings,
        )
    except ExportError as exc:
        raise _command_error(str(exc)) from None
    finally:
        store.close()
    where = written[0] if len(written) == 1 else written[0].parent
    print(f"exported {len(notes)} note{'s' * (len(notes) != 1)} to {where}")
    return 0


def _print_utf8(text: str) -> None:
    """Exports are UTF-8 whatever the terminal's locale; a closed pipe (`| head`) is not an error."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def run_import(args) -> int:
    from briefer.notes.store import StoreError

    store = _open_store(args)
    try:
        if store.read_only:
            raise _command_error("the notes file is open in another briefer; close it and import again")
        report = import_exports(store, args.paths)
    except (ExportError, StoreError) as exc:
        raise _command_error(str(exc)) from None
    finally:
        store.close()
    for problem in report.problems:
        print(f"briefer: {problem}", file=sys.stderr)
    print(
        f"imported {report.files} file{'s' * (report.files != 1)}: {report.added} new, "
        f"{report.updated} updated, {report.unchanged} unchanged"
    )
    return 0
