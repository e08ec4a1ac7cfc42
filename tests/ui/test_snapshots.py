"""SVG snapshots guarding the layout of the library and the reader (plain `def`: snap_compare runs its own loop)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from briefer.ui.app import BrieferApp

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def in_repo(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    return tmp_path


async def settle(pilot) -> None:
    app = pilot.app
    for field in app.screen.query(Input):
        field.cursor_blink = False
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_library_snapshot(snap_compare, in_repo):
    app = BrieferApp(folders=[Path("briefings")], notes_file=in_repo / "notes.json")
    assert snap_compare(app, terminal_size=(120, 30), run_before=settle)


def test_reader_with_panes_snapshot(snap_compare, in_repo):
    app = BrieferApp(
        folders=[Path("briefings")],
        open_file=Path("briefings/00-peace-plan.txt"),
        notes_file=in_repo / "notes.json",
    )

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("j", "v", "j")

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_reader_on_a_narrow_terminal_snapshot(snap_compare, in_repo, size):
    app = BrieferApp(
        folders=[Path("briefings")],
        open_file=Path("briefings/00-peace-plan.txt"),
        notes_file=in_repo / "notes.json",
    )

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("j", "p", "j")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_markdown_reader_snapshot(snap_compare, in_repo):
    """A markdown brief rendered: headings without `#`, bold without `**`, bullets, an aligned table."""
    app = BrieferApp(
        folders=[Path("briefings")],
        open_file=Path("briefings/05-salar-access-brief.md"),
        notes_file=in_repo / "notes.json",
    )

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("p", *"J" * 16)  # the panes folded away; down to the first table

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
