"""What a note id, a briefing id and a briefing path look like: the one check for
values read back from any file (an export, an import), before they name a file
or reach the store.

Note ids are `model.new_note_id()` (10 lowercase hex digits); briefing ids are the
sha256 of the briefing's text (64 lowercase hex digits). Anything else, however
harmless it looks, is refused: ids end up in file names.
"""

from __future__ import annotations

import os
import re
from typing import TypeGuard

NOTE_ID_DIGITS = 10
BRIEFING_ID_DIGITS = 64

_NOTE_ID = re.compile(rf"[0-9a-f]{{{NOTE_ID_DIGITS}}}")
_BRIEFING_ID = re.compile(rf"[0-9a-f]{{{BRIEFING_ID_DIGITS}}}")


def is_note_id(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _NOTE_ID.fullmatch(value) is not None


def is_briefing_id(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _BRIEFING_ID.fullmatch(value) is not None


def is_briefing_path(value: object) -> bool:
    """An absolute path (as the store keeps them), or "" for a briefing without a file."""
    return isinstance(value, str) and (value == "" or (os.path.isabs(value) and "\x00" not in value))
