"""The WHEN pane shows vague values in words, not extractor codes."""

from __future__ import annotations

import pytest

from briefer.ui.widgets.panes import when_items
from briefer.ui.widgets.when_words import when_words


@pytest.mark.parametrize(
    ("value", "text", "words"),
    [
        ("FUTURE_REF", "soon", "in the future"),
        ("PAST_REF", "previously", "in the past"),
        ("PRESENT_REF", "currently", "now"),
        ("P1M", "a month", "about a month"),
        ("P3W", "two to three weeks", "2-3 weeks"),
        ("P3W", "2–3 weeks", "2-3 weeks"),
        ("P3W", "three weeks", "about 3 weeks"),
        ("P2D", "two days", "about 2 days"),
        ("PT4H", "four hours", "about 4 hours"),
        ("PT1H", "an hour", "about an hour"),
        ("PT30M", "30 minutes", "about 30 minutes"),
        (None, "some day", "unresolved"),
        ("2026-Q1", "first quarter", "2026-Q1"),
    ],
)
def test_when_values_read_as_words(value, text, words):
    assert when_words(value, text) == words


def test_the_when_pane_shows_words_for_durations_and_references():
    body = "Talks resume in two to three weeks. Peace will come soon."
    analysis = {
        "when": [
            {"value": "P3W", "start": 15, "end": 34, "text": "two to three weeks"},
            {"value": "FUTURE_REF", "start": 52, "end": 56, "text": "soon"},
        ]
    }
    rows = when_items(analysis, body, [(0, 35), (36, len(body))])  # type: ignore[arg-type]
    shown = [item.label.plain.split("\n")[0] for item in rows if not item.heading]
    assert shown[0].startswith("~ 2-3 weeks") and "P3W" not in shown[0]
    assert shown[1].startswith("~ in the future") and "REF" not in shown[1]
