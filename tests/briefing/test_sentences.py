import time
from pathlib import Path

import pytest

from briefer.briefing import briefing_from_text, split_sentences

BUNDLED = Path(__file__).resolve().parents[2] / "briefings"
BRIEFINGS = Path(__file__).resolve().parents[2] / "briefings"


def sentences(text):
    spans = split_sentences(text, 0, len(text))
    return [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations
        (
            "The U.S. Army met Mr. Smith and Mrs. Jones. They talked.",
            ["The U.S. Army met Mr. Smith and Mrs. Jones.", "They talked."],
        ),
        (
            "Dr. Ann Lee and Col. Dave Butler met Gen. Ray Odom. Ms. Wu joined.",
            ["Dr. Ann Lee and Col. Dave Butler met Gen. Ray Odom.", "Ms. Wu joined."],
        ),
        (
            "Lt. Ames, Sen. Baker, Rep. Cole and Gov. Dunn spoke. Then they left.",
            ["Lt. Ames, Sen. Baker, Rep. Cole and Gov. Dunn spoke.", "Then they left."],
        ),
        (
            "On Jan. 5 and Feb. 9, then Nov. 20 and Dec. 1, it rained. Dry after.",
            ["On Jan. 5 and Feb. 9, then Nov. 20 and Dec. 1, it rained.", "Dry after."],
        ),
        (
            "He lives at No. 10 on St. James Street. It is old.",
            ["He lives at No. 10 on St. James Street.", "It is old."],
        ),
        (
            "Tents, kits, etc. were sent. Acme Inc. and Bolt Corp. and Cray Ltd. agreed. Done.",
            ["Tents, kits, etc. were sent.", "Acme Inc. and Bolt Corp. and Cray Ltd. agreed.", "Done."],
        ),
        ("It was Smith vs. Jones. Jones won.", ["It was Smith vs. Jones.", "Jones won."]),
        ("Smith v. Jones was heard. Type V. The end.", ["Smith v. Jones was heard.", "Type V.", "The end."]),
        # initials
        ("J. D. Vance spoke. He left.", ["J. D. Vance spoke.", "He left."]),
        ("Author J. A. Smith wrote it.", ["Author J. A. Smith wrote it."]),
        # decimals and numbers
        (
            "Growth was 3.5 percent, up from 2.25. It rose again.",
            ["Growth was 3.5 percent, up from 2.25.", "It rose again."],
        ),
        ("The toll rose to 37. Officials said so.", ["The toll rose to 37.", "Officials said so."]),
        # quotes closing after the full stop
        (
            '"We are ready for constructive work." Next came the vote.',
            ['"We are ready for constructive work."', "Next came the vote."],
        ),
        (
            "“It is done.” She left. ‘Fine.’ He stayed.",
            ["“It is done.”", "She left.", "‘Fine.’", "He stayed."],
        ),
        (
            'He said it was "remarkably constructive." All agreed.',
            ['He said it was "remarkably constructive."', "All agreed."],
        ),
        (
            '"Do you accept that?" she asked. "No," he said.',
            ['"Do you accept that?" she asked.', '"No," he said.'],
        ),
        # ellipses
        ("He paused... then spoke. Wait… The end.", ["He paused... then spoke.", "Wait…", "The end."]),
        # ? and !
        ("Is it over? Yes! Go now.", ["Is it over?", "Yes!", "Go now."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        # an abbreviation that ends the sentence
        (
            "Troops arrived in the U.S. The next day they left.",
            ["Troops arrived in the U.S.", "The next day they left."],
        ),
        (
            "The deal was signed by Acme Inc. It takes effect soon.",
            ["The deal was signed by Acme Inc.", "It takes effect soon."],
        ),
        (
            "U.S. President Donald Trump spoke. U.S. officials agreed.",
            ["U.S. President Donald Trump spoke.", "U.S. officials agreed."],
        ),
        ("He said no. The talks ended.", ["He said no.", "The talks ended."]),
        # numbered headings and lists are not sentences of their own
        ("1. HIGHLIGHTS", ["1. HIGHLIGHTS"]),
        (
            "1.1 As of 14 March, 212,400 people are affected. More came.",
            ["1.1 As of 14 March, 212,400 people are affected.", "More came."],
        ),
        ("Situation Report No. 4", ["Situation Report No. 4"]),
        # list items without final punctuation, markdown emphasis
        ("Mediated talks collapsed", ["Mediated talks collapsed"]),
        ("**Note.** Read on", ["**Note.**", "Read on"]),
        # URLs and domains
        ("See example.com/a.b for more. Then stop.", ["See example.com/a.b for more.", "Then stop."]),
    ],
)
def test_split(text, expected):
    assert sentences(text) == expected


def test_spans_are_absolute_offsets_within_the_range_and_exclude_whitespace():
    text = "IGNORED. \n  First one.   Second one \n\n AFTER."
    start, end = text.index("First") - 3, text.index("AFTER") - 3
    spans = split_sentences(text, start, end)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one"]
    for a, b in spans:
        assert text[a:b] == text[a:b].strip() and start <= a < b <= end


def test_empty_and_blank_ranges_have_no_sentences():
    assert split_sentences("", 0, 0) == []
    assert split_sentences("   \n\t ", 0, 6) == []


def test_default_range_is_the_whole_text():
    assert split_sentences("One. Two.") == [(0, 4), (5, 9)]


def test_two_megabytes_of_news_split_in_well_under_a_second():
    news = "\n".join(p.read_text(encoding="utf-8") for p in sorted(BRIEFINGS.glob("*.*")))
    text = news * (2_000_000 // len(news) + 1)
    started = time.perf_counter()
    spans = split_sentences(text, 0, len(text))
    elapsed = time.perf_counter() - started
    assert len(spans) > 10_000
    assert elapsed < 0.5, f"{elapsed:.2f} s"


def test_dense_abbreviations_stay_linear():
    unit = (
        'Mr. J. D. Vance said on Nov. 20 that the U.S. plan was "ready." It costs 3.5 billion... '
        "Officials agreed? Yes! In the U.S. The next day, No. 10 replied.\n"
    )
    text = unit * (1_000_000 // len(unit))
    started = time.perf_counter()
    spans = split_sentences(text, 0, len(text))
    assert len(spans) == 6 * (1_000_000 // len(unit))
    assert time.perf_counter() - started < 1.5


def test_pathological_inputs_stay_linear():
    # 200 KB each: a quadratic pass would take minutes, a linear one well under a second.
    for text in ("." * 200_000, ". " * 100_000, "a" * 200_000 + ".", " " * 200_000 + "x.", "A. " * 70_000):
        started = time.perf_counter()
        split_sentences(text)
        assert time.perf_counter() - started < 1.0


def test_whole_two_megabyte_text_briefing_loads_quickly():
    paragraph = "The minister said on Thursday that talks would resume. " * 20
    text = "\n\n".join([paragraph] * (2_000_000 // len(paragraph)))
    started = time.perf_counter()
    briefing = briefing_from_text(text, fmt="text")
    assert time.perf_counter() - started < 2.0
    assert len(briefing.sentences) == 20 * len(briefing.blocks)


def test_no_sentence_of_the_bundled_briefings_starts_in_lower_case_or_after_an_abbreviation():
    from briefer.briefing import load

    paths = sorted(BUNDLED.glob("*.*[dt]"))
    assert len(paths) >= 6
    for path in paths:
        briefing = load(path)
        for a, b in briefing.sentences:
            sentence = briefing.body[a:b]
            assert not sentence[0].islower(), (path.name, sentence)
            assert not sentence.endswith((" Mr.", " Dr.", " No.", " U.S.", " Gen.", " Col.")), (
                path.name,
                sentence,
            )
