"""WHO: people, roles, aliases, organisations and groups, on sentences written for these tests."""

from __future__ import annotations

from tests.extract.conftest import names_of, person, places, run


def test_title_before_the_name_is_the_role_not_part_of_the_name():
    r = run("Finance Minister Oskar Lindgren said the budget would balance. Lindgren spoke in Oslo.")
    p = person(r, "Oskar Lindgren")
    assert p["role"] == "Finance Minister"
    assert p["aliases"] == ["Lindgren"]


def test_rank_and_lower_case_titles():
    r = run(
        "The attack was led by Colonel Marta Reyes. Earlier, veteran goalkeeper Tomas Berg saved a penalty."
    )
    assert person(r, "Marta Reyes")["role"] == "Colonel"
    assert person(r, "Tomas Berg")["role"] == "veteran goalkeeper"


def test_title_with_of_complement():
    r = run("Secretary of Commerce Helen Parr met the delegation on Monday.")
    assert person(r, "Helen Parr")["role"] == "Secretary of Commerce"


def test_apposition_after_the_name_drops_a_named_employer():
    r = run("Jonas Weber, a senior economist at Lakeside Bank, said rates would fall.")
    assert person(r, "Jonas Weber")["role"] == "senior economist"
    assert "Lakeside Bank" in names_of(r, "organization")


def test_a_noun_before_a_role_belongs_to_it_whatever_the_noun():
    for noun, title in (
        ("ferry", "captain"),
        ("trawler", "captain"),
        ("cancer", "researcher"),
        ("loan", "officer"),
    ):
        before = run(f"The {noun} {title} Ole Hansen said the season was over.")
        after = run(f"Ole Hansen, a {noun} {title} from Bergen, said the season was over.")
        assert person(before, "Ole Hansen")["role"] == f"{noun} {title}"
        assert person(after, "Ole Hansen")["role"] == f"{noun} {title}"
    assert person(run("The government said captain Ole Hansen had left."), "Ole Hansen")["role"] == "captain"


def test_the_firms_an_insolvency_names_by_their_office_are_organisations():
    for office in ("administrators", "liquidators", "receivers", "auditors"):
        r = run(
            f"The firm collapsed owing 40 million, according to the {office}, Hale Brothers. Shares fell."
        )
        assert [(w["name"], w["kind"]) for w in r["who"]] == [("Hale Brothers", "organization")], office


def test_apposition_with_possessive_and_role_before_a_comma():
    r = run(
        "Priya Nair, the agency's head of research, spoke first. The Danish ambassador to Rome, Lars Holm, "
        "listened."
    )
    assert person(r, "Priya Nair")["role"] == "head of research"
    assert person(r, "Lars Holm")["role"] == "Danish ambassador to Rome"


def test_copular_role_after_who():
    r = run("Omar Haddad, who is the club's sporting director, declined to comment.")
    assert person(r, "Omar Haddad")["role"] == "sporting director"


def test_honorific_marks_a_person_without_becoming_a_role():
    r = run("Dr. Leila Farouk examined the samples. Ms Farouk said the results were clear.")
    p = person(r, "Leila Farouk")
    assert p["role"] is None
    assert "Farouk" in p["aliases"]


def test_spelling_variants_and_diacritics_merge_into_one_person():
    r = run("Defence Minister Dragan Petrović arrived late. Petrovic said little. Later Petrović left.")
    people = names_of(r, "person")
    assert people == ["Dragan Petrović"]
    assert set(person(r, "Dragan Petrović")["aliases"]) == {"Petrovic", "Petrović"}


def test_one_letter_transliteration_variant_merges():
    r = run("President Andriy Kovalenko spoke on Friday. Kovalenkyi later said he was tired.")
    assert names_of(r, "person") == ["Andriy Kovalenko"]


def test_names_with_particles_stay_whole():
    r = run("Commissioner Ilse van der Berg met Carlos de la Cruz in Madrid. Van der Berg said they agreed.")
    assert "Ilse van der Berg" in names_of(r, "person")
    assert "Carlos de la Cruz" in names_of(r, "person")
    assert "Van der Berg" in person(r, "Ilse van der Berg")["aliases"]


