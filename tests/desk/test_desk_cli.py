"""`briefer actors | timeline | agenda` on the fixture archive, as a script would run them."""

import json

import pytest

from briefer.cli import main
from tests.desk.archive import write_archive

MONTH = ["--since", "2026-02-13", "--until", "2026-03-14"]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("BRIEFER_CONFIG", str(tmp_path / "config.toml"))
    return write_archive(tmp_path / "briefings")


def test_actors_indexes_analyses_and_lists_the_most_named_first(folder, capsys):
    assert main(["actors", *MONTH, str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Actors, 2026-02-13 to 2026-03-14: 9"
    assert (
        out[1].split()[0] == "3" and "Volodymyr Zelensky (person), Ukrainian President (2026-03-09)" in out[1]
    )
    assert '"Every system we receive saves lives in our cities"' in out[1]
    assert any("Maria Lopez" in line for line in out) and any("Carlos Lopez" in line for line in out)


def test_actors_json_for_scripts(folder, capsys):
    assert main(["actors", "--json", *MONTH, str(folder)]) == 0
    found = json.loads(capsys.readouterr().out)
    zelensky = found[0]
    assert zelensky["key"] == "person:volodymyr zelensky" and zelensky["briefings"] == 3
    assert zelensky["roles"][0] == {"text": "Ukrainian President", "day": "2026-03-09"}
    assert zelensky["latest_quote"]["path"].endswith("02-zelenskiy-energy.md")
    assert len(zelensky["per_day"]) == 30 and "forms" not in zelensky


def test_timeline_for_one_actor(folder, capsys):
    assert main(["timeline", *MONTH, "--who", "Driscoll", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Timeline, briefings of 2026-02-13 to 2026-03-14: 4"
    assert out[1].startswith("2026-03-02  Monday: Ukrainian President Volodymyr Zelensky met")
    assert "Zelensky meets Driscoll in Kyiv, 2026-03-02" in out[2]
    assert main(["timeline", "--json", *MONTH, "--who", "Driscoll", str(folder)]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [item["value"] for item in items] == ["2026-03-02", "2026-03-12", "2026-03-20", "2026-03-20"]


def test_agenda_by_day_and_event(folder, capsys):
    assert main(["agenda", "--today", "2026-03-14", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "Agenda after 2026-03-14: 4",
        "2026-03-20",
        "  summit (2026-03-20, 4 briefings): Driscoll said he would brief Zelensky before the Geneva summit on March 20.",
    ]
    assert main(["agenda", "--json", "--today", "2026-03-14", str(folder)]) == 0
    assert [item["event"] for item in json.loads(capsys.readouterr().out)] == [
        "summit",
        "budget",
        "vote",
        "trial",
    ]


@pytest.mark.parametrize("argv", [["actors", "--since", "someday"], ["agenda", "--today", "2026-02-30"]])
def test_a_day_it_cannot_read_is_one_line_and_status_2(folder, capsys, argv):
    assert main([*argv, str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefer: error: not a day:") and err.count("\n") == 1


def test_names_from_a_briefing_cannot_drive_the_terminal(folder, capsys):
    (folder / "hostile.md").write_text(
        "---\ntitle: Evil\x1b[2J title\ndate: 2026-03-14\n---\n"
        'US envoy John Smith\x1b]0;owned\x07 met President Maria Lopez on Monday, 16 March. "This is a test of escapes," Smith said.\n',
        encoding="utf-8",
    )
    for command in (["actors", *MONTH], ["timeline", *MONTH], ["agenda", "--today", "2026-03-14"]):
        assert main([*command, str(folder)]) == 0
        assert "\x1b" not in capsys.readouterr().out


def test_actors_and_timeline_follow_the_users_decisions(folder, tmp_path, capsys):
    from briefer.desk import DECISIONS_TABLE, Merge, Split, decision_item
    from briefer.notes.store import NotesStore

    notes = tmp_path / "notes.json"
    store = NotesStore.open(notes)
    for decision, made in (
        (Split("person:volodymyr zelensky", ("Zelenskiy",)), "2026-03-14T09:00:00"),
        (Merge(("person:maria lopez", "person:carlos lopez")), "2026-03-14T10:00:00"),
    ):
        store.put_desk_item(DECISIONS_TABLE, *decision_item(decision, made))
    store.close()
    assert main(["actors", "--json", "--notes", str(notes), *MONTH, str(folder)]) == 0
    found = {actor["key"]: actor["briefings"] for actor in json.loads(capsys.readouterr().out)}
    assert found["person:volodymyr zelensky"] == 2 and found["person:zelenskiy"] == 1
    assert found["person:maria lopez"] == 4 and "person:carlos lopez" not in found
    assert (
        main(["timeline", "--json", "--notes", str(notes), "--who", "Maria Lopez", *MONTH, str(folder)]) == 0
    )
    paths = {item["path"].rsplit("/", 1)[1] for item in json.loads(capsys.readouterr().out)}
    assert "05-carlos-lopez-strike.md" in paths
