"""Who is who, on records as the analysing pass stores them (no index needed)."""

import random

from briefer.desk.decisions import named_groups
from briefer.desk.identity import group_records
from briefer.library.analysed import EntityRecord


def person(docid, name, role=None, aliases=(), kind="person"):
    return EntityRecord(docid, kind, name, role, tuple(aliases), 1, (0, len(name)), f"[[0, {len(name)}]]")


def actors_of(records):
    """Each actor as the sorted docids of its records, keyed by its key."""
    groups = named_groups(group_records(records), records)
    return {group.key: sorted(records[number].docid for number in group.members) for group in groups}


def test_an_initial_goes_to_the_one_person_it_can_be_and_to_no_namesake():
    alone = actors_of([person(1, "John Smith"), person(2, "J. Smith")])
    assert alone == {"person:john smith": [1, 2]}
    namesakes = actors_of([person(1, "John Smith"), person(2, "Jane Smith"), person(3, "J. Smith")])
    assert namesakes == {"person:john smith": [1], "person:jane smith": [2], "person:j smith": [3]}


def test_transliterated_given_names_join_but_a_feminine_ending_does_not():
    assert actors_of([person(1, "Sergei Lavrov"), person(2, "Sergey Lavrov")]) == {
        "person:sergei lavrov": [1, 2]
    }
    assert len(actors_of([person(1, "Maria Lopez"), person(2, "Mario Lopez")])) == 2


def test_a_surname_the_extractor_took_for_an_organisation_is_the_person():
    records = [
        person(1, "Volodymyr Zelensky"),
        person(1, "Zelenskiy", kind="organization"),  # another spelling, in the same briefing
        person(2, "Zelensky", kind="organization"),  # the same spelling, in another
    ]
    assert actors_of(records) == {"person:volodymyr zelensky": [1, 1, 2]}
    acronym = [person(1, "Anna Nato"), person(2, "NATO", kind="organization")]
    assert actors_of(acronym) == {"person:anna nato": [1], "organization:nato": [2]}


def test_a_surname_alone_with_no_full_name_is_one_actor_across_spellings():
    found = actors_of([person(1, "Zelensky"), person(2, "Zelenskiy"), person(3, "Zelinska")])
    assert sorted(found.values()) == [[1, 2], [3]]


def test_the_grouping_does_not_depend_on_the_order_of_the_records():
    records = [
        person(1, "Volodymyr Zelensky", "Ukrainian President", ["Zelensky"]),
        person(2, "Zelenskiy", "President"),
        person(3, "Volodymyr Zelenskyy"),
        person(4, "Maria Lopez", "health minister"),
        person(5, "Carlos Lopez", "union leader"),
        person(6, "Lopez", "Health minister"),
        person(7, "Dan Driscoll"),
        person(8, "Daniel Driscoll", "US Army Secretary", ["Driscoll"]),
    ]
    expected = actors_of(records)
    assert expected["person:maria lopez"] == [4, 6]
    for seed in range(5):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert actors_of(shuffled) == expected


def test_an_agency_spelt_nearly_like_a_surname_elsewhere_stays_an_agency():
    records = [person(1, "Paul Reuter"), person(2, "Reuters", kind="organization")]
    assert actors_of(records) == {"person:paul reuter": [1], "organization:reuters": [2]}


def test_roles_sharing_only_little_words_do_not_tell_who_is_meant():
    records = [
        person(1, "Maria Lopez", "minister of the interior"),
        person(2, "Carlos Lopez", "leader of the union"),
        person(3, "Lopez", "head of the delegation"),
    ]
    assert sorted(actors_of(records).values()) == [[1], [2], [3]]


def test_organisations_join_by_acronym_or_part_of_the_name_only():
    records = [
        person(1, "Securities and Exchange Commission", aliases=["SEC", "Commission"], kind="organization"),
        person(
            2,
            "U.S. Securities and Exchange Commission",
            aliases=["Securities and Exchange Commission", "NASA"],
            kind="organization",
        ),
        person(3, "NASA", kind="organization"),
        person(4, "European Commission", aliases=["Commission"], kind="organization"),
        person(5, "SEC", kind="organization"),
        person(6, "U.S. Department of Justice", aliases=["Department of Justice"], kind="organization"),
        person(7, "Department of Justice", kind="organization"),
    ]
    found = actors_of(records)
    assert found["organization:nasa"] == [3]  # the extractor's slip joins nothing
    assert found["organization:european commission"] == [4]  # nor does a one-word alias
    assert sorted(found.values()) == [[1, 2, 5], [3], [4], [6, 7]]
    assert found["organization:u s department of justice"] == [6, 7]