def test_acronym_in_parentheses_is_an_alias_of_the_organisation():
    r = run("The Coastal Research Institute (CRI) published the data. CRI said the sea was warming.")
    orgs = [e for e in r["who"] if e["kind"] == "organization"]
    assert [o["name"] for o in orgs] == ["Coastal Research Institute"]
    assert orgs[0]["aliases"] == ["CRI"]
    assert len(orgs[0]["mentions"]) == 3  # the name, "(CRI)" and "CRI"


def test_organisations_by_cue_word_and_by_descriptor():
    r = run(
        "Shares of Norrland Shipping fell after the consultancy Brightwater Mills cut its forecast. "
        "The White House declined to comment."
    )
    orgs = names_of(r, "organization")
    assert "Norrland Shipping" in orgs
    assert "Brightwater Mills" in orgs
    assert "White House" in orgs


def test_sentence_initial_words_weekdays_months_and_demonyms_are_not_entities():
    r = run(
        "Yesterday the talks ended. Monday was quiet. European officials said nothing. Polish farmers "
        "protested in March."
    )
    assert all(e["kind"] == "group" for e in r["who"])
    assert r["where"] == []


def test_group_of_countries():
    r = run("European countries rejected the plan, and Canada's allies stayed silent.")
    groups = names_of(r, "group")
    assert "European countries" in groups
    assert "Canada's allies" in groups


def test_possessive_office_speaks_for_its_principal():
    r = run("Prime Minister Ana Ruiz travelled to Lisbon. Ruiz's office said the visit went well.")
    assert "Ruiz's office" in names_of(r, "organization")


def test_text_without_entities_gives_empty_panes():
    r = run("it was a quiet day and nothing much happened at all, the weather was mild.")
    assert r["who"] == []
    assert r["where"] == []
    assert [w for w in r["what"] if w["kind"] == "quote"] == []


def test_middle_initial_and_abbreviated_title():
    r = run("Sen. Ellen R. Hartley of Ohio voted against the bill. Hartley said it was rushed.")
    p = person(r, "Ellen R. Hartley")
    assert "Hartley" in p["aliases"]
    assert "Ohio" in places(r)


def test_single_name_acting_like_a_company():
    r = run("Volkora said on Monday it would cut 500 jobs. Volkora's shares fell 4% in Frankfurt.")
    assert "Volkora" in names_of(r, "organization")
    assert names_of(r, "person") == []


def test_employer_after_at_is_an_organisation_not_a_place():
    r = run("Analysts at Pemberton Hale expect prices to rise.")
    assert "Pemberton Hale" in names_of(r, "organization")
    assert places(r) == []


def test_apposition_naming_a_kind_of_body_makes_an_organisation():
    r = run(
        "The Blue Lanterns, a rescue group working in the north, said teams were exhausted. "
        "Sergeant Paul Ames, army chief of logistics, agreed."
    )
    assert "Blue Lanterns" in names_of(r, "organization")
    assert person(r, "Paul Ames")["role"] == "army chief of logistics"


def test_arabic_particles_and_acronym_initials():
    r = run("Attacks by Jama'at Nusrat al-Islam wal-Muslimin (JNIM) rose. JNIM denied it.")
    orgs = [e for e in r["who"] if e["kind"] == "organization"]
    assert [(o["name"], o["aliases"]) for o in orgs] == [("Jama'at Nusrat al-Islam wal-Muslimin", ["JNIM"])]


def test_a_company_named_with_no_cue_word_is_known_by_what_only_companies_do():
    r = run(
        "Shares in Brakvel rose after the results. Investors cheered as Ostrolin gained 5%. "
        "Tarvosk said it would cut 300 jobs."
    )
    assert names_of(r, "organization") == ["Brakvel", "Ostrolin", "Tarvosk"]
    assert "Brakvel" not in places(r)
    assert not names_of(r, "person")


def test_a_bare_name_coordinated_with_an_organisation_is_an_organisation():
    r = run("Analysts expect Halden Bank and Quenmark to merge by summer. Velbrin or Fjordal Group will bid.")
    assert names_of(r, "organization") == ["Halden Bank", "Quenmark", "Velbrin", "Fjordal Group"]


