"""What the parts of one open store share: the lock, whether it may write, the write
transaction under way, and the messages for the user."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefer.files import FileLock
from briefer.notes.store.errors import StoreError, StoreReadOnly


class StoreAccess:
    """The lock, the read-only state and the messages of the store at `path`.

    `read_only` is set when the store opens without the lock or finds damage it may
    not repair; `messages` collects what the user should read, one line each.
    """

    def __init__(self, path: Path, wait: float) -> None:
        self.path = path
        self.wait = wait
        self.lock = FileLock(Path(f"{path}.lock"))
        self.read_only = False
        self.messages: list[str] = []
        self.transaction: int | None = None  # set while a write transaction holds the lock
        self._transactions = 0

    def check_writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(f"{self.path.name} is open read-only; the change was not saved")

    @contextmanager
    def writing(self, what: str) -> Iterator[None]:
        """A write transaction: the lock held, and an OSError turned into one line saying
        that `what` was not saved."""
        self.check_writable()
        if not self.lock.acquire(self.wait):
            raise StoreError(
                f"another briefer kept {self.path.name} locked for {self.wait:g} s; {what} was not saved"
            )
        self._transactions += 1
        self.transaction = self._transactions
        try:
            yield
        except OSError as exc:
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                reason += " (free some space and try again)"
            raise StoreError(
                f"could not save {what} to {self.path}: {reason}; the notes on disk are unchanged"
            ) from None
        finally:
            self.transaction = None
            self.lock.release()
