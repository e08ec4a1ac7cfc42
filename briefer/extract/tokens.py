"""Word tokens with offsets into the body, one sentence at a time.

Markup characters of markdown bodies (`#`, `*`, `|`, `-`, `>`) come out as
punctuation tokens, so entity offsets never include them.
"""

from __future__ import annotations

import bisect
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


class TokenWindows:
    """The tokens of any window of a body, no part of the body tokenized more than about twice.

    `window(start, end)` equals `tokenize(body, start, end)` but for the `initial` flags (the
    window's first token is not marked). A quote's speaker is looked for in up to four windows
    of up to 600 characters around it, and tokenizing each anew cost ~1,200 tokens per quote on
    a run of quote marks. A window that overlaps none of the last ones is tokenized alone (most
    are a clause: the cheapest way); any other is put together from chunks of about CHUNK
    characters, each tokenized once and ending where a match ends, so no token crosses one.
    The last KEPT chunks are kept (windows move forward through the body).
    """

    CHUNK = 128
    KEPT = 16
    ALONE = 600  # the longest window tokenized alone

    def __init__(self, body: str) -> None:
        self.body = body
        self._bounds = [0]  # chunk k covers body[bounds[k]:bounds[k + 1]]
        self._chunks: dict[int, tuple[list[Token], list[int], list[int]]] = {}
        self._alone: list[tuple[int, int]] = []  # the last windows tokenized alone

    def window(self, start: int, end: int, most: int | None = None) -> list[Token]:
        """`tokenize(body, start, end)`, or its first `most` tokens."""
        end = min(end, len(self.body))
        if end <= start:
            return []
        if end - start <= self.ALONE and not any(s < end and start < e for s, e in self._alone):
            # A window that overlaps none tokenized alone lately: as cheap alone (most are a clause).
            self._alone = [*self._alone[1 - self.KEPT :], (start, end)]
            return tokenize(self.body, start, end)[:most]
        enough = len(self.body) if most is None else most + 2
        out: list[Token] = []
        self._bound_to(start + 1)
        k = bisect.bisect_right(self._bounds, start) - 1
        while len(out) < enough and self._bounds[k] < end:
            self._bound_to(self._bounds[k] + 1)
            toks, starts, ends = self._chunk(k)
            out += toks[bisect.bisect_right(ends, start) : bisect.bisect_left(starts, end)]
            k += 1
        if not out:
            return out
        # A word cut by the window's edge is tokenized as the part inside, as `tokenize` does:
        # up to the first space inside the window (no match holds one), as the part inside may
        # match otherwise ("AA.A." cut to "A.A." is one acronym, not "A", ".", "A", ".").
        body = self.body
        if out[0].start < start or _is_tail(out[0]):
            head = 0
            while head + 1 < len(out) and out[head].end < end and not body[out[head].end].isspace():
                head += 1
            out[: head + 1] = tokenize(body, start, min(end, out[head].end))
        if out and out[-1].end > end:  # (the first word's part inside may have been "_" alone)
            tail = len(out) - 1
            while tail > 0 and out[tail].start > start and not body[out[tail].start - 1].isspace():
                tail -= 1
            out[tail:] = tokenize(body, max(start, out[tail].start), end)
        return out if most is None else out[:most]

    def _bound_to(self, pos: int) -> None:
        """Chunk bounds up to `pos`: each a match's end (or a space) about CHUNK after the last."""
        bounds, body = self._bounds, self.body
        while bounds[-1] < pos:
            begin = bounds[-1]
            target = begin + self.CHUNK
            if target >= len(body):
                bounds.append(len(body))
                break
            space = _SPACE.search(body, target, target + 256)
            if space is not None:
                bounds.append(space.start())  # no match holds a space
                continue
            bounds.append(
                next((m.end() for m in TOKEN.finditer(body, begin) if m.end() >= target), len(body))
            )

    def _chunk(self, k: int) -> tuple[list[Token], list[int], list[int]]:
        chunk = self._chunks.pop(k, None)
        if chunk is None:
            toks = tokenize(self.body, self._bounds[k], self._bounds[k + 1])
            chunk = (toks, [t.start for t in toks], [t.end for t in toks])
            if len(self._chunks) >= self.KEPT:
                del self._chunks[next(iter(self._chunks))]  # the least recently used
        self._chunks[k] = chunk
        return chunk


_SPACE = re.compile(r"\s")


def _is_tail(token: Token) -> bool:
    """The "'s" or "-based" split off a match: a match that begins with punctuation is one character."""
    return len(token.text) > 1 and not token.text[0].isalnum()
