"""File names made from titles, always inside their folder, and briefings written whole."""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefer.briefing.sanitize import clean_text, one_line
from briefer.files import atomic_write

MAX_STEM = 100  # characters of a title kept in a file name
_UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')


def safe_stem(title: str) -> str:
    """`title` as a file name's stem: no path separators, no characters a file system refuses,
    no control or direction characters, no leading dot (no hidden file, no `..`), at most
    MAX_STEM characters; "untitled" when nothing is left."""
    stem = " ".join(_UNSAFE.sub(" ", one_line(clean_text(title))).split())
    stem = stem[:MAX_STEM].lstrip(". ").rstrip()
    return stem or "untitled"


def write_new(folder: Path, stem: str, text: str, *, durable: bool = True) -> Path:
    """Write `text` to `folder/stem.md`, or `stem (2).md` and so on when that exists; the file
    appears whole or not at all (a temporary file renamed), and never outside `folder`.
    `durable=False` skips the flush to disk (11 ms a file here) for a caller that syncs once."""
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    number = 1
    while True:
        name = f"{stem}.md" if number == 1 else f"{stem} ({number}).md"
        target = root / name
        if target.parent != root or os.sep in name:
            raise ValueError(f"file name {name!r} leaves its folder")  # safe_stem makes this impossible
        if not os.path.lexists(target):
            atomic_write(target, text.encode("utf-8"), durable=durable)
            return target
        number += 1
