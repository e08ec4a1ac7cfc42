"""What the commands share: their one kind of error, their settings, the notes store,
the briefing they are given, and JSON that is safe to print."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefer import config
from briefer.briefing.sanitize import escape_controls, one_line

if TYPE_CHECKING:
    from briefer.briefing import Briefing
    from briefer.notes.store import NotesStore

# `subparsers.add_parser` with the command's name already given: `briefer.cli` names
# every command once, in its registry, and a module only describes its command.
AddParser = Callable[..., argparse.ArgumentParser]


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit status 2."""


def load_settings(config_file: str | None) -> config.Config:
    """The config file's settings (`--config`, $BRIEFER_CONFIG or the default)."""
    try:
        return config.load_config(config.config_path(config_file))
    except config.ConfigError as exc:
        raise CommandError(str(exc)) from None


def open_store(args: argparse.Namespace) -> NotesStore:
    """The notes store (`--notes`, the config's, or the default); what opening it repaired
    is said on standard error. The caller closes it."""
    from briefer.notes.store import NotesStore, StoreError  # TinyDB: only for the commands on notes

    try:
        store = NotesStore.open(config.notes_path(args.notes, load_settings(args.config)))
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    for message in store.messages:
        print(f"briefer: {one_line(message)}", file=sys.stderr)
    return store


def load_briefing(path: str) -> Briefing:
    from briefer.briefing import BriefingError, load

    try:
        return load(path)
    except BriefingError as exc:
        raise CommandError(str(exc)) from None
    except ValueError as exc:  # the loader's own reasons are BriefingErrors; this is a bug's last guard
        raise CommandError(f"{path}: cannot read it as a briefing ({type(exc).__name__})") from None


def print_json(data: object, indent: int | None = None) -> None:
    """`data` as JSON in which no control, invisible or direction-changing character
    reaches the terminal raw: they are written as \\u escapes, which JSON reads back."""
    # Line breaks inside strings are escaped already; those left are the indentation's.
    lines = json.dumps(data, ensure_ascii=False, indent=indent).split("\n")
    print("\n".join(escape_controls(line) for line in lines))
