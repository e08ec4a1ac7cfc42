"""Briefing -> Analysis (who / what / when / where). Pure; no I/O, no Textual.

`analyse(briefing, reference_date=None, parallel=False)` returns exactly the
object of `briefer extract --json`; `to_json(analysis)` serialises it. The word lists
and the gazetteer are read on first use, so importing this package is cheap.
"""

from __future__ import annotations

__all__ = ["analyse", "to_json"]


def analyse(briefing, reference_date=None, *, parallel: bool = False, hold_copy=None) -> dict:
    from briefer.extract.analysis import analyse as _analyse

    return _analyse(briefing, reference_date, parallel=parallel, hold_copy=hold_copy)


def to_json(analysis: dict, indent: int | None = 2) -> str:
    from briefer.extract.analysis import to_json as _to_json

    return _to_json(analysis, indent)
