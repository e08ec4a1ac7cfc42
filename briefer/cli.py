"""The `briefer` console script.

`briefer [PATH ...]` opens the TUI; subcommands do the rest. Only the TUI path
imports Textual, so `briefer extract` and friends start fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
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


def load_settings(args) -> config.Config:
    """The config file's settings for a command (`--config`, $BRIEFER_CONFIG or the default)."""
    try:
        return config.load_config(config.config_path(args.config))
    except config.ConfigError as exc:
        raise CommandError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefer",
        description="Read briefings: who, what, when and where, with notes you keep.",
    )
    parser.add_argument("--version", action="version", version=f"briefer {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--notes", metavar="FILE", help="notes file (default: $BRIEFER_NOTES or the data dir)"
    )
    common.add_argument(
        "--config", metavar="FILE", help="config file (default: $BRIEFER_CONFIG or the config dir)"
    )
    parser.add_argument(
        "--notes", metavar="FILE", help="notes file (default: $BRIEFER_NOTES or the data dir)"
    )
    parser.add_argument(
        "--config", metavar="FILE", help="config file (default: $BRIEFER_CONFIG or the config dir)"
    )
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
    # --notes and --config may come before or after the command: take them out first.
    global_options = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    global_options.add_argument("--notes")
    global_options.add_argument("--config")
    given, rest = global_options.parse_known_args(argv)
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices if parser._subparsers else {}
    first_positional = next((a for a in rest if not a.startswith("-")), None)
    try:
        if first_positional in commands:
            args = parser.parse_args(rest)
            args.notes = given.notes
            args.config = given.config
            return args.func(args)
        return _run_app(parser, rest, given.notes, given.config)
    except CommandError as exc:
        print(f"briefer: error: {exc}", file=sys.stderr)
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
        print("\nWith no COMMAND, `briefer [PATH ...]` opens folders in the library or a file in the reader.")
        return 0
    if args.version:
        print(f"briefer {__version__}")
        return 0
    for path in args.paths:
        if not path.exists():
            raise CommandError(f"{path}: no such file or folder")
    try:
        settings = config.load_config(config.config_path(config_file))
    except config.ConfigError as exc:
        raise CommandError(str(exc)) from None
    from briefer.ui import run_app  # Textual is imported only there

    return run_app(paths=args.paths, notes=notes, settings=settings)
