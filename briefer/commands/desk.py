"""`briefer actors | timeline | agenda`: the desk for scripts and quick looks.

Each refreshes and analyses the index for the folders first (its progress on a terminal),
then prints the period's actors, its dated expressions in date order, or what is coming.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from briefer import config
from briefer.briefing.sanitize import one_line
from briefer.commands.common import AddParser, CommandError, load_settings, open_store, print_json
from briefer.commands.index import ProgressLine, opened_index
from briefer.desk import (
    DECISIONS_TABLE,
    Decision,
    Period,
    PeriodError,
    actors,
    agenda,
    decisions_from,
    timeline,
)
from briefer.desk.period import day_of
from briefer.desk.text import as_data, sparkline
from briefer.library.index import LibraryIndex

T = TypeVar("T")
QUOTE_WIDTH = 70
SPARKLINE_WIDTH = 30  # characters; a longer period sums days into each
SENTENCE_WIDTH = 100


def register_actors(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        parents=[common], help="the people and organisations of the period's briefings, most named first"
    )
    _period_options(parser)
    parser.set_defaults(func=run_actors)


def register_timeline(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        parents=[common], help="the period's dated expressions in date order, with their sentences"
    )
    _period_options(parser)
    parser.add_argument(
        "--who", metavar="NAME", help="only briefings naming this actor (a name or a surname)"
    )
    parser.add_argument("--where", metavar="PLACE", help="only briefings naming this place")
    parser.set_defaults(func=run_timeline)


def register_agenda(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        parents=[common],
        help="what is coming: dates after today in the last 30 days' briefings, by date and event",
    )
    _folders_option(parser)
    parser.add_argument(
        "--today", metavar="DATE", help="look ahead from this day (YYYY-MM-DD; default: today)"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.set_defaults(func=run_agenda)


def _folders_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="folders (default: the library's)"
    )


def _period_options(parser: argparse.ArgumentParser) -> None:
    _folders_option(parser)
    parser.add_argument(
        "--since", metavar="DATE", help="first day: YYYY-MM-DD, today, yesterday or 7d, 30d (default: 7d)"
    )
    parser.add_argument("--until", metavar="DATE", help="last day, written the same way (default: today)")
    parser.add_argument("--json", action="store_true", help="print a JSON list")


def run_actors(args: argparse.Namespace) -> int:
    period = _period(args)
    decisions = _decisions(args)
    found = _with_index(args, lambda index, folders: actors(index, folders, period, decisions))
    if args.json:
        print_json(as_data(found), indent=2)
        return 0
    print(f"Actors, {period}: {len(found)}")
    for actor in found:
        role = f"{actor.roles[0].text} ({actor.roles[0].day})" if actor.roles else ""
        quote = f'"{_cut(actor.latest_quote.text, QUOTE_WIDTH)}"' if actor.latest_quote else ""
        print(
            f"{actor.briefings:5}  {sparkline(actor.per_day, SPARKLINE_WIDTH)}  {one_line(actor.name)} ({actor.kind})"
            + (f", {one_line(role)}" if role else "")
            + (f"  {one_line(quote)}" if quote else "")
        )
    return 0


def run_timeline(args: argparse.Namespace) -> int:
    period = _period(args)
    decisions = _decisions(args) if args.who else []
    found = _with_index(
        args,
        lambda index, folders: timeline(index, folders, period, args.who, args.where, decisions=decisions),
    )
    if args.json:
        print_json(as_data(found), indent=2)
        return 0
    print(f"Timeline, briefings of {period}: {len(found)}")
    for item in found:
        print(f"{item.value:10}  {one_line(item.text)}: {one_line(_cut(item.sentence, SENTENCE_WIDTH))}")
        print(f"{'':10}  {one_line(item.title)}, {item.briefing_day} ({one_line(str(item.path))})")
    return 0


def run_agenda(args: argparse.Namespace) -> int:
    try:
        today = day_of(args.today, dt.date.today()) if args.today else dt.date.today()
    except PeriodError as exc:
        raise CommandError(str(exc)) from None
    found = _with_index(args, lambda index, folders: agenda(index, folders, today=today))
    if args.json:
        print_json(as_data(found), indent=2)
        return 0
    print(f"Agenda after {today}: {len(found)}")
    day = None
    for item in found:
        if item.day != day:
            day = item.day
            print(day)
        briefings = f"{item.briefings} briefing{'s' * (item.briefings != 1)}"
        first = item.items[0]
        print(
            f"  {one_line(item.event)} ({item.value}, {briefings}): {one_line(_cut(first.sentence, SENTENCE_WIDTH))}"
        )
    return 0


def _period(args: argparse.Namespace) -> Period:
    try:
        return Period.parse(args.since, args.until)
    except PeriodError as exc:
        raise CommandError(str(exc)) from None


def _decisions(args: argparse.Namespace) -> list[Decision]:
    """The user's merge and split decisions on actors, from the notes store."""
    store = open_store(args)
    try:
        return decisions_from(store.desk_table(DECISIONS_TABLE))
    finally:
        store.close()


def _with_index(args: argparse.Namespace, view: Callable[[LibraryIndex, list[Path]], T]) -> T:
    """`view` of the index once it holds the folders' briefings, analysed."""
    folders = list(args.paths or config.briefing_folders(load_settings(args.config)))
    with opened_index() as index:
        index.refresh(
            folders, progress=ProgressLine(sys.stderr) if sys.stderr.isatty() else None, analyse=True
        )
        return view(index, folders)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