def test_an_acronym_never_spelled_out_joins_the_organisation_whose_initials_it_is():
    r = run("The Coastal Fisheries Authority fined the trawler. CFA inspectors boarded it at dawn.")
    orgs = [e for e in r["who"] if e["kind"] == "organization"]
    assert [(e["name"], e["aliases"]) for e in orgs] == [("Coastal Fisheries Authority", ["CFA"])]


def test_a_mixed_case_acronym_in_parentheses_is_the_organisation_even_before_a_place_word():
    r = run("The Office of Rural Water (ORuW) opened a depot. The ORuW district team in Velka said so.")
    orgs = [e for e in r["who"] if e["kind"] == "organization"]
    assert [(e["name"], e["aliases"]) for e in orgs] == [("Office of Rural Water", ["ORuW"])]
    assert "ORuW" not in places(r)


def test_a_head_word_named_before_a_longer_organisation_is_not_its_alias():
    r = run(
        "The Council passed the bill on Monday. Later the Harbour Council debated it. "
        "The Harbour Council rejected it."
    )
    orgs = [(e["name"], e["aliases"]) for e in r["who"] if e["kind"] == "organization"]
    assert orgs == [("Council", []), ("Harbour Council", [])]


def test_party_and_state_after_a_name_is_not_an_organisation():
    r = run("Senator Ruth Ames, D-Ore., and Senator Cole Hart, R-Texas, voted against the bill.")
    assert names_of(r, "organization") == []
    assert names_of(r, "person") == ["Ruth Ames", "Cole Hart"]


def test_a_title_with_no_name_after_it_is_not_a_person():
    r = run("The Estonian Prime Minister said on Monday that the border would stay open.")
    assert names_of(r, "person") == []


def test_a_zone_or_unit_after_a_number_is_not_an_organisation():
    r = run("The ferry left Tallinn at 0900 GMT carrying a 40 MW turbine for the Harbour Authority.")
    assert names_of(r, "organization") == ["Harbour Authority"]


def test_a_state_abbreviation_after_a_place_is_part_of_it_and_a_heading_line_is_no_body():
    r = run(
        "DAILY PRESS BRIEFING\nSpringfield, Ore.\n\nMS. HALE: The Water Board met in Springfield, Ill., "
        "on Monday.\n"
    )
    assert names_of(r, "organization") == ["Water Board"]


def test_companies_by_earnings_verbs_kind_nouns_and_a_capital_the():
    r = run(
        "Tessan and Orvik report results next week. Velmora, the Swedish carmaker, cut jobs. "
        "The study appeared on Monday in The Quillfield, a weekly read by doctors."
    )
    assert names_of(r, "organization") == ["Tessan", "Orvik", "Velmora", "Quillfield"]
    assert places(r) == []


def test_an_abbreviated_title_keeps_its_full_stop_and_a_counterpart_is_a_role():
    r = run(
        "Sen. Ruth Ames and Lt. Gen. Owen Tarr met in Oslo. Ames and her Danish counterpart, Lars Moen, spoke."
    )
    assert person(r, "Ruth Ames")["role"] == "Sen."
    assert person(r, "Owen Tarr")["role"] == "Lt. Gen."
    assert person(r, "Lars Moen")["role"] == "Danish counterpart"


def test_a_person_known_by_one_name_is_found_when_the_report_says_he_or_she():
    r = run("Vasquelo told reporters he would attend the summit. Brenmark said it would cut prices.")
    assert names_of(r, "person") == ["Vasquelo"]
    assert names_of(r, "organization") == ["Brenmark"]


def test_two_acronyms_in_a_row_inside_a_sentence_name_one_company():
    r = run(
        "Shipping lines BRX KTL and Morrow Freight said they would avoid the strait.\n\nTRADE ROUTES WEEKLY\n"
    )
    orgs = names_of(r, "organization")
    assert "BRX KTL" in orgs  # one company, not two acronyms
    assert [n for n in orgs if "Trade" in n or "TRADE" in n] == []  # the heading below is no company


