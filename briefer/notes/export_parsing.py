"""Reading a markdown export back: which files are briefer's, and the notes in them.

Pure functions, like `briefer.notes.export` whose format they read: an import
merges what `parse_export` finds with the store's notes (`merge_imported`), and
a re-export first asks `unimported_edits` whether the file holds edits the store
lacks.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from briefer.notes.export import (
    BRIEFING_COMMENT,
    COMMENT_END,
    GENERATOR,
    MY_NOTES_HEADING,
    NOTE_COMMENT,
    ORPHANS_HEADING,
    ORPHANS_INTRO,
    BriefingInfo,
    tag_display,
    text_hash,
)
from briefer.notes.markdown_escape import unescape_markdown
from briefer.notes.model import Note, Target

_TAG_LINE = re.compile(r"#[^\s#]\S*(?:[ \t]+#[^\s#]\S*)*[ \t]*")
_MY_NOTES = re.compile(rf"(?m)^{re.escape(MY_NOTES_HEADING)}[ \t]*$")


def normalise_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def front_matter_text(text: str) -> str | None:
    text = normalise_newlines(text)
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    return text[4 : end + 1] if end >= 0 else None


def is_briefer_file(text: str) -> bool:
    """True for a markdown file briefer wrote (its front matter says `generator: briefer`)."""
    fm = front_matter_text(text)
    return fm is not None and re.search(rf"(?m)^generator: {GENERATOR}[ \t]*$", fm) is not None


def is_briefer_json(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return (
        isinstance(data, dict)
        and isinstance(data.get("generator"), dict)
        and data["generator"].get("name") == GENERATOR
    )


def previous_exported(text: str) -> str | None:
    """The `exported` value of a file briefer wrote (kept when nothing else changed)."""
    match = re.search(r"(?m)^exported: (.*)$", front_matter_text(text) or "")
    return match.group(1) if match else None


def my_notes_region(text: str) -> str | None:
    """Everything from the `## My notes` heading to the end, exactly as it is in the file."""
    match = _MY_NOTES.search(text)
    return text[match.start() :] if match else None


@dataclass(slots=True)
class ImportedNote:
    """A note read from an export: `note` holds what the file says now; the flags say whether
    the person changed the note text or tags in the file since briefer wrote it."""

    note: Note
    text_edited: bool
    tags_edited: bool

    @property
    def edited(self) -> bool:
        return self.text_edited or self.tags_edited


@dataclass(slots=True)
class ParsedExport:
    notes: list[ImportedNote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line N: reason"


def parse_export(text: str) -> ParsedExport:
    """Read a markdown export (one briefing or a combined file) back into notes; the
    My notes region is not read."""
    text = normalise_newlines(text)
    result = ParsedExport()
    lines = text.split("\n")
    index = 0
    if front_matter_text(text) is not None:
        index = text[: text.find("\n---\n", 3)].count("\n") + 2
    briefing: BriefingInfo | None = None
    pending: list[str] = []
    for number in range(index, len(lines)):
        line = lines[number]
        if _MY_NOTES.fullmatch(line):
            break  # the rest is the person's own
        if line.startswith(BRIEFING_COMMENT) and line.endswith(COMMENT_END):
            data = _comment_data(line, BRIEFING_COMMENT)
            if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                result.problems.append(f"line {number + 1}: unreadable briefing data")
                briefing = None
            else:
                briefing = BriefingInfo(
                    id=data["id"], title=str(data.get("title") or ""), path=str(data.get("path") or "")
                )
            pending = []
        elif line.startswith(NOTE_COMMENT) and line.endswith(COMMENT_END):
            if briefing is None:
                result.problems.append(f"line {number + 1}: note outside a briefing section")
            else:
                try:
                    result.notes.append(_read_note(pending, _comment_data(line, NOTE_COMMENT), briefing))
                except (TypeError, ValueError, KeyError):
                    result.problems.append(f"line {number + 1}: unreadable note data")
            pending = []
        elif line == ORPHANS_HEADING:
            pending = []
        else:  # headings a person typed into a note stay part of its text
            pending.append(line)
    return result


def _comment_data(line: str, opener: str):
    try:
        return json.loads(line[len(opener) : -len(COMMENT_END)])
    except ValueError:
        return None


def _read_note(lines: list[str], data, briefing: BriefingInfo) -> ImportedNote:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    # What precedes the passage (the orphans' explanation, stray text) is not the note's.
    first_quote = next((i for i, line in enumerate(lines) if line.startswith(">")), None)
    if first_quote is None:
        lines = [line for line in lines if line != ORPHANS_INTRO]
        while lines and not lines[0].strip():
            lines.pop(0)
    else:
        lines = lines[first_quote:]
    while lines and lines[0].startswith(">"):
        lines.pop(0)  # the passage: the comment's selectors are what anchors the note
    if lines and not lines[0].strip():
        lines.pop(0)
    shown_tags = None
    last = len(lines) - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    if last >= 0 and _TAG_LINE.fullmatch(lines[last]):  # a person may leave a blank line after it
        shown_tags = [token[1:] for token in lines[last].split()]
        del lines[last:]
    if lines and not lines[-1].strip():
        lines.pop()
    text = unescape_markdown("\n".join(lines))

    exported_tags = [str(t) for t in data["tags"]]
    shown_tags = shown_tags or []
    tags_edited = shown_tags != [tag_display(t) for t in exported_tags]
    if tags_edited:
        by_display: dict[str, str] = {}
        for tag in exported_tags:
            by_display.setdefault(tag_display(tag), tag)
        tags = [by_display.get(shown, shown) for shown in shown_tags]
    else:
        tags = exported_tags
    target = Target(
        exact=str(data["exact"]),
        prefix=str(data["prefix"]),
        suffix=str(data["suffix"]),
        start=int(data["start"]),
        end=int(data["end"]),
    )
    note = Note(
        id=str(data["id"]),
        briefing_id=briefing.id,
        briefing_path=str(data.get("briefing_path", briefing.path)),
        briefing_title=str(data.get("briefing_title", briefing.title)),
        target=target,
        kind=str(data["kind"]),
        text=text,
        tags=tags,
        created=str(data["created"]),
        updated=str(data["updated"]),
        anchor=str(data["anchor"]),
    )
    return ImportedNote(note, text_edited=text_hash(text) != data["text_sha256"], tags_edited=tags_edited)


def unimported_edits(parsed: ParsedExport, current) -> list[str]:
    """Ids of notes edited in an export file whose edits the store does not have yet;
    `current(id)` gives the store's note or None."""
    ids = []
    for imported in parsed.notes:
        if not imported.edited:
            continue
        note = current(imported.note.id)
        if (
            note is None
            or (imported.text_edited and note.text != imported.note.text)
            or (imported.tags_edited and note.tags != imported.note.tags)
        ):
            ids.append(imported.note.id)
    return ids


def merge_imported(imported: ImportedNote, existing: Note | None, now: str) -> Note | None:
    """The note to save for an imported one, or None when the store already has it.

    The file's version of the note replaces the store's when it is newer; note text and
    tags edited in the file win either way; an unedited, older file changes nothing.
    """
    note = imported.note
    if existing is None:
        return replace(note, updated=now) if imported.edited else note
    result = replace(note if note.updated > existing.updated else existing)
    result.target = replace(result.target)
    result.tags = list(result.tags)
    if imported.text_edited:
        result.text = note.text
    if imported.tags_edited:
        result.tags = list(note.tags)
    if result == existing:
        return None
    if (imported.text_edited and note.text != existing.text) or (
        imported.tags_edited and note.tags != existing.tags
    ):
        result.updated = now
    return result
