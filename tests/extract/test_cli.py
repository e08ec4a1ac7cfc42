"""`briefer extract`: JSON output and one-line errors, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys


def briefer(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "briefer", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


SAMPLE = """---
title: Ferry strike ends
date: 2026-02-10
---

Ferry workers in Split ended a three-day strike on Monday, union leader Iva Horvat said.

"We got what we came for," Horvat told reporters.
"""


def test_json_output_has_the_spec_shape(tmp_path):
    path = tmp_path / "strike.md"
    path.write_text(SAMPLE, encoding="utf-8")
    p = briefer("extract", str(path), "--json")
    assert p.returncode == 0, p.stderr
    a = json.loads(p.stdout)
    assert a["schema"] == "briefer.extract/1"
    assert set(a) == {"schema", "briefing", "who", "where", "when", "what"}
    assert a["briefing"]["title"] == "Ferry strike ends"
    assert a["briefing"]["date"] == "2026-02-10"
    assert len(a["briefing"]["id"]) == 64
    horvat = next(e for e in a["who"] if e["name"] == "Iva Horvat")
    assert horvat["kind"] == "person" and horvat["role"] == "union leader" and horvat["aliases"] == ["Horvat"]
    assert any(w["name"] == "Split" for w in a["where"])
    assert {"text": "Monday", "value": "2026-02-09"} in [
        {"text": t["text"], "value": t["value"]} for t in a["when"]
    ]
    (quote,) = [w for w in a["what"] if w["kind"] == "quote"]
    assert quote["speaker"] == "Iva Horvat"


def test_date_option_resolves_a_briefing_without_a_date(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("The minister resigned yesterday.\n", encoding="utf-8")
    a = json.loads(briefer("extract", str(path), "--json", "--date", "2026-04-02").stdout)
    assert a["briefing"]["date"] == "2026-04-02"
    assert a["when"][0]["value"] == "2026-04-01"


def test_without_json_it_prints_readable_tables(tmp_path):
    path = tmp_path / "strike.md"
    path.write_text(SAMPLE, encoding="utf-8")
    p = briefer("extract", str(path))
    assert p.returncode == 0
    assert "WHO" in p.stdout and "Iva Horvat (union leader)" in p.stdout and "Monday = 2026-02-09" in p.stdout


def test_missing_file_is_one_line_on_stderr(tmp_path):
    p = briefer("extract", str(tmp_path / "nope.txt"), "--json")
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.count("\n") == 1 and p.stderr.startswith("briefer: error:")


def test_bad_date_is_one_line_on_stderr(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Nothing here.\n", encoding="utf-8")
    p = briefer("extract", str(path), "--json", "--date", "2026-13-45")
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.count("\n") == 1 and "--date" in p.stderr


def test_the_bundled_sample(tmp_path):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "briefings" / "00-peace-plan.txt"
    a = json.loads(briefer("extract", str(sample), "--date", "2025-11-20", "--json").stdout)
    z = next(e for e in a["who"] if e["name"] == "Volodymyr Zelensky")
    assert z["role"] == "Ukrainian President" and set(z["aliases"]) == {"Zelensky", "Zelenskiy"}
    assert {"text": "Thursday", "value": "2025-11-20"} in [
        {"text": t["text"], "value": t["value"]} for t in a["when"]
    ]
    q = [
        w
        for w in a["what"]
        if w["kind"] == "quote" and w["text"] == "We are ready for constructive, honest and prompt work."
    ]
    assert q and q[0]["speaker"] == "Volodymyr Zelensky"


def test_the_reference_date_set_in_the_reader_is_used_and_said_unless_date_is_given(tmp_path):
    from briefer.briefing import load
    from briefer.notes.store import NotesStore

    path = tmp_path / "note.txt"
    path.write_text("The minister resigned yesterday.\n", encoding="utf-8")
    notes = tmp_path / "notes.json"
    store = NotesStore.open(notes)
    store.set_briefing_data(load(path).id, reference_date="2026-05-20")
    store.close()

    used = briefer("extract", str(path), "--json", "--notes", str(notes))
    assert used.returncode == 0, used.stderr
    assert json.loads(used.stdout)["when"][0]["value"] == "2026-05-19"
    assert "2026-05-20, the reference date set in the reader" in used.stderr

    given = briefer("extract", str(path), "--json", "--notes", str(notes), "--date", "2026-04-02")
    assert json.loads(given.stdout)["when"][0]["value"] == "2026-04-01"
    assert given.stderr == ""


def test_extract_creates_no_notes_file(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("The minister resigned yesterday.\n", encoding="utf-8")
    result = briefer("extract", str(path), "--notes", str(tmp_path / "notes.json"))
    assert result.returncode == 0 and result.stderr == ""
    assert not (tmp_path / "notes.json").exists()