def test_a_title_ending_in_to_or_of_a_place_before_a_name_is_the_role_and_the_place_a_place():
    for text, name, role, place in (
        ("Envoy to Norway Erik Dahl said talks would continue.", "Erik Dahl", "Envoy to Norway", "Norway"),
        (
            "UK Ambassador to France Maria Lind met farmers.",
            "Maria Lind",
            "UK Ambassador to France",
            "France",
        ),
        (
            "The French Ambassador to Chad Marc Lenoir left.",
            "Marc Lenoir",
            "French Ambassador to Chad",
            "Chad",
        ),
    ):
        r = run(text)
        assert [(w["name"], w["role"]) for w in r["who"]] == [(name, role)], text
        assert places(r) == [place]
    assert names_of(run("Stephen King to sign books in Oslo."), "person") == [
        "Stephen King"
    ]  # a surname here


def test_a_rarer_given_name_before_a_verb_makes_a_person_but_not_in_a_heading():
    for sentence in ("Volodymyr Zelensky met the envoy in Lviv.", "Tedros Ghebreyesus warned of cholera."):
        assert len(names_of(run(sentence), "person")) == 1, sentence
    assert names_of(run("Dairy Farmers of America cut prices."), "person") == []


def test_events_awards_and_storms_are_no_entities_nor_the_names_inside_them():
    r = run(
        "The Winter Games opened in Lillehammer. Tropical Storm Hilde hit Fiji on Monday. "
        "Delegates at the Lima Summit praised the Nobel Prize winner Ana Ruiz. "
        "Runners of the Rome Marathon met the Olympics chief. Our Olympic athletes came to the Summit."
    )
    assert names_of(r, "person") == ["Ana Ruiz"]
    assert names_of(r, "organization") == []
    assert places(r) == ["Lillehammer", "Fiji"]


def test_time_zones_currencies_diseases_officer_titles_and_laws_are_no_organisations():
    r = run(
        "The call starts at 9:30 a.m. PST. The CFO said COVID cases fell and sales in EUR rose. "
        "Leon Marsh Jr. of the Harbour Trust left. The Clean Water Act (CWA) passed; CWA rules apply. "
        "Police found THC and GHB."
    )
    assert names_of(r, "organization") == ["Harbour Trust"]


def test_a_body_whose_name_holds_of_and_for_is_whole_and_two_bodies_joined_by_and_stay_two():
    r = run(
        "The Institute of Soil Science and Water Policy and the Seed and Grain Administration met. "
        "A note came from the Office of the Envoy for the Arctic Council. "
        "The Valley Water Board and the Coastal Harbour Authority spoke. "
        "The Bank of Iceland and the Treasury of Peru signed."
    )
    found = names_of(r, "organization")
    for name in (
        "Institute of Soil Science and Water Policy",
        "Seed and Grain Administration",
        "Office of the Envoy for the Arctic Council",
        "Valley Water Board",
        "Coastal Harbour Authority",
        "Bank of Iceland",
    ):
        assert name in found, (name, found)
    assert "Valley Water Board and the Coastal Harbour Authority" not in found


def test_a_title_case_headline_is_cut_at_the_words_the_text_writes_in_lower_case():
    r = run(
        "Harbour Minister Ana Ruiz Visits Flooded Towns\n\n"
        "Ana Ruiz visits towns that flooded in March. Services and Supplies Agency staff met her; "
        "their services were praised. Department of Ports officials said the department would pay."
    )
    assert person(r, "Ana Ruiz")["role"] == "Harbour Minister"
    assert names_of(r, "person") == ["Ana Ruiz"]
    assert names_of(r, "organization") == ["Services and Supplies Agency", "Department of Ports"]
    assert names_of(run("The bureau met. Bureau."), "person") == []  # a head word alone ends the text


def test_a_person_named_on_a_line_in_capitals_is_still_a_person():
    r = run(
        "HIGHLIGHTS OF THE BRIEFING BY ANA RUIZ\nSPOKESPERSON FOR MINISTER TOMAS VARGA\n\n"
        "The briefing was held by the spokesperson at noon.\n\nGAPS AND NEXT STEPS\n\nFunds ran low."
    )
    assert names_of(r, "person") == ["Ana Ruiz", "Tomas Varga"]
    assert names_of(r, "organization") == []


