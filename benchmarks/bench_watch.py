"""Watching figures: a file written into a watched library of 2,000 briefings, to the watcher's
callback and to its row in the app; the reader's reload; the watcher's CPU when nothing happens.

Run: python benchmarks/bench_watch.py [--files N] [--writes N] [--idle SECONDS]

The library is generated in a temporary folder (24 monthly subfolders of briefings of
2-6 KB). Each figure is the median (and the worst) of several writes; CPU is the whole
process's (every thread, the watcher's native one too) while nothing changes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

WORDS = [
    "minister",
    "talks",
    "ceasefire",
    "border",
    "envoy",
    "sanctions",
    "delegation",
    "parliament",
    "statement",
    "officials",
    "agreement",
    "shipment",
    "harbour",
    "province",
    "election",
    "reactor",
    "inspectors",
    "grain",
    "corridor",
    "council",
]


def generate(folder: Path, count: int) -> None:
    rng = random.Random(7)
    for number in range(count):
        month = folder / f"2025-{number % 12 + 1:02d}" / ("wire" if number % 2 else "desk")
        month.mkdir(parents=True, exist_ok=True)
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + "."
            for _ in range(rng.randint(4, 9))
        ]
        title = " ".join(rng.choice(WORDS) for _ in range(6)).title()
        (month / f"briefing-{number:05d}.md").write_text(
            f"---\ntitle: {title}\ndate: 2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}\n---\n"
            + "\n\n".join(paragraphs)
            + "\n",
            encoding="utf-8",
        )


def new_briefing(folder: Path, number: int) -> Path:
    path = folder / "2025-06" / "wire" / f"new-{number:03d}.md"
    path.write_text(f"---\ntitle: New {number}\n---\nJust arrived, number {number}.\n", encoding="utf-8")
    return path


def watcher_latency(folder: Path, writes: int, polling: bool) -> list[float]:
    """Seconds from writing a file to the callback that reports it."""
    from briefer.watching import Watcher

    heard: dict[Path, float] = {}
    arrived = threading.Condition()

    def on_change(changes) -> None:
        with arrived:
            for path in changes.added | changes.modified:
                heard.setdefault(path, time.monotonic())
            arrived.notify_all()

    watcher = Watcher([folder], on_change, polling=polling).start()
    watcher.ready.wait(30)
    delays = []
    for number in range(writes):
        started = time.monotonic()
        path = new_briefing(folder, number + (100 if polling else 0))
        with arrived:
            arrived.wait_for(lambda p=path: p in heard, timeout=30)
        delays.append(heard[path] - started)
        time.sleep(0.2)  # one write at a time, as a user drops them
    watcher.stop()
    watcher.join(5)
    return delays


def idle_cpu(folder: Path, seconds: float, polling: bool) -> float:
    """CPU seconds the process spends per second while a watcher watches an unchanging folder."""
    from briefer.watching import Watcher

    watcher = Watcher([folder], lambda changes: None, polling=polling).start()
    watcher.ready.wait(30)
    time.sleep(1.0)  # past the start (the first walk)
    cpu = time.process_time()
    time.sleep(seconds)
    used = time.process_time() - cpu
    watcher.stop()
    watcher.join(5)
    return used / seconds


async def app_latency(folder: Path, writes: int) -> tuple[list[float], float]:
    """Seconds from writing a file to its row in the open library, and from changing the briefing
    open in the reader to its reload."""
    from briefer.ui.app import BrieferApp
    from briefer.ui.screens.library import LibraryTable
    from briefer.ui.screens.reader_reload import RELOADED

    app = BrieferApp(folders=[folder])
    delays = []
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        library = app.screen
        while not (library.scanned and library.watcher.ready.is_set()):
            await pilot.pause(0.02)
        table = library.query_one(LibraryTable)
        for number in range(writes):
            started = time.monotonic()
            path = str(new_briefing(folder, number + 200))
            while path not in table.rows:
                await pilot.pause(0.01)
            delays.append(time.monotonic() - started)
        opened = folder / "2025-06" / "wire" / "new-200.md"
        app.open_briefing(opened)
        await pilot.pause()
        reader = app.screen
        while reader.file_watcher is None or not reader.file_watcher.ready.is_set():
            await pilot.pause(0.02)
        started = time.monotonic()
        opened.write_text("---\ntitle: New 200\n---\nRewritten.\n", encoding="utf-8")
        while RELOADED not in [n.message for n in app._notifications]:
            await pilot.pause(0.01)
        reload = time.monotonic() - started
    return delays, reload


def show(label: str, delays: list[float]) -> None:
    print(f"{label}: median {statistics.median(delays) * 1000:.0f} ms, worst {max(delays) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--writes", type=int, default=10)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(root / name.lower())
        folder = root / "library"
        generate(folder, args.files)
        print(f"{args.files} briefings in {sum(1 for _ in folder.rglob('*/'))} folders")
        show("native watch: write to callback", watcher_latency(folder, args.writes, polling=False))
        show("polling (1 s): write to callback", watcher_latency(folder, args.writes, polling=True))
        for polling in (False, True):
            share = idle_cpu(folder, args.idle, polling)
            print(f"idle CPU, {'polling' if polling else 'native'}: {share * 100:.2f} % of a core")
        delays, reload = asyncio.run(app_latency(folder, args.writes))
        show("app: write to the row in the open library", delays)
        print(f"app: open briefing changed on disk to its reload: {reload * 1000:.0f} ms")


if __name__ == "__main__":
    main()
