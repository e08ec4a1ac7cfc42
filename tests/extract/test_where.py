"""WHERE: countries, cities, features, aliases and capitals used as actors."""

from __future__ import annotations

from tests.extract.conftest import names_of, places, run


def test_country_aliases_are_one_place():
    r = run("The U.S. will reply. Officials in the United States said the US would act.")
    assert [(e["name"], e["aliases"]) for e in r["where"]] == [("United States", ["U.S.", "US"])]


def test_capital_used_only_as_actor_aliases_its_country():
    r = run("Beijing said it would respond. China has not set a date.")
    china = [e for e in r["where"] if e["name"] == "China"]
    assert china and china[0]["aliases"] == ["Beijing"]


def test_capital_used_as_location_is_its_own_place():
    r = run("Delegates met in Nairobi on Tuesday. Kenya hosted them.")
    assert "Nairobi" in places(r)
    assert "Kenya" in places(r)


def test_features_districts_and_based():
    r = run(
        "Floods hit the Mekong Delta and the Tonle Sap lake. A Hanoi-based charity sent boats to "
        "the Kampot district and to the Gulf of Thailand."
    )
    found = places(r)
    for name in ("Mekong Delta", "Tonle Sap", "Hanoi", "Kampot", "Gulf of Thailand"):
        assert name in found, (name, found)


def test_unknown_name_after_a_locative_preposition():
    r = run("Rescue teams reached the village near Ostravik before dawn.")
    assert "Ostravik" in places(r)


def test_place_inside_an_organisation_name_is_not_a_place():
    r = run("The Vienna Institute for Policy Studies issued a report.")
    assert places(r) == []


def test_markdown_bold_does_not_hide_a_place():
    r = run("# Storm over **Bavaria**\n\nRoads closed in **Bavaria** overnight.", fmt="markdown")
    assert "Bavaria" in places(r)


def test_a_nationality_before_a_noun_is_not_a_place_but_the_sea_is():
    r = run("Soldiers from the Malian army patrolled. Stocks in the Mediterranean have fallen.")
    assert places(r) == ["Mediterranean"]


def test_a_compass_word_before_a_country_names_a_region_of_it():
    r = run("Floods hit Southern Tanzania on Monday. Aid flew in from Eastern Uganda.")
    assert places(r) == ["Southern Tanzania", "Eastern Uganda"]


def test_a_place_closing_a_signature_after_a_comma_is_a_place_at_a_line_end_or_mid_text():
    closing = "Ama Owusu, Country Director, Victoria"
    at_line_end = run(f"The road would reopen on Monday.\n\nFor more information: {closing}\n")
    mid_text = run(f"The road would reopen on Monday. The statement came from {closing}. Work starts soon.")
    for result in (at_line_end, mid_text):
        assert places(result) == ["Victoria"]
        assert [w["name"] for w in result["who"]] == ["Ama Owusu"]


def test_a_country_whose_name_holds_of_or_and_is_one_place_but_not_inside_a_body():
    r = run(
        "Ships from Trinidad and Tobago and the Republic of Korea reached the Democratic Republic "
        "of the Congo. Ana Ruiz of Bosnia and Herzegovina spoke; the Central Bank of Trinidad and "
        "Tobago agreed."
    )
    assert places(r) == [
        "Trinidad and Tobago",
        "Republic of Korea",
        "Democratic Republic of the Congo",
        "Bosnia and Herzegovina",
    ]


def test_a_place_with_its_state_is_one_place_and_a_location_and_a_spelled_state_a_place_too():
    r = run("Columbus, OH, June 3 - Staff met. Later, Washington D.C. hosted the talks in Tampa, Fla.")
    assert places(r) == ["Columbus", "Washington D.C.", "Tampa", "Fla"]


def test_an_acronym_or_a_name_with_a_place_is_a_bodys_office_not_the_place():
    r = run(
        "The UNHCR Kenya office said aid arrived. Asthma UK said the figures were worrying. "
        "Officers of Police Kenya agreed, and officials in Kenya agreed. BBC Turkish reported it."
    )
    assert names_of(r, "organization") == ["UNHCR Kenya", "Asthma UK", "Police Kenya", "BBC Turkish"]
    assert places(r) == ["Kenya"]


def test_places_the_gazetteer_lacks_named_by_their_context():
    r = run(
        "Ana Ruiz, 54, of Velkovo, was charged. She grew up in the village of Ostrava Mala, "
        "north of Brno. Troops withdrew from Dolno, Gorno and Sredno on Monday. Floods hit the Karvat "
        "Province, Moravia. Guards patrolled the Kenya-Uganda border."
    )
    found = places(r)
    for name in ("Velkovo", "Ostrava Mala", "Dolno", "Gorno", "Sredno", "Moravia", "Kenya", "Uganda"):
        assert name in found, (name, found)


def test_a_country_code_before_a_noun_or_a_name_is_a_modifier_not_the_country():
    modifier = run("U.S. soldiers patrolled while the UK Parliament met and US-backed forces waited.")
    assert places(modifier) == []
    actor = run("The U.S. said it would act. Exports to the UK rose, and the US and France agreed.")
    assert places(actor) == ["U.S.", "UK", "France"]


def test_regions_the_gazetteer_lacks_nations_of_the_uk_world_regions_and_islands():
    r = run("Rates rose in England and Scotland. Aid reached Darfur and the Sahel, and ships left Sumatra.")
    assert places(r) == ["England", "Scotland", "Darfur", "Sahel", "Sumatra"]


def test_venues_and_facilities_that_do_not_act_are_places():
    r = run(
        "Reporters waited in the James S. Long Press Briefing Room. Swimmers trained at the Royal "
        "Harbour Pool, and the Tidewater Power Plant shut down."
    )
    assert places(r) == ["James S. Long Press Briefing Room", "Royal Harbour Pool", "Tidewater Power Plant"]
    assert r["who"] == []


def test_celestial_bodies_and_nationalities_before_a_noun_are_no_places():
    r = run(
        "The lander will reach the Moon, then Mars. Talks came from the Israeli and the Jordanian "
        "sides, and troops from the Malian 3rd Battalion waited. Ships sailed in the Baltic."
    )
    assert places(r) == ["Baltic"]


def test_a_states_formal_name_is_an_alias_of_the_country():
    r = run(
        "She met the President of the Republic of Suriname in Paramaribo. Suriname agreed, and the "
        "Kingdom of Lesotho sent a note to Lesotho's partners."
    )
    found = {e["name"]: e["aliases"] for e in r["where"]}
    assert found["Suriname"] == ["Republic of Suriname"]
    assert found["Lesotho"] == ["Kingdom of Lesotho"]


def test_a_place_named_feature_of_place_is_whole_inside_a_title_too():
    r = run("U.S. Attorney for the Middle District of Ohio Ana Ruiz said ships sailed in the Gulf of Aden.")
    assert places(r) == ["Middle District of Ohio", "Gulf of Aden"]


def test_a_town_before_a_lower_case_title_is_where_they_work_not_an_employer():
    r = run("A Lagos lawyer met Ajax coach Ruud Berg.")
    assert places(r) == ["Lagos"]
    assert names_of(r, "organization") == ["Ajax"]


def test_a_region_whose_name_holds_of_is_one_place_inside_a_longer_phrase():
    r = run("Funding for the Horn of Africa drought response fell. Donors to the Lake Chad Basin appeal met.")
    assert places(r) == ["Horn of Africa", "Lake Chad Basin"]
