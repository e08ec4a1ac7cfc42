"""Small helpers shared by the extraction tests."""

from __future__ import annotations

from hypothesis import strategies as st

from briefer.briefing import briefing_from_text
from briefer.extract import analyse

# Text built from news-like pieces as well as arbitrary characters, so that
# names, dates and quote marks actually occur.
PIECES = st.sampled_from(
    [
        "President",
        "Anna Kowalska",
        "said",
        "\u201c",
        "\u201d",
        '"',
        "'",
        "\u2019s",
        "on Monday",
        "in Paris",
        "(IAEA)",
        "U.S.",
        "the",
        "2 and 9 March",
        "Dr.",
        "-based",
        "**",
        "# ",
        "\n\n",
        "| ",
        ",",
        ".",
        " ",
        "von der",
        "last week",
        "about a month",
        "she",
        "told",
        "Ministry of Health",
        "Kyiv",
        "Washington",
    ]
)
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(PIECES, max_size=60).map(" ".join),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join),
)


def run(text: str, date: str | None = "2026-03-12", fmt: str = "text") -> dict:
    return analyse(briefing_from_text(text, fmt=fmt), date)


def person(result: dict, name: str) -> dict:
    found = [e for e in result["who"] if e["kind"] == "person" and e["name"] == name]
    assert found, f"{name!r} not among {[e['name'] for e in result['who']]}"
    return found[0]


def names_of(result: dict, kind: str) -> list[str]:
    return [e["name"] for e in result["who"] if e["kind"] == kind]


def places(result: dict) -> list[str]:
    return [e["name"] for e in result["where"]]


def times(result: dict) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for t in result["when"]:
        out.setdefault(t["text"], t["value"])
    return out


def quotes(result: dict) -> list[tuple[str, str | None]]:
    return [(w["text"], w["speaker"]) for w in result["what"] if w["kind"] == "quote"]
