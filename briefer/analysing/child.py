"""A long briefing's analysis in a child process, so that the UI process keeps its GIL.

In a thread, the extractor's CPU work holds the GIL and the UI's event loop
waits a switch interval for it at every turn: measured at 2 MB, keys were
answered after up to 400 ms with a thread, 2 ms with the child.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO

from briefer.briefing import Briefing
from briefer.extract.schema import Analysis
from briefer.gcpause import cyclic_gc_paused

# The child imports the very package this process runs: never one in the user's working folder (-P),
# which may hold anything, downloaded briefings included. Where that package is not on its path
# (run from a source tree), its folder goes first.
PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent.parent)
CHILD_CODE = (
    "import sys; root = sys.argv[1]; root in sys.path or sys.path.insert(0, root); "
    "from briefer.analysing.child import serve_one; serve_one(*sys.argv[2:])"
)


class AnalysisChild:
    """A child Python process (`serve_one`), started before its briefing is even loaded.

    Given the file, the child reads it and starts analysing it at once, while
    this process reads it too, draws it and looks up the user's reference
    date; the briefing it is then sent (the one analysis is of) is compared
    with the one it read, and analysed afresh only if they differ (the file
    changed in between, or the user set another reference date). It answers,
    then stores the analysis in the cache itself, so that writing megabytes
    of JSON never competes with the UI for the GIL.

    A plain subprocess, not multiprocessing: under a running Textual app
    sys.stderr is a capture object without a real file descriptor, which
    multiprocessing's spawn passes on and fails with.
    """

    def __init__(self, cache_folder: Path, path: Path | None = None) -> None:
        self.path = path
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (kept open for the child's life; a pipe could fill up and stall it)
        # Read on a worker thread, closed by the reaping thread: one at a time (a close during a
        # read raised ValueError in the reaper, an exception no one would catch).
        self._errors_lock = threading.Lock()
        self._answered = False
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-P",
                "-c",
                CHILD_CODE,
                PACKAGE_ROOT,
                str(cache_folder),
                *([str(path)] if path else []),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
        )

    def wait(self, timeout: float | None = None) -> int:
        """The child's exit status, once it has exited."""
        return self._process.wait(timeout)

    def analyse(self, briefing: Briefing, cache_file: Path) -> Analysis:
        """The child's analysis of `briefing` (which it then stores in `cache_file`). Blocks: call it
        from a worker thread. Raises RuntimeError with the child's last error line if it fails."""
        process = self._process
        stdin, stdout = _pipe(process.stdin), _pipe(process.stdout)
        try:
            # The child reads the small first part; the briefing after it only if it is not the one it read.
            stdin.write(pickle.dumps((cache_file, _without_text(briefing))))
            stdin.write(pickle.dumps(briefing))
            stdin.close()
            answer = stdout.read()
        except (OSError, ValueError):  # ValueError: stopped, and its pipes closed, meanwhile
            answer = b""  # the child died; its exit status and message tell why
        if not answer:
            process.wait()
            raise RuntimeError(
                self._last_error_line() or f"analysis process exited with status {process.returncode}"
            )
        # The child goes on to store the analysis; wait for it elsewhere, not before the panes fill.
        self._answered = True
        threading.Thread(target=self._reap, daemon=True).start()
        with cyclic_gc_paused():
            analysis: Analysis = pickle.loads(answer)
            return analysis

    def _last_error_line(self) -> str | None:
        with self._errors_lock:
            try:
                self._errors.seek(0)
                lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
            except ValueError:  # closed by stop(): the child was killed, not failing
                return None
            finally:
                self._errors.close()
        return lines[-1] if lines else None

    def stop(self) -> None:
        """Kill the child unless it has answered (a closed reader, a cache hit): it may still be storing."""
        if not self._answered:
            if self._process.returncode is None:  # not waited for: its pid is still its own
                self._process.kill()
            threading.Thread(target=self._reap, daemon=True).start()  # never wait on the event loop

    def _reap(self) -> None:
        self._process.wait()
        _pipe(self._process.stdout).close()
        try:
            _pipe(self._process.stdin).close()
        except OSError:  # the child died with part of the request unsent: closing flushes it into nothing
            pass
        with self._errors_lock:
            self._errors.close()


def _pipe(stream: IO[bytes] | None) -> IO[bytes]:
    assert stream is not None, "the child is started with its stdin and stdout piped"
    return stream


def _without_text(briefing: Briefing) -> Briefing:
    """All a briefing is but its text, which its id (a hash of the text) stands for: the loader
    derives the blocks and sentences from the text alone."""
    return dataclasses.replace(briefing, body="", blocks=(), sentences=())


def _guess(path: str, cache_folder: Path) -> tuple[Briefing, Analysis] | None:
    """The file as read now and its analysis, begun before the reader asks for it; None when the file
    cannot be read or its analysis is cached already (a briefing reopened: the reader will find it)."""
    from briefer.analysing.cache import AnalysisCache
    from briefer.analysing.extraction import analyse
    from briefer.briefing import load

    try:
        read = load(path)
        cache = AnalysisCache(cache_folder)
        if cache.file(cache.key(read, None)).exists():
            return None
        return read, analyse(read)
    except Exception:
        return None


def serve_one(cache_folder: str, path: str | None = None) -> None:
    """The child side of AnalysisChild (pickle between our own two processes only)."""
    from briefer.analysing.cache import store
    from briefer.analysing.extraction import analyse

    guess = _guess(path, Path(cache_folder)) if path is not None else None
    request = sys.stdin.buffer
    try:
        cache_file, described = pickle.load(request)
    except EOFError:
        return  # closed unused: the analysis was in the cache after all
    if guess is not None and _without_text(guess[0]) == described:
        analysis = guess[1]
        request.read()  # the rest, unread, would keep the parent waiting to finish writing it
    else:
        analysis = analyse(pickle.load(request))
    answer = sys.stdout.fileno()
    sys.stdout.buffer.write(pickle.dumps(analysis))
    sys.stdout.close()
    os.close(answer)  # sys.stdout leaves its descriptor open: the parent would read on until we exit
    store(cache_file, analysis)  # the parent has its answer; storing is our own business now
