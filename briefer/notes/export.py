"""Notes as markdown files (and W3C Web Annotation JSON), and back.

Pure functions over `Note` lists and briefing metadata: no store, no files, no clock.
File writing and the CLI live in `briefer.notes.export_command`.

Layout of one briefing's export (`render_briefing`):

    ---
    generator: briefer            # marks files briefer may overwrite
    title: "Grid strikes"
    source: "Reuters"
    date: 2026-07-14
    briefing: "/home/me/briefings/grid.md"
    briefing_id: "3f2a9c..."
    exported: 2026-07-14T09:12:00+00:00
    tags:
      - "energy"
    ---

    # Grid strikes
    <!-- briefer:briefing {"id":"3f2a9c...","title":"Grid strikes","path":"/home/me/briefings/grid.md"} -->

    > Ukrenergo reported damage to three substations. ^n-01j2z5r7a1

    Same node hit on 2 and 9 July.

    #energy #infrastructure/grid
    <!-- briefer:note {"id":"01j2z5r7a1","kind":"note","exact":"...",...,"text_sha256":"..."} -->

    ## Orphaned notes
    ...
    ## My notes
    (everything from this heading to the end is the user's and survives re-export)

`exported` is when the file's content last changed: a re-export that would change
nothing else keeps the previous value, so unchanged notes give a byte-identical file.

Visible text is escaped so it renders literally (see `escape_markdown`) and
`unescape_markdown` inverts it exactly. The comment carries what import needs
that a reader does not: id, kind, selectors, times, anchor state, the exact
tags, and a hash of the exported note text, so an edit made in the file is
detectable (and wins on import) while an unedited file never overrides newer
edits made in briefer.
"""

from __future__ import annotations

import functools
import hashlib
import html.entities
import json
import os
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from briefer.notes.model import Note, Target

GENERATOR = "briefer"
MY_NOTES_HEADING = "## My notes"
MY_NOTES_DEFAULT = (
    f"{MY_NOTES_HEADING}\n\n"
    "<!-- Write below: briefer keeps everything from the My notes heading on when it exports again. -->\n"
)
ORPHANS_HEADING = "## Orphaned notes"
ORPHANS_INTRO = "The briefing's text changed and these passages were not found again."
COLLECTION_TITLE = "briefer notes"

_NOTE_COMMENT = "<!-- briefer:note "
_BRIEFING_COMMENT = "<!-- briefer:briefing "
_COMMENT_END = " -->"


# ---------------------------------------------------------------- briefing metadata


@dataclass(frozen=True, slots=True)
class BriefingInfo:
    """What an export says about a briefing; from the Briefing when it loads, else from its notes."""

    id: str
    title: str
    path: str
    source: str | None = None
    date: str | None = None

    @classmethod
    def from_briefing(cls, briefing, briefing_id: str | None = None) -> BriefingInfo:
        return cls(
            id=briefing_id or briefing.id,
            title=briefing.title,
            # absolute, as the store keeps notes' briefing paths
            path=os.path.abspath(briefing.path) if briefing.path else "",
            source=briefing.source,
            date=briefing.date,
        )

    @classmethod
    def from_notes(cls, notes: list[Note]) -> BriefingInfo:
        newest = max(notes, key=lambda n: (n.updated or n.created, n.id))
        return cls(id=newest.briefing_id, title=newest.briefing_title, path=newest.briefing_path)


def group_by_briefing(notes) -> dict[str, list[Note]]:
    groups: dict[str, list[Note]] = {}
    for note in notes:
        groups.setdefault(note.briefing_id, []).append(note)
    return groups


def select_notes(notes, *, tags=(), since: str | None = None, briefing_ids=None, paths=None) -> list[Note]:
    """Notes with any of `tags` (a tag also selects the nested tags under it), changed on or
    after `since` (YYYY-MM-DD), and on one of `briefing_ids` or `paths` when either is given."""
    wanted_tags = [t.casefold() for t in tags]
    wanted_ids = set(briefing_ids or ())
    wanted_paths = set(paths or ())
    chosen = []
    for note in notes:
        if wanted_tags and not any(
            t.casefold() == w or t.casefold().startswith(w + "/") for t in note.tags for w in wanted_tags
        ):
            continue
        if since and (note.updated or note.created)[:10] < since:
            continue
        if (wanted_ids or wanted_paths) and not (
            note.briefing_id in wanted_ids or note.briefing_path in wanted_paths
        ):
            continue
        chosen.append(note)
    return chosen


