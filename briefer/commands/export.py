"""`briefer export` and `briefer import`: notes to markdown or JSON files, and back."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from briefer import config
from briefer.briefing.sanitize import one_line
from briefer.commands.common import AddParser, CommandError, load_briefing, load_settings, open_store


def register_export(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
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


def register_import(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        parents=[common],
        help="restore notes from briefer's markdown export",
        description="Restore notes from files written by `briefer export`. Note text and tags "
        "edited in a file win; importing again creates no duplicates.",
    )
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", help="export files, or folders of them")
    parser.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from briefer.notes.export import select_notes
    from briefer.notes.exporting import ExportError, briefing_groups, export_notes, render_to_text

    if args.since:
        try:
            date.fromisoformat(args.since)
        except ValueError:
            raise CommandError(f"--since {args.since}: expected a date as YYYY-MM-DD") from None
    briefings = {}
    paths = []
    for name in args.files:
        briefing = load_briefing(name)
        briefings[briefing.id] = briefing
        paths += [name, os.path.abspath(name)]
    store = open_store(args)
    try:
        notes = select_notes(
            store.all_notes(),
            tags=args.tag,
            since=args.since,
            briefing_ids=list(briefings),
            paths=paths if args.files else None,
        )
        # The desk tables go with a folder export of everything.
        everything = not (args.files or args.tag or args.since or args.single) and args.format == "markdown"
        output = args.output or ""
        everything = everything and output != "-" and not output.lower().endswith((".md", ".markdown"))
        if not notes and not (everything and store.desk_tables()):
            print("briefer: no notes to export", file=sys.stderr)
            return 0
        if args.output == "-":
            groups = briefing_groups(notes, briefings, store.reference_dates())
            _print_utf8(render_to_text(groups, single=args.single, fmt=args.format))
            return 0
        out = Path(args.output) if args.output else config.export_dir(load_settings(args.config))
        written = export_notes(
            store,
            out,
            notes=notes,
            single=args.single,
            force=args.force,
            fmt=args.format,
            briefings=briefings,
            with_desk=everything,
        )
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    where = written[0] if len(written) == 1 else written[0].parent
    print(f"exported {len(notes)} note{'s' * (len(notes) != 1)} to {where}")
    return 0


def _print_utf8(text: str) -> None:
    """Exports are UTF-8 whatever the terminal's locale."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def run_import(args: argparse.Namespace) -> int:
    from briefer.notes.exporting import ExportError
    from briefer.notes.importing import import_exports
    from briefer.notes.store import StoreError

    store = open_store(args)
    try:
        if store.read_only:
            raise CommandError("the notes file is open in another briefer; close it and import again")
        report = import_exports(store, args.paths)
    except (ExportError, StoreError) as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    for problem in report.problems:
        print(f"briefer: {one_line(problem)}", file=sys.stderr)
    print(
        f"imported {report.files} file{'s' * (report.files != 1)}: {report.added} new, "
        f"{report.updated} updated, {report.unchanged} unchanged"
        + (
            f"; {report.desk_records} desk records (read state, flags, watch items)"
            if report.desk_records
            else ""
        )
    )
    return 0
