"""Sharing one analysis with a forked copy of this process, on a machine with a second core.

A 2 MB briefing takes seconds to analyse, and most of that is work on one
sentence at a time. A forked copy has everything imported and loaded
already, so it can start at once: it takes pieces of the sentence work from
a queue shared with us, so that whichever process is free takes the next
piece, while we first do other work of our own. The queue is a pipe holding
one byte per piece index; the copy's results come back pickled (between our
own two processes only). The copy runs at a lower priority: it is meant for
a core that would otherwise idle, never to slow down the user's interface
starting beside it; when it gets little time we simply take more pieces.
Should the copy fail, we do its share ourselves: the results are the same.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Piece = TypeVar("Piece")
Result = TypeVar("Result")
First = TypeVar("First")

MAX_PIECES = 256  # a piece index is one byte in the queue
HELPER_NICENESS = 10  # about a tenth of a core shared with a process of normal priority


def can_share() -> bool:
    """A second core to use, and a process that may fork (one thread: forking a threaded one can deadlock)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores > 1


def share_work(pieces: Sequence[Piece], work: Callable[[Piece], Result], first: Callable[[], First],
               share: bool) -> tuple[First, list[Result]]:
    """`first()` and `[work(p) for p in pieces]`; with `share` and can_share(), a forked copy takes pieces
    while we do `first()`, and after it, pieces too."""
    if len(pieces) > MAX_PIECES:
        raise ValueError(f"at most {MAX_PIECES} pieces")
    if not (share and can_share()):
        return first(), [work(p) for p in pieces]
    queue_out, queue_in = os.pipe()
    os.write(queue_in, bytes(range(len(pieces))))  # far below a pipe's capacity
    os.close(queue_in)  # so that reading an empty queue ends instead of waiting
    answer_out, answer_in = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (queue_out, answer_out, answer_in):
            os.close(fd)
        return first(), [work(p) for p in pieces]
    if pid == 0:
        _helper(pieces, work, queue_out, answer_out, answer_in)
    os.close(answer_in)
    with os.fdopen(answer_out, "rb") as answer:
        try:
            done_first = first()
            mine = _take_pieces(pieces, work, queue_out)
            data = answer.read()
        except BaseException:  # our own work failed: the copy's is of no use
            os.kill(pid, signal.SIGKILL)
            raise
        finally:
            os.close(queue_out)
            os.waitpid(pid, 0)
    try:
        theirs = pickle.loads(data)
    except Exception:  # noqa: BLE001 - the copy died (killed, out of memory): its share is done here
        theirs = {}
    done = {**theirs, **mine}
    return done_first, [done[i] if i in done else work(pieces[i]) for i in range(len(pieces))]


def _take_pieces(pieces, work, queue_out: int) -> dict[int, object]:
    done = {}
    while index := os.read(queue_out, 1):
        done[index[0]] = work(pieces[index[0]])
    return done


def _helper(pieces, work, queue_out: int, answer_out: int, answer_in: int) -> None:
    """The forked copy: never returns, and never touches what the parent reads or writes."""
    status = 1
    try:
        os.close(answer_out)
        nothing = os.open(os.devnull, os.O_RDWR)
        os.dup2(nothing, 0)
        os.dup2(nothing, 1)
        os.nice(HELPER_NICENESS)
        done = _take_pieces(pieces, work, queue_out)
        with os.fdopen(answer_in, "wb") as answer:
            pickle.dump(done, answer, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)  # no cleanup, flushing or atexit of the parent's state
