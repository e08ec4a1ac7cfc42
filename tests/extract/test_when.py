"""WHEN: every common date form, relative expressions, durations and weekday direction."""

from __future__ import annotations

import pytest

from tests.extract.conftest import places, run, times

REF = "2026-03-12"  # a Thursday


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("The deal was signed on 20 November 2025 in Paris.", "20 November 2025", "2025-11-20"),
        ("The deal was signed on November 20, 2025, in Paris.", "November 20, 2025", "2025-11-20"),
        ("The deal was signed on Nov. 20 in Paris.", "Nov. 20", "2025-11-20"),
        ("The vote is due on April 2.", "April 2", "2026-04-02"),
        ("Prices were last checked on 2026-02-27.", "2026-02-27", "2026-02-27"),
        ("As of 14 March, 200 people were affected.", "14 March", "2026-03-14"),
        ("Talks resume in June.", "June", "2026-06"),
        ("The plant closed in October 2024.", "October 2024", "2024-10"),
        ("The mine opened in 1998.", "1998", "1998"),
        ("Work will finish by the end of May.", "the end of May", "2026-05"),
        ("Sales slowed in early July last year.", "early July", "2025-07"),
        ("He resigned last week.", "last week", "2026-W10"),
        ("The council meets next month.", "next month", "2026-04"),
        ("The firm was founded last year.", "last year", "2025"),
        ("Earlier this year, the ministry changed course.", "Earlier this year", "2026"),
        ("The report came out yesterday.", "yesterday", "2026-03-11"),
        ("The results are due tomorrow.", "tomorrow", "2026-03-13"),
        ("The talks will end before the end of the year.", "the end of the year", "2026"),
    ],
)
def test_date_forms(sentence, text, value):
    assert times(run(sentence, REF)).get(text) == value


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("The strike lasted for about a month.", "about a month", "P1M"),
        ("She has worked there for three years.", "three years", "P3Y"),
        ("The crew waited almost 40 minutes.", "almost 40 minutes", "PT40M"),
        ("Pumping will take around 48 hours.", "around 48 hours", "PT48H"),
        ("They gave a 7-day ultimatum.", "7-day", "P7D"),
        ("Stocks have fallen for more than a decade.", "more than a decade", "P10Y"),
        ("Aid is needed within the next two weeks.", "the next two weeks", "P2W"),
    ],
)
def test_durations(sentence, text, value):
    assert times(run(sentence, REF)).get(text) == value


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("Leaders will meet in the coming days.", "the coming days", "FUTURE_REF"),
        ("Prices are now higher.", "now", "PRESENT_REF"),
    ],
)
def test_vague_references(sentence, text, value):
    assert times(run(sentence, REF)).get(text) == value


def test_ranges_take_the_value_of_their_start():
    t = times(run("At least 30 people died between 2 and 9 March. Talks ran 11\u201312 June.", REF))
    assert t["2 and 9 March"] == "2026-03-02"
    assert t["11\u201312 June"] == "2025-06-11"  # past tense: last June


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The minister resigned on Monday.", "2026-03-09"),  # past: the Monday before
        ("The minister resigned on Thursday.", "2026-03-12"),  # past, same weekday: the reference day
        ("The minister will resign on Monday.", "2026-03-16"),  # future: the Monday after
        ("The summit is set for next Tuesday.", "2026-03-17"),
        ("The vote took place last Friday.", "2026-03-06"),
        ("Crews were flown out on Tuesday night and are now safe.", "2026-03-10"),
        # what follows an infinitive tells no time: "plan" there is a noun, "meet" a purpose
        ("Anna Berg met Tomas Lind in Riga on Monday to discuss the peace plan.", "2026-03-09"),
        ("The envoy flew to Riga on Monday to meet the ministers.", "2026-03-09"),
        ("Ministers meet in Riga on Monday to agree the budget.", "2026-03-16"),
    ],
)
def test_weekday_direction_follows_tense(sentence, value):
    found = [t["value"] for t in run(sentence, REF)["when"] if "day" in t["text"]]
    assert found == [value]


