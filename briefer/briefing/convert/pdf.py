"""A PDF -> its text layer, page by page, with running headers, footers and page numbers dropped.

pypdf reads the text layer (in content order, which for reports is reading
order); each page ends a block. It parses only: no JavaScript, no forms, no
embedded files, and nothing is fetched. A scanned PDF has no text layer, and
briefer does no OCR: it says so.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date

from briefer.briefing.convert import Converted, compose, first_line
from briefer.briefing.model import BriefingError

NO_TEXT = "no text layer: OCR is not supported (a scanned PDF?)"
PASSWORD = "password-protected PDF: briefer cannot open it"
EDGE_LINES = 3  # a running header or footer is among the first or last lines of a page
REPEATED_SHARE = 0.6  # ...and recurs on this share of the pages (at least three)
_PAGE_NUMBER = re.compile(r"(?i)\s*(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?\s*(?:(?:of|/)\s*\d{1,4})?\s*")
_DIGITS = re.compile(r"\d+")


def convert(raw: bytes) -> Converted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        _unlock(reader)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except BriefingError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise BriefingError("", f"not a readable PDF ({first_line(exc)})") from None
    page_lines = [[line.strip() for line in text.splitlines() if line.strip()] for text in pages]
    page_lines = _without_running_lines(page_lines)
    body = "\n\n".join("\n".join(lines) for lines in page_lines if lines)
    if not body.strip():
        raise BriefingError("", NO_TEXT)
    return compose(
        body,
        "text",
        title=_text(info, "/Title"),
        date=_creation_date(info),
        source=_text(info, "/Author"),
    )


def _unlock(reader) -> None:
    """Open an encrypted PDF that has no user password (many are only protected against
    editing); a PDF that needs one is refused."""
    if not reader.is_encrypted:
        return
    try:
        if reader.decrypt(""):
            return
    except Exception:  # pypdf raises its own errors, or a missing-cipher one, for a key it cannot use
        pass
    raise BriefingError("", PASSWORD)


def _without_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without page numbers and without the lines at the top or bottom of a page that
    recur (digits aside: "Page 3 of 20") on most pages: running headers and footers."""
    edges = Counter(
        key for lines in pages for key in {_shape(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
    )
    running = (
        {key for key, count in edges.items() if count >= REPEATED_SHARE * len(pages)}
        if len(pages) >= 3
        else set()
    )
    kept = []
    for lines in pages:
        last = len(lines) - 1
        kept.append(
            [
                line
                for i, line in enumerate(lines)
                if not (
                    (i < EDGE_LINES or i > last - EDGE_LINES)
                    and (_shape(line) in running or _PAGE_NUMBER.fullmatch(line))
                )
            ]
        )
    return kept


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()).lower())


def _text(info, key: str) -> str | None:
    value = info.get(key) if info else None
    return str(value) if value else None


def _creation_date(info) -> str | None:
    """The document's creation date (D:YYYYMMDD...), as ISO."""
    raw = _text(info, "/CreationDate")
    found = re.match(r"(?:D:)?(\d{4})(\d\d)(\d\d)", raw or "")
    if not found:
        return None
    try:
        year, month, day = map(int, found.groups())
        return date(year, month, day).isoformat()
    except ValueError:
        return None
