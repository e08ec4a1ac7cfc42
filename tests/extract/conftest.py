"""Small helpers shared by the extraction tests."""
from __future__ import annotations

from briefer.briefing import briefing_from_text
from briefer.extract import analyse


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
