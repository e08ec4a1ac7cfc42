"""`briefer notes list|add|rm` and `briefer tags`: the notes store without the TUI."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from briefer.briefing.sanitize import one_line
from briefer.commands.common import AddParser, CommandError, load_briefing, open_store, print_json
from briefer.notes.tags import InvalidTag, has_tag, parse_tag

if TYPE_CHECKING:
    from briefer.notes.model import Note
    from briefer.notes.store import NotesStore

QUOTE_WIDTH = 70


def register_notes(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    notes = add_parser(help="list, add and remove notes")
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


def register_tags(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    tags = add_parser(parents=[common], help="list tags with their note counts")
    tags.add_argument("--json", action="store_true", help="print {tag: count} as JSON")
    tags.set_defaults(func=run, action="tags")


def run(args: argparse.Namespace) -> int:
    from briefer.notes.store import StoreError

    store = open_store(args)
    try:
        return {"list": _list, "add": _add, "rm": _remove, "tags": _tags}[args.action](store, args)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()


def _tag(raw: str) -> str:
    try:
        return parse_tag(raw)
    except InvalidTag as exc:
        raise CommandError(f"not a usable tag: {exc}") from None


def _list(store: NotesStore, args: argparse.Namespace) -> int:
    if args.briefing:
        from briefer.notes.anchoring import find_notes_for_briefing

        notes = find_notes_for_briefing(store, load_briefing(args.briefing), persist=False)
    else:
        notes = store.all_notes()
    if args.tag:
        wanted = _tag(args.tag)
        notes = [n for n in notes if has_tag(n.tags, wanted)]
    if args.json:
        print_json([n.to_dict() for n in notes], indent=2)
        return 0
    for note in notes:
        print(_note_line(note))
    return 0


def _note_line(note: Note) -> str:
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
    return one_line("  ".join(parts))


def _add(store: NotesStore, args: argparse.Namespace) -> int:
    from briefer.notes.session import new_note

    tags = list(dict.fromkeys(_tag(t) for t in args.tag))
    briefing = load_briefing(args.file)
    span = _find_quote(briefing.body, args.quote)
    if span is None:
        raise CommandError(f"the quote does not occur in {args.file}")
    kind = "note" if args.note.strip() or tags else "highlight"
    print(store.add(new_note(briefing, *span, kind=kind, text=args.note, tags=tags)).id)
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


def _remove(store: NotesStore, args: argparse.Namespace) -> int:
    removed = store.remove(args.id)
    if removed is None:
        raise CommandError(f"no note with id {args.id}")
    print(f"removed {removed.id}")
    return 0


def _tags(store: NotesStore, args: argparse.Namespace) -> int:
    counts = store.tag_counts()
    if args.json:
        print_json(counts)
        return 0
    width = len(str(max(counts.values(), default=0)))
    for tag, count in counts.items():
        print(one_line(f"{count:>{width}}  {tag}"))
    return 0
