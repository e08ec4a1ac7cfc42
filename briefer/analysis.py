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
import subprocess
import sys
import tempfile
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from briefer import config
from briefer.briefing import Briefing

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
        analysis = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    _remember(key, analysis)
    return analysis


def analyse_cached(briefing: Briefing, reference_date: str | None = None) -> dict:
    """The analysis, from the cache when possible; computed and stored otherwise.

    Long briefings are analysed in a separate process: in a thread, the
    extractor's CPU work holds the GIL and the UI's event loop waits a switch
    interval for it at every turn (measured at 2 MB: keys answered after up
    to 400 ms in a thread, 2 ms with the process).
    """
    found = cached(briefing, reference_date)
    if found is not None:
        return found
    subject = effective_briefing(briefing, reference_date)
    if len(briefing.body) >= PROCESS_THRESHOLD:
        analysis = _analyse_in_subprocess(subject)
    else:
        analysis = _analyse(subject)
    key = cache_key(briefing, reference_date)
    _remember(key, analysis)
    _store(_cache_file(key), analysis)
    return analysis


def warm_up() -> None:
    """Load the extractor's lexicons and gazetteer now (about 0.4 s), so the first briefing opened fills its panes sooner."""
    from briefer.briefing import briefing_from_text

    _analyse(briefing_from_text("Officials met in Paris on Monday."))


def _analyse(briefing: Briefing) -> dict:
    from briefer.extract import analyse

    return analyse(briefing)


def _analyse_in_subprocess(briefing: Briefing) -> dict:
    """Run the extractor in a child `python -m briefer.analysis`: the briefing in on stdin, the analysis out.

    A plain subprocess, not multiprocessing: under a running Textual app
    sys.stderr is a capture object without a real file descriptor, which
    multiprocessing's spawn passes on and fails with.
    """
    result = subprocess.run([sys.executable, "-m", "briefer.analysis"], input=pickle.dumps(briefing),
                            capture_output=True, check=False)
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"analysis process exited with status {result.returncode}")
    return pickle.loads(result.stdout)


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
    """Best effort: a cache that cannot be written only costs time."""
    _prune_stale(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(analysis, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


if __name__ == "__main__":
    # The child side of _analyse_in_subprocess (pickle between our own two processes only).
    sys.stdout.buffer.write(pickle.dumps(_analyse(pickle.loads(sys.stdin.buffer.read()))))
