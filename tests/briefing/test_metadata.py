"""Front matter, datelines and title fallback."""

import time
from pathlib import Path

import pytest

from briefer.briefing import briefing_from_text, load


def test_front_matter_fields_and_body_after_it():
    text = (
        "---\n"
        'title: "Talks stall"\n'
        "date: 2026-03-12\n"
        "source: Meridian Wire\n"
        "url: https://example.org/a\n"
        "tags: [diplomacy, energy/nuclear]\n"
        "---\n"
        "\nVIENNA, March 12 (Other Agency) – Text.\n"
    )
    briefing = briefing_from_text(text, fmt="markdown")
    assert briefing.title == "Talks stall"
    assert briefing.date == "2026-03-12"
    assert briefing.source == "Meridian Wire"  # front matter wins over the dateline
    assert briefing.url == "https://example.org/a"
    assert briefing.tags == ("diplomacy", "energy/nuclear")
    assert briefing.body == "\nVIENNA, March 12 (Other Agency) – Text.\n"
    assert briefing.warnings == ()


def test_front_matter_in_a_text_file_too_and_comma_separated_tags():
    briefing = briefing_from_text("---\ntitle: Plain\ntags: a, b\n---\nBody.\n", fmt="text")
    assert briefing.title == "Plain" and briefing.tags == ("a", "b") and briefing.body == "Body.\n"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-11-20T09:30:00Z", "2025-11-20"),
        ('"2025-11-20"', "2025-11-20"),
        ('"November 20, 2025"', "2025-11-20"),
        ('"20 Nov 2025"', "2025-11-20"),
    ],
)
def test_front_matter_dates_become_iso_strings(value, expected):
    assert briefing_from_text(f"---\ndate: {value}\n---\nx\n").date == expected


def test_bad_yaml_front_matter_is_a_warning_and_still_leaves_the_body():
    briefing = briefing_from_text("---\ntitle: [unclosed\ndate: 2026-01-01\n---\nThe body text here.\n")
    assert briefing.body == "The body text here.\n"
    assert briefing.date is None
    assert briefing.title == "The body text here."
    assert len(briefing.warnings) == 1 and briefing.warnings[0].startswith(
        "front matter ignored: not valid YAML"
    )


def test_impossible_front_matter_date_is_a_warning():
    briefing = briefing_from_text("---\ntitle: T\ndate: 2025-02-30\n---\nBody.\n")
    assert briefing.date is None and briefing.title == "T"
    assert briefing.warnings and "2025-02-30" in briefing.warnings[0]


def test_unreadable_front_matter_values_are_warnings():
    briefing = briefing_from_text("---\ntitle: {a: 1}\ndate: sometime\ntags: {x: y}\n---\nBody here now.\n")
    assert briefing.title == "Body here now."
    assert briefing.date is None and briefing.tags == ()
    assert len(briefing.warnings) == 3


def test_markdown_between_rules_is_not_front_matter():
    text = "---\nJust a paragraph between rules\n---\n"
    briefing = briefing_from_text(text, fmt="markdown")
    assert briefing.body == text and briefing.warnings == ()


def test_unclosed_front_matter_stays_in_the_body():
    text = "---\ntitle: x\nno closing line\n"
    assert briefing_from_text(text).body == text


@pytest.mark.parametrize(
    "opening, date, source",
    [
        ("KYIV, Nov 20, 2025 (Reuters) - Ukraine said.", "2025-11-20", "Reuters"),
        ("VIENNA, March 12, 2026 (Meridian Wire) – Talks began.", "2026-03-12", "Meridian Wire"),
        (
            "SPLIT, Croatia, April 13, 2026 (Adriatic Press Agency) – Votes.",
            "2026-04-13",
            "Adriatic Press Agency",
        ),
        ("WASHINGTON, Thursday, Nov. 20, 2025 (AP) — Text.", "2025-11-20", "AP"),
        ("LONDON (Reuters) - No date here.", None, "Reuters"),
        ("November 20, 2025\n\nThe story begins.", "2025-11-20", None),
        ("TRANSCRIPT\nDen Helder, Wednesday, 6 May 2026\n\nMODERATOR: Hello.", "2026-05-06", None),
        ("Situation Report No. 4\nIssued 16 March 2026\n\nText.", "2026-03-16", None),
        ("# Heading\n\n*20 November 2025*\n\nText.", "2025-11-20", None),
    ],
)
def test_datelines_give_date_and_source(opening, date, source):
    briefing = briefing_from_text(opening, fmt="markdown" if opening.startswith("#") else "text")
    assert (briefing.date, briefing.source) == (date, source)


