"""WHEN values in words for the pane: `P3W` reads "about 3 weeks", `FUTURE_REF` "in the future".

Display only: the extractor's JSON keeps its ISO values.
"""

from __future__ import annotations

import re

REFERENCES = {"FUTURE_REF": "in the future", "PRESENT_REF": "now", "PAST_REF": "in the past"}
_DURATION = re.compile(r"P(?:(\d+)([YMWD]))?(?:T(\d+)([HMS]))?")
_DATE_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}
_NUMBERS = {
    name: index
    for index, name in enumerate(
        [
            "zero",
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
        ]
    )
}
_COUNT = r"(\d+|" + "|".join(_NUMBERS) + ")"
_RANGE = re.compile(_COUNT + r"\s*(?:to|-|–|—|or)\s*" + _COUNT + r"\b", re.IGNORECASE)


def when_words(value: str | None, text: str) -> str:
    """`value` (an extractor WHEN value that is not a date) in words; `text` is what the briefing says."""
    if value is None:
        return "unresolved"
    if value in REFERENCES:
        return REFERENCES[value]
    match = _DURATION.fullmatch(value)
    if match is None or not (match.group(1) or match.group(3)):
        return value
    count, unit = (
        (int(match.group(1)), _DATE_UNITS[match.group(2)])
        if match.group(1)
        else (int(match.group(3)), _TIME_UNITS[match.group(4)])
    )
    span = _RANGE.search(text)
    if span is not None:
        low, high = (_count(group) for group in span.groups())
        if low < high == count:
            return f"{low}-{high} {unit}s"
    if count == 1:
        return f"about an {unit}" if unit == "hour" else f"about a {unit}"
    return f"about {count} {unit}s"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]
