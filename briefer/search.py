"""Full-text search over the library's briefings and the notes on them (no Textual)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefer.notes.model import Note

# Little context before the hit and more after: a narrow column still shows the hit itself.
CONTEXT_BEFORE = 12
CONTEXT_AFTER = 60


@dataclass(frozen=True)
class Hit:
    path: Path
    snippet: str  # the first hit with some context, on one line
    in_notes: bool  # the first hit is in a note rather than the text
    note_id: str | None = None  # that note, to open the briefing at


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
        for note in notes_by_briefing.get(briefing.id, []):
            haystack = " ".join([note.text, " ".join("#" + t for t in note.tags)])
            found = pattern.search(haystack)
            if found:
                hits.append(
                    Hit(path, "note: " + snippet(haystack, found.start(), found.end()), True, note.id)
                )
                break
    return hits