def test_without_a_reference_date_relative_values_stay_open():
    t = times(run("He resigned on Monday and leaves next month. The plan dates from 2019.", None))
    assert t["Monday"] is None
    assert t["next month"] is None
    assert t["2019"] == "2019"


def test_briefing_date_wins_over_the_argument():
    from briefer.briefing import briefing_from_text
    from briefer.extract import analyse

    b = briefing_from_text("---\ndate: 2026-01-05\n---\nThe talks ended yesterday.\n", fmt="markdown")
    a = analyse(b, "2020-01-01")
    assert a["briefing"]["date"] == "2026-01-05"
    assert times(a)["yesterday"] == "2026-01-04"


@pytest.mark.parametrize(
    "sentence",
    [
        "We may see more rain.",
        "She won 2,019 votes and 1,500 tonnes of grain.",
        "Good afternoon and welcome.",
        "A second session fared no better.",
    ],
)
def test_things_that_are_not_times(sentence):
    assert run(sentence, REF)["when"] == []


def test_offsets_point_at_the_expression():
    text = "On Wednesday, 6 May 2026 the ship ran aground."
    r = run(text, REF)
    (t,) = r["when"]
    assert text[t["start"] : t["end"]] == t["text"] == "Wednesday, 6 May 2026"
    assert t["value"] == "2026-05-06"


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("The plant closed three days ago.", "three days ago", "2026-03-09"),
        ("The law changed two years ago.", "two years ago", "2024"),
        ("Output should recover by mid-2027.", "mid-2027", "2027"),
        ("The vote starts at 10 a.m. sharp.", "10 a.m.", "2026-03-12"),
    ],
)
def test_ago_mid_year_and_clock_times(sentence, text, value):
    assert times(run(sentence, REF)).get(text) == value


def test_the_past_year_is_a_duration_and_last_year_a_year():
    t = times(run("Prices rose over the past year, faster than last year.", REF))
    assert t["the past year"] == "P1Y"
    assert t["last year"] == "2025"


def test_an_unquantified_duration_is_found_without_a_value():
    t = times(run("Industry groups had fought the bill for months.", REF))
    assert "months" in t and t["months"] is None


def test_a_time_of_day_beside_a_day_takes_that_day():
    r = run(
        "The polls closed at 8 p.m. on Tuesday. Counting resumed Wednesday at 9 am. "
        "The next vote is set for 14 March at 10:30 a.m."
    )
    t = times(r)
    assert t["8 p.m."] == "2026-03-10"
    assert t["9 am"] == "2026-03-11"
    assert t["10:30 a.m."] == "2026-03-14"


def test_a_24_hour_time_counts_with_its_zone_or_two_digit_hours_but_not_a_score_or_match_clock():
    r = run("The ferry left at 0600 GMT and docked at 14:30 local time. Hosts led 2:1 at 14:30 of play.")
    t = times(r)
    assert "0600 GMT" in t and "14:30 local time" in t
    assert all(not text.startswith("2:1") for text in t)
    assert list(t).count("14:30") == 0


def test_a_month_on_the_far_side_of_the_date_follows_its_verb():
    # reference date 2026-03-12
    t = times(
        run("The inquiry heard evidence in November and December. The new terminal will open in January.")
    )
    assert t["November"] == "2025-11"
    assert t["December"] == "2025-12"
    assert t["January"] == "2027-01"


def test_a_scheduled_event_in_the_present_tense_is_ahead():
    # reference date 2026-03-12 is a Thursday
    t = times(run("The summit opens in Lisbon on Saturday, and the final round of talks begins Monday."))
    assert t["Saturday"] == "2026-03-14"
    assert t["Monday"] == "2026-03-16"


