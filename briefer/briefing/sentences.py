"""Sentence spans with offsets.

One pass over the candidate terminators of a block; each candidate looks at
a bounded window before and after it, so the splitter is linear in the input.
"""

from __future__ import annotations

import re

# A run of terminators, then closing quotes, brackets and markdown emphasis.
_CANDIDATE = re.compile(r"(?:[.!?…]+)[\"'”’»)\]*_`]*")
_OPENING_MARKS = "\"'“‘«([*_`"
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[*_`]*(?P<word>[^\W\d_]*)(?P<after>.?)", re.S)
_WINDOW = 40  # longer tokens (URLs, numbers) are never abbreviations

# Never end a sentence: titles and short forms always followed by more text.
# Compared in lower case.
_NEVER_FINAL = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "messrs",
        "dr",
        "prof",
        "col",
        "gen",
        "lt",
        "sen",
        "rep",
        "gov",
        "capt",
        "cmdr",
        "sgt",
        "maj",
        "adm",
        "rev",
        "hon",
        "pres",
        "st",
        "mt",
        "ft",
        "vs",
        "v",
        "e.g",
        "i.e",
        "cf",
        "approx",
    ]
)
# May end a sentence: split only when a common sentence opener follows
# ("in the U.S. The next day" splits, "U.S. President" does not). Compared
# as written, so "said no. The" and "to mar. The" are ordinary words.
_MAY_BE_FINAL = frozenset(
    [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "No",
        "Nos",
        "etc",
        "Inc",
        "Corp",
        "Ltd",
        "Co",
        "Bros",
        "Plc",
        "Jr",
        "Sr",
    ]
)
# Capitalised words that open sentences but rarely continue a name after an
# abbreviation or initial.
_OPENERS = frozenset(
    [
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "My",
        "Your",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "But",
        "And",
        "Or",
        "So",
        "Yet",
        "Nor",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "With",
        "Without",
        "After",
        "Before",
        "During",
        "Since",
        "Until",
        "When",
        "While",
        "Where",
        "Why",
        "How",
        "What",
        "Who",
        "Whom",
        "Which",
        "If",
        "As",
        "Although",
        "Though",
        "Because",
        "However",
        "Meanwhile",
        "Also",
        "Still",
        "Then",
        "Now",
        "Today",
        "Yesterday",
        "Tomorrow",
        "Earlier",
        "Later",
        "Last",
        "Next",
        "Some",
        "Many",
        "Most",
        "Several",
        "Both",
        "All",
        "Each",
        "Every",
        "Not",
        "Other",
        "Others",
        "Such",
        "One",
        "Two",
        "Three",
        "Four",
        "Under",
        "Over",
        "Among",
        "Despite",
        "Instead",
        "Indeed",
        "Thus",
        "Moreover",
        "Furthermore",
        "Nonetheless",
        "Nevertheless",
        "Even",
        "Only",
        "More",
        "Less",
        "Few",
        "Any",
        "No",
        "Officials",
        "Asked",
        "According",
        "Neither",
        "Either",
        "Once",
        "Again",
        "Finally",
        "First",
        "Second",
        "Third",
        "Sources",
        "Critics",
        "Analysts",
        "Police",
    ]
)
_ENUMERATION = re.compile(r"\d{1,3}|[A-Za-z]|[IVXivx]{1,5}")  # "1. HIGHLIGHTS", "b. Food"
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, D.C, J.D (the final dot is the candidate)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of text[start:end], in absolute offsets.

    Spans never include leading or trailing whitespace.
    """
    end = len(text) if end is None else end
    spans = []
    sentence_start = _skip_space(text, start, end)
    for match in _CANDIDATE.finditer(text, sentence_start, end):
        stop = match.end()
        if stop < end and not text[stop].isspace():
            continue  # "3.5", "U.S.-backed", "example.com"
        if stop < end and not _ends_sentence(text, sentence_start, match, end):
            continue
        spans.append((sentence_start, stop))
        sentence_start = _skip_space(text, stop, end)
    tail_end = end
    while tail_end > sentence_start and text[tail_end - 1].isspace():
        tail_end -= 1
    if tail_end > sentence_start:
        spans.append((sentence_start, tail_end))  # last sentence without final punctuation
    return spans


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _ends_sentence(text: str, sentence_start: int, match: re.Match, end: int) -> bool:
    following = _NEXT_WORD.match(text, match.end(), end)
    word = following["word"] if following else ""
    if word[:1].islower():
        return False  # "e.g. the", "he asked? she said", "wait... then"
    terminators = match.group().rstrip("\"'”’»)]*_`")
    if terminators != ".":
        return True  # "?", "!", "...", "…" before a capital, digit or quote
    token_start, token = _token_before(text, sentence_start, match.start())
    if not token:
        return True
    if token_start == sentence_start and _ENUMERATION.fullmatch(token):
        return False  # a list or section number opening the block
    if token.lower() in _NEVER_FINAL and token != "V":  # "Smith v. Jones", but "Type V." is an initial
        return False
    next_is_initial = (
        len(word) == 1 and word.isupper() and following is not None and following["after"] == "."
    )
    if token in _MAY_BE_FINAL or _INITIALS.fullmatch(token) or (len(token) == 1 and token.isupper()):
        # Abbreviation or initial: a new sentence only if a common opener follows.
        return word in _OPENERS and not next_is_initial
    return True


def _token_before(text: str, sentence_start: int, stop: int) -> tuple[int, str]:
    """The word a full stop at `stop` ends, without opening quotes or brackets."""
    pos = stop
    floor = max(sentence_start, stop - _WINDOW)
    while pos > floor and not text[pos - 1].isspace():
        pos -= 1
    while pos < stop and text[pos] in _OPENING_MARKS:
        pos += 1
    return pos, text[pos:stop]
