"""A long briefing analysed with a forked copy on a second core gives exactly the analysis of one process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.briefing import briefing_from_text
from briefer.extract import analyse
from briefer.extract import analysis as extract_analysis
from briefer.extract.sharing import machine_can_share
from tests.extract.conftest import TEXT

BUNDLED = Path(__file__).resolve().parents[2] / "briefings"


# Where nothing can be shared, analyse(parallel=True) is the single-process analysis, tested elsewhere.
forks = pytest.mark.skipif(not machine_can_share(), reason="no second core, or no fork, to share with")


def run_fresh(code: str) -> str:
    """Run in a fresh interpreter: one thread, so sharing forks for real (pytest may have others)."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def long_text() -> str:
    """Over SHARE_FROM characters of the bundled briefings' bodies, text and markdown, one after another."""
    bodies = [
        p.read_text(encoding="utf-8").split("\n---\n")[-1]
        for p in sorted(BUNDLED.iterdir())
        if p.suffix in (".txt", ".md")
    ]
    text, i = "", 0
    while len(text) < extract_analysis.SHARE_FROM * 2:
        text += bodies[i % len(bodies)] + "\n\n"
        i += 1
    return text


@forks
def test_a_long_briefing_shared_with_a_second_process_gives_the_same_analysis(tmp_path):
    source = tmp_path / "long.txt"
    source.write_text(long_text(), encoding="utf-8")
    out = run_fresh(f"""
        import os, pathlib
        from briefer.briefing import briefing_from_text
        from briefer.extract import analyse, sharing
        assert sharing.can_share(), "no second core or a threaded interpreter: nothing would be shared"
        text = pathlib.Path({str(source)!r}).read_text(encoding="utf-8")
        for fmt in ("text", "markdown"):
            b = briefing_from_text(text, fmt=fmt)
            forks = []
            fork = os.fork
            os.fork = lambda: forks.append(1) or fork()
            shared = analyse(b, "2025-11-20", parallel=True)
            os.fork = fork
            assert forks, "no copy was forked"
            assert shared == analyse(b, "2025-11-20"), fmt
            assert shared["who"] and shared["when"] and shared["what"]
        print("same")
    """)
    assert out.strip() == "same"


@forks
def test_pieces_taken_by_both_processes_come_back_in_order_and_a_dead_copy_costs_nothing():
    out = run_fresh("""
        import os, time
        from briefer.extract.sharing import share_work
        parent = os.getpid()
        def work(n):
            time.sleep(0.01)  # so that both processes take pieces
            return n * n, os.getpid(), os.nice(0)
        first, results = share_work(list(range(40)), work, lambda: os.getpid(), share=True)
        assert first() == parent and [r[0] for r in results] == [n * n for n in range(40)]
        by_pid = {pid: niceness for _, pid, niceness in results}
        assert len(by_pid) == 2, "one process did every piece"
        copy = next(pid for pid in by_pid if pid != parent)
        assert by_pid[copy] > by_pid[parent], "the copy competes with the interface at full priority"
        # A copy that dies (killed, out of memory) leaves its share to us.
        def dying(n):
            if os.getpid() != parent:
                os._exit(9)
            return n * n
        first, results = share_work(list(range(10)), dying, lambda: "first", share=True)
        assert first() == "first" and results == [n * n for n in range(10)]
        # A copy the machine gives no time (here: one that stalls) never keeps us waiting.
        def stalling(n):
            if os.getpid() != parent:
                time.sleep(60)
            time.sleep(0.01)
            return n * n
        started = time.monotonic()
        first, results = share_work(list(range(10)), stalling, lambda: time.sleep(0.05), share=True)
        assert results == [n * n for n in range(10)] and time.monotonic() - started < 20
        # A copy held back (in the app, until the reader's first frame is drawn) takes no piece meanwhile.
        started = time.monotonic()
        first, results = share_work(list(range(10)), work, lambda: None, share=True, hold_copy=lambda: time.sleep(60))
        assert {pid for _, pid, _ in results} == {parent} and time.monotonic() - started < 20
        print("ok")
    """)
    assert out.strip() == "ok"


@forks
def test_an_error_in_our_share_is_raised_and_the_copy_is_reaped():
    out = run_fresh("""
        import os
        from briefer.extract.sharing import share_work
        def work(n):
            if n == 0:
                raise KeyError("piece 0")
            return n
        try:
            share_work([0, 1, 2], work, lambda: None, share=True)
        except KeyError:
            pass
        try:
            os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            print("no child left")
    """)
    assert out.strip() == "no child left"


@contextmanager
def pieces_of(size: int):
    """Share even the shortest text, in pieces of `size` characters."""
    saved = extract_analysis.PIECE, extract_analysis.SHARE_FROM
    extract_analysis.PIECE, extract_analysis.SHARE_FROM = size, 0
    try:
        yield
    finally:
        extract_analysis.PIECE, extract_analysis.SHARE_FROM = saved


def test_each_bundled_briefing_read_in_pieces_gives_the_analysis_of_one_reading():
    """Acronyms spelled out, names joined by "and", offices: found late in a text, they keep their links."""
    from briefer.briefing import load

    for path in sorted(BUNDLED.iterdir()):
        b = load(path)
        with pieces_of(300):
            assert analyse(b, parallel=True) == analyse(b), path.name


def test_a_quote_carried_into_the_next_paragraph_keeps_its_speaker_when_quotes_are_shared_out():
    speakers = [
        "Ana Ruiz",
        "Marta Gil",
        "Omar Haddad",
        "Lena Berg",
    ] * 3  # runs of three quotes: some would cut a pair
    text = "".join(
        f"\u201cWe will rebuild the bridge this year,\u201d Mayor {name} said. \u201cAnd the school after it.\n\n"
        f"\u201cIt will take time and money, but we will not give up on the town.\u201d\n\n"
        for name in speakers
    )
    b = briefing_from_text(text)
    with pieces_of(40):
        shared = analyse(b, parallel=True)
    assert shared == analyse(b)
    quotes = [w for w in shared["what"] if w["kind"] == "quote"]
    assert [q["speaker"] for q in quotes] == [name for name in speakers for _ in (1, 2, 3)]


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sampled_from(["text", "markdown"]), st.integers(min_value=1, max_value=80))
def test_any_text_read_in_pieces_gives_the_analysis_of_one_reading(text, fmt, size):
    """Where the pieces begin must never change what is found (in a shared analysis, whoever reads them)."""
    b = briefing_from_text(text, fmt=fmt)
    with pieces_of(size):
        assert analyse(b, parallel=True) == analyse(b)


def test_what_a_copy_found_comes_back_whole_through_pickle():
    import pickle

    from briefer.briefing import load
    from briefer.extract.names import NameFinder

    for path in sorted(BUNDLED.iterdir()):
        b = load(path)
        found = NameFinder(b.body, b.blocks).read(b.sentences)
        assert found.mentions and pickle.loads(pickle.dumps(found)) == found, path.name
