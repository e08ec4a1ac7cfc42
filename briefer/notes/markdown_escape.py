"""Plain text as markdown that renders as exactly that text, and back.

Export files show passages and notes as markdown; `escape_markdown` makes the
text render literally and `unescape_markdown` inverts it exactly (and also
reads what a person typed in the file: escapes and entities).
"""

from __future__ import annotations

import html.entities
import re

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
