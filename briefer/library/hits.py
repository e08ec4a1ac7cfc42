"""Where a result's words are in its body, and the one-line snippet of its best passage.

FTS5 tells which briefings match, not where; the body (kept compressed in the index) is
searched again here, for the few results shown, with the words folded as FTS5 folds them
(case and diacritics), so the offsets are into the body the reader shows.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefer.briefing.sanitize import one_line
from briefer.library.query import BODY_FIELDS, Term, fold

_WORD_CHAR = re.compile(r"\w")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
SNIPPET_LENGTH = 120  # characters of the passage shown
CONTEXT_BEFORE = 30  # of them, before the first hit: the hit shows even in a narrow column


def find_hits(body: str, terms: tuple[Term, ...]) -> list[tuple[int, int]]:
    """(start, end) offsets into `body` of every occurrence of the body's terms, in order."""
    pattern = _pattern(tuple(term for term in terms if term.field in BODY_FIELDS))
    if pattern is None:
        return []
    folded = _fold_same_length(body)
    # The start of a word is checked here, not in the pattern: a pattern that begins with a
    # literal is searched for at C speed, one with a lookbehind is tried at every position.
    return [
        match.span()
        for match in pattern.finditer(folded)
        if match.start() == 0 or not _WORD_CHAR.match(folded, match.start() - 1)
    ]


def snippet(body: str, hits: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The passage with the most hits (the opening if none), on one line, and the hits'
    offsets within it."""
    best = _best_window(hits)
    # From the opening when the passage shows from there; else a little before it, at a word.
    start = 0 if best < SNIPPET_LENGTH - CONTEXT_BEFORE else best - CONTEXT_BEFORE
    if start:
        space = body.find(" ", start, start + 20)
        start = space + 1 if space >= 0 else start
    end = min(len(body), start + SNIPPET_LENGTH)
    # one_line turns each line break or control into one space: the offsets hold.
    passage = one_line(body[start:end]).rstrip()
    prefix = "…" if start else ""
    shown = [
        (hit_start - start + len(prefix), min(hit_end, end) - start + len(prefix))
        for hit_start, hit_end in hits
        if start <= hit_start < end
    ]
    return prefix + passage + ("…" if end < len(body) else ""), shown


def _best_window(hits: list[tuple[int, int]]) -> int:
    """Start of the hit that begins the window of SNIPPET_LENGTH holding the most hits."""
    best, best_count, last = 0, 0, 0
    for first, (start, _end) in enumerate(hits):
        last = max(last, first)
        while last + 1 < len(hits) and hits[last + 1][0] < start + SNIPPET_LENGTH - CONTEXT_BEFORE:
            last += 1
        if last - first + 1 > best_count:
            best, best_count = start, last - first + 1
    return best


@lru_cache(maxsize=64)
def _pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    alternatives = []
    for term in terms:
        words = [re.escape(word) for word in term.words]
        if not words:
            continue
        tail = r"\w*" if term.prefix else r"(?!\w)"
        alternatives.append(r"\W+".join(words) + tail)
    if not alternatives:
        return None
    # Longest first: a phrase is lit whole rather than as its first word.
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(alternatives))


def _fold_same_length(text: str) -> str:
    """`fold` one character at a time, so that offsets into the result are offsets into `text`:
    the few letters outside ASCII through a table, then lower case (which keeps the length of
    all but a handful of characters, such as İ: those are left as they are)."""
    if not text.isascii():
        table = _fold_table()
        text = _NOT_ASCII.sub(lambda match: table.get(ord(match[0]), match[0]), text)
    folded = text.lower()
    if len(folded) != len(text):
        return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return folded


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0x80, 0x2000):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded != char.lower():
            table[code] = folded
    return table