def test_ranges_between_dates_years_and_months():
    t = times(
        run(
            "Talks run between June 2 and June 4 in Almaty. Rainfall between 2019 and 2023 fell. "
            "Sales in the April-June period rose, third-quarter profit fell, and the first quarter of 2025 "
            "was flat. Prices rose between 2 and 5 percent."
        )
    )
    assert t["June 2 and June 4"] == "2026-06-02"
    assert t["2019 and 2023"] == "2019"
    assert t["April-June"] == "2026-04"
    assert "third-quarter" in t
    assert t["the first quarter of 2025"] == "2025-Q1"
    assert not any("percent" in text or text.startswith("2 and") for text in t)
    assert places(run("Sales in the April-June period rose.")) == []


def test_a_local_time_and_its_gmt_equivalent_both_take_the_day_after_them():
    t = times(run("The blast came at 3 p.m. local time (1200 GMT) on 2 March."))
    assert t["3 p.m. local time"] == "2026-03-02"
    assert t["1200 GMT"] == "2026-03-02"


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        # deictic present, vague past, frequency (sentences invented for the classes seen on unseen text)
        ("At this point, no decision has been taken.", "At this point", "PRESENT_REF"),
        ("We need a ceasefire right now, she said.", "right now", "PRESENT_REF"),
        ("Prices are high at the moment.", "at the moment", "PRESENT_REF"),
        ("The ministry said some months ago that it would act.", "some months ago", "PAST_REF"),
        ("The plan was drawn up some time ago.", "some time ago", "PAST_REF"),
        ("Inspectors visit the site every day.", "every day", None),
        ("The board meets twice a year.", "twice a year", None),
        ("The report is published annually.", "annually", None),
        # periods named by their end, hyphenated and fractional durations
        ("The payment is due at the end of the month.", "the end of the month", "2026-03"),
        ("Talks resume at the end of next month.", "the end of next month", "2026-04"),
        ("Delegates attended a two-day summit.", "two-day", "P2D"),
        ("He served four and a half years in the post.", "four and a half years", "P4.5Y"),
        ("The works took a year and a half.", "a year and a half", "P1.5Y"),
        # a month with its modifier, read from the reference month
        ("Sales rose last July, the company said.", "last July", "2025-07"),
        ("Sales rose last March, the company said.", "last March", "2025-03"),
        ("Elections are due next February.", "next February", "2027-02"),
        ("The plant reopens this May.", "this May", "2026-05"),
    ],
)
def test_deictic_vague_frequency_and_modified_expressions(sentence, text, value):
    assert times(run(sentence, date=REF)).get(text, "missing") == value


def test_a_weekday_set_or_scheduled_for_is_ahead():
    for verb in ("set", "scheduled", "slated"):
        found = times(run(f"The vote is {verb} for Friday at noon.", date=REF))
        assert found["Friday"] == "2026-03-13" and found["noon"] == "2026-03-13", verb
    assert times(run("They set fire to the depot on Friday.", date=REF))["Friday"] == "2026-03-06"


def test_numbers_inside_names_and_ages_are_not_durations_or_years():
    assert times(run("The Vision 2040 plan was launched by the cabinet.", date=REF)) == {}


