"""WHAT: quote shapes and who said them."""

from __future__ import annotations

from tests.extract.conftest import quotes, run


def test_speaker_after_the_quote_with_straight_and_curly_marks():
    r = run(
        '"We will rebuild every bridge in the valley," Governor Ana Silva said. '
        "\u201cNobody will be left behind in the cold,\u201d said Piotr Nowak, the regional mayor."
    )
    assert quotes(r) == [
        ("We will rebuild every bridge in the valley", "Ana Silva"),
        ("Nobody will be left behind in the cold", "Piotr Nowak"),
    ]


def test_speaker_before_the_quote():
    r = run(
        'Chief Executive Mara Olsen told analysts: "Demand is stronger than we planned for." '
        'Analyst Tim Rees said the figures were "better than anyone in the market expected".'
    )
    assert quotes(r) == [
        ("Demand is stronger than we planned for.", "Mara Olsen"),
        ("better than anyone in the market expected", "Tim Rees"),
    ]


def test_pronouns_go_to_the_nearest_fitting_person():
    r = run(
        "Judge Helen Carter adjourned the case. Prosecutor David Moore objected. "
        '"This delay helps nobody at all in this court," she said. '
        '"We are ready to proceed today," he added.'
    )
    assert quotes(r) == [
        ("This delay helps nobody at all in this court", "Helen Carter"),
        ("We are ready to proceed today", "David Moore"),
    ]


def test_it_goes_to_an_organisation():
    r = run('The Harbour Authority closed the port. "Ships will wait until the storm has passed," it said.')
    assert quotes(r) == [("Ships will wait until the storm has passed", "Harbour Authority")]


def test_quote_split_by_he_said_gives_two_segments_with_one_speaker():
    r = run(
        'Trade Minister Karl Berg spoke briefly. "We will be back next week," he said, '
        '"but not with a new offer on the table."'
    )
    assert quotes(r) == [
        ("We will be back next week", "Karl Berg"),
        ("but not with a new offer on the table.", "Karl Berg"),
    ]


def test_quote_running_over_two_paragraphs():
    text = (
        "Farmer Lena Voss said: \u201cThe river took our fields in one night.\n\n"
        "\u201cWe will need years to recover what we lost.\u201d\n"
    )
    r = run(text)
    assert quotes(r) == [
        ("The river took our fields in one night.", "Lena Voss"),
        ("We will need years to recover what we lost.", "Lena Voss"),
    ]


def test_nested_quote_is_attributed_to_the_person_it_names():
    r = run(
        "\"When Olaf Brandt told us, 'We will never sign this deal,' the room went quiet,\" "
        "said Sara Lind, a delegate from Malm\u00f6."
    )
    q = dict(quotes(r))
    assert q["We will never sign this deal"] == "Olaf Brandt"
    assert q["When Olaf Brandt told us, 'We will never sign this deal,' the room went quiet"] == "Sara Lind"


def test_role_reference_and_unnamed_speakers():
    r = run(
        'Health Minister Ida Holm visited the ward. "The staff have been heroic all week," the minister said. '
        '"Nobody told us anything about the closure," one nurse said.'
    )
    assert quotes(r) == [
        ("The staff have been heroic all week", "Ida Holm"),
        ("Nobody told us anything about the closure", None),
    ]


def test_quote_after_a_sentence_naming_its_speaker():
    r = run('Asked about the defeat, coach Marco Ferri shrugged. "We played badly and we deserved to lose."')
    assert quotes(r) == [("We played badly and we deserved to lose.", "Marco Ferri")]


def test_short_quotes_and_titles_are_not_quotes():
    r = run(
        'The talks were "very constructive," she said. The agency published a report titled '
        '"Charting the Long Road Home" on Monday.'
    )
    assert quotes(r) == []


def test_quote_offsets_slice_the_body():
    text = 'Mayor Jo Lee said: "The bridge reopens on Friday for all traffic."'
    r = run(text)
    (q,) = [w for w in r["what"] if w["kind"] == "quote"]
    assert text[q["start"] : q["end"]] == q["text"]


