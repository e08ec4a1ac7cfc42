"""analyse(): one briefing in, the `briefer extract --json` object out."""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections.abc import Callable

from briefer.briefing import Briefing
from briefer.briefing.model import span_starts
from briefer.extract.entities import resolve
from briefer.extract.names import Entity, NameFinder
from briefer.extract.quotes import Attributor, Quote, clean_span, find_quotes, is_reportable
from briefer.extract.schema import SCHEMA, Analysis, What, When, Where, Who
from briefer.extract.when import find_times

_VERBISH = re.compile(
    r"\b(?:\w+ed|said|says|told|will|would|has|have|had|was|were|is|are|met|won|lost|took|"
    r"made|began|held|left|led|sent|gave|came|went|wrote)\b"
)


def _reference(briefing: Briefing, reference_date: str | dt.date | None) -> dt.date | None:
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


NamelessParts = tuple[list[When], list[Quote]]


def nameless_parts(briefing: Briefing, reference_date: str | dt.date | None = None) -> NamelessParts:
    """The dated expressions and the quotes of a briefing: the parts of its analysis that need no
    names, so that a caller with a second core can find them beside the names (`analyse`'s
    `nameless`)."""
    body = briefing.body
    return find_times(body, _sentences(briefing), _reference(briefing, reference_date)), find_quotes(
        body, briefing.blocks
    )


def analyse(
    briefing: Briefing,
    reference_date: str | dt.date | None = None,
    nameless: Callable[[], NamelessParts] | None = None,
) -> Analysis:
    """Who / what / when / where of one briefing, as the spec's JSON object.

    The reference date for relative expressions is the briefing's own date,
    else `reference_date`; never today. Pure: it reads nothing but the word
    lists, and those only the first time (`lexicon` takes tables built
    beforehand from its caller). `nameless`, if given, returns what
    `nameless_parts` would, once the names are found (found elsewhere meanwhile).
    """
    body = briefing.body
    ref = _reference(briefing, reference_date)
    sentences = _sentences(briefing)
    blocks = briefing.blocks
    finder = NameFinder(body, blocks)
    finder.read(sentences)
    people, places = resolve(finder)
    # Dates and quotes need no names: found once the names are resolved, when the mentions are freed
    # (at 5 MB, finding them first raised the peak from 81 to 100 MB).
    times, quotes = nameless() if nameless is not None else nameless_parts(briefing, reference_date)
    attributor = Attributor(body, sentences, people, finder.descriptor_np)
    del finder  # its indexes are large on a long briefing; only the entities are needed now
    lede = _lede(body, blocks, sentences)
    speakers = attributor.speaker_names(quotes)
    what: list[What] = []
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
    for q, speaker in zip(quotes, speakers, strict=True):
        if not is_reportable(body, q):
            continue
        s, e = clean_span(body, q)
        what.append({"kind": "quote", "text": body[s:e], "speaker": speaker, "start": s, "end": e})
    what.extend(_events(body, sentences, people, lede))
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
        "where": [_where(e) for e in places],
        "when": times,
        "what": what,
    }


def _sentences(briefing: Briefing):
    return briefing.sentences or (((0, len(briefing.body)),) if briefing.body.strip() else ())


def _aliases(e: Entity) -> list[str]:
    name = e.name.casefold()
    return [f for k, f in e.forms.items() if k != name]


def _who(e: Entity) -> Who:
    return {
        "name": e.name,
        "kind": e.kind,
        "role": e.role,
        "aliases": _aliases(e) if e.kind != "group" else [],
        "mentions": [[s, t] for s, t in e.spans],
    }


def _where(e: Entity) -> Where:
    return {"name": e.name, "aliases": _aliases(e), "mentions": [[s, t] for s, t in e.spans]}


def _lede(body: str, blocks, sentences) -> tuple[int, int] | None:
    """The first sentence (two, if the first is short) of the first real paragraph."""
    starts = span_starts(sentences)
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


def _events(body: str, sentences, people: list[Entity], lede) -> list[What]:
    """Sentences where named actors do or say something (the first MAX_EVENTS of them)."""
    spans = sorted(
        ((s, t, e) for e in people if e.kind in ("person", "organization") for s, t in e.spans),
        key=lambda x: (x[0], x[1]),
    )
    starts = [s[0] for s in spans]
    out: list[What] = []
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


def to_json(analysis: Analysis, indent: int | None = 2) -> str:
    """The analysis as JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(analysis, ensure_ascii=False, indent=indent)
