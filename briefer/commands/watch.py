"""`briefer watch add|list|rm`: the watch-list for scripts.

`list` brings the archive index up to date first (analysing what is new, for who: and
where:) and gives each item's hits and those new since the item was last looked at.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefer import config
from briefer.briefing.sanitize import one_line
from briefer.commands.common import AddParser, CommandError, load_settings, open_store, print_json


def register(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(
        parents=[common],
        help="watch actors, places, phrases and searches across the briefings",
        description="Keep a watch-list: `who:NAME` watches an actor, `where:NAME` a place, a text "
        "with the query language's syntax a search, anything else a word or phrase.",
    )
    actions = parser.add_subparsers(dest="watch_action", metavar="add|list|rm", required=True)
    add = actions.add_parser("add", parents=[common], help="watch something")
    add.add_argument("text", nargs="+", metavar="TEXT", help="who:NAME, where:NAME, a phrase or a query")
    add.add_argument("--kind", choices=("actor", "place", "phrase", "search"), help="instead of inferring it")
    add.add_argument("--name", help="what to call it (default: the text)")
    add.set_defaults(func=run_add)
    listing = actions.add_parser("list", parents=[common], help="the items, their hits and new hits")
    listing.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="folders (default: the library's)"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.add_argument("--hits", action="store_true", help="also list each item's briefings")
    listing.set_defaults(func=run_list)
    remove = actions.add_parser("rm", parents=[common], help="stop watching an item (by id or name)")
    remove.add_argument("item", metavar="ID_OR_NAME")
    remove.set_defaults(func=run_remove)


def run_add(args: argparse.Namespace) -> int:
    from briefer.desk.watch import WatchError, add_watch
    from briefer.notes.store import StoreError

    store = open_store(args)
    try:
        item = add_watch(store, " ".join(args.text), kind=args.kind, name=args.name)
    except (WatchError, StoreError) as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    print(f"watching {one_line(item.name)} ({item.kind}, id {item.id}): {one_line(item.query)}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from briefer.desk.watch import WatchError, find_watch, remove_watch
    from briefer.notes.store import StoreError

    store = open_store(args)
    try:
        item = find_watch(store, args.item)
        remove_watch(store, item.id)
    except (WatchError, StoreError) as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    print(f"no longer watching {one_line(item.name)}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from briefer.commands.index import ProgressLine, opened_index
    from briefer.desk.watch import new_hits, watch_hits, watch_items

    folders = args.paths or config.briefing_folders(load_settings(args.config))
    store = open_store(args)
    try:
        items = watch_items(store)
        with opened_index() as index:
            if items:
                progress = ProgressLine(sys.stderr) if sys.stderr.isatty() else None
                index.refresh(folders, progress=progress, analyse=True)
            found = [(item, watch_hits(index, folders, item)) for item in items]
        listed = [(item, hits, new_hits(store, item, hits)) for item, hits in found]
    finally:
        store.close()
    if args.json:
        print_json([_as_json(item, hits, new) for item, hits, new in listed], indent=2)
        return 0
    if not listed:
        print("nothing watched yet: briefer watch add who:NAME | where:NAME | PHRASE | QUERY")
    for item, hits, new in listed:
        print(
            f"{item.id}\t{one_line(item.name)}\t{item.kind}\t{len(hits)} hits, {len(new)} new\t{one_line(item.query)}"
        )
        if args.hits:
            fresh = {hit.path for hit in new}
            for hit in hits:
                mark = "*" if hit.path in fresh else " "
                print(f"  {mark} {hit.date or '':10}  {one_line(str(hit.path))}  {one_line(hit.title)}")
    return 0


def _as_json(item, hits, new) -> dict:
    fresh = {hit.path for hit in new}
    return {
        "id": item.id,
        "kind": item.kind,
        "text": item.text,
        "name": item.name,
        "query": item.query,
        "hits": [
            {
                "path": str(hit.path),
                "title": hit.title,
                "date": hit.date,
                "offset": hit.offset,
                "passage": hit.passage,
                "new": hit.path in fresh,
            }
            for hit in hits
        ],
        "new": len(new),
    }