def test_dateline_without_a_year_gives_no_date():
    briefing = briefing_from_text("KYIV, Nov 20 (Reuters) - Zelensky said he was ready.")
    assert briefing.date is None
    assert briefing.source == "Reuters"


def test_dateline_without_a_year_takes_the_year_of_a_partial_front_matter_date():
    briefing = briefing_from_text("---\ndate: 2025\n---\nKYIV, Nov 20 (Reuters) - Zelensky said.")
    assert briefing.date == "2025-11-20" and briefing.warnings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian President Volodymyr Zelensky said on Thursday he was ready.",
        "The talks – which began on November 20, 2025 in Geneva – ended without a deal.",
        "North Sea Maritime Authority (NSMA) - press briefing on the grounding",
        "BERLIN, the capital, said - nothing more.",
    ],
)
def test_no_dateline_means_no_date_never_today(text):
    briefing = briefing_from_text(text)
    assert briefing.date is None and briefing.source is None


def test_title_falls_back_to_the_first_heading_as_plain_text():
    briefing = briefing_from_text(
        "Intro paragraph.\n\n## The **real** [title](http://x) ##\n\nMore.", fmt="markdown"
    )
    assert briefing.title == "The real title"


def test_title_falls_back_to_the_first_sentence_cut_at_a_word_near_80():
    text = (
        "Ukrainian President Volodymyr Zelensky said after talks with a top US Army official on Thursday "
        "that he was ready to work. Second sentence."
    )
    title = briefing_from_text(text).title
    assert title == "Ukrainian President Volodymyr Zelensky said after talks with a top US Army…"
    assert len(title) <= 81


def test_short_first_sentence_is_the_whole_title_and_a_dateline_is_left_out():
    assert briefing_from_text("Talks resumed. Then stopped.").title == "Talks resumed."
    assert (
        briefing_from_text("KYIV, Nov 20 (Reuters) - Talks resumed in Kyiv.").title
        == "Talks resumed in Kyiv."
    )


def test_a_one_word_label_line_is_not_the_title():
    text = "TRANSCRIPT\nNorth Sea Maritime Authority - press briefing\nDen Helder, 6 May 2026\n"
    assert briefing_from_text(text).title == "North Sea Maritime Authority - press briefing"


def test_title_of_an_empty_or_blank_briefing_is_the_file_name():
    assert briefing_from_text("", path=Path("notes/2026-brief.md")).title == "2026-brief"
    assert briefing_from_text("  \n\n", path=None).title == ""


def test_id_is_the_sha256_of_the_body_only():
    a = briefing_from_text("---\ntitle: A\n---\nSame body.\n")
    b = briefing_from_text("---\ntitle: B\n---\nSame body.\n")
    c = briefing_from_text("---\ntitle: A\n---\nOther body.\n")
    assert a.id == b.id != c.id
    assert len(a.id) == 64


def test_eval_sample_metadata(tmp_path):
    sample = Path(__file__).resolve().parents[2] / "briefings" / "01-reactor-talks.md"
    briefing = load(sample)
    assert briefing.date == "2026-03-12" and briefing.source == "Meridian Wire"
    assert briefing.body.startswith("\nVIENNA, March 12 (Meridian Wire)")


def test_yaml_aliases_in_front_matter_are_refused_at_once_not_expanded():
    """Nine nested anchors ("billion laughs") under date: ran 60 s to 2 GB before."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    text = "---\ntitle: Laughs\n" + "\n".join(lines) + "\ndate: *a9\n---\nThe body stays readable.\n"
    started = time.perf_counter()
    briefing = briefing_from_text(text, fmt="markdown")
    assert time.perf_counter() - started < 5  # generous: the point is seconds, not minutes
    assert briefing.body == "The body stays readable.\n"
    assert briefing.warnings == (
        "front matter ignored: it uses YAML aliases (*name), which briefer does not expand",
    )


def test_a_front_matter_date_that_is_a_structure_is_a_warning():
    briefing = briefing_from_text("---\ntitle: T\ndate: [2025, 11, 20]\n---\nBody.\n")
    assert briefing.date is None
    assert briefing.warnings == ("front matter date is not a date; ignored",)


def test_hand_written_front_matter_with_a_colon_in_a_value_is_read_line_by_line():
    briefing = briefing_from_text(
        "---\ntitle: Late wire: talks resume in Kyiv\ndate: 2026-12-03\nsource: Reuters\n---\nBody text.\n"
    )
    assert (briefing.title, briefing.date, briefing.source) == (
        "Late wire: talks resume in Kyiv",
        "2026-12-03",
        "Reuters",
    )
    assert briefing.body == "Body text.\n"
    assert len(briefing.warnings) == 1 and briefing.warnings[0].startswith("front matter read line by line")
