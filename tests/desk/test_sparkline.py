from briefer.desk.text import sparkline


def test_one_bar_a_day_scaled_to_the_busiest_day_with_gaps_for_none():
    assert sparkline([0, 1, 4, 8, 2], 10) == " ▁▄█▂"


def test_more_days_than_room_are_summed_from_the_newest_end():
    # 10 days in 4 bars of 3 days: the oldest bar holds one day, the newest the last three
    assert sparkline([1, 1, 0, 0, 0, 0, 0, 0, 4, 4], 4) == "▁▁ █"
    assert len(sparkline([1] * 90, 15)) == 15


def test_nothing_to_draw():
    assert sparkline([], 7) == ""
    assert sparkline([0, 0], 7) == "  "
