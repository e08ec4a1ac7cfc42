"""Re-anchoring notes when a briefing's text changed (after Hypothesis, with thresholds).

For each note, in order (DESIGN.md "Anchoring"):
1. the stored position still holds the quote -> `anchored`, nothing moves;
2. exact occurrences of the quote: one -> `anchored` there; several -> the one whose
   surrounding text best matches the stored prefix/suffix (position breaks ties);
   failing that, occurrences that differ only in whitespace (a re-wrapped paragraph)
   count as exact too;
3. quotes of 8 characters or more are searched approximately, within
   min(256, len/2) edits, and every candidate is scored
   `(50*quote + 20*prefix + 20*suffix + 2*position) / 92`; quote similarity >= 0.8 and
   score >= 0.75 -> `changed` (the target moves there, the stored quote is kept until
   the user accepts the new place with `accept_changed`);
4. otherwise `orphan`: the note keeps its old target and is never dropped.

Candidates for step 3 come from a few windows, so a 2 MB body stays fast: the best
approximate match of the quote in the whole body (rapidfuzz; bodies up to 100,000
characters) or, in bigger bodies, windows around exact occurrences of a dozen short
chunks of the quote (a typo or a changed word leaves most chunks intact); the window
around the stored position; and windows next to exact occurrences of the stored
context. Each candidate is trimmed with Levenshtein distance and snapped to word
boundaries.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from briefer.notes.model import Note, Target, text_order
from briefer.notes.store import StoreError, normalise_path

MIN_FUZZY_QUOTE = 8
MIN_QUOTE_SIMILARITY = 0.8
MIN_SCORE = 0.75
MAX_EDITS = 256
CONTEXT_PROBE = 16  # characters of the stored context looked up exactly
MAX_CONTEXT_HITS = 20
MAX_EXACT_HITS = 1000
WHOLE_BODY_SCAN_LIMIT = 100_000  # rapidfuzz over the whole body costs ~0.5 s per 1,000-char quote at 2 MB
CHUNK_CHARS = 16
MAX_CHUNKS = 12
TRIM_WORK = 50_000  # (reach^2 * quote length) budget for trimming one candidate


def anchor_notes(notes: list[Note], body: str) -> list[Note]:
    """Copies of `notes` with `anchor` and `target` updated for `body`."""
    return [anchor_note(note, body) for note in notes]


def anchor_note(note: Note, body: str) -> Note:
    note = Note.from_dict(note.to_dict())
    target = note.target
    exact = target.exact
    if body[target.start : target.end] == exact and (exact or target.start <= len(body)):
        note.anchor = "anchored"
        return note
    if not exact:
        note.anchor = "orphan"
        return note
    spans = [(s, s + len(exact)) for s in _occurrences(body, exact)] or _whitespace_variants(body, exact)
    if spans:
        start, end = max(
            spans,
            key=lambda span: (_score(body, target, span[0], span[1], 1.0), -abs(span[0] - target.start)),
        )
        note.target = Target.from_span(body, start, end)
        note.anchor = "anchored"
        return note
    if len(exact) >= MIN_FUZZY_QUOTE:
        found = _best_fuzzy(body, target)
        if found is not None:
            start, end, quote_similarity, score = found
            if quote_similarity >= MIN_QUOTE_SIMILARITY and score >= MIN_SCORE:
                note.target = Target(exact, target.prefix, target.suffix, start, end)
                note.anchor = "changed"
                return note
    note.anchor = "orphan"
    return note


def accept_changed(note: Note, body: str) -> Note:
    """Take a `changed` note's new place as its passage: quote and context re-read there."""
    note = Note.from_dict(note.to_dict())
    if note.anchor != "changed":
        return note
    end = min(note.target.end, len(body))
    start = min(note.target.start, end)
    note.target = Target.from_span(body, start, end)
    note.anchor = "anchored"
    return note


def find_notes_for_briefing(store, briefing, *, persist: bool = True) -> list[Note]:
    """A briefing's notes, re-anchored to its current text, in text order.

    Notes are found by briefing id (a renamed or moved but unchanged file has the same
    id, so its notes follow it), and by path for an edited file (the id changed). Notes
    that moved, changed state or now belong to the new version are saved back
    (`persist`, and only when something changed and the store is writable). If a save
    fails, the notes are still returned and the failure is added to `store.messages`.
    """
    notes = store.notes_for(briefing.id)
    if briefing.path is not None:
        known = {note.id for note in notes}
        notes += [n for n in store.notes_for_path(briefing.path) if n.id not in known]
    path = normalise_path(briefing.path) if briefing.path is not None else None
    result = []
    for old, new in zip(notes, anchor_notes(notes, briefing.body), strict=False):
        new.briefing_id = briefing.id
        new.briefing_path = path or old.briefing_path
        new.briefing_title = briefing.title or old.briefing_title
        if persist and not store.read_only and new != old:
            try:
                new = store.update(new)
            except StoreError as exc:
                store.messages.append(f"Re-anchored notes could not be saved: {exc}")
                persist = False
        result.append(new)
    return sorted(result, key=text_order)


