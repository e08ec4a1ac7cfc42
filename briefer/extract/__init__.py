"""Briefing -> Analysis (who / what / when / where). Pure: no I/O but the package's
own word lists, no process-wide state, no Textual; it imports nothing of briefer
but `briefer.briefing`.

`analyse(briefing, reference_date=None)` returns exactly the object of
`briefer extract --json` (typed in `schema`); `to_json(analysis)` serialises it.
`nameless_parts` is the share of the work that needs no names (dates, quotes),
which a caller may compute in another process and hand to `analyse`.
The word lists and the gazetteer are read on first use, so importing this
package is cheap; a caller may hand `lexicon` tables it cached instead.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefer.briefing import Briefing
    from briefer.extract.extractor import NamelessParts
    from briefer.extract.schema import Analysis

__all__ = ["analyse", "nameless_parts", "to_json"]


def analyse(
    briefing: Briefing,
    reference_date: str | dt.date | None = None,
    nameless: Callable[[], NamelessParts] | None = None,
) -> Analysis:
    from briefer.extract.extractor import analyse as _analyse

    return _analyse(briefing, reference_date, nameless)


def nameless_parts(briefing: Briefing, reference_date: str | dt.date | None = None) -> NamelessParts:
    from briefer.extract.extractor import nameless_parts as _nameless_parts

    return _nameless_parts(briefing, reference_date)


def to_json(analysis: Analysis, indent: int | None = 2) -> str:
    from briefer.extract.extractor import to_json as _to_json

    return _to_json(analysis, indent)
