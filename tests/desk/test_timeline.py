"""TIMELINE, AGENDA and PLACES on the fixture archive, against its fixed reference day."""

import datetime as dt

import pytest

from briefer.desk import Period, PeriodError, agenda, places, timeline
from briefer.notes.model import Note, Target
from tests.desk.archive import TODAY

MONTH = Period.last_days(30, TODAY)


def test_the_timeline_is_in_date_order_with_each_sentence(archive):
    index, folder = archive
    items = timeline(index, [folder], MONTH)
    assert [item.day for item in items] == sorted(item.day for item in items)
    summit = [item for item in items if item.value == "2026-03-20"]
    assert sorted(item.path.name for item in summit) == [
        "01-kyiv-talks.md",
        "02-zelenskiy-energy.md",
        "03-zelenskyy-geneva.md",
        "08-driscoll-visit.md",
    ]
    first = next(item for item in summit if item.path.name == "01-kyiv-talks.md")
    assert first.sentence == "Both sides said the leaders would meet again at a summit in Geneva on March 20."
    assert first.text == "March 20" and first.briefing_day == "2026-03-02"
    # Durations and "next week"-like references that are no point in time are left out;
    # the January briefing is outside the period.
    assert all(item.day and item.path.name != "11-old-news.md" for item in items)


def test_the_timeline_filters_by_actor_place_and_tag(archive):
    index, folder = archive
    maria = timeline(index, [folder], MONTH, who="Maria Lopez")
    assert {item.path.name for item in maria} == {"04-maria-lopez-health.md", "06-lopez-minister.md"}
    every_lopez = timeline(index, [folder], MONTH, who="Lopez")  # a surname: each person bearing it
    assert {item.path.name for item in every_lopez} == {
        "04-maria-lopez-health.md",
        "05-carlos-lopez-strike.md",
        "06-lopez-minister.md",
        "07-lopez-port.md",
        "13-lopez-unknown.md",
    }
    assert {item.path.name for item in timeline(index, [folder], MONTH, where="Madrid")} == {
        "04-maria-lopez-health.md",
        "06-lopez-minister.md",
    }
    assert timeline(index, [folder], MONTH, who="Nobody Known") == []


def test_the_timeline_filters_by_a_notes_tag(archive):
    index, folder = archive
    energy = next(
        item for item in timeline(index, [folder], MONTH) if item.path.name == "02-zelenskiy-energy.md"
    )
    target = Target(exact="Zelenskiy", prefix="", suffix="", start=10, end=19)
    index.sync_notes(
        [
            Note(
                id="t1",
                briefing_id=energy.briefing_id,
                briefing_path="",
                briefing_title="",
                target=target,
                tags=["energy/winter"],
            )
        ]
    )
    try:
        tagged = timeline(index, [folder], MONTH, tag="#energy")
        assert {item.path.name for item in tagged} == {"02-zelenskiy-energy.md"}
        assert timeline(index, [folder], MONTH, tag="energy", who="Maria Lopez") == []
    finally:
        index.sync_notes([])


def test_the_agenda_holds_what_resolves_after_today_by_date_and_event(archive):
    index, folder = archive
    coming = agenda(index, [folder], today=TODAY)
    assert [(item.day, item.event, item.briefings) for item in coming] == [
        ("2026-03-20", "summit", 4),
        ("2026-04-01", "budget", 1),  # "the budget would be debated again next month"
        ("2026-04-02", "vote", 1),
        ("2026-05-01", "trial", 1),
    ]
    summit = coming[0]
    assert [item.briefing_day for item in summit.items] == [
        "2026-03-12",
        "2026-03-09",
        "2026-03-04",
        "2026-03-02",
    ]


def test_the_agenda_moves_with_today(archive):
    index, folder = archive
    later = agenda(index, [folder], today=dt.date(2026, 3, 25))
    assert [item.event for item in later] == ["budget", "vote", "trial"]
    # Seen from the last day of February, the hearing of March 1 was still to come.
    february = agenda(index, [folder], today=dt.date(2026, 2, 28), period=MONTH)
    assert ("2026-03-01", "hearing") in {(item.day, item.event) for item in february}


def test_places_count_their_briefings(archive):
    index, folder = archive
    found = {place.key: place for place in places(index, [folder], MONTH)}
    geneva = found["place:geneva"]
    assert geneva.briefings == 4 and places(index, [folder], MONTH)[0] == geneva
    assert [item.day for item in geneva.appearances] == [
        "2026-03-12",
        "2026-03-09",
        "2026-03-04",
        "2026-03-02",
    ]
    assert "place:odesa" not in found  # named only in January


@pytest.mark.parametrize(
    ("since", "until", "first", "last"),
    [
        (None, None, "2026-03-08", "2026-03-14"),
        ("yesterday", None, "2026-03-13", "2026-03-14"),
        ("today", "today", "2026-03-14", "2026-03-14"),
        ("30d", None, "2026-02-13", "2026-03-14"),
        ("2026-03-01", "2026-03-10", "2026-03-01", "2026-03-10"),
        (None, "2026-03-10", "2026-03-04", "2026-03-10"),
        ("3d", "2026-03-10", "2026-03-08", "2026-03-10"),  # days counted back from the last
    ],
)
def test_a_period_is_read_as_the_user_writes_it(since, until, first, last):
    period = Period.parse(since, until, today=TODAY)
    assert (period.first.isoformat(), period.last.isoformat()) == (first, last)


@pytest.mark.parametrize(
    ("since", "until"), [("last week", None), ("2026-02-30", None), ("2026-03-10", "2026-03-01")]
)
def test_a_period_it_cannot_read_is_one_line(since, until):
    with pytest.raises(PeriodError) as raised:
        Period.parse(since, until, today=TODAY)
    assert "\n" not in str(raised.value)


def test_a_period_widens_and_narrows_on_its_last_day():
    week = Period.last_days(7, TODAY)
    assert week.widened().days == 14 and week.widened().last == TODAY
    assert week.narrowed().days == 3 and Period.last_days(1, TODAY).narrowed().days == 1
