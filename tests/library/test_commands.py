import json

import pytest

from briefer.cli import main
from tests.library.conftest import briefing, write


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("BRIEFER_CONFIG", str(tmp_path / "config.toml"))
    folder = tmp_path / "b"
    write(
        folder / "kyiv.md",
        briefing(
            "Kyiv talks",
            "Ukrainian President Volodymyr Zelensky met Driscoll in Kyiv. The peace plan was discussed.",
        ),
    )
    write(folder / "grain.md", briefing("Grain deal", "Ships left Odesa.", date="2025-10-02"))
    (folder / "bad.md").write_bytes(b"\x00binary")
    return folder


def test_index_says_what_it_found_and_then_that_nothing_changed(folder, capsys):
    assert main(["index", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("3 files: 2 new, 0 changed, 0 renamed, 0 removed, 1 failed, 0 unchanged")
    assert out[1].startswith(f"failed: {folder / 'bad.md'}: ") and "binary" in out[1]
    (folder / "grain.md").rename(folder / "wheat.md")
    assert main(["index", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("3 files: 0 new, 0 changed, 1 renamed, 0 removed, 1 failed, 1 unchanged")
    assert f"renamed: {folder / 'grain.md'} -> {folder / 'wheat.md'}" in out


def test_index_rebuild_reads_everything_again(folder, capsys):
    main(["index", str(folder)])
    capsys.readouterr()
    assert main(["index", "--rebuild", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("3 files: 2 new,")


def test_index_progress_is_plain_lines_when_piped(folder, capsys):
    main(["index", str(folder)])
    err = capsys.readouterr().err
    assert "briefer: indexing: 3/3 files read" in err and "\r" not in err and "\x1b" not in err


def test_search_prints_path_title_date_and_snippet_and_exits_0(folder, capsys):
    assert main(["search", "driscoll", str(folder)]) == 0
    out = capsys.readouterr().out
    assert (
        out
        == f"{folder / 'kyiv.md'}\tKyiv talks · 2025-11-20 · Reuters\n    Ukrainian President Volodymyr Zelensky met Driscoll in Kyiv. The peace plan was discussed.\n"
    )


def test_search_json_lists_objects_with_hits(folder, capsys):
    assert main(["search", "--json", '"peace plan"', str(folder)]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert (result["path"], result["title"], result["hits"]) == (
        str(folder / "kyiv.md"),
        "Kyiv talks",
        [[65, 75]],
    )


def test_search_exits_1_when_nothing_matches_like_grep(folder, capsys):
    assert main(["search", "Moscow", str(folder)]) == 1
    assert capsys.readouterr().out == ""


def test_search_exits_2_with_a_hint_for_a_bad_query(folder, capsys):
    assert main(["search", '"peace plan', str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefer: error: cannot read the query:") and err.count("\n") == 1


def test_search_limit(folder, capsys):
    write(folder / "more.md", briefing("More", "Driscoll again."))
    assert main(["search", "--limit", "1", "driscoll", str(folder)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_search_files_only_prints_paths_like_grep_l(folder, capsys):
    write(folder / "more.md", briefing("More", "Driscoll again."))
    assert main(["search", "-l", "--limit", "0", "driscoll", str(folder)]) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == [str(folder / "kyiv.md"), str(folder / "more.md")]


def test_index_analyse_makes_who_searchable(folder, capsys):
    assert main(["search", "who:Zelensky", str(folder)]) == 1  # not analysed yet
    assert main(["index", "--analyse", str(folder)]) == 0
    assert "files analysed" in capsys.readouterr().err
    assert main(["search", "-l", "who:Zelensky", str(folder)]) == 0
    assert capsys.readouterr().out == f"{folder / 'kyiv.md'}\n"


def test_an_unusable_index_is_one_line_and_exit_2(folder, tmp_path, capsys):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "briefer").write_text("a file where the index folder should be")
    assert main(["index", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefer: error: cannot create the index folder") and err.count("\n") == 1


def test_an_index_failing_mid_way_is_one_line_and_exit_2(folder, capsys, monkeypatch):
    from briefer.library import IndexUnavailable, LibraryIndex

    def full(self, *args, **kwargs):
        raise IndexUnavailable("the library index cannot be used: the disk is full")

    monkeypatch.setattr(LibraryIndex, "refresh", full)
    assert main(["search", "driscoll", str(folder)]) == 2
    assert capsys.readouterr().err == ("briefer: error: the library index cannot be used: the disk is full\n")


def test_search_by_tag_and_note_text_sees_the_notes_saved_since_the_last_search(folder, tmp_path, capsys):
    from briefer.briefing import load
    from briefer.notes.store import NotesStore
    from tests.notes.conftest import make_note

    notes = tmp_path / "notes.json"
    assert main(["--notes", str(notes), "search", "tag:sanctions", str(folder)]) == 1
    capsys.readouterr()
    grain = load(folder / "grain.md")
    with NotesStore.open(notes) as store:
        store.add(
            make_note(grain.id, quote="Ships", body=grain.body, tags=["sanctions"], text="check the insurers")
        )
    assert main(["--notes", str(notes), "search", "-l", "tag:sanctions", str(folder)]) == 0
    assert capsys.readouterr().out == f"{folder / 'grain.md'}\n"
    assert main(["--notes", str(notes), "search", "-l", "note:insurers", str(folder)]) == 0
    assert capsys.readouterr().out == f"{folder / 'grain.md'}\n"
