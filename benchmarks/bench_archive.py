"""Archive figures: indexing 20,000 briefings, refreshing, listing, searching, and
`briefer search` beside `grep -rl`.

Run: python benchmarks/bench_archive.py [--count N] [--folder DIR] [--analyse-sample N]

The briefings are generated (benchmarks/archive_corpus.py) in a temporary folder, or in
DIR (kept, and reused when it already holds them). The first indexing runs in a fresh
process, so its peak RSS is the indexing's own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive_corpus import PEOPLE, PLACES, SEED, SOURCES, TOPICS, generate, rare_words

INDEXING = textwrap.dedent(
    r"""
    import json, resource, sys, time
    from briefer.library import LibraryIndex
    started = time.monotonic()
    first = []
    def progress(report):
        if not first and report.total:
            first.append(time.monotonic() - started)
    with LibraryIndex(sys.argv[1]) as index:
        report = index.refresh([sys.argv[2]], progress=progress)
    print(json.dumps({
        "seconds": time.monotonic() - started,
        "first_progress": first[0] if first else None,
        "files": report.files,
        "added": len(report.of_kind("added")),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))
    """
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--folder", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--analyse-sample", type=int, default=300, help="briefings analysed for the rate")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    folder = args.folder or work / "briefings"
    try:
        if not (folder.exists() and sum(1 for _ in folder.rglob("*.*")) == args.count):
            started = time.monotonic()
            generate(folder, args.count)
            size = sum(path.stat().st_size for path in folder.rglob("*.*"))
            print(
                f"generated {args.count:,} briefings, {size / 1e6:.0f} MB, in {time.monotonic() - started:.1f} s"
            )
        run(folder, work / "cache", args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(folder: Path, cache: Path, args: argparse.Namespace) -> None:
    cache.mkdir(parents=True)
    index_path = cache / "briefer" / "index.sqlite3"
    index_path.parent.mkdir(parents=True)
    child = subprocess.run(
        [sys.executable, "-c", INDEXING, str(index_path), str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    first = json.loads(child.stdout)
    show("first indexing", first["seconds"], "s", f"{first['files'] / first['seconds']:.0f} files/s, ≤ 60 s")
    show("  first progress report after", first["first_progress"], "s", "≤ 1 s")
    show("  peak RSS", first["peak_rss_mib"], "MiB", "≤ 200 MB")
    show("  peak RSS of a reading worker", first["worker_peak_rss_mib"], "MiB", "")
    size = sum(path.stat().st_size for path in index_path.parent.iterdir())
    show("  index size on disk", size / 2**20, "MiB", "")

    from briefer.library import LibraryIndex

    with LibraryIndex(index_path) as index:
        started = time.monotonic()
        report = index.refresh([folder])
        show("refresh, nothing changed", time.monotonic() - started, "s", f"{len(report.changes)} changes")
        started = time.monotonic()
        rows = index.rows([folder])
        show("rows()", (time.monotonic() - started) * 1000, "ms", f"{len(rows):,} rows")
        times = []
        for query in queries(random.Random(7)):
            started = time.perf_counter()
            index.search(query)
            times.append((time.perf_counter() - started) * 1000)
        show("search p50 (100 queries)", statistics.median(times), "ms", "")
        show("search p95", statistics.quantiles(times, n=20)[-1], "ms", "≤ 50 ms")
        show("search max", max(times), "ms", "")
        analyse_rate(index, rows[: args.analyse_sample], args.count)
    against_grep(folder, cache)


def queries(rng: random.Random) -> list[str]:
    """100 queries of every kind: words common and rare, names, phrases, prefixes, fields."""
    surnames = [person.split()[-1] for person in PEOPLE]
    made = []
    for number in range(100):
        kind = number % 10
        if kind in (0, 1):
            made.append(rng.choice(surnames))
        elif kind == 2:
            made.append(f'"{rng.choice(TOPICS)}"')
        elif kind == 3:
            made.append(f'"{rng.choice(TOPICS)}" -{rng.choice(PLACES).split()[0]}')
        elif kind == 4:
            made.append(rng.choice(surnames)[:4] + "*")
        elif kind == 5:
            made.append(f"title:{rng.choice(TOPICS).split()[0]}")
        elif kind == 6:
            made.append(f"{rng.choice(surnames)} source:{rng.choice(SOURCES).split()[0]}")
        elif kind == 7:
            made.append(
                f"{rng.choice(PLACES).split()[0]} date:202{rng.randint(4, 6)}-{rng.randint(1, 12):02d}"
            )
        elif kind == 8:
            made.append(f"{rng.choice(surnames)} OR {rng.choice(surnames)}")
        else:
            made.append(f"{rng.choice(TOPICS).split()[0]} after:2025-06-01 before:2026-01")
    return made


def analyse_rate(index, rows, count: int) -> None:
    """The analysing pass on a sample (all of them would take many minutes): its rate."""
    from briefer.library.analysis import analyse_pending

    if not rows:
        return
    sample = [row.path for row in rows]
    started = time.monotonic()
    done = analyse_pending(index.connection, sample)
    seconds = time.monotonic() - started
    show(
        f"analysing ({done} briefings)",
        done / seconds,
        "files/s",
        f"{count:,} would take {count / (done / seconds) / 60:.0f} min",
    )


def against_grep(folder: Path, cache: Path) -> None:
    """`briefer search -l WORD` end to end (a refresh included) beside `grep -rliw WORD` (whole
    words, any case: as the index matches), alternately, for a name, a common made-up word
    and a rare one."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), BRIEFER_CONFIG=str(cache / "none.toml"))
    briefer = [str(Path(sys.executable).parent / "briefer"), "search", "-l", "--limit", "0"]
    rare = rare_words(random.Random(SEED), 30_000)  # as generate() makes them
    for word in ("Driscoll", rare[10], rare[20_000]):
        ours, grep, counts = [], [], []
        for _ in range(3):
            started = time.monotonic()
            found = subprocess.run([*briefer, word, str(folder)], capture_output=True, text=True, env=env)
            ours.append(time.monotonic() - started)
            started = time.monotonic()
            grepped = subprocess.run(["grep", "-rliw", word, str(folder)], capture_output=True, text=True)
            grep.append(time.monotonic() - started)
            ours_paths = set(found.stdout.split())
            counts = [
                len(ours_paths),
                len(grepped.stdout.splitlines()),
                ours_paths == set(grepped.stdout.split()),
            ]
        show(
            f"`briefer search {word}` / `grep -rliw`",
            statistics.median(ours),
            "s",
            f"grep {statistics.median(grep):.3f} s; {counts[0]} / {counts[1]} files, same: {counts[2]}",
        )


def show(what: str, value: float, unit: str, note: str) -> None:
    print(f"{what:45} {value:10.3f} {unit:8} {note}")


if __name__ == "__main__":
    main()
