"""The Analysis of a briefing, cached in memory and on disk by content.

The key is the briefing id (sha256 of the body), the reference date and a
fingerprint of the extractor's own files, so a changed briefing or a new
extractor is analysed afresh and an unchanged one reopens at once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import select
import signal
import subprocess
import sys
import tempfile
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from briefer import config
from briefer.briefing import Briefing
from briefer.files import write_cache
from briefer.gcpause import cyclic_gc_paused

# Below this many characters a thread finishes before the GIL is noticed (the sample: 20 ms).
PROCESS_THRESHOLD = 200_000
_MEMORY: OrderedDict[str, dict] = OrderedDict()
_MEMORY_SIZE = 32


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Changes whenever a file of the extract package changes (size or mtime)."""
    import briefer.extract

    root = Path(briefer.extract.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def effective_briefing(briefing: Briefing, reference_date: str | None) -> Briefing:
    """The briefing as analysed: a reference date the user set wins over the file's own."""
    if reference_date and reference_date != briefing.date:
        return dataclasses.replace(briefing, date=reference_date)
    return briefing


def cache_key(briefing: Briefing, reference_date: str | None) -> str:
    return f"{briefing.id}-{reference_date or briefing.date or 'nodate'}-{extractor_fingerprint()}"


def cached(briefing: Briefing, reference_date: str | None = None) -> dict | None:
    """The analysis if it is in memory or on disk, else None (cheap: no extraction)."""
    key = cache_key(briefing, reference_date)
    if key in _MEMORY:
        _MEMORY.move_to_end(key)
        return _MEMORY[key]
    path = _cache_file(key)
    try:
        with cyclic_gc_paused():
            analysis = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    _remember(key, analysis)
    return analysis


def analyse_cached(
    briefing: Briefing, reference_date: str | None = None, analyser: Analyser | None = None
) -> dict:
    """The analysis, from the cache when possible; computed and stored otherwise.

    Long briefings are analysed in a separate process: in a thread, the
    extractor's CPU work holds the GIL and the UI's event loop waits a switch
    interval for it at every turn (measured at 2 MB: keys answered after up
    to 400 ms in a thread, 2 ms with the process). `analyser` is such a
    process started beforehand; it is used or stopped here.
    """
    found = cached(briefing, reference_date)
    if found is not None:
        if analyser is not None:
            analyser.stop()
        return found
    subject = effective_briefing(briefing, reference_date)
    key = cache_key(briefing, reference_date)
    if len(briefing.body) >= PROCESS_THRESHOLD:
        analyser = analyser or Analyser()
        analysis = analyser.analyse(subject, _cache_file(key))  # the child stores it, off our GIL
    else:
        if analyser is not None:
            analyser.stop()
        analysis = _analyse(subject)
        _store(_cache_file(key), analysis)
    _remember(key, analysis)
    return analysis


# The child imports the very package this process runs: never one in the user's working folder (-P),
# which may hold anything, downloaded briefings included. Where that package is not on its path
# (run from a source tree), its folder goes first.
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)
_CHILD = (
    "import sys; root = sys.argv[1]; root in sys.path or sys.path.insert(0, root); "
    "from briefer.analysis import serve_one; serve_one(sys.argv[2] if len(sys.argv) > 2 else None)"
)


