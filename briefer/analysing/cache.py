"""Analyses cached in memory and on disk by content.

The key is the briefing id (sha256 of the body), the reference date and a
fingerprint of the extractor's own files, so a changed briefing or a new
extractor is analysed afresh and an unchanged one reopens at once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
from collections import OrderedDict
from functools import cache, lru_cache
from pathlib import Path
from typing import cast

from briefer import config
from briefer.analysing.shape import is_analysis
from briefer.briefing import Briefing
from briefer.extract.schema import Analysis
from briefer.files import read_regular, write_cache
from briefer.gcpause import cyclic_gc_paused

MEMORY_SIZE = 32  # analyses kept in memory: a session's briefings, reopened at once


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


class AnalysisCache:
    """The last MEMORY_SIZE analyses in memory, and every analysis as a JSON file in `folder`."""

    def __init__(self, folder: Path, memory_size: int = MEMORY_SIZE) -> None:
        self.folder = folder
        self.memory_size = memory_size
        self._memory: OrderedDict[str, Analysis] = OrderedDict()
        self._lock = threading.Lock()  # readers' workers and the event loop both use the memory

    @classmethod
    def in_cache_dir(cls) -> AnalysisCache:
        """The user's cache: `analyses` in briefer's cache folder."""
        return cls(config.cache_dir() / "analyses")

    def key(self, briefing: Briefing, reference_date: str | None) -> str:
        return f"{briefing.id}-{reference_date or briefing.date or 'nodate'}-{extractor_fingerprint()}"

    def file(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Analysis | None:
        """The analysis if it is in memory or on disk, else None (cheap: no extraction)."""
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        try:
            text = read_regular(self.file(key)).decode("utf-8")
        except (OSError, ValueError):
            return None
        analysis = _analysis_from_json(text, briefing_id=key.split("-", 1)[0])
        if analysis is not None:
            self.remember(key, analysis)
        return analysis

    def put(self, key: str, analysis: Analysis) -> None:
        """Keep an analysis in memory and on disk."""
        store(self.file(key), analysis)
        self.remember(key, analysis)

    def remember(self, key: str, analysis: Analysis) -> None:
        """Keep an analysis in memory only (another process stores it on disk)."""
        with self._lock:
            self._memory[key] = analysis
            self._memory.move_to_end(key)
            while len(self._memory) > self.memory_size:
                self._memory.popitem(last=False)


def _analysis_from_json(text: str, briefing_id: str) -> Analysis | None:
    """The analysis a cache file holds, or None if it is not one of `briefing_id` (corrupt, cut
    short, written by another version or by hand): the caller analyses the briefing again."""
    try:
        with cyclic_gc_paused():
            value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return cast(Analysis, value) if is_analysis(value, briefing_id) else None


def store(path: Path, analysis: Analysis) -> None:
    """Write an analysis to its cache file, best effort (in this process or in the child)."""
    _prune_stale(path.parent)
    write_cache(path, json.dumps(analysis, ensure_ascii=False).encode("utf-8"))


@cache
def _prune_stale(folder: Path) -> None:
    """Once per process and folder: drop analyses made by an older extractor (they would never be read again)."""
    current = f"-{extractor_fingerprint()}.json"
    try:
        for entry in os.scandir(folder):
            if entry.name.endswith(".json") and not entry.name.endswith(current):
                Path(entry.path).unlink(missing_ok=True)
    except OSError:
        pass
