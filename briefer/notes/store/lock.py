"""The store's lock: an fcntl lock on FILE.lock, held around every write transaction."""

from __future__ import annotations

import fcntl
import os
import stat
import time
from pathlib import Path

from briefer.files import NotRegularFile


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
