"""The digest: one markdown document for a period, the same bytes for the same archive and notes
(a golden file), links that reach the briefings and the notes' export blocks, untrusted text that
cannot turn into markup, and `briefer digest` for scripts."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from briefer import cli, config
from briefer.briefing import load
from briefer.desk import Merge, Period, decision_item
from briefer.desk.decisions import DECISIONS_TABLE
from briefer.desk.digest import write_digest
from briefer.desk.watch import add_watch
from briefer.library import LibraryIndex
from briefer.notes.exporting import export_notes
from briefer.notes.model import Note, Target
from briefer.notes.store import NotesStore
from tests.desk_views import TODAY, indexed_archive

GOLDEN = Path(__file__).parent / "desk_views_golden" / "digest.md"
PERIOD = Period(dt.date(2025, 11, 20), TODAY)


def note_on(path: Path, sentence: str, note_id: str, created: str, text: str, tags: list[str]) -> Note:
    briefing = load(path)
    start = briefing.body.index(sentence)
    return Note(
        note_id,
        briefing.id,
        str(path),
        briefing.title,
        Target.from_span(briefing.body, start, start + len(sentence)),
        text=text,
        tags=tags,
        created=created,
        updated=created,
    )


@pytest.fixture
def desk(tmp_path):
    """The archive indexed, a store with two notes in the period and one before, a watch item."""
    folder = indexed_archive(tmp_path / "briefings")
    store = NotesStore.open(tmp_path / "notes.json")
    store.add(
        note_on(
            folder / "01-peace-plan.md",
            "A summit of European leaders is planned",
            "a1b2c3d4e5",
            "2025-11-21T08:00:00+00:00",
            "Check who attends *besides* the EU.",
            ["summits", "follow-up"],
        )
    )
    store.add(
        note_on(
            folder / "02-energy.md",
            "Our engineers are working day and night",
            "f6a7b8c9d0",
            "2025-11-20T09:30:00+00:00",
            "",
            [],
        )
    )
    store.add(
        note_on(
            folder / "03-reactor.md",
            "The situation remains extremely fragile",
            "0011223344",
            "2025-11-02T10:00:00+00:00",
            "Too early for the digest.",
            ["nuclear"],
        )
    )
    add_watch(store, "Driscoll")
    yield folder, store
    store.close()


def digest_of(folder, store, out: Path | None, period: Period = PERIOD) -> str:
    with LibraryIndex() as index:
        return write_digest(index, store, [folder], period, config.export_dir(), out)


def test_the_digest_is_the_golden_file_byte_for_byte(desk, tmp_path):
    folder, store = desk
    out = tmp_path / "digests" / "morning.md"
    out.parent.mkdir()
    written = digest_of(folder, store, out)
    assert out.read_bytes() == written.encode("utf-8")
    if os.environ.get("BRIEFER_UPDATE_GOLDEN"):
        GOLDEN.write_text(written, encoding="utf-8")
    assert written == GOLDEN.read_text(encoding="utf-8")
    assert digest_of(folder, store, out) == written  # again: the same bytes


def test_links_reach_the_briefings_and_the_notes_export_blocks(desk, tmp_path):
    folder, store = desk
    out = tmp_path / "digests" / "morning.md"
    out.parent.mkdir()
    written = digest_of(folder, store, out)
    exported = export_notes(store)
    import re

    targets = re.findall(r"\]\(([^)]+)\)", written)
    assert targets
    for target in targets:
        relative, _, block = target.partition("#")
        linked = (out.parent / relative).resolve()
        assert linked.is_file(), target
        if block:  # a note's citation: its block id is in the export file it links to
            assert linked in {path.resolve() for path in exported}
            assert f" {block}\n" in linked.read_text(encoding="utf-8")


def test_merged_actors_count_as_one_in_the_digest(desk):
    folder, store = desk
    store.put_desk_item(
        DECISIONS_TABLE,
        *decision_item(
            Merge(("person:daniel driscoll", "person:rafael grossi")), "2025-11-22T00:00:00+00:00"
        ),
    )
    written = digest_of(folder, store, None, Period.last_days(30, TODAY))  # Grossi's briefing is the 18th's
    assert "**Daniel Driscoll** (person, US Army Secretary): 3 briefings" in written
    assert "**Rafael Grossi**" not in written


def test_text_from_files_cannot_become_markup(tmp_path):
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "x.md").write_text(
        '---\ntitle: "[click](http://evil) <script>x</script> # \\e[31mred"\ndate: 2025-11-21\n---\n\nNothing here.\n',
        encoding="utf-8",
    )
    with LibraryIndex() as index:
        index.refresh([folder], analyse=True)
        written = write_digest(index, None, [folder], PERIOD, tmp_path / "export", None)
    line = next(line for line in written.splitlines() if "click" in line)
    # shown as written: no link, no HTML, no heading, and the terminal escape gone
    assert line.startswith("- [\\[click\\](http://evil) \\<script>x\\</script> \\# red](")
    assert "\x1b" not in written


def test_briefer_digest_writes_the_file_and_says_so(desk, tmp_path, capsys, monkeypatch):
    folder, store = desk
    store.close()
    out = tmp_path / "digest.md"
    code = cli.main(
        [
            "digest",
            "--since",
            "2025-11-20",
            "--until",
            "2025-11-22",
            "-o",
            str(out),
            str(folder),
            "--notes",
            str(tmp_path / "notes.json"),
        ]
    )
    assert code == 0
    assert out.read_text(encoding="utf-8").startswith("# Digest: 2025-11-20 to 2025-11-22\n")
    assert f"written to {out}" in capsys.readouterr().err


def test_briefer_digest_prints_to_standard_output_and_refuses_a_bad_day(desk, tmp_path, capsys):
    folder, store = desk
    store.close()
    notes = ["--notes", str(tmp_path / "notes.json")]
    assert cli.main(["digest", "--since", "2025-11-21", "--until", "2025-11-21", str(folder), *notes]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# Digest: 2025-11-21\n") and "## New briefings: 1\n" in printed
    assert cli.main(["digest", "--until", "2025-11-21", str(folder), *notes]) == 0  # since the day before
    assert capsys.readouterr().out.startswith("# Digest: 2025-11-20 to 2025-11-21\n")
    assert cli.main(["digest", "--since", "last tuesday", str(folder), *notes]) == 2
    assert "not a day: 'last tuesday'" in capsys.readouterr().err
