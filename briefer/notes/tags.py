"""Tags: what a usable tag is, and what a nested tag counts for.

The one home of these rules: the note dialog, the CLI, the config's quick
tags, the store's tag counts, the export's selection and the library filter
all call these functions.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


class InvalidTag(ValueError):
    """A tag that cannot be used; the message says which and why, in one line.

    `reason` says only why ("has a space ..."), for a message that names the tag itself.
    """

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


def parse_tag(raw: str) -> str:
    """`#area/topic` -> `area/topic`, or InvalidTag.

    A tag is one word (no spaces), nested with `/` (no empty level), with no
    control or invisible character: a zero-width space or a soft hyphen would
    make two tags that look the same. Normalised to NFC so that composed and
    decomposed accents are one tag.
    """
    tag = unicodedata.normalize("NFC", raw.strip()).lstrip("#")
    if not tag:
        raise InvalidTag("the tag is empty", "is empty")
    if any(_invisible(c) for c in tag):
        reason = "has a control or invisible character"
    elif any(c.isspace() for c in tag):
        reason = "has a space (a tag is one word; nest with /, as in area/topic)"
    elif "" in tag.split("/"):
        reason = "has an empty level (nest with single slashes, as in area/topic)"
    else:
        return tag
    shown = "".join(f"\\u{ord(c):04x}" if _invisible(c) else c for c in tag)
    raise InvalidTag(f"{shown!r} {reason}", reason)


def stored_tag(raw: str) -> str:
    """The form a tag is stored in: `parse_tag`'s when it accepts it, else (a tag from
    older data or an import, say with a space) as it was, trimmed, with its control and
    invisible characters removed, so that no two stored tags only look the same."""
    visible = "".join(c for c in unicodedata.normalize("NFC", raw) if not _unseen(c)).strip()
    try:
        return parse_tag(visible)
    except InvalidTag:
        return visible


def parse_tags(text: str) -> list[str]:
    """Tags separated by spaces, in order, each once; InvalidTag names the first bad one."""
    tags: list[str] = []
    for raw in text.split():
        tag = parse_tag(raw)
        if tag not in tags:
            tags.append(tag)
    return tags


def tag_and_parents(tag: str) -> list[str]:
    """`a/b/c` -> [`a`, `a/b`, `a/b/c`]: the tags a nested tag counts for."""
    parts = tag.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def tag_matches(tag: str, wanted: str) -> bool:
    """`wanted` selects `tag` itself and every tag nested under it, whatever the case."""
    tag, wanted = tag.casefold(), wanted.casefold().lstrip("#")
    return tag == wanted or tag.startswith(wanted + "/")


def has_tag(tags: Iterable[str], wanted: str) -> bool:
    return any(tag_matches(tag, wanted) for tag in tags)


def _invisible(char: str) -> bool:
    """Controls, format characters (zero-width, bidi, soft hyphen, BOM) and line separators."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _unseen(char: str) -> bool:
    """Controls, format characters and line separators: nothing a reader can see or type
    on purpose (private-use and unassigned characters may be a font's or a newer
    Unicode's glyphs, so they stay)."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
