"""The digest: one markdown document for a period, to read in the morning and to write from.

    text = write_digest(index, store, folders, period, export_dir, out)   # what both the CLI
        # and the app call: `out` a file (written atomically; links relative to its folder) or
        # None (links relative to the current folder); the markdown is returned
    digest = gather(index, store, folders, period)      # reads the index and the notes store
    text = render(digest, base=out_folder, export_dir=config.export_dir(settings))

Sections, in this order, each always there (saying "None." when empty, so a reader knows it
was looked at): the new briefings (those whose day is in the period: counted, listed by day,
newest first), the watch items' hits (per item: each briefing's sentence and a link to it), the
notes written in the period grouped by tag (the passage quoted, the note, and a citation that
links to the note's block in its markdown export, `file.md#^n-<id>`, which Obsidian-style tools
resolve), the most-mentioned actors with their newest quote, and the agenda (what the last 30
days' briefings say is coming in the two weeks after the period, by date and event).

Deterministic: the same archive, notes and period give the same bytes (no clock; every list
sorted with its ties broken). Links are relative to `base`, the folder the digest is written to.
Untrusted text (titles, sentences, quotes, notes, names) is flattened to one line where it sits
on one (`one_line`) and escaped (`escape_markdown`): it renders as written and cannot make
links, headings or HTML.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from briefer.briefing.sanitize import clean_text, one_line
from briefer.desk.actors import Actor, actors
from briefer.desk.decisions import DECISIONS_TABLE, decisions_from
from briefer.desk.period import Period
from briefer.desk.timeline import AgendaItem, agenda
from briefer.desk.watch import WatchHit, WatchItem, hit_sentence, hits_in_period
from briefer.library import analysed
from briefer.library.analysed import IndexedBriefing, Selection
from briefer.notes.export import BriefingInfo, block_id, export_file_name, tag_display
from briefer.notes.markdown_escape import escape_markdown
from briefer.notes.model import Note, text_order

TOP_ACTORS = 10
# The agenda of a digest looks two weeks ahead, at most 40 lines: an archive's month holds
# thousands of dates to come, and `briefer agenda` lists them all.
AGENDA_AHEAD_DAYS = 14
AGENDA_LINES = 40
QUOTE_CHARS = 240  # a quote, passage or sentence longer than this is cut, with an ellipsis
UNTAGGED = ""
NONE = "None."


@dataclass(frozen=True)
class Digest:
    """What a digest says, gathered; `render` writes it."""

    period: Period
    briefings: list[IndexedBriefing]
    hits: list[tuple[WatchItem, list[tuple[WatchHit, str]]]]  # each hit with its sentence
    notes: list[tuple[BriefingInfo, list[Note]]]  # the period's notes by briefing, as exported
    actors: list[Actor]
    agenda: list[AgendaItem]


def write_digest(
    index, store, folders: Iterable[str | Path], period: Period, export_dir: Path, out: Path | None
) -> str:
    """The digest of `period`, written to `out` when given (atomically: a reader never sees half
    of it); links are relative to `out`'s folder, else to the current folder. Raises OSError."""
    from briefer.files import atomic_write

    base = out.parent if out is not None else Path.cwd()
    markdown = render(gather(index, store, folders, period), base, export_dir)
    if out is not None:
        atomic_write(out, markdown.encode("utf-8"))
    return markdown


