"""An archive of a few briefings, indexed and analysed, and a notes store, per test."""

from __future__ import annotations

import pytest

from briefer.library import LibraryIndex
from briefer.notes.store import NotesStore
from tests.desk.archive import write_archive

BRIEFINGS = {
    "kyiv.md": (
        "Peace plan talks in Kyiv",
        "2025-11-20",
        "Volodymyr Zelensky met Daniel Driscoll in Kyiv on Thursday. The peace plan was discussed.",
    ),
    "moscow.md": (
        "Envoys in Moscow",
        "2025-11-22",
        "The Kremlin said talks were possible. Ukrainian President Volodymyr Zelensky was not invited, officials said.",
    ),
    "grain.md": (
        "Grain exports resume",
        "2025-11-18",
        "Ships left Odesa with grain on Monday. Insurers returned to the route.",
    ),
}


def write_briefing(folder, name, title, day, body):
    path = folder / name
    path.write_text(f"---\ntitle: {title}\ndate: {day}\nsource: Reuters\n---\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def add_briefing(folder):
    """Drop a new briefing into the folder: add_briefing(name, title, day, body)."""
    return lambda *args: write_briefing(folder, *args)


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "briefings"
    folder.mkdir()
    for name, (title, day, body) in BRIEFINGS.items():
        write_briefing(folder, name, title, day, body)
    return folder


@pytest.fixture
def index(tmp_path, folder):
    with LibraryIndex(tmp_path / "cache" / "index.sqlite3") as opened:
        opened.refresh([folder], analyse=True)
        yield opened


@pytest.fixture
def notes_path(tmp_path):
    return tmp_path / "notes.json"


@pytest.fixture
def store(notes_path):
    opened = NotesStore.open(notes_path, wait=0.5)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The fixture archive, indexed and analysed once for a module's tests (they only read)."""
    root = tmp_path_factory.mktemp("desk")
    folder = write_archive(root / "briefings")
    with LibraryIndex(root / "index.sqlite3") as index:
        index.refresh([folder], analyse=True)
        yield index, folder