# ---------------------------------------------------------------- scoring


def _similarity(a: str, b: str) -> float:
    if not a:
        return 1.0
    return max(0.0, 1.0 - Levenshtein.distance(a, b) / len(a))


def _score(body: str, target: Target, start: int, end: int, quote_similarity: float) -> float:
    prefix = _similarity(target.prefix, body[max(0, start - len(target.prefix)) : start])
    suffix = _similarity(target.suffix, body[end : end + len(target.suffix)])
    position = max(0.0, 1.0 - abs(start - target.start) / max(1, len(body)))
    return (50 * quote_similarity + 20 * prefix + 20 * suffix + 2 * position) / 92


def _occurrences(body: str, exact: str, limit: int = MAX_EXACT_HITS) -> list[int]:
    found: list[int] = []
    at = body.find(exact)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = body.find(exact, at + 1)
    return found


def _whitespace_variants(body: str, exact: str) -> list[tuple[int, int]]:
    words = exact.split()
    if len(words) < 2:
        return []
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    return [m.span() for m, _ in zip(pattern.finditer(body), range(MAX_EXACT_HITS), strict=False)]


# ---------------------------------------------------------------- fuzzy search


def _best_fuzzy(body: str, target: Target) -> tuple[int, int, float, float] | None:
    exact = target.exact
    length = len(exact)
    max_edits = min(MAX_EDITS, length // 2)
    cutoff = 100 * (1 - 2 * (1 - MIN_QUOTE_SIMILARITY)) - 5  # Indel ratio a passing match cannot be under
    seeds: list[tuple[int, int]] = []

    def seed_in(lo: int, hi: int) -> None:
        lo, hi = max(0, lo), min(len(body), hi)
        if hi - lo < length - max_edits:
            return
        hit = fuzz.partial_ratio_alignment(exact, body[lo:hi], score_cutoff=cutoff)
        if hit is not None:
            seeds.append((lo + hit.dest_start, lo + hit.dest_end))

    reach = length + max_edits
    if len(body) <= WHOLE_BODY_SCAN_LIMIT:
        seed_in(0, len(body))
    else:
        tried: set[int] = set()
        size = min(CHUNK_CHARS, max(4, length // 3))
        for offset in _chunk_offsets(length, size):
            for at in _occurrences(body, exact[offset : offset + size], MAX_CONTEXT_HITS):
                guess = at - offset
                if guess // (max_edits + 1) not in tried:
                    tried.add(guess // (max_edits + 1))
                    seed_in(guess - max_edits, guess + length + max_edits)
    seed_in(target.start - reach, target.start + 2 * reach)
    probe = target.prefix[-CONTEXT_PROBE:]
    if len(probe) >= MIN_FUZZY_QUOTE:
        for at in _occurrences(body, probe, MAX_CONTEXT_HITS):
            seed_in(at + len(probe), at + len(probe) + reach)
    probe = target.suffix[:CONTEXT_PROBE]
    if len(probe) >= MIN_FUZZY_QUOTE:
        for at in _occurrences(body, probe, MAX_CONTEXT_HITS):
            seed_in(at - reach, at)

    best = None
    for seed in set(seeds):
        start, end, distance = _trim(body, exact, *seed, max_edits)
        if distance > max_edits:
            continue
        quote_similarity = 1.0 - distance / length
        score = _score(body, target, start, end, quote_similarity)
        if best is None or (score, quote_similarity) > (best[3], best[2]):
            best = (start, end, quote_similarity, score)
    return best


def _chunk_offsets(length: int, size: int) -> list[int]:
    """Offsets of up to MAX_CHUNKS non-overlapping chunks of `size` spread over the quote."""
    count = max(1, min(MAX_CHUNKS, length // size))
    return [round(i * (length - size) / max(1, count - 1)) for i in range(count)]


def _trim(body: str, exact: str, start: int, end: int, max_edits: int) -> tuple[int, int, int]:
    """The span near (start, end) closest to `exact`, preferring word boundaries."""
    reach = max(2, min(max_edits, 10, int((TRIM_WORK / len(exact)) ** 0.5)))
    best_key, best = None, (start, end, max_edits + 1)
    for s in range(max(0, start - reach), min(len(body), start + reach) + 1):
        for e in range(max(s + 1, end - reach), min(len(body), end + reach) + 1):
            distance = Levenshtein.distance(exact, body[s:e], score_cutoff=max_edits + 1)
            if best_key is not None and distance > best_key[0]:
                continue
            key = (distance, not _word_start(body, s), not _word_end(body, e), abs(s - start) + abs(e - end))
            if best_key is None or key < best_key:
                best_key, best = key, (s, e, distance)
    return best


def _word_start(body: str, at: int) -> bool:
    return at == 0 or not body[at - 1].isalnum() or not body[at].isalnum()


def _word_end(body: str, at: int) -> bool:
    return at >= len(body) or not body[at].isalnum() or not body[at - 1].isalnum()
