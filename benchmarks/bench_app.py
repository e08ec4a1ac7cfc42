"""App figures: start-up, a 2 MB briefing, panes filled, cached reopen, peak memory.

Run: python benchmarks/bench_app.py [--runs N]

Each case runs in a fresh process (headless, 120x40) so imports and caches
count as they would for a user. Times are wall clock from process start
(taken by the parent just before spawning) and process CPU time; the machine
is shared and noisy, so the median of several runs is printed.
"""

from __future__ import annotations

import argparse
import compileall
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

ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent(
    r"""
    import asyncio, json, os, resource, sys, time
    T0 = float(os.environ["BENCH_T0"])
    case = sys.argv[1]
    out = {}

    def rss_mib():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    if case == "minimal":
        from textual.app import App
        from textual.widgets import Footer, Static

        class Minimal(App):
            def compose(self):
                yield Static("minimal")
                yield Footer()
            def on_ready(self):
                out["first_paint"] = time.time() - T0
                out["first_paint_cpu"] = time.process_time()
                self.exit()
        Minimal().run(headless=True, size=(120, 40))
    elif case == "library":
        from pathlib import Path
        from briefer.ui.app import BrieferApp

        class Bench(BrieferApp):
            # Run like the minimal app (App.run, headless), so the ratio compares like with like.
            def on_ready(self):
                out["first_paint"] = time.time() - T0
                out["first_paint_cpu"] = time.process_time()
                self.set_interval(0.005, self.rows_shown)
            def rows_shown(self):
                if self.screen.entries:
                    self.call_after_refresh(self.done)
            def done(self):
                out.setdefault("rows_shown", time.time() - T0)
                self.exit()
        Bench(folders=[Path(sys.argv[2])], notes_file=Path(sys.argv[3])).run(headless=True, size=(120, 40))
    elif case == "reader":
        from pathlib import Path
        # As run_app does: a long briefing's analysis child starts before Textual is imported.
        from briefer.analysing.service import AnalysisService
        analysis = AnalysisService()
        analysis.prestart(Path(sys.argv[2]))
        from briefer.ui.app import BrieferApp
        from briefer.ui.widgets.document import DocumentView

        # "Text visible": the first line of the document drawn (Pilot's own pauses would add to it).
        draw_line = DocumentView.render_line
        def first_draw(self, y):
            out.setdefault("text_visible", time.time() - T0)
            return draw_line(self, y)
        DocumentView.render_line = first_draw

        # "Panes filled": the rows shown in the panes (waiting for all workers would add the library's).
        from briefer.ui.screens.reader import ReaderScreen
        show_pane_rows = ReaderScreen.show_pane_rows
        def shown(self, *args):
            show_pane_rows(self, *args)
            out["panes_filled"] = time.time() - T0
        ReaderScreen.show_pane_rows = shown

        class Bench(BrieferApp):
            def on_ready(self):
                out["first_paint"] = time.time() - T0
            def open_briefing(self, *args, **kwargs):
                out.setdefault("reader_opened", time.time() - T0)
                super().open_briefing(*args, **kwargs)
        async def main():
            app = Bench(folders=[Path(sys.argv[2]).parent], open_file=Path(sys.argv[2]), notes_file=Path(sys.argv[3]),
                        analysis=analysis)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                view = app.screen.query_one(DocumentView)
                # Keys answered while the analysis worker runs: posted straight to the app, since
                # Pilot's press waits for idle and would time itself rather than the app.
                from textual import events
                delays = []
                while any(w.is_running for w in app.workers) and len(delays) < 20:
                    cursor, before = view.cursor, time.time()
                    app.post_message(events.Key("j", "j"))
                    while view.cursor == cursor:
                        await asyncio.sleep(0.001)
                    delays.append((time.time() - before) * 1000)
                    await asyncio.sleep(0.1)
                if delays:
                    out["key_during_analysis_ms"] = max(delays)
                while "panes_filled" not in out:
                    await asyncio.sleep(0.005)
                presses = int(sys.argv[4])
                if presses:
                    # CPU per PageDown: the app's CPU for N pages less N unbound keys (Pilot's own cost).
                    cpu = time.process_time()
                    await pilot.press(*["f24"] * presses)
                    baseline = time.process_time() - cpu
                    cpu = time.process_time()
                    start = view.scroll_y
                    await pilot.press(*["pagedown"] * presses)
                    out["cpu_per_pagedown_ms"] = max(0.0, (time.process_time() - cpu - baseline) / presses * 1000)
                    out["scrolled_lines"] = view.scroll_y - start
        asyncio.run(main())
    out["peak_rss_mib"] = rss_mib()
    print("BENCH " + json.dumps(out))
    """
)


def run_child(*args: str, env: dict) -> dict:
    env = dict(env, BENCH_T0=repr(time.time()))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])
    raise RuntimeError(f"child failed: {result.stderr[-2000:]}")


def generate_briefing(path: Path, size: int = 2_000_000) -> None:
    """About `size` bytes of news-like paragraphs built from the bundled briefings, shuffled."""
    sources = [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "briefings").iterdir())
        if p.suffix in (".txt", ".md")
    ]
    paragraphs = [
        p.strip()
        for text in sources
        for p in text.split("\n")
        if len(p.strip()) > 60 and not p.startswith(("---", "title:", "date:", "source:"))
    ]
    rng = random.Random(1234)
    chunks, total = [], 0
    while total < size:
        paragraph = rng.choice(paragraphs)
        chunks.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    path.write_text("\n\n".join(chunks) + "\n", encoding="utf-8")


