"""The one rule for tags: what a tag is, and what a nested tag counts for and matches."""

from __future__ import annotations

import pytest

from briefer.notes.tags import (
    InvalidTag,
    has_tag,
    parse_tag,
    parse_tags,
    stored_tag,
    tag_and_parents,
    tag_matches,
)


@pytest.mark.parametrize(
    ("typed", "tag"),
    [
        ("key", "key"),
        ("#key", "key"),
        ("  #area/topic ", "area/topic"),
        ("follow-up", "follow-up"),
        ("énergie", "énergie"),
        ("cafe\u0301", "caf\u00e9"),  # a decomposed accent is the same tag as a composed one
    ],
)
def test_a_tag_is_written_one_way(typed, tag):
    assert parse_tag(typed) == tag


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "is empty"),
        ("#", "is empty"),
        ("   ", "is empty"),
        ("key judgement", "has a space"),
        ("key\u00a0judgement", "has a space"),  # a no-break space is a space too
        ("a//b", "has an empty level"),
        ("area/", "has an empty level"),
        ("/area", "has an empty level"),
        ("bell\x07", "has a control or invisible character"),
        ("red\x1b[31m", "has a control or invisible character"),
        ("zero\u200bwidth", "has a control or invisible character"),
        ("soft\u00adhyphen", "has a control or invisible character"),
        ("bidi\u202eevil", "has a control or invisible character"),
        ("line\u2028break", "has a control or invisible character"),
    ],
)
def test_what_is_not_a_tag_is_refused_saying_why_in_one_line(typed, reason):
    with pytest.raises(InvalidTag) as refused:
        parse_tag(typed)
    message = str(refused.value)
    assert reason in message and refused.value.reason.startswith(reason)
    assert "\n" not in message and "\x1b" not in message and "\u200b" not in message


def test_an_invisible_character_is_shown_escaped():
    with pytest.raises(InvalidTag, match=r"zero\\\\u200bwidth"):
        parse_tag("zero\u200bwidth")


def test_tags_in_a_line_keep_their_order_once_each():
    assert parse_tags("#key  claim key area/energy") == ["key", "claim", "area/energy"]
    assert parse_tags("") == []


def test_the_first_bad_tag_in_a_line_is_named():
    with pytest.raises(InvalidTag, match="a//b"):
        parse_tags("key a//b c//d")


def test_a_nested_tag_counts_for_each_level():
    assert tag_and_parents("area/energy/grid") == ["area", "area/energy", "area/energy/grid"]
    assert tag_and_parents("key") == ["key"]


@pytest.mark.parametrize(
    ("tag", "wanted", "matches"),
    [
        ("area", "area", True),
        ("area/energy", "area", True),
        ("area/energy/grid", "area/energy", True),
        ("Area/Energy", "#area", True),  # whatever the case, with or without #
        ("areas", "area", False),  # a longer word is another tag
        ("area", "area/energy", False),  # a parent is not under its child
        ("energy", "area", False),
    ],
)
def test_a_tag_selects_itself_and_the_tags_nested_under_it(tag, wanted, matches):
    assert tag_matches(tag, wanted) is matches


def test_notes_tags_match_when_any_one_does():
    assert has_tag(["key", "area/energy"], "area")
    assert not has_tag(["key", "claim"], "area")
    assert not has_tag([], "area")


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("#area/energy", "area/energy"),
        ("ener\u200bgy", "energy"),  # zero-width space
        ("\ufeffkey", "key"),  # BOM
        ("cafe\u0301", "caf\u00e9"),
        ("key judgement", "key judgement"),  # older data the rule refuses is kept
        ("key\u00ad judgement", "key judgement"),
        ("\u200b", ""),  # nothing visible: the caller drops it
    ],
)
def test_a_stored_tag_has_nothing_invisible(raw, stored):
    assert stored_tag(raw) == stored
