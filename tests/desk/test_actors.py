"""ACTORS on the fixture archive (tests/desk/archive.py): its known answers on who is who."""

import datetime as dt

from briefer.desk.actors import actor_page, actors
from briefer.desk.decisions import Merge, Split, decision_item, decisions_from
from briefer.desk.period import Period
from briefer.notes.model import Note, Target
from tests.desk.archive import BRIEFINGS, TODAY

MONTH = Period.last_days(30, TODAY)


def by_key(found):
    return {actor.key: actor for actor in found}


def names_of(page):
    return sorted(appearance.path.name for appearance in page.briefings)


def test_one_person_under_three_spellings(archive):
    index, folder = archive
    found = by_key(actors(index, [folder], MONTH))
    zelensky = found["person:volodymyr zelensky"]
    assert zelensky.name == "Volodymyr Zelensky"
    assert zelensky.kind == "person"
    assert zelensky.briefings == 3
    assert {"Zelenskiy", "Volodymyr Zelenskyy", "Zelensky"} <= set(zelensky.aliases)
    assert not [key for key in found if "zelensk" in key and key != zelensky.key]


def test_roles_latest_first_with_their_days_and_the_latest_quote(archive):
    index, folder = archive
    zelensky = by_key(actors(index, [folder], MONTH))["person:volodymyr zelensky"]
    assert [(role.text, role.day) for role in zelensky.roles] == [
        ("Ukrainian President", "2026-03-09"),
        ("President", "2026-03-04"),
    ]
    assert zelensky.latest_quote is not None
    assert zelensky.latest_quote.text == "Every system we receive saves lives in our cities"
    assert zelensky.latest_quote.path.name == "02-zelenskiy-energy.md"


def test_mentions_per_day_fall_on_the_briefings_days(archive):
    index, folder = archive
    zelensky = by_key(actors(index, [folder], MONTH))["person:volodymyr zelensky"]
    assert len(zelensky.per_day) == 30
    busy = {str(MONTH.first + dt.timedelta(days=day)) for day, count in enumerate(zelensky.per_day) if count}
    assert busy == {"2026-03-02", "2026-03-04", "2026-03-09"}


def test_a_short_given_name_is_the_same_person(archive):
    index, folder = archive
    found = by_key(actors(index, [folder], MONTH))
    driscoll = found["person:daniel driscoll"]
    assert driscoll.briefings == 2
    assert "Dan Driscoll" in driscoll.aliases
    assert "person:dan driscoll" not in found


def test_namesakes_are_kept_apart_by_role_and_companions(archive):
    index, folder = archive
    found = by_key(actors(index, [folder], MONTH))
    maria = actor_page(index, [folder], MONTH, "person:maria lopez")
    carlos = actor_page(index, [folder], MONTH, "person:carlos lopez")
    assert names_of(maria) == ["04-maria-lopez-health.md", "06-lopez-minister.md"]  # "Health minister Lopez"
    assert names_of(carlos) == [
        "05-carlos-lopez-strike.md",
        "07-lopez-port.md",
    ]  # the port authority he fights
    # "Mr Lopez declined to comment": nothing tells which; neither gets him.
    assert names_of(actor_page(index, [folder], MONTH, "person:lopez")) == ["13-lopez-unknown.md"]
    assert found["person:maria lopez"].latest_quote.text == "This plan will save lives"


def test_an_acronym_is_the_same_organisation(archive):
    index, folder = archive
    found = by_key(actors(index, [folder], MONTH))
    agency = found["organization:international atomic energy agency"]
    assert agency.briefings == 2 and agency.aliases == ("IAEA",)
    assert "organization:iaea" not in found


def test_actors_rank_by_briefings_and_keep_to_the_period(archive):
    index, folder = archive
    found = actors(index, [folder], MONTH)
    assert found[0].key == "person:volodymyr zelensky"
    assert [actor.briefings for actor in found] == sorted((actor.briefings for actor in found), reverse=True)
    since_january = by_key(actors(index, [folder], Period.parse("2026-01-01", "2026-03-14")))
    assert since_january["person:volodymyr zelensky"].briefings == 4  # the January briefing too
    assert actors(index, [folder], Period.parse("2025-01-01", "2025-12-31")) == []


