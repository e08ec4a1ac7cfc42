"""`briefer notes list|add|rm` and `briefer tags`: the notes store without the TUI."""

from __future__ import annotations

import json
import re
import sys

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
QUOTE_WIDTH = 70


def register(subparsers, common) -> None:
    notes = subparsers.add_parser("notes", help="list, add and remove notes")
    actions = notes.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="list notes, in text order per briefing")
    listing.add_argument(
        "--briefing", metavar="FILE", help="only this briefing's notes (re-anchored to its text)"
    )
    listing.add_argument("--tag", metavar="TAG", help="only notes with this tag or a tag under it (TAG/...)")
    listing.add_argument("--json", action="store_true", help="print the notes as a JSON array")
    listing.set_defaults(func=run)

    adding = actions.add_parser(
        "add",
        parents=[common],
        help="annotate a passage of a briefing; prints the new note's id",
        description="Annotate the first occurrence of TEXT in the briefing FILE (line breaks and runs "
        "of spaces in the file match any whitespace in TEXT). Prints the new note's id.",
    )
    adding.add_argument("file", metavar="FILE", help="the briefing")
    adding.add_argument(
        "--quote", metavar="TEXT", required=True, help="the passage, as it occurs in the briefing"
    )
    adding.add_argument("--note", metavar="TEXT", default="", help="the note (markdown)")
    adding.add_argument(
        "--tag", metavar="TAG", action="append", default=[], help="a tag, nested with / (repeatable)"
    )
    adding.set_defaults(func=run)

    removing = actions.add_parser("rm", parents=[common], help="delete a note by id")
    removing.add_argument("id", metavar="ID")
    removing.set_defaults(func=run)

    tags = subparsers.add_parser("tags", parents=[common], help="list tags with their note counts")
    tags.add_argument("--json", action="store_true", help="print {tag: count} as JSON")
    tags.set_defaults(func=run, action="tags")


def run(args) -> int:
    from briefer import config
    from briefer.cli import CommandError, load_settings
    from briefer.notes.store import NotesStore, StoreError

    try:
        store = NotesStore.open(config.notes_path(args.notes, load_settings(args)))
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    try:
        for message in store.messages:
            print(f"briefer: {safe(message)}", file=sys.stderr)
        return {"list": _list, "add": _add, "rm": _remove, "tags": _tags}[args.action](store, args)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()


def safe(text: str) -> str:
    """One line with no control or direction-changing characters: safe for the terminal."""
    return _UNSAFE.sub(" ", text)


def clean_tag(tag: str) -> str:
    """`#area/topic` -> `area/topic`; raises ValueError for an unusable tag."""
    tag = tag.strip().lstrip("#")
    if not tag or any(ch.isspace() for ch in tag) or "" in tag.split("/") or _UNSAFE.search(tag):
        raise ValueError(f"not a usable tag: {safe(tag)!r} (no spaces; nest with /, as in area/topic)")
    return tag


def _load_briefing(path):
    from briefer.briefing import BriefingError, load
    from briefer.cli import CommandError

    try:
        return load(path)
    except BriefingError as exc:
        raise CommandError(safe(str(exc))) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise CommandError(
            f"{safe(str(path))}: cannot read it as a briefing ({type(exc).__name__})"
        ) from None


def _list(store, args) -> int:
    from briefer.cli import CommandError

    if args.briefing:
        from briefer.notes.anchoring import find_notes_for_briefing

        notes = find_notes_for_briefing(store, _load_briefing(args.briefing), persist=False)
    else:
        notes = store.all_notes()
    if args.tag:
        try:
            wanted = clean_tag(args.tag)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        notes = [n for n in notes if any(t == wanted or t.startswith(wanted + "/") for t in n.tags)]
    if args.json:
        text = json.dumps([n.to_dict() for n in notes], ensure_ascii=False, indent=2)
        print(_UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        return 0
    for note in notes:
        print(_note_line(note))
    return 0


def _note_line(note) -> str:
    quote = " ".join(note.target.exact.split())
    if len(quote) > QUOTE_WIDTH:
        quote = quote[: QUOTE_WIDTH - 1] + "…"
    parts = [note.id, note.briefing_title or note.briefing_path, f"“{quote}”"]
    if note.anchor != "anchored":
        parts.append(f"[{note.anchor}]")
    if note.tags:
        parts.append(" ".join(f"#{t}" for t in note.tags))
    if note.text.strip():
        parts.append("— " + " ".join(note.text.split()))
    return safe("  ".join(parts))


def _add(store, args) -> int:
    from briefer.cli import CommandError
    from briefer.notes.model import Note, Target, new_note_id, now_iso

    try:
        tags = list(dict.fromkeys(clean_tag(t) for t in args.tag))
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    briefing = _load_briefing(args.file)
    span = _find_quote(briefing.body, args.quote)
    if span is None:
        raise CommandError(f"the quote does not occur in {safe(args.file)}")
    stamp = now_iso()
    note = Note(
        id=new_note_id(),
        briefing_id=briefing.id,
        briefing_path=str(briefing.path),
        briefing_title=briefing.title,
        target=Target.from_span(briefing.body, *span),
        kind="note" if args.note.strip() or tags else "highlight",
        text=args.note,
        tags=tags,
        created=stamp,
        updated=stamp,
    )
    print(store.add(note).id)
    return 0


def _find_quote(body: str, quote: str) -> tuple[int, int] | None:
    words = quote.split()
    if not words:
        return None
    start = body.find(quote)
    if start != -1 and quote.strip() == quote:
        return start, start + len(quote)
    match = re.search(r"\s+".join(map(re.escape, words)), body)
    return match.span() if match else None


def _remove(store, args) -> int:
    from briefer.cli import CommandError

    removed = store.remove(args.id)
    if removed is None:
        raise CommandError(f"no note with id {safe(args.id)}")
    print(f"removed {removed.id}")
    return 0


def _tags(store, args) -> int:
    counts = store.tag_counts()
    if args.json:
        print(
            _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(counts, ensure_ascii=False))
        )
        return 0
    width = len(str(max(counts.values(), default=0)))
    for tag, count in counts.items():
        print(safe(f"{count:>{width}}  {tag}"))
    return 0
