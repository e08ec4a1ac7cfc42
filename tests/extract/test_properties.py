"""Properties that hold for any text: analyse never raises, and every offset slices the body."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.briefing import briefing_from_text
from briefer.extract import analyse, to_json
from tests.extract.conftest import TEXT


def spans(a: dict):
    for e in a["who"] + a["where"]:
        for s, t in e["mentions"]:
            yield s, t, None
    for t in a["when"]:
        yield t["start"], t["end"], t["text"]
    for w in a["what"]:
        yield w["start"], w["end"], w["text"]


@settings(max_examples=250, deadline=None)
@given(TEXT, st.sampled_from(["text", "markdown"]), st.sampled_from([None, "2026-03-12"]))
def test_analyse_never_raises_and_offsets_slice_the_body(text, fmt, date):
    b = briefing_from_text(text, fmt=fmt)
    a = analyse(b, date)
    to_json(a)
    body = b.body
    for start, end, text_of in spans(a):
        assert 0 <= start <= end <= len(body)
        if text_of is not None:
            assert body[start:end] == text_of
    for e in a["who"] + a["where"]:
        for s, t in e["mentions"]:
            assert body[s:t].strip() == body[s:t] and body[s:t]
    for w in a["what"]:
        if w["kind"] == "quote":
            assert w["speaker"] is None or w["speaker"] in {e["name"] for e in a["who"]}