def test_the_page_opens_the_reader_at_a_mention(archive):
    index, folder = archive
    page = actor_page(index, [folder], MONTH, "person:volodymyr zelensky")
    assert [item.day for item in page.briefings] == ["2026-03-09", "2026-03-04", "2026-03-02"]
    for item in page.briefings:
        body = BRIEFINGS[item.path.name].split("---\n", 2)[2]
        assert body[item.start : item.end].lower().startswith(("volodymyr", "zelensk"))
    assert [quote.text for quote in page.quotes] == [
        "Every system we receive saves lives in our cities",
        "We are ready for honest and prompt work",
    ]
    quote = page.quotes[-1]
    body = BRIEFINGS[quote.path.name].split("---\n", 2)[2]
    assert body[quote.start : quote.end] == quote.text


def note(note_id, path, briefing_id, text, exact, start, created):
    return Note(
        id=note_id,
        briefing_id=briefing_id,
        briefing_path=str(path),
        briefing_title="",
        target=Target(exact=exact, prefix="", suffix="", start=start, end=start + len(exact)),
        text=text,
        tags=["watch"],
        created=created,
    )


def test_the_page_lists_the_notes_naming_them_or_holding_a_mention(archive):
    index, folder = archive
    driscoll = actor_page(index, [folder], MONTH, "person:daniel driscoll")
    visit = driscoll.briefings[0]
    notes = [
        note(
            "n1",
            visit.path,
            visit.briefing_id,
            "arrival noted",
            "US Army Secretary Dan Driscoll arrived",
            0,
            "2026-03-12",
        ),
        note("n2", visit.path, "other", "Driscoll again?", "something else", 5, "2026-03-13"),
        note(
            "n3",
            visit.path,
            visit.briefing_id,
            "about the weather",
            "for talks on air defence",
            60,
            "2026-03-14",
        ),
    ]
    page = actor_page(index, [folder], MONTH, "person:daniel driscoll", notes=notes)
    assert [mention.note_id for mention in page.notes] == ["n2", "n1"]  # newest first
    assert page.notes[1].start == 0 and page.notes[1].path == visit.path


def test_a_user_merge_makes_one_actor_under_the_first_key(archive):
    index, folder = archive
    merged = by_key(actors(index, [folder], MONTH, [Merge(("person:maria lopez", "person:carlos lopez"))]))
    assert "person:carlos lopez" not in merged
    assert merged["person:maria lopez"].briefings == 4


def test_a_user_split_takes_a_spelling_out_and_keeps_the_key(archive):
    index, folder = archive
    # The stored key may be an older spelling: any of the actor's names finds it.
    split = by_key(actors(index, [folder], MONTH, [Split("person:volodymyr zelenskyy", ("ZELENSKIY",))]))
    assert split["person:zelenskiy"].briefings == 1
    assert split["person:volodymyr zelensky"].briefings == 2
    page = actor_page(
        index, [folder], MONTH, "person:zelenskiy", [Split("person:volodymyr zelensky", ("Zelenskiy",))]
    )
    assert names_of(page) == ["02-zelenskiy-energy.md"]


def test_decisions_round_trip_through_store_data_in_the_order_made():
    split = Split("person:volodymyr zelensky", ("Zelenskiy",))
    merge = Merge(("person:maria lopez", "person:carlos lopez"))
    table = dict([decision_item(merge, "2026-03-14T10:00:00"), decision_item(split, "2026-03-13T09:00:00")])
    table["junk"] = {"action": "merge", "keys": "not a list"}
    assert decisions_from(table) == [split, merge]


def test_a_briefing_holding_the_actor_twice_is_listed_once_at_its_first_mention(archive):
    """The extractor may give one person two records in a briefing (a lone surname read as an
    organisation before the full name appears): the page lists the briefing once."""
    index, folder = archive
    before = actor_page(index, [folder], MONTH, "person:volodymyr zelensky")
    first = before.briefings[0]
    (docid,) = index.connection.execute(
        "SELECT docid FROM files WHERE path = ?", (str(first.path),)
    ).fetchone()
    (spans,) = index.connection.execute(
        "SELECT spans FROM entities WHERE docid = ? AND name LIKE '%Zelensk%'", (docid,)
    ).fetchone()
    later = f"[[{first.end + 1}, {first.end + 9}]]"
    index.connection.execute(
        "INSERT INTO entities VALUES (?, 999, 'organization', 'Zelensky', NULL, '[]', ?)", (docid, later)
    )
    assert spans.startswith("[[")  # the same form as the record written here
    page = actor_page(index, [folder], MONTH, "person:volodymyr zelensky")
    assert [item.path for item in page.briefings] == [item.path for item in before.briefings]
    again = page.briefings[0]
    assert (again.start, again.end) == (first.start, first.end)
    assert again.mentions == first.mentions + 1
