"""Invariants every briefing keeps, whatever the text (property-based)."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.briefing import BriefingError, briefing_from_text, describe, load, split_sentences

PIECES = [
    "# ",
    "## ",
    "- ",
    "  - ",
    "1. ",
    "> ",
    "> > ",
    "|",
    " | ",
    "---",
    "```",
    "    ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    ". ",
    "? ",
    "! ",
    "...",
    "…",
    '"',
    "“",
    "”",
    "'",
    "U.S.",
    "Mr.",
    "J.",
    "3.5",
    "No.",
    "(",
    ")",
    "**",
    "_",
    "`",
    "\\",
    "Word",
    "the",
    "The",
    "KYIV, Nov 20 (Reuters) - ",
    "\x1b[31m",
    "\x1b]52;c;aGk=\x07",
    "\u202e",
    "\x00",
    "\x9b",
    "\ufeff",
    "é",
    "漢字",
    "---\ntitle: x\n---\n",
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=60).map("".join)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["text", "markdown"]))
def test_blocks_and_sentences_are_ordered_trimmed_spans_of_a_clean_body(text, fmt):
    briefing = briefing_from_text(text, fmt=fmt)
    body = briefing.body
    assert not CONTROL.search(body) and "\r" not in body
    previous_end = 0
    for block in briefing.blocks:
        assert previous_end <= block.start < block.end <= len(body)
        assert body[block.start : block.end] == body[block.start : block.end].strip()
        previous_end = block.end
    previous_end = 0
    for start, end in briefing.sentences:
        assert previous_end <= start < end
        assert any(b.start <= start and end <= b.end for b in briefing.blocks)
        assert body[start:end] == body[start:end].strip()
        previous_end = end
    assert briefing.date is None or re.fullmatch(r"\d{4}-\d\d-\d\d", briefing.date)
    assert "\n" not in briefing.title and not CONTROL.search(briefing.title)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_sentences_cover_every_word_of_the_range(text):
    spans = split_sentences(text, 0, len(text))
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(text.split()) == "".join(covered.split())


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts, st.sampled_from([".txt", ".md"]))
def test_describe_lists_what_load_gives_without_the_sentence_split(tmp_path, text, suffix):
    path = tmp_path / f"briefing{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        briefing = load(path)
    except BriefingError as exc:
        with pytest.raises(BriefingError, match=re.escape(exc.reason)):
            describe(path)
        return
    info = describe(path)
    assert (info.id, info.title, info.date, info.source, info.word_count, info.warnings) == (
        briefing.id,
        briefing.title,
        briefing.date,
        briefing.source,
        briefing.word_count,
        briefing.warnings,
    )