def median(results: list[dict], key: str) -> float | None:
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def show(label: str, value: float | None, unit: str, scale: float = 1.0) -> None:
    text = (
        "n/a"
        if value is None
        else f"{value * scale:.0f} {unit}"
        if unit == "ms"
        else f"{value * scale:.2f} {unit}"
    )
    print(f"  {label:48} {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    # The children import the package from this tree: compile it first, as pip does on install, or
    # every run would compile what changed since the last write of bytecode (never, with
    # PYTHONDONTWRITEBYTECODE set).
    compileall.compile_dir(ROOT / "briefer", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        env = dict(
            os.environ,
            XDG_CACHE_HOME=str(tmp_path / "cache"),
            XDG_DATA_HOME=str(tmp_path / "data"),
            XDG_CONFIG_HOME=str(tmp_path / "config"),
            TEXTUAL_ANIMATIONS="none",
        )
        notes = str(tmp_path / "notes.json")
        big = tmp_path / "big-briefing.txt"
        generate_briefing(big)

        # Interleaved, so that the machine's changing load weighs on both alike.
        minimal, library = [], []
        for _ in range(args.runs):
            minimal.append(run_child("minimal", env=env))
            library.append(run_child("library", str(ROOT / "briefings"), notes, env=env))
        print(f"Start-up (median of {args.runs}, headless 120x40):")
        show("minimal Textual app: process start -> first paint", median(minimal, "first_paint"), "ms", 1000)
        show("briefer library: process start -> first paint", median(library, "first_paint"), "ms", 1000)
        show("briefer library: process start -> rows shown", median(library, "rows_shown"), "ms", 1000)
        ratio = median(library, "first_paint") / median(minimal, "first_paint")
        print(f"  {'ratio briefer / minimal (first paint)':48} {ratio:.2f}x")
        show("CPU to first paint: minimal / briefer", median(minimal, "first_paint_cpu"), "ms", 1000)
        show("", median(library, "first_paint_cpu"), "ms", 1000)
        cpu_ratio = median(library, "first_paint_cpu") / median(minimal, "first_paint_cpu")
        print(f"  {'ratio of CPU (steadier on a shared machine)':48} {cpu_ratio:.2f}x")
        show("peak RSS, library", median(library, "peak_rss_mib"), "MiB")

        sample = ROOT / "briefings" / "00-peace-plan.txt"
        cold_sample = []
        for run in range(args.runs):
            fresh = dict(env, XDG_CACHE_HOME=str(tmp_path / f"cache-sample-{run}"))
            cold_sample.append(run_child("reader", str(sample), notes, "0", env=fresh))
        print("\nThe sample briefing, no cache:")
        show("process start -> panes filled", median(cold_sample, "panes_filled"), "ms", 1000)
        warm_sample = [
            run_child(
                "reader",
                str(sample),
                notes,
                "0",
                env=dict(env, XDG_CACHE_HOME=str(tmp_path / "cache-sample-0")),
            )
            for _ in range(args.runs)
        ]
        print(
            "The sample reopened (analysis cached on disk; negative: panes filled before the text was drawn):"
        )
        show(
            "text visible -> panes filled",
            statistics.median([w["panes_filled"] - w["text_visible"] for w in warm_sample]),
            "ms",
            1000,
        )

        # A briefing never analysed, in an installation that has run before: its cache holds the extractor's
        # word tables (built once, on first use) but no analysis. The very first run is shown apart.
        first_ever = run_child(
            "reader", str(big), notes, "0", env=dict(env, XDG_CACHE_HOME=str(tmp_path / "cache-first"))
        )
        tables = tmp_path / "cache-first" / "briefer" / "lexicon"
        cold = []
        for run in range(args.runs):
            cache = tmp_path / f"cache-big-{run}"
            shutil.copytree(tables, cache / "briefer" / "lexicon")
            cold.append(
                run_child(
                    "reader", str(big), notes, str(args.pages), env=dict(env, XDG_CACHE_HOME=str(cache))
                )
            )
        print(
            f"\nA generated {big.stat().st_size / 1e6:.1f} MB briefing, never analysed (median of {len(cold)}):"
        )
        show("process start -> text visible", median(cold, "text_visible"), "s")
        show("process start -> panes filled", median(cold, "panes_filled"), "s")
        print(
            f"  {'  (range of those runs)':48} {min(r['panes_filled'] for r in cold):.2f}-"
            f"{max(r['panes_filled'] for r in cold):.2f} s"
        )
        show("  the first run ever (word tables built too)", first_ever["panes_filled"], "s")
        show("slowest key answer while the analysis runs", median(cold, "key_during_analysis_ms"), "ms")
        show(f"CPU per PageDown ({args.pages} pages)", median(cold, "cpu_per_pagedown_ms"), "ms")
        print(f"  {'lines scrolled by those PageDowns':48} {median(cold, 'scrolled_lines'):.0f}")
        show("peak RSS", median(cold, "peak_rss_mib"), "MiB")

        warm_env = dict(env, XDG_CACHE_HOME=str(tmp_path / "cache-big-0"))
        warm = [run_child("reader", str(big), notes, "0", env=warm_env) for _ in range(args.runs)]
        print(
            "\nThe same briefing reopened (analysis cached on disk; negative: panes filled before the text was drawn):"
        )
        show(
            "text visible -> panes filled",
            statistics.median([w["panes_filled"] - w["text_visible"] for w in warm]),
            "ms",
            1000,
        )
        show(
            "reader opened (file read from here) -> text visible",
            statistics.median([w["text_visible"] - w["reader_opened"] for w in warm]),
            "ms",
            1000,
        )
        show(
            "process start -> text and panes shown",
            statistics.median([max(w["text_visible"], w["panes_filled"]) for w in warm]),
            "s",
        )


if __name__ == "__main__":
    main()
