"""A function's result computed in a forked copy of this process, while this one goes on.

A 20 MB briefing takes about 20 s to analyse on one core; its dates and quotes
need no names, and finding them (a third of the work) in a copy of the process,
on the second core, takes them off that path. A fork, not multiprocessing's
spawn: the copy has the briefing and the word tables already, and nothing is
sent to it. Only a process with one thread forks (a thread holding a lock at
the fork would leave the copy stuck on it); any other computes in line.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


@contextmanager
def beside(function: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """`function()` starts in a forked copy now; calling the yielded function waits for its result.
    If the copy fails (killed, out of memory), the result is computed here instead: slower, the same."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: compute, send, and leave without running any of the parent's exit code
        code = 1
        try:
            os.close(read_fd)
            with os.fdopen(write_fd, "wb") as out:
                pickle.dump(function(), out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    reader = os.fdopen(read_fd, "rb")

    def result() -> T:
        try:
            return pickle.load(reader)
        except Exception:  # pickle between our own two processes only: no data, not bad data
            return function()

    try:
        yield result
    finally:
        reader.close()
        try:
            os.kill(pid, signal.SIGKILL)  # a result never asked for is not waited for
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
