"""TOML text line by line: finding the line that sets a key, and setting a top-level key
while every other line (the user's comments, order and line endings) stays as it is.

`tomllib` reads TOML but keeps no positions and cannot write; the config needs both,
for error messages that name a line and for saving a setting into a hand-edited file.
"""

from __future__ import annotations

import re
import tomllib

_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
# A key in a TOML key/value line or table header: bare, "basic" or 'literal'.
_KEY_PART = re.compile(r"""\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*""")
_TABLE_HEADER = re.compile(r"\s*\[\[?(?P<key>[^\]]*)\]\]?\s*(?:#.*)?$")


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in value:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def find_key_line(text: str, key_path: tuple[str, ...]) -> int | None:
    """The 1-based line that sets `key_path`, or failing that the line that sets the table holding it."""
    table: tuple[str, ...] = ()
    enclosing = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_HEADER.match(line)
        if header:
            parsed = _parse_key(header.group("key"))
            table = parsed[0] if parsed else ()
            if table == key_path:
                return number
            continue
        parsed = _parse_key(line)
        if not parsed or not line[parsed[1] :].startswith("="):
            continue
        full = table + parsed[0]
        if full == key_path:
            return number
        if enclosing is None and full == key_path[: len(full)]:
            enclosing = number  # an inline table or dotted key holding it
    return enclosing


def with_setting(text: str, key: str, assignment: str, old_value: object) -> str:
    """`text` with the top-level `key` set by the line `assignment`, other lines untouched.

    The line setting `old_value` is edited in place; an absent key goes after its
    commented-out example when there is one, else before the first table. `text` comes
    back unchanged when the old value's line cannot be found: the caller checks.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    first_table = next((i for i, line in enumerate(lines) if _TABLE_HEADER.match(line)), len(lines))
    top_level = range(first_table)
    if old_value is not None:
        for i in top_level:
            replaced = _replace_value(lines[i], key, assignment, old_value)
            if replaced is not None:
                lines[i] = replaced
                return "".join(lines)
        return text
    example = re.compile(rf"\s*#\s*{re.escape(key)}\s*=")
    for i in top_level:
        if example.match(lines[i]):
            lines.insert(i + 1, assignment + newline)
            return "".join(lines)
    if first_table == len(lines):
        return "".join(lines) + assignment + newline
    insert_at = first_table
    while insert_at > 0 and lines[insert_at - 1].lstrip().startswith("#"):
        insert_at -= 1  # keep a table's leading comment with its table
    lines[insert_at:insert_at] = [assignment + newline, newline]
    return "".join(lines)


def _parse_key(source: str) -> tuple[tuple[str, ...], int] | None:
    """A dotted key at the start of `source`: its parts and where it ends, or None."""
    parts = []
    position = 0
    while True:
        match = _KEY_PART.match(source, position)
        if not match:
            return None
        bare, basic, literal = match.groups()
        if basic is not None:
            try:
                basic = tomllib.loads(f'k = "{basic}"')["k"]
            except tomllib.TOMLDecodeError:
                return None
        parts.append(bare if bare is not None else basic if basic is not None else literal)
        position = match.end()
        if not source.startswith(".", position):
            return tuple(parts), position
        position += 1


def _replace_value(line: str, key: str, assignment: str, old_value: object) -> str | None:
    """`line` with `key = old value` replaced by `assignment`, its trailing comment kept; None if not that line."""
    parsed = _parse_key(line)
    if not parsed or parsed[0] != (key,) or not line[parsed[1] :].startswith("="):
        return None
    indent = line[: len(line) - len(line.lstrip())]
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    # The value ends where the rest of the line, up to a '#' or the end, parses as that value.
    for end in [m.start() for m in re.finditer("#", body)] + [len(body)]:
        try:
            if tomllib.loads(body[:end])[key] == old_value:
                return f"{indent}{assignment}{'  ' + body[end:] if end < len(body) else ''}{ending}"
        except tomllib.TOMLDecodeError:
            continue
    return None
