"""`briefer index [--rebuild] [--analyse] [PATH ...]`: build or refresh the library index,
showing progress, and say what was found."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from briefer import config
from briefer.briefing.sanitize import one_line
from briefer.commands.common import AddParser, CommandError, load_settings
from briefer.library.database import IndexUnavailable
from briefer.library.index import LibraryIndex
from briefer.library.refresh import Progress, RefreshReport

PIPED_EVERY_SECONDS = 2.0  # a plain progress line this often when standard error is not a terminal


def register(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(parents=[common], help="build or refresh the library index (search, the library)")
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="folders (default: the library's)"
    )
    parser.add_argument("--rebuild", action="store_true", help="forget the index and read every file again")
    parser.add_argument(
        "--analyse", action="store_true", help="also analyse each briefing (for who: and where:)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folders = args.paths or config.briefing_folders(load_settings(args.config))
    with opened_index() as index:
        if args.rebuild:
            index.clear()
        report = index.refresh(folders, progress=ProgressLine(sys.stderr), analyse=args.analyse)
    print(summary(report))
    for change in report.changes:
        if change.kind == "failed":
            print(f"failed: {one_line(str(change.path))}: {one_line(change.reason or '')}")
        elif change.kind == "renamed":
            print(f"renamed: {one_line(str(change.old_path))} -> {one_line(str(change.path))}")
    return 0


@contextmanager
def opened_index() -> Iterator[LibraryIndex]:
    """The index, closed after; what it had to repair is said on standard error (also when
    it found the damage mid-way), and IndexUnavailable becomes a CommandError."""
    try:
        index = LibraryIndex()
    except IndexUnavailable as exc:
        raise CommandError(str(exc)) from None
    try:
        yield index
    except IndexUnavailable as exc:
        raise CommandError(str(exc)) from None
    finally:
        for notice in index.notices:
            print(f"briefer: {one_line(notice)}", file=sys.stderr)
        index.close()


def summary(report: RefreshReport) -> str:
    counts = ", ".join(
        f"{len(report.of_kind(kind))} {word}"
        for kind, word in (
            ("added", "new"),
            ("changed", "changed"),
            ("renamed", "renamed"),
            ("removed", "removed"),
            ("failed", "failed"),
        )
    )
    stopped = " (stopped: the rest next time)" if report.stopped else ""
    return f"{report.files} files: {counts}, {report.unchanged} unchanged ({report.seconds:.1f} s){stopped}"


class ProgressLine:
    """A progress bar rewritten in place on a terminal; a plain line now and then when piped."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.terminal = stream.isatty()
        self.last_line = 0.0
        self.drawn = False

    def __call__(self, progress: Progress) -> None:
        if progress.total == 0:
            return
        eta = f", {progress.eta_seconds:.0f} s left" if progress.eta_seconds is not None else ""
        verb = "read" if progress.phase == "reading" else "analysed"
        text = f"{progress.done}/{progress.total} files {verb}, {progress.files_per_second:.0f} files/s{eta}"
        finished = progress.done == progress.total
        if self.terminal:
            filled = int(30 * progress.done / progress.total)
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {text}" + ("\n" if finished else ""))
            self.stream.flush()
        elif finished or time.monotonic() - self.last_line >= PIPED_EVERY_SECONDS:
            self.last_line = time.monotonic()
            self.stream.write(f"briefer: indexing: {text}\n")
