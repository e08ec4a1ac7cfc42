"""The fast WHEN scan (anchor words grouped by first letter, a first-word check, smaller patterns after a
digit or "the") finds exactly the expressions that the plain scan finds: the full pattern tried at every
one of the last five word starts before each match of a flat alternation of anchors."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.extract.when import PATTERN, _matches

ROOT = Path(__file__).resolve().parents[2]
_WORD_START = re.compile(r"(?<![\w\u2019'-])\w")
# The anchors as one flat alternation of words (the module groups them by first letter).
ANCHOR = re.compile(
    r"(?<!\w)(?:\d+|FY\d|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|"
    r"[Ss]econds?|[Mm]inutes?|[Hh]ours?|[Dd]ays?|[Ww]eeks?|[Ff]ortnights?|[Mm]onths?|[Qq]uarters?|[Yy]ears?|"
    r"[Dd]ecades?|[Cc]entury|[Cc]enturies|[Ww]eekend|[Mm]orning|[Aa]fternoon|[Ee]vening|[Nn]ight|[Ss]eason|"
    r"[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Nn]ow|"
    r"[Cc]urrently|[Nn]owadays|[Nn]oon|[Mm]idnight|[Aa]go|[Aa]nnually|[Pp]resent|[Mm]oment|[Pp]oint|[Ss]tage|"
    r"[Jj]uncture|[Ff]uture|[Aa]head|Christmas|Easter|[Oo]vernight|[Ee]ighteen|[Nn]ineteen|[Tt]wenty|[Tt]housand|[Dd]awn|[Dd]usk|[Dd]aybreak|[Ss]unrise|[Ss]unset|[Nn]ightfall|[Ee]ve|[Gg]enerations|[Ww]hile|[Tt]erm)(?!\w))"
)


def slow_matches(body: str):
    """The scan as first written: flat anchors, and every one of the last five word starts is tried."""
    last_end = 0
    for a in ANCHOR.finditer(body):
        anchor = a.start()
        if anchor < last_end:
            continue
        lo = max(last_end, anchor - 48)
        starts = [*[w.start() for w in _WORD_START.finditer(body, lo, anchor)][-5:], anchor]
        for pos in starts:
            m = PATTERN.match(body, pos, min(len(body), a.end() + 40))
            if m is not None and m.end() > anchor:
                last_end = m.end()
                yield m
                break


def spans(matches):
    return [(m.lastgroup, m.span()) for m in matches]


def test_sample_briefings_give_the_same_expressions():
    for path in sorted((ROOT / "briefings").iterdir()):
        body = path.read_text(encoding="utf-8")
        assert spans(_matches(body)) == spans(slow_matches(body)), path.name


# Expressions opened by each kind of first word, and by letters IGNORECASE folds onto ASCII ones.
PHRASES = [
    "at this point, right now, at the moment, these days",
    "some time ago, many years ago, a while ago",
    "every day, each other week, twice a year, annually",
    "last July and next February",
    "a two-day summit, four and a half years",
    "the end of the month",
    "this Christmas, the New Year, in the near future, the year ahead, the weekend",
    "THURSDAY, 30 JUNE 2022 at 22:35 and 8.35pm, 2003-2008 and 2024/25",
    "in FY 2025 and FY25",
    "fiscal2024 results",
    "midMarch, mid-2025, mid- June",
    "Q3 2025",
    "the first quarter",
    "third-quarter profit",
    "between 2 and 4 June",
    "for weeks",
    "a couple of days",
    "dozens of years",
    "more than two weeks ago",
    "upwards of ten days",
    "the coming days",
    "the 12th minute",
    "noon on Monday",
    "earlier this year",
    "late next month",
    "the end of 2025",
    "the rest of the year",
    "the 1990s",
    "\u017fome three days",
    "a\u017f \u212aeen two hours",
    "Quarters and quarters, Mays",
    "Sept. 4, 2025",
    "last Tuesday evening",
    "tonight",
    "Nowadays, Midnight and Seconds",
    "from 3 May to 9 June 2025, April to June, 1994 to 2000, between 2pm and 6pm",
    "aged 5 to 29 and 11 to 18 year olds",
    "in decades, for generations, in a short while, in the long term, in those days",
    "the first weeks, the twenty-first century, this time of year, the Easter holidays",
    "during the afternoon",
    "the next day, the day before, that evening, later that day, overnight, two days later",
    "spring 2024, the summer of last year, in the autumn, this past weekend, Monday through Friday",
    "the end of the decade, H1 2025, the eve of the vote, at dawn, before sunset",
    "in nineteen sixty-two, in two thousand and nine, twenty-five years",
    "11 years and three months, 96 months and 48 months, through the present",
    "(WFP 09/05/2025), 12.05.2021, 3/15/2024",
]


def test_expressions_of_every_opening_word_are_found():
    for phrase in PHRASES:
        body = f"It happened {phrase}, officials said on 3 May."
        assert spans(_matches(body)) == spans(slow_matches(body)), phrase


PIECES = st.sampled_from(
    [
        "the",
        "end",
        "of",
        "mid",
        "midMarch",
        "mid-2025",
        "FY2025",
        "FY",
        "fiscal",
        "fiscal 2024",
        "Q3",
        "q4 2025",
        "a few",
        "an",
        "about",
        "some",
        "more than",
        "two",
        "twenty",
        "days",
        "weeks ago",
        "for",
        "between",
        "and",
        "June",
        "Sept.",
        "3",
        "14:30",
        "0900 GMT",
        "p.m.",
        "Monday",
        "last",
        "next",
        "this",
        "morning",
        "first-quarter",
        "quarter",
        "2026",
        "1990s",
        "the 12th minute",
        "early",
        "late",
        "now",
        "today",
        "\u017fome",
        "\u212a",
        ",",
        ".",
        "-",
        "\u2013",
        "'",
        "\u2019",
        "(",
        "was",
        "said",
        "will",
        "year",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=40), st.sampled_from([" ", "", "  ", "\n"]))
def test_any_text_gives_the_same_expressions(pieces, sep):
    body = sep.join(pieces)
    assert spans(_matches(body)) == spans(slow_matches(body))
