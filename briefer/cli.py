"""The `briefer` console script.

`briefer [PATH ...]` opens the TUI; subcommands do the rest. Only the TUI path
imports Textual, so `briefer extract` and friends start fast.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from briefer import __version__, config

# Modules that each add subcommands with `register(subparsers)`; every
# subcommand's parser sets `func(args) -> int`.
COMMAND_MODULES = (
    "briefer.commands.locate",
    "briefer.commands.settings",
    "briefer.extract.command",
    "briefer.notes.command",
    "briefer.notes.export_command",
)


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefer",
        description="Read briefings: who, what, when and where, with notes you keep.",
    )
    parser.add_argument("--version", action="version", version=f"briefer {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--notes", metavar="FILE", help="notes file (default: $BRIEFER_NOTES or the data dir)")
    common.add_argument("--config", metavar="FILE", help="config file (default: $BRIEFER_CONFIG or the config dir)")
    parser.add_argument("--notes", metavar="FILE", help="notes file (default: $BRIEFER_NOTES or the data dir)")
    parser.add_argument("--config", metavar="FILE", help="config file (default: $BRIEFER_CONFIG or the config dir)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # that part of briefer is not built yet
        module.register(subparsers, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    known_commands = set(parser._subparsers._group_actions[0].choices) if parser._subparsers else set()
    first_positional = next((a for a in argv if not a.startswith("-")), None)
    try:
        if first_positional in known_commands:
            args = parser.parse_args(argv)
            return args.func(args)
        return _run_app(parser, argv)
    except CommandError as exc:
        print(f"briefer: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _run_app(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    app_parser = argparse.ArgumentParser(prog="briefer", parents=[], add_help=False)
    app_parser.add_argument("paths", nargs="*", type=Path)
    app_parser.add_argument("--notes")
    app_parser.add_argument("--config")
    app_parser.add_argument("-h", "--help", action="store_true")
    app_parser.add_argument("--version", action="store_true")
    args = app_parser.parse_args(argv)
    if args.help:
        parser.print_help()
        print("\nWith no COMMAND, `briefer [PATH ...]` opens folders in the library or a file in the reader.")
        return 0
    if args.version:
        print(f"briefer {__version__}")
        return 0
    for path in args.paths:
        if not path.exists():
            raise CommandError(f"{path}: no such file or folder")
    from briefer.ui.app import run_app  # Textual is imported only here

    return run_app(paths=args.paths, notes=args.notes, config_file=args.config)
