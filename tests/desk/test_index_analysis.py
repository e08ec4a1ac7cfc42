"""The index keeps each analysis for the desk, and forgets it with its file."""

import pytest

from briefer.desk.actors import actors
from briefer.desk.period import Period
from briefer.desk.timeline import timeline
from briefer.library import LibraryIndex
from briefer.library.analysis import first_day
from tests.desk.archive import BRIEFINGS, TODAY

MONTH = Period.last_days(30, TODAY)


@pytest.fixture
def index(tmp_path):
    with LibraryIndex(tmp_path / "index.sqlite3") as opened:
        yield opened


def counts(index):
    return [
        index.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("entities", "quotes", "dates")
    ]


def test_a_briefings_analysis_comes_and_goes_with_its_file(index, tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    path = folder / "talks.md"
    path.write_text(BRIEFINGS["01-kyiv-talks.md"], encoding="utf-8")
    index.refresh([folder], analyse=True)
    assert all(counts(index))
    assert "Daniel Driscoll" in {actor.name for actor in actors(index, [folder], MONTH)}
    assert [result.path for result in index.search("who:Driscoll", [folder])] == [path]  # who: as before
    path.write_text(BRIEFINGS["01-kyiv-talks.md"].replace("Daniel Driscoll", "Kaja Kallas"), encoding="utf-8")
    index.refresh([folder], analyse=True)
    names = {actor.name for actor in actors(index, [folder], MONTH)}
    assert "Kaja Kallas" in names and "Daniel Driscoll" not in names
    path.unlink()
    index.refresh([folder], analyse=True)
    assert counts(index) == [0, 0, 0]
    assert actors(index, [folder], MONTH) == [] and timeline(index, [folder], MONTH) == []


def test_a_briefing_not_analysed_yet_is_not_on_the_desk(index, tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "visit.md").write_text(BRIEFINGS["08-driscoll-visit.md"], encoding="utf-8")
    index.refresh([folder])
    assert actors(index, [folder], MONTH) == []
    index.refresh([folder], analyse=True)
    assert len(actors(index, [folder], MONTH)) == 1


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2026-03-20", "2026-03-20"),
        ("2026-04", "2026-04-01"),
        ("2026", "2026-01-01"),
        ("2026-W11", "2026-03-09"),
        ("2026-Q2", "2026-04-01"),
        ("P1M", None),
        ("FUTURE_REF", None),
        (None, None),
        ("2026-02-30", None),
    ],
)
def test_a_value_orders_by_the_first_day_it_covers(value, day):
    assert first_day(value) == day