@pytest.mark.parametrize(
    "text, month, value",
    [
        ("In March 2024 the plan was drafted. By June, it had stalled.", "June", "2024-06"),
        ("In November 2023 talks began. In February, they collapsed.", "February", "2024-02"),
        ("Talks began on 3 May 2022. On 9 June the parties met again.", "9 June", "2022-06-09"),
        # another paragraph, a clause about the future, a bare year: the reference date decides
        ("In March 2024 the plan was drafted.\n\nBy June, it had stalled.", "June", "2026-06"),
        ("In March 2024 the plan was drafted. The review will end in June.", "June", "2026-06"),
        ("The record has stood since 2007. Rain fell on 5 March.", "5 March", "2026-03-05"),
    ],
)
def test_a_month_without_its_year_takes_the_year_of_the_date_that_sets_the_scene(text, month, value):
    assert times(run(text, date=REF))[month] == value


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        # ranges take their start's value (GOLD-FORMAT), with the year read as a date's would be
        ("The festival runs 14-21 August.", "14-21 August", "2026-08-14"),
        ("The talks ran on July 28-29, 2025.", "July 28-29, 2025", "2025-07-28"),
        ("Rain fell between 2 and 9 March.", "2 and 9 March", "2026-03-02"),
        ("The works run June-July 2027.", "June-July 2027", "2027-06"),
        ("The scheme ran from 2003-2008.", "2003-2008", "2003"),
        ("The budget for 2024/25 was cut.", "2024/25", "2024"),
        ("Profits rose in fiscal 2026 and in FY22.", "fiscal 2026", "2026"),
        # a date with its year in words, seasons, holidays, the weekend, the future
        ("The deadline is December 31st of this year.", "December 31st of this year", "2026-12-31"),
        ("The law took effect on February 2nd of 2021.", "February 2nd of 2021", "2021-02-02"),
        ("The plant reopens this summer.", "this summer", "2026"),
        ("Shops expect crowds this Christmas.", "this Christmas", "2026-12-25"),
        ("Markets were calm over the weekend.", "the weekend", "2026-W10"),
        ("The plan will be tested in the near future.", "the near future", "FUTURE_REF"),
        ("Leaders discussed the year ahead.", "the year ahead", "FUTURE_REF"),
        ("He worked there for many years.", "many years", None),
        # clock times written with a dot or on a 24-hour clock, dates in capitals
        ("Police were called at 22:35 and again at 8.35pm.", "22:35", "2026-03-12"),
        ("Police were called at 22:35 and again at 8.35pm.", "8.35pm", "2026-03-12"),
        ("THURSDAY, 30 JUNE 2022", "THURSDAY, 30 JUNE 2022", "2022-06-30"),
    ],
)
def test_ranges_fiscal_years_holidays_seasons_clocks_and_capitals(sentence, text, value):
    assert times(run(sentence, date=REF)).get(text, "missing") == value


def test_the_future_of_something_and_a_score_are_not_times():
    assert times(run("They debated the future of Europe.", date=REF)) == {}
    assert times(run("Read John 3:16 aloud.", date=REF)) == {}


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        # a range written as two dates, two months, two years or two clock times is one expression,
        # valued at its start (GOLD-FORMAT), the start's year read from the end when only it has one
        ("The fair ran from 3 May to 9 June 2025.", "3 May to 9 June 2025", "2025-05-03"),
        ("Roads close from October 30 to November 2, 2025.", "October 30 to November 2, 2025", "2025-10-30"),
        ("The lease runs from 1 April 2026 to 31 March 2031.", "1 April 2026 to 31 March 2031", "2026-04-01"),
        ("She chaired the board from 1988 to 1996.", "1988 to 1996", "1988"),
        (
            "The dry season lasts from November through February 2025.",
            "November through February 2025",
            "2024-11",
        ),
        ("Offices close from 30 December to 2 January 2026.", "30 December to 2 January 2026", "2025-12-30"),
        ("The helpline is staffed between 9am and 5pm.", "9am and 5pm", "2026-03-12"),
        ("Counters will open 8 a.m. to 4 p.m. on Friday.", "8 a.m. to 4 p.m.", "2026-03-13"),
    ],
)
def test_a_range_of_two_dates_months_years_or_clock_times_is_one_expression(sentence, text, value):
    found = times(run(sentence, date=REF))
    assert found.get(text, "missing") == value, found


