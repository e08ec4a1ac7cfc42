"""Is what a cache file held of the shape the code expects?

Caches are files: a crash, another version of briefer or a hand may have left anything in them.
A value read back is used only if it conforms to its type (`conforms`); anything else is
discarded and made again, never trusted into a crash.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, NotRequired, Union

from briefer.extract.schema import SCHEMA, Analysis


def is_analysis(value: object, briefing_id: str) -> bool:
    """An analysis of the briefing `briefing_id`, as `briefer.extract.analyse` makes them: the
    schema's keys and types, and spans that run forwards from offset 0."""
    if not conforms(value, Analysis):
        return False
    analysis = typing.cast(Analysis, value)
    if analysis["schema"] != SCHEMA or analysis["briefing"]["id"] != briefing_id:
        return False
    entities = [*analysis["who"], *analysis["where"]]
    spans = [m for e in entities for m in e["mentions"]]
    spans += [[t["start"], t["end"]] for t in (*analysis["when"], *analysis["what"])]
    return all(len(span) == 2 and 0 <= span[0] <= span[1] for span in spans)


def conforms(value: object, expected: Any) -> bool:
    """Whether `value` is of type `expected`: str, int, float, bool, None, object, a Literal,
    a union, list / set / frozenset / dict of those, or a TypedDict (keys and types)."""
    return _checker(expected)(value)


Check = Callable[[object], bool]


@cache
def _checker(expected: Any) -> Check:
    """A function telling whether a value is of type `expected`, built once per type: an analysis
    has tens of thousands of mentions and events to check, on the way to the panes."""
    if expected is object or expected is Any:
        return lambda value: True
    if expected is None or expected is types.NoneType:
        return lambda value: value is None
    if isinstance(expected, type):
        if typing.is_typeddict(expected):
            return _typeddict_checker(expected)
        # bool is an int to isinstance; a cache's int is never a bool, nor its str a subclass
        return lambda value: type(value) is expected
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if origin is Literal:
        return lambda value: any(type(value) is type(a) and value == a for a in args)
    if origin in (Union, types.UnionType):
        alternatives = [_checker(a) for a in args]
        return lambda value: any(check(value) for check in alternatives)
    if origin in (list, set, frozenset):
        item = _checker(args[0])
        return lambda value: type(value) is origin and all(map(item, value))  # type: ignore[call-overload]
    if origin is dict:
        key, item = _checker(args[0]), _checker(args[1])
        return lambda value: (
            type(value) is dict and all(map(key, value.keys())) and all(map(item, value.values()))
        )
    raise TypeError(f"conforms: {expected!r} is not a type it can check")


def _typeddict_checker(typed_dict: type) -> Check:
    # `__required_keys__` misses NotRequired under postponed annotations: read the hints
    fields = []
    for key, hint in typing.get_type_hints(typed_dict, include_extras=True).items():
        optional = typing.get_origin(hint) is NotRequired
        fields.append((key, _checker(typing.get_args(hint)[0] if optional else hint), not optional))
    known = {key for key, _, _ in fields}

    def check(value: object) -> bool:
        if type(value) is not dict or not value.keys() <= known:
            return False
        for key, check_field, required in fields:
            if key in value:
                if not check_field(value[key]):
                    return False
            elif required:
                return False
        return True

    return check