def in_text_order(notes) -> list[Note]:
    return sorted(notes, key=lambda n: (n.target.start, n.target.end, n.created, n.id))


def export_file_name(info: BriefingInfo, id_chars: int = 8) -> str:
    """`<slug of the title>-<first id characters>.md`: readable, and stable while the notes'
    briefing id and title stay the same."""
    return f"{slugify(info.title)}-{info.id[:id_chars]}.md"


def export_file_names(infos) -> dict[str, str]:
    """File name per briefing id; ids that share a prefix and a title get longer prefixes."""
    names = {info.id: export_file_name(info) for info in infos}
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    for info in infos:
        if seen[names[info.id]] > 1:
            names[info.id] = export_file_name(info, id_chars=len(info.id))
    return names


def slugify(title: str, limit: int = 60) -> str:
    slug = re.sub(r"[^\w]+|_+", "-", title.casefold()).strip("-")
    return slug[:limit].rstrip("-") or "briefing"


# ---------------------------------------------------------------- escaping

# Characters that must never appear raw: C0/C1 controls (not tab, never newline inside a
# line), line/paragraph separators and lone surrogates. Written as numeric references.
_ENCODE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Always escaped (backslash first): code, emphasis, links, tables, headings and tags,
# block ids, strikethrough.
_ALWAYS = "\\`*[]|#^~"
# Escaped where they would mean something, each rule behind a quick test for its character.
# They run after _ALWAYS: escaping inserts a backslash only before a character, so what
# precedes each original character is unchanged.
_CONTEXTUAL = (
    ("<", re.compile(r"<(?=[A-Za-z/!?])")),  # HTML and autolinks
    ("&", re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")),  # entities
    ("_", re.compile(r"(?<![^\W_])_|_(?![^\W_])")),  # `_` except inside words, where it cannot emphasise
    ("==", re.compile(r"(?<==)=|=(?==)")),  # Obsidian's ==highlight==
    ("%%", re.compile(r"(?<=%)%|%(?=%)")),  # Obsidian's %%comment%%
)
_LINE_START = re.compile(r"(?m)^(?=[>\-+=:])")  # quotes, lists, setext underlines, table rows
_ORDERED_ITEM = re.compile(r"(?m)^(\d+)(?=[.)])")
_EDGE_SPACE = re.compile(r"(?m)^[^\S\n]+|[^\S\n]+$")
_UNESCAPE = re.compile(
    r"\\([!-/:-@\[-`{-~])|&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));"
)


def _backslashed(match: re.Match) -> str:
    return "\\" + match.group()


def _backslash_before(match: re.Match) -> str:
    return "\\"


def _backslash_after(match: re.Match) -> str:
    return match.group() + "\\"


def _references(match: re.Match) -> str:
    return "".join(f"&#x{ord(c):X};" for c in match.group())


def escape_markdown(text: str) -> str:
    """Plain text as markdown that renders as exactly that text, line for line."""
    for char in _ALWAYS:
        if char in text:
            text = text.replace(char, "\\" + char)
    for trigger, rule in _CONTEXTUAL:
        if trigger in text:
            text = rule.sub(_backslashed, text)
    if not text:
        return text
    several_lines = "\n" in text
    if several_lines or text[0] in ">-+=:":
        text = _LINE_START.sub(_backslash_before, text)
    if several_lines or text[0].isdigit():
        text = _ORDERED_ITEM.sub(_backslash_after, text)
    # Edge whitespace would be stripped (or make code blocks, hard breaks): keep it as references.
    if several_lines or text[0].isspace() or text[-1].isspace():
        text = _EDGE_SPACE.sub(_references, text)
    if _ENCODE.search(text):
        text = _ENCODE.sub(_references, text)
    return text


def _unescape_match(match: re.Match) -> str:
    punct, decimal, hexa, name = match.groups()
    if punct is not None:
        return punct
    if name is not None:
        return html.entities.html5.get(name + ";", match.group())
    code = int(decimal) if decimal is not None else int(hexa, 16)
    return chr(code) if code <= 0x10FFFF else match.group()


def unescape_markdown(text: str) -> str:
    """Inverse of `escape_markdown`; also reads what a person typed (escapes, entities)."""
    return _UNESCAPE.sub(_unescape_match, text)


# ---------------------------------------------------------------- tags

_NOT_TAG_CHAR = re.compile(r"[^\w/-]")
_LOOSE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_TAG_LINE = re.compile(r"#[^\s#]\S*(?:[ \t]+#[^\s#]\S*)*[ \t]*")


@functools.lru_cache(maxsize=4096)
def tag_display(tag: str) -> str:
    """A tag as an Obsidian-legal `#tag` (letters, digits, `_`, `-`, `/`; not all digits).
    Spaces and other characters become `-`; the exact tag travels in the note's comment."""
    shown = _NOT_TAG_CHAR.sub("-", "-".join(tag.split()))
    shown = _LOOSE_UNDERSCORE.sub("-", shown)  # elsewhere markdown may read `_` as emphasis
    if not shown or shown.replace("/", "").isdigit():
        shown = "tag-" + shown
    return shown


def tags_line(tags) -> str:
    return " ".join("#" + tag_display(t) for t in tags)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# ---------------------------------------------------------------- rendering

_JSON_UNSAFE = re.compile("[<>&\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_YAML_UNSAFE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]"
)


_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json_escaped(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def comment_json(data) -> str:
    """One-line JSON in which `<`, `>` and `&` never appear raw, so `-->` cannot end the
    comment early, and no control character reaches a terminal."""
    text = _COMPACT_JSON.encode(data)
    return _JSON_UNSAFE.sub(_json_escaped, text) if _JSON_UNSAFE.search(text) else text


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax, which PyYAML reads exactly)."""
    text = _COMPACT_JSON.encode(value)
    return _YAML_UNSAFE.sub(_json_escaped, text) if _YAML_UNSAFE.search(text) else text


def _yaml_date(value: str | None) -> str:
    if not value:
        return ""
    try:
        date.fromisoformat(value)
    except ValueError:
        return " " + yaml_string(value)
    return " " + value if len(value) == 10 else " " + yaml_string(value)


def _yaml_tags(tags) -> list[str]:
    shown = sorted({tag_display(t) for t in tags})
    if not shown:
        return ["tags: []"]
    return ["tags:"] + [f"  - {yaml_string(t)}" for t in shown]


def front_matter(info: BriefingInfo, notes, exported: str) -> str:
    lines = [
        "---",
        f"generator: {GENERATOR}",
        f"title: {yaml_string(info.title)}",
        "source:" + (" " + yaml_string(info.source) if info.source else ""),
        "date:" + _yaml_date(info.date),
        f"briefing: {yaml_string(info.path)}",
        f"briefing_id: {yaml_string(info.id)}",
        f"exported: {exported}",
        *_yaml_tags(t for n in notes for t in n.tags),
        "---",
    ]
    return "\n".join(lines) + "\n"


def collection_front_matter(groups, exported: str) -> str:
    notes = [n for _, group in groups for n in group]
    lines = [
        "---",
        f"generator: {GENERATOR}",
        f"title: {yaml_string(COLLECTION_TITLE)}",
        f"briefings: {len(groups)}",
        f"notes: {len(notes)}",
        f"exported: {exported}",
        *_yaml_tags(t for n in notes for t in n.tags),
        "---",
    ]
    return "\n".join(lines) + "\n"


def _block_id(note_id: str) -> str:
    # Obsidian block ids allow letters, digits and dashes only.
    return "n-" + re.sub(r"[^A-Za-z0-9-]", "-", note_id)


def _note_data(note: Note, info: BriefingInfo) -> dict:
    data = {
        "id": note.id,
        "kind": note.kind,
        "exact": note.target.exact,
        "prefix": note.target.prefix,
        "suffix": note.target.suffix,
        "start": note.target.start,
        "end": note.target.end,
        "anchor": note.anchor,
        "created": note.created,
        "updated": note.updated,
        "tags": list(note.tags),
        "text_sha256": text_hash(note.text),
    }
    if note.briefing_path != info.path:
        data["briefing_path"] = note.briefing_path
    if note.briefing_title != info.title:
        data["briefing_title"] = note.briefing_title
    return data


def render_note(note: Note, info: BriefingInfo) -> str:
    # The passage is shown, not read back (the comment's selectors anchor the note): its
    # outer whitespace is left out so the quote reads well.
    passage = escape_markdown(note.target.exact.strip())
    quoted = [("> " + line) if line else ">" for line in passage.split("\n")]
    quoted[-1] = f"{quoted[-1]} ^{_block_id(note.id)}"
    parts = ["\n".join(quoted), ""]
    if note.text:
        parts += [escape_markdown(note.text), ""]
    if note.tags:
        parts.append(tags_line(note.tags))
    parts.append(_NOTE_COMMENT + comment_json(_note_data(note, info)) + _COMMENT_END)
    return "\n".join(parts) + "\n"


def render_section(info: BriefingInfo, notes) -> str:
    """`# Title`, the briefing's comment, its notes in text order, then its orphans."""
    title = escape_markdown(" ".join(info.title.split()) or " ".join(info.path.split())) or "Untitled"
    out = [
        f"# {title}\n",
        _BRIEFING_COMMENT
        + comment_json({"id": info.id, "title": info.title, "path": info.path})
        + _COMMENT_END
        + "\n",
    ]
    anchored = [n for n in notes if n.anchor != "orphan"]
    orphans = [n for n in notes if n.anchor == "orphan"]
    for note in in_text_order(anchored):
        out.append("\n" + render_note(note, info))
    if orphans:
        out.append(f"\n{ORPHANS_HEADING}\n\n{ORPHANS_INTRO}\n")
        for note in in_text_order(orphans):
            out.append("\n" + render_note(note, info))
    return "".join(out)


def render_briefing(info: BriefingInfo, notes, *, exported: str, my_notes: str | None = None) -> str:
    """One briefing's export file. `my_notes` is the previous file's My notes region, kept verbatim."""
    return (
        front_matter(info, notes, exported)
        + "\n"
        + render_section(info, notes)
        + "\n"
        + (my_notes or MY_NOTES_DEFAULT)
    )


def briefing_sort_key(info: BriefingInfo):
    return (info.date or "", info.title.casefold(), info.id)


def render_collection(groups, *, exported: str, my_notes: str | None = None) -> str:
    """Several briefings in one file: `groups` is a list of (BriefingInfo, notes)."""
    groups = sorted(groups, key=lambda g: briefing_sort_key(g[0]))
    sections = "".join("\n" + render_section(info, notes) for info, notes in groups)
    return collection_front_matter(groups, exported) + sections + "\n" + (my_notes or MY_NOTES_DEFAULT)


def previous_exported(text: str) -> str | None:
    """The `exported` value of a file briefer wrote (kept when nothing else changed)."""
    match = re.search(r"(?m)^exported: (.*)$", front_matter_text(text) or "")
    return match.group(1) if match else None


# ---------------------------------------------------------------- W3C Web Annotation JSON


def _source_iri(info: BriefingInfo) -> str:
    path = Path(info.path) if info.path else None
    if path is not None and path.is_absolute():
        return path.as_uri()
    return f"urn:sha256:{info.id}"


def annotation(note: Note, info: BriefingInfo) -> dict:
    body = []
    if note.text:
        body.append(
            {"type": "TextualBody", "value": note.text, "format": "text/markdown", "purpose": "commenting"}
        )
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in note.tags]
    item = {
        "id": f"urn:briefer:note:{note.id}",
        "type": "Annotation",
        "motivation": "commenting" if note.kind == "note" and note.text else "highlighting",
        "created": note.created,
        "modified": note.updated,
    }
    if body:
        item["body"] = body
    item["target"] = {
        "source": _source_iri(info),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": note.target.exact,
                "prefix": note.target.prefix,
                "suffix": note.target.suffix,
            },
            {"type": "TextPositionSelector", "start": note.target.start, "end": note.target.end},
        ],
    }
    return item


