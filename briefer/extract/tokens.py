"""Word tokens with offsets into the body, one sentence at a time.

Markup characters of markdown bodies (`#`, `*`, `|`, `-`, `>`) come out as
punctuation tokens, so entity offsets never include them.
"""

from __future__ import annotations

import re

# Dotted initialisms (U.S., U.K.), words with inner hyphens or apostrophes,
# numbers, then any single other character. No nested quantifier can
# backtrack: every repetition starts with a character the previous cannot end on
# (so the possessive `*+` changes nothing but the engine's bookkeeping).
# It reads as (?:[A-Z]\.){2,} | [^\W\d_]\w*(?:[-'\u2019]\w+)* | \d+(?:[.,:]\d+)* | [^\w\s], written
# with the first character taken by one class and tested again by a lookbehind in each branch:
# a pattern that starts with a class lets the engine skip the spaces between tokens without
# starting a match at each.
TOKEN = re.compile(
    r"[^\s_](?:(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=[^\W\d_])\w*+(?:[-'\u2019]\w+)*+|(?<=\d)\d*+(?:[.,:]\d+)*+"
    r"|(?<=[^\w\s]))"
)

# "Geneva-based", "US-backed": the name part is a place or actor mention.
LINK_SUFFIXES = frozenset(
    [
        "based",
        "backed",
        "led",
        "born",
        "owned",
        "controlled",
        "run",
        "funded",
        "made",
        "listed",
        "registered",
        "bound",
        "held",
        "allied",
        "friendly",
        "sponsored",
        "linked",
        "style",
        "era",
        "wide",
        "level",
        "brokered",
        "drafted",
        "proposed",
    ]
)
PARTICLES = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "ten",
        "zu",
        "af",
        "av",
        "y",
        "e",
    ]
)
_PARTICLE_PREFIX = re.compile(
    r"^(?:al|el|ad|as|ash|at|an|ar|az|wal|ibn|bin|abu|bel|ben|d|de|di|da|o|l)['\u2019-][A-Z]"
)


class Token:
    __slots__ = ("cap", "end", "initial", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str, initial: bool) -> None:
        self.start = start
        self.end = end
        self.text = text
        if text[0].isupper():
            self.cap = True
        elif text.isalnum():
            self.cap = False  # most words: no hyphen or apostrophe, so not "al-Assad" or "d'Estaing"
        else:
            head = text[:4]
            self.cap = ("-" in head or "'" in head or "\u2019" in head) and _PARTICLE_PREFIX.match(
                text
            ) is not None
        self.lower = text.lower()
        self.initial = initial  # first word of a sentence, line, cell or quotation

    def __repr__(self) -> str:
        return f"Token({self.text!r}@{self.start})"


_OPENERS = frozenset("\"'\u201c\u2018([{*_#|>:\u2013\u2014-")


def tokenize(body: str, start: int, end: int) -> list[Token]:
    """Tokens of body[start:end]; possessive 's and -based suffixes split off."""
    out: list[Token] = []
    initial = True
    find = body.find
    # The first line break at or after the end of the last token (`end` when there is none): most
    # sentences have none, so the gap before a token is searched only when one lies ahead.
    newline = find("\n", start, end)
    if newline < 0:
        newline = end
    append = out.append
    for m in TOKEN.finditer(body, start, end):
        text = m.group()
        s = m.start()
        e = s + len(text)
        if newline < s:
            initial = True
            newline = find("\n", s, end)
            if newline < 0:
                newline = end
        first = text[0]
        if not first.isalnum():
            append(Token(s, e, text, False))
            if first in _OPENERS or first in ".!?":
                initial = True
            continue
        if text[-1] in "sS" and len(text) > 2 and text[-2] in "'\u2019":
            append(Token(s, e - 2, text[:-2], initial))
            append(Token(e - 2, e, "'s", False))
            initial = False
            continue
        if "-" in text and first.isupper():
            dash = text.rfind("-")
            if dash > 0 and text[dash + 1 :].lower() in LINK_SUFFIXES:
                append(Token(s, s + dash, text[:dash], initial))
                append(Token(s + dash, e, text[dash:].lower(), False))
                initial = False
                continue
        append(Token(s, e, text, initial))
        initial = False
    return out
