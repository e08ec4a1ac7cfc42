"""`briefer digest [--since yesterday|DATE] [--until DATE] [-o FILE|-] [PATH ...]`: the morning
digest as one markdown document (see `briefer.desk.digest`), on standard output or in a file.

The index is refreshed and analysed first (its progress on a terminal), like `briefer actors`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from briefer import config
from briefer.briefing.sanitize import one_line
from briefer.commands.common import AddParser, CommandError, load_settings, open_store
from briefer.commands.index import ProgressLine, opened_index
from briefer.desk.period import Period, PeriodError, day_of


def register(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        parents=[common],
        help="one markdown document for the period: new briefings, watch hits, notes by tag, actors, agenda",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="folders (default: the library's)"
    )
    parser.add_argument(
        "--since",
        metavar="DATE",
        help="first day: yesterday, today, YYYY-MM-DD, or 7d, 30d (default: the day before --until)",
    )
    parser.add_argument("--until", metavar="DATE", help="last day, written the same way (default: today)")
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="write it to FILE (default, or -: standard output)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from briefer.desk.digest import write_digest

    try:
        period = _period(args.since, args.until)
    except PeriodError as exc:
        raise CommandError(str(exc)) from None
    out = None if args.output == "-" else Path(args.output)
    if out is not None and out.is_dir():
        raise CommandError(f"{one_line(str(out))} is a folder: name the file to write (e.g. {out}/digest.md)")
    settings = load_settings(args.config)
    folders = list(args.paths or config.briefing_folders(settings))
    with open_store(args) as store, opened_index() as index:
        index.refresh(
            folders, progress=ProgressLine(sys.stderr) if sys.stderr.isatty() else None, analyse=True
        )
        try:
            markdown = write_digest(index, store, folders, period, config.export_dir(settings), out)
        except OSError as exc:
            raise CommandError(f"cannot write {one_line(str(out))}: {exc.strerror or exc}") from None
    if out is None:
        sys.stdout.write(markdown)
    else:
        print(f"Digest of {period} written to {one_line(str(out))}", file=sys.stderr)
    return 0


def _period(since: str | None, until: str | None) -> Period:
    """From `since` (default: the day before the last) to `until` (default: today)."""
    if since is not None:
        return Period.parse(since, until)
    last = day_of(until, dt.date.today()) if until else dt.date.today()
    return Period(last - dt.timedelta(days=1), last)
