"""The digest: one markdown document for a period, to read in the morning and to write from.

Sections, each left out when it has nothing: the new briefings (counted, listed by day, newest
first), the watch items' hits (per item: the sentence and a link to the briefing), the user's
notes of the period grouped by tag (the passage quoted, the note, and a citation linking to the
note's block in its markdown export, `file.md#^n-<id>`, as Obsidian-style tools resolve it), the
most-mentioned actors with their newest quote, and the agenda (what is coming after the period).

Deterministic: the same archive, notes and period give the same bytes (no clock, everything
sorted with ties broken); links are relative to `base` (the folder the digest is written to), so
they work from there, in a viewer or a vault. Untrusted text (titles, sentences, notes, names)
is escaped (`escape_markdown`) so it renders as written and cannot inject links or markup, and
text on one line is made one line (`one_line`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from briefer.briefing.sanitize import one_line
from briefer.library.listing import LibraryEntry
from briefer.notes.export import BriefingInfo, block_id, export_file_name, tag_display
from briefer.notes.markdown_escape import escape_markdown
from briefer.notes.model import Note, text_order

UNTAGGED = "untagged"
QUOTE_CHARS = 240  # a quote or sentence longer than this is cut, with an ellipsis


def text(value: str, limit: int | None = None) -> str:
    """Untrusted text on one line, cut at `limit` characters, as markdown showing exactly it."""
    flat = " ".join(one_line(value).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return escape_markdown(flat)


def link(label: str, path: str | Path, base: Path, fragment: str = "") -> str:
    """A markdown link to `path` relative to `base` (percent-encoded: spaces and brackets in file
    names keep it one link), its label escaped."""
    relative = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(base))).as_posix()
    target = quote(relative, safe="/") + (f"#{fragment}" if fragment else "")
    return f"[{text(label) or 'untitled'}]({target})"


def briefing_link(entry: LibraryEntry, base: Path) -> str:
    return link(entry.title or entry.path.name, entry.path, base)


# ----- new briefings ----------------------------------------------------------------


def new_briefings_section(entries: Sequence[LibraryEntry], base: Path) -> list[str]:
    """The briefings dated in the period, by day (newest first), each a link with its source."""
    if not entries:
        return []
    by_day: dict[str, list[LibraryEntry]] = {}
    for entry in entries:
        by_day.setdefault(entry.date or "", []).append(entry)
    lines = [f"## New briefings: {len(entries)}", ""]
    for day in sorted(by_day, reverse=True):
        group = sorted(by_day[day], key=lambda e: (e.title.casefold(), str(e.path)))
        lines += [f"### {day}: {len(group)}", ""]
        for entry in group:
            source = f", {text(entry.source)}" if entry.source else ""
            lines.append(f"- {briefing_link(entry, base)}{source}")
        lines.append("")
    return lines


# ----- notes by tag --------------------------------------------------------------------


@dataclass(frozen=True)
class NoteCitation:
    """Where a note's export block lives, and what its citation says."""

    info: BriefingInfo
    export_file: Path


def notes_section(notes: Iterable[Note], citations: dict[str, NoteCitation], base: Path) -> list[str]:
    """The notes grouped by tag (a note under each of its tags; notes without one last, under
    `untagged`), each as its passage quoted, its text, its tags and a citation linking to its block
    in the export."""
    by_tag: dict[str, list[Note]] = {}
    for note in notes:
        for tag in sorted({tag_display(t) for t in note.tags}) or [UNTAGGED]:
            by_tag.setdefault(tag, []).append(note)
    if not by_tag:
        return []
    lines = ["## Notes by tag", ""]
    for tag in sorted(by_tag, key=lambda t: (t == UNTAGGED, t.casefold(), t)):
        group = sorted(
            by_tag[tag], key=lambda n: (n.briefing_title.casefold(), n.briefing_id, *text_order(n))
        )
        heading = "Untagged" if tag == UNTAGGED else f"#{tag}"
        lines += [f"### {heading}: {len(group)}", ""]
        for note in group:
            lines += _note_lines(note, citations[note.briefing_id], base)
    return lines


def _note_lines(note: Note, citation: NoteCitation, base: Path) -> list[str]:
    passage = text(note.target.exact, QUOTE_CHARS)
    lines = [f"> {passage}" if passage else ">", ""]
    if note.text.strip():
        lines += [escape_markdown(line) if line.strip() else "" for line in one_line_breaks(note.text)] + [""]
    info = citation.info
    parts = [link(info.title, citation.export_file, base, block_id(note.id))]
    parts += [text(value) for value in (info.source, info.date) if value]
    lines += ["— " + ", ".join(parts), ""]
    return lines


def one_line_breaks(value: str) -> list[str]:
    """A note's lines, each one clean line (a note may have paragraphs)."""
    return [" ".join(one_line(line).split()) for line in value.strip().splitlines()]


def note_citations(
    notes: Iterable[Note], entries: dict[str, LibraryEntry], export_dir: Path
) -> dict[str, NoteCitation]:
    """Per briefing id: its metadata as the export names it (the index's, else the notes') and its
    export file, so a citation's link reaches the note's block."""
    groups: dict[str, list[Note]] = {}
    for note in notes:
        groups.setdefault(note.briefing_id, []).append(note)
    citations = {}
    for briefing_id, group in groups.items():
        entry = entries.get(briefing_id)
        if entry is not None:
            info = BriefingInfo(
                briefing_id, entry.title, os.path.abspath(entry.path), entry.source, entry.date
            )
        else:
            info = BriefingInfo.from_notes(group)
        citations[briefing_id] = NoteCitation(info, export_dir / export_file_name(info))
    return citations