def gather(index, store, folders: Iterable[str | Path], period: Period) -> Digest:
    """The digest of `period` from the index (analysed: `refresh(folders, analyse=True)`) and the
    notes store (watch items, notes, actor decisions; None: no store, those sections empty)."""
    from briefer.notes.exporting import briefing_groups

    folders = list(folders)
    selection = Selection(folders, period.first.isoformat(), period.last.isoformat())
    briefings = sorted(
        analysed.briefings(index.connection, selection).values(),
        key=lambda b: (b.day, b.title.casefold(), str(b.path)),
        reverse=True,
    )
    decisions = decisions_from(store.desk_table(DECISIONS_TABLE)) if store is not None else []
    hits = []
    notes: list[tuple[BriefingInfo, list[Note]]] = []
    if store is not None:
        for item, found in hits_in_period(index, store, folders, period.first, period.last):
            hits.append((item, [(hit, hit_sentence(hit)) for hit in found]))
        first, last = period.first.isoformat(), period.last.isoformat()
        written = [note for note in store.all_notes() if first <= note.created[:10] <= last]
        # The export's own metadata (the briefing file's title, the date the user set), so the
        # citation names the export file the notes are in.
        notes = briefing_groups(written, None, store.reference_dates())
    return Digest(
        period,
        briefings,
        hits,
        notes,
        actors(index, folders, period, decisions)[:TOP_ACTORS],
        agenda(index, folders, today=period.last, decisions=decisions),
    )


def render(digest: Digest, base: Path, export_dir: Path) -> str:
    """The digest as markdown; links relative to `base`, note citations into `export_dir`."""
    period = digest.period
    title = period.first.isoformat() if period.days == 1 else str(period)
    hit_count = sum(len(found) for _, found in digest.hits)
    note_count = len({note.id for _, group in digest.notes for note in group})
    summary = " · ".join(
        [
            _count(len(digest.briefings), "new briefing"),
            _count(hit_count, "watch hit"),
            _count(note_count, "note"),
        ]
    )
    lines = [f"# Digest: {title}", "", summary, ""]
    lines += _briefings_section(digest.briefings, base)
    lines += _hits_section(digest.hits, base)
    lines += _notes_section(digest.notes, base, export_dir)
    lines += _actors_section(digest.actors, base)
    lines += _agenda_section(digest.agenda, period, base)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


# ----- pieces -------------------------------------------------------------------------


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


def text(value: str, limit: int | None = None) -> str:
    """Untrusted text on one line, cut at `limit` characters, as markdown showing exactly it."""
    flat = " ".join(one_line(clean_text(value)).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return escape_markdown(flat)


def link(label: str, path: str | Path, base: Path, fragment: str = "") -> str:
    """A markdown link to `path`, relative to `base` and percent-encoded (spaces and brackets in
    file names keep it one link), its label escaped."""
    relative = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(base))).as_posix()
    target = quote(relative, safe="/") + (f"#{quote(fragment, safe='^')}" if fragment else "")
    return f"[{text(label) or 'untitled'}]({target})"


def _by_day(briefings: Sequence[IndexedBriefing]) -> dict[str, list[IndexedBriefing]]:
    days: dict[str, list[IndexedBriefing]] = {}
    for briefing in briefings:
        days.setdefault(briefing.day, []).append(briefing)
    return days


def _briefings_section(briefings: Sequence[IndexedBriefing], base: Path) -> list[str]:
    lines = [f"## New briefings: {len(briefings)}", ""]
    if not briefings:
        return [*lines, NONE, ""]
    for day, group in _by_day(briefings).items():  # newest day first, as sorted
        lines += [f"### {day}: {len(group)}", ""]
        for briefing in sorted(group, key=lambda b: (b.title.casefold(), str(b.path))):
            source = f", {text(briefing.source)}" if briefing.source else ""
            lines.append(f"- {link(briefing.title, briefing.path, base)}{source}")
        lines.append("")
    return lines


def _hits_section(hits: Sequence[tuple[WatchItem, list[tuple[WatchHit, str]]]], base: Path) -> list[str]:
    lines = ["## Watch hits", ""]
    if not hits:
        return [*lines, NONE, ""]
    for item, found in sorted(hits, key=lambda entry: (entry[0].name.casefold(), entry[0].id)):
        lines += [f"### {text(item.name)}: {len(found)}", ""]
        for hit, sentence in found:
            day = f"{hit.date}, " if hit.date else ""
            lines.append(f"- {day}{link(hit.title, hit.path, base)}: {text(sentence, QUOTE_CHARS)}")
        lines.append("")
    return lines


