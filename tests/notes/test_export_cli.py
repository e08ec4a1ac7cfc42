"""`briefer export` and `briefer import` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from briefer.briefing import load
from briefer.notes.model import Note, Target, new_note_id
from briefer.notes.store import NotesStore

BRIEFING = """---
title: Grid strikes
source: Reuters
---
Ukrenergo reported damage to three 330 kV substations overnight. It warned of outages.
"""
OTHER = "Talks resumed in Geneva on Monday. Both sides sent delegations.\n"


def briefer(*args, env_extra=None, cwd=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "briefer", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )


@pytest.fixture
def setup(tmp_path):
    grid = tmp_path / "grid.md"
    grid.write_text(BRIEFING, encoding="utf-8")
    other = tmp_path / "talks.txt"
    other.write_text(OTHER, encoding="utf-8")
    notes = tmp_path / "notes.json"
    store = NotesStore.open(notes)
    for path, passage, text, tags in [
        (grid, "three 330 kV substations", "Same node *again*.\x1b[31m", ["energy"]),
        (other, "Talks resumed in Geneva", "Venue changed.", ["diplomacy"]),
    ]:
        b = load(path)
        start = b.body.index(passage)
        store.add(
            Note(
                id=new_note_id(),
                briefing_id=b.id,
                briefing_path=str(path),
                briefing_title=b.title,
                target=Target.from_span(b.body, start, start + len(passage)),
                text=text,
                tags=tags,
            )
        )
    store.close()
    return tmp_path, notes, grid


def test_export_to_standard_output_is_one_markdown_document(setup):
    _tmp_path, notes, _grid = setup
    result = briefer("export", "--notes", notes, "-o", "-")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert yaml.safe_load(out.split("---\n")[1])["generator"] == "briefer"
    assert "\n# Grid strikes\n" in out and "\n# Talks resumed in Geneva" in out
    assert "Same node \\*again\\*." in out and "\x1b" not in out


def test_export_of_one_briefing_by_its_file(setup):
    _tmp_path, notes, grid = setup
    result = briefer("export", grid, "--notes", notes, "-o", "-")
    assert result.returncode == 0, result.stderr
    meta = yaml.safe_load(result.stdout.split("---\n")[1])
    assert meta["title"] == "Grid strikes" and meta["source"] == "Reuters" and meta["briefing"] == str(grid)
    assert "Venue changed." not in result.stdout


def test_export_to_the_default_folder_then_import_into_a_fresh_notes_file(setup):
    tmp_path, notes, grid = setup
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    result = briefer("export", "--notes", notes, env_extra=env)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "data" / "briefer" / "export"
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == f"grid-strikes-{load(grid).id[:8]}.md"
    assert names[1].startswith("talks-resumed-in-geneva") and names[1].endswith(
        f"-{load(tmp_path / 'talks.txt').id[:8]}.md"
    )
    assert len(names) == 2
    assert result.stdout == f"exported 2 notes to {folder}\n"
    fresh = tmp_path / "fresh.json"
    result = briefer("import", "--notes", fresh, folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "imported 2 files: 2 new, 0 updated, 0 unchanged\n"
    again = briefer("import", "--notes", fresh, folder)
    assert again.stdout == "imported 2 files: 0 new, 0 updated, 2 unchanged\n"
    store = NotesStore.open(fresh)
    original = NotesStore.open(notes)
    try:
        assert store.all_notes() == original.all_notes()
    finally:
        store.close()
        original.close()


def test_a_file_briefer_did_not_write_stops_the_export_with_one_line(setup):
    tmp_path, notes, _grid = setup
    target = tmp_path / "mine.md"
    target.write_text("my own file\n", encoding="utf-8")
    result = briefer("export", "--notes", notes, "-o", target)
    assert result.returncode == 2
    assert result.stderr == f"briefer: error: {target}: not written by briefer; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "my own file\n"
    forced = briefer("export", "--notes", notes, "-o", target, "--force")
    assert forced.returncode == 0 and "generator: briefer" in target.read_text(encoding="utf-8")


def test_json_format_on_standard_output(setup):
    _tmp_path, notes, _grid = setup
    result = briefer("export", "--notes", notes, "--format", "json", "--tag", "energy", "-o", "-")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [item["body"][0]["value"] for item in data["first"]["items"]] == ["Same node *again*."]
    assert "\x1b" not in result.stdout


def test_bad_input_gives_one_line(setup):
    tmp_path, notes, grid = setup
    result = briefer("export", "--notes", notes, "--since", "last week", "-o", "-")
    assert (result.returncode, result.stderr) == (
        2,
        "briefer: error: --since last week: expected a date as YYYY-MM-DD\n",
    )
    result = briefer("export", tmp_path / "absent.md", "--notes", notes, "-o", "-")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "absent.md" in result.stderr
    result = briefer("import", "--notes", notes, grid)
    assert (result.returncode, result.stderr) == (
        2,
        f"briefer: error: {grid}: not a briefer export (no 'generator: briefer' front matter)\n",
    )


def test_nothing_to_export_says_so(setup):
    _tmp_path, notes, _grid = setup
    result = briefer("export", "--notes", notes, "--tag", "absent", "-o", "-")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "briefer: no notes to export\n")


def test_standard_output_is_utf8_whatever_the_locale(setup):
    _tmp_path, notes, grid = setup
    store = NotesStore.open(notes)
    b = load(grid)
    store.add(
        Note(
            id="unicode1",
            briefing_id=b.id,
            briefing_path=str(grid),
            briefing_title=b.title,
            target=Target.from_span(b.body, 0, 9),
            text="Київ — 😀",
        )
    )
    store.close()
    result = subprocess.run(
        [sys.executable, "-m", "briefer", "export", "--notes", str(notes), "-o", "-"],
        capture_output=True,
        env=dict(os.environ, PYTHONIOENCODING="ascii", LC_ALL="C"),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Київ — 😀" in result.stdout.decode("utf-8")


def test_a_briefing_file_with_broken_front_matter_gives_one_line(setup):
    tmp_path, notes, _grid = setup
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    result = briefer("export", broken, "--notes", notes, "-o", "-")
    assert result.stdout == "" and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
