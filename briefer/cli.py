"""The `briefer` console script.

`briefer [PATH ...]` opens the TUI; subcommands do the rest. Only the TUI path
imports Textual, so `briefer extract` and friends start fast: the command modules
import what they need when they run.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from briefer import __version__
from briefer.briefing.sanitize import one_line
from briefer.commands import config as config_command
from briefer.commands import desk, digest, export, extract, feeds, index, locate, notes, search, watch
from briefer.commands.common import AddParser, CommandError, load_settings

# Every subcommand, in the order `briefer --help` lists them, with the function that
# describes it; the parser it adds sets `func(args) -> int`.
COMMANDS: dict[str, Callable[[AddParser, argparse.ArgumentParser], None]] = {
    "locate": locate.register,
    "config": config_command.register,
    "extract": extract.register,
    "notes": notes.register_notes,
    "tags": notes.register_tags,
    "export": export.register_export,
    "import": export.register_import,
    "feeds": feeds.register_feeds,
    "fetch": feeds.register_fetch,
    "add": feeds.register_add,
    "index": index.register,
    "search": search.register,
    "watch": watch.register,
    "actors": desk.register_actors,
    "timeline": desk.register_timeline,
    "agenda": desk.register_agenda,
    "digest": digest.register,
}
NOTES_HELP = "notes file (default: $BRIEFER_NOTES or the data dir)"
CONFIG_HELP = "config file (default: $BRIEFER_CONFIG or the config dir)"


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes are one line, like every other error, and say where help is."""

    def error(self, message: str) -> NoReturn:
        raise CommandError(f"{message} (see {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="briefer",
        usage="briefer [-h] [--version] [--notes FILE] [--config FILE] [PATH ... | COMMAND ...]",
        description="Read briefings: who, what, when and where, with notes you keep.",
        epilog="With no COMMAND, `briefer [PATH ...]` opens folders in the library or a file in the reader.",
    )
    parser.add_argument("--version", action="version", version=f"briefer {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    for options in (parser, common):
        options.add_argument("--notes", metavar="FILE", help=NOTES_HELP)
        options.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", prog="briefer")
    for name, register in COMMANDS.items():
        register(functools.partial(subparsers.add_parser, name), common)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # --notes and --config may come before or after the command: take them out first.
    global_options = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    global_options.add_argument("--notes")
    global_options.add_argument("--config")
    given, rest = global_options.parse_known_args(argv)
    parser = build_parser()
    first_positional = next((a for a in rest if not a.startswith("-")), None)
    try:
        if first_positional in COMMANDS:
            args = parser.parse_args(rest)
            args.notes = given.notes
            args.config = given.config
            return args.func(args)
        return _run_app(parser, rest, given.notes, given.config)
    except CommandError as exc:
        print(f"briefer: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Whoever read our output stopped (`briefer extract F | head`): end quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _run_app(
    parser: argparse.ArgumentParser, argv: list[str], notes: str | None, config_file: str | None
) -> int:
    app_parser = argparse.ArgumentParser(prog="briefer", add_help=False)
    app_parser.add_argument("paths", nargs="*", type=Path)
    app_parser.add_argument("-h", "--help", action="store_true")
    app_parser.add_argument("--version", action="store_true")
    args, unknown = app_parser.parse_known_args(argv)
    if unknown:
        raise CommandError(f"unknown option {unknown[0]} (see briefer --help)")
    if args.help:
        parser.print_help()
        return 0
    if args.version:
        print(f"briefer {__version__}")
        return 0
    for path in args.paths:
        if not path.exists():
            raise CommandError(_not_found(path))
    settings = load_settings(config_file)
    from briefer.ui import run_app  # Textual is imported only here

    return run_app(paths=args.paths, notes=notes, settings=settings)


def _not_found(path: Path) -> str:
    """A missing path that reads as a word was most likely meant as a command."""
    word = str(path)
    if os.sep in word or path.suffix:
        return f"{word}: no such file or folder"
    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.7)
    hint = f"did you mean {close[0]}?" if close else f"commands: {', '.join(COMMANDS)}"
    return f"unknown command {word!r} and no such file or folder ({hint})"
