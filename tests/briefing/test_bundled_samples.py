"""The bundled briefings: the sample is byte-identical and every one loads cleanly."""

import hashlib
from pathlib import Path

import pytest

from briefer.briefing import discover, load

BRIEFINGS = Path(__file__).resolve().parents[2] / "briefings"
# sha256 of the Reuters sample as published (the bundled file must stay byte-identical to it).
SAMPLE_SHA256 = "5cf393ad5aefc89bc764d1566b9fec0873910e1318b7250432057e1f1bacfe3d"


def test_sample_is_byte_identical():
    assert hashlib.sha256((BRIEFINGS / "00-peace-plan.txt").read_bytes()).hexdigest() == SAMPLE_SHA256


def test_at_least_five_briefings_of_both_formats():
    paths = discover(BRIEFINGS)
    assert len(paths) >= 5
    assert {p.suffix for p in paths} == {".txt", ".md"}


@pytest.mark.parametrize("path", discover(BRIEFINGS), ids=lambda p: p.name)
def test_each_bundled_briefing_loads_without_warnings(path):
    briefing = load(path)
    assert briefing.warnings == ()
    assert briefing.title and briefing.sentences and briefing.blocks
    for start, end in briefing.sentences:
        assert briefing.body[start:end].strip() == briefing.body[start:end] != ""


def test_dates_come_from_the_files_themselves():
    dates = {p.name: load(p).date for p in discover(BRIEFINGS)}
    assert dates["00-peace-plan.txt"] is None  # no dateline, no front matter: never today
    assert dates["04-grounding-briefing.txt"] == "2026-05-06"
    assert dates["06-zambezia-sitrep.txt"] == "2026-03-16"
    assert dates["01-reactor-talks.md"] == "2026-03-12"
