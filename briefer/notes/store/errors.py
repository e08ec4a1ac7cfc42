"""What the store raises: every message is one line the user can read."""

from __future__ import annotations


class StoreError(Exception):
    """A notes store failure the user should read: the message is one line."""


class StoreReadOnly(StoreError):
    """A write to a store opened read-only."""


class InvalidNote(StoreError, ValueError):
    """A note (or briefing data) that cannot be stored as it is."""
