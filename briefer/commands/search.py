"""`briefer search [--json] [-l] [--limit N] QUERY [PATH ...]`: the library's search for scripts.

The index is refreshed first (a `stat` a file when nothing changed), and its copy of the notes
when the query asks tag: or note:. Exit status: 0 when
something matched, 1 when nothing did (as grep), 2 for a query it cannot read (with a hint).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefer import config
from briefer.briefing.sanitize import one_line
from briefer.commands.common import AddParser, CommandError, load_settings, open_store, print_json
from briefer.commands.index import ProgressLine, opened_index
from briefer.library.query import QueryError, compile_query, fields_of


def register(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        parents=[common],
        help='search the library: words, "phrases", prefix*, OR, -word, title: who: tag: date: ...',
    )
    parser.add_argument("query", metavar="QUERY", help="the query (see the README's Archive section)")
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="folders (default: the library's)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as a JSON list")
    parser.add_argument(
        "-l", "--files-only", action="store_true", help="print only the paths, one a line (as grep -l)"
    )
    parser.add_argument(
        "--limit", type=int, default=50, metavar="N", help="at most N results (0: all; default 50)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise CommandError("--limit takes 0 (all) or more")
    try:
        compile_query(args.query)  # a bad query is told before any indexing
    except QueryError as exc:
        raise CommandError(f"cannot read the query: {exc}") from None
    folders = args.paths or config.briefing_folders(load_settings(args.config))
    with opened_index() as index:
        index.refresh(folders, progress=ProgressLine(sys.stderr) if sys.stderr.isatty() else None)
        if fields_of(args.query) & {"tag", "note"}:  # the index's copy of the notes brought up to date
            with open_store(args) as store:
                index.sync_notes(store.all_notes())
        results = index.search(args.query, folders, limit=args.limit or -1, snippets=not args.files_only)
    if args.files_only and not args.json:
        for result in results:
            print(one_line(str(result.path)))
    elif args.json:
        print_json(
            [
                {
                    "path": str(result.path),
                    "title": result.title,
                    "date": result.date,
                    "source": result.source,
                    "briefing_id": result.briefing_id,
                    "snippet": result.snippet,
                    "hits": [list(hit) for hit in result.hits],
                }
                for result in results
            ],
            indent=2,
        )
    else:
        for result in results:
            details = " · ".join(part for part in (result.title, result.date, result.source) if part)
            print(f"{one_line(str(result.path))}\t{one_line(details)}\n    {one_line(result.snippet)}")
    return 0 if results else 1
