"""The analysis service: what a reader asks for a briefing's analysis, one per app.

It owns the analysis cache and the child processes long briefings are
analysed in, including the one started for a file before the file is even
loaded (`prestart`), so that the child's start-up overlaps the app's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefer.analysing.cache import AnalysisCache, effective_briefing
from briefer.analysing.child import AnalysisChild
from briefer.briefing import Briefing
from briefer.extract.schema import Analysis

# Below this many characters a thread finishes before the GIL is noticed (the sample: 20 ms).
PROCESS_THRESHOLD = 200_000


@dataclass
class AnalysisRequest:
    """One briefing's analysis as a reader asked for it: `cached` at once when it is, else
    `result()` in a worker thread, which `cancel()` (the reader left, or changed its date) ends."""

    cache: AnalysisCache
    key: str
    cached: Analysis | None
    subject: Briefing  # the briefing as analysed, with the reader's reference date
    child: AnalysisChild | None  # the process it is analysed in, for a long briefing

    def result(self) -> Analysis:
        """The analysis, cached or computed (and then cached). Blocks: call it from a worker thread."""
        if self.cached is not None:
            return self.cached
        if self.child is not None:
            analysis = self.child.analyse(self.subject, self.cache.file(self.key))  # the child stores it
            self.cache.remember(self.key, analysis)
        else:
            from briefer.analysing.extraction import analyse  # the extractor, when first needed

            analysis = analyse(self.subject)
            self.cache.put(self.key, analysis)
        return analysis

    def cancel(self) -> None:
        """Stop the child, if it is still working: its answer is no longer wanted."""
        if self.child is not None:
            self.child.stop()


class AnalysisService:
    """Analyses for the app's readers: from `cache`, in a thread, or in a child process for a
    briefing of `process_threshold` characters or more."""

    def __init__(
        self, cache: AnalysisCache | None = None, process_threshold: int = PROCESS_THRESHOLD
    ) -> None:
        self.cache = cache or AnalysisCache.in_cache_dir()
        self.process_threshold = process_threshold
        self._prestarted: AnalysisChild | None = None
        self._children: list[AnalysisChild] = []

    def prestart(self, path: Path) -> None:
        """Start analysing the file at `path` in a child now, if it is long enough to need one: while
        the app starts, or loads and draws it, the child reads it too and begins its analysis."""
        if self._prestarted is not None and self._prestarted.path == path:
            return  # run_app started it, before the app opened the file
        self.drop_prestarted()
        try:
            long = path.stat().st_size >= self.process_threshold
        except OSError:
            return
        if long:
            self._prestarted = self._child(path)

    def request(self, briefing: Briefing, reference_date: str | None) -> AnalysisRequest:
        """The analysis of `briefing` for `reference_date`, as a request. Cheap enough for the event
        loop: it reads a cached analysis, or starts a child for a long briefing."""
        prestarted, self._prestarted = self._prestarted, None
        key = self.cache.key(briefing, reference_date)
        cached = self.cache.get(key)
        child = None
        if cached is None and len(briefing.body) >= self.process_threshold:
            taken = prestarted is not None and prestarted.path == briefing.path
            child = prestarted if taken else self._child(None)
        if prestarted is not None and prestarted is not child:
            prestarted.stop()  # started for a long file, whose analysis turned out cached (or not needed)
        return AnalysisRequest(self.cache, key, cached, effective_briefing(briefing, reference_date), child)

    def close(self) -> None:
        """Stop every child still working: the app is ending."""
        self.drop_prestarted()
        for child in self._children:
            child.stop()
        self._children.clear()

    def _child(self, path: Path | None) -> AnalysisChild:
        child = AnalysisChild(self.cache.folder, path)
        self._children.append(child)
        return child

    def drop_prestarted(self) -> None:
        """Stop the child `prestart` started, if no reader has taken it (its file could not be opened)."""
        if self._prestarted is not None:
            self._prestarted.stop()
            self._prestarted = None
