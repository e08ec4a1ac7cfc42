"""Notes as markdown files (and W3C Web Annotation JSON): the format and its rendering.

Pure functions over `Note` lists and briefing metadata: no store, no files, no clock.
Reading an export back is `briefer.notes.export_parsing`; writing export files is
`briefer.notes.exporting`, and importing them `briefer.notes.importing`.

Layout of one briefing's export (`render_briefing`):

    ---
    generator: briefer            # marks files briefer may overwrite
    title: "Grid strikes"
    source: "Reuters"
    date: 2026-07-14
    briefing: "/home/me/briefings/grid.md"
    briefing_id: "3f2a9c..."
    notes: 1                      # how many notes follow: import notices a file cut short
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
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefer.notes.ids import BRIEFING_ID_DIGITS, is_briefing_id
from briefer.notes.markdown_escape import escape_markdown
from briefer.notes.model import Note, text_order
from briefer.notes.tags import has_tag

GENERATOR = "briefer"
MY_NOTES_HEADING = "## My notes"
MY_NOTES_DEFAULT = (
    f"{MY_NOTES_HEADING}\n\n"
    "<!-- Write below: briefer keeps everything from the My notes heading on when it exports again. -->\n"
)
ORPHANS_HEADING = "## Orphaned notes"
ORPHANS_INTRO = "The briefing's text changed and these passages were not found again."
COLLECTION_TITLE = "briefer notes"
MARKDOWN_SUFFIXES = (".md", ".markdown")

NOTE_COMMENT = "<!-- briefer:note "
BRIEFING_COMMENT = "<!-- briefer:briefing "
COMMENT_END = " -->"


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
    wanted_ids = set(briefing_ids or ())
    wanted_paths = set(paths or ())
    chosen = []
    for note in notes:
        if tags and not any(has_tag(note.tags, wanted) for wanted in tags):
            continue
        if since and (note.updated or note.created)[:10] < since:
            continue
        if (wanted_ids or wanted_paths) and not (
            note.briefing_id in wanted_ids or note.briefing_path in wanted_paths
        ):
            continue
        chosen.append(note)
    return chosen


def export_file_name(info: BriefingInfo, id_chars: int = 8) -> str:
    """`<slug of the title>-<first id characters>.md`: readable, and stable while the notes'
    briefing id and title stay the same. Built only from safe parts: letters, digits and `-`
    (a briefing id that is not one, say from a crafted import, is replaced by its hash)."""
    return f"{slugify(info.title)}-{_file_id(info.id)[:id_chars]}.md"


def _file_id(briefing_id: str) -> str:
    if is_briefing_id(briefing_id):
        return briefing_id
    return hashlib.sha256(briefing_id.encode("utf-8", "surrogatepass")).hexdigest()


def export_file_names(infos) -> dict[str, str]:
    """File name per briefing id; ids that share a prefix and a title get longer prefixes."""
    names = {info.id: export_file_name(info) for info in infos}
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    for info in infos:
        if seen[names[info.id]] > 1:
            names[info.id] = export_file_name(info, id_chars=BRIEFING_ID_DIGITS)
    return names


def slugify(title: str, limit: int = 60) -> str:
    slug = re.sub(r"[^\w]+|_+", "-", title.casefold()).strip("-")
    return slug[:limit].rstrip("-") or "briefing"


# ---------------------------------------------------------------- tags

_NOT_TAG_CHAR = re.compile(r"[^\w/-]")
_LOOSE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")


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
        f"notes: {len(notes)}",
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


def block_id(note_id: str) -> str:
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
    quoted[-1] = f"{quoted[-1]} ^{block_id(note.id)}"
    parts = ["\n".join(quoted), ""]
    if note.text:
        parts += [escape_markdown(note.text), ""]
    if note.tags:
        parts.append(tags_line(note.tags))
    parts.append(NOTE_COMMENT + comment_json(_note_data(note, info)) + COMMENT_END)
    return "\n".join(parts) + "\n"


def render_section(info: BriefingInfo, notes) -> str:
    """`# Title`, the briefing's comment, its notes in text order, then its orphans."""
    title = escape_markdown(" ".join(info.title.split()) or " ".join(info.path.split())) or "Untitled"
    out = [
        f"# {title}\n",
        BRIEFING_COMMENT
        + comment_json({"id": info.id, "title": info.title, "path": info.path})
        + COMMENT_END
        + "\n",
    ]
    anchored = [n for n in notes if n.anchor != "orphan"]
    orphans = [n for n in notes if n.anchor == "orphan"]
    for note in sorted(anchored, key=text_order):
        out.append("\n" + render_note(note, info))
    if orphans:
        out.append(f"\n{ORPHANS_HEADING}\n\n{ORPHANS_INTRO}\n")
        for note in sorted(orphans, key=text_order):
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
    item: dict[str, object] = {
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
    items = [annotation(note, info) for info, notes in groups for note in sorted(notes, key=text_order)]
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
