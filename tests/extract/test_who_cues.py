"""WHO on classes of text seen in real news and releases: short forms of people who speak,
capitalised common words read as bodies (sentences written for these tests)."""

from __future__ import annotations

from tests.extract.conftest import names_of, person, quotes, run


def test_a_surname_that_speaks_alone_is_the_person_named_in_full_elsewhere():
    for first, later in ((True, False), (False, True)):
        full = "Henrik Lindqvist warned that the talks could collapse."
        lone = (
            '"We will not sign this deal," Lindqvist insisted in Oslo. "The terms are unfair to us," '
            'Lindqvist said. "Nothing has changed since May," Lindqvist added.'
        )
        text = f"{full} {lone}" if first else f"{lone} {full}"
        r = run(text)
        assert names_of(r, "organization") == [], later
        assert "Lindqvist" in person(r, "Henrik Lindqvist")["aliases"]
        assert {speaker for _, speaker in quotes(r)} == {"Henrik Lindqvist"}


def test_a_company_that_speaks_of_itself_stays_apart_from_a_person_of_that_name():
    r = run(
        "Maren Halvard founded the firm in 1990. Halvard said it would cut 200 jobs. "
        "Halvard said it expected lower sales."
    )
    assert "Halvard" in names_of(r, "organization")
    assert person(r, "Maren Halvard")["aliases"] == []


def test_a_plural_common_noun_opening_a_sentence_before_a_speech_verb_is_no_organisation():
    text = (
        "The central bank raised its main rate on Tuesday. Economists said the move was expected. "
        "Officials said more rises could follow. Critics argued the decision would hurt savers. "
        "Residents said prices had doubled. Economists said the bank would pause in June. "
        "Officials said talks with the unions would go on. Critics argued that jobs would be lost. "
        "Residents told reporters they were angry. Experts said the dam was weak. Sources said talks had "
        "stalled. Experts warned of floods. Sources told reporters the deal was close."
    )
    assert run(text)["who"] == []


def test_bodies_that_speak_at_a_sentence_start_stay_bodies():
    r = run(
        "Reuters said the rebels had taken the port. Houthis said they fired two missiles. "
        "Houthis said the strikes would go on. Reuters said the navy had not confirmed it."
    )
    assert sorted(names_of(r, "organization")) == ["Houthis", "Reuters"]


def test_every_item_of_a_list_of_sponsors_is_an_organisation_whatever_its_last_word():
    r = run(
        "The regatta is backed by the Harbour Trust, Dunmore Ostrow Hamilton, General Robotics, "
        "Norvik, and the Blue Fjord Foundation."
    )
    assert sorted(names_of(r, "organization")) == [
        "Blue Fjord Foundation",
        "Dunmore Ostrow Hamilton",
        "General Robotics",
        "Harbour Trust",
        "Norvik",
    ]
    assert names_of(r, "person") == []


def test_a_title_before_a_fields_plural_is_a_firms_name_not_a_titled_person():
    r = run("Investors welcomed the merger of General Genomics with Corvane Systems on Monday.")
    assert "General Genomics" in names_of(r, "organization")
    assert names_of(r, "person") == []
    assert person(run("General Petersen inspected the troops."), "Petersen")["role"] == "General"


def test_the_government_alone_is_no_named_body_but_a_short_form_of_one():
    text = (
        "Floods hit the north on Sunday. The Government is leading the response, and aid groups are "
        "working with the Government to reach the villages."
    )
    assert names_of(run(text), "organization") == []
    named = run(f"The Government of Lesotho declared a disaster. {text}")
    assert [(w["name"], w["aliases"]) for w in named["who"]] == [("Government of Lesotho", ["Government"])]


def test_a_title_word_after_an_article_before_one_common_noun_names_no_one():
    r = run(
        "The governor issued an Executive Directive on water use. Delegates met before the General "
        "Session opened. Senator Walsh voted against the bill. The mayor thanked General Okafor."
    )
    assert [(p["name"], p["role"]) for p in r["who"]] == [("Walsh", "Senator"), ("Okafor", "General")]


def test_a_bodys_word_in_a_titles_list_after_a_comma_names_no_one():
    r = run(
        "The Minister for Transport, Energy and Water opened the dam. The envoy to Peru, Marc Lenoir, spoke."
    )
    assert names_of(r, "person") == ["Marc Lenoir"]