def _notes_section(
    groups: Sequence[tuple[BriefingInfo, list[Note]]], base: Path, export_dir: Path
) -> list[str]:
    """Notes under each of their tags (notes without one last, as Untagged), each as its passage
    quoted, its text, and a citation linking to its block in its briefing's export file."""
    lines = ["## Notes by tag", ""]
    by_tag: dict[str, list[tuple[BriefingInfo, Note]]] = {}
    for info, notes in groups:
        for note in notes:
            for tag in sorted({tag_display(t) for t in note.tags}) or [UNTAGGED]:
                by_tag.setdefault(tag, []).append((info, note))
    if not by_tag:
        return [*lines, NONE, ""]
    for tag in sorted(by_tag, key=lambda t: (t == UNTAGGED, t.casefold(), t)):
        entries = sorted(
            by_tag[tag],
            key=lambda entry: (
                entry[0].date or "",
                entry[0].title.casefold(),
                entry[0].id,
                *text_order(entry[1]),
            ),
        )
        lines += [f"### {'#' + tag if tag else 'Untagged'}: {len(entries)}", ""]
        for info, note in entries:
            lines += _note_lines(info, note, base, export_dir)
    return lines


def _note_lines(info: BriefingInfo, note: Note, base: Path, export_dir: Path) -> list[str]:
    lines = [f"> {text(note.target.exact, QUOTE_CHARS)}", ""]
    paragraphs = [text(line) for line in clean_text(note.text).strip().splitlines()]
    if any(paragraphs):
        lines += [*paragraphs, ""]
    citation = [link(info.title, export_dir / export_file_name(info), base, "^" + block_id(note.id))]
    citation += [text(value) for value in (info.source, info.date) if value]
    return [*lines, "— " + ", ".join(citation), ""]


def _actors_section(found: Sequence[Actor], base: Path) -> list[str]:
    lines = ["## Most-mentioned actors", ""]
    if not found:
        return [*lines, NONE, ""]
    for rank, actor in enumerate(found, 1):
        kind = "organisation" if actor.kind == "organization" else actor.kind
        role = f", {text(actor.roles[0].text)}" if actor.roles else ""
        counts = f"{_count(actor.briefings, 'briefing')}, {_count(actor.mentions, 'mention')}"
        lines.append(f"{rank}. **{text(actor.name)}** ({kind}{role}): {counts}")
        quote_ = actor.latest_quote
        if quote_ is not None:
            source = link(quote_.title, quote_.path, base)
            lines.append(f"   - “{text(quote_.text, QUOTE_CHARS)}” ({source}, {quote_.day})")
    return [*lines, ""]


def _agenda_section(coming: Sequence[AgendaItem], period: Period, base: Path) -> list[str]:
    horizon = (period.last + dt.timedelta(days=AGENDA_AHEAD_DAYS)).isoformat()
    lines = [f"## Agenda: the next {AGENDA_AHEAD_DAYS} days", ""]
    ahead = [entry for entry in coming if entry.day <= horizon]
    if not ahead:
        return [*lines, NONE, ""]
    for entry in ahead[:AGENDA_LINES]:
        newest = entry.items[0]
        # An event word ("summit") says what is coming; the expression itself would say the date twice.
        event = f" {text(entry.event)}" if entry.event.casefold() != newest.text.casefold() else ""
        lines.append(
            f"- **{entry.value}**{event}, {_count(entry.briefings, 'briefing')}: "
            f"{text(newest.sentence, QUOTE_CHARS)} ({link(newest.title, newest.path, base)})"
        )
    if len(ahead) > AGENDA_LINES:
        lines += ["", f"And {len(ahead) - AGENDA_LINES} more: `briefer agenda` lists them."]
    return [*lines, ""]
