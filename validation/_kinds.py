# Core schemas are untyped nested dicts by nature:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
"""Kinds of input (mapping, list, string, number...) and which union members can take which.

Why: a union such as `theme: str | Theme` fails on a misspelt key inside the map, and
pydantic-core reports every member: the right `theme.palete: unknown key` *and* a wrong
`theme: expected a valid string, got {...}` that quotes the map. A user who wrote a map
meant the member that takes maps. So, on the error path only, the engine asks here which
members the input's kind fits: errors of members it does not fit are dropped, and when it
fits none, the union's errors become one issue naming the kinds it takes.

The table is conservative: a member whose kinds cannot be told (a plain or wrapping
validator function, `Any`, an `isinstance` check) takes every kind, so its errors are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

from either._errors import describe, short_repr

__all__ = ["KINDS_KEY", "TRANSPARENT_KEY", "describe_input", "expected_members", "input_kind", "member_kinds"]

MAPPING: Final = "mapping"
SEQUENCE: Final = "sequence"
STRING: Final = "string"
BYTES: Final = "bytes"
BOOL: Final = "bool"
NUMBER: Final = "number"
NULL: Final = "null"
OTHER: Final = "other"

KINDS_KEY: Final = "eitherway_kinds"
"""A core-schema `metadata` key: the kinds a function validator of this library takes."""

TRANSPARENT_KEY: Final = "eitherway_transparent"
"""A core-schema `metadata` key on a function validator of this library that takes what its
inner schema takes, plus the kinds listed (`None` for a null-as-default wrapper)."""

_EVERY: Final = frozenset({MAPPING, SEQUENCE, STRING, BYTES, BOOL, NUMBER, NULL, OTHER})
_SCALAR_NUMBER: Final = frozenset({NUMBER, STRING, BOOL})
_TEMPORAL: Final = frozenset({STRING, NUMBER, OTHER})
_SIMPLE: Final[dict[str, frozenset[str]]] = {
    "str": frozenset({STRING, BYTES}),
    "int": _SCALAR_NUMBER,
    "float": _SCALAR_NUMBER,
    "decimal": _SCALAR_NUMBER | {OTHER},
    "bool": frozenset({BOOL, NUMBER, STRING}),
    "none": frozenset({NULL}),
    "bytes": frozenset({BYTES, STRING}),
    "list": frozenset({SEQUENCE, OTHER}),
    "tuple": frozenset({SEQUENCE, OTHER}),
    "set": frozenset({SEQUENCE, OTHER}),
    "frozenset": frozenset({SEQUENCE, OTHER}),
    "generator": frozenset({SEQUENCE, OTHER}),
    "dict": frozenset({MAPPING}),
    "typed-dict": frozenset({MAPPING}),
    "model-fields": frozenset({MAPPING}),
    "dataclass-args": frozenset({MAPPING}),
    "model": frozenset({MAPPING, OTHER}),
    "dataclass": frozenset({MAPPING, OTHER}),
    "date": _TEMPORAL,
    "datetime": _TEMPORAL,
    "time": _TEMPORAL,
    "timedelta": _TEMPORAL,
    "uuid": frozenset({STRING, OTHER}),
    "url": frozenset({STRING, OTHER}),
    "multi-host-url": frozenset({STRING, OTHER}),
}
_PASS_THROUGH: Final = frozenset({"default", "function-after", "custom-error"})
_NAMES: Final = (
    (STRING, "a string"),
    (NUMBER, "a number"),
    (BOOL, "true or false"),
    (NULL, "null"),
    (SEQUENCE, "a list"),
    (MAPPING, "a mapping"),
    (BYTES, "bytes"),
)


def input_kind(value: object) -> str:
    """The kind of an input value, as configuration formats know it."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, (int, float, Decimal)):
        return NUMBER
    if isinstance(value, str):
        return STRING
    if isinstance(value, (bytes, bytearray)):
        return BYTES
    if isinstance(value, Mapping):
        return MAPPING
    if isinstance(value, (list, tuple, set, frozenset)):
        return SEQUENCE
    return OTHER


