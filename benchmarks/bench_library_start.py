#!/usr/bin/env python3
"""The library's start with an indexed archive, beside a minimal Textual app's start.

Each is timed in a fresh process, from the interpreter's start to the first frame with content:
for the minimal app, a mounted Static; for briefer, the library table holding the archive's rows
(read from the index; the refresh that follows runs on). The archive is generated (see
`archive_corpus`) and indexed once, in a temporary cache folder.

Target (#15): briefer's start <= 1.5x the minimal app's, measured in the same run.

Usage: python benchmarks/bench_library_start.py [--count N] [--runs K]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MINIMAL = """
import time, sys
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("ready")
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        print(time.perf_counter() - START)
        self.exit()
START = float(sys.argv[1])
Minimal().run(headless=True)
"""

BRIEFER = """
import time, sys
from pathlib import Path
START = float(sys.argv[1])
from briefer.ui.app import BrieferApp
from briefer.ui.widgets.library_table import LibraryTable
class Timed(BrieferApp):
    def on_mount(self):
        super().on_mount()
        self.set_interval(0.005, self.check)
    def check(self):
        tables = self.screen.query(LibraryTable)
        if tables and tables.first().row_count:
            print(time.perf_counter() - START, tables.first().row_count)
            self.exit()
Timed(folders=[Path(sys.argv[2])], notes_file=Path(sys.argv[3])).run(headless=True)
"""


def timed(code: str, *args: str, env: dict[str, str]) -> list[str]:
    """Run `code` in a fresh interpreter, handing it the moment it was started: perf_counter is
    the system's monotonic clock on Linux, the same in both processes."""
    before = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, str(before), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    return done.stdout.split()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=20_000, help="briefings in the archive")
    ap.add_argument("--runs", type=int, default=5, help="starts of each app (median shown)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from archive_corpus import generate

    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "archive", Path(tmp) / "cache"
        env = dict(os.environ, XDG_CACHE_HOME=str(cache), XDG_DATA_HOME=str(Path(tmp) / "data"))
        generate(folder, args.count)
        os.environ["XDG_CACHE_HOME"] = str(cache)
        from briefer.library import LibraryIndex

        started = time.perf_counter()
        LibraryIndex().refresh([folder])
        print(f"archive: {args.count:,} briefings indexed in {time.perf_counter() - started:.1f} s")
        minimal, briefer = [], []
        for _ in range(args.runs):  # alternated, so that the machine's mood falls on both
            minimal.append(float(timed(MINIMAL, env=env)[0]))
            seconds, rows = timed(BRIEFER, str(folder), str(Path(tmp) / "notes.json"), env=env)
            briefer.append(float(seconds))
        m, b = statistics.median(minimal), statistics.median(briefer)
        print(f"minimal Textual app, start to first frame: {m:.2f} s (median of {args.runs})")
        print(f"briefer library, start to {int(rows):,} rows shown: {b:.2f} s (median of {args.runs})")
        print(f"ratio: {b / m:.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
