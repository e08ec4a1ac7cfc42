#!/usr/bin/env python3
"""Cost of pathological input: each shape is generated in a temporary folder and run, alone, in a
fresh process that loads it (`briefer.briefing.load`), then analyses it stage by stage the way
`briefer.extract.analyse` does, and reports the seconds of each stage and its peak RSS.

Shapes: markdown tables of 2 and 5 MB; 160,000 `"` characters; thousands of short quotes each with
"said X"; a 2 MB file on one line; a million (5 MB) and four million (20 MB) tiny paragraphs; a
deeply nested list; and 20 MB of ordinary briefings (the largest file the loader accepts).

The stage columns run each stage alone, one after another, on one core. `analysed` is the file
loaded and analysed the way the app's analysis child and `briefer extract` do it, in another fresh
process (above 1 MB its dates and quotes are found in a forked copy, on a second core, beside the
names), with that process's peak RSS.

Targets: every stage linear in the input (a shape at 5 MB costs about 2.5x its 2 MB time),
20 MB analysed in <= 20 s with <= 500 MB, and the text of a 2 MB table (load: blocks and
sentences) ready in <= 2 s.

Usage: python benchmarks/bench_adversarial.py [--quick] [SHAPE ...]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
NAMES = ["Anna Berg", "Jonas Weller", "Maria Costa", "the minister", "Pierre Dubois", "she"]


def _fill(unit: Callable[[int], str], size: int, joiner: str = "") -> str:
    parts, total, i = [], 0, 0
    while total < size:
        part = unit(i)
        parts.append(part)
        total += len(part) + len(joiner)
        i += 1
    return joiner.join(parts)


def table(size: int) -> str:
    head = "| Date | Country | Official | Statement | Figure |\n|---|---|---|---|---|\n"
    row = "| 2025-03-{d:02d} | France | Anna Berg {i} | Talks in Paris went well | {i} |\n"
    return head + _fill(lambda i: row.format(d=i % 28 + 1, i=i), size)


def quote_marks(size: int) -> str:
    return '"' * size


def quote_heavy(size: int) -> str:
    line = '"We will keep talking about item {i}," said {name}. '
    return _fill(lambda i: line.format(i=i, name=NAMES[i % len(NAMES)]), size)


def one_line(size: int) -> str:
    sentence = "Officials from Germany met Anna Berg in Geneva on Monday {i} and agreed to continue. "
    return _fill(lambda i: sentence.format(i=i), size)


def tiny_paragraphs(count: int) -> str:
    return _fill(lambda i: "Hi.", count * 5, "\n\n")


def nested_list(depth: int) -> str:
    lines = [("  " * (i % 200)) + f"- item {i} of the list said Anna Berg." for i in range(depth)]
    return "\n".join(lines) + "\n"


def briefings(size: int) -> str:
    from briefer.briefing import load

    bodies = [load(p).body for p in sorted((ROOT / "briefings").iterdir()) if p.suffix in (".md", ".txt")]
    text = _fill(lambda i: bodies[i % len(bodies)], size, "\n\n")
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")  # `size` in bytes: the loader's limit


# name -> (file suffix, generator, argument, quick argument)
SHAPES: dict[str, tuple[str, Callable[[int], str], int, int]] = {
    "table-2MB": (".md", table, 2 * MB, MB // 5),
    "table-5MB": (".md", table, 5 * MB, MB // 2),
    "quote-marks-160k": (".txt", quote_marks, 160_000, 16_000),
    "quote-heavy-2MB": (".txt", quote_heavy, 2 * MB, MB // 5),
    "quote-heavy-5MB": (".txt", quote_heavy, 5 * MB, MB // 2),
    "quote-heavy-20MB": (".txt", quote_heavy, 20 * 2**20 - 4096, 2 * MB),  # the loader's limit
    "one-line-2MB": (".txt", one_line, 2 * MB, MB // 5),
    "one-line-5MB": (".txt", one_line, 5 * MB, MB // 2),
    "one-line-20MB": (".txt", one_line, 20 * 2**20 - 4096, 2 * MB),  # the loader's limit
    "paragraphs-1M": (".txt", tiny_paragraphs, 1_000_000, 100_000),
    "paragraphs-1M-md": (".md", tiny_paragraphs, 1_000_000, 100_000),
    "paragraphs-4M": (".txt", tiny_paragraphs, 4_000_000, 400_000),  # 20 MB: the loader's limit
    "nested-list": (".md", nested_list, 20_000, 2_000),
    "briefings-20MB": (".txt", briefings, 20 * 2**20 - 4096, 2 * MB),
}


def run_one(path: Path) -> dict:
    """In this (fresh) process: the seconds of each stage and the peak RSS."""
    from briefer.analysing.extraction import load_word_tables
    from briefer.briefing import load
    from briefer.extract.entities import resolve
    from briefer.extract.extractor import _events, _lede
    from briefer.extract.names import NameFinder
    from briefer.extract.quotes import Attributor, find_quotes
    from briefer.extract.when import find_times
    from briefer.gcpause import cyclic_gc_paused

    load_word_tables()
    times: dict = {}
    start = clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[name] = now - clock
        clock = now

    briefing = load(path)
    lap("load")
    body, sentences, blocks = briefing.body, briefing.sentences, briefing.blocks
    with cyclic_gc_paused():
        finder = NameFinder(body, blocks)
        finder.read(sentences)
        lap("names")
        people, _places = resolve(finder)
        lap("resolve")
        find_times(body, sentences, None)
        lap("when")
        quotes = find_quotes(body, blocks)
        attributor = Attributor(body, sentences, people, finder.descriptor_np)
        del finder
        attributor.speaker_names(quotes)
        lap("quotes")
        lede = _lede(body, blocks, sentences)
        _events(body, sentences, people, lede)
        lap("events")
    times["total"] = time.perf_counter() - start
    status = Path("/proc/self/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+)", status)  # ru_maxrss would carry over the parent's peak
    times["rss_mb"] = int(found.group(1)) / 1024 if found else float("nan")
    times["blocks"] = len(blocks)
    times["sentences"] = len(sentences)
    times["quote_count"] = len(quotes)
    return times


COLUMNS = ("load", "names", "resolve", "when", "quotes", "events", "total")


def run_whole(path: Path) -> dict:
    """In this (fresh) process: the file loaded and analysed as the reader's analysis child and
    `briefer extract` do it (`briefer.analysing.extraction.analyse`: above 1 MB, the dates and quotes are found
    in a forked copy, on the second core, while this process finds the names)."""
    from briefer.analysing.extraction import analyse, load_word_tables
    from briefer.briefing import load

    load_word_tables()
    start = time.perf_counter()
    analyse(load(path))
    seconds = time.perf_counter() - start
    found = re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text())
    return {"analysed": seconds, "rss_mb": int(found.group(1)) / 1024 if found else float("nan")}


def _fresh(mode: str, path: Path) -> dict | str:
    """The figures of `mode` run on `path` in a fresh process, or why it failed."""
    done = subprocess.run(
        [sys.executable, __file__, mode, str(path)], capture_output=True, text=True, cwd=str(ROOT)
    )
    if done.returncode:
        return " ".join(done.stderr.strip().splitlines()[-1:])
    return json.loads(done.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="inputs a tenth of the size (a smoke run)")
    ap.add_argument("--one", metavar="FILE", help=argparse.SUPPRESS)  # the children's entry points
    ap.add_argument("--whole", metavar="FILE", help=argparse.SUPPRESS)
    ap.add_argument("shapes", nargs="*", metavar="SHAPE", help=f"some of: {', '.join(SHAPES)}")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.one:
        print(json.dumps(run_one(Path(args.one))))
        return 0
    if args.whole:
        print(json.dumps(run_whole(Path(args.whole))))
        return 0
    unknown = [s for s in args.shapes if s not in SHAPES]
    if unknown:
        ap.error(f"unknown shape(s): {', '.join(unknown)}")
    header = f"{'shape':18} {'MB':>6} " + " ".join(f"{c:>7}" for c in COLUMNS)
    print(header + f" {'RSS MB':>7} {'blocks':>8} {'sentences':>9} {'analysed':>8} {'RSS MB':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.shapes or SHAPES:
            suffix, generate, size, quick = SHAPES[name]
            path = Path(tmp) / f"{name}{suffix}"
            path.write_text(generate(quick if args.quick else size), encoding="utf-8")
            staged, whole = _fresh("--one", path), _fresh("--whole", path)
            if isinstance(staged, str) or isinstance(whole, str):
                print(f"{name:18} failed: {staged if isinstance(staged, str) else whole}")
                continue
            mb = path.stat().st_size / MB
            print(
                f"{name:18} {mb:6.2f} "
                + " ".join(f"{staged[c]:7.2f}" for c in COLUMNS)
                + f" {staged['rss_mb']:7.0f} {staged['blocks']:8,} {staged['sentences']:9,}"
                + f" {whole['analysed']:8.2f} {whole['rss_mb']:7.0f}",
                flush=True,
            )
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
