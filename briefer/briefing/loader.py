"""Read briefing files into Briefing objects.

Every failure is a BriefingError naming the file and one reason. The loader
never blocks on special files (FIFOs, sockets are refused from `stat` before
any open) and never reads more than MAX_BYTES.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefer.briefing import convert
from briefer.briefing.blocks import markdown_blocks, plain_text, text_blocks
from briefer.briefing.convert import mbox
from briefer.briefing.dates import find_dateline, wire_dateline
from briefer.briefing.front_matter import split_front_matter
from briefer.briefing.model import Block, Blocks, Briefing, BriefingError, BriefingInfo, Spans, count_words
from briefer.briefing.sanitize import clean_text
from briefer.briefing.sentences import split_sentences

SUFFIXES = (".txt", ".md", ".markdown", *convert.SUFFIXES)
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_BYTES = 20 * 1024 * 1024
TITLE_LENGTH = 80
# A briefing of more lines or sentences is refused: analysing costs 13-20 us per paragraph
# or sentence, so millions of them (a million "Hi." lines) took over a minute, where a real
# briefing has hundreds and 20 MB of real briefings about 170,000 sentences.
MAX_LINES = 400_000
MAX_SENTENCES = 400_000
_SENTENCE_ENDS = (". ", ".\n", "? ", "?\n", "! ", "!\n")
MARKDOWN_MAX_LINES = 30_000
TABLE_ROW_LINES = 8  # markdown-it's cost of a table row, in lines of prose
_PIPE_LINE = re.compile(r"^[^\n|]*\|", re.M)
_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def load(path: str | Path) -> Briefing:
    """Load one briefing file; raise BriefingError with a one-line reason."""
    path = Path(path)
    text, fmt, warnings = _read_text(path)
    return briefing_from_text(text, path=path, fmt=fmt, warnings=warnings)


def describe(path: str | Path) -> BriefingInfo:
    """What a library lists of a briefing, without splitting its whole body into sentences
    (most of a long briefing's load time); raise BriefingError like `load`."""
    path = Path(path)
    text, fmt, warnings = _read_text(path)
    parsed = _parse(text, path, fmt, warnings)
    return BriefingInfo(
        id=parsed.id,
        path=path,
        title=parsed.title,
        date=parsed.date,
        source=parsed.source,
        word_count=count_words(parsed.body),
        warnings=parsed.warnings,
    )


def _read_text(path: Path) -> tuple[str, str, list[str]]:
    """The file's text, its format ("markdown" or "text") and warnings. A web page, PDF, e-mail
    or Word file (known by its content) is converted first, within the same limits."""
    kind: str | None
    part = mbox.split_path(path)
    if part and not os.path.lexists(path):  # a file really named "x.mbox#2" is read as itself
        raw, kind = _mailbox_message(path, *part), "email"
    elif path.suffix.lower() == mbox.SUFFIX:
        raw, kind = mbox.only_message(path, _read_regular_file(path)), "email"
    else:
        raw = _read_regular_file(path)
        kind = convert.kind_of(path, raw)
    if kind is None:
        text, warnings = _decode(path, raw)
        return text, _format(path), warnings
    converted = convert.convert(path, raw, kind)
    _check_length(path, converted.text)
    return converted.text, converted.fmt, list(converted.warnings)


def _format(path: Path) -> str:
    return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"


def _mailbox_message(path: Path, mailbox: Path, number: int) -> bytes:
    try:
        status = os.stat(mailbox)
    except OSError as exc:
        raise BriefingError(path, _os_reason(exc)) from None
    return mbox.message(path, mailbox, number, status, _read_regular_file)


def _read_regular_file(path: Path) -> bytes:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        reason = "broken symlink (its target does not exist)" if path.is_symlink() else "no such file"
        raise BriefingError(path, reason) from None
    except OSError as exc:
        raise BriefingError(path, _os_reason(exc)) from None
    _check_regular(path, info.st_mode)
    _check_size(path, info.st_size)
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the stat, open returns at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise BriefingError(path, _os_reason(exc)) from None
    with os.fdopen(fd, "rb") as file:
        _check_regular(path, os.fstat(fd).st_mode)
        try:
            raw = file.read(MAX_BYTES + 1)
        except OSError as exc:
            raise BriefingError(path, _os_reason(exc)) from None
    _check_size(path, len(raw))  # the file grew after the stat
    return raw


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        reason = "is a folder, not a file"
    elif stat.S_ISFIFO(mode):
        reason = "is a named pipe (FIFO), not a file; not opened"
    elif stat.S_ISSOCK(mode):
        reason = "is a socket, not a file; not opened"
    else:
        reason = "is a device or special file, not a regular file; not opened"
    raise BriefingError(path, reason)


def _check_size(path: Path, size: int) -> None:
    if size > MAX_BYTES:
        raise BriefingError(
            path, f"too large: {size / 2**20:.1f} MB ({size:,} bytes); the limit is {MAX_BYTES // 2**20} MB"
        )


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOTDIR:
        return "no such file (a folder in its path is a file)"
    return (exc.strerror or str(exc)).lower()


def _decode(path: Path, raw: bytes) -> tuple[str, list[str]]:
    """Text of `raw` and warnings: by BOM, else UTF-8, else cp1252."""
    warnings = []
    for bom, encoding, name in _BOMS:
        if raw.startswith(bom):
            payload = raw[len(bom) :]
            try:
                text = payload.decode(encoding)
            except UnicodeDecodeError as exc:
                text = payload.decode(encoding, errors="replace")
                warnings.append(f"invalid {name} at byte {exc.start + len(bom)}; replaced with U+FFFD")
            break
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            # cp1252 leaves five bytes undefined; they become U+FFFD.
            text = raw.decode("cp1252", errors="replace")
            warnings.append(f"not valid UTF-8 (byte {exc.start}); read as Windows-1252")
    if "\x00" in text:
        raise BriefingError(path, "binary file (contains NUL bytes), not a text briefing")
    _check_length(path, text)
    if not raw:
        warnings.append("the file is empty")
    return text, warnings


def _check_length(path: Path, text: str) -> None:
    if (lines := text.count("\n")) > MAX_LINES:
        raise BriefingError(
            path, f"{lines:,} lines: briefer reads briefings of up to {MAX_LINES:,} lines (split the file)"
        )
    # str.count is C-fast; an upper bound of the sentences before they are split.
    if (ends := sum(text.count(end) for end in _SENTENCE_ENDS)) > MAX_SENTENCES:
        raise BriefingError(
            path,
            f"about {ends:,} sentences: briefer reads briefings of up to {MAX_SENTENCES:,} (split the file)",
        )


def briefing_from_text(
    text: str, path: Path | None = None, fmt: str = "text", *, warnings: list[str] | tuple[str, ...] = ()
) -> Briefing:
    """Build a Briefing from already-decoded text (tests and extraction use this)."""
    path = Path(path) if path is not None else None
    parsed = _parse(text, path, fmt, list(warnings))
    body, blocks = parsed.body, parsed.blocks
    return Briefing(
        id=parsed.id,
        path=path,
        title=parsed.title,
        date=parsed.date,
        source=parsed.source,
        url=parsed.meta.get("url"),
        tags=parsed.meta.get("tags", ()),
        body=body,
        blocks=blocks,
        sentences=Spans(span for block in blocks for span in _block_sentences(body, block)),
        format=fmt,
        warnings=parsed.warnings,
    )


@dataclass(frozen=True, slots=True)
class _Parsed:
    id: str
    meta: dict
    body: str
    blocks: Blocks
    title: str
    date: str | None
    source: str | None
    warnings: tuple[str, ...]


def _parse(text: str, path: Path | None, fmt: str, warnings: list[str]) -> _Parsed:
    """Everything but the sentences: metadata, body, blocks, title."""
    if fmt not in ("text", "markdown"):
        raise ValueError(f"unknown briefing format {fmt!r}")
    text = text.removeprefix("\ufeff")
    cleaned = clean_text(text)
    removed = len(text) - text.count("\r\n") - len(cleaned)
    if removed:
        warnings.append(f"removed {removed} control character(s): terminal escapes, bidi controls")
    meta, body = split_front_matter(cleaned, warnings)
    if fmt == "markdown" and _markdown_lines(body) > MARKDOWN_MAX_LINES:
        # markdown-it spends tens of microseconds per line, and about eight times that per table
        # row; past this the structure costs seconds, and the body reads the same as plain text.
        warnings.append(
            f"more than {MARKDOWN_MAX_LINES:,} lines (a table row counts as {TABLE_ROW_LINES}): "
            "markdown structure not parsed"
        )
        blocks = Blocks(text_blocks(body))
    else:
        blocks = Blocks(markdown_blocks(body) if fmt == "markdown" else text_blocks(body))

    date = meta.get("date")
    source = meta.get("source")
    dateline = find_dateline(body) if date is None or source is None else None
    if dateline and date is None and dateline.date:
        # A dateline without a year ("KYIV, Nov 20 (Reuters)") takes the year
        # only from a partial front-matter date ("date: 2025"). Any other
        # guess (the file's mtime, a year somewhere in the text) could be
        # wrong by a year, and a wrong date misplaces every relative date in
        # the timeline; no date is the honest answer.
        date = dateline.date.iso(fallback_year=meta.get("year"))
    if dateline and source is None:
        source = dateline.source

    title = meta.get("title") or _fallback_title(body, blocks, fmt) or (path.stem if path else "")
    return _Parsed(
        hashlib.sha256(body.encode("utf-8")).hexdigest(),
        meta,
        body,
        blocks,
        title,
        date,
        source,
        tuple(warnings),
    )


def _markdown_lines(body: str) -> int:
    """The body's length in lines of prose for markdown-it: a line with a pipe may be a table row."""
    return body.count("\n") + (TABLE_ROW_LINES - 1) * len(_PIPE_LINE.findall(body))


def _block_sentences(body: str, block: Block) -> list[tuple[int, int]]:
    if block.kind != "code":
        return split_sentences(body, block.start, block.end)
    spans = []  # code has no sentences: each non-blank line is one step
    start = block.start
    for line in body[block.start : block.end].split("\n"):
        stripped = line.strip()
        if stripped:
            first = start + line.index(stripped[0])
            spans.append((first, first + len(stripped)))
        start += len(line) + 1
    return spans


def _fallback_title(body: str, blocks: Sequence[Block], fmt: str) -> str:
    """The first heading, else the first sentence (without a wire dateline), cut near 80 characters."""
    heading = next((b for b in blocks if b.kind == "heading"), None)
    sentences = _first_sentences(body, blocks, 5)
    if heading:
        text = body[heading.start : heading.end]
    elif sentences:
        # A one- or two-word opening line ("TRANSCRIPT", "BREAKING") is a label, not a title.
        first = next((s for s in sentences[:5] if len(body[s[0] : s[1]].split()) >= 3), sentences[0])
        text = body[first[0] : first[1]]
        wire = wire_dateline(text)
        if wire and text[wire[1] :].strip():
            text = text[wire[1] :]
    else:
        return ""
    text = text[: TITLE_LENGTH * 4]  # a title needs only the start of a long sentence
    if fmt == "markdown":
        text = plain_text(text)
    return _shorten(" ".join(text.split()))


def _first_sentences(body: str, blocks: Sequence[Block], count: int) -> list[tuple[int, int]]:
    sentences: list[tuple[int, int]] = []
    for block in blocks:
        if len(sentences) >= count:
            break
        sentences.extend(_block_sentences(body, block))
    return sentences[:count]


def _shorten(text: str) -> str:
    if len(text) <= TITLE_LENGTH:
        return text
    cut = text.rfind(" ", 0, TITLE_LENGTH + 1)
    if cut < TITLE_LENGTH // 2:  # one very long word
        cut = TITLE_LENGTH
    return text[:cut].rstrip(" ,;:-–—") + "…"


def discover(folder: str | Path) -> list[Path]:
    """Briefing files under `folder`, subfolders included.

    Hidden files and folders are skipped, and so are FIFOs, sockets and
    symlink loops (nothing is opened, so nothing blocks). Symlinked folders
    are followed, each real folder once, so a symlink cycle ends the walk.
    A file whose target is missing or unreadable is listed: `load` reports
    why. A `folder` that is a file is returned as is.
    """
    root = Path(folder)
    try:
        info = os.stat(root)
    except OSError as exc:
        reason = "no such folder" if isinstance(exc, FileNotFoundError) else _os_reason(exc)
        raise BriefingError(root, reason) from None
    if not stat.S_ISDIR(info.st_mode):
        return mbox.entries(root, info, _read_regular_file) if root.suffix.lower() == mbox.SUFFIX else [root]
    found = []
    seen = {(info.st_dev, info.st_ino)}
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as exc:
            if directory == root:
                raise BriefingError(root, _os_reason(exc)) from None
            continue  # an unreadable subfolder: skipped, like a hidden one
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                target = os.stat(entry.path)
            except OSError as exc:
                if exc.errno != errno.ELOOP and Path(entry.name).suffix.lower() in SUFFIXES:
                    found.append(Path(entry.path))  # broken symlink: listed with its error
                continue
            if stat.S_ISDIR(target.st_mode):
                key = (target.st_dev, target.st_ino)
                if key not in seen:
                    seen.add(key)
                    pending.append(Path(entry.path))
            elif stat.S_ISREG(target.st_mode) and Path(entry.name).suffix.lower() == mbox.SUFFIX:
                found.extend(mbox.entries(Path(entry.path), target, _read_regular_file))
            elif stat.S_ISREG(target.st_mode) and Path(entry.name).suffix.lower() in SUFFIXES:
                found.append(Path(entry.path))
    return sorted(found)
