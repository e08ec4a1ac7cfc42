"""Is what a cache file held of the shape the code expects?

Caches are files: a crash, another version of briefer or a hand may have left anything in them.
A value read back is used only if it conforms to its type (`conforms`); anything else is
discarded and made again, never trusted into a crash.
"""

from __future__ import annotations

import types
import typing
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
    a union, list / set / frozenset / dict / tuple of those, or a TypedDict (keys and types)."""
    if expected is object or expected is Any:
        return True
    if expected is None or expected is types.NoneType:
        return value is None
    if isinstance(expected, type) and typing.is_typeddict(expected):
        return isinstance(value, dict) and _conforms_typeddict(value, expected)
    if isinstance(expected, type):
        # bool is an int to isinstance; a cache's int is never a bool, nor its str a subclass
        return type(value) is expected
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if origin is Literal:
        return any(type(value) is type(a) and value == a for a in args)
    if origin in (Union, types.UnionType):
        return any(conforms(value, a) for a in args)
    if origin in (list, set, frozenset):
        return (
            isinstance(value, list | set | frozenset)
            and type(value) is origin
            and _all_conform(value, args[0])
        )
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return type(value) is tuple and _all_conform(value, args[0])
        return type(value) is tuple and len(value) == len(args) and all(map(conforms, value, args))
    if origin is dict:
        return (
            type(value) is dict
            and _all_conform(value.keys(), args[0])
            and _all_conform(value.values(), args[1])
        )
    raise TypeError(f"conforms: {expected!r} is not a type it can check")


def _all_conform(values: typing.Iterable, expected: Any) -> bool:
    if isinstance(expected, type) and not typing.is_typeddict(expected):
        return all(type(v) is expected for v in values)  # most items of a large table: one type
    return all(conforms(v, expected) for v in values)


def _conforms_typeddict(value: dict, expected: type) -> bool:
    fields = _fields(expected)
    if not set(value) <= fields.keys():
        return False
    for key, (field_type, required) in fields.items():
        if key not in value:
            if required:
                return False
        elif not conforms(value[key], field_type):
            return False
    return True


@cache
def _fields(typed_dict: type) -> dict[str, tuple[Any, bool]]:
    """key -> (type, required): `__required_keys__` misses NotRequired under postponed annotations."""
    fields = {}
    for key, hint in typing.get_type_hints(typed_dict, include_extras=True).items():
        optional = typing.get_origin(hint) is NotRequired
        fields[key] = (typing.get_args(hint)[0] if optional else hint, not optional)
    return fields