def test_a_name_after_a_title_held_in_a_firm_and_of_is_the_firm():
    r = run(
        "Ana Ruiz, the chief executive of Norvik, said sales rose. She was previously a director of "
        "Tessaly. The mayor of Tarvik met her."
    )
    assert sorted(names_of(r, "organization")) == ["Norvik", "Tessaly"]


def test_a_fields_label_before_a_colon_is_not_part_of_the_name_before_it():
    r = run("Source: Nordic Relief Agency Country: Norway\n\nThe country was hit by storms on Monday.")
    assert names_of(r, "organization") == ["Nordic Relief Agency"]


def test_a_numbered_unit_keeps_its_number_and_is_an_organisation():
    r = run("Troops of the 12th Mountain Brigade and the 3rd Lake Front crossed the river at dawn.")
    assert sorted(names_of(r, "organization")) == ["12th Mountain Brigade", "3rd Lake Front"]


def test_a_bodys_head_word_alone_in_a_list_of_bodies_is_one_and_branch_ends_a_name():
    r = run(
        "Athletes representing the Coast Guard, Navy, Air Force, and Space Force competed. "
        "Director Ana Ruiz of the Port Security Branch spoke."
    )
    assert names_of(r, "organization") == [
        "Coast Guard",
        "Navy",
        "Air Force",
        "Space Force",
        "Port Security Branch",
    ]


def test_a_given_name_opening_common_words_around_a_bodys_word_names_no_one():
    r = run(
        "Rose Garden Party Committees met on Friday. Hope Valley School Meals were cut. Mary Church Terrell spoke."
    )
    assert names_of(r, "person") == ["Mary Church Terrell"]


def test_a_short_form_given_after_comma_or_is_the_name_before_it():
    r = run(
        "The Coastal Waters Act, or CWA, expires in May. The Nordic Fisheries Council, or NFC, said the "
        "CWA must be renewed. The NFC met in Bergen."
    )
    assert [(w["name"], w["aliases"]) for w in r["who"]] == [("Nordic Fisheries Council", ["NFC"])]


def test_a_plural_of_people_before_of_names_their_body_not_a_person_from_a_place():
    r = run(
        "Lena Berg was Director of Dairy Farmers of Norway until 2010. Senator Tom Sanders of Ohio "
        "and Rep. Sanders of Maine spoke."
    )
    assert names_of(r, "organization") == ["Dairy Farmers of Norway"]
    assert names_of(r, "person") == ["Lena Berg", "Tom Sanders"]


def test_a_dateline_in_capitals_before_its_state_is_a_place():
    r = run("FORT KESSLING, Texas - Soldiers of the 3rd Brigade and the Harbour Trust trained on Monday.")
    assert "Fort Kessling" in [w["name"] for w in r["where"]]
    assert sorted(names_of(r, "organization")) == ["3rd Brigade", "Harbour Trust"]


def test_a_given_name_opening_a_headlines_run_with_a_bodys_word_names_no_one():
    r = run("Statement on Hope Valley Court Ruling\n\nMary Church Terrell spoke on Monday.")
    assert names_of(r, "person") == ["Mary Church Terrell"]


def test_a_role_after_and_closing_a_run_is_cut_from_the_name_before_it():
    r = run(
        "Before that, Lena Berg was Sales Director at Vexel UK & Group Sales Director at Norvik Bank. "
        "The Minister of Trade and Industry spoke."
    )
    assert names_of(r, "organization") == ["Vexel UK", "Norvik Bank"]


def test_a_bodys_prefix_before_one_common_noun_names_nothing():
    r = run(
        "The audit covered Federal Sites across the country. Several sites were old. The Royal Family "
        "met the Royal Navy. The family left. Aid reached the United States and the National Guard helped."
    )
    assert names_of(r, "organization") == ["Royal Navy", "National Guard"]
    assert [w["name"] for w in r["where"]] == ["United States"]


def test_a_month_after_an_honorific_is_a_surname_and_joins_the_full_name():
    r = run(
        "Theresa May met Sam Rich in Oslo. Ms. May said little. Mr. Rich left early. Mrs May left in June."
    )
    assert [(w["name"], w["aliases"]) for w in r["who"]] == [("Theresa May", ["May"]), ("Sam Rich", ["Rich"])]
