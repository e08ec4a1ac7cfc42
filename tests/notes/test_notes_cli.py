"""`briefer notes ...` and `briefer tags`, run as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

TEXT = """---
title: Geneva grain talks
---
Ministers from both sides met in Geneva on Tuesday to restart the grain talks,
which collapsed in July after a strike on the port.

The envoy said the port at Odesa would reopen within a week if the ceasefire held.
"""


@pytest.fixture
def env(tmp_path):
    environment = dict(os.environ, BRIEFER_NOTES=str(tmp_path / "notes.json"))
    return environment


@pytest.fixture
def briefing(tmp_path):
    path = tmp_path / "geneva.md"
    path.write_text(TEXT)
    return path


def briefer(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "briefer", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def add(env, briefing, quote, *extra):
    result = briefer(env, "notes", "add", briefing, "--quote", quote, *extra)
    assert result.returncode == 0, result.stderr
    note_id = result.stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{10}", note_id)
    return note_id


def test_add_list_and_remove(env, briefing):
    first = add(
        env, briefing, "the port at Odesa", "--note", "Check the date", "--tag", "key", "--tag", "#area/trade"
    )
    second = add(env, briefing, "Ministers from both sides")
    listing = briefer(env, "notes", "list")
    assert listing.returncode == 0
    lines = listing.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [second, first]  # text order
    assert (
        "Geneva grain talks" in lines[1] and "#key #area/trade" in lines[1] and "Check the date" in lines[1]
    )

    removed = briefer(env, "notes", "rm", first)
    assert removed.returncode == 0 and first in removed.stdout
    assert [line.split()[0] for line in briefer(env, "notes", "list").stdout.splitlines()] == [second]
    again = briefer(env, "notes", "rm", first)
    assert again.returncode == 2
    assert again.stderr.strip() == f"briefer: error: no note with id {first}"


def test_a_quote_may_span_a_line_break(env, briefing):
    note_id = add(env, briefing, "grain talks, which collapsed")
    notes = json.loads(briefer(env, "notes", "list", "--json").stdout)
    assert notes[0]["id"] == note_id
    assert notes[0]["target"]["exact"] == "grain talks,\nwhich collapsed"
    assert notes[0]["kind"] == "highlight"


def test_json_listing_round_trips_the_fields(env, briefing):
    note_id = add(env, briefing, "ceasefire", "--note", "**if** it held", "--tag", "claim")
    [note] = json.loads(briefer(env, "notes", "list", "--json").stdout)
    assert note["id"] == note_id and note["text"] == "**if** it held" and note["tags"] == ["claim"]
    assert note["briefing_path"] == str(briefing) and note["briefing_title"] == "Geneva grain talks"
    assert note["anchor"] == "anchored" and note["kind"] == "note"


def test_list_filters_by_briefing_and_by_tag_including_nested(env, briefing, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("A different briefing about steel tariffs and quotas.\n")
    trade = add(env, briefing, "the port at Odesa", "--tag", "area/trade")
    energy = add(env, other, "steel tariffs", "--tag", "area/energy")
    add(env, other, "quotas", "--tag", "key")

    def ids(*args):
        result = briefer(env, "notes", "list", "--json", *args)
        assert result.returncode == 0, result.stderr
        return {n["id"] for n in json.loads(result.stdout)}

    assert ids("--briefing", briefing) == {trade}
    assert ids("--tag", "area") == {trade, energy}
    assert ids("--tag", "area/energy") == {energy}
    assert ids("--tag", "#Area/Energy") == {energy}  # one tag rule everywhere: case does not matter
    assert ids("--tag", "are") == set()


def test_tags_lists_counts_with_parents(env, briefing):
    add(env, briefing, "the port", "--tag", "area/trade", "--tag", "key")
    add(env, briefing, "ceasefire", "--tag", "area/security")
    result = briefer(env, "tags")
    assert result.returncode == 0
    assert [line.split() for line in result.stdout.splitlines()] == [
        ["2", "area"],
        ["1", "area/security"],
        ["1", "area/trade"],
        ["1", "key"],
    ]
    assert json.loads(briefer(env, "tags", "--json").stdout) == {
        "area": 2,
        "area/security": 1,
        "area/trade": 1,
        "key": 1,
    }


def test_notes_flag_overrides_the_environment(env, briefing, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "mine.json"
    result = briefer(env, "notes", "add", briefing, "--quote", "Geneva", "--notes", elsewhere)
    assert result.returncode == 0, result.stderr
    assert elsewhere.exists()
    assert briefer(env, "notes", "list").stdout == ""
    assert result.stdout.split()[0] in briefer(env, "notes", "list", "--notes", elsewhere).stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["notes", "add", "{briefing}", "--quote", "not in the text"], "the quote does not occur in"),
        (["notes", "add", "{missing}", "--quote", "x"], "no such file"),
        (["notes", "add", "{briefing}", "--quote", "Geneva", "--tag", "two words"], "not a usable tag"),
        (["notes", "add", "{briefing}", "--quote", "Geneva", "--tag", "area//x"], "not a usable tag"),
        (["notes", "list", "--tag", "a b"], "not a usable tag"),
    ],
)
def test_errors_are_one_line_with_exit_2(env, briefing, tmp_path, args, message):
    args = [a.format(briefing=briefing, missing=tmp_path / "missing.md") for a in args]
    result = briefer(env, *args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("briefer: error: ")
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_store_from_a_newer_briefer_is_an_error_not_a_crash(env, tmp_path):
    (tmp_path / "notes.json").write_text('{"_meta": {"meta": {"schema": 99}}}')
    result = briefer(env, "notes", "list")
    assert result.returncode == 2 and "newer briefer" in result.stderr and "Traceback" not in result.stderr


def test_control_characters_in_notes_never_reach_the_terminal(env, briefing):
    add(env, briefing, "Geneva", "--note", "red \x1b[31malert\x1b[0m \x9b2J bell\x07", "--tag", "key")
    listing = briefer(env, "notes", "list")
    assert "alert" in listing.stdout
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", listing.stdout)
    as_json = briefer(env, "notes", "list", "--json").stdout
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", as_json)
    assert json.loads(as_json)[0]["text"] == "red alert  bell"  # stored clean


def test_a_damaged_store_is_reported_on_stderr_and_recovered(env, briefing, tmp_path):
    add(env, briefing, "Geneva")
    add(env, briefing, "ceasefire")
    shard = next((tmp_path / "notes.json.d").glob("notes-*.json"))
    shard.write_bytes(b"\0" * 100)
    result = briefer(env, "notes", "list")
    assert result.returncode == 0
    assert "damaged" in result.stderr and "restored" in result.stderr
    assert len(result.stdout.splitlines()) == 1
