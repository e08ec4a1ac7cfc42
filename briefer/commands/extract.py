"""`briefer extract FILE [--date YYYY-MM-DD] [--json]`: who / what / when / where of one briefing."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from briefer import config
from briefer.analysing.cache import effective_briefing
from briefer.analysing.extraction import analyse  # the extractor with its word tables cached
from briefer.briefing.sanitize import one_line
from briefer.commands.common import AddParser, CommandError, load_briefing, load_settings, open_store
from briefer.extract import to_json
from briefer.extract.schema import Analysis


def register(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(parents=[common], help="print who, what, when and where of a briefing")
    parser.add_argument("file", metavar="FILE", help="briefing file (.txt, .md, .html, .pdf, .eml, .docx)")
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="reference date for relative expressions when the briefing has none"
        " (default: the one set in the reader with D, if any)",
    )
    parser.add_argument("--json", action="store_true", help="print the analysis as one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    reference = None
    if args.date is not None:
        try:
            reference = dt.date.fromisoformat(args.date)
        except ValueError:
            raise CommandError(f"--date {args.date!r}: expected a date as YYYY-MM-DD") from None
    briefing = load_briefing(args.file)
    if args.date is None and (stored := _stored_reference_date(args, briefing.id)):
        # The date set with `D` in the reader wins over the file's own there: the same here.
        print(
            f"briefer: relative dates resolved against {stored}, the reference date set in the reader"
            " (--date overrides it)",
            file=sys.stderr,
        )
        briefing = effective_briefing(briefing, stored)
    analysis = analyse(briefing, reference)
    if args.json:
        print(to_json(analysis))
    else:
        print(_tables(analysis))
    return 0


def _stored_reference_date(args: argparse.Namespace, briefing_id: str) -> str | None:
    """The reference date the user set for this briefing in the reader, if any; a missing
    notes file is not created for it."""
    if not config.notes_path(args.notes, load_settings(args.config)).exists():
        return None
    store = open_store(args)
    try:
        value = store.briefing_data(briefing_id).get("reference_date")
    finally:
        store.close()
    return value if isinstance(value, str) else None


def _tables(a: Analysis) -> str:
    out = []
    b = a["briefing"]
    out.append(one_line(b["title"] or b["path"] or ""))
    out.append(f"date: {b['date'] or 'unknown'}")
    out.append("")
    out.append("WHO")
    for who in a["who"]:
        role = f" ({one_line(who['role'])})" if who["role"] else ""
        aliases = f"  aka {', '.join(one_line(x) for x in who['aliases'])}" if who["aliases"] else ""
        out.append(f"  {one_line(who['name'])}{role}  [{who['kind']}, x{len(who['mentions'])}]{aliases}")
    out.append("WHERE")
    for where in a["where"]:
        aliases = f"  aka {', '.join(one_line(x) for x in where['aliases'])}" if where["aliases"] else ""
        out.append(f"  {one_line(where['name'])}  [x{len(where['mentions'])}]{aliases}")
    out.append("WHEN")
    for t in a["when"]:
        out.append(f"  {one_line(t['text'])} = {t['value'] or '?'}")
    out.append("WHAT")
    for w in a["what"]:
        if w["kind"] == "quote":
            out.append(
                f"  \u201c{one_line(w['text'])}\u201d \u2014 {one_line(w['speaker'] or 'unattributed')}"
            )
        elif w["kind"] == "lede":
            out.append(f"  lede: {one_line(w['text'])}")
    return "\n".join(out)