def test_transcript_label_hyphenated_given_name_month_surname_and_a_person_closing_a_sentence():
    r = run(
        "Tomas Varga\n\nMR VARGA: Good morning.\n\n"
        "I will be joined by the Deputy Secretary for Trade and Industry Affairs, Anna-Maria Lund. "
        "Later we heard from the envoy, Olivia June. The plan is due in June 2027. "
        "A word of thanks to the Harbour Board, Ruth Ellery."
    )
    assert person(r, "Tomas Varga")["aliases"] == ["VARGA"]
    assert person(r, "Anna-Maria Lund")["role"] == "Deputy Secretary for Trade and Industry Affairs"
    assert person(r, "Olivia June")["role"] == "envoy"
    assert names_of(r, "person") == ["Tomas Varga", "Anna-Maria Lund", "Olivia June", "Ruth Ellery"]


def test_a_pair_of_unknown_words_before_said_is_a_person_and_a_lone_given_name_given_the_floor():
    r = run(
        "Oyelaran Adebayo said the talks failed. Adebayo added more.\n\n"
        "MR LUND: Thank you, Tom. With that, Anna.\n\nQUESTION: Yes.\n\nMR LUND: Ruth? "
        "The Ruth Mill said it would close."
    )
    assert person(r, "Oyelaran Adebayo")["aliases"] == ["Adebayo"]
    for name in ("Tom", "Anna", "Ruth"):
        person(r, name)
    assert "Ruth Mill" not in names_of(r, "person")


def test_spellings_only_bodies_use_hyphenated_dotted_and_inner_capital_acronyms():
    r = run(
        "The W.H.O. and the G-20 met the G7. SkyNetix and PayLoop agreed; Ana McNeil and "
        "Tom DeLuca did not. Officials in the U.K. agreed. The ruling UPRN-DFK won the vote."
    )
    assert names_of(r, "organization") == ["W.H.O.", "G-20", "G7", "SkyNetix", "PayLoop", "UPRN-DFK"]
    assert names_of(r, "person") == ["Ana McNeil", "Tom DeLuca"]
    assert places(r) == ["U.K."]


def test_two_companies_joined_by_and_stay_two_when_the_second_holds_an_ampersand():
    r = run("The court told Harlow Company and Pine & Oak Company to sell a mill.")
    assert names_of(r, "organization") == ["Harlow Company", "Pine & Oak Company"]


def test_names_listed_with_a_body_or_after_sponsored_by_are_bodies():
    r = run(
        "The games are sponsored by Vexel, Norrow Brands and the Halvard Foundation. "
        "Korvant, Tidewire and the Brightline Group signed."
    )
    found = names_of(r, "organization")
    for name in ("Vexel", "Norrow Brands", "Halvard Foundation", "Korvant", "Tidewire", "Brightline Group"):
        assert name in found, (name, found)
    assert names_of(r, "person") == []


def test_roles_keep_an_office_after_the_title_but_not_a_body_and_come_from_contact_lines():
    r = run(
        "Ana Ruiz, spokeswoman for the Prime Minister, spoke. Tom Long, adviser to the independent "
        "Chief Inspector of Prisons, agreed. Eva Lind, adviser to Tom Long, left. Olle Berg, "
        "spokesman of the North Sea Port Authority, said more. It helped, said Ida Holm, Chief of "
        "the bank's Office of Audit. A Harbour Union official in northern Norway, Per Dahl, spoke. "
        "Lars Moe is CEO of the Halvard Group.\n\nPress contact: Siri Lund, +47 555 0100"
    )
    roles = {e["name"]: e["role"] for e in r["who"] if e["kind"] == "person"}
    assert roles == {
        "Ana Ruiz": "spokeswoman for the Prime Minister",
        "Tom Long": "adviser to the independent Chief Inspector of Prisons",
        "Eva Lind": "adviser",
        "Olle Berg": "spokesman",
        "Ida Holm": "Chief",
        "Per Dahl": "Harbour Union official in northern Norway",
        "Lars Moe": "CEO",
        "Siri Lund": "Press contact",
    }


def test_a_plural_the_text_writes_in_lower_case_ends_no_persons_name():
    r = run(
        "Many Member States spoke, and the states agreed. Camp Committees met; the committees "
        "were new. Ana Jones and Tom Williams came."
    )
    assert names_of(r, "person") == ["Ana Jones", "Tom Williams"]


