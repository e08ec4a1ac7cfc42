"""Desk figures on the generated archive (benchmarks/archive_corpus.py, 20,000 briefings):
analysing them all, ACTORS / TIMELINE / AGENDA / PLACES over 30 days, a week's digest, and how
soon a new briefing reaches the views.

Run: python benchmarks/bench_desk.py [--count N] [--keep DIR]

Analysing every briefing takes minutes, so the briefings and the analysed index are kept
in DIR (default: briefer-bench-desk-N in the temporary folder) and reused by the next run;
delete it to measure the analysing again. The periods end on the newest briefing's day.
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

from briefer.briefing import load
from briefer.desk import Period, actor_page, actors, agenda, places, timeline
from briefer.desk.digest import write_digest
from briefer.desk.watch import add_watch, watch_items
from briefer.library import LibraryIndex
from briefer.notes.model import Note, Target
from briefer.notes.store import NotesStore

RUNS = 5
T = TypeVar("T")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="folder for the briefings and the analysed index")
    parser.add_argument("--notes", type=Path, help="notes store for the digest (default: notes.json in DIR)")
    args = parser.parse_args()
    keep = args.keep or Path(tempfile.gettempdir()) / f"briefer-bench-desk-{args.count}"
    folder = keep / "briefings"
    if not (folder.exists() and sum(1 for _ in folder.rglob("*.*")) >= args.count):
        started = time.monotonic()
        generate(folder, args.count)
        print(f"generated {args.count:,} briefings in {time.monotonic() - started:.1f} s")
    with LibraryIndex(keep / "index.sqlite3") as index:
        analyse_all(index, folder)
        period = newest_month(index, folder)
        print(f"period: {period} ({sum(1 for _ in index.rows([folder])):,} briefings in the index)")
        views(index, folder, period)
        identity(index, folder, period)
        digest_week(index, folder, period, args.notes or keep / "notes.json")
        new_briefing(index, folder, period)


def analyse_all(index: LibraryIndex, folder: Path) -> None:
    started = time.monotonic()
    analysed_before = index.connection.execute("SELECT count(*) FROM files WHERE analysed = 1").fetchone()[0]
    index.refresh([folder], analyse=True)
    seconds = time.monotonic() - started
    analysed = index.connection.execute("SELECT count(*) FROM files WHERE analysed = 1").fetchone()[0]
    if analysed > analysed_before:
        rate = (analysed - analysed_before) / seconds
        show(
            f"index and analyse {analysed - analysed_before:,} briefings", seconds, "s", f"{rate:.0f} files/s"
        )
    else:
        show("refresh, all analysed already", seconds, "s", f"{analysed:,} analysed")
    for table in ("entities", "quotes", "dates"):
        rows = index.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        print(f"  {table}: {rows:,} rows")


def newest_month(index: LibraryIndex, folder: Path) -> Period:
    today = dt.date.today().isoformat()
    newest = max(row.date for row in index.rows([folder]) if row.date and row.date <= today)
    return Period.last_days(30, dt.date.fromisoformat(newest))


def views(index: LibraryIndex, folder: Path, period: Period) -> None:
    found = timed("ACTORS, 30 days", lambda: actors(index, [folder], period), "≤ 300 ms")
    print(f"  {len(found):,} actors; the first: {found[0].name} in {found[0].briefings} briefings")
    timed("ACTORS, 365 days", lambda: actors(index, [folder], Period.last_days(365, period.last)), "")
    items = timed("TIMELINE, 30 days", lambda: timeline(index, [folder], period), "≤ 300 ms")
    print(f"  {len(items):,} dated expressions")
    timed("TIMELINE, 30 days, --who Driscoll", lambda: timeline(index, [folder], period, who="Driscoll"), "")
    coming = timed(
        "AGENDA, from the period's last day", lambda: agenda(index, [folder], today=period.last), ""
    )
    print(f"  {len(coming):,} dates and events")
    timed("PLACES, 30 days", lambda: places(index, [folder], period), "")
    timed("an actor's page, 30 days", lambda: actor_page(index, [folder], period, found[0].key), "")


def digest_week(index: LibraryIndex, folder: Path, period: Period, notes: Path) -> None:
    """A week's digest with three watch items and a note on each of 100 of the week's briefings."""
    week = Period.last_days(7, period.last)
    store = NotesStore.open(notes)
    try:
        if not watch_items(store):
            for text in ("Driscoll", "where:Geneva", "ceasefire"):
                add_watch(store, text)
            stamp = f"{week.last.isoformat()}T08:00:00+00:00"
            for number, entry in enumerate(
                sorted(
                    (e for e in index.rows([folder]) if e.date == week.last.isoformat()),
                    key=lambda e: str(e.path),
                )[:100]
            ):
                briefing = load(entry.path)
                start, end = briefing.sentences[0]
                target = Target.from_span(briefing.body, start, end)
                note = Note(
                    f"bench{number:05d}",
                    briefing.id,
                    str(entry.path),
                    briefing.title,
                    target,
                    text="to follow",
                    tags=["bench"],
                    created=stamp,
                )
                store.add(note)
        out = notes.parent / "digest.md"
        text = timed(
            "a week's digest",
            lambda: write_digest(index, store, [folder], week, notes.parent / "export", out),
            "≤ 1 s",
        )
        print(f"  {len(text):,} characters, {text.count(chr(10)):,} lines")
    finally:
        store.close()


def identity(index: LibraryIndex, folder: Path, period: Period) -> None:
    """The generator's people under their several spellings (archive_corpus.SPELLINGS): each
    should be one actor, and the only one bearing its surname."""
    from archive_corpus import PEOPLE

    from briefer.desk.identity import folded

    found = actors(index, [folder], Period.last_days(365, period.last))
    split = []
    for person in PEOPLE:
        surname = folded(person).split()[-1]
        bearing = [actor for actor in found if any(form.split()[-1] == surname for form in actor.forms)]
        if len(bearing) != 1:
            split.append(
                f"{person}: " + "; ".join(f"{actor.name} ({actor.briefings})" for actor in bearing[:3])
            )
    print(
        f"  over 365 days, {len(PEOPLE) - len(split)} of the {len(PEOPLE)} generated people are one actor each"
    )
    for line in split:
        print(f"    not one: {line}")


def new_briefing(index: LibraryIndex, folder: Path, period: Period) -> None:
    """A briefing naming Driscoll is written: the refresh that analyses it (the extractor warm,
    as in the app), then ACTORS, which groups from the index on each call (no cache to update)."""
    from briefer.analysing.extraction import warm_up

    warm_up()
    path = folder / "arrived" / f"driscoll-{time.time_ns()}.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        f"---\ntitle: Driscoll returns\ndate: {period.last.isoformat()}\nsource: Wire\n---\n"
        "US Army Secretary Daniel Driscoll arrived in Kyiv on Monday for talks with Ukrainian President "
        'Volodymyr Zelensky. "We have work to finish," Driscoll told reporters.\n',
        encoding="utf-8",
    )
    before = driscoll(actors(index, [folder], period))
    try:
        started = time.perf_counter()
        index.refresh([folder], analyse=True)
        analysed = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        after = driscoll(actors(index, [folder], period))
        shown, cpu = time.perf_counter() - started, time.process_time() - cpu
        show(
            "a new briefing: refresh + analyse",
            analysed * 1000,
            "ms",
            "a stat of every file, then one analysis",
        )
        show(
            "  then in ACTORS",
            shown * 1000,
            "ms",
            f"CPU {cpu * 1000:.0f} ms, ≤ 200 ms; Driscoll {before} -> {after}",
        )
    finally:
        path.unlink()
        index.refresh([folder])


def driscoll(found: list) -> int:
    """Daniel Driscoll's briefings, whichever spelling names him in the period."""
    return next((actor.briefings for actor in found if "daniel driscoll" in actor.forms), 0)


def timed(what: str, call: Callable[[], T], target: str) -> T:
    """The median wall time of RUNS calls, and their median CPU time: on a machine other work
    keeps busy, the CPU time is what the call costs."""
    times, cpu_times = [], []
    result = call()
    for _ in range(RUNS):
        started, cpu = time.perf_counter(), time.process_time()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu) * 1000)
    note = f"CPU {statistics.median(cpu_times):.0f} ms, max wall {max(times):.0f} ms {target}"
    show(what, statistics.median(times), "ms", note.rstrip())
    return result


def show(what: str, value: float, unit: str, note: str) -> None:
    print(f"{what:45} {value:10.1f} {unit:8} {note}")


if __name__ == "__main__":
    main()
