"""The desk tables in the markdown export: one file, `briefer-desk.md`, beside the notes' files.

    ---
    generator: briefer
    content: desk
    records: 3                    # how many records follow: import notices a file cut short
    exported: 2026-07-14T09:12:00+00:00
    ---

    # briefer desk

    ## flags

    - 3f2a9c...: at 2026-07-14T09:00:00+00:00
      <!-- briefer:desk {"table":"flags","key":"3f2a9c...","data":{"at":"..."}} -->

Each record is a list item a person can read (key and fields, escaped) and a one-line
comment with what import restores: the table, the key and the record. Importing puts each
record back (a record of the same key is replaced; other records are kept). Written only
when its content changed, so a re-export of the same data gives the same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from briefer.briefing.sanitize import one_line
from briefer.notes.export import COMMENT_END, GENERATOR, comment_json
from briefer.notes.export_parsing import front_matter_text, normalise_newlines, previous_exported
from briefer.notes.markdown_escape import escape_markdown
from briefer.notes.model import now_iso

DESK_FILE_NAME = "briefer-desk.md"
DESK_COMMENT = "<!-- briefer:desk "
_CONTENT_LINE = re.compile(r"(?m)^content: desk[ \t]*$")
_RECORDS_LINE = re.compile(r"(?m)^records: (\d+)[ \t]*$")

Tables = dict[str, dict[str, dict]]


def is_desk_export(text: str) -> bool:
    """True for the desk file of an export (briefer's front matter, `content: desk`)."""
    front = front_matter_text(text)
    return front is not None and f"generator: {GENERATOR}" in front and bool(_CONTENT_LINE.search(front))


def render_desk(tables: Tables, *, exported: str) -> str:
    """The desk file for `tables` (table -> key -> record), tables and keys sorted."""
    count = sum(len(records) for records in tables.values())
    lines = ["---", f"generator: {GENERATOR}", "content: desk", f"records: {count}", f"exported: {exported}"]
    lines += ["---", "", "# briefer desk", ""]
    for table in sorted(tables):
        if not tables[table]:
            continue
        lines += [f"## {table}", ""]
        for key in sorted(tables[table]):
            record = tables[table][key]
            shown = "; ".join(f"{name} {_shown(value)}" for name, value in sorted(record.items()))
            lines.append(f"- {escape_markdown(one_line(key))}: {escape_markdown(shown)}")
            data = {"table": table, "key": key, "data": record}
            lines.append(f"  {DESK_COMMENT}{comment_json(data)}{COMMENT_END}")
        lines.append("")
    return "\n".join(lines)


def _shown(value: object) -> str:
    return one_line(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def parse_desk(text: str) -> tuple[Tables, list[str]]:
    """The records of a desk file, and its problems ("line N: reason"); a file with problems
    gives no records, so a damaged file restores nothing half-way."""
    text = normalise_newlines(text)
    tables: Tables = {}
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped.startswith(DESK_COMMENT):
            continue
        if not stripped.endswith(COMMENT_END):
            return {}, [f"line {number}: a desk record's data is cut short"]
        try:
            data = json.loads(stripped[len(DESK_COMMENT) : -len(COMMENT_END)])
        except ValueError:
            return {}, [f"line {number}: a desk record's data is not valid JSON"]
        if not (
            isinstance(data, dict)
            and isinstance(data.get("table"), str)
            and isinstance(data.get("key"), str)
            and isinstance(data.get("data"), dict)
        ):
            return {}, [f"line {number}: a desk record needs a table, a key and its data"]
        tables.setdefault(data["table"], {})[data["key"]] = data["data"]
        count += 1
    expected = _RECORDS_LINE.search(front_matter_text(text) or "")
    if expected is None or int(expected.group(1)) != count:
        said = expected.group(1) if expected else "no number of"
        return {}, [f"the front matter says {said} records, the file holds {count}: it is incomplete"]
    return tables, []


def desk_text(store, old: str | None) -> str | None:
    """The desk file's text for `store`'s tables, or None when there is nothing to write:
    no tables, or the same records as `old` (whose `exported` is then kept)."""
    tables = {name: store.desk_table(name) for name in store.desk_tables()}
    if not any(tables.values()):
        return None
    if old is not None:
        exported = previous_exported(old)
        if exported is not None and render_desk(tables, exported=exported) == old:
            return None
    return render_desk(tables, exported=now_iso())


def import_desk(store, path: Path, text: str, problems: list[str]) -> int:
    """Put the records of a desk file back into `store`; returns how many were restored.
    A damaged file or a record the store refuses is one line in `problems`."""
    from briefer.notes.store import InvalidNote

    tables, found = parse_desk(text)
    problems += [f"{path}: {problem}; nothing imported from this file" for problem in found]
    restored = 0
    for table, records in sorted(tables.items()):
        try:
            store.put_desk_items(table, dict(records))
        except InvalidNote as exc:
            problems.append(f"{path}: {exc}")
            continue
        restored += len(records)
    return restored
