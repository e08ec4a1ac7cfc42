"""analyse(): one briefing in, the `briefer extract --json` object out."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

from briefer.extract.entities import resolve
from briefer.extract.names import Entity, NameFinder
from briefer.extract.quotes import Attributor, clean_span, find_quotes, independent_runs, is_reportable
from briefer.extract.sharing import MAX_PIECES, share_work
from briefer.extract.when import find_times
from briefer.gcpause import cyclic_gc_paused

SCHEMA = "briefer.extract/1"
_VERBISH = re.compile(
    r"\b(?:\w+ed|said|says|told|will|would|has|have|had|was|were|is|are|met|won|lost|took|"
    r"made|began|held|left|led|sent|gave|came|went|wrote)\b"
)


def _reference(briefing, reference_date) -> dt.date | None:
    for candidate in (briefing.date, reference_date):
        if candidate is None:
            continue
        if isinstance(candidate, dt.date):
            return candidate if not isinstance(candidate, dt.datetime) else candidate.date()
        try:
            return dt.date.fromisoformat(str(candidate)[:10])
        except ValueError:
            continue
    return None


# A long text's sentences are read in pieces of about this many characters, shared with a forked copy
# of this process: small enough to keep both busy to the end, large enough to cost little to hand out.
PIECE = 1 << 16
SHARE_FROM = 4 * PIECE  # below this, the text is read before a copy would pay for itself
QUOTE_RUNS = 8  # a shared text's quotes are attributed in about this many runs


def analyse(
    briefing,
    reference_date: str | dt.date | None = None,
    *,
    parallel: bool = False,
    hold_copy: Callable[[], object] | None = None,
) -> dict:
    """Who / what / when / where of one briefing, as the spec's JSON object.

    The reference date for relative expressions is the briefing's own date,
    else `reference_date`; never today. With `parallel`, a long briefing is
    analysed by this process and a forked copy of it, on a second core: pass
    it only from a process with no other threads (forking one can deadlock).
    `hold_copy`, called in the copy, returns when the copy may start work.
    """
    with cyclic_gc_paused():
        return _analyse(briefing, reference_date, parallel, hold_copy)


def _pieces(body: str, sentences, parallel: bool) -> list:
    if not parallel or len(body) < SHARE_FROM:
        return [sentences]
    size = max(PIECE, len(body) // MAX_PIECES + 1)
    pieces, start = [], 0
    for i, (s, _) in enumerate(sentences):
        if s - sentences[start][0] >= size:
            pieces.append(sentences[start:i])
            start = i
    pieces.append(sentences[start:])
    return pieces


def _analyse(briefing, reference_date, parallel: bool, hold_copy) -> dict:
    body = briefing.body
    ref = _reference(briefing, reference_date)
    sentences = briefing.sentences or (((0, len(body)),) if body.strip() else ())
    blocks = briefing.blocks
    finder = NameFinder(body, blocks)
    pieces = _pieces(body, sentences, parallel)
    # Dates and quotes need no names: we find them while a copy sharing the work starts reading names.
    times_and_quotes, passes = share_work(
        pieces,
        finder.read,
        lambda: (find_times(body, sentences, ref), find_quotes(body, blocks)),
        share=len(pieces) > 1,
        hold_copy=hold_copy,
    )
    finder.absorb(passes)
    del passes  # the finder has the mentions now, and resolve frees them once it is done with them
    people, places = resolve(finder)
    times, quotes = times_and_quotes()
    attributor = Attributor(body, sentences, people, finder.descriptor_np)
    del finder  # its indexes are large on a long briefing; only the entities are needed now
    lede = _lede(body, blocks, sentences)
    # Quotes are attributed in runs shared with a copy, as the names were read; we find events first.
    runs = independent_runs(quotes, QUOTE_RUNS) if len(pieces) > 1 else [quotes]
    events, speakers = share_work(
        runs,
        attributor.speaker_names,
        lambda: _events(body, sentences, people, lede),
        share=len(runs) > 1,
        hold_copy=hold_copy,
    )
    what = []
    if lede:
        what.append(
            {
                "kind": "lede",
                "text": body[lede[0] : lede[1]],
                "start": lede[0],
                "end": lede[1],
                "speaker": None,
            }
        )
    for q, speaker in zip(quotes, (name for run in speakers for name in run), strict=False):
        if not is_reportable(body, q):
            continue
        s, e = clean_span(body, q)
        what.append({"kind": "quote", "text": body[s:e], "speaker": speaker, "start": s, "end": e})
    what.extend(events())
    what.sort(key=lambda w: (w["start"], w["kind"] != "lede"))
    return {
        "schema": SCHEMA,
        "briefing": {
            "path": str(briefing.path) if briefing.path is not None else None,
            "title": briefing.title,
            "date": ref.isoformat() if ref else None,
            "id": briefing.id,
        },
        "who": [_who(e) for e in people],
        "where": [
            {"name": e.name, "aliases": _aliases(e), "mentions": [[s, t] for s, t in e.spans]} for e in places
        ],
        "when": times,
        "what": what,
    }


def _aliases(e: Entity) -> list[str]:
    name = e.name.casefold()
    return [f for k, f in e.forms.items() if k != name]


def _who(e: Entity) -> dict:
    return {
        "name": e.name,
        "kind": e.kind,
        "role": e.role,
        "aliases": _aliases(e) if e.kind != "group" else [],
        "mentions": [[s, t] for s, t in e.spans],
    }


def _lede(body: str, blocks, sentences) -> tuple[int, int] | None:
    """The first sentence (two, if the first is short) of the first real paragraph."""
    import bisect

    starts = [s for s, _ in sentences]
    for b in blocks:
        if b.kind not in ("paragraph", "list_item"):
            continue
        head = body[b.start : min(b.end, b.start + 400)]  # never copy a whole 5 MB paragraph
        if len(head.split()) < 12 or head.lstrip().startswith(("|", "**")):
            continue
        i = bisect.bisect_left(starts, b.start)
        if i >= len(sentences) or sentences[i][0] >= b.end:
            return b.start, b.end
        s, e = sentences[i]
        if len(body[s:e].split()) < 15 and i + 1 < len(sentences) and sentences[i + 1][1] <= b.end:
            e = sentences[i + 1][1]
        return s, e
    return None


MAX_EVENTS = 200  # a pane of events stops being useful long before this


def _events(body: str, sentences, people: list[Entity], lede) -> list[dict]:
    """Sentences where named actors do or say something (the first MAX_EVENTS of them)."""
    import bisect

    spans = sorted(
        ((s, t, e) for e in people if e.kind in ("person", "organization") for s, t in e.spans),
        key=lambda x: (x[0], x[1]),
    )
    starts = [s[0] for s in spans]
    out = []
    for s, e in sentences:
        if len(out) >= MAX_EVENTS:
            break
        if lede and lede[0] <= s < lede[1]:
            continue
        i = bisect.bisect_left(starts, s)
        actors: list[str] = []
        while i < len(spans) and spans[i][0] < e:
            name = spans[i][2].name
            if name not in actors:
                actors.append(name)
            i += 1
        if not actors:
            continue
        text = body[s:e]
        if not _VERBISH.search(text):
            continue
        stripped_start = s + (len(text) - len(text.lstrip()))
        out.append(
            {
                "kind": "event",
                "text": body[stripped_start:e].rstrip(),
                "actors": actors,
                "start": stripped_start,
                "end": stripped_start + len(body[stripped_start:e].rstrip()),
                "speaker": None,
            }
        )
    return out


def to_json(analysis: dict, indent: int | None = 2) -> str:
    """The analysis as JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(analysis, ensure_ascii=False, indent=indent)
