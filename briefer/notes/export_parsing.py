"""Reading a markdown export back: which files are briefer's, and the notes in them.

Pure functions, like `briefer.notes.export` whose format they read: an import
merges what `parse_export` finds with the store's notes (`merge_imported`), and
a re-export first asks `unimported_edits` whether the file holds edits the store
lacks.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field, replace

from briefer.notes.export import (
    BRIEFING_COMMENT,
    COMMENT_END,
    GENERATOR,
    MY_NOTES_HEADING,
    NOTE_COMMENT,
    ORPHANS_HEADING,
    BriefingInfo,
    block_id,
    tag_display,
    text_hash,
)
from briefer.notes.ids import is_briefing_id, is_briefing_path, is_note_id
from briefer.notes.markdown_escape import unescape_markdown
from briefer.notes.model import ANCHOR_STATES, NOTE_KINDS, Note, Target

_TAG_LINE = re.compile(r"#[^\s#]\S*(?:[ \t]+#[^\s#]\S*)*[ \t]*")
_MY_NOTES = re.compile(rf"(?m)^{re.escape(MY_NOTES_HEADING)}[ \t]*$")


def normalise_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def front_matter_text(text: str) -> str | None:
    text = normalise_newlines(text)
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    return text[4 : end + 1] if end >= 0 else None


def is_briefer_file(text: str) -> bool:
    """True for a markdown file briefer wrote (its front matter says `generator: briefer`)."""
    fm = front_matter_text(text)
    return fm is not None and re.search(rf"(?m)^generator: {GENERATOR}[ \t]*$", fm) is not None


def is_briefer_json(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return (
        isinstance(data, dict)
        and isinstance(data.get("generator"), dict)
        and data["generator"].get("name") == GENERATOR
    )


def previous_exported(text: str) -> str | None:
    """The `exported` value of a file briefer wrote (kept when nothing else changed)."""
    match = re.search(r"(?m)^exported: (.*)$", front_matter_text(text) or "")
    return match.group(1) if match else None


def my_notes_region(text: str) -> str | None:
    """Everything from the `## My notes` heading to the end, exactly as it is in the file."""
    match = _MY_NOTES.search(text)
    return text[match.start() :] if match else None


@dataclass(slots=True)
class ImportedNote:
    """A note read from an export: `note` holds what the file says now; the flags say whether
    the person changed the note text or tags in the file since briefer wrote it."""

    note: Note
    text_edited: bool
    tags_edited: bool

    @property
    def edited(self) -> bool:
        return self.text_edited or self.tags_edited


@dataclass(slots=True)
class HandwrittenNote:
    """A passage quoted and annotated by hand in an export, without briefer's data comment:
    a new note once its quote is found in the briefing (`briefing` None: outside any section)."""

    line: int
    briefing: BriefingInfo | None
    quote: str
    text: str
    tags: list[str]


@dataclass(slots=True)
class ParsedExport:
    notes: list[ImportedNote] = field(default_factory=list)
    handwritten: list[HandwrittenNote] = field(default_factory=list)
    # "line N: reason": the file is damaged, and then `notes` and `handwritten` are empty so
    # that nothing of it is imported (a damaged region would give one note another's text).
    problems: list[str] = field(default_factory=list)


def parse_export(text: str) -> ParsedExport:
    """Read a markdown export (one briefing or a combined file) back into notes, strictly:
    every note region must be whole and agree with its data comment, and the file must hold
    as many notes as its front matter says. The My notes region is not read."""
    try:
        return _Reader(normalise_newlines(text)).read()
    except _Damaged as damage:
        return ParsedExport(problems=[f"line {damage.line}: {damage.reason}"])


class _Damaged(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass(slots=True)
class _Region:
    """The lines of one note from its passage on: briefer's (its passage ends in the note's
    block id, and its data comment closes it) or hand-written (`block_id` None)."""

    line: int
    block_id: str | None
    lines: list[str]
    in_quote: bool = True


@dataclass(slots=True)
class _Header:
    body_start: int = 0  # index of the first line after the front matter
    notes: int | None = None
    briefings: int | None = None
    briefing_id: str | None = None

    @classmethod
    def read(cls, text: str) -> _Header:
        fm = front_matter_text(text)
        if fm is None:
            return cls()
        header = cls(body_start=fm.count("\n") + 2)
        for match in _HEADER_FIELD.finditer(fm):
            count_name, count, id_value = match.groups()
            if count_name is not None:
                setattr(header, count_name, int(count))
                continue
            header.briefing_id = _json_value(id_value)
            if not is_briefing_id(header.briefing_id):
                line = fm.count("\n", 0, match.start()) + 2
                raise _Damaged(line, f"briefing_id {_shown(id_value)} is not a briefing id")
        return header


_HEADER_FIELD = re.compile(r"(?m)^(notes|briefings): ([0-9]{1,9})[ \t]*$|^briefing_id: (.*)$")
_COMMENT_OPEN = "<!-- briefer:"
_BLOCK_ID = re.compile(r"[ \t]\^(n-[A-Za-z0-9-]+)[ \t]*$")
_QUOTE_MARK = re.compile(r"^> ?")


class _Reader:
    """One pass over the lines; any damage raises `_Damaged` with its line."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.header = _Header.read(text)
        self.result = ParsedExport()
        self.briefing: BriefingInfo | None = None
        self.sections = 0
        self.region: _Region | None = None
        self.seen: dict[str, int] = {}  # note id -> line of its data

    def read(self) -> ParsedExport:
        end, where = len(self.lines), "the end of the file"
        for index in range(self.header.body_start, len(self.lines)):
            line = self.lines[index]
            if _MY_NOTES.fullmatch(line):
                end, where = index + 1, MY_NOTES_HEADING
                break  # the rest is the person's own
            if line.startswith(_COMMENT_OPEN):
                self.read_comment(index + 1, line)
            elif line.startswith(">"):
                self.read_quote_line(index + 1, line)
            elif self.region is None:
                continue  # headings, blank lines and the orphans' explanation between notes
            elif self.region.block_id is None and (line.startswith("# ") or line == ORPHANS_HEADING):
                self.finish_handwritten()
            else:  # headings a person typed into briefer's note stay part of its text
                self.region.in_quote = False
                self.region.lines.append(line)
        self.close_region(f"before {where} (line {end})")
        self.check_counts(end)
        return self.result

    def read_quote_line(self, at: int, line: str) -> None:
        block = _BLOCK_ID.search(line)
        region = self.region
        if region is not None and region.block_id is not None:
            if block:
                self.close_region(f"before the next passage (line {at})")
            region.lines.append(line)  # a quote typed into the note's text
            return
        if region is not None and region.in_quote:
            region.lines.append(line)
            if block:  # the last line of briefer's passage
                region.block_id, region.in_quote = block.group(1), False
            return
        self.finish_handwritten()
        self.region = _Region(at, block.group(1) if block else None, [line], in_quote=block is None)

    def read_comment(self, at: int, line: str) -> None:
        if not line.endswith(COMMENT_END):
            raise _Damaged(at, "briefer's data comment is not closed with -->")
        if line.startswith(BRIEFING_COMMENT):
            self.close_region(f"before the next briefing (line {at})")
            self.finish_handwritten()
            self.briefing = self.read_briefing(at, _comment_data(line, BRIEFING_COMMENT))
            self.sections += 1
        elif line.startswith(NOTE_COMMENT):
            self.read_note(at, _comment_data(line, NOTE_COMMENT))
        else:
            raise _Damaged(at, "unknown briefer comment")

    def read_briefing(self, at: int, data) -> BriefingInfo:
        if not isinstance(data, dict):
            raise _Damaged(at, "unreadable briefing data")
        briefing_id, title, path = data.get("id"), data.get("title", ""), data.get("path", "")
        if not is_briefing_id(briefing_id):
            raise _Damaged(at, f"briefing id {_shown(briefing_id)} is not a briefing id")
        if self.header.briefing_id is not None and briefing_id != self.header.briefing_id:
            raise _Damaged(at, "the briefing id differs from the front matter's briefing_id")
        if not isinstance(title, str) or not is_briefing_path(path):
            raise _Damaged(at, "the briefing's title or path is not valid")
        return BriefingInfo(id=briefing_id, title=title, path=path)

    def read_note(self, at: int, data) -> None:
        if not isinstance(data, dict):
            raise _Damaged(at, "unreadable note data")
        note_id = data.get("id")
        if not is_note_id(note_id):
            raise _Damaged(at, f"note id {_shown(note_id)} is not a note id")
        region = self.region
        if region is None or region.block_id is None:
            raise _Damaged(at, f"the data of note {note_id} has no passage above it ending in ^n-{note_id}")
        if region.block_id != block_id(note_id):
            raise _Damaged(at, f"the data of note {note_id} follows the passage ^{region.block_id}")
        if self.briefing is None:
            raise _Damaged(at, "note outside a briefing section")
        if note_id in self.seen:
            raise _Damaged(at, f"note {note_id} appears twice (also line {self.seen[note_id]})")
        self.seen[note_id] = at
        _check_note_data(at, note_id, data)
        self.result.notes.append(_read_note(region.lines, data, self.briefing))
        self.region = None

    def close_region(self, where: str) -> None:
        """Briefer's open note ends here: it lost its data comment."""
        region = self.region
        if region is not None and region.block_id is not None:
            raise _Damaged(region.line, f"the note ^{region.block_id} has no data comment {where}")
        self.finish_handwritten()

    def finish_handwritten(self) -> None:
        region, self.region = self.region, None
        if region is None:
            return
        quoted = len(list(itertools.takewhile(lambda line: line.startswith(">"), region.lines)))
        quote = "\n".join(_QUOTE_MARK.sub("", line) for line in region.lines[:quoted])
        text, shown_tags = _text_and_tags(region.lines[quoted:])
        self.result.handwritten.append(
            HandwrittenNote(
                region.line, self.briefing, unescape_markdown(quote).strip(), text, shown_tags or []
            )
        )

    def check_counts(self, end: int) -> None:
        for said, found, what in (
            (self.header.notes, len(self.result.notes), "notes"),
            (self.header.briefings, self.sections, "briefings"),
        ):
            if said is not None and said != found:
                raise _Damaged(
                    end,
                    f"the front matter says {said} {what} but {found} are in the file "
                    "(cut short, or notes deleted from it?)",
                )


