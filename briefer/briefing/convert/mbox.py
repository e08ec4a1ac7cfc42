"""A mailbox (.mbox): many messages in one file, each listed and read as a briefing of its own.

A message is named by the mailbox's path and its number: `news.mbox#3` is the
third message. The library lists one row per message; the reader, `briefer
extract` and notes treat each like any other briefing. Messages are split at
the "From " lines that begin each one (mboxo and mboxrd; ">From " quoting is
undone), never by writing or locking the mailbox.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

from briefer.briefing.model import BriefingError

SUFFIX = ".mbox"
_PART = re.compile(r"(.+\.mbox)#([1-9]\d{0,6})", re.I)
_FROM_LINE = re.compile(rb"(?:\A|(?<=\n))From [^\n]*\n")
_QUOTED_FROM = re.compile(rb"^>(>*From )", re.M)
_last: dict[tuple[str, int, int], list[bytes]] = {}  # the mailbox read last: its messages are listed in turn
_last_lock = threading.Lock()


def message_path(mailbox: Path, number: int) -> Path:
    return Path(f"{mailbox}#{number}")


def split_path(path: Path) -> tuple[Path, int] | None:
    """(mailbox, number) for a path naming one message of a mailbox, else None."""
    found = _PART.fullmatch(str(path))
    return (Path(found.group(1)), int(found.group(2))) if found else None


def container(path: Path) -> Path:
    """The file a briefing's path lives in: the mailbox for a message, else the path itself."""
    part = split_path(path)
    return part[0] if part else path


def messages(raw: bytes) -> list[bytes]:
    """The messages of a mailbox, without their "From " separator lines."""
    starts = [match.end() for match in _FROM_LINE.finditer(raw)]
    if not starts:
        return []
    ends = [*(match.start() for match in _FROM_LINE.finditer(raw)), len(raw)][1:]
    return [_QUOTED_FROM.sub(rb"\1", raw[start:end]) for start, end in zip(starts, ends, strict=True)]


def is_mailbox(raw: bytes) -> bool:
    return raw.startswith(b"From ")


def messages_of(mailbox: Path, status: os.stat_result, read: Callable[[], bytes]) -> list[bytes]:
    """The messages of `mailbox` (whose `stat` is `status`), read with `read` unless it is the
    mailbox read last and unchanged: a library lists a mailbox's messages one by one, and
    reading and splitting the whole file for each would grow with the square of its size."""
    key = (str(mailbox), status.st_size, status.st_mtime_ns)
    with _last_lock:
        if key in _last:
            return _last[key]
    split = messages(read())
    with _last_lock:
        _last.clear()
        _last[key] = split
    return split


def message(
    path: Path, mailbox: Path, number: int, status: os.stat_result, read: Callable[[Path], bytes]
) -> bytes:
    """Message `number` (from 1) of `mailbox`, for the briefing at `path`."""
    found = messages_of(mailbox, status, lambda: read(mailbox))
    if number > len(found):
        raise BriefingError(path, f"no message {number}: the mailbox holds {len(found)}")
    return found[number - 1]


def only_message(path: Path, raw: bytes) -> bytes:
    """The one message of a mailbox opened whole; one with several is opened a message at a time."""
    found = messages(raw) if is_mailbox(raw) else []
    if not found:
        raise BriefingError(path, 'not a mailbox: it does not begin with a "From " line')
    if len(found) > 1:
        raise BriefingError(
            path, f"a mailbox of {len(found)} messages: open one as {path.name}#1 to #{len(found)}"
        )
    return found[0]


def entries(mailbox: Path, status: os.stat_result, read: Callable[[Path], bytes]) -> list[Path]:
    """One path per message (`news.mbox#1`, ...); the mailbox itself when it cannot be read or
    split, so that the library lists it with the reason."""
    try:
        found = messages_of(mailbox, status, lambda: read(mailbox))
    except BriefingError:
        return [mailbox]
    if not found:
        return [mailbox]
    return [message_path(mailbox, number) for number in range(1, len(found) + 1)]
