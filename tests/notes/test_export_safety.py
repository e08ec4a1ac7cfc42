"""Exports and imports that cannot harm the user's files (issue #14 items 1 and 3, #13 items 8 and 12)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from briefer.briefing import load
from briefer.notes.exporting import ExportError, export_notes
from briefer.notes.importing import import_exports
from briefer.notes.model import Note, Target
from briefer.notes.store import NotesStore

BRIEFING = """Ukrenergo reported damage to three 330 kV substations overnight. It warned of outages.

Officials said repairs would take weeks. Crews are on site.

Insurers still refuse cover for the eastern route.
"""
PASSAGES = ("three 330 kV substations", "repairs would take weeks", "eastern route")
TRAVERSAL = "/../../../victim/README"


@pytest.fixture
def briefing(tmp_path):
    path = tmp_path / "briefings" / "grid.txt"
    path.parent.mkdir()
    path.write_text(BRIEFING, encoding="utf-8")
    return load(path)


@pytest.fixture
def open_store(tmp_path):
    stores = []

    def opener(name):
        store = NotesStore.open(tmp_path / name)
        stores.append(store)
        return store

    yield opener
    for store in stores:
        store.close()


def add_note(store, briefing, passage, text, note_id, briefing_id=None):
    start = briefing.body.index(passage)
    return store.add(
        Note(
            id=note_id,
            briefing_id=briefing_id or briefing.id,
            briefing_path=str(briefing.path),
            briefing_title=briefing.title,
            target=Target.from_span(briefing.body, start, start + len(passage)),
            text=text,
        )
    )


@pytest.fixture
def exported(open_store, briefing, tmp_path):
    """A store with three notes, and their export file."""
    store = open_store("notes.json")
    for number, passage in enumerate(PASSAGES):
        add_note(store, briefing, passage, f"Note {number}.", f"{number:010x}")
    (path,) = export_notes(store, tmp_path / "out")
    return store, path


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# ---------------------------------------------------------------- ids and paths


def test_an_import_refuses_a_briefing_id_that_is_a_path(exported, open_store, tmp_path):
    store, path = exported
    text = path.read_text(encoding="utf-8")
    crafted = text.replace(f'"id":"{store.all_notes()[0].briefing_id}"', f'"id":"{TRAVERSAL}"', 1)
    crafted = re.sub(r"(?m)^briefing_id: .*$", "briefing_id: " + '"' + TRAVERSAL + '"', crafted)
    path.write_text(crafted, encoding="utf-8")
    fresh = open_store("fresh.json")
    report = import_exports(fresh, [path])
    assert fresh.all_notes() == []
    (problem,) = report.problems
    assert problem.startswith(f"{path}: line {line_of(crafted, 'briefing_id:')}: briefing_id ")
    assert "is not a briefing id" in problem


def test_an_export_of_a_stored_path_like_briefing_id_writes_only_inside_its_folder(
    open_store, briefing, tmp_path
):
    store = open_store("notes.json")
    add_note(store, briefing, PASSAGES[0], "Planted.", "00000000ff", briefing_id=TRAVERSAL)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "README.md").write_text("the user's readme\n", encoding="utf-8")
    out = tmp_path / "export" / "deep" / "er"
    out.mkdir(parents=True)
    for force in (False, True):
        (written,) = export_notes(store, out, force=force)
        assert written.parent == out and written.name.endswith(".md")
    assert (victim / "README.md").read_text(encoding="utf-8") == "the user's readme\n"
    assert files_under(tmp_path / "export") == ["deep", "deep/er", f"deep/er/{written.name}"]


def test_an_export_never_writes_through_a_link_out_of_its_folder(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    add_note(store, briefing, PASSAGES[0], "Same node.", "00000000aa")
    (first,) = export_notes(store, tmp_path / "out")
    elsewhere = tmp_path / "dotfiles.md"
    elsewhere.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")  # even a briefer file
    first.unlink()
    first.symlink_to(elsewhere)
    before = elsewhere.read_text(encoding="utf-8")
    with pytest.raises(ExportError, match="leads outside"):
        export_notes(store, tmp_path / "out", force=True)
    assert elsewhere.read_text(encoding="utf-8") == before


def test_an_export_into_a_missing_folder_is_refused_naming_it(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    add_note(store, briefing, PASSAGES[0], "Same node.", "00000000aa")
    missing = tmp_path / "nonexistent" / "dir"
    with pytest.raises(ExportError, match=f"^{re.escape(str(missing))}: no such folder$"):
        export_notes(store, missing / "x.md")
    with pytest.raises(ExportError, match=f"^{re.escape(str(missing.parent))}: no such folder$"):
        export_notes(store, missing, fmt="json")
    assert not missing.parent.exists()
    (written,) = export_notes(store, tmp_path / "new")  # the named folder itself is made
    assert written.parent == tmp_path / "new"


def test_briefer_export_to_a_file_in_a_missing_folder_says_so_in_one_line(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    add_note(store, briefing, PASSAGES[0], "Same node.", "00000000aa")
    store.close()
    missing = tmp_path / "nonexistent" / "dir"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefer",
            "export",
            "--notes",
            tmp_path / "notes.json",
            "-o",
            missing / "x.md",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data")),
    )
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr == f"briefer: error: {missing}: no such folder\n"
    assert not missing.parent.exists()


# ---------------------------------------------------------------- damaged exports


def damage_by_deleting_a_data_line(text):
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("<!-- briefer:note"))
    return "\n".join(lines[:first] + lines[first + 1 :]), line_of(text, "^n-0000000000")


def damage_by_cutting_a_comment_end(text):
    first = text.index("<!-- briefer:note")
    end = text.index(" -->", first)
    return text[:end] + text[end + 4 :], line_of(text, "<!-- briefer:note")


def damage_by_deleting_a_passage(text):
    passage = "> repairs would take weeks ^n-0000000001\n"
    assert passage in text
    damaged = text.replace(passage, "")
    return damaged, line_of(damaged, '<!-- briefer:note {"id":"0000000001"')


def damage_by_truncating_in_half(text):
    half = text[: len(text) // 2]
    return half, half.count("\n") + 1


def damage_by_truncating_after_a_note(text):
    cut = text[: text.index("\n", text.index('<!-- briefer:note {"id":"0000000001"')) + 1]
    return cut, cut.count("\n") + 1


@pytest.mark.parametrize(
    "damage",
    [
        damage_by_deleting_a_data_line,
        damage_by_cutting_a_comment_end,
        damage_by_deleting_a_passage,
        damage_by_truncating_in_half,
        damage_by_truncating_after_a_note,
    ],
)
def test_a_damaged_export_changes_nothing_and_says_which_line(exported, damage, open_store):
    store, path = exported
    before = {n.id: n for n in store.all_notes()}
    text = path.read_text(encoding="utf-8").replace("Note 2.", "Edited in the file.")
    damaged, line = damage(text)
    path.write_text(damaged, encoding="utf-8")
    report = import_exports(store, [path])
    assert {n.id: n for n in store.all_notes()} == before
    assert (report.files, report.added, report.updated) == (0, 0, 0)
    (problem,) = report.problems
    assert problem.startswith(f"{path}: line {line}: ") and problem.endswith(
        "nothing imported from this file"
    )
    fresh = open_store("fresh.json")
    import_exports(fresh, [path])
    assert fresh.all_notes() == []


def test_other_files_still_import_when_one_is_damaged(exported, open_store, briefing, tmp_path):
    _, path = exported
    other_store = open_store("other.json")
    add_note(other_store, briefing, PASSAGES[0], "From elsewhere.", "00000000ee")
    (other,) = export_notes(other_store, tmp_path / "other")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    fresh = open_store("fresh.json")
    report = import_exports(fresh, [path, other])
    assert [n.id for n in fresh.all_notes()] == ["00000000ee"]
    assert report.files == 1 and len(report.problems) == 1


def test_an_export_without_a_notes_count_still_imports(exported, open_store):
    _, path = exported
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^notes: 3\n", "", text, count=1), encoding="utf-8")
    report = import_exports(open_store("fresh.json"), [path])
    assert (report.added, report.problems) == (3, [])


def test_re_export_does_not_overwrite_a_damaged_file(exported):
    store, path = exported
    damaged, line = damage_by_deleting_a_data_line(path.read_text(encoding="utf-8"))
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(ExportError, match=f"line {line}: .*use --force"):
        export_notes(store, path.parent)
    assert path.read_text(encoding="utf-8") == damaged


# ---------------------------------------------------------------- hand-written notes


def write_by_hand(path, addition):
    text = path.read_text(encoding="utf-8")
    at = text.index("## My notes")
    path.write_text(text[:at] + addition + "\n" + text[at:], encoding="utf-8")
    return line_of(path.read_text(encoding="utf-8"), addition.split("\n")[0])


def test_a_note_written_by_hand_is_imported_once(exported, briefing):
    store, path = exported
    write_by_hand(path, "> Insurers still refuse\n> cover\n\nWorth watching.\n\n#insurance")
    report = import_exports(store, [path])
    assert (report.added, report.problems) == (1, [])
    (new,) = [n for n in store.all_notes() if n.text == "Worth watching."]
    assert new.target.exact == "Insurers still refuse cover" and new.tags == ["insurance"]
    assert briefing.body[new.target.start : new.target.end] == new.target.exact
    again = import_exports(store, [path])
    assert again.added == 0 and len(store.all_notes()) == 4


def test_a_note_written_by_hand_whose_quote_is_not_in_the_briefing_is_reported(exported):
    store, path = exported
    line = write_by_hand(path, "> Nothing like this was said\n\nMy guess.")
    report = import_exports(store, [path])
    assert report.added == 0 and len(store.all_notes()) == 3
    (problem,) = report.problems
    assert problem.startswith(f"{path}: line {line}: the note written here is not imported")
    assert "not in the briefing" in problem


def test_re_export_keeps_notes_written_by_hand_until_they_are_imported(exported):
    store, path = exported
    write_by_hand(path, "> eastern route\n\nWatch it.")
    with pytest.raises(ExportError, match="1 note written in this file not imported yet"):
        export_notes(store, path.parent)
    import_exports(store, [path])
    export_notes(store, path.parent)
    text = path.read_text(encoding="utf-8")
    assert text.count("Watch it.") == 1 and "> eastern route ^n-" in text
