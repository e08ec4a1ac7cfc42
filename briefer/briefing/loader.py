"""Read briefing files into Briefing objects.

First cut: the loader helper hardens encodings, bad inputs, datelines and the
markdown block map. The public functions and their signatures are fixed.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from briefer.briefing.model import Block, Briefing, BriefingError
from briefer.briefing.sentences import split_sentences

SUFFIXES = (".txt", ".md", ".markdown")
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)(?:---|\.\.\.)\n", re.S)


def load(path: str | Path) -> Briefing:
    """Load one briefing file; raise BriefingError with a one-line reason."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BriefingError(path, "no such file") from None
    except OSError as exc:
        raise BriefingError(path, exc.strerror or str(exc)) from None
    text = raw.decode("utf-8-sig")
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return briefing_from_text(text, path=path, fmt=fmt)


def briefing_from_text(text: str, path: Path | None = None, fmt: str = "text") -> Briefing:
    """Build a Briefing from already-decoded text (tests and extraction use this)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        loaded = yaml.safe_load(match.group(1))
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[match.end():]
    body = text
    blocks = tuple(_paragraph_blocks(body))
    sentences = tuple(s for b in blocks for s in split_sentences(body, b.start, b.end))
    title = str(meta.get("title") or "") or _first_line(body) or (path.stem if path else "")
    date = meta.get("date")
    return Briefing(
        id=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        path=path,
        title=title,
        date=str(date) if date else None,
        source=str(meta["source"]) if meta.get("source") else None,
        url=str(meta["url"]) if meta.get("url") else None,
        tags=tuple(str(t) for t in meta.get("tags") or ()),
        body=body,
        blocks=blocks,
        sentences=sentences,
        format=fmt,
    )


def discover(folder: str | Path) -> list[Path]:
    """Briefing files under `folder`, subfolders included, hidden ones skipped."""
    root = Path(folder)
    return sorted(
        p for p in root.rglob("*")
        if p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def _paragraph_blocks(body: str):
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", body):
        kind = "heading" if m.group().startswith("#") else "paragraph"
        yield Block(kind, m.start(), m.end())


def _first_line(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()[:80]
    return ""
