"""A small archive for the desk's views and the digest, indexed and analysed in the test's cache.

Four briefings, 2025-11-05 to 2025-11-21, seen from TODAY: Volodymyr Zelensky (also written
Zelenskiy), Daniel Driscoll (one briefing in the last week, two in the month), Rafael Grossi;
Kyiv in two briefings; dates after TODAY on 2025-11-27, 11-30, 12-04 and 12-10.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from briefer.library import LibraryIndex

ARCHIVE = Path(__file__).parent / "desk_archive"
TODAY = date(2025, 11, 22)


def indexed_archive(folder: Path) -> Path:
    """The archive copied to `folder`, indexed with its analyses (the library does this in the app)."""
    shutil.copytree(ARCHIVE, folder)
    with LibraryIndex() as index:
        index.refresh([folder], analyse=True)
    return folder
