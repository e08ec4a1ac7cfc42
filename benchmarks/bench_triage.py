"""Triage and watch-list figures on the generated archive (20,000 briefings, analysed):
each kind of watch item's hits, the library's watch marks, a new briefing reaching them,
and the read states the library reads at start.

Run: python benchmarks/bench_triage.py [--count N] [--keep DIR]

It reuses the briefings and analysed index that benchmarks/bench_desk.py keeps in DIR
(default: briefer-bench-desk-N in the temporary folder; made there when missing, which
takes minutes). The notes store is made afresh in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive_corpus import generate

from briefer.desk.triage import READ_TABLE, load_triage
from briefer.desk.watch import add_watch, hits_in_period, items_by_briefing, new_hits, watch_hits, watch_items
from briefer.library import LibraryIndex
from briefer.notes.store import NotesStore

RUNS = 5
T = TypeVar("T")
ITEMS = ("Driscoll", "who:Zelensky", "where:Geneva", "ceasefire talks", "grain OR wheat -Moscow")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="folder of the briefings and the analysed index")
    args = parser.parse_args()
    keep = args.keep or Path(tempfile.gettempdir()) / f"briefer-bench-desk-{args.count}"
    folder = keep / "briefings"
    if not (folder.exists() and sum(1 for _ in folder.rglob("*.*")) >= args.count):
        generate(folder, args.count)
    with LibraryIndex(keep / "index.sqlite3") as index, tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        index.refresh([folder], analyse=True)
        show("refresh (and analyse what is not yet)", time.monotonic() - started, "s", "")
        rows = index.rows([folder])
        print(f"{len(rows):,} briefings in the index")
        with NotesStore.open(Path(tmp) / "notes.json") as store:
            watch(index, store, folder)
            digest_week(index, store, folder, rows)
            read_states(store, rows)
            new_briefing(index, store, folder)


def watch(index: LibraryIndex, store: NotesStore, folder: Path) -> None:
    for text in ITEMS:
        item = add_watch(store, text)
        hits = timed(f"hits of {item.kind} {text!r}", lambda item=item: watch_hits(index, [folder], item), "")
        new = new_hits(store, item, hits)
        print(f"  {len(hits):,} briefings, {len(new):,} new")
        timed(
            "  the same, counts only", lambda item=item: watch_hits(index, [folder], item, passages=False), ""
        )
    items = watch_items(store)
    marks = timed(
        f"library marks, {len(items)} items", lambda: items_by_briefing(index, [folder], items), "in a worker"
    )
    print(f"  {len(marks):,} briefings marked")


def digest_week(index: LibraryIndex, store: NotesStore, folder: Path, rows) -> None:
    """The digest's watch section: every item's hits in the newest week of the archive."""
    today = dt.date.today().isoformat()
    last = dt.date.fromisoformat(max(row.date for row in rows if row.date and row.date <= today))
    week = (last - dt.timedelta(days=6), last)
    found = timed(
        "watch hits of a week (the digest)", lambda: hits_in_period(index, store, [folder], *week), ""
    )
    print(f"  {sum(len(hits) for _, hits in found):,} hits over {len(found)} items")


def read_states(store: NotesStore, rows) -> None:
    records = {row.briefing_id: {"state": "read", "at": "2026-03-01T09:00:00+00:00"} for row in rows}
    store.put_desk_items(READ_TABLE, {key: value for key, value in records.items() if key})
    triage = timed("load_triage, a read state per briefing", lambda: load_triage(store), "library start")
    print(f"  {len(triage.read):,} read states")


def new_briefing(index: LibraryIndex, store: NotesStore, folder: Path) -> None:
    """What the library does when the watcher reports a briefing naming Driscoll: the first in
    a process loads the extractor's word tables (the app loads them at start), the next not."""
    for which in ("first (word tables loaded)", "next"):
        path = folder / "arrived" / f"driscoll-{time.time_ns()}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            "---\ntitle: Driscoll returns\ndate: 2026-11-30\nsource: Wire\n---\n"
            "US Army Secretary Daniel Driscoll arrived in Kyiv on Monday for talks.\n",
            encoding="utf-8",
        )
        try:
            started = time.perf_counter()
            index.refresh([path], analyse=True)
            refreshed = time.perf_counter() - started
            started = time.perf_counter()
            marks = items_by_briefing(index, [folder], watch_items(store))
            marked = time.perf_counter() - started
            show(f"a new briefing, {which}: index and analyse it", refreshed * 1000, "ms", "")
            show("  then the library's watch marks", marked * 1000, "ms", f"marked: {str(path) in marks}")
        finally:
            path.unlink()
            index.refresh([folder])


def timed(what: str, call: Callable[[], T], note: str) -> T:
    times = []
    result = call()
    for _ in range(RUNS):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    show(what, statistics.median(times), "ms", f"median of {RUNS}, max {max(times):.0f} ms {note}".rstrip())
    return result


def show(what: str, value: float, unit: str, note: str) -> None:
    print(f"{what:50} {value:10.1f} {unit:3} {note}")


if __name__ == "__main__":
    main()
