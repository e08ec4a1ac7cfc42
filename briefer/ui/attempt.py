"""Run what the user asked for; if it fails, say why in one line and carry on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.widget import Widget

from briefer.briefing.sanitize import clean_text

T = TypeVar("T")


def attempt(widget: Widget, action: Callable[[], T], failed: str) -> T | None:
    """`action()`, or None after notifying `failed: reason` (e.g. "Not saved: disk full")."""
    try:
        return action()
    except Exception as exc:  # disk full, read-only, lock, a bad editor: the reader stays up
        reason = clean_text(str(exc)) or type(exc).__name__
        widget.notify(f"{failed}: {reason}", severity="error", markup=False)
        return None
