"""Ending briefer when its terminal goes away or it is told to stop.

A closed terminal does not always signal briefer: the kernel signals the
terminal's session leader, and a shell started as `sh -c 'briefer; ...'`
passes nothing on. Textual, reading a hung-up terminal, goes on running with
no screen. So a thread waits for the terminal to hang up and then sends
briefer the SIGHUP it was owed.

A SIGHUP that does come is followed by SIGCONT.
Textual answers SIGCONT by starting its output thread anew, as after ctrl+z
and `fg`; arriving with a hang-up, that restart raced the shutdown the hang-up
began, and the shutdown waited forever on the new thread's queue (measured:
3 closes in 8 left a process behind, deaf to SIGTERM). So a hang-up disarms
that restart before it can run: Python runs pending handlers in signal-number
order, SIGHUP (1) before SIGCONT (18), and this handler is a plain one, not the
event loop's, so it runs at once.

SIGINT is handled the same way rather than left to Python, whose
KeyboardInterrupt lands in whatever handler is running: raised while the
reader was still composing its panes, it left a screen without them, and the
analysis showing its rows then ended briefer with a traceback. Until the app
has mounted, a signal is only noted; the exit it asks for waits for the next
refresh, so that no screen is taken apart in the middle of its mounting.

The shutdown then goes as usual (notes are on disk as each is saved; the
analysis child is stopped by the screens that own it). If anything still holds
it up, a watchdog ends the process a second later: a terminal that is gone
cannot be restored anyway.
"""

from __future__ import annotations

import os
import select
import signal
import threading
from collections.abc import Callable
from types import FrameType

GRACE_SECONDS = 1.0
STARTUP_GRACE_SECONDS = 5.0  # a loaded machine can take seconds to start the app that will exit


ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
_received: list[int] = []


def hold_ending_signals() -> None:
    """Until the app has mounted and can exit cleanly, note an ending signal instead of acting on
    it, and end the process after STARTUP_GRACE_SECONDS at the latest: a KeyboardInterrupt raised inside
    Textual's start-up left an event loop half made and printed its traceback."""

    def note(signum: int, _frame: FrameType | None) -> None:
        _stop_further(signum, STARTUP_GRACE_SECONDS)
        _received.append(signum)

    for signum in ENDING_SIGNALS:
        signal.signal(signum, note)


def end_on_hangup_and_terminate(request_exit: Callable[[], object], schedule: Callable[..., object]) -> None:
    """On SIGHUP, SIGTERM or SIGINT (`kill -INT`; the ctrl+c key is a key in the app): ask the app
    to exit (through `schedule`, the event loop's thread-safe `call_soon_threadsafe`), and end
    the process after GRACE_SECONDS at the latest. A signal held since start-up is acted on now."""

    def handle(signum: int, _frame: FrameType | None) -> None:
        _stop_further(signum, GRACE_SECONDS)
        schedule(request_exit)

    if _received:
        schedule(request_exit)
        return
    for signum in ENDING_SIGNALS:
        signal.signal(signum, handle)


def _stop_further(signum: int, grace: float) -> None:
    if signum == signal.SIGHUP:
        signal.signal(signal.SIGCONT, signal.SIG_DFL)  # no output restart: the terminal is gone
    for ending in ENDING_SIGNALS:  # one shutdown, however many signals follow
        signal.signal(ending, signal.SIG_IGN)
    end_process_after(grace, 128 + signum)


def watch_terminal(fd: int) -> None:
    """Send this process SIGHUP when the terminal on `fd` hangs up (its window closed)."""
    if not os.isatty(fd):
        return
    threading.Thread(target=_wait_for_hangup, args=(fd,), name="terminal-watch", daemon=True).start()


def _wait_for_hangup(fd: int) -> None:
    poller = select.poll()
    poller.register(fd, 0)  # no input wanted (Textual reads it): only hang-up and error come back
    while True:
        try:
            events = poller.poll()
        except OSError:
            return
        if any(flags & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, flags in events):
            os.kill(os.getpid(), signal.SIGHUP)  # handled in the main thread, as a real one would be
            return


def end_process_after(seconds: float, code: int) -> None:
    """End the process with `code` after `seconds` unless it has ended by itself: Python waits
    at exit for every worker thread, and one still reading a long file would hold the exit up.
    Nothing is lost by not waiting: each note is on disk when it is saved."""

    def end() -> None:
        threading.Event().wait(seconds)
        os._exit(code)

    threading.Thread(target=end, name="exit-watchdog", daemon=True).start()
