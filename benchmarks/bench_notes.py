"""Notes store at a year of heavy use: 100,000 notes over 20,000 briefings.

Builds the store in a temp folder by writing the shard files directly through the
store's own atomic writer (fast), then, in a fresh process so peak RSS is the app's,
measures through the public API: open (cold, without the derived summary; and warm),
note and tag counts, adding a note (p50/p95), listing a briefing's notes, and one write
of a desk table holding a read state for every briefing, in its 64 shard files (the layout
chosen) and, for comparison, as per-briefing data in FILE.

    python benchmarks/bench_notes.py [--notes 100000] [--briefings 20000]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefer.files import atomic_write
from briefer.notes.model import Note, Target, new_note_id, now_iso
from briefer.notes.store import NotesStore, shard_key
from briefer.notes.store.disk import serialise

WORDS = [
    "ministers",
    "talks",
    "ceasefire",
    "port",
    "grain",
    "shipments",
    "sanctions",
    "envoy",
    "summit",
    "tariff",
    "steel",
    "quota",
    "runoff",
    "ballot",
    "court",
    "ruling",
    "reactor",
    "inspectors",
    "deadline",
    "budget",
    "deficit",
]
TAGS = ("key", "claim", "follow-up", "question", "source", "area/energy", "area/trade", "area/security")


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _note(rng: random.Random, briefing: int) -> Note:
    start = rng.randrange(0, 20_000)
    exact = _sentence(rng, rng.randint(4, 25))
    return Note(
        id=new_note_id(),
        briefing_id=f"{briefing:064x}",
        briefing_path=f"/home/analyst/briefings/2026/{briefing:05d}-briefing.md",
        briefing_title=f"Briefing {briefing}",
        target=Target(exact, _sentence(rng, 6)[:32], _sentence(rng, 6)[:32], start, start + len(exact)),
        text=_sentence(rng, rng.randint(0, 30)),
        tags=rng.sample(TAGS, rng.randint(0, 2)),
        created="2026-03-01T09:00:00+00:00",
        updated="2026-03-01T09:00:00+00:00",
    )


def build(path: Path, notes: int, briefings: int) -> int:
    rng = random.Random(7)
    shards: dict[str, dict] = {}
    for i in range(notes):
        note = _note(rng, i % briefings)
        shards.setdefault(shard_key(note.briefing_id), {})[note.id] = note.to_dict()
    folder = Path(f"{path}.d")
    folder.mkdir(parents=True)
    for key, docs in shards.items():
        atomic_write(folder / f"notes-{key}.json", serialise({"notes": docs}))
    return len(shards)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def measure(path: Path, briefings: int) -> None:
    rng = random.Random(11)
    t0 = time.perf_counter()
    store = NotesStore.open(path)
    cold_open = time.perf_counter() - t0
    store.close()

    t0 = time.perf_counter()
    store = NotesStore.open(path)
    warm_open = time.perf_counter() - t0
    t0 = time.perf_counter()
    counts = store.note_counts()
    counts_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    tags = store.tag_counts()
    tags_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    tagged = store.tags_by_briefing()
    tagged_time = time.perf_counter() - t0
    print(f"open, no summary yet (first start)  {_ms(cold_open)}")
    print(f"open                               {_ms(warm_open)}")
    print(f"note_counts ({len(counts)} briefings, {sum(counts.values())} notes)  {_ms(counts_time)}")
    print(f"tag_counts ({len(tags)} tags)             {_ms(tags_time)}")
    print(f"tags_by_briefing ({len(tagged)})       {_ms(tagged_time)}")
    print(
        f"open + note_counts + tags_by_briefing (library start)  {_ms(warm_open + counts_time + tagged_time)}"
    )
    start_rss = _peak_rss_mb()

    lists = []
    for _ in range(100):
        bid = f"{rng.randrange(briefings):064x}"
        t0 = time.perf_counter()
        listed = store.notes_for(bid)
        lists.append(time.perf_counter() - t0)
        assert listed, "every briefing has notes"
    lists.sort()
    print(
        f"list a briefing's notes            p50 {_ms(lists[49])}  p95 {_ms(lists[94])}  max {_ms(lists[-1])}"
    )

    adds = []
    for _ in range(200):
        note = _note(rng, rng.randrange(briefings))
        t0 = time.perf_counter()
        store.add(note)
        adds.append(time.perf_counter() - t0)
    adds.sort()
    print(
        f"add a note (200 adds)              p50 {_ms(statistics.median(adds))}  p95 {_ms(adds[189])}  max {_ms(adds[-1])}"
    )

    measure_desk(store, briefings, rng)

    t0 = time.perf_counter()
    everything = store.all_notes()
    print(f"all_notes ({len(everything)})               {_ms(time.perf_counter() - t0)}")
    store.close()
    print(
        f"peak RSS of the measuring process  {_peak_rss_mb():.0f} MB (after open and counts: {start_rss:.0f} MB)"
    )


def _p50_p95(times: list[float]) -> str:
    times = sorted(times)
    return f"p50 {_ms(statistics.median(times))}  p95 {_ms(times[int(len(times) * 0.95)])}"


def measure_desk(store: NotesStore, briefings: int, rng: random.Random) -> None:
    """One read-state write with a record per briefing: in the desk table's shards, and in
    FILE's per-briefing table (the layout not chosen: every such write rewrites FILE)."""
    record = {"state": "read", "at": "2026-03-01T09:00:00+00:00"}
    t0 = time.perf_counter()
    store.put_desk_items("bench-read", {f"{i:064x}": record for i in range(briefings)})
    print(f"desk table: {briefings} read states in one write  {_ms(time.perf_counter() - t0)}")
    own_file, in_main = [], []
    for _ in range(100):
        key = f"{rng.randrange(briefings):064x}"
        t0 = time.perf_counter()
        store.put_desk_item("bench-read", key, {"state": "opened", "at": now_iso()})
        own_file.append(time.perf_counter() - t0)
    print(f"mark one briefing read, desk table (64 shards)       {_p50_p95(own_file)}")
    # Filled in one write through the storage (record by record would take minutes).
    bulk = {f"{i:064x}": {"read": "read"} for i in range(briefings)}
    store._main.storage.write({**store._main.storage.read(), "briefings": bulk})
    for _ in range(100):
        key = f"{rng.randrange(briefings):064x}"
        t0 = time.perf_counter()
        store.set_briefing_data(key, read=now_iso())
        in_main.append(time.perf_counter() - t0)
    print(f"mark one briefing read, as briefing data in FILE     {_p50_p95(in_main)}")
    flags = []
    for _ in range(50):
        t0 = time.perf_counter()
        store.put_desk_item("bench-flags", f"{rng.randrange(briefings):064x}", {"at": now_iso()})
        flags.append(time.perf_counter() - t0)
    print(f"flag a briefing (a small table)                      {_p50_p95(flags)}")


def _peak_rss_mb() -> float:
    """VmHWM: unlike ru_maxrss it is not inherited from the parent across exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--briefings", type=int, default=20_000)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.briefings)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "notes.json"
        t0 = time.perf_counter()
        shards = build(path, args.notes, args.briefings)
        size = sum(f.stat().st_size for f in Path(f"{path}.d").iterdir())
        print(
            f"built {args.notes} notes over {args.briefings} briefings in {time.perf_counter() - t0:.1f} s "
            f"({size / 1e6:.1f} MB in {shards} shards)"
        )
        status = subprocess.call(
            [sys.executable, __file__, "--measure", str(path), "--briefings", str(args.briefings)]
        )
        # The app on top of this store: the library's counts and tags come from it.
        from bench_app import ROOT, run_child

        env = dict(
            os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"), XDG_CONFIG_HOME=str(Path(tmp) / "config")
        )
        runs = [run_child("library", str(ROOT / "briefings"), str(path), env=env) for _ in range(3)]
        shown = statistics.median(r["rows_shown"] for r in runs)
        print(f"app start to library rows shown, this store   {_ms(shown)} (median of 3)")
        return status


if __name__ == "__main__":
    sys.exit(main())
