"""Files -> Briefing. Pure Python; never imports Textual.

Names are imported on first use (PEP 562): the loader pulls in markdown-it
and PyYAML, which the TUI's first paint does not need.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "MAX_BYTES": "loader",
    "SUFFIXES": "loader",
    "briefing_from_text": "loader",
    "describe": "loader",
    "discover": "loader",
    "load": "loader",
    "Block": "model",
    "Briefing": "model",
    "BriefingError": "model",
    "BriefingInfo": "model",
    "clean_text": "sanitize",
    "split_sentences": "sentences",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'briefer.briefing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"briefer.briefing.{home}"), name)
    globals()[name] = value
    return value
