"""`briefer extract FILE [--date YYYY-MM-DD] [--json]`: who / what / when / where of one briefing."""

from __future__ import annotations

import datetime as dt


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "extract", parents=[common], help="print who, what, when and where of a briefing"
    )
    parser.add_argument("file", metavar="FILE", help="briefing file (.txt, .md)")
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="reference date for relative expressions when the briefing has none",
    )
    parser.add_argument("--json", action="store_true", help="print the analysis as one JSON object")
    parser.set_defaults(func=run)


def run(args) -> int:
    from briefer.analysing import analyse
    from briefer.briefing import BriefingError, load
    from briefer.cli import CommandError
    from briefer.extract import to_json

    reference = None
    if args.date is not None:
        try:
            reference = dt.date.fromisoformat(args.date)
        except ValueError:
            raise CommandError(f"--date {args.date!r}: expected a date as YYYY-MM-DD") from None
    try:
        briefing = load(args.file)
    except BriefingError as exc:
        raise CommandError(str(exc)) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise CommandError(
            f"{args.file}: cannot read as a text briefing ({exc.__class__.__name__})"
        ) from None
    analysis = analyse(briefing, reference)
    if args.json:
        print(to_json(analysis))
    else:
        print(_tables(analysis))
    return 0


def _safe(text: str) -> str:
    """Text from the briefing, with control characters shown as spaces."""
    return "".join(" " if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in text)


def _tables(a: dict) -> str:
    out = []
    b = a["briefing"]
    out.append(_safe(b["title"] or b["path"] or ""))
    out.append(f"date: {b['date'] or 'unknown'}")
    out.append("")
    out.append("WHO")
    for e in a["who"]:
        role = f" ({_safe(e['role'])})" if e["role"] else ""
        aliases = f"  aka {', '.join(_safe(x) for x in e['aliases'])}" if e["aliases"] else ""
        out.append(f"  {_safe(e['name'])}{role}  [{e['kind']}, x{len(e['mentions'])}]{aliases}")
    out.append("WHERE")
    for e in a["where"]:
        aliases = f"  aka {', '.join(_safe(x) for x in e['aliases'])}" if e["aliases"] else ""
        out.append(f"  {_safe(e['name'])}  [x{len(e['mentions'])}]{aliases}")
    out.append("WHEN")
    for t in a["when"]:
        out.append(f"  {_safe(t['text'])} = {t['value'] or '?'}")
    out.append("WHAT")
    for w in a["what"]:
        if w["kind"] == "quote":
            out.append(f"  \u201c{_safe(w['text'])}\u201d \u2014 {_safe(w['speaker'] or 'unattributed')}")
        elif w["kind"] == "lede":
            out.append(f"  lede: {_safe(w['text'])}")
    return "\n".join(out)
