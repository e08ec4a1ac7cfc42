"""Whether the folders are exactly as the index knows them, answered fast.

Most refreshes find nothing changed: a library reopened, a `briefer search`. Listing with
`briefing.discover` builds and sorts a `Path` for every file (0.3 s for 20,000); this check
walks the same folders with `os.scandir` and strings, and stats each known file. It errs
one way only: whenever it is not sure (a new name, a stat that differs, a file that failed,
a folder it cannot read), it says "changed" and the full refresh decides.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefer.briefing.loader import SUFFIXES

Known = dict[str, tuple[int, int, bool]]  # path: size, mtime_ns, failed


def unchanged(folders: list[Path], known: Known) -> bool:
    found = _listed_count(folders, known)
    if found != len(known):  # a known file is gone (or was reached twice)
        return False
    for path, (size, mtime_ns, failed) in known.items():
        if failed:  # a file that failed is read again each time: a fixed permission keeps its mtime
            return False
        try:
            status = os.stat(path)
        except OSError:
            return False
        if (status.st_size, status.st_mtime_ns) != (size, mtime_ns):
            return False
    return True


def _listed_count(folders: list[Path], known: Known) -> int | None:
    """How many known files the walk found; None when it found a file the index does not know
    or could not read a folder."""
    count = 0
    seen: set[tuple[int, int]] = set()
    pending = [str(folder) for folder in folders]
    while pending:
        directory = pending.pop()
        try:
            status = os.stat(directory)
        except OSError:
            return None
        if not stat.S_ISDIR(status.st_mode):
            if directory not in known:
                return None
            count += 1
            continue
        if (status.st_dev, status.st_ino) in seen:
            continue
        seen.add((status.st_dev, status.st_ino))
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir():  # symlinked folders too, as discover follows them
                        pending.append(entry.path)
                    elif os.path.splitext(entry.name)[1].lower() in SUFFIXES:
                        if entry.path not in known:
                            return None
                        count += 1
        except OSError:
            return None
    return count
