"""Helpers for the notes tests: notes to store, and a store per test in its own folder."""

from __future__ import annotations

import pytest

from briefer.notes.model import Note, Target, new_note_id
from briefer.notes.store import NotesStore

BODY = (
    "Ministers from both sides met in Geneva on Tuesday to restart the grain talks.\n\n"
    "The envoy said the port at Odesa would reopen within a week if the ceasefire held.\n\n"
    "Officials warned that shipping insurers were still refusing cover for the route.\n"
)


def make_note(briefing_id: str = "b" * 64, *, quote: str = "grain talks", body: str = BODY, **fields) -> Note:
    start = body.index(quote)
    values = dict(
        id=new_note_id(),
        briefing_id=briefing_id,
        briefing_path="/briefings/geneva.md",
        briefing_title="Geneva talks",
        target=Target.from_span(body, start, start + len(quote)),
        text="",
        tags=[],
    )
    values.update(fields)
    return Note(**values)


@pytest.fixture
def notes_path(tmp_path):
    return tmp_path / "notes.json"


@pytest.fixture
def store(notes_path):
    opened = NotesStore.open(notes_path, wait=0.5)
    yield opened
    opened.close()