def test_two_times_joined_by_and_outside_between_stay_two():
    found = times(run("Trains leave at 7am and 9pm.", date=REF))
    assert "7am" in found and "9pm" in found


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # noon or midnight before a noun names an event, or a heading, not its time
        ("Reporters gathered for the noon briefing.", {}),
        ("**Midnight Vigil Programme", {}),
        ("Crowds held a midnight vigil outside.", {}),
        ("The polls will close at midnight on Sunday.", {"midnight": "2026-03-15", "Sunday": "2026-03-15"}),
        ("The ceasefire starts at noon GMT.", {"noon": "2026-03-12"}),
        # a sentence opened by "Now," turns to the next point; "now" inside a clause is the present
        ("Now, as I said, the talks were useful.", {}),
        ("Now, let me turn to the budget.", {}),
        ("The talks are now over.", {"now": "PRESENT_REF"}),
        # a year after an article or a possessive dates the noun that follows
        ("According to a 2019 household survey, most agreed.", {"2019": "2019"}),
        ("Kenya's 2022 election was contested.", {"2022": "2022"}),
        ("The council trimmed its 2025 budget.", {"2025": "2025"}),
        # a fiscal year written as one word
        ("The agency asked for more in its FY27 request.", {"FY27": "2027"}),
    ],
)
def test_event_labels_discourse_now_dated_nouns_and_fiscal_years(sentence, expected):
    assert times(run(sentence, date=REF)) == expected


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        # reference date 2026-03-12, a Thursday
        # the comma after an opening weekday does not cut it off from its clause's verb
        ("On Saturday, the envoy will visit the camp.", "Saturday", "2026-03-14"),
        ("On Monday, the envoy visited the camp.", "Monday", "2026-03-09"),
        # "to be" + participle looks ahead ("to be held in May"), where the participle alone is past
        ("Seeds are expected to be handed out in June-July.", "June-July", "2026-06"),
        ("Seeds were handed out in June-July.", "June-July", "2025-06"),
        # "next <weekday>" is that day of next week, even when this week's is still ahead
        ("The board meets again next Friday.", "next Friday", "2026-03-20"),
        ("The board meets again next Monday.", "next Monday", "2026-03-16"),
    ],
)
def test_opening_weekdays_infinitive_passives_and_next_weekday(sentence, text, value):
    assert times(run(sentence, date=REF)).get(text, "missing") == value


def test_times_of_day_without_their_day_are_on_the_day_the_narrative_is_on():
    # reference date 2026-03-12, a Thursday: "Tuesday" is the 10th
    text = (
        "The flood defences failed at 6.40am on Tuesday.\n\n"
        "At 10:15, the first boats reached the estate.\n\n"
        "At 3pm, the army arrived. During the evening, pumps were brought in."
    )
    found = times(run(text, date=REF))
    assert found["6.40am"] == found["10:15"] == found["3pm"] == found["the evening"] == "2026-03-10"


@pytest.mark.parametrize(
    "text, clock, value",
    [
        # a day named in the same paragraph carries a time of day after it
        ("The strike began on Monday. Pickets left at 6pm.", "6pm", "2026-03-09"),
        # not one named in another paragraph with no times of day since, nor a past day for a clause ahead
        ("The strike began on Monday.\n\nPickets left at 6pm.", "6pm", "2026-03-12"),
        ("The strike began on Monday. Talks will resume at 6pm.", "6pm", "2026-03-12"),
    ],
)
def test_a_time_of_day_takes_a_day_only_from_its_own_narrative(text, clock, value):
    assert times(run(text, date=REF))[clock] == value


def test_greetings_are_not_parts_of_the_day():
    assert times(run("Good afternoon, everyone. Good evening to our viewers.", date=REF)) == {}


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        # ages, as the durations they are, a range valued at its start
        ("The survey asked 900 people aged 16 to 24 about housing.", "16 to 24", "P16Y"),
        ("Most of the players are 12 to 15 year olds.", "12 to 15 year olds", "P12Y"),
        ("The scheme is open to anyone aged 65 and over.", "65", "P65Y"),
        # vague spans: "in decades", "for generations", "a short while", "the long term", "those days"
        ("It was the worst storm in decades.", "decades", None),
        ("The family has farmed here for generations.", "generations", None),
        ("In a little while, the minister will arrive.", "a little while", "FUTURE_REF"),
        ("Over the long term, costs will fall.", "the long term", None),
        ("People were poorer in those days.", "those days", "PAST_REF"),
        # the opening or closing stretch of a period, ordinal centuries, seasons of the year
        ("The first weeks of the strike were calm.", "The first weeks", None),
        ("It was a hard first year for the new mayor.", "first year", "P1Y"),
        ("Ports were built in the 18th century.", "the 18th century", None),
        ("The mills closed in the nineteenth century.", "the nineteenth century", None),
        ("Roads are busy at this time of year.", "this time of year", None),
        ("Many shops shut over the Easter holidays.", "the Easter holidays", None),
    ],
)
def test_ages_vague_spans_opening_stretches_and_centuries(sentence, text, value):
    assert times(run(sentence, date=REF)).get(text, "missing") == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Once in a while the river floods.",  # a frequency, not a span
        "The long-term impact is unclear.",  # an adjective before its noun
        "The first time she voted, she was nervous.",
        "The Christmas tree went up in the square.",
    ],
)
def test_look_alikes_of_vague_spans_are_not_times(sentence):
    assert times(run(sentence, date=REF)) == {}


