"""The matches n and N step through, without Textual: order, wrap-around, and where stepping starts."""

from __future__ import annotations

from briefer.ui.match_cursor import MatchCursor

# Matches in three sentences: [0, 50), [50, 100), [100, 150).
SPANS = [(120, 125), (10, 15), (60, 65), (30, 35)]


def test_matches_are_kept_in_text_order_and_none_is_current_before_the_first_step():
    cursor = MatchCursor(SPANS, "plan")
    assert cursor.spans == [(10, 15), (30, 35), (60, 65), (120, 125)]
    assert cursor.current is None
    assert cursor.counter == "0/4"


def test_first_goes_to_the_first_match_in_the_text():
    cursor = MatchCursor(SPANS, "Zelensky")
    assert cursor.first() == (10, 15)
    assert cursor.counter == "1/4"


def test_stepping_walks_every_match_and_wraps_around_both_ways():
    cursor = MatchCursor(SPANS, "plan")
    sentence_of = {10: (0, 50), 30: (0, 50), 60: (50, 100), 120: (100, 150)}
    visited = [cursor.step(True, (0, 50))]
    for _ in range(4):
        visited.append(cursor.step(True, sentence_of[cursor.current[0]]))
    assert visited == [(10, 15), (30, 35), (60, 65), (120, 125), (10, 15)]
    assert cursor.step(False, (0, 50)) == (120, 125)
    assert cursor.counter == "4/4"


def test_after_the_cursor_moved_elsewhere_stepping_starts_from_its_sentence():
    cursor = MatchCursor(SPANS, "plan")
    cursor.first()
    assert cursor.step(True, (50, 100)) == (60, 65)  # the first match in or after the sentence
    cursor.first()
    assert cursor.step(False, (50, 100)) == (30, 35)  # the last match before it
    assert cursor.step(True, (150, 200)) == (10, 15)  # past the last match: wraps to the first


def test_an_empty_sentence_still_holds_the_match_at_its_start():
    cursor = MatchCursor([(40, 45), (90, 95)], "x")
    cursor.first()
    assert cursor.step(True, (40, 40)) == (90, 95)


def test_no_matches_means_no_step_but_the_query_is_still_shown():
    cursor = MatchCursor([], "nowhere")
    assert cursor.first() is None and cursor.step(True, (0, 10)) is None
    assert cursor and cursor.counter == "0/0"
    assert not MatchCursor()
