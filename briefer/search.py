"""Full-text search over the library's briefings and the notes on them (no Textual)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.notes.model import Note

if TYPE_CHECKING:
    from briefer.library import LibraryEntry, SearchResult
    from briefer.notes.store import NotesStore

# Little context before the hit and more after: a narrow column still shows the hit itself.
CONTEXT_BEFORE = 12
CONTEXT_AFTER = 60


@dataclass(frozen=True)
class Hit:
    path: Path
    snippet: str  # the first hit with some context, on one line
    in_notes: bool  # the first hit is in a note rather than the text
    note_id: str | None = None  # that note, to open the briefing at
    reader_query: str | None = None  # what the reader searches for to stand at the hit, if not the query


def query_pattern(query: str) -> re.Pattern | None:
    """Literal, case-insensitive unless the query has a capital (smart case)."""
    query = query.strip()
    if not query:
        return None
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    return re.compile(re.escape(query), flags)


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    pattern = query_pattern(query)
    return [] if pattern is None else [(m.start(), m.end()) for m in pattern.finditer(text)]


def snippet(text: str, start: int, end: int) -> str:
    lo = max(0, start - CONTEXT_BEFORE)
    hi = min(len(text), end + CONTEXT_AFTER)
    shown = " ".join(text[lo:hi].split())
    return ("…" if lo else "") + shown + ("…" if hi < len(text) else "")


def search_library(paths: list[Path], query: str, notes: list[Note]) -> list[Hit]:
    """Briefings whose text, or whose notes (text, tags, passage), match `query`; text hits first."""
    from briefer.briefing import BriefingError, load

    pattern = query_pattern(query)
    if pattern is None:
        return []
    notes_by_briefing: dict[str, list[Note]] = {}
    for note in notes:
        notes_by_briefing.setdefault(note.briefing_id, []).append(note)
    hits = []
    for path in paths:
        try:
            briefing = load(path)
        except BriefingError:
            continue
        match = pattern.search(briefing.body)
        if match:
            hits.append(Hit(path, snippet(briefing.body, match.start(), match.end()), False))
            continue
        hit = _note_hit(notes_by_briefing.get(briefing.id, []), pattern, path)
        if hit is not None:
            hits.append(hit)
    return hits


def search_archive(
    query: str, folders: list[Path], entries: list[LibraryEntry], store: NotesStore | None
) -> list[Hit]:
    """The archive index's answer to `query` (its query language, ranked, each at its best
    passage), then the briefings with a note that matches; with no usable index, every file is
    read. Raises QueryError with a one-line hint."""
    from briefer.library import IndexUnavailable, LibraryIndex

    notes = store.all_notes() if store is not None else []
    try:
        index = LibraryIndex()
        if store is not None:
            index.sync_notes(notes)
        results = index.search(query, folders, limit=-1)
    except IndexUnavailable:
        return search_library([e.path for e in entries if not e.error], query, notes)
    hits = [_archive_hit(r) for r in results]
    found = {str(hit.path) for hit in hits}
    noted = {note.briefing_id for note in notes}
    return hits + note_hits(
        notes,
        query,
        {e.briefing_id: e.path for e in entries if e.briefing_id in noted and e.key not in found},
    )


def _archive_hit(result: SearchResult) -> Hit:
    """A result as the library shows it: its passage from CONTEXT_BEFORE characters before the
    first hit (a narrow column still shows the hit), and that hit for the reader to stand at."""
    if not result.snippet_hits:
        return Hit(result.path, result.snippet, False)
    start, end = result.snippet_hits[0]
    cut = max(0, start - CONTEXT_BEFORE)
    shown = ("…" if cut else "") + result.snippet[cut:].lstrip("…")
    return Hit(result.path, shown, False, reader_query=result.snippet[start:end])


def note_hits(notes: list[Note], query: str, paths_by_id: dict[str, Path]) -> list[Hit]:
    """The briefings (of `paths_by_id`, by briefing id) with a note whose text or tags match
    `query`, each at its first such note."""
    pattern = query_pattern(query)
    if pattern is None:
        return []
    notes_by_briefing: dict[str, list[Note]] = {}
    for note in notes:
        if note.briefing_id in paths_by_id:
            notes_by_briefing.setdefault(note.briefing_id, []).append(note)
    found = (_note_hit(group, pattern, paths_by_id[bid]) for bid, group in notes_by_briefing.items())
    return [hit for hit in found if hit is not None]


def _note_hit(notes: list[Note], pattern: re.Pattern, path: Path) -> Hit | None:
    for note in notes:
        haystack = " ".join([note.text, " ".join("#" + t for t in note.tags)])
        found = pattern.search(haystack)
        if found:
            return Hit(path, "note: " + snippet(haystack, found.start(), found.end()), True, note.id)
    return None