def test_days_named_from_the_narratives_day_are_counted_from_it():
    # reference date 2026-03-12; the story is on Monday the 9th, then moves on
    text = (
        "The dam gave way on Monday. The next day, rescuers reached the valley. "
        "Three days later, the river fell. The day before the collapse, engineers had warned. "
        "That evening, the mayor spoke."
    )
    found = times(run(text, date=REF))
    assert found["Monday"] == "2026-03-09"
    assert found["The next day"] == "2026-03-10"
    assert found["Three days later"] == "2026-03-13"
    assert found["That evening"] == "2026-03-13"


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("The port was shut two weeks ago.", "two weeks ago", "2026-02-26"),  # a day, as GOLD-FORMAT says
        ("Talks ended overnight.", "overnight", "2026-03-12"),
        ("Shelling began at dawn.", "dawn", "2026-03-12"),
        ("The bridge opened in spring 2024.", "spring 2024", "2024"),
        ("Floods hit in the summer of last year.", "the summer of last year", "2025"),
        ("The rules take effect in the autumn 2027.", "the autumn 2027", "2027"),
        ("Turnout was high this past weekend.", "this past weekend", "2026-W10"),
        ("Profits fell in H2 2025.", "H2 2025", "2025"),
        ("Coal will be phased out by the end of the decade.", "the end of the decade", None),
        ("The office will open Monday through Friday.", "Monday through Friday", "2026-03-16"),
        ("Rallies were held on the eve of the vote.", "the eve", None),
    ],
)
def test_relative_days_seasons_half_years_and_weekday_ranges(sentence, text, value):
    assert times(run(sentence, date=REF)).get(text, "missing") == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Athletes trained for the Summer Games.",  # a capitalised season names an event
        "The fall of the city shocked the world.",
        "Banks lend at the overnight rate.",
        "It marked the dawn of a new era.",
    ],
)
def test_seasons_and_parts_of_the_day_inside_names_and_figures_are_not_times(sentence):
    assert times(run(sentence, date=REF)) == {}


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        # years in words, as a speaker or a transcript gives them
        ("The bridge was built in nineteen sixty-two.", "nineteen sixty-two", "1962"),
        ("Nineteen eighty-four was a hard year for miners.", "Nineteen eighty-four", "1984"),
        ("The mill closed in nineteen oh five.", "nineteen oh five", "1905"),
        ("The clinic opened in two thousand and nine.", "two thousand and nine", "2009"),
        ("By twenty thirty, the fleet will be electric.", "twenty thirty", "2030"),
        # compound numbers in words count their units
        ("The lease runs for twenty-five years.", "twenty-five years", "P25Y"),
        ("Rescuers searched for some forty-eight hours.", "some forty-eight hours", "PT48H"),
    ],
)
def test_years_and_counts_in_words(sentence, text, value):
    assert times(run(sentence, date=REF)).get(text, "missing") == value


@pytest.mark.parametrize(
    "sentence",
    [
        "There were two thousand and nine people on board.",  # a count
        "She handed over nineteen twenty-dollar bills.",
        "Nineteen hundred people signed the letter.",
    ],
)
def test_counts_in_words_are_not_years(sentence):
    assert times(run(sentence, date=REF)) == {}