def test_lede_is_the_first_sentence_of_the_first_paragraph():
    text = (
        "Rescue teams pulled twelve miners out of a flooded shaft in northern Chile on Tuesday after "
        "three days underground. The operator said pumping continued.\n\nMore details followed later."
    )
    r = run(text)
    lede = [w for w in r["what"] if w["kind"] == "lede"]
    assert lede and lede[0]["text"].startswith("Rescue teams") and lede[0]["text"].endswith("underground.")


def test_events_name_their_actors():
    r = run(
        "The storm hit the northern coast overnight, flooding dozens of streets and cutting power to "
        "thousands of homes. Later, Mayor Ines Roth ordered an evacuation of the port."
    )
    events = [(w["text"], w["actors"]) for w in r["what"] if w["kind"] == "event"]
    assert events == [("Later, Mayor Ines Roth ordered an evacuation of the port.", ["Ines Roth"])]


def test_british_single_quotes_are_quotes_and_apostrophes_are_not():
    r = run(
        "Minister Rhys Evans was asked about the cuts. \u2018We don\u2019t have the money for everything,\u2019 "
        "he said. Prices of the \u201890s are gone."
    )
    assert quotes(r) == [("We don\u2019t have the money for everything", "Rhys Evans")]


def test_the_company_said_goes_to_the_last_named_organisation():
    r = run(
        'Shares of Velora Systems fell on Monday. "We expect demand to recover later this year," '
        "the company said in a statement."
    )
    assert quotes(r) == [("We expect demand to recover later this year", "Velora Systems")]


def test_straight_single_quotes_in_a_paragraph_without_double_marks():
    r = run(
        "Chancellor Mia Ford said: 'Inflation is back to normal and the plan is working.'\n\n"
        "Labour's Tom Reid disagreed. 'Prices in the shops are still rising,' he told reporters."
    )
    assert quotes(r) == [
        ("Inflation is back to normal and the plan is working.", "Mia Ford"),
        ("Prices in the shops are still rising", "Tom Reid"),
    ]


def test_a_name_inside_the_quote_is_not_its_speaker():
    r = run(
        'Coach Paul Lopes was asked about his rival. "I met John Carver yesterday and he was in great form," '
        "he said."
    )
    assert quotes(r) == [("I met John Carver yesterday and he was in great form", "Paul Lopes")]


def test_the_demonym_refers_back_to_the_person_last_named():
    r = run(
        'Carlos Ibarra, 22, was gracious in defeat. "Jannik Moretti deserved it today, he was better," '
        "the Spaniard told reporters."
    )
    assert quotes(r) == [("Jannik Moretti deserved it today, he was better", "Carlos Ibarra")]


def test_a_quote_in_the_first_person_inside_a_transcript_turn_is_the_labelled_speaker():
    text = (
        "MS. OKAFOR: Good morning. Our envoy, Dan Ross, met both delegations yesterday. I will not predict "
        'the outcome, but we believe "a settlement is within reach if both sides move."\n\n'
        'MR. VALE: The harbour master told our duty officer, and I quote, "the channel is closed to all '
        'traffic."\n'
    )
    r = run(text)
    assert quotes(r) == [
        ("a settlement is within reach if both sides move.", "Okafor"),
        ("the channel is closed to all traffic.", None),
    ]


def test_said_and_a_title_opening_with_an_organisation_is_the_person_not_the_organisation():
    for title, name in (("UN Special Envoy", "Lena Fisk"), ("WHO Director-General", "Amara Diallo")):
        r = run(f'"The ceasefire must hold for the talks to go ahead," said {title} {name}.')
        assert quotes(r) == [("The ceasefire must hold for the talks to go ahead", name)]


