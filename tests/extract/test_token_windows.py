"""Quote attribution reads windows of tokens from a body tokenized once: each window is exactly
what tokenizing it alone gives, and a text of many quotes is not tokenized again per quote."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.extract import tokens
from briefer.extract.tokens import TokenWindows, tokenize
from tests.extract.conftest import TEXT, run

ROOT = Path(__file__).resolve().parents[2]
EDGES = (
    'Zelensky\'s Geneva-based U.S.-backed 3.5 1,200 x_y \u2018quote\u2019 d\u2019Estaing "\u201cok\u201d" '
)


def spans(toks) -> list[tuple[int, int, str]]:
    return [(t.start, t.end, t.text) for t in toks]


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        TEXT, st.integers(1, 40).map(lambda n: EDGES * n), st.just('"' * 700), st.just("a_ _b __ c_ " * 40)
    ),
    chunk=st.sampled_from([3, 16, 64, 4096]),
    windows=st.lists(st.tuples(st.integers(0, 800), st.integers(0, 700)), max_size=12),
    most=st.sampled_from([None, 1, 5, 32]),
)
def test_a_window_is_what_tokenizing_it_alone_gives(text, chunk, windows, most):
    indexed = TokenWindows(text)
    indexed.CHUNK = chunk  # small chunks: their edges fall everywhere, in words too
    for start, length in windows:
        start = min(start, len(text))
        expected = spans(tokenize(text, start, min(start + length, len(text))))
        assert spans(indexed.window(start, start + length, most)) == expected[:most]


def test_windows_over_the_sample_briefings_match_tokenize():
    for path in sorted((ROOT / "briefings").iterdir()):
        body = path.read_text(encoding="utf-8")
        indexed = TokenWindows(body)
        for start in range(0, len(body), 97):  # windows cut words at every kind of place
            assert spans(indexed.window(start, start + 400)) == spans(tokenize(body, start, start + 400))


def test_quotes_are_attributed_from_one_tokenization_of_the_text(monkeypatch):
    """16,000 quote marks cost 8 s when three 400-character windows were tokenized per quote."""
    made = []

    class CountedToken(tokens.Token):
        __slots__ = ()

        def __init__(self, *args) -> None:
            made.append(1)
            super().__init__(*args)

    text = '"We will keep talking," said Anna Berg. ' * 500 + '"' * 4000
    in_text = len(tokenize(text, 0, len(text)))
    monkeypatch.setattr(tokens, "Token", CountedToken)
    result = run(text)
    assert sum(1 for w in result["what"] if w["kind"] == "quote" and w["speaker"] == "Anna Berg") == 500
    # names read the text once, sentence by sentence; quotes about once more, in windows
    assert len(made) < 2.5 * in_text
