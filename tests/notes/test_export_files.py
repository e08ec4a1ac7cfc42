"""Writing export files: names, idempotent re-export, the My notes region, no overwrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from briefer.briefing import load
from briefer.notes.exporting import ExportError, export_briefing_notes, export_notes
from briefer.notes.model import Note, Target
from briefer.notes.store import NotesStore

BRIEFING = """---
title: "Grid strikes: overnight summary"
source: Reuters
date: 2026-07-14
---
Ukrenergo reported damage to three 330 kV substations overnight. It warned of outages.

Officials said repairs would take weeks. *Crews* are on site.
"""


@pytest.fixture
def briefing(tmp_path):
    path = tmp_path / "briefings" / "grid.md"
    path.parent.mkdir()
    path.write_text(BRIEFING, encoding="utf-8")
    return load(path)


@pytest.fixture
def store(tmp_path):
    store = NotesStore.open(tmp_path / "notes.json")
    yield store
    store.close()


def add_note(store, briefing, passage, text="", tags=(), note_id=None, **fields):
    start = briefing.body.index(passage)
    note = Note(
        id=note_id or f"{start:010x}",
        briefing_id=briefing.id,
        briefing_path=str(briefing.path),
        briefing_title=briefing.title,
        target=Target.from_span(briefing.body, start, start + len(passage)),
        text=text,
        tags=list(tags),
        **fields,
    )
    return store.add(note)


def test_one_file_per_briefing_with_front_matter_from_the_briefing(store, briefing, tmp_path):
    add_note(store, briefing, "three 330 kV substations", "Same node hit twice.", ["energy", "grid/east"])
    add_note(store, briefing, "*Crews* are on site.", "", ["crews"])
    (path,) = export_notes(store, tmp_path / "out")
    assert path.name == "grid-strikes-overnight-summary-" + briefing.id[:8] + ".md"
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Grid strikes: overnight summary" and meta["source"] == "Reuters"
    assert str(meta["date"]) == "2026-07-14" and meta["briefing"] == str(briefing.path)
    assert meta["briefing_id"] == briefing.id and meta["tags"] == ["crews", "energy", "grid/east"]
    body = text.split("\n---\n", 1)[1]
    assert body.index("> three 330 kV substations ^n-") < body.index("> \\*Crews\\* are on site. ^n-")
    assert "\nSame node hit twice.\n\n#energy #grid/east\n<!-- briefer:note " in body
    assert body.rstrip().endswith(
        "## My notes\n\n<!-- Write below: briefer keeps everything from the My notes heading on when it exports again. -->"
    )


def test_re_export_of_unchanged_notes_is_byte_identical(store, briefing, tmp_path):
    add_note(store, briefing, "three 330 kV substations", "Same node.", ["energy"])
    (path,) = export_notes(store, tmp_path / "out")
    first = path.read_bytes()
    path.touch()
    (again,) = export_notes(store, tmp_path / "out")
    assert again == path and path.read_bytes() == first


def test_a_changed_note_rewrites_the_file_and_its_exported_time(store, briefing, tmp_path):
    note = add_note(store, briefing, "three 330 kV substations", "Same node.", ["energy"])
    (path,) = export_notes(store, tmp_path / "out")
    old = path.read_text(encoding="utf-8").replace("exported: ", "exported: 1999", 1)
    path.write_text(old, encoding="utf-8")  # as if exported long ago
    note.text = "Same node, third time."
    store.update(note)
    export_notes(store, tmp_path / "out")
    new = path.read_text(encoding="utf-8")
    assert "Same node, third time." in new and "exported: 1999" not in new


def test_my_notes_region_survives_re_export(store, briefing, tmp_path):
    note = add_note(store, briefing, "three 330 kV substations", "Same node.")
    (path,) = export_notes(store, tmp_path / "out")
    mine = "## My notes\n\nMy own thinking, with [[links]] and #tags.\n\n## Another heading of mine\n- item\n"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("## My notes")] + mine, encoding="utf-8")
    note.text = "Changed in briefer."
    store.update(note)
    export_notes(store, tmp_path / "out")
    text = path.read_text(encoding="utf-8")
    assert "Changed in briefer." in text and text.endswith(mine)


def test_a_file_briefer_did_not_write_is_not_overwritten_without_force(store, briefing, tmp_path):
    add_note(store, briefing, "three 330 kV substations", "Same node.")
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / ("grid-strikes-overnight-summary-" + briefing.id[:8] + ".md")
    theirs.write_text("# Someone else's file\n", encoding="utf-8")
    with pytest.raises(ExportError, match="not written by briefer; use --force"):
        export_notes(store, out)
    assert theirs.read_text(encoding="utf-8") == "# Someone else's file\n"
    export_notes(store, out, force=True)
    assert "Same node." in theirs.read_text(encoding="utf-8")


def test_nothing_is_written_when_one_target_is_someone_elses(store, briefing, tmp_path):
    add_note(store, briefing, "three 330 kV substations", "Same node.")
    other = Note(
        id="0000000001",
        briefing_id="e" * 64,
        briefing_path=str(tmp_path / "gone.md"),
        briefing_title="Gone",
        target=Target("old passage", "", "", 0, 11),
        text="kept",
    )
    store.add(other)
    out = tmp_path / "out"
    out.mkdir()
    (out / f"gone-{'e' * 8}.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(ExportError):
        export_notes(store, out)
    assert sorted(p.name for p in out.iterdir()) == [f"gone-{'e' * 8}.md"]


def test_single_file_holds_every_briefing(store, briefing, tmp_path):
    add_note(store, briefing, "three 330 kV substations", "Same node.")
    store.add(
        Note(
            id="0000000001",
            briefing_id="e" * 64,
            briefing_path=str(tmp_path / "gone.md"),
            briefing_title="Gone",
            target=Target("old passage", "", "", 0, 11),
            text="kept",
            anchor="orphan",
        )
    )
    (path,) = export_notes(store, tmp_path / "all.md")
    text = path.read_text(encoding="utf-8")
    assert "# Gone\n" in text and "# Grid strikes: overnight summary\n" in text
    assert "## Orphaned notes" in text and "> old passage ^n-0000000001" in text
    (in_folder,) = export_notes(store, tmp_path / "out", single=True)
    assert in_folder == tmp_path / "out" / "briefer-notes.md"


def test_filters_by_tag_and_date(store, briefing, tmp_path):
    add_note(
        store,
        briefing,
        "three 330 kV substations",
        "nested",
        ["grid/east"],
        created="2026-07-01T00:00:00+00:00",
        updated="2026-07-01T00:00:00+00:00",
    )
    add_note(
        store,
        briefing,
        "It warned of outages.",
        "recent",
        ["other"],
        created="2026-08-01T00:00:00+00:00",
        updated="2026-08-01T00:00:00+00:00",
    )
    (path,) = export_notes(store, tmp_path / "a", tags=["grid"])
    assert "nested" in path.read_text(encoding="utf-8") and "recent" not in path.read_text(encoding="utf-8")
    (path,) = export_notes(store, tmp_path / "b", since="2026-07-15")
    assert "recent" in path.read_text(encoding="utf-8") and "nested" not in path.read_text(encoding="utf-8")
    with pytest.raises(ExportError, match="no notes to export"):
        export_notes(store, tmp_path / "c", tags=["absent"])


def test_export_briefing_notes_writes_the_open_briefing_and_returns_the_file(store, briefing, tmp_path):
    add_note(store, briefing, "three 330 kV substations", "Same node.")
    path = export_briefing_notes(store, briefing, tmp_path / "out")
    assert path.parent == tmp_path / "out" and "Same node." in path.read_text(encoding="utf-8")
    assert export_briefing_notes(store, briefing, tmp_path / "out") == path


def test_export_briefing_notes_says_when_there_is_nothing_to_export(store, briefing, tmp_path):
    with pytest.raises(ExportError, match="no notes"):
        export_briefing_notes(store, briefing, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_json_export_is_a_w3c_collection_and_stable(store, briefing, tmp_path):
    add_note(store, briefing, "three 330 kV substations", "Same node.", ["energy"])
    (path,) = export_notes(store, tmp_path / "out", fmt="json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection"
    (item,) = data["first"]["items"]
    assert item["target"]["selector"][0]["exact"] == "three 330 kV substations"
    assert item["target"]["source"] == Path(briefing.path).as_uri()
    first = path.read_bytes()
    export_notes(store, tmp_path / "out", fmt="json")
    assert path.read_bytes() == first
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ExportError, match="not written by briefer"):
        export_notes(store, tmp_path / "out", fmt="json")


def test_re_export_does_not_overwrite_edits_not_yet_imported(store, briefing, tmp_path):
    note = add_note(store, briefing, "three 330 kV substations", "Same node.")
    (path,) = export_notes(store, tmp_path / "out")
    edited = path.read_text(encoding="utf-8").replace("\nSame node.\n", "\nEdited in Obsidian.\n")
    path.write_text(edited, encoding="utf-8")
    note.text = "Changed in briefer too."
    store.update(note)
    with pytest.raises(ExportError, match="1 note edited in this file not imported yet"):
        export_notes(store, tmp_path / "out")
    assert path.read_text(encoding="utf-8") == edited
    export_notes(store, tmp_path / "out", force=True)
    assert "Changed in briefer too." in path.read_text(encoding="utf-8")


def test_re_export_after_importing_the_edits_goes_ahead(store, briefing, tmp_path):
    from briefer.notes.importing import import_exports

    add_note(store, briefing, "three 330 kV substations", "Same node.", ["energy"])
    (path,) = export_notes(store, tmp_path / "out")
    path.write_text(path.read_text(encoding="utf-8").replace("#energy", "#energy #grid"), encoding="utf-8")
    import_exports(store, [path])
    export_notes(store, tmp_path / "out")
    text = path.read_text(encoding="utf-8")
    assert '"tags":["energy","grid"]' in text and "#energy #grid\n" in text


def test_a_briefing_opened_by_a_relative_path_exports_its_absolute_path(
    store, briefing, tmp_path, monkeypatch
):
    add_note(store, briefing, "three 330 kV substations", "Same node.")
    monkeypatch.chdir(tmp_path)
    relative = load("briefings/grid.md")
    path = export_briefing_notes(store, relative, tmp_path / "out")
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["briefing"] == str(tmp_path / "briefings" / "grid.md")
    assert '"briefing_path"' not in text  # the notes' path is the file's: not repeated per note


def test_a_combined_file_is_byte_stable_and_keeps_my_notes(store, briefing, tmp_path):
    note = add_note(store, briefing, "three 330 kV substations", "Same node.")
    (path,) = export_notes(store, tmp_path / "all.md")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## My notes\n", "## My notes\n\nWeekly summary draft.\n"), encoding="utf-8")
    kept = path.read_bytes()
    export_notes(store, tmp_path / "all.md")
    assert path.read_bytes() == kept
    note.text = "Changed."
    store.update(note)
    export_notes(store, tmp_path / "all.md")
    assert "Changed." in path.read_text(encoding="utf-8") and "Weekly summary draft." in path.read_text(
        encoding="utf-8"
    )


def test_metadata_at_hand_is_used_instead_of_loading_the_briefing(store, briefing, tmp_path):
    from briefer.library import scan

    add_note(store, briefing, "three 330 kV substations", "Same node.")
    (entry,) = scan([briefing.path.parent])
    briefing.path.write_text("---\ntitle: Rewritten meanwhile\n---\nOther text.\n", encoding="utf-8")
    (path,) = export_notes(store, tmp_path / "out", briefings={entry.briefing_id: entry})
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["title"] == "Grid strikes: overnight summary" and meta["source"] == "Reuters"


def test_the_reference_date_set_in_the_reader_is_the_exported_date(store, briefing, tmp_path):
    add_note(store, briefing, "three 330 kV substations", "Same node hit twice.")
    store.set_briefing_data(briefing.id, reference_date="2026-07-15")
    (path,) = export_notes(store, tmp_path / "out")
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert str(meta["date"]) == "2026-07-15"
