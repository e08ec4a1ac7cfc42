"""The token pattern, written for speed, splits any text exactly as its plain form does."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.extract.tokens import TOKEN

ROOT = Path(__file__).resolve().parents[2]
PLAIN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w]*(?:[-'\u2019][\w]+)*|\d+(?:[.,:]\d+)*|[^\w\s]")


def spans(pattern, text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    return [m.span() for m in pattern.finditer(text, start, end)]


def test_sample_briefings_split_alike():
    for path in sorted((ROOT / "briefings").iterdir()):
        text = path.read_text(encoding="utf-8")
        assert spans(TOKEN, text) == spans(PLAIN, text), path.name


PIECES = st.sampled_from(
    [
        "U.S.",
        "U.N",
        "A.",
        "e.g.",
        "Geneva-based",
        "O'Brien",
        "al-Assad",
        "d\u2019Estaing",
        "3.5",
        "1,200",
        "09:00",
        "2nd",
        "x_y",
        "_",
        "\u00bd",
        "\u00b2",
        "\u0663",
        "\u0301",
        "\u24b6",
        "--",
        "'",
        "\u2019",
        "\u201c",
        " ",
        "\n",
        "\t",
        "\u00a0",
        ".",
        ",",
        "-",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30), st.integers(0, 8), st.integers(0, 8))
def test_any_text_splits_alike(pieces, cut_start, cut_end):
    text = "".join(pieces)
    start, end = min(cut_start, len(text)), max(0, len(text) - cut_end)
    assert spans(TOKEN, text, start, end) == spans(PLAIN, text, start, end)
