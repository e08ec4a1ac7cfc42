"""Web pages, PDF, e-mail and Word files -> the text of a briefing.

A converter turns a file's bytes into the text briefer reads: YAML front matter
(title, date, source, url, author) and a body, as "markdown" (headings, lists,
tables from HTML and Word) or "text" (PDF pages, plain-text mail). The loader
then builds an ordinary `Briefing` from that text, so every offset is into the
body the reader shows and notes anchor to it as to any other briefing.

The kind of file is decided by its content, not by its name alone: a `.txt`
that is a PDF is read as PDF, a `.pdf` that is text is refused with a reason.
Each converter's library (jusText and lxml, pypdf, python-docx) is imported only
when a file of its kind is read: the library list and the reader start
without them. Conversions are cached by the file's content hash.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefer.briefing.model import BriefingError
from briefer.briefing.sanitize import clean_text

# Suffixes whose files are converted; the kind a suffix claims is checked against the content.
CLAIMED_KINDS = {
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".eml": "email",
    ".docx": "docx",
}
SUFFIXES = tuple(CLAIMED_KINDS)
# The module converting each kind; each imports its library only when called.
CONVERTERS = {"html": "page", "pdf": "pdf", "email": "mail", "docx": "word"}
# Bumped when a converter's output changes, so cached conversions are made again.
VERSION = "2"
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_STARTS = (b"<!doctype html", b"<html")
_YAML_UNREADABLE = re.compile("[\ufffe\uffff]")  # printable to Python, refused by YAML's reader


@dataclass(frozen=True, slots=True)
class Converted:
    """A file's text as briefer reads it: front matter and body, in the loader's `fmt`."""

    text: str
    fmt: str  # "markdown" or "text"
    warnings: tuple[str, ...] = ()


def kind_of(path: Path, raw: bytes) -> str | None:
    """The kind of file `raw` is ("html", "pdf", "email", "docx"), or None for a plain text
    briefing; raise BriefingError when the name claims a kind the content is not."""
    suffix = path.suffix.lower()
    claimed = CLAIMED_KINDS.get(suffix)
    # A file named .pdf may have bytes before its header (readers allow 1,024); any other must
    # begin with it, so a briefing that mentions "%PDF-" stays text.
    if raw.startswith(_PDF_MAGIC) or (claimed == "pdf" and _PDF_MAGIC in raw[:1024]):
        return "pdf"
    if raw.startswith(_ZIP_MAGIC) and (claimed == "docx" or _is_word_package(raw)):
        return "docx"  # a damaged package named .docx is reported by the converter
    if claimed == "pdf":
        raise BriefingError(path, "not a PDF: the file has no %PDF- header")
    if claimed == "docx":
        raise BriefingError(path, "not a Word document: the file is not a .docx package")
    if claimed is None and raw[:512].lstrip().lower().startswith(_HTML_STARTS):
        return "html"  # a page saved under another name: markup is never shown as text
    return claimed


def _is_word_package(raw: bytes) -> bool:
    import zipfile  # only for a ZIP file: the library list starts without it

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def convert(path: Path, raw: bytes, kind: str) -> Converted:
    """The briefing text of `raw`, a file of `kind`; raise BriefingError with one reason.
    A conversion (or its failure) is cached by content: the same bytes are converted once."""
    key = hashlib.sha256(raw).hexdigest()
    cached = _read_cache(key, kind)
    if cached is None:
        quiet_libraries()
        module = importlib.import_module(f"briefer.briefing.convert.{CONVERTERS[kind]}")
        try:
            cached = module.convert(raw)
        except BriefingError as exc:
            cached = exc.reason
        except Exception as exc:  # a parser's own failure on a file it was never meant to meet
            cached = f"cannot read this {kind} file ({type(exc).__name__}: {first_line(exc)})"
        _write_cache(key, kind, cached)
    if isinstance(cached, str):
        raise BriefingError(path, cached)
    return cached


@lru_cache(maxsize=1)
def quiet_libraries() -> None:
    """The converters' libraries log their repairs and doubts (a PDF's wrong offsets, a page's
    odd markup); with no handler, Python would print them on standard error, over the TUI.
    What the user needs to know comes back as a BriefingError or a warning instead."""
    import logging

    for name in ("justext", "pypdf", "docx", "feedparser"):
        logging.getLogger(name).addHandler(logging.NullHandler())


def _cache_file(key: str, kind: str) -> Path:
    from briefer import config

    return config.cache_dir() / "converted" / key[:2] / f"{key}-{kind}-v{VERSION}.json"


def _read_cache(key: str, kind: str) -> Converted | str | None:
    """The cached conversion, its failure's reason, or None (absent, unreadable, or not what we wrote)."""
    import json

    from briefer.files import read_regular

    try:
        data = json.loads(read_regular(_cache_file(key, kind)))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and isinstance(data.get("error"), str):
        return data["error"]
    if (
        isinstance(data, dict)
        and isinstance(data.get("text"), str)
        and data.get("fmt") in ("markdown", "text")
        and isinstance(data.get("warnings"), list)
        and all(isinstance(w, str) for w in data["warnings"])
    ):
        return Converted(data["text"], data["fmt"], tuple(data["warnings"]))
    return None


def _write_cache(key: str, kind: str, result: Converted | str) -> None:
    import json

    from briefer.files import write_cache

    data: dict[str, object]
    if isinstance(result, str):
        data = {"error": result}
    else:
        data = {"text": result.text, "fmt": result.fmt, "warnings": list(result.warnings)}
    write_cache(_cache_file(key, kind), json.dumps(data).encode("ascii"))


def compose(
    body: str,
    fmt: str,
    *,
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    feed: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Converted:
    """A converter's result: `body` under front matter naming what the file's metadata says
    (author and feed record where a fetched briefing came from; the loader reads the rest).
    Values are cleaned and made one line; each is a JSON string, which YAML reads as written."""
    import json  # a conversion's cost, not the loader's start-up

    lines = ["---"]
    fields = (
        ("title", title),
        ("date", date),
        ("source", source),
        ("url", url),
        ("author", author),
        ("feed", feed),
    )
    for name, value in fields:
        value = " ".join(_YAML_UNREADABLE.sub("", clean_text(value or "")).split())
        if value:
            lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return Converted("\n".join(lines) + "\n" + clean_text(body).strip("\n") + "\n", fmt, warnings)


def first_line(exc: BaseException) -> str:
    """A library's exception as the reason a user reads: its first line, or its type."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
