"""The stored form of a note and of briefing data, checked before anything is written."""

from __future__ import annotations

import json
import os
import re

from briefer.briefing.sanitize import clean_text
from briefer.notes.model import ANCHOR_STATES, NOTE_KINDS, Note
from briefer.notes.store.errors import InvalidNote
from briefer.notes.tags import stored_tag

_NOTE_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
# Far more than anyone types; a pasted book would make every save of its shard slow.
MAX_NOTE_BYTES = 1024 * 1024
_TEXT_FIELDS = ("briefing_path", "briefing_title", "text", "created", "updated")


def normalise_path(path: str | os.PathLike) -> str:
    """Absolute and normalised, without touching the disk (no symlink resolution)."""
    return os.path.abspath(os.path.normpath(os.fspath(path))) if os.fspath(path) else ""


def copy_note(note: Note) -> Note:
    """A copy the caller cannot change behind the store's back."""
    if not isinstance(note, Note):
        raise InvalidNote(f"expected a Note, got {type(note).__name__}")
    return Note.from_dict(note.to_dict())


def check_json(value: object, what: str) -> None:
    """InvalidNote unless `value` can be written as JSON (no NaN, valid UTF-8)."""
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as exc:  # UnicodeEncodeError is a ValueError
        reason = "text that is not valid UTF-8" if isinstance(exc, UnicodeError) else str(exc).split("\n")[0]
        raise InvalidNote(f"{what} cannot be saved: {reason}") from None


def cleaned(value: object) -> object:
    """`value` with every string in it cleaned of escape sequences and controls
    (`clean_text`): whatever enters the store may later reach a terminal."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [cleaned(item) for item in value]
    if isinstance(value, dict):
        return {key: cleaned(item) for key, item in value.items()}
    return value


def note_dict(note: Note) -> dict:
    """The stored form of a note, after checking every field a reader relies on: its text
    cleaned (see `cleaned`), its tags in their stored form (`stored_tag`)."""
    label = f"note {note.id!r}"[:80]
    if not isinstance(note.id, str) or not _NOTE_ID.fullmatch(note.id):
        raise InvalidNote(f"{label}: an id is 1-64 letters, digits, '_', '-' or '.'")
    for name in ("briefing_id", *_TEXT_FIELDS):
        if not isinstance(getattr(note, name), str):
            raise InvalidNote(f"{label}: {name} must be text")
    size = len(note.text.encode("utf-8", "surrogatepass"))
    if size > MAX_NOTE_BYTES:
        raise InvalidNote(
            f"{label}: its text is {size / MAX_NOTE_BYTES:.1f} MB; a note may hold at most 1 MB of text"
        )
    if not note.briefing_id:
        raise InvalidNote(f"{label}: it belongs to no briefing")
    if note.kind not in NOTE_KINDS:
        raise InvalidNote(f"{label}: kind must be one of {', '.join(NOTE_KINDS)}")
    if note.anchor not in ANCHOR_STATES:
        raise InvalidNote(f"{label}: anchor must be one of {', '.join(ANCHOR_STATES)}")
    if not isinstance(note.tags, list) or not all(isinstance(t, str) and t.strip() for t in note.tags):
        raise InvalidNote(f"{label}: tags must be a list of non-empty texts")
    target = note.target
    for name in ("exact", "prefix", "suffix"):
        if not isinstance(getattr(target, name), str):
            raise InvalidNote(f"{label}: target.{name} must be text")
    for name in ("start", "end"):
        value = getattr(target, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidNote(f"{label}: target.{name} must be a whole number >= 0")
    if not isinstance(note.revision, int) or isinstance(note.revision, bool) or note.revision < 0:
        raise InvalidNote(f"{label}: revision must be a whole number >= 0")
    if target.end < target.start:
        raise InvalidNote(f"{label}: the target ends before it starts")
    doc = note.to_dict()
    check_json(doc, label)  # before cleaning: that would turn a lone surrogate into U+FFFD
    for name in _TEXT_FIELDS:
        doc[name] = clean_text(doc[name])
    doc["target"] = cleaned(doc["target"])
    # A tag of nothing but controls and invisible characters is no tag: it is dropped.
    doc["tags"] = [tag for tag in dict.fromkeys(stored_tag(clean_text(t)) for t in note.tags) if tag]
    # Relative paths mean nothing to another process.
    doc["briefing_path"] = normalise_path(doc["briefing_path"])
    check_json(doc, label)
    return doc
