"""Read state, flags and "new since your last visit", kept across restarts."""

from __future__ import annotations

import os
import time
from datetime import date

from briefer.desk.triage import (
    arrival_times,
    day_headings,
    load_triage,
    record_visit,
    set_flag,
    set_state,
)
from briefer.notes.store import NotesStore


def test_read_state_and_flags_survive_a_restart(store, notes_path):
    assert load_triage(store).is_unread("b1")
    set_state(store, "b1", "opened")
    set_state(store, "b2", "marked")
    set_flag(store, "b3", True)
    store.close()
    again = NotesStore.open(notes_path)
    triage = load_triage(again)
    assert not triage.is_unread("b1") and not triage.is_unread("b2") and triage.is_unread("b3")
    assert triage.read == {"b1": "opened", "b2": "marked"}
    assert triage.is_flagged("b3") and not triage.is_flagged("b1")
    set_state(again, "b2", None)  # marked unread again
    set_flag(again, "b3", False)
    triage = load_triage(again)
    assert triage.is_unread("b2") and not triage.flagged
    again.close()


def test_opening_a_briefing_read_to_its_end_keeps_it_read(store):
    assert set_state(store, "b1", "read") == "read"
    assert set_state(store, "b1", "opened") == "read"
    assert load_triage(store).read == {"b1": "read"}


def test_new_means_arrived_after_the_previous_visit_across_restarts(store, notes_path, tmp_path):
    old = tmp_path / "old.md"
    old.write_text("old")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert load_triage(store).since is None  # a first visit: nothing is new
    record_visit(store, "library")
    store.close()
    time.sleep(0.01)
    fresh = tmp_path / "fresh.md"
    fresh.write_text("fresh")
    again = NotesStore.open(notes_path)
    triage = load_triage(again)
    times = arrival_times([old, fresh, tmp_path / "gone.md"])
    assert not triage.is_new(times[str(old)]) and triage.is_new(times[str(fresh)])
    assert str(tmp_path / "gone.md") not in times
    again.close()


def test_days_are_grouped_under_today_yesterday_then_dates():
    days = ["2026-03-05", "2026-03-05", "2026-03-04", "2026-02-27", None]
    assert day_headings(days, date(2026, 3, 5)) == {
        0: "Today",
        2: "Yesterday",
        3: "Fri 2026-02-27",
        4: "Undated",
    }
