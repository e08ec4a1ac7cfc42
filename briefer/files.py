"""Writing files whole or not at all: the one atomic write of briefer; and reading
only regular files.

Two processes that read, change and write the same file take a `FileLock` beside it.

Notes, settings, exports and caches are all written the same way: a temporary
file in the target's folder, flushed, then renamed over the target, so a crash,
a full disk or a killed process leaves the old file or the new one, never half
of one. Callers create folders themselves: a write never makes one silently.

A path that names a device, a FIFO or a socket (or a symlink to one) is refused
with `NotRegularFile` before it is read or replaced: reading a FIFO hangs,
/dev/zero never ends, and renaming over /dev/null would replace the device.
"""

from __future__ import annotations

import errno
import fcntl
import itertools
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path


class NotRegularFile(OSError):
    """A path that must be a regular file names something else; `strerror` says what."""

    def __init__(self, path: Path | str, mode: int) -> None:
        super().__init__(errno.EINVAL, f"{path} is {_kind(mode)}, not a regular file")


def check_regular(path: Path | str) -> None:
    """NotRegularFile when `path` (or what its symlink points to) exists and is not a
    regular file; a missing file passes (it will be created)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, mode)


def read_regular(path: Path | str) -> bytes:
    """The bytes of the regular file at `path`; a symlink to a regular file is followed
    (a dotfiles checkout). Raises FileNotFoundError, NotRegularFile or another OSError,
    and never blocks on a FIFO or reads a device."""
    return read_regular_with_stat(path)[0]


def read_regular_with_stat(path: Path | str) -> tuple[bytes, os.stat_result]:
    """`read_regular`, with the stat of the file the bytes were read from."""
    real = os.path.realpath(path)
    # O_NONBLOCK: opening a FIFO would otherwise wait for a writer; O_NOFOLLOW: a link
    # swapped in after realpath is refused, not followed.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(real, flags)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            shown = path if real == os.path.abspath(path) else f"{path} (a link to {real})"
            raise NotRegularFile(shown, status.st_mode)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(), status
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, backups: int = 0, durable: bool = True) -> None:
    """Replace `path` with `data`.

    A symlinked file (a dotfiles checkout) is written through the link, which
    stays a link, and the file keeps its permission bits. With `backups=N` the
    previous versions are kept as `path.bak1` (newest) to `path.bakN`.
    `durable` syncs the file and its folder to disk before returning, so the
    caller may say "saved". Any failure leaves `path` as it was and raises;
    NotRegularFile when `path` names a device, a FIFO or a socket.
    """
    target = Path(os.path.realpath(path))
    check_regular(target)
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


def _kind(mode: int) -> str:
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISFIFO: "a FIFO (named pipe)",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "a special file")


class FileLock:
    """An fcntl lock on a sibling file, re-entrant within one process."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None
        self._depth = 0

    def acquire(self, timeout: float) -> bool:
        """Take the lock, waiting up to `timeout` seconds; False when another process kept it."""
        if self._depth:
            self._depth += 1
            return True
        # Never follow a link or wait on a FIFO; a lock that is not a regular file is refused.
        flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(self.path, flags, 0o600)
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            raise NotRegularFile(self.path, mode)
        deadline = time.monotonic() + max(0.0, timeout)
        delay = 0.0005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(delay)
                delay = min(delay * 2, 0.004)  # short: writers hold the lock for a few ms
        self._fd, self._depth = fd, 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