def member_kinds(node: Any, unwrap_ref: Callable[[Any], Any]) -> frozenset[str]:
    """The kinds of input the schema `node` can take; every kind when that cannot be told.

    `unwrap_ref` resolves a `definition-ref` node to its definition.
    """
    for _ in range(64):
        if not isinstance(node, dict):
            return _EVERY
        metadata = node.get("metadata")
        if isinstance(metadata, dict):
            if KINDS_KEY in metadata:
                return frozenset(metadata[KINDS_KEY])
            if TRANSPARENT_KEY in metadata:
                return member_kinds(node.get("schema"), unwrap_ref) | frozenset(metadata[TRANSPARENT_KEY])
        kind = str(node.get("type"))
        simple = _SIMPLE.get(kind)
        if simple is not None:
            return simple
        if kind == "definition-ref":
            node = unwrap_ref(node)
        elif kind == "nullable":
            return member_kinds(node.get("schema"), unwrap_ref) | {NULL}
        elif kind in _PASS_THROUGH:
            node = node.get("schema")
        elif kind == "lax-or-strict":
            node = node.get("lax_schema")
        elif kind == "json-or-python":
            node = node.get("python_schema")
        elif kind == "literal":
            return frozenset(input_kind(value) for value in node.get("expected", ())) | {OTHER}
        elif kind == "enum":
            return frozenset(input_kind(getattr(member, "value", member)) for member in node.get("members", ())) | {
                OTHER
            }
        elif kind in ("union", "tagged-union"):
            choices = node.get("choices", ())
            members = choices.values() if isinstance(choices, dict) else choices
            found: frozenset[str] = frozenset()
            for choice in members:
                found |= member_kinds(choice[0] if isinstance(choice, tuple) else choice, unwrap_ref)
            return found
        else:
            return _EVERY
    return _EVERY


def expected_members(members: list[Any], unwrap_ref: Callable[[Any], Any]) -> str:
    """`a string or a mapping`, `a mapping or False`: what a union's members take, in words."""
    words: list[str] = []
    for member in members:
        for word in _member_words(member, unwrap_ref):
            if word not in words:
                words.append(word)
    if len(words) > _WORDS_SHOWN:
        rest = len(words) - _WORDS_SHOWN + 1
        words = [*words[: _WORDS_SHOWN - 1], f"{rest} other values"]
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} or {words[-1]}"


_WORDS_SHOWN: Final = 8
_WORDS: Final[dict[str, str]] = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "decimal": "a number",
    "bool": "true or false",
    "none": "null",
    "bytes": "bytes",
    "date": "a date",
    "datetime": "a date and time",
    "time": "a time of day",
    "timedelta": "a duration",
    "uuid": "a UUID",
    "url": "a URL",
}


def _member_words(node: Any, unwrap_ref: Callable[[Any], Any]) -> list[str]:
    for _ in range(64):
        if not isinstance(node, dict):
            break
        kind = node.get("type")
        metadata = node.get("metadata")
        if isinstance(metadata, dict) and TRANSPARENT_KEY in metadata:
            extra = ["null"] if NULL in metadata[TRANSPARENT_KEY] else []
            return [*_member_words(node.get("schema"), unwrap_ref), *extra]
        if kind == "definition-ref":
            node = unwrap_ref(node)
        elif kind in _PASS_THROUGH or kind == "nullable":
            words = _member_words(node.get("schema"), unwrap_ref)
            return [*words, "null"] if kind == "nullable" else words
        elif kind == "literal":
            return [short_repr(value) for value in node.get("expected", ())]
        elif kind == "enum":
            return [short_repr(getattr(member, "value", member)) for member in node.get("members", ())]
        elif kind in _WORDS:
            return [_WORDS[kind]]
        elif kind in ("union", "tagged-union"):  # a nested union, or an int's own guard
            choices = node.get("choices", ())
            members = choices.values() if isinstance(choices, dict) else choices
            nested: list[str] = []
            for choice in members:
                for word in _member_words(choice[0] if isinstance(choice, tuple) else choice, unwrap_ref):
                    if word not in nested:
                        nested.append(word)
            return nested
        else:
            break
    kinds = member_kinds(node, unwrap_ref)
    return [name for kind, name in _NAMES if kind in kinds and not (kind == BYTES and STRING in kinds)]


def describe_input(value: object) -> str:
    """What came, without the contents of a container (they may hold secrets or unknown keys' values)."""
    if isinstance(value, Mapping):
        size = _size(value)
        return f"a mapping with {size} key{'' if size == 1 else 's'}"
    if isinstance(value, (list, tuple, set, frozenset)):
        size = _size(value)
        return f"a {type(value).__name__} of {size} item{'' if size == 1 else 's'}"
    return describe(value)


def _size(value: object) -> int:
    try:
        return len(value)  # type: ignore[arg-type]
    except Exception:  # a mapping that lies about its length
        return 0
