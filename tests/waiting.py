"""Waiting in Pilot tests for what happens off the event loop (watchers, workers, servers)."""

from __future__ import annotations

import time

WAIT_SECONDS = 15.0  # how long something that takes about a second may take before a test fails


async def until(pilot, condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await pilot.pause(0.05)


def messages(app) -> list[str]:
    """The texts of the notifications shown so far."""
    return [str(n.message) for n in app._notifications]