def render_annotations(groups) -> str:
    """An AnnotationCollection (W3C Web Annotation Data Model) with every note in one page."""
    groups = sorted(groups, key=lambda g: briefing_sort_key(g[0]))
    items = [annotation(note, info) for info, notes in groups for note in in_text_order(notes)]
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:briefer:export",
        "type": "AnnotationCollection",
        "label": COLLECTION_TITLE,
        "generator": {"id": "urn:briefer", "type": "Software", "name": GENERATOR},
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": []},
    }
    # One annotation per line: readable and diffable, and written by the fast C encoder.
    head = json.dumps(collection, ensure_ascii=False, indent=2)
    head = head[: head.rindex("[]")]
    lines = ",\n".join("    " + comment_json(item) for item in items)
    return head + ("[\n" + lines + "\n  ]" if items else "[]") + "\n  }\n}\n"


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


# ---------------------------------------------------------------- reading an export back


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


_MY_NOTES = re.compile(rf"(?m)^{re.escape(MY_NOTES_HEADING)}[ \t]*$")


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
class ParsedExport:
    notes: list[ImportedNote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line N: reason"


def parse_export(text: str) -> ParsedExport:
    """Read a markdown export (one briefing or a combined file) back into notes; the
    My notes region is not read."""
    text = normalise_newlines(text)
    result = ParsedExport()
    lines = text.split("\n")
    index = 0
    if front_matter_text(text) is not None:
        index = text[: text.find("\n---\n", 3)].count("\n") + 2
    briefing: BriefingInfo | None = None
    pending: list[str] = []
    for number in range(index, len(lines)):
        line = lines[number]
        if _MY_NOTES.fullmatch(line):
            break  # the rest is the person's own
        if line.startswith(_BRIEFING_COMMENT) and line.endswith(_COMMENT_END):
            data = _comment_data(line, _BRIEFING_COMMENT)
            if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                result.problems.append(f"line {number + 1}: unreadable briefing data")
                briefing = None
            else:
                briefing = BriefingInfo(
                    id=data["id"], title=str(data.get("title") or ""), path=str(data.get("path") or "")
                )
            pending = []
        elif line.startswith(_NOTE_COMMENT) and line.endswith(_COMMENT_END):
            if briefing is None:
                result.problems.append(f"line {number + 1}: note outside a briefing section")
            else:
                try:
                    result.notes.append(_read_note(pending, _comment_data(line, _NOTE_COMMENT), briefing))
                except (TypeError, ValueError, KeyError):
                    result.problems.append(f"line {number + 1}: unreadable note data")
            pending = []
        elif line == ORPHANS_HEADING:
            pending = []
        else:  # headings a person typed into a note stay part of its text
            pending.append(line)
    return result


def _comment_data(line: str, opener: str):
    try:
        return json.loads(line[len(opener) : -len(_COMMENT_END)])
    except ValueError:
        return None


def _read_note(lines: list[str], data, briefing: BriefingInfo) -> ImportedNote:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    # What precedes the passage (the orphans' explanation, stray text) is not the note's.
    first_quote = next((i for i, line in enumerate(lines) if line.startswith(">")), None)
    if first_quote is None:
        lines = [line for line in lines if line != ORPHANS_INTRO]
        while lines and not lines[0].strip():
            lines.pop(0)
    else:
        lines = lines[first_quote:]
    while lines and lines[0].startswith(">"):
        lines.pop(0)  # the passage: the comment's selectors are what anchors the note
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
    text = unescape_markdown("\n".join(lines))

    exported_tags = [str(t) for t in data["tags"]]
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
        exact=str(data["exact"]),
        prefix=str(data["prefix"]),
        suffix=str(data["suffix"]),
        start=int(data["start"]),
        end=int(data["end"]),
    )
    note = Note(
        id=str(data["id"]),
        briefing_id=briefing.id,
        briefing_path=str(data.get("briefing_path", briefing.path)),
        briefing_title=str(data.get("briefing_title", briefing.title)),
        target=target,
        kind=str(data["kind"]),
        text=text,
        tags=tags,
        created=str(data["created"]),
        updated=str(data["updated"]),
        anchor=str(data["anchor"]),
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
