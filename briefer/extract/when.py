"""WHEN: temporal expressions and their TIMEX3-like values.

One compiled pattern finds the expressions; `_value` normalises each against
the reference date. A bare weekday looks back in past-tense context and
forward in future context (HeidelTime's news rule, with the clause's tense).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from briefer.briefing.model import span_starts
from briefer.extract.lexicon import lexicon
from briefer.extract.schema import When

_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
_MON_FULL = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_MON_ABBR = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+\d))"
_MON = rf"(?:{_MON_FULL}|{_MON_ABBR})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s*(?:-|\u2013|\u2014|to|and)\s*"
# "13 July to 6 August", "April through June", "1994 to 2000": one range from its start to its end
_UNTIL = r"(?:\s*(?:-|\u2013|\u2014)\s*|\s+(?:to|until|till|through)\s+)"
_DATE = rf"(?:{_DAY}\s+{_MON}|{_MON}\s+{_DAY})"
_AMPM = r"\b(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"
_NUM = (
    r"(?:\d+(?:[.,]\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|"
    r"seven|eight|nine)|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|a\s+few|several|many|a\s+number\s+of|(?:a\s+)?couple(?:\s+of)?|a\s+dozen|dozens\s+of|a\s+hundred)"
)
_UNIT = (
    r"(?:seconds|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters|years?|decades?|centur(?:y|ies))"
)
_APPROX = (
    r"(?:(?:about|around|almost|nearly|roughly|some|approximately|more\s+than|less\s+than|fewer\s+than|"
    r"at\s+least|at\s+most|up\s+to|over|under|just\s+over|just\s+under|well\s+over|close\s+to|"
    r"upwards\s+of)\s+)"
)
# "11 years and three months", "two days, and six hours": a larger unit, then a smaller one
_COMPOUND_UNIT = rf"""(?:(?:years?,?\s+and\s+{_NUM}\s+(?:months?|weeks?|days?))|(?:months?,?\s+and\s+{_NUM}\s+(?:weeks?|days?))
    |(?:weeks?,?\s+and\s+{_NUM}\s+days?)|(?:days?,?\s+and\s+{_NUM}\s+hours?)|(?:hours?,?\s+and\s+{_NUM}\s+minutes?)
    |(?:minutes?,?\s+and\s+{_NUM}\s+seconds?))"""
_REL_WORD = r"(?:this|last|next|past|coming|previous|following)"
_PART = r"(?:morning|afternoon|evening|night)"
# a 24-hour time counts only with its zone ("09:00 UTC", "1400 GMT"): bare "14:30" may be a score or a ratio
_ZONE = r"(?-i:UTC|GMT|CET|CEST|EET|EEST|BST|EST|EDT|CST|CDT|PST|PDT|ET|PT|Z|local\s+time)"

_ZONE_WORD = re.compile(_ZONE)

# A year in words: "nineteen ninety-five", "twenty twenty-four", "nineteen oh five", "two thousand and nine"
_UNITS_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_WORD = rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]{_UNITS_WORD})?)"
_YEAR_WORDS = rf"""(?:(?:eighteen|nineteen|twenty)[\s-](?:hundred|oh[\s-]{_UNITS_WORD}|{_TEENS_WORD}|{_TENS_WORD})
    |two\s+thousand(?:\s+and)?(?:\s+(?:{_TENS_WORD}|{_TEENS_WORD}|{_UNITS_WORD}))?)"""

# The alternatives of PATTERN, in order: the first that matches at a position wins.
_ALTERNATIVES = (
    rf"""(?<=\bbetween\s)(?P<between>(?:{_YEAR}|{_MON}\s+{_DAY}|{_DAY}(?:\s+{_MON})?|{_MON})\s+and\s+
        (?:{_YEAR}|{_MON}\s+{_DAY}|{_DAY}\s+{_MON}|{_MON})(?:,?\s+{_YEAR})?(?![\w%]))""",
    r"""(?P<age>(?<=\baged\s)\d{1,3}(?:\s*(?:-|\u2013|to|and)\s*\d{1,3})?\b(?!\s*(?:%|per\b|percent\b))
      | \b\d{1,3}\s*(?:-|\u2013|to)\s*\d{1,3}[\s-]years?[\s-]olds?\b)""",
    rf"""(?P<monrange>\b{_MON}{_UNTIL}{_MON}(?:\s+{_YEAR})?\b)""",
    rf"""(?P<range>\b{_DAY}{_DASH}{_DAY}\s+{_MON}(?:,?\s+{_YEAR})?\b
      | \b{_MON}\s+{_DAY}\s*(?:-|\u2013)\s*{_DAY}(?:,?\s+{_YEAR})?\b
      | \b{_DATE}(?:,?\s+{_YEAR})?{_UNTIL}{_DATE}(?:,?\s+{_YEAR})?(?![\w%]))""",
    rf"""(?P<dmy>\b(?:{_WD},?\s+)?{_DAY}\s+{_MON}(?:,?\s+{_YEAR})?(?![\w\u2013-]))""",
    rf"""(?P<mdy>\b(?:{_WD},?\s+)?{_MON}\s+{_DAY}(?:,\s*{_YEAR}|\s+{_YEAR}|\s+of\s+(?:{_YEAR}|(?:this|next|last)\s+year))?
        (?![\w%.,]\d|\d|[\w%]))""",
    rf"""(?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)""",
    rf"""(?P<numdate>(?<![\d/.])[0-3]?\d(?P<sep>[/.])[01]?\d(?P=sep){_YEAR}(?![\w/]|\.\d))""",
    rf"""(?P<monyear>\b{_MON}\s+(?:of\s+)?{_YEAR}\b)""",
    rf"""(?P<monmod>\b(?:(?:the\s+)?(?:end|start|beginning|middle|first\s+half|second\s+half)\s+of\s+
        |early\s+|mid-?\s*|late\s+)(?P<mm>{_MON})(?:\s+{_YEAR})?\b)""",
    rf"""(?P<yearpart>\b(?:the\s+)?(?:end|start|beginning|middle|first\s+half|second\s+half|rest|remainder)\s+of\s+
        (?:(?:the|this|next|last)\s+(?:year|month|week|decade|century)|{_YEAR})\b)""",
    r"""(?P<eve>\bthe\s+eve\b(?=\s+of\b))""",
    rf"""(?P<fiscal>\b(?:fiscal(?:\s+year)?|FY)\s*(?:{_YEAR}|\d\d)\b)""",
    rf"""(?P<quarter>\b(?:[QH][1-4]\s+{_YEAR}|(?:the\s+)?(?:first|second|third|fourth|final|last|current|next|
        previous|latest)\s+quarter(?:\s+of\s+{_YEAR})?|the\s+quarter|(?:first|second|third|fourth)-quarter)\b)""",
    r"""(?P<decade>\b(?:the\s+)?(?:1[89]|20)\d0s\b)""",
    rf"""(?P<midyear>\b(?:mid|early|late)-{_YEAR}\b)""",
    rf"""(?P<clock>(?:(?<=\bbetween\s){_AMPM}\s+and\s+{_AMPM}|{_AMPM}(?:{_UNTIL}{_AMPM})?
        | \b(?:[01]\d|2[0-3]):[0-5]\d\b(?![:.]\d|\s+(?:of|into)\b)
        | \b(?:[01]?\d|2[0-3]):?[0-5]\d(?=\s*{_ZONE}\b))(?:\s*{_ZONE}\b)?
      | \b(?:noon|midnight)\b)""",
    rf"""(?P<relpart>\b(?:earlier|later)\s+this\s+(?:week|month|year|decade|century)\b
      | \b(?:early|late)\s+(?:next|last)\s+(?:week|month|year)\b
      | \bthis\s+past\s+(?:week|weekend)\b
      | \b(?:this|last|next)\s+(?:{_PART}|week|weekend|month|year|season|spring|summer|autumn|fall|winter)\b
        (?!\s+(?:tides?|break|term|semester|collection|crops?|planting|harvest|fashion)\b)
      | \bthe\s+weekend\b
      | \btonight\b)""",
    r"""(?P<daypart>(?:(?<=\bduring\s)|(?<=\bin\s)|(?<=\bby\s)|(?<=\bthroughout\s)|(?<=\bthrough\s)|(?<=\buntil\s)
        |(?<=\binto\s))the\s+(?:morning|afternoon|evening|night)\b(?!\s+(?:of|before|after)\b)
      | (?:(?<=\bat\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bby\s)|(?<=\buntil\s))
        (?:dawn|dusk|daybreak|sunrise|sunset|nightfall)\b)""",
    r"""(?P<relday>\b(?:the\s+)?(?:next|following|previous|same)\s+(?:day|morning|afternoon|evening|night)\b
      | \bthe\s+(?:day|night)\s+(?:before|after)\b
      | \b(?:earlier|later)\s+(?:that|in\s+the)\s+day\b
      | \bthat\s+(?:day|morning|afternoon|evening|night)\b
      | \bovernight\b(?!\s+(?:stays?|rates?|trading|session|lending|market)\b))""",
    rf"""(?P<season>\b(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:spring|summer|autumn|winter|fall)\s+(?:of\s+)?{_YEAR}\b
      | \bthe\s+(?:spring|summer|autumn|winter|fall)\s+of\s+(?:{_YEAR}|(?:this|last|next)\s+year)\b
      | (?:(?<=\bin\s)|(?<=\bduring\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bover\s)|(?<=\bthrough\s))
        the\s+(?-i:spring|summer|autumn|winter)\b(?!\s+of\b))""",
    rf"""(?P<weekday>\b(?:(?:last|next|this)\s+)?{_WD}(?:\s+{_PART})?(?:{_UNTIL}{_WD})?\b)""",
    r"""(?P<vague>\b(?:the\s+)?(?:coming|next\s+few|past\s+few|last\s+few|recent|previous|following|upcoming)\s+
        (?:days|weeks|months|years|decades)\b)""",
    r"""(?P<minute>\bthe\s+\d+(?:st|nd|rd|th)\s+minute\b)""",
    r"""(?P<span1>\bthe\s+(?:past|last|next|coming|previous|following)\s+(?:week|fortnight|month|year|decade)\b)""",
    rf"""(?P<duration>\b(?:{_APPROX})?(?:(?:the\s+)?(?:next|past|last|first|previous|coming)\s+|the\s+|another\s+)?
        {_NUM}(?:\s+and\s+a\s+half)?\s+(?:more\s+|consecutive\s+|straight\s+|full\s+|successive\s+)?
        (?:{_COMPOUND_UNIT}|{_UNIT})(?:\s+and\s+a\s+half)?(?:\s+(?:ago|later|earlier))?\b)""",
    r"""(?P<vagueago>\b(?:(?:some|many)\s+)?(?:days|weeks|months|years|decades)\s+ago\b
      | \b(?:some\s+time|a\s+while|long)\s+ago\b
      | \bthose\s+days\b)""",
    rf"""(?P<frequency>\b(?:every|each)\s+(?:{_NUM}\s+(?:minutes|hours|days|weeks|months|years|decades)|
        (?:other\s+|single\s+)?(?:day|week|month|year|morning|afternoon|evening|night|weekend|quarter|decade|{_WD}))\b
      | \b(?:once|twice|(?:three|four|five|several|many)\s+times)\s+(?:a|an|per|each|every)\s+
        (?:day|week|month|year|decade)\b
      | \bannually\b)""",
    r"""(?P<adjdur>\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|
        thirty|forty|fifty|sixty|ninety|hundred)-(?:day|week|month|year|hour|minute)\b)""",
    r"""(?P<vaguedur>(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s))(?:minutes|hours|days|weeks|months|years|decades|generations)\b
      | \b(?:minutes|hours|days|weeks|months|years)\s+(?:later|earlier)\b
      | \b(?:minutes|hours|days|weeks|months|years)\b(?=\s+(?:after|before)\s+(?:the|a|an|his|her|their|its)\b))""",
    r"""(?P<opening>\b(?:the\s+)?(?:first|opening|final|closing)\s+(?:few\s+)?(?:hours?|days?|weeks?|months?|years?)\b)""",
    r"""(?:(?<=\bin\s)|(?<=\bfor\s)|(?<=\bafter\s)|(?<=\bwithin\s))(?<!\bonce\sin\s)(?P<awhile>a\s+(?:short\s+|little\s+|long\s+)?while\b)""",
    r"""(?P<term>\bthe\s+(?:short|medium|long|near)(?:\s+|-)term\b)""",
    r"""(?P<century>\bthe\s+(?:(?:early|late|mid-?)\s*)?(?:\d{1,2}(?:st|nd|rd|th)|(?:twenty-)?first|(?:twenty-)?second|(?:twenty-)?third|
        (?:four|fif|six|seven|eigh|nine|ten|eleven|twelf|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|
        nineteen|twentie)th)\s+century\b)""",
    r"""(?P<timeofyear>\bthis\s+time\s+of\s+(?:the\s+)?year\b)""",
    rf"""(?P<relmonth>\b(?:last|next|this)\s+(?-i:{_MON_FULL})\b(?!\s+\d))""",
    rf"""(?P<month>\b(?-i:{_MON_FULL})\b(?!\s+\d))""",
    rf"""(?P<yearrange>(?<![\d,.$\u00a3\u20ac\w-]){_YEAR}(?:\s*(?:-|\u2013|\u2014|/)\s*(?:{_YEAR}|\d\d)
        |\s+(?:to|until|till|through)\s+{_YEAR})(?![\d%]|-\w))""",
    rf"""(?P<year>(?<![\d,.$\u00a3\u20ac\w-]){_YEAR}(?![\d%]|[.,]\d|-\w))""",
    rf"""(?P<wordyear>\b{_YEAR_WORDS}\b(?![\s-]+(?:{_UNITS_WORD}|{_TEENS_WORD}|{_TENS_WORD}|hundred|thousand|
        million|billion|per|percent|years?|days?|weeks?|months?|hours?|minutes?|people|times)\b|-))""",
    r"""(?P<day>\b(?:yesterday|today|tomorrow)\b)""",
    r"""(?P<holidays>\b(?:(?:this|last|next|the)\s+)?(?-i:Christmas|Easter|New\s+Year)\s+(?:period|season|holidays|break)\b)""",
    r"""(?P<holiday>\b(?:(?:this|last|next|the)\s+)?(?-i:Christmas(?:\s+(?:Day|Eve))?
        |New\s+Year(?:['\u2019]s\s+(?:Day|Eve))?)(?!\s+(?:Honours|card|cards|tree|trees|message)\b)\b)""",
    r"""(?P<future>\b(?:the|in)\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future\b(?!\s+of\b)
      | \bthe\s+(?:days|weeks|months|year|years)\s+ahead\b)""",
    r"""(?P<now>\b(?:right\s+now|now|currently|nowadays|at\s+present|at\s+the\s+moment
        |at\s+this\s+(?:point|stage|juncture)|these\s+days)\b
      | (?:(?<=\bthrough\s)|(?<=\buntil\s)|(?<=\bto\s)|(?<=\btill\s))the\s+present(?:\s+day)?\b)""",
)
PATTERN = re.compile("\n  | ".join(_ALTERNATIVES), re.IGNORECASE | re.VERBOSE)


def _alternative_name(alternative: str) -> str:
    named = re.search(r"\(\?P<(\w+)>", alternative)
    assert named is not None, "every alternative is a named group"
    return named.group(1)


def _only(names: set[str]) -> re.Pattern:
    """PATTERN cut down to the named alternatives, in the same order. Where no other alternative can
    match, it matches exactly as PATTERN does, trying fewer alternatives."""
    alts = [a for a in _ALTERNATIVES if _alternative_name(a) in names]
    return re.compile("\n  | ".join(alts), re.IGNORECASE | re.VERBOSE)


# The alternatives that can begin with a decimal digit, and those that can begin with the word "the"
# (every other one begins with some other word): most positions tried are one or the other.
_AFTER_DIGIT = _only(
    {
        "age",
        "between",
        "range",
        "dmy",
        "iso",
        "numdate",
        "decade",
        "clock",
        "duration",
        "adjdur",
        "yearrange",
        "year",
    }
)
_AFTER_THE = _only(
    {
        "monmod",
        "yearpart",
        "quarter",
        "decade",
        "relpart",
        "daypart",
        "relday",
        "now",
        "season",
        "eve",
        "opening",
        "term",
        "century",
        "holidays",
        "vague",
        "minute",
        "span1",
        "duration",
        "holiday",
        "future",
    }
)

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUM_WORDS = None
_YEAR_BEFORE = frozenset(
    [
        "in",
        "since",
        "by",
        "until",
        "till",
        "from",
        "of",
        "before",
        "after",
        "during",
        "through",
        "to",
        "and",
        "or",
        "between",
        "early",
        "late",
        "mid",
        "the",
        "around",
        "circa",
    ]
)
_FUNCTION_AFTER = frozenset(
    [
        "and",
        "or",
        "to",
        "when",
        "as",
        "but",
        "after",
        "before",
        "with",
        "for",
        "than",
        "is",
        "was",
        "were",
        "when",
        "while",
        "that",
        "which",
        "who",
        "until",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "of",
    ]
)
_PAST_EXCEPTIONS = frozenset(
    [
        "need",
        "needed",
        "based",
        "red",
        "bed",
        "hundred",
        "indeed",
        "speed",
        "feed",
        "seed",
        "united",
        "limited",
        "proceed",
        "succeed",
        "exceed",
        "embed",
        "shed",
        "wed",
        "breed",
        "bred",
    ]
)


# Compiled once: the value of every expression found is worked out with these.
_SPACES = re.compile(r"\s+")
_COUNT_UNIT = re.compile(
    rf"({_NUM})(?:\s+and\s+a\s+half)?\s+(?:more\s+|consecutive\s+|straight\s+|full\s+|successive\s+)?({_UNIT})",
    re.IGNORECASE,
)
_DATE_PARTS = re.compile(r"\d+|[A-Za-z]+\.?")
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[a-z]+")
_MONTH_NAME = re.compile(_MON)
_FOUR_DIGITS = re.compile(r"\d{4}")


@lru_cache(maxsize=1)
def _lexicon():
    lex = lexicon()
    t = lex.temporal
    return (
        t["numbers"],
        t["units"],
        frozenset(t["future_markers"]),
        lex.irregular_past,
        frozenset(t["scheduling_verbs"]),
    )


def _num(text: str) -> float | None:
    numbers = _lexicon()[0]
    text = _SPACES.sub(" ", text.lower())
    if text[0].isdigit():
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    tens, _, units = text.partition("-")  # "twenty-five"
    if units:
        return numbers[tens] + numbers[units] if tens in numbers and units in numbers else None
    return numbers.get(text)


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month_num(word: str) -> int:
    months = lexicon().temporal["months"]
    return months[word.lower().rstrip(".")]


def _year_after(body: str, end: int, ref: dt.date) -> int | None:
    """'July last year', 'in May next year': the year named right after a month."""
    after = body[end : end + 16].lower().split()
    if len(after) >= 2 and after[1].startswith("year"):
        return {"last": ref.year - 1, "this": ref.year, "next": ref.year + 1}.get(after[0])
    return None


def _near_year(ref: dt.date, month: int, day: int | None = None) -> int:
    """The year that puts month/day nearest to the reference date."""
    best, best_gap = ref.year, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = dt.date(y, month, day or 15)
        except ValueError:
            continue
        gap = abs((d - ref).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _tense_at(body, start, sentences, starts, probe, within: int | None = None) -> str | None:
    """The tense the verbs of the sentence holding `start` give it there (None: no sentence, or
    no verb within `within` words)."""
    i = bisect_right(starts, start) - 1
    if i < 0:
        return None
    s, e = sentences[i]
    return probe.tense(body[s:e], start - s, within=within)


def _tensed_year(ref, month, body, start, sentences, starts, probe) -> int:
    """The nearest year, unless the verb puts a month of another season on the other side of the
    reference date: "the trial ran in August" written in June is last August."""
    year = _near_year(ref, month)
    if abs((year - ref.year) * 12 + month - ref.month) < 2:
        return year  # next month or last: the nearest reading is the safe one
    tense = _tense_at(
        body, start, sentences, starts, probe, within=4
    )  # this phrase's verb: "lasted ... in August"
    later = (year, month) > (ref.year, ref.month)
    if tense == "past" and later:
        return year - 1
    if tense == "future" and not later:
        return year + 1
    return year


def _duration(text: str) -> str | None:
    """ISO 8601 duration of "three years", "four and a half years", "11 years and three months"."""
    units = _lexicon()[1]
    amounts: dict[str, float] = {}  # per ISO designator ("TM" for minutes, which go after the T)
    for m in _COUNT_UNIT.finditer(text):
        n = _num(m.group(1))
        unit = units.get(m.group(2).lower())
        if n is None or unit is None:
            return None
        mult, designator = (int(unit[:-1]), unit[-1]) if unit[0].isdigit() else (1, unit)
        if not amounts and "and a half" in _SPACES.sub(" ", text.lower()):
            n += 0.5  # "four and a half years", "a year and a half"
        amounts[designator] = amounts.get(designator, 0) + n * mult
    if not amounts:
        return None
    # "P4.5Y": ISO 8601 allows a fraction in the last component
    date = "".join(f"{amounts[d]:g}{d}" for d in "YMWD" if d in amounts)
    time = "".join(f"{amounts[d]:g}{d[-1]}" for d in ("H", "TM", "S") if d in amounts)
    return f"P{date}" + (f"T{time}" if time else "")


# "set for Friday", "scheduled for next week": a participle of planning before "for" names a time ahead.
_SCHEDULED = frozenset(["set", "scheduled", "slated", "timetabled", "pencilled", "penciled"])
_CLAUSE_BREAK = re.compile(r",|;|\band\b|\bbut\b|\bwhile\b|\bwhere\b|\bwhich\b")
_OPENING_COMMA = re.compile(r"\s*,")
_INFINITIVE = re.compile(r"\bto [a-z]")  # "to discuss", not "to Paris"
_DID = frozenset(["did", "didn't", "didn\u2019t"])
_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your", "next"]
)


class TenseProbe:
    """Past or future reading of a sentence around a position."""

    _WORD = re.compile(r"[\w'\u2019]+")

    def __init__(self) -> None:
        _, _, self.future, self.past, self.scheduling = _lexicon()

    def is_future(self, text: str, pos: int, end: int | None = None) -> bool:
        return self.tense(text, pos, end=end) == "future"

    def tense(self, text: str, pos: int, within: int | None = None, end: int | None = None) -> str | None:
        """'future', 'past', or None when no verb (within `within` words) tells. `end`, where the
        expression at `pos` ends, lets the comma after an opening one ("On Sunday, she will speak")
        stay inside its clause."""
        best_dist: int | None = None
        best_future: bool | None = None
        clause_from = pos
        if end is not None and len(text[:pos].split()) <= 1:
            opening_comma = _OPENING_COMMA.match(text, end)
            clause_from = opening_comma.end() if opening_comma else pos
        previous = before = ""
        for m in self._WORD.finditer(text):
            w = m.group().lower()
            before_that, before, previous = before, previous, w
            after_be = before == "be"
            if (
                w in self.future
                or w.endswith(("'ll", "\u2019ll"))
                or (w in _SCHEDULED and text[m.end() : m.end() + 5].lower() == " for ")
            ):
                future = True
            elif (
                w in self.past
                or (w.endswith("ed") and len(w) > 4 and w not in _PAST_EXCEPTIONS)
                or w in ("has", "have", "ago")
            ):
                future = after_be  # "to be held in June", "could be delayed": ahead, not done
            elif w in ("is", "are", "am", "remains", "stays"):
                future = True
            elif w in self.scheduling and before not in _DETERMINERS:
                # "leaders meet on Saturday", not "the meet on Saturday"; "did not meet" is past
                future = not (before in _DID or (before in ("not", "never") and before_that in _DID))
            else:
                continue
            if m.start() >= pos and (
                _CLAUSE_BREAK.search(text, max(pos, min(clause_from, m.start())), m.start())
                or _INFINITIVE.search(text, pos, m.start() + 1)
            ):
                # "on Friday evening and were taken home": another clause; "met on Monday to
                # discuss the peace plan": what follows an infinitive tells no time
                continue
            dist = (
                len(text[m.end() : pos].split())
                if m.start() < pos
                else len(text[pos : m.start()].split()) - 1
            )
            if best_dist is None or dist < best_dist or (dist == best_dist and not future):
                best_dist, best_future = dist, future
        if best_dist is None or (within is not None and best_dist > within):
            return None
        return "future" if best_future else "past"


# Every expression contains one of these words or a number. Finding them first
# and trying the full pattern only around them keeps the scan fast.
_ANCHOR_WORDS = (
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sept",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
    + [
        form
        for w in [
            "second",
            "seconds",
            "minute",
            "minutes",
            "hour",
            "hours",
            "day",
            "days",
            "week",
            "weeks",
            "fortnight",
            "fortnights",
            "month",
            "months",
            "quarter",
            "quarters",
            "year",
            "years",
            "decade",
            "decades",
            "century",
            "centuries",
            "weekend",
            "morning",
            "afternoon",
            "evening",
            "night",
            "season",
            "spring",
            "summer",
            "autumn",
            "fall",
            "winter",
            "yesterday",
            "today",
            "tomorrow",
            "tonight",
            "now",
            "currently",
            "nowadays",
            "noon",
            "midnight",
            "ago",
            "annually",
            "future",
            "ahead",
            "Christmas",
            "Easter",
            "overnight",
            "dawn",
            "dusk",
            "daybreak",
            "sunrise",
            "sunset",
            "nightfall",
            "eve",
            "generations",
            "eighteen",
            "nineteen",
            "twenty",
            "thousand",
            "while",
            "term",
            "present",
            "moment",
            "point",
            "stage",
            "juncture",
        ]
        for form in (w, w.capitalize())
    ]  # these in either case at the start
)


def _by_first_letter(words: list[str]) -> str:
    """An alternation of `words` with one branch per first letter: the engine then rules a word start
    out by one letter test per branch instead of one per word (ANCHOR runs at every word start)."""
    rests: dict[str, list[str]] = {}
    for w in words:
        rests.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in rests.items())


# Every word above is letters only and followed by (?!\w), so a match is always a whole word and the
# order of the alternatives cannot change which one matches.
# "FY22" is the one expression whose digits run on from letters.
ANCHOR = re.compile(rf"(?<!\w)(?:\d+|FY\d|(?:{_by_first_letter(_ANCHOR_WORDS)})(?!\w))")


# A word that may open an expression: it starts a word (not after a hyphen or an apostrophe).
_WORD = re.compile(r"(?<![\w\u2019'-])\w+")

# The words an expression of PATTERN can begin with, besides a digit. "mid", "fiscal" and "FY" may
# run straight on ("midMarch", "FY2025"). Most words before an anchor are none of these, and a set
# lookup rules them out far more cheaply than a failed PATTERN.match (~5 us each).
_FIRST_WORDS = frozenset(
    [
        "q1",
        "q2",
        "q3",
        "q4",
        "the",
        "a",
        "an",
        "about",
        "around",
        "almost",
        "nearly",
        "roughly",
        "some",
        "approximately",
        "more",
        "less",
        "fewer",
        "at",
        "up",
        "over",
        "under",
        "just",
        "well",
        "close",
        "upwards",
        "another",
        "end",
        "start",
        "beginning",
        "middle",
        "rest",
        "remainder",
        "first",
        "second",
        "third",
        "fourth",
        "final",
        "last",
        "current",
        "next",
        "previous",
        "latest",
        "this",
        "coming",
        "past",
        "recent",
        "following",
        "upcoming",
        "early",
        "earlier",
        "late",
        "later",
        "tonight",
        "noon",
        "midnight",
        "yesterday",
        "today",
        "tomorrow",
        "now",
        "currently",
        "nowadays",
        "right",
        "these",
        "in",
        "couple",
        "christmas",
        "easter",
        "new",
        "those",
        "h1",
        "h2",
        "spring",
        "summer",
        "autumn",
        "winter",
        "fall",
        "dawn",
        "dusk",
        "daybreak",
        "sunrise",
        "sunset",
        "nightfall",
        "that",
        "same",
        "overnight",
        "opening",
        "closing",
        "every",
        "each",
        "once",
        "twice",
        "many",
        "long",
        "annually",
        "days",
        "weeks",
        "months",
        "years",
        "decades",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "several",
        "dozens",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
    ]
)
_RUN_ON = ("mid", "fiscal", "fy")


def _may_open(word: str) -> bool:
    """Could PATTERN match from the start of this word? (False only when it certainly cannot.)"""
    if not word.isascii():
        return (
            True  # IGNORECASE folds some other letters onto ASCII ones ("\u017f" is "s"): let PATTERN judge
        )
    lw = word.lower()
    return word[0].isdigit() or lw in _FIRST_WORDS or lw.startswith(_RUN_ON)


def _pattern_for(word: str) -> re.Pattern:
    """The pattern to try at the start of `word` (the smaller ones when the first word allows)."""
    if word[0].isdecimal():  # what \d matches
        return _AFTER_DIGIT
    return _AFTER_THE if word.lower() == "the" else PATTERN


def _matches(body: str):
    last_end = 0
    n = len(body)
    words = _WORD.finditer
    for a in ANCHOR.finditer(body):
        anchor = a.start()
        if anchor < last_end:
            continue
        # an expression starts at most a few words before its anchor
        lo = max(last_end, anchor - 48)
        hi = min(n, a.end() + 40)
        m = None
        for w in list(words(body, lo, anchor))[-5:]:
            word = w.group()
            if _may_open(word):
                m = _pattern_for(word).match(body, w.start(), hi)
                if m is not None and m.end() > anchor:
                    break
                m = None
        if m is None:
            m = _pattern_for(a.group()).match(body, anchor, hi)
            if m is not None and m.end() <= anchor:
                m = None
        if m is not None:
            last_end = m.end()
            yield m


def find_times(body: str, sentences, ref: dt.date | None) -> list[When]:
    reader = _TimeReader(body, sentences, ref)
    for m in _matches(body):
        kind = m.lastgroup
        if kind == "mm":
            kind = "monmod"
        elif kind == "sep":
            kind = "numdate"
        start, end = m.span(kind)
        reader.read(kind, start, end)
    return reader.out


def _reads_as_no_time(kind: str, text: str, body: str, start: int, end: int) -> bool:
    """A match the words around it show is no time: a number, a count, the modal 'may', a clock or
    term that modifies a noun, the discourse 'now'."""
    if kind == "year" and not _year_context(body, start, end):
        return True
    if kind == "wordyear" and text.lower().startswith("two") and not _after_a_preposition(body, start):
        return True  # "two thousand and nine" is a count but after "in", "since", "by"...
    if kind == "duration" and not _duration_ok(text):
        return True
    if kind == "month" and body[start:end] in ("May", "MAY") and _modal_may(body, end):
        return True
    if kind in ("clock", "term") and _modifies_a_noun(body, text, end):
        return True
    return text in ("Now", "NOW") and _discourse_now(body, start, end)


_MONTH_JOINERS = ("and", "or", "to", "through", "-", "\u2013")


class _TimeReader:
    """Values the expressions of one text in order, each with what the ones before it set: the year of
    the last date written with one, the day the narrative is on, the times of day waiting for theirs."""

    def __init__(self, body: str, sentences, ref: dt.date | None) -> None:
        self.body, self.sentences, self.ref = body, sentences, ref
        self.probe = TenseProbe()
        self.starts = span_starts(sentences)
        self.out: list[When] = []
        self.previous_kind: str | None = None
        # end, year, month of the last date written with its year
        self.context: tuple[int, int, int] | None = None
        self.clocks: list[int] = []  # indexes in `out` of the times of day since the last other expression
        self.focus = _DayInFocus()
        self.month_first: bool | None = None  # does the text write its dates "March 7" rather than "7 March"?

    def read(self, kind: str, start: int, end: int) -> None:
        text = self.body[start:end]
        if _reads_as_no_time(kind, text, self.body, start, end):
            return
        value = self._calendar_value(kind, text, start, end)
        value = self._on_the_narrative_day(kind, text, start, end, value)
        value = self._in_a_span_of_months(kind, start, value)
        self._record(kind, text, start, end, value)

    def _calendar_value(self, kind: str, text: str, start: int, end: int) -> str | None:
        """The value of the expression itself, a month without its year taking the year of the date
        written before it; a date written with its year becomes that context."""
        body = self.body
        value = _value(kind, text, self.ref, body, start, self.sentences, self.starts, self.probe)
        if kind == "numdate":
            if self.month_first is None:
                self.month_first = _writes_month_first(body)
            value = _numeric_date(text, self.month_first and "." not in text)
        if kind in ("month", "dmy", "mdy") and value and not _FOUR_DIGITS.search(text):
            value = _in_context_year(
                value, self.context, body, start, self.sentences, self.starts, self.probe
            )
        if _FOUR_DIGITS.search(text) and value and _MONTH_VALUE.match(value):
            self.context = (end, int(value[:4]), int(value[5:7]))
        return value

    def _on_the_narrative_day(
        self, kind: str, text: str, start: int, end: int, value: str | None
    ) -> str | None:
        """Days and periods counted from the day the narrative is on, and times of day put on it."""
        body, out, focus = self.body, self.out, self.focus
        if kind == "relday" and _before_or_after_an_event(body, text, end):
            return None  # "the day before the vote": the vote's day is not known
        if kind == "relday" or (kind == "duration" and text.lower().endswith(("later", "earlier"))):
            return _from_narrative_day(text.lower(), focus.base(self.ref, text))
        if kind == "span1" and text.lower().split()[1] in ("previous", "following"):
            return _next_or_previous_period(text.lower(), focus.base(self.ref, text))
        if kind == "clock" and out and _clock_joins(body, out[-1], start):
            return out[-1]["value"]  # "Tuesday at 3 p.m.": the time of day is on that day
        if kind in ("clock", "daypart") and self.ref is not None:
            tense = partial(_tense_at, body, start, self.sentences, self.starts, self.probe, within=4)
            return focus.day_for(body, start, value, tense)
        return value

    def _in_a_span_of_months(self, kind: str, start: int, value: str | None) -> str | None:
        """'in August and September': one span of months, read with the year of the first."""
        if kind != "month" or self.previous_kind not in ("month", "monmod") or not value:
            return value
        previous = self.out[-1]
        first = previous["value"]
        if not first or self.body[previous["end"] : start].strip().lower() not in _MONTH_JOINERS:
            return value
        year, first_month = int(first[:4]), int(first[5:7])
        month = int(value[5:7])
        return f"{year + (month < first_month):04d}-{month:02d}"

    def _record(self, kind: str, text: str, start: int, end: int, value: str | None) -> None:
        out, clocks, focus = self.out, self.clocks, self.focus
        out.append({"text": sys.intern(text), "value": value, "start": start, "end": end})
        focus.note_year(value)
        if kind == "clock":
            clocks.append(len(out) - 1)
            focus.note(value, end, timeline=True)
        else:
            # "3 p.m. on Friday", "3 p.m. local time (1200 GMT) on Friday": the clocks just before take the day
            k = len(out) - 1
            while clocks and clocks[-1] == k - 1 and _clock_joins(self.body, out[k - 1], 0, after=out[k]):
                k = clocks.pop()
                out[k]["value"] = value
            focus.note(value, end, timeline=kind in ("daypart", "relday") or k < len(out) - 1)
            clocks.clear()
        self.previous_kind = kind


_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
_YEAR_UNIT = re.compile(r"\b(?:years?|decades?)\b", re.IGNORECASE)
_MONTH_VALUE = re.compile(r"\d{4}-\d\d(?:-\d\d)?$")


class _DayInFocus:
    """The day a narrative is on: the last expression valued as a day. A time of day written without
    its day ("At 2.35pm, police ...", "during the afternoon") is on it when that day was named in the
    same paragraph, or when a timeline of times of day has run on from it since ("at 9.15am on Friday
    ..." then, paragraphs later, "At 11:20, ..."); not when its own clause looks ahead from a past day."""

    def __init__(self) -> None:
        self.day: str | None = None
        self.end = 0
        self.timeline = False
        self.year: int | None = None  # of the last expression with a calendar value

    def note_year(self, value: str | None) -> None:
        if value and _FOUR_DIGITS.match(value):
            self.year = int(value[:4])

    def note(self, value: str | None, end: int, timeline: bool) -> None:
        if value and _DAY_VALUE.match(value):
            self.day, self.end, self.timeline = value, end, timeline

    def date(self, ref: dt.date | None) -> dt.date | None:
        """The day in focus, or the reference date before any is named."""
        return dt.date.fromisoformat(self.day) if self.day else ref

    def base(self, ref: dt.date | None, text: str) -> dt.date | None:
        """What an expression counts from: the day in focus, or for years ("three years later", "the
        previous year") the year of the last calendar value ("in 2019 ... the following year": 2020)."""
        if self.year is not None and _YEAR_UNIT.search(text):
            return dt.date(self.year, 1, 1)
        day = self.date(ref)
        if day is not None and self.year is not None and self.year != day.year:
            return None  # "in 2019 ... two days later": on no day the text gives
        return day

    def day_for(
        self, body: str, start: int, default: str | None, tense: Callable[[], str | None]
    ) -> str | None:
        if self.day is None or (not self.timeline and "\n\n" in body[self.end : start]):
            return default
        if default is not None and self.day < default and tense() == "future":
            return default
        return self.day


def _in_context_year(value, context, body, start, sentences, starts, probe) -> str:
    """A month named without its year, in the paragraph of a month or date written with one (a bare
    year, as in "since 2007", sets no scene), and not in a clause about the future: the year of that
    date ("In March 2024 the plan was drafted. By June it had stalled" is June 2024), or the next one
    for a month before that date's month (a story moving on)."""
    if context is None:
        return value
    end, year, month_of_context = context
    if "\n\n" in body[end:start] or str(year) == value[:4]:
        return value
    if _tense_at(body, start, sentences, starts, probe) == "future":
        return value
    if int(value[5:7]) < month_of_context:
        year += 1
    return f"{year:04d}{value[4:]}"


def _clock_joins(body: str, day: When, clock_start: int, after: When | None = None) -> bool:
    """Is a time of day written right beside a day ("Friday at 3 p.m.", "27 April 2026, 09:00 UTC")?"""
    if after is not None:  # the clock came first: "3 p.m. on Friday"
        day, gap = after, body[day["end"] : after["start"]]
    else:
        gap = body[day["end"] : clock_start]
    value = day["value"]
    return bool(value and _DAY_VALUE.match(value)) and gap.strip(" ,()").lower() in (
        "",
        "at",
        "on",
        "from",
        "by",
    )


# words that may follow "noon", "midnight" or "the long term" when they name the time ("noon on
# Friday", "midnight GMT", "in the long term we")
_AFTER_TIME_NOUN = (
    _FUNCTION_AFTER
    | frozenset(["local", "today", "tonight", "tomorrow", "yesterday", "sharp", "until", "till", "through"])
    | frozenset(["i", "we", "you", "he", "she", "it", "they", "there", "this", "these", "those"])
)


def _modifies_a_noun(body: str, text: str, end: int) -> bool:
    """Noon, midnight or a term before a noun names an event or a heading ("the noon briefing", "a
    midnight vigil", "Noon Briefing Guest"), or qualifies the noun ("the long-term impact"): no time."""
    if text.lower() not in ("noon", "midnight") and not text.lower().endswith("term"):
        return False
    after = body[end : end + 20]
    words = after.split()
    if not words or not after[0].isspace() or not words[0][0].isalpha():
        return False
    word = words[0].strip(".,;:").lower()
    return not (word in _AFTER_TIME_NOUN or word in _WEEKDAYS or _ZONE_WORD.fullmatch(words[0].strip(".,;:")))


def _discourse_now(body: str, start: int, end: int) -> bool:
    """A sentence opened by "Now" and a comma ("Now, as we said, ...") turns to the next point."""
    before = body[max(0, start - 3) : start].rstrip(" ")
    return body[end : end + 1] == "," and (not before or before[-1] in ".!?\n")


def _modal_may(body: str, end: int) -> bool:
    nxt = body[end : end + 12].split()
    return bool(nxt) and nxt[0].islower() and nxt[0] not in ("and", "or", "to", "in", "of")


def _duration_ok(text: str) -> bool:
    low = text.lower()
    words = low.split()
    # "a second session": "second" as an ordinal, not a unit
    return not (re.fullmatch(r"(?:an?|one)\s+second", low) or words[-1] == "second")


# "a 2011 survey", "its 2024 budget", "Kenya's 2022 election": a year after a determiner dates its noun
_YEAR_DETERMINERS = frozenset(["a", "an", "its", "their", "his", "her", "our"])


_DAY_MONTH = re.compile(rf"\b\d\d?(?:st|nd|rd|th)?\s+{_MON_FULL}")
_MONTH_DAY = re.compile(rf"{_MON}\s+\d\d?\b")


def _writes_month_first(body: str) -> bool:
    """Does the text write more dates "March 7" than "7 March"? (A tie, US style: month first.)"""
    return len(_MONTH_DAY.findall(body)) >= len(_DAY_MONTH.findall(body))


def _numeric_date(text: str, month_first: bool) -> str | None:
    """'09/03/2017': 9 March, or 3 September where the text writes its dates month first (as in "March
    7"; a dotted date never does); a number over 12 is the day whatever the text's habit."""
    first, second, year = (int(n) for n in _DIGITS.findall(text))
    if first > 12 or (second <= 12 and not month_first):
        first, second = second, first
    try:
        return dt.date(year, first, second).isoformat()
    except ValueError:
        return None


def _before_or_after_an_event(body: str, text: str, end: int) -> bool:
    """Is it "the day before the vote" (an event follows), not "the day before, police had warned"?"""
    if not text.lower().endswith(("before", "after")):
        return False
    after = body[end : end + 2]
    return len(after) == 2 and after[0] == " " and after[1].isalnum()


def _after_a_preposition(body: str, start: int) -> bool:
    before = body[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower() in _YEAR_BEFORE and before[-1].lower() != "the"


def _year_in_words(low: str) -> str | None:
    """'nineteen ninety-five' -> '1995', 'two thousand and nine' -> '2009'."""
    numbers = _lexicon()[0]
    words = [w for w in re.split(r"[\s-]+", low) if w != "and"]
    if words[:2] == ["two", "thousand"]:
        century, rest = 2000, words[2:]
    else:
        century, rest = numbers[words[0]] * 100, words[1:]
    if rest and rest[0] in ("hundred", "oh"):
        rest = rest[1:]
    try:
        return str(century + sum(numbers[w] for w in rest))
    except KeyError:
        return None


def _year_context(body: str, start: int, end: int) -> bool:
    before = body[max(0, start - 20) : start].split()
    word_before = before[-1].lower().strip("(") if before else ""
    if (
        word_before in _YEAR_BEFORE
        or word_before in _YEAR_DETERMINERS
        or word_before.endswith(("'s", "\u2019s"))
    ):
        return True
    after = body[end : end + 20]
    if not after or not after[0].isspace():
        return after[:1] in ("", ".", ",", ";", ":", ")", "'", "\u2019", '"', "\u201d")
    words = after.split()
    if not words:
        return True
    w = words[0]
    if w[0].isupper() or not w[0].isalpha():
        return True
    return w.strip(".,;:") in _FUNCTION_AFTER


@dataclass(frozen=True, slots=True)
class _Mention:
    """An expression being valued: its kind (the pattern's group), its text, and what else its value
    may be read from (the reference date, and the tense of the sentence it stands in)."""

    kind: str
    text: str
    ref: dt.date | None
    body: str
    start: int
    sentences: Sequence[tuple[int, int]]
    starts: Sequence[int]
    probe: TenseProbe

    @property
    def low(self) -> str:
        return self.text.lower()

    def year_of_month(self, ref: dt.date, month: int) -> int:
        """A month's year when the text does not write it: one named right after ("July last year"),
        else the one the verb's tense points to."""
        return _year_after(self.body, self.start + len(self.text), ref) or self.tensed_year(ref, month)

    def tensed_year(self, ref: dt.date, month: int) -> int:
        return _tensed_year(ref, month, self.body, self.start, self.sentences, self.starts, self.probe)


def _value(kind, text, ref, body, start, sentences, starts, probe):
    mention = _Mention(kind, text, ref, body, start, sentences, starts, probe)
    try:
        if kind in _FIXED_VALUE:
            return _FIXED_VALUE[kind]
        step = _VALUE_WITHOUT_DAY.get(kind)
        if step is not None:
            return step(mention)
        if ref is None:
            return _undated_day(mention.low)
        counted = _VALUE_FROM_DAY.get(kind)
        return counted(mention, ref) if counted is not None else None
    except (ValueError, StopIteration, KeyError):
        return None


def _fiscal_year(m: _Mention) -> str:
    digits = _DIGITS.findall(m.text)[-1]  # "FY22", "fiscal 2026": the year they are named by
    return digits if len(digits) == 4 else f"20{digits}"


def _age(m: _Mention) -> str:
    return f"P{_DIGITS.findall(m.text)[0]}Y"  # "aged 5 to 29": a range, valued at its start


def _opening_period(m: _Mention) -> str | None:
    low = m.low
    return None if low.endswith("s") else _duration(f"1 {low.split()[-1]}")  # "the first month": P1M


def _awhile(m: _Mention) -> str | None:
    return "FUTURE_REF" if m.body[max(0, m.start - 3) : m.start].lower() == "in " else None


def _quarter(m: _Mention) -> str | None:
    low = m.low
    q = re.match(r"q([1-4])\s+(\d{4})", low)
    if q:
        return f"{q.group(2)}-Q{q.group(1)}"
    if low.startswith("h"):
        return low[-4:]  # "H1 2025": a half-year, as its year (the value set has no half)
    q = re.search(r"(first|second|third|fourth)\s+quarter\s+of\s+(\d{4})", low)
    if q:
        return f"{q.group(2)}-Q{('first', 'second', 'third', 'fourth').index(q.group(1)) + 1}"
    return None


def _iso_date(m: _Mention) -> str:
    return dt.date.fromisoformat(m.text).isoformat()


def _day_month_date(m: _Mention) -> str | None:
    """'7 March 2024', 'March 7th': the year written, else named ('of this year'), else read from the
    words after the date or the verb's tense."""
    parts = _DATE_PARTS.findall(m.text)
    nums = [int(_DIGITS.findall(p)[0]) for p in parts if p[0].isdigit()]
    month = next(_month_num(p) for p in parts if p.lower().rstrip(".") in lexicon().temporal["months"])
    day = nums[0]
    ref = m.ref
    if len(nums) > 1:
        year: int | None = nums[1]
    elif ref:
        year = _named_year(m.low, ref) or m.year_of_month(ref, month)
    else:
        year = None
    if not year:
        return None
    return dt.date(year, month, day).isoformat()


def _month_and_year(m: _Mention) -> str:
    parts = m.text.split()
    return f"{int(parts[-1]):04d}-{_month_num(parts[0]):02d}"


def _month_value(m: _Mention) -> str | None:
    mon = _MONTH_NAME.search(m.text)
    assert mon is not None, "the month kinds' patterns hold a month's name"
    month = _month_num(mon.group())
    y = _FOUR_DIGITS.search(m.text)
    if y:
        return f"{y.group()}-{month:02d}"
    if not m.ref:
        return None
    return f"{m.year_of_month(m.ref, month):04d}-{month:02d}"


def _relative_month_value(m: _Mention) -> str | None:
    return _relative_month(m.low, m.ref) if m.ref else None


def _year_part(m: _Mention) -> str | None:
    """'early 2025' is its year; 'the past month', 'next week' count from the reference date."""
    y = _FOUR_DIGITS.search(m.text)
    if y:
        return y.group()
    low, ref = m.low, m.ref
    if not ref or low.endswith(("decade", "century")):
        return None
    shift = 1 if " next " in f" {low} " else -1 if " last " in f" {low} " else 0
    if low.endswith("month"):
        total = ref.year * 12 + ref.month - 1 + shift
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if low.endswith("week"):
        return _iso_week(ref + dt.timedelta(weeks=shift))
    return str(ref.year + shift)


def _adjective_duration(m: _Mention) -> str | None:
    n, unit = m.text.split("-")  # "a 10-year plan"
    return _duration(f"{n} {unit}s")


def _duration_or_ago(m: _Mention) -> str | None:
    if m.low.endswith(" ago"):
        return _ago(m.text, m.ref)
    return _duration(m.text)


def _single_unit(m: _Mention) -> str | None:
    return _duration("1 " + m.low.split()[-1])


def _day_of_time(m: _Mention) -> str | None:
    return m.ref.isoformat() if m.ref else None  # a time of day folds into its day


def _season(m: _Mention) -> str | None:
    y = _FOUR_DIGITS.search(m.text)
    if y:
        return y.group()
    if not m.ref:
        return None
    low = m.low
    return str(m.ref.year + (1 if low.endswith("next year") else -1 if low.endswith("last year") else 0))


def _vague_reference(m: _Mention) -> str:
    upcoming = any(w in m.low for w in ("coming", "next", "following", "upcoming"))
    return "FUTURE_REF" if upcoming else "PAST_REF"


def _undated_day(low: str) -> str | None:
    """Without a reference date, a day named from today is only on one side of it."""
    return "PAST_REF" if low in ("yesterday",) else "FUTURE_REF" if low == "tomorrow" else None


def _named_day(m: _Mention, ref: dt.date) -> str:
    low = m.low
    if low == "today":
        return ref.isoformat()
    return (ref + dt.timedelta(days=-1 if low == "yesterday" else 1)).isoformat()


def _relative_part(m: _Mention, ref: dt.date) -> str | None:
    if m.low == "the weekend":
        return _weekend(m, ref)
    return _relative(m.low, ref)


def _named_year(low: str, ref: dt.date) -> int | None:
    """The year named in words inside a date: "December 31st of this year"."""
    for word, shift in (("this year", 0), ("next year", 1), ("last year", -1)):
        if low.endswith(word):
            return ref.year + shift
    return None


def _range_start(m: _Mention) -> str | None:
    """A range's value is its start's ("14-21 August" -> that 14 August, "June-July 2015" -> 2015-06,
    "between 2003 and 2008" -> 2003): its first month, its first day, and its year, written or read
    as a month's would be."""
    text, ref = m.text, m.ref
    years = _FOUR_DIGITS.findall(text)
    month_name = _MONTH_NAME.search(text)
    if month_name is None:
        return years[0] if years else None
    month = _month_num(month_name.group())
    days = [int(d) for d in _DIGITS.findall(text) if len(d) <= 2]
    months = [_month_num(m) for m in _MONTH_NAME.findall(text)]
    if years:
        year = int(years[0])
        if (
            len(years) == 1
            and len(months) == 2
            and months[1] < month
            and text.index(years[0]) > month_name.end()
        ):
            year -= 1  # "30 December to 2 January 2026": the one year written is the end's
    elif ref is not None:
        year = m.year_of_month(ref, month)
    else:
        return None
    if days:
        return dt.date(year, month, days[0]).isoformat()
    return f"{year:04d}-{month:02d}"


def _holiday(m: _Mention) -> str | None:
    """Christmas (Day or Eve) on its date, in the year the modifier or the tense gives; the New Year
    as its year, and New Year's Day or Eve on their dates; without a reference date, none."""
    low, ref = m.low, m.ref
    if ref is None:
        return None
    modifier = low.split()[0] if low.split()[0] in ("this", "last", "next") else None
    if "christmas" in low:
        month, day = 12, 24 if low.endswith("eve") else 25
        year = {"last": ref.year - 1, "next": ref.year + 1}.get(modifier or "", 0) or m.tensed_year(
            ref, month
        )
        if modifier == "this":
            year = ref.year
        return f"{year:04d}-{month:02d}-{day:02d}"
    coming = ref.year + 1 if ref.month >= 10 else ref.year  # "the New Year" said late in a year is the next
    if low.endswith("eve"):
        return f"{coming - 1:04d}-12-31"
    if low.endswith("day"):
        return f"{coming:04d}-01-01"
    return str(coming)


def _weekend(m: _Mention, ref: dt.date) -> str:
    """'the weekend', as its ISO week: the last one or the next as the verb of its phrase says ("met
    over the weekend"), else the nearest (written on a Monday, the one just gone; on a Thursday, the
    one coming)."""
    back, ahead = (ref.weekday() - 5) % 7, (5 - ref.weekday()) % 7
    tense = _tense_at(m.body, m.start, m.sentences, m.starts, m.probe, within=4)
    last = tense == "past" or (tense is None and back < ahead)
    return _iso_week(ref - dt.timedelta(days=back) if last else ref + dt.timedelta(days=ahead))


def _relative_month(low: str, ref: dt.date) -> str:
    """'last July': the latest July before the reference month; 'next March': the first after it;
    'this May': the reference year's."""
    modifier, name = low.split()
    month = _month_num(name)
    year = ref.year
    if modifier == "last" and month >= ref.month:
        year -= 1
    elif modifier == "next" and month <= ref.month:
        year += 1
    return f"{year:04d}-{month:02d}"


def _ago(text: str, ref: dt.date | None) -> str:
    """'three days ago', 'a week ago' -> that day; months and years ago -> that month or year."""
    return _counted_from(text, ref, -1) or "PAST_REF"


def _counted_from(text: str, day: dt.date | None, sign: int) -> str | None:
    """The day, week, month or year `text` ("three days ago", "two weeks later") counts to from `day`."""
    m = re.search(rf"({_NUM})\s+(?:more\s+)?({_UNIT})", text, re.IGNORECASE)
    if m is None or day is None:
        return None
    n = _num(m.group(1))
    if n is None or n != int(n):
        return None
    n = sign * int(n)
    unit = m.group(2).lower().rstrip("s")
    if unit in ("day", "week"):  # "a week ago" is a day (GOLD-FORMAT), as "two days ago" is
        try:
            return (day + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
        except OverflowError:  # "99999999 days ago": before the calendar's first day
            return None
    if unit == "month":
        total = day.year * 12 + day.month - 1 + n
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit == "year":
        return str(day.year + n)
    if unit == "decade":
        return str(day.year + 10 * n)
    return None


def _next_or_previous_period(low: str, day: dt.date | None) -> str | None:
    """'the previous year', 'the following week': the period before or after the narrative's day."""
    if day is None:
        return None
    shift = 1 if "following" in low else -1
    unit = low.split()[-1]
    if unit == "week":
        return _iso_week(day + dt.timedelta(weeks=shift))
    if unit == "month":
        total = day.year * 12 + day.month - 1 + shift
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit == "year":
        return str(day.year + shift)
    return None  # a fortnight or a decade has no value of its own


def _from_narrative_day(low: str, day: dt.date | None) -> str | None:
    """'the next day', 'the day before', 'that evening', 'two days later': counted from the day the
    narrative is on."""
    if day is None:
        return None
    if low.endswith(("later", "earlier")):
        return _counted_from(low, day, 1 if low.endswith("later") else -1)
    words = low.split()
    if words[-1] == "after" or {"next", "following"} & set(words):
        shift = 1
    elif words[-1] == "before" or "previous" in words:
        shift = -1
    else:
        shift = 0  # "that day", "the same evening", "later that day", "overnight"
    return (day + dt.timedelta(days=shift)).isoformat()


def _relative(low: str, ref: dt.date) -> str | None:
    words = low.split()
    if low == "tonight" or words[-1] in ("morning", "afternoon", "evening", "night"):
        shift = {"last": -1, "this": 0, "next": 1}.get(words[0], 0) if low != "tonight" else 0
        return (
            (ref + dt.timedelta(days=shift)).isoformat()
            if words[0] != "last"
            else (ref - dt.timedelta(days=1)).isoformat()
        )
    unit = words[-1]
    k = (
        -1
        if "past" in words
        else {"last": -1, "this": 0, "next": 1, "earlier": 0, "later": 0}.get(words[0], 0)
    )
    if words[0] in ("early", "late"):
        k = {"next": 1, "last": -1}[words[1]]
    if unit in ("week", "weekend"):
        return _iso_week(ref + dt.timedelta(weeks=k))
    if unit == "month":
        y, mo = ref.year, ref.month + k
        if mo == 0:
            y, mo = y - 1, 12
        elif mo == 13:
            y, mo = y + 1, 1
        return f"{y:04d}-{mo:02d}"
    if unit == "year":
        return str(ref.year + k)
    if unit in ("spring", "summer", "autumn", "fall", "winter"):
        return str(ref.year + k)  # "this summer": the year it falls in
    return None  # decades, centuries and sports seasons have no value in this set


def _weekday(m: _Mention, ref: dt.date) -> str:
    low, body, start, sentences = m.low, m.body, m.start, m.sentences
    words = _LETTERS.findall(low)  # "monday-friday": a range, read at its start
    mod = words[0] if words[0] in ("last", "next", "this") else None
    name = words[1] if mod else words[0]
    target = _WEEKDAYS.index(name)
    delta_back = (ref.weekday() - target) % 7
    if mod == "last":
        return (ref - dt.timedelta(days=delta_back or 7)).isoformat()
    if mod == "next":  # that day of next week: "next Wednesday" said on a Tuesday is eight days on
        return (ref + dt.timedelta(days=7 - ref.weekday() + target)).isoformat()
    i = bisect_right(m.starts, start) - 1
    s, e = sentences[i] if i >= 0 else (max(0, start - 200), min(len(body), start + 200))
    lead = body[max(s, start - 7) : start].lower().split()
    if lead and lead[-1] == "since":
        return (ref - dt.timedelta(days=delta_back)).isoformat()
    if mod != "this" and not m.probe.is_future(body[s:e], start - s, start - s + len(low)):
        return (ref - dt.timedelta(days=delta_back)).isoformat()
    ahead = (target - ref.weekday()) % 7
    if mod == "this":
        return (ref + dt.timedelta(days=ahead)).isoformat()
    return (ref + dt.timedelta(days=ahead or 7)).isoformat()


# kinds whose value does not depend on where or when they are written
_FIXED_VALUE: dict[str, str | None] = {
    # periods the value set has no form for
    **dict.fromkeys(
        ("minute", "decade", "vaguedur", "term", "century", "timeofyear", "holidays", "eve"), None
    ),
    "future": "FUTURE_REF",
    "vagueago": "PAST_REF",
    "now": "PRESENT_REF",
}

# kinds valued from their text, and from the reference date when there is one
_VALUE_WITHOUT_DAY: dict[str, Callable[[_Mention], str | None]] = {
    "range": _range_start,
    "between": _range_start,
    "monrange": _range_start,
    "fiscal": _fiscal_year,
    "age": _age,
    "opening": _opening_period,
    "awhile": _awhile,
    "quarter": _quarter,
    "iso": _iso_date,
    "dmy": _day_month_date,
    "mdy": _day_month_date,
    "monyear": _month_and_year,
    "monmod": _month_value,
    "month": _month_value,
    "yearrange": lambda m: m.text[:4],  # "2003-2008", "2024/25": the start
    "holiday": _holiday,
    "relmonth": _relative_month_value,
    "yearpart": _year_part,
    "year": lambda m: m.text,
    "wordyear": lambda m: _year_in_words(m.low),
    "midyear": lambda m: m.text[-4:],
    "adjdur": _adjective_duration,
    "duration": _duration_or_ago,
    "span1": _single_unit,
    "clock": _day_of_time,
    "daypart": _day_of_time,
    "season": _season,
    "vague": _vague_reference,
}

# kinds counted from the reference date, which have no value without one
_VALUE_FROM_DAY: dict[str, Callable[[_Mention, dt.date], str | None]] = {
    "day": _named_day,
    "relpart": _relative_part,
    "weekday": _weekday,
}
