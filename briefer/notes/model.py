"""The Note record shared by the store, anchoring, export and import.

Stored in TinyDB as the plain dict of `Note.to_dict()`.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

ANCHOR_STATES = ("anchored", "changed", "orphan")
NOTE_KINDS = ("note", "highlight")
CONTEXT_CHARS = 32


@dataclass(slots=True)
class Target:
    """W3C-style selectors: TextQuote (exact/prefix/suffix) and TextPosition."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    @classmethod
    def from_span(cls, body: str, start: int, end: int) -> Target:
        return cls(
            exact=body[start:end],
            prefix=body[max(0, start - CONTEXT_CHARS) : start],
            suffix=body[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
        )


@dataclass(slots=True)
class Note:
    id: str
    briefing_id: str
    briefing_path: str
    briefing_title: str
    target: Target
    kind: str = "note"
    text: str = ""
    tags: list[str] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    anchor: str = "anchored"
    # Bumped by every stored update: an update made from an older copy is refused (see NotesStore.update).
    revision: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Note:
        fields = dict(data)
        fields["target"] = Target(**fields["target"])
        fields["tags"] = list(fields.get("tags") or [])
        return cls(**{k: v for k, v in fields.items() if k in cls.__dataclass_fields__})


def text_order(note: Note) -> tuple[int, int, str, str]:
    """Sort key: where the passage starts and ends, then the older note first."""
    return (note.target.start, note.target.end, note.created, note.id)


def new_note_id() -> str:
    """Short, stable, random: 10 hex digits (about a trillion values)."""
    return secrets.token_hex(5)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
