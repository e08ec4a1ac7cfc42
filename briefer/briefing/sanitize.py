"""Make untrusted text safe to show in a terminal.

Briefing bodies, titles, file names and notes can carry terminal escape
sequences (an OSC 52 sequence writes the clipboard, CSI sequences restyle the
screen) and bidi controls that reorder what the reader sees. Textual passes
all of these through to the terminal (research/reliability.md section 4.5),
so every such string goes through `clean_text` first.
"""

from __future__ import annotations

import re
import unicodedata

# Whole escape sequences first, so their parameters do not survive as text.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: ESC [ or C1 0x9b
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])"  # OSC, DCS, SOS, PM, APC (7- or 8-bit)...
    r"[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # ...up to BEL or ST; an unterminated one stops at the line end
    r"|\x1b[ -/]*[0-~]"  # other escapes: ESC c, ESC 7, ESC ( B
)
# C0 controls except tab and newline, DEL, C1 controls, a lone ESC, bidi
# embeddings/overrides (U+202A-202E) and isolates (U+2066-2069).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Any character the steps below would change: one scan of clean text and done.
_ANYTHING_TO_CLEAN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def clean_text(s: str) -> str:
    """`s` with line breaks as LF and every escape sequence and control removed.

    Tabs and newlines stay. U+2028/U+2029 become LF so that `str.splitlines`
    and `split("\\n")` agree on the lines. Lone surrogates (undecodable file
    names) become U+FFFD, so the result always encodes as UTF-8.
    """
    if not _ANYTHING_TO_CLEAN.search(s):
        return s
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = s.replace("\u2028", "\n").replace("\u2029", "\n")
    s = _ESCAPE_SEQUENCE.sub("", s)
    s = _CONTROL.sub("", s)
    return _SURROGATE.sub("\ufffd", s)


# Everything that can move the cursor, restyle the screen or reorder what the eye
# reads, on a line that must stay one line: controls, line separators, bidi marks.
_NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(s: str) -> str:
    """`s` with every control, line break and direction mark shown as a space: one safe
    line for a table, a message or a listing in the terminal."""
    return _NOT_ON_ONE_LINE.sub(" ", s)


def escape_controls(s: str) -> str:
    """`s` with controls and invisible format characters written as `\\uXXXX` escapes:
    for messages that must show exactly what a file holds, and for JSON output
    (where the escapes are valid JSON; characters past U+FFFF become surrogate pairs)."""
    # Only characters outside printable ASCII can be invisible: the regex finds them at C
    # speed, so a long JSON listing is not read character by character in Python.
    return _NOT_PRINTABLE_ASCII.sub(_escaped_if_invisible, s) if _NOT_PRINTABLE_ASCII.search(s) else s


_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")


def _escaped_if_invisible(match: re.Match[str]) -> str:
    char = match.group()
    return _escaped(char) if _is_invisible(char) else char


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _escaped(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
