"""`import_exports`: restoring notes from export files into a store."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.briefing import load
from briefer.notes.exporting import ExportError, export_notes
from briefer.notes.importing import import_exports
from briefer.notes.model import Note, Target
from briefer.notes.store import NotesStore

BRIEFING = """Ukrenergo reported damage to three 330 kV substations overnight. It warned of outages.

Officials said repairs would take *weeks*. Crews are on site: <b>#1</b> priority.
"""


@pytest.fixture
def briefing(tmp_path):
    path = tmp_path / "grid.txt"
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


def add_note(store, briefing, passage, text="", tags=(), note_id=None, **fields):
    start = briefing.body.index(passage)
    return store.add(
        Note(
            id=note_id or f"{start:010x}",
            briefing_id=briefing.id,
            briefing_path=str(briefing.path),
            briefing_title=briefing.title,
            target=Target.from_span(briefing.body, start, start + len(passage)),
            text=text,
            tags=list(tags),
            **fields,
        )
    )


def by_id(store):
    return {n.id: n for n in store.all_notes()}


def test_export_then_import_into_a_fresh_store_restores_every_note(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    add_note(
        store,
        briefing,
        "three 330 kV substations",
        "Same node *twice*.\n\n> not a quote",
        ["energy", "key judgement"],
    )
    add_note(store, briefing, "Crews are on site: <b>#1</b> priority.", "", ["crews"], kind="highlight")
    add_note(store, briefing, "repairs would take *weeks*", "--> <!-- `x`", [], anchor="changed")
    export_notes(store, tmp_path / "out")
    fresh = open_store("fresh.json")
    report = import_exports(fresh, [tmp_path / "out"])
    assert (report.files, report.added, report.updated, report.unchanged) == (1, 3, 0, 0)
    assert by_id(fresh) == by_id(store)


def test_importing_twice_creates_no_duplicates(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    add_note(store, briefing, "three 330 kV substations", "Same node.")
    (path,) = export_notes(store, tmp_path / "out")
    fresh = open_store("fresh.json")
    import_exports(fresh, [path])
    report = import_exports(fresh, [path, tmp_path / "out"])
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)
    assert len(fresh.all_notes()) == 1


def test_note_and_tags_edited_in_the_file_win_over_the_store(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    note = add_note(store, briefing, "three 330 kV substations", "Same node.", ["energy"])
    (path,) = export_notes(store, tmp_path / "out")
    note.text = "Changed in briefer after the export."
    store.update(note)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("\nSame node.\n", "\nEdited in Obsidian.\n").replace("#energy", "#energy #grid"),
        encoding="utf-8",
    )
    report = import_exports(store, [path])
    assert report.updated == 1
    (restored,) = store.all_notes()
    assert restored.text == "Edited in Obsidian." and restored.tags == ["energy", "grid"]
    assert restored.target == note.target
    assert import_exports(store, [path]).unchanged == 1


def test_an_unedited_export_does_not_undo_newer_edits_in_the_store(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    note = add_note(
        store,
        briefing,
        "three 330 kV substations",
        "Same node.",
        ["energy"],
        created="2026-07-01T00:00:00+00:00",
        updated="2026-07-01T00:00:00+00:00",
    )
    (path,) = export_notes(store, tmp_path / "out")
    note.text = "Newer text."
    note.tags = ["energy", "later"]
    store.update(note)
    assert import_exports(store, [path]).unchanged == 1
    (kept,) = store.all_notes()
    assert kept.text == "Newer text." and kept.tags == ["energy", "later"]


def test_notes_whose_briefing_is_missing_come_back_as_orphans_with_their_passage(
    open_store, briefing, tmp_path
):
    store = open_store("notes.json")
    note = add_note(store, briefing, "three 330 kV substations", "Same node.")
    (path,) = export_notes(store, tmp_path / "out")
    briefing.path.unlink()
    fresh = open_store("fresh.json")
    import_exports(fresh, [path])
    (restored,) = fresh.all_notes()
    assert restored.anchor == "orphan"
    assert restored.target == note.target and restored.text == "Same node."


def test_a_file_that_is_not_an_export_is_refused_with_one_line(open_store, tmp_path):
    mine = tmp_path / "mine.md"
    mine.write_text("# My notes\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"mine.md: not a briefer export"):
        import_exports(open_store("notes.json"), [mine])
    with pytest.raises(ExportError, match="no such file"):
        import_exports(open_store("notes.json"), [tmp_path / "absent.md"])


def test_a_folder_import_skips_other_markdown_files(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    add_note(store, briefing, "three 330 kV substations", "Same node.")
    export_notes(store, tmp_path / "out")
    (tmp_path / "out" / "mine.md").write_text("# Mine\n", encoding="utf-8")
    report = import_exports(open_store("fresh.json"), [tmp_path / "out"])
    assert report.files == 1 and report.added == 1


def test_damaged_note_data_stops_that_file_with_its_line(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    add_note(store, briefing, "three 330 kV substations", "first")
    add_note(store, briefing, "Crews are on site", "second")
    (path,) = export_notes(store, tmp_path / "out")
    text = path.read_text(encoding="utf-8")
    broken = text.replace('<!-- briefer:note {"id":', '<!-- briefer:note {"id" oops:', 1)
    path.write_text(broken, encoding="utf-8")
    fresh = open_store("fresh.json")
    report = import_exports(fresh, [path])
    assert fresh.all_notes() == [] and report.files == 0
    (problem,) = report.problems
    assert problem.startswith(f"{path}: line {line_of(broken, 'oops')}: unreadable note data")


def test_a_note_id_that_is_not_briefers_stops_that_file(open_store, briefing, tmp_path):
    store = open_store("notes.json")
    add_note(store, briefing, "three 330 kV substations", "first", note_id="00000000aa")
    add_note(store, briefing, "Crews are on site", "second", note_id="00000000bb")
    (path,) = export_notes(store, tmp_path / "out")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('{"id":"00000000aa"', '{"id":"first one!"'), encoding="utf-8")
    fresh = open_store("fresh.json")
    report = import_exports(fresh, [path])
    assert fresh.all_notes() == []
    assert "'first one!' is not a note id; nothing imported from this file" in report.problems[0]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.text(),
            st.lists(st.text(max_size=15).filter(str.strip), max_size=3),
            st.sampled_from(["note", "highlight"]),
            st.integers(0, 80),
            st.integers(0, 40),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_notes_survive_export_and_import_into_an_empty_store(specs):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / "grid.txt"
        path.write_text(BRIEFING, encoding="utf-8")
        briefing = load(path)
        store, fresh = NotesStore.open(folder / "notes.json"), NotesStore.open(folder / "fresh.json")
        try:
            for number, (text, tags, kind, start, length) in enumerate(specs):
                store.add(
                    Note(
                        id=f"{number:010x}",
                        briefing_id=briefing.id,
                        briefing_path=str(path),
                        briefing_title=briefing.title,
                        target=Target.from_span(briefing.body, start, start + length),
                        kind=kind,
                        text=text,
                        tags=tags,
                    )
                )
            export_notes(store, folder / "out")
            import_exports(fresh, [folder / "out"])
            assert by_id(fresh) == by_id(store)
        finally:
            store.close()
            fresh.close()
