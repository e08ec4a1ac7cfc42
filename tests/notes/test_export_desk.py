"""The desk tables go out with `briefer export` and come back with `briefer import`."""

from __future__ import annotations

import os
import subprocess
import sys

from briefer.notes.export_desk import DESK_FILE_NAME, parse_desk, render_desk
from briefer.notes.store import NotesStore


def briefer(*args):
    return subprocess.run(
        [sys.executable, "-m", "briefer", *map(str, args)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )


def fill(path):
    store = NotesStore.open(path)
    store.put_desk_item("read", "a" * 64, {"state": "read", "at": "2026-03-01T09:00:00+00:00"})
    store.put_desk_item("flags", "b" * 64, {"at": "2026-03-02T10:00:00+00:00"})
    store.put_desk_item("watch", "w1", {"kind": "actor", "text": "Dan <!-- Driscoll -->", "name": "Driscoll"})
    tables = {name: store.desk_table(name) for name in store.desk_tables()}
    store.close()
    return tables


def test_export_then_import_into_a_new_store_restores_every_table(tmp_path):
    tables = fill(tmp_path / "notes.json")
    out = tmp_path / "export"
    done = briefer("export", "--notes", tmp_path / "notes.json", "-o", out)
    assert done.returncode == 0, done.stderr
    text = (out / DESK_FILE_NAME).read_text(encoding="utf-8")
    assert "## watch" in text and "Driscoll" in text
    fresh = tmp_path / "fresh.json"
    done = briefer("import", "--notes", fresh, out)
    assert done.returncode == 0, done.stderr
    assert "3 desk records" in done.stdout
    store = NotesStore.open(fresh)
    assert {name: store.desk_table(name) for name in store.desk_tables()} == tables
    store.close()


def test_exporting_the_same_records_again_leaves_the_file_as_it_was(tmp_path):
    fill(tmp_path / "notes.json")
    out = tmp_path / "export"
    briefer("export", "--notes", tmp_path / "notes.json", "-o", out)
    first = (out / DESK_FILE_NAME).read_bytes()
    assert briefer("export", "--notes", tmp_path / "notes.json", "-o", out).returncode == 0
    assert (out / DESK_FILE_NAME).read_bytes() == first


def test_a_desk_file_cut_short_restores_nothing_and_says_so(tmp_path):
    tables = {"flags": {"b1": {"at": "x"}}, "read": {"b1": {"state": "read"}, "b2": {"state": "opened"}}}
    text = render_desk(tables, exported="2026-03-01T09:00:00+00:00")
    assert parse_desk(text) == (tables, [])
    cut = text[: text.rindex("- b2")]
    path = tmp_path / "export" / DESK_FILE_NAME
    path.parent.mkdir()
    path.write_text(cut, encoding="utf-8")
    done = briefer("import", "--notes", tmp_path / "notes.json", path.parent)
    assert "incomplete" in done.stderr
    store = NotesStore.open(tmp_path / "notes.json")
    assert store.desk_tables() == []
    store.close()
