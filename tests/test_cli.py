"""The console script: version, help, paths, errors, global options, and no Textual outside the TUI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def briefer(*args, cwd=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "briefer", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


def test_version_and_help():
    version = briefer("--version")
    assert version.returncode == 0 and version.stdout.startswith("briefer ")
    shown = briefer("--help")
    assert shown.returncode == 0
    for command in ("extract", "export", "import", "notes", "tags", "locate", "config"):
        assert command in shown.stdout


def test_every_command_in_the_registry_has_its_own_help(capsys):
    from briefer.cli import COMMANDS, main

    for name in COMMANDS:
        with pytest.raises(SystemExit) as stopped:
            main([name, "--help"])
        assert stopped.value.code == 0
        assert capsys.readouterr().out.startswith(f"usage: briefer {name} ")


def test_missing_path_is_one_line_error(tmp_path):
    result = briefer(str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"briefer: error: {tmp_path / 'nope.txt'}: no such file or folder"


def test_help_shows_that_paths_open_the_app():
    shown = briefer("--help")
    assert shown.stdout.startswith("usage: briefer ") and "[PATH ... |" in shown.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("word", "hint"),
    [("expotr", "did you mean export?"), ("tag", "did you mean tags?"), ("frobnicate", "commands: locate")],
)
def test_an_unknown_command_is_named_as_one_with_a_suggestion(word, hint, tmp_path):
    result = briefer(word, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"briefer: error: unknown command {word!r}")
    assert hint in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "args", [("export", "--tag"), ("notes", "frob"), ("notes", "add"), ("extract",), ("tags", "--nope")]
)
def test_usage_mistakes_are_one_line_pointing_at_help(args):
    result = briefer(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("briefer: error: ")
    assert "(see briefer " in result.stderr and "--help)" in result.stderr


def test_unknown_option_is_one_line_error():
    result = briefer("--frobnicate")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "unknown option --frobnicate" in result.stderr


def test_global_options_before_or_after_the_command(tmp_path):
    config_file = tmp_path / "c.toml"
    notes_file = tmp_path / "n.json"
    before = briefer("--config", str(config_file), "--notes", str(notes_file), "locate")
    after = briefer("locate", "--config", str(config_file), "--notes", str(notes_file))
    for result in (before, after):
        assert result.returncode == 0, result.stderr
        assert f"config {config_file}" in result.stdout
        assert f"notes  {notes_file}" in result.stdout


def test_note_option_is_not_taken_for_notes(tmp_path):
    """`--note` (a note's text) must never be read as an abbreviation of `--notes` (the file)."""
    briefing = tmp_path / "b.txt"
    briefing.write_text("The minister said the talks would resume on Monday.\n", encoding="utf-8")
    notes_file = tmp_path / "notes.json"
    added = briefer(
        "--notes",
        str(notes_file),
        "notes",
        "add",
        str(briefing),
        "--quote",
        "the talks would resume",
        "--note",
        "Check this",
        cwd=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("Check")) == []
    listed = briefer("--notes", str(notes_file), "notes", "list", "--json")
    notes = json.loads(listed.stdout)
    assert [n["text"] for n in notes] == ["Check this"]


def test_a_bad_config_stops_the_app_with_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("theme = 3\n", encoding="utf-8")
    result = briefer("--config", str(bad), str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert str(bad) in result.stderr and "line 1" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("locate",),
        ("extract", "{sample}", "--json"),
        ("notes", "list"),
        ("tags",),
        ("export", "-o", "-"),
        ("config", "path"),
    ],
)
def test_non_tui_commands_never_import_textual(args, tmp_path):
    sample = __file__.replace("tests/test_cli.py", "briefings/00-peace-plan.txt")
    args = [a.format(sample=sample) for a in args]
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['briefer', '--notes', {str(tmp_path / 'n.json')!r}, *{args!r}]\n"
        "try:\n    runpy.run_module('briefer', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print('TEXTUAL-LOADED' if loaded else 'TEXTUAL-ABSENT', file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "TEXTUAL-ABSENT" in result.stderr, result.stderr


def test_the_config_file_sets_the_notes_file_and_export_folder(tmp_path):
    config_file = tmp_path / "c.toml"
    config_file.write_text(
        f'notes_file = "{tmp_path / "mine.json"}"\nexport_dir = "{tmp_path / "out"}"\n', encoding="utf-8"
    )
    briefing = tmp_path / "b.txt"
    briefing.write_text("The minister said the talks would resume on Monday.\n", encoding="utf-8")
    added = briefer(
        "--config", str(config_file), "notes", "add", str(briefing), "--quote", "talks would resume"
    )
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "mine.json").exists()
    exported = briefer("--config", str(config_file), "export")
    assert exported.returncode == 0, exported.stderr
    assert len(list((tmp_path / "out").glob("*.md"))) == 1
    located = briefer("--config", str(config_file), "locate", "export")
    assert located.stdout.strip() == str(tmp_path / "out")


def test_output_cut_short_by_the_reader_ends_quietly(tmp_path):
    sample = __file__.replace("tests/test_cli.py", "briefings/00-peace-plan.txt")
    big = tmp_path / "big.txt"  # its JSON is far larger than a pipe holds, so the write meets the closed end
    big.write_text(Path(sample).read_text(encoding="utf-8") * 60, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefer", "extract", str(big), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.read(20)
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr
