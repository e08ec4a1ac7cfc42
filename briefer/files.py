"""Writing files whole or not at all: the one atomic write of briefer.

Notes, settings, exports and caches are all written the same way: a temporary
file in the target's folder, flushed, then renamed over the target, so a crash,
a full disk or a killed process leaves the old file or the new one, never half
of one. Callers create folders themselves: a write never makes one silently.
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes, *, backups: int = 0, durable: bool = True) -> None:
    """Replace `path` with `data`.

    A symlinked file (a dotfiles checkout) is written through the link, which
    stays a link, and the file keeps its permission bits. With `backups=N` the
    previous versions are kept as `path.bak1` (newest) to `path.bakN`.
    `durable` syncs the file and its folder to disk before returning, so the
    caller may say "saved". Any failure leaves `path` as it was and raises.
    """
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
            if backups:
                _rotate_backups(target, backups)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    if durable:
        fsync_folder(target.parent)


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file, best effort: a cache that cannot be written only costs
    time, so a failure leaves nothing behind and says nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data, durable=False)
    except OSError:
        pass


def backup_paths(path: Path, generations: int) -> list[Path]:
    """`path.bak1` (newest) to `path.bakN`."""
    return [Path(f"{path}.bak{i}") for i in range(1, generations + 1)]


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rotate_backups(path: Path, generations: int) -> None:
    """Shift `.bak1..` one generation older and make the current file `.bak1`."""
    baks = backup_paths(path, generations)
    for newer, older in reversed(list(itertools.pairwise(baks))):
        if newer.exists():
            os.replace(newer, older)
    baks[0].unlink(missing_ok=True)
    try:
        os.link(path, baks[0])
    except OSError:  # a file system without hard links
        shutil.copy2(path, baks[0])
