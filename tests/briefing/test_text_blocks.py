"""Plain-text paragraphs: blank lines, one-paragraph-per-line files, hard wrapping."""

import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.briefing import briefing_from_text, load
from briefer.briefing.blocks import text_blocks

SAMPLE = Path(__file__).resolve().parents[2] / "briefings" / "00-peace-plan.txt"


def paragraphs(text):
    briefing = briefing_from_text(text, fmt="text")
    assert all(b.kind == "paragraph" for b in briefing.blocks)
    return [briefing.body[b.start : b.end] for b in briefing.blocks]


def test_blank_lines_separate_paragraphs_and_whitespace_is_trimmed():
    assert paragraphs("  First para.  \n\n\n\tSecond para.\n   \nThird.") == [
        "First para.",
        "Second para.",
        "Third.",
    ]


def test_sample_with_one_paragraph_per_line_gives_one_block_per_line():
    briefing = load(SAMPLE)
    lines = [line for line in briefing.body.split("\n") if line.strip()]
    assert [briefing.body[b.start : b.end] for b in briefing.blocks] == lines
    assert len(lines) == 15


def test_hard_wrapped_paragraphs_stay_whole():
    prose = (
        "Ukrainian President Volodymyr Zelensky said after talks with a top US Army official on "
        "Thursday that he was ready to work with Washington on a plan to end the war in Ukraine."
    )
    other = (
        "European countries are pushing back against the plan, which sources said would require more land."
    )
    text = textwrap.fill(prose, 72) + "\n\n" + textwrap.fill(other, 72) + "\n"
    assert text.count("\n") > 3
    assert [" ".join(p.split()) for p in paragraphs(text)] == [prose, other]


def test_wrapped_lines_then_a_short_last_line_then_a_new_line_in_the_same_group():
    # Without a blank line, a line that was not full ends the paragraph.
    wrapped = textwrap.fill("word " * 30, 60)
    text = wrapped + "\nA new line starts after the short one."
    result = paragraphs(text)
    assert len(result) == 2 and result[1] == "A new line starts after the short one."


def test_header_of_short_lines_gives_one_block_per_line():
    text = "SOUTHERN AFRICA RELIEF ALLIANCE (SARA)\nMOZAMBIQUE: Zambezia Province floods\nSituation Report No. 4\nIssued 16 March 2026\n"
    assert paragraphs(text) == [
        "SOUTHERN AFRICA RELIEF ALLIANCE (SARA)",
        "MOZAMBIQUE: Zambezia Province floods",
        "Situation Report No. 4",
        "Issued 16 March 2026",
    ]


def test_list_lines_inside_wrapped_text_start_new_blocks():
    text = (
        "The report lists the following needs for the coming weeks in the districts:\n"
        "- tents and hygiene kits for the families who lost their homes in the flood\n"
        "1.2 water treatment for the centres that host more than their capacity now\n"
    )
    assert len(paragraphs(text)) == 3


def test_sentences_do_not_cross_lines_of_a_one_paragraph_per_line_file():
    briefing = briefing_from_text("Headline without stop\nBody sentence one. Body two\n", fmt="text")
    assert [briefing.body[a:b] for a, b in briefing.sentences] == [
        "Headline without stop",
        "Body sentence one.",
        "Body two",
    ]


def test_short_lines_that_each_end_a_sentence_are_one_paragraph_each():
    lines = [
        "The minister arrived in Vienna on Thursday for the second round of talks.",
        "Officials said the agenda covered inspections and the funding of the project.",
        "No agreement is expected before the end of the month, diplomats said.",
        "The next round is planned for April in Vilnius, according to the agency.",
    ]
    assert paragraphs("\n".join(lines)) == lines


def _reference_text_blocks(body: str) -> list:
    """text_blocks as it was written first: every line of the body in turn, blank or not."""
    from briefer.briefing.blocks import _group_blocks

    blocks, group, start = [], [], 0
    for line in body.split("\n"):
        if line.strip():
            group.append((start, start + len(line)))
        else:
            blocks.extend(_group_blocks(body, group))
            group = []
        start += len(line) + 1
    blocks.extend(_group_blocks(body, group))
    return blocks


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["\n", "\n\n", " ", "\t", "\r", "\x0c", "\u2028", "\x85", "\u3000", "Hi.", "word ", "- "]
        )
        | st.text(max_size=8),
        max_size=40,
    ).map("".join)
)
def test_lines_are_grouped_as_a_line_by_line_reading_groups_them(body):
    """text_blocks finds lines with text by one regex scan (a million one-line paragraphs took 4 s)."""
    assert list(text_blocks(body)) == _reference_text_blocks(body)
