"""Sentence spans with offsets. First cut; the loader helper hardens it."""
from __future__ import annotations

import re

_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*(?=\s+|$)")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of text[start:end], in absolute offsets."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in _END.finditer(text, start, end):
        spans.append((pos, m.end()))
        pos = m.end()
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end and text[pos:end].strip():
        spans.append((pos, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]