def _json_value(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


def _shown(value) -> str:
    """An untrusted value in a message: short, and quoted so it reads as data."""
    return repr(str(value)[:24])


def _comment_data(line: str, opener: str):
    return _json_value(line[len(opener) : -len(COMMENT_END)])


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_note_data(at: int, note_id: str, data: dict) -> None:
    """Every field import relies on, with the right type: the store would refuse the rest,
    after part of the file had been imported."""
    problem = None
    texts = ("exact", "prefix", "suffix", "created", "updated", "text_sha256")
    if missing := [name for name in texts if not isinstance(data.get(name), str)]:
        problem = f"{', '.join(missing)} missing or not text"
    elif not (_is_count(data.get("start")) and _is_count(data.get("end"))):
        problem = "start and end must be whole numbers >= 0"
    elif data["end"] < data["start"]:
        problem = "the passage ends before it starts"
    elif data.get("kind") not in NOTE_KINDS or data.get("anchor") not in ANCHOR_STATES:
        problem = "kind or anchor not valid"
    elif not isinstance(data.get("tags"), list) or not all(
        isinstance(tag, str) and tag.strip() for tag in data["tags"]
    ):
        problem = "tags must be a list of non-empty texts"
    elif not is_briefing_path(data.get("briefing_path", "")) or not isinstance(
        data.get("briefing_title", ""), str
    ):
        problem = "its briefing path or title is not valid"
    if problem:
        raise _Damaged(at, f"note {note_id}: {problem}")


def _text_and_tags(lines: list[str]) -> tuple[str, list[str] | None]:
    """A note's text (unescaped) and the tags on its last line (None: no tags line)."""
    lines = list(lines)
    if lines and not lines[0].strip():
        lines.pop(0)
    shown_tags = None
    last = len(lines) - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    if last >= 0 and _TAG_LINE.fullmatch(lines[last]):  # a person may leave a blank line after it
        shown_tags = [token[1:] for token in lines[last].split()]
        del lines[last:]
    if lines and not lines[-1].strip():
        lines.pop()
    return unescape_markdown("\n".join(lines)), shown_tags


def _read_note(lines: list[str], data: dict, briefing: BriefingInfo) -> ImportedNote:
    lines = list(lines)
    while lines and lines[0].startswith(">"):
        lines.pop(0)  # the passage: the comment's selectors are what anchors the note
    text, shown_tags = _text_and_tags(lines)
    exported_tags = list(data["tags"])
    shown_tags = shown_tags or []
    tags_edited = shown_tags != [tag_display(t) for t in exported_tags]
    if tags_edited:
        by_display: dict[str, str] = {}
        for tag in exported_tags:
            by_display.setdefault(tag_display(tag), tag)
        tags = [by_display.get(shown, shown) for shown in shown_tags]
    else:
        tags = exported_tags
    target = Target(
        exact=data["exact"],
        prefix=data["prefix"],
        suffix=data["suffix"],
        start=data["start"],
        end=data["end"],
    )
    note = Note(
        id=data["id"],
        briefing_id=briefing.id,
        briefing_path=data.get("briefing_path", briefing.path),
        briefing_title=data.get("briefing_title", briefing.title),
        target=target,
        kind=data["kind"],
        text=text,
        tags=tags,
        created=data["created"],
        updated=data["updated"],
        anchor=data["anchor"],
    )
    return ImportedNote(note, text_edited=text_hash(text) != data["text_sha256"], tags_edited=tags_edited)


def unimported_edits(parsed: ParsedExport, current) -> list[str]:
    """Ids of notes edited in an export file whose edits the store does not have yet;
    `current(id)` gives the store's note or None."""
    ids = []
    for imported in parsed.notes:
        if not imported.edited:
            continue
        note = current(imported.note.id)
        if (
            note is None
            or (imported.text_edited and note.text != imported.note.text)
            or (imported.tags_edited and note.tags != imported.note.tags)
        ):
            ids.append(imported.note.id)
    return ids


def is_imported_handwritten(note: Note, handwritten: HandwrittenNote) -> bool:
    """True when `note` is what importing `handwritten` made: its text, and its passage the
    quote give or take whitespace (the quote is found again where the briefing wraps)."""
    return note.text == handwritten.text and note.target.exact.split() == handwritten.quote.split()


def unimported_handwritten(parsed: ParsedExport, notes_on) -> list[int]:
    """Lines of the hand-written notes no stored note came from; `notes_on(briefing)` gives
    the store's notes on that section's briefing (by id or path)."""
    return [
        handwritten.line
        for handwritten in parsed.handwritten
        if handwritten.briefing is None
        or not any(is_imported_handwritten(note, handwritten) for note in notes_on(handwritten.briefing))
    ]


def merge_imported(imported: ImportedNote, existing: Note | None, now: str) -> Note | None:
    """The note to save for an imported one, or None when the store already has it.

    The file's version of the note replaces the store's when it is newer; note text and
    tags edited in the file win either way; an unedited, older file changes nothing.
    """
    note = imported.note
    if existing is None:
        return replace(note, updated=now) if imported.edited else note
    result = replace(note if note.updated > existing.updated else existing)
    result.target = replace(result.target)
    result.tags = list(result.tags)
    if imported.text_edited:
        result.text = note.text
    if imported.tags_edited:
        result.tags = list(note.tags)
    if result == existing:
        return None
    if (imported.text_edited and note.text != existing.text) or (
        imported.tags_edited and note.tags != existing.tags
    ):
        result.updated = now
    return result
