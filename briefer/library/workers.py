"""Work on many files in worker processes, results in order, as they come.

Parsing and analysing hold the GIL: in a thread of the app they would delay its keys, and
one process uses one core. Workers are spawned (not forked: the app has threads, and a
forked copy of a threaded process may deadlock) and niced, so the app keeps the keys.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNK = 25  # items a worker takes per task
IN_FLIGHT = 8  # tasks ahead of the consumer: bounds the memory of results not yet used
NICENESS = 5


def in_workers(
    work: Callable[[Item], Result],
    items: list[Item],
    stop: threading.Event | None,
    workers_from: int,
) -> Iterator[Result]:
    """`work(item)` for each item, in order, until `stop` is set: in worker processes when
    there are `workers_from` items or more and two cores (`work` must be a module-level
    function), else here, and here for the rest if no worker can start."""
    done = 0
    if len(items) >= workers_from and (os.cpu_count() or 1) > 1:
        try:
            for result in _pooled(work, items, stop):
                done += 1
                yield result
            return
        except (BrokenProcessPool, OSError, ValueError):
            pass  # a restricted system, or descriptors multiprocessing cannot pass: go on here
    for item in items[done:]:
        if stop is not None and stop.is_set():
            return
        yield work(item)


def _pooled(
    work: Callable[[Item], Result], items: list[Item], stop: threading.Event | None
) -> Iterator[Result]:
    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    context = multiprocessing.get_context("spawn")
    _start_resource_tracker()
    workers = min(os.cpu_count() or 1, len(chunks))  # a new file or two need not start two processes
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_lower_priority) as pool:
        pending: deque[Future[list[Result]]] = deque()
        waiting = iter(chunks)
        try:
            while True:
                while len(pending) < IN_FLIGHT and (chunk := next(waiting, None)) is not None:
                    pending.append(pool.submit(_each, work, chunk))
                if not pending:
                    return
                for result in pending.popleft().result():
                    if stop is not None and stop.is_set():
                        return
                    yield result
        finally:
            for future in pending:
                future.cancel()


def _each(work: Callable[[Item], Result], chunk: list[Item]) -> list[Result]:
    return [work(item) for item in chunk]


def _lower_priority() -> None:
    """In each worker: a lower priority, and no stderr: a worker started from the app shares its
    terminal, where a warning would be printed over the screen."""
    try:
        os.nice(NICENESS)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    except OSError:
        pass


def _start_resource_tracker() -> None:
    """multiprocessing starts its resource tracker with sys.stderr's descriptor; inside the app
    (Textual captures stderr) there is none and spawning failed with "bad value(s) in fds_to_keep".
    Started here with os.devnull as its stderr, the tracker is then found running."""
    from multiprocessing import resource_tracker

    try:
        if sys.stderr is not None and sys.stderr.fileno() >= 0:
            return
    except (AttributeError, ValueError, OSError):
        pass
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved
