"""A briefing's own date and source: front-matter values and datelines.

Only dates written in the file count. A briefing with none has date None,
never today: relative expressions ("on Thursday") must not be resolved
against the day the user happens to open the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# "November 20, 2025", "Nov. 20 2025", "Thursday, Nov 20", "6 May 2026", "2025-11-20".
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
_MONTH_DAY = r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r"\b)?"
_DAY_MONTH = r"\b" + _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r"\b)?"
_ISO = r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"
_DATE_FORMS = [re.compile(form, re.I) for form in (_ISO, _MONTH_DAY, _DAY_MONTH)]

# A wire dateline opens the story: places in capitals or title case, an
# optional date and the agency in parentheses, then a dash.
#   "KYIV, Nov 20 (Reuters) -", "SPLIT, Croatia, April 13 (Adriatic Press Agency) –"
_PLACE_WORD = r"(?:[A-Z][\w'’.\-]*|de|del|da|do|di|la|le|al|el|of|upon|on)"
_PLACE = _PLACE_WORD + r"(?:[ \-]" + _PLACE_WORD + r"){0,4}"
_WIRE_DATELINE = re.compile(
    r"(?P<places>" + _PLACE + r"(?:,\s*" + _PLACE + r"){0,2})"
    r"(?:,\s*(?P<date>[^()\n]{3,40}?))?"
    r"(?:\s*\((?P<agency>[^()\n]{2,60})\))?"
    r"\s*[-–—]+\s"
)
_CAPITALS = re.compile(r"[A-Z][A-Z'’.\-]+\b")  # "KYIV (Reuters) -": wire places are in capitals
# Markdown emphasis or heading markers around a header line ("*November 20, 2025*").
_DECORATION = re.compile(r"^[#>*_\s]+|[*_\s]+$")
_SCANNED_LINES = 50  # blank lines included
_LINE_PREFIX = 300  # a dateline is short; this bounds the regex work on huge lines
_HEADER_LINES = 6  # dateline and date lines are looked for among the first lines only
_DATE_LINE_MAX = 60  # a standalone date line is short: "Den Helder, Wednesday, 6 May 2026"
_DATE_LINE_EXTRA_WORDS = 5  # words besides the date: place, "Issued", "Updated:"


@dataclass(frozen=True)
class ParsedDate:
    """A calendar date as written; `year` may be missing ("Nov 20")."""

    year: int | None
    month: int
    day: int

    def iso(self, fallback_year: int | None = None) -> str | None:
        year = self.year or fallback_year
        if year is None:
            return None
        try:
            return dt.date(year, self.month, self.day).isoformat()
        except ValueError:  # "February 30"
            return None


def parse_date(text: str, *, whole: bool) -> ParsedDate | None:
    """The date in `text`; with `whole`, only if the date is all of `text`."""
    text = text.strip()
    for form in _DATE_FORMS:
        match = form.fullmatch(text) if whole else form.search(text)
        if match:
            month = match["month"]
            return ParsedDate(
                year=int(match["year"]) if match["year"] else None,
                month=int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")],
                day=int(match["day"]),
            )
    return None


def year_in(text: str) -> int | None:
    """A lone year such as front matter `date: 2025` or `date: November 2025`."""
    years = set(re.findall(r"\b(?:19|20)\d\d\b", text))
    return int(years.pop()) if len(years) == 1 else None


@dataclass(frozen=True)
class Dateline:
    date: ParsedDate | None
    source: str | None


def wire_dateline(line: str) -> tuple[Dateline, int] | None:
    """The wire dateline opening `line` and where the story after it starts."""
    wire = _WIRE_DATELINE.match(line)
    if not wire or not (wire["date"] or wire["agency"]):
        return None
    if not wire["date"] and not _CAPITALS.match(wire["places"]):
        return None  # "North Sea Maritime Authority (NSMA) - press briefing" is a heading
    date = parse_date(wire["date"], whole=True) if wire["date"] else None
    if wire["date"] and date is None:
        return None  # "BERLIN, the capital, said -" is a sentence, not a dateline
    agency = " ".join(wire["agency"].split()) if wire["agency"] else None
    return Dateline(date, agency), wire.end()


def find_dateline(body: str) -> Dateline | None:
    """The dateline at the top of `body`, if any.

    Looks at the first few non-empty lines for a wire dateline opening a
    paragraph, or for a short line that is a date with a few words around it
    ("Issued 16 March 2026", "Den Helder, Wednesday, 6 May 2026").
    """
    lines = []
    for line in body.split("\n", _SCANNED_LINES)[:_SCANNED_LINES]:
        line = _DECORATION.sub("", line[:_LINE_PREFIX])
        if line:
            lines.append(line)
        if len(lines) == _HEADER_LINES:
            break
    for line in lines:
        wire = wire_dateline(line)
        if wire:
            return wire[0]
        if len(line) <= _DATE_LINE_MAX:
            date = parse_date(line, whole=False)
            if date and date.year and _words_besides_date(line) <= _DATE_LINE_EXTRA_WORDS:
                return Dateline(date, None)
    return None


def _words_besides_date(line: str) -> int:
    for form in _DATE_FORMS:
        match = form.search(line)
        if match:
            return len((line[: match.start()] + " " + line[match.end() :]).split())
    return len(line.split())
