"""`briefer feeds add|list|rm`, `briefer fetch [NAME ...]` and `briefer add URL ...`: feeds and
pages fetched into briefings (briefer.feeds)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefer import config
from briefer.briefing.sanitize import one_line
from briefer.commands.common import AddParser, CommandError, load_settings


def register_feeds(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    feeds = add_parser(help="subscribe to RSS and Atom feeds, list and remove them")
    actions = feeds.add_subparsers(dest="action", metavar="ACTION", required=True)
    adding = actions.add_parser(
        "add", parents=[common], help="subscribe to a feed (fetched by briefer fetch)"
    )
    adding.add_argument("url", metavar="URL", help="the feed's http(s) URL")
    adding.add_argument("--name", metavar="NAME", help="a short name (default: the URL's host)")
    adding.add_argument(
        "--folder", metavar="DIR", type=Path, help="where its briefings go (default: LIBRARY/feeds/NAME)"
    )
    adding.set_defaults(func=run_feeds)
    actions.add_parser("list", parents=[common], help="list the feeds").set_defaults(func=run_feeds)
    removing = actions.add_parser("rm", parents=[common], help="unsubscribe (saved briefings stay)")
    removing.add_argument("name", metavar="NAME")
    removing.set_defaults(func=run_feeds)


def register_fetch(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(parents=[common], help="fetch the feeds' new items as briefings")
    parser.add_argument("names", metavar="NAME", nargs="*", help="only these feeds (default: all)")
    parser.set_defaults(func=run_fetch)


def register_add(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(parents=[common], help="save web pages as briefings")
    parser.add_argument("urls", metavar="URL", nargs="+", help="the pages' http(s) URLs")
    parser.add_argument("--folder", metavar="DIR", type=Path, help="where they go (default: LIBRARY/pages)")
    parser.set_defaults(func=run_add)


def run_feeds(args: argparse.Namespace) -> int:
    from briefer.feeds.http import FetchError
    from briefer.feeds.store import FeedsError, add_feed, changing_feeds, load_feeds, remove_feed

    try:
        if args.action == "list":
            for feed in load_feeds():
                print("\t".join(one_line(str(field)) for field in (feed.name, feed.url, feed.folder)))
            return 0
        with changing_feeds() as feeds:
            if args.action == "add":
                feed = add_feed(feeds, args.url, args.name, args.folder, _library(args))
            else:
                remove_feed(feeds, args.name)
        if args.action == "add":  # once saved
            print(one_line(f"added {feed.name}: its briefings go to {feed.folder}"))
    except (FeedsError, FetchError) as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"cannot save the feeds: {exc.strerror or exc}") from None
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from briefer.feeds.fetching import fetch_saved_feeds, summary
    from briefer.feeds.store import FeedsError

    try:
        results = fetch_saved_feeds(args.names, progress=_progress_bar if sys.stderr.isatty() else None)
    except FeedsError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"cannot save the feeds' state: {exc.strerror or exc}") from None
    finally:
        if sys.stderr.isatty():
            print("\r\x1b[K", end="", file=sys.stderr)
    print(one_line(summary(results)))
    return 1 if any(r.error for r in results) else 0


def run_add(args: argparse.Namespace) -> int:
    from briefer.feeds.fetching import save_page
    from briefer.feeds.http import FetchError

    folder = (args.folder or _library(args) / "pages").expanduser()
    failed = 0
    for url in args.urls:
        try:
            print(one_line(f"saved {save_page(url, folder)}"))
        except FetchError as exc:
            print(f"briefer: {one_line(url)}: {one_line(str(exc))}", file=sys.stderr)
            failed += 1
        except OSError as exc:
            raise CommandError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    return 1 if failed else 0


def _library(args: argparse.Namespace) -> Path:
    return config.briefing_folders(load_settings(args.config))[0]


def _progress_bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    print(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} feeds",
        end="",
        file=sys.stderr,
        flush=True,
    )