def test_houses_lone_bodies_after_a_preposition_an_acronyms_office_and_an_acronym_with_a_role():
    r = run(
        "The bill went to Parliament on Monday after a debate in the House of Commons. The fund, "
        "set up by Congress, grew. The NASA Headquarters team met NASA staff. Ana Ruiz, an NHS "
        "Doctor, agreed. Government reports came out."
    )
    found = names_of(r, "organization")
    for name in ("Parliament", "House of Commons", "Congress", "NASA Headquarters", "NASA", "NHS"):
        assert name in found, (name, found)
    assert "Government" not in found


def test_a_generational_suffix_belongs_to_the_name():
    r = run("Acting Attorney Louis V. Hart, Sr. of the Middle District spoke. Hart said more.")
    p = person(r, "Louis V. Hart, Sr.")
    assert p["aliases"] == ["Hart"] and p["role"] == "Acting Attorney"


def test_a_staff_and_a_community_of_states_are_bodies():
    r = run("Officers from the General Staff and the Air Staff met in Oslo with the Andean Community.")
    assert names_of(r, "organization") == ["General Staff", "Air Staff", "Andean Community"]


def test_a_title_of_a_body_named_after_a_given_name_is_a_role_and_a_body():
    r = run("She was a Director of Madison Rowing Club Ltd for years. Minister of Health Tomas Varga spoke.")
    assert names_of(r, "organization") == ["Madison Rowing Club Ltd"]
    assert person(r, "Tomas Varga")["role"] == "Minister of Health"


def test_an_office_named_alone_is_no_entity_and_an_office_with_its_short_form_is_a_body():
    r = run(
        "Earlier today the Secretary announced new funds, and the Queen thanked the staff. The "
        "Nordic High Commissioner for Fisheries (NHCF) agreed."
    )
    assert names_of(r, "person") == []
    assert names_of(r, "organization") == ["Nordic High Commissioner for Fisheries"]


def test_a_title_before_a_common_noun_or_ending_in_a_title_names_no_one():
    r = run(
        "The President signed an Executive Order on Monday. The order takes effect soon. The "
        "General Debate opened, and the debate ran late. The Chief Medical Officer spoke. "
        "President Ana Lund signed too."
    )
    assert names_of(r, "person") == ["Ana Lund"]


def test_sport_and_court_roles_and_a_role_with_several_nouns_before_it():
    r = run(
        "Her teammate Ana Ruiz took silver, and the men's relay gold medalist Tom Long smiled. "
        "Co-conspirator Eva Lind was sentenced."
    )
    roles = {e["name"]: e["role"] for e in r["who"] if e["kind"] == "person"}
    assert roles == {"Ana Ruiz": "teammate", "Tom Long": "relay gold medalist", "Eva Lind": "Co-conspirator"}


def test_a_company_form_after_a_comma_belongs_to_its_name():
    r = run(
        "Shares of Vexel, Inc. rose after Halvard Holdings, Ltd. said it would buy Tidewire LLC. Vexel said more."
    )
    assert names_of(r, "organization") == ["Vexel, Inc.", "Halvard Holdings, Ltd.", "Tidewire LLC"]
    assert r["who"][0]["aliases"] == ["Vexel"]


def test_roles_in_brackets_and_two_offices_joined_by_and():
    r = run(
        "Tom Long (chief executive of Vexel) agreed. Eva Lind, who is the chief executive and "
        "chair of Halvard, spoke. Ida Holm (Reuters) reported."
    )
    roles = {e["name"]: e["role"] for e in r["who"] if e["kind"] == "person"}
    assert roles == {"Tom Long": "chief executive", "Eva Lind": "chief executive and chair", "Ida Holm": None}


def test_a_headlines_verb_after_a_name_ends_the_name():
    r = run(
        "Harbour Minister Ana M. Ruiz Delivers Remarks at the Port\n\n"
        "Tom Evans Wins Gold in Oslo\n\nThe minister spoke on Monday."
    )
    assert person(r, "Ana M. Ruiz")["role"] == "Harbour Minister"
    assert names_of(r, "person") == ["Ana M. Ruiz", "Tom Evans"]