@pytest.mark.parametrize(
    "text, expression, value",
    [
        # a period before or after the narrative's, counted from the last year or day the text gave
        ("The mine opened in 2019. The following year, it flooded.", "The following year", "2020"),
        ("The mine opened in 2019. Three years later, it closed.", "Three years later", "2022"),
        ("Exports fell 4% from the previous year.", "the previous year", "2025"),
        ("The mine opened in 2019. Two days later, it flooded.", "Two days later", None),  # which day?
        ("The day before the vote, rallies were held.", "The day before", None),  # the vote's day?
        ("Polls closed on Sunday. The day after, the count began.", "The day after", "2026-03-09"),
        # unquantified spans: "within days", "hours after the", "minutes later"
        ("Aid arrived within days.", "days", None),
        ("Rebels struck hours after the deal was signed.", "hours", None),
        ("Minutes later, the roof fell in.", "Minutes later", None),
        ("The style spread in the early 20th century.", "the early 20th century", None),
    ],
)
def test_periods_counted_from_the_narrative_and_unquantified_spans(text, expression, value):
    assert times(run(text, date=REF)).get(expression, "missing") == value


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        # a sentence or a spell in two units is one duration; two counts of one unit stay two
        ("He was jailed for 11 years and three months.", "11 years and three months", "P11Y3M"),
        ("The siege lasted two days and six hours.", "two days and six hours", "P2DT6H"),
        ("They were jailed for 96 months and 48 months, respectively.", "96 months", "P96M"),
        ("They were jailed for 96 months and 48 months, respectively.", "48 months", "P48M"),
        # the present as the end of a span
        ("The scheme ran from March 2020 through the present.", "the present", "PRESENT_REF"),
    ],
)
def test_durations_in_two_units_and_the_present(sentence, text, value):
    assert times(run(sentence, date=REF)).get(text, "missing") == value


def test_the_present_as_an_adjective_is_no_time():
    assert times(run("The present crisis began in the port.", date=REF)) == {}


@pytest.mark.parametrize(
    "text, date, value",
    [
        # numeric dates, read day or month first as the text writes its other dates
        ("Rains began on 4 May (WFP 09/05/2025).", "09/05/2025", "2025-05-09"),
        ("Rains began on May 4 (WFP 09/05/2025).", "09/05/2025", "2025-09-05"),
        ("The order was filed 3/15/2024.", "3/15/2024", "2024-03-15"),  # 15 cannot be a month
        ("The statute took effect on 12.05.2021.", "12.05.2021", "2021-05-12"),  # dotted: day first
    ],
)
def test_numeric_dates(text, date, value):
    assert times(run(text, date=REF)).get(date, "missing") == value


def test_fractions_and_version_strings_are_not_numeric_dates():
    assert times(run("Mix 1/2/2020x of the batch.", date=REF)) == {}


@pytest.mark.parametrize(
    "sentence, value",
    [
        # reference date 2026-03-12, a Thursday: a scheduling verb in the present looks ahead
        ("Finance ministers meet in Oslo on Saturday.", "2026-03-14"),
        ("The envoy travels to Cairo on Monday.", "2026-03-16"),
        ("Chile votes on Sunday in a runoff.", "2026-03-15"),
        # after an article it is a noun, and "did not" keeps it in the past
        ("The vote on Sunday was close.", "2026-03-08"),
        ("The council did not meet on Monday.", "2026-03-09"),
    ],
)
def test_scheduling_verbs_in_the_present_look_ahead(sentence, value):
    found = [t["value"] for t in run(sentence, date=REF)["when"]]
    assert found == [value]


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("The games are held every four years.", "every four years", None),  # a frequency, not a span
        ("Buses leave every 10 minutes.", "every 10 minutes", None),
        ("The show runs until 4 January.", "4 January", "2027-01-04"),  # runs on: ahead
    ],
)
def test_counted_frequencies_and_a_run_until_a_date(sentence, text, value):
    assert times(run(sentence, date=REF)).get(text, "missing") == value


def test_a_count_beyond_the_calendar_has_no_value():
    found = times(run("The rock formed 99999999 days ago and cooled 99999999 days later.", date=REF))
    assert found == {"99999999 days ago": "PAST_REF", "99999999 days later": None}
