"""Sharing one analysis with a forked copy of this process, on a machine with a second core.

A 2 MB briefing takes seconds to analyse, and most of that is work on one
sentence at a time. A forked copy has everything imported and loaded
already, so it can start at once: it takes pieces of the sentence work from
a queue shared with us, so that whichever process is free takes the next
piece, while we first do other work of our own. The queue is a pipe holding
one byte per piece index; the copy's results come back pickled (between our
own two processes only). The copy runs at the lowest priority: it is meant
for a core that would otherwise idle, never to slow down the user's
interface starting beside it. When it gets little time we take more pieces,
and at the end we do the pieces it still holds rather than wait for them;
should it fail, we do its share ourselves. The results are the same.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

Piece = TypeVar("Piece")
Result = TypeVar("Result")
First = TypeVar("First")

MAX_PIECES = 256  # a piece index is one byte in the queue
HELPER_NICENESS = 19  # the lowest priority: the copy runs on what the rest of the machine leaves idle
PATIENCE = 0.05  # seconds to wait for the copy's results before doing its pieces, when we did none to time


def can_share() -> bool:
    """A machine to share on, and a process that may fork (one thread: forking a threaded one can deadlock)."""
    return machine_can_share() and threading.active_count() == 1


def machine_can_share() -> bool:
    """A second core for a copy, and fork to make one."""
    if not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores > 1


def share_work(
    pieces: Sequence[Piece],
    work: Callable[[Piece], Result],
    first: Callable[[], First],
    share: bool,
    hold_copy: Callable[[], object] | None = None,
) -> tuple[Callable[[], First], list[Result]]:
    """`[work(p) for p in pieces]`, and `first()` as a function that gives its result.

    With `share` and can_share(), a forked copy takes pieces while we do `first()`, and then pieces too;
    alone, we leave `first()` to the caller's call of that function, which can come when the pieces'
    memory is freed (at 5 MB, finding the dates before the names raised the peak from 81 to 100 MB).
    `hold_copy`, called in the copy, returns when it may start (it may not compete with something
    more urgent, such as an interface drawing its first frame)."""
    if len(pieces) > MAX_PIECES:
        raise ValueError(f"at most {MAX_PIECES} pieces")
    if not (share and can_share()):
        return first, [work(p) for p in pieces]
    queue_out, queue_in = os.pipe()
    os.write(queue_in, bytes(range(len(pieces))))  # far below a pipe's capacity
    os.close(queue_in)  # so that reading an empty queue ends instead of waiting
    answer_out, answer_in = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (queue_out, answer_out, answer_in):
            os.close(fd)
        return first, [work(p) for p in pieces]
    if pid == 0:
        _helper(pieces, work, hold_copy, queue_out, answer_out, answer_in)
    os.close(answer_in)
    with os.fdopen(answer_out, "rb") as answer:
        theirs = None
        try:
            done_first = first()
            started = time.perf_counter()
            mine = _take_pieces(pieces, work, queue_out)
            patience = (time.perf_counter() - started) / len(mine) if mine else PATIENCE
            theirs = _their_pieces(pieces, work, mine, answer, patience)
        finally:
            os.close(queue_out)
            if theirs is None:  # our own work failed, or we did all of it: the copy's is of no use
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    done = {**(theirs or {}), **mine}
    return lambda: done_first, [done[i] for i in range(len(pieces))]


def _take_pieces(pieces, work, queue_out: int) -> dict[int, object]:
    done = {}
    while index := os.read(queue_out, 1):
        done[index[0]] = work(pieces[index[0]])
    return done


def _their_pieces(pieces, work, mine: dict, answer, patience: float) -> dict[int, object] | None:
    """The copy's results; None if we did all its pieces ourselves. While its results do not come
    (after about the time one of our pieces took, in which its last should be done), we do its pieces
    one by one, adding them to `mine`: on a busy machine a copy of the lowest priority may get no
    time at all, and must never keep us waiting."""
    missing = [i for i in range(len(pieces)) if i not in mine]
    while missing:
        if select.select([answer], [], [], patience)[0]:
            try:
                theirs = pickle.loads(answer.read())
            except Exception:
                theirs = {}
            for i in missing:
                if i not in theirs:
                    mine[i] = work(pieces[i])
            return theirs
        index = missing.pop()  # the latest it took: the one it is most likely still on
        mine[index] = work(pieces[index])
        patience = 0.0
    return None


def _helper(pieces, work, hold_copy, queue_out: int, answer_out: int, answer_in: int) -> None:
    """The forked copy: never returns, and never touches what the parent reads or writes."""
    status = 1
    try:
        os.close(answer_out)
        if hold_copy is not None:
            hold_copy()
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