class Analyser:
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

    def __init__(self, path: Path | None = None) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (kept open for the child's life; a pipe could fill up and stall it)
        self._answered = False
        # A process group of its own, so that stop() also ends the copy it forks to use a second core.
        group = {"process_group": 0} if hasattr(os, "killpg") else {}
        self._process = subprocess.Popen(
            [sys.executable, "-P", "-c", _CHILD, _PACKAGE_ROOT, *([str(path)] if path else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            **group,
        )

    @classmethod
    def for_file(cls, path: Path) -> Analyser | None:
        """A started Analyser if the file at `path` is long enough to need one, else None."""
        try:
            size = path.stat().st_size
        except OSError:
            return None
        return cls(path) if size >= PROCESS_THRESHOLD else None

    def analyse(self, briefing: Briefing, cache_file: Path) -> dict:
        process = self._process
        try:
            # The child reads the small first part; the briefing after it only if it is not the one it read.
            # Its forked copy waits for the first, so that goes before the briefing is even pickled.
            process.stdin.write(pickle.dumps((cache_file, _without_text(briefing))))
            process.stdin.flush()
            process.stdin.write(pickle.dumps(briefing))
            process.stdin.close()
            answer = process.stdout.read()
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
            return pickle.loads(answer)

    def _last_error_line(self) -> str | None:
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
                self._kill()
            threading.Thread(target=self._reap, daemon=True).start()  # never wait on the event loop

    def _kill(self) -> None:
        if not hasattr(os, "killpg"):
            self._process.kill()
            return
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except ProcessLookupError:  # the whole group has exited
            pass

    def _reap(self) -> None:
        self._process.wait()
        self._process.stdout.close()
        try:
            self._process.stdin.close()
        except OSError:  # the child died with part of the request unsent: closing flushes it into nothing
            pass
        self._errors.close()


def warm_up() -> None:
    """Load the extractor's modules and word lists now (0.1 s; 0.5 s before their tables are cached),
    so that the first briefing opened fills its panes sooner."""
    from briefer.briefing import briefing_from_text

    _analyse(briefing_from_text("Officials met in Paris on Monday."))


def _analyse(briefing: Briefing) -> dict:
    from briefer.extract import analyse

    return analyse(briefing)


def _analyse_in_child(briefing: Briefing) -> dict:
    """With a forked copy sharing the work, held until the reader's request comes: the reader sends it
    once its first frame is drawn, and before that the copy would slow the drawing (measured)."""
    from briefer.extract import analyse

    return analyse(briefing, parallel=True, hold_copy=lambda: select.select([sys.stdin], [], []))


def _remember(key: str, analysis: dict) -> None:
    _MEMORY[key] = analysis
    _MEMORY.move_to_end(key)
    while len(_MEMORY) > _MEMORY_SIZE:
        _MEMORY.popitem(last=False)


def _cache_file(key: str) -> Path:
    return config.cache_dir() / "analyses" / f"{key}.json"


@lru_cache(maxsize=1)
def _prune_stale(folder: Path) -> None:
    """Once per process: drop analyses made by an older extractor (they would never be read again)."""
    current = f"-{extractor_fingerprint()}.json"
    try:
        for entry in os.scandir(folder):
            if entry.name.endswith(".json") and not entry.name.endswith(current):
                Path(entry.path).unlink(missing_ok=True)
    except OSError:
        pass


def _store(path: Path, analysis: dict) -> None:
    _prune_stale(path.parent)
    write_cache(path, json.dumps(analysis, ensure_ascii=False).encode("utf-8"))


def _without_text(briefing: Briefing) -> Briefing:
    """All a briefing is but its text, which its id (a hash of the text) stands for: the loader
    derives the blocks and sentences from the text alone."""
    return dataclasses.replace(briefing, body="", blocks=(), sentences=())


def _guess(path: str) -> tuple[Briefing, dict] | None:
    """The file as read now and its analysis, begun before the reader asks for it; None when the file
    cannot be read or its analysis is cached already (a briefing reopened: the reader will find it)."""
    from briefer.briefing import load

    try:
        read = load(path)
        if _cache_file(cache_key(read, None)).exists():
            return None
        return read, _analyse_in_child(read)
    except Exception:
        return None


def serve_one(path: str | None) -> None:
    """The child side of Analyser (pickle between our own two processes only)."""
    guess = _guess(path) if path is not None else None
    request = sys.stdin.buffer
    try:
        cache_file, described = pickle.load(request)
    except EOFError:
        return  # closed unused: the analysis was in the cache after all
    if guess is not None and _without_text(guess[0]) == described:
        analysis = guess[1]
        request.read()  # the rest, unread, would keep the parent waiting to finish writing it
    else:
        analysis = _analyse_in_child(pickle.load(request))
    answer = sys.stdout.fileno()
    sys.stdout.buffer.write(pickle.dumps(analysis))
    sys.stdout.close()
    os.close(answer)  # sys.stdout leaves its descriptor open: the parent would read on until we exit
    _store(cache_file, analysis)  # the parent has its answer; storing is our own business now