def test_a_role_as_speaker_is_its_holder_when_the_text_names_one_else_nobody():
    named = "Director-General Amy Pope opened the session. "
    unnamed = "The agency met donors on Monday. "
    for said in (
        '"We are running out of food for the camps," the Director-General said.',
        '"We are running out of food for the camps," said the Director-General.',
    ):
        assert quotes(run(named + said)) == [("We are running out of food for the camps", "Amy Pope")]
        assert quotes(run(unnamed + said)) == [("We are running out of food for the camps", None)]


def test_he_added_is_the_speaker_going_on_not_the_last_man_named():
    text = (
        '"We will rebuild the bridge," said Tomas Berg, the mayor. He met minister Olaf Brenner at the site. '
        '"Every family will have power by Friday," he {verb}.'
    )
    for verb in ("added", "continued"):
        assert [s for _, s in quotes(run(text.format(verb=verb)))] == ["Tomas Berg", "Tomas Berg"], verb
    woman = text.replace("Tomas Berg", "Maria Lind").format(verb="added")
    assert [s for _, s in quotes(run(woman))] == ["Maria Lind", "Olaf Brenner"]  # "he" cannot be her


def test_said_a_title_abbreviation_and_a_name_goes_to_the_name():
    r = run(
        "\u201cIt is an honour to host these athletes again this year,\u201d said Gen. Ana Ruiz, the "
        "camp's commander. \u201cThe games help them recover their strength,\u201d she added."
    )
    assert quotes(r) == [
        ("It is an honour to host these athletes again this year", "Ana Ruiz"),
        ("The games help them recover their strength", "Ana Ruiz"),
    ]


def test_he_after_an_unnamed_office_spoke_is_that_office_not_the_last_name():
    text = (
        "The forum was opened by the Harbour Envoy, Tom Long.\n\n"
        "The Minister stressed that fuel made no sense.\n\n"
        "\u201cWind is the peace plan of this century,\u201d he said."
    )
    assert quotes(run(text)) == [("Wind is the peace plan of this century", None)]
    named = run("Ole Dahl is the Minister. " + text)
    assert quotes(named) == [("Wind is the peace plan of this century", "Ole Dahl")]


def test_a_quoted_paragraph_after_a_quoted_speech_goes_on_with_that_speaker_unless_another_is_named():
    speech = (
        "\u201cWho here can say that we did not see this coming?\u201d asked Ana Ruiz.\n\n"
        "\u201cWe once promised to protect every child from this war.\u201d"
    )
    assert quotes(run(speech))[1] == ("We once promised to protect every child from this war.", "Ana Ruiz")
    other = speech.replace("\n\n", "\n\nTom Long nodded.\n\n")
    assert quotes(run(other))[1][1] != "Ana Ruiz"


def test_a_title_of_a_work_in_quotes_is_no_quote():
    r = run(
        'Fans of "Dancing up with the Neighbours" and "Ten Out of 10 Dogs" met. Ana Ruiz said '
        '"we will all watch the final together" at home.'
    )
    assert [t for t, _ in quotes(r)] == ["we will all watch the final together"]


def test_quoted_paragraphs_under_a_reporting_verb_and_a_colon_belong_to_its_subject():
    text = (
        "The campaign starts today.\n\nHarbour minister Ana Ruiz said:\n\n"
        "\u2018Young people need better advice about the sea, and this will give it to them.\n\n"
        "\u2018We know the campaign works, most of them say they would use it.\u2019"
    )
    assert quotes(run(text))[-1] == (
        "We know the campaign works, most of them say they would use it.",
        "Ana Ruiz",
    )
    between = text.replace("said:\n\n", "said:\n\nThe advice is free.\n\n")
    assert quotes(run(between))[-1][1] is None


def test_a_speaker_whose_given_name_no_list_knows_is_still_the_speaker():
    r = run(
        "\u201cWe will act on this now,\u201d said Oyelaran Adebayo. \u201cIt is urgent for all,\u201d he added."
    )
    assert quotes(r) == [
        ("We will act on this now", "Oyelaran Adebayo"),
        ("It is urgent for all", "Oyelaran Adebayo"),
    ]
