# The fields are read from type expressions, untyped by nature:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
"""What the strategies read from types: input keys, bounds, container kinds, parse checks, and slips.

Why apart from the shapes: these read types and strings only, with no strategy in sight;
`validation._strategies` builds its shapes from what they return.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Callable, Iterator
from typing import Any, TypeAlias

import typing_extensions

from validation._types import resolve_hints

__all__ = [
    "DICTS",
    "LISTS",
    "REQUIREDNESS",
    "ClassField",
    "checker",
    "class_fields",
    "flatten",
    "has_other_constraints",
    "int_bound",
    "misspellings",
    "rules_check",
]

_ANNOTATED: Any = typing.Annotated  # subscripted with computed metadata


ClassField: TypeAlias = "tuple[str, Any, bool, bool]"
"""`(key, annotation, required, null_as_default)` of one input key of a class of named fields."""


def class_fields(tp: type[Any]) -> list[ClassField] | None:
    """The input keys of a class of named fields (aliases where the parse reads them), else `None`."""
    options_fields = tp.__dict__.get("__options_fields__", getattr(tp, "__options_fields__", None))
    if options_fields is not None:
        from validation._fields import field_spec
        from validation._options import _hints

        hints = _hints(tp)
        defaults = tp.__options_defaults__
        null_class = bool(getattr(tp, "__options_null_default__", False))
        found: list[ClassField] = []
        for key in options_fields:
            spec = field_spec(tp.__qualname__, key, hints[key])
            found.append((spec.alias or key, spec.hint, key not in defaults, spec.null_as_default or null_class))
        return found
    if "__attrs_attrs__" in getattr(tp, "__dict__", {}):
        import attrs

        attrs.resolve_types(tp)
        return [
            (attribute.alias or attribute.name, attribute.type or Any, attribute.default is attrs.NOTHING, False)
            for attribute in attrs.fields(tp)
            if attribute.init
        ]
    if dataclasses.is_dataclass(tp):
        hints = resolve_hints(tp)
        return [
            (
                _annotated_alias(hints.get(item.name, Any)) or item.name,
                hints.get(item.name, Any),
                item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING,
                False,
            )
            for item in dataclasses.fields(tp)
            if item.init
        ]
    if typing_extensions.is_typeddict(tp):
        hints = resolve_hints(tp)
        required = tp.__required_keys__
        return [(key, hint, key in required, False) for key, hint in hints.items()]
    model_fields = getattr(tp, "model_fields", None)
    if isinstance(model_fields, dict) and hasattr(tp, "model_validate"):
        result: list[ClassField] = []
        for name, info in typing.cast("dict[str, Any]", model_fields).items():
            hint = info.annotation
            if info.metadata:
                arguments = (hint, *info.metadata)
                hint = _ANNOTATED[arguments]
            alias = info.validation_alias if isinstance(info.validation_alias, str) else info.alias
            result.append((alias or name, hint, info.is_required(), False))
        return result
    return None


def _annotated_alias(hint: Any) -> str | None:
    """The input key a `Field(alias=...)` inside `Annotated` gives a dataclass field, if any."""
    from pydantic.fields import FieldInfo

    if typing.get_origin(hint) is not typing.Annotated:
        return None
    for item in reversed(hint.__metadata__):
        if isinstance(item, FieldInfo):
            alias = item.validation_alias if isinstance(item.validation_alias, str) else item.alias
            if alias:
                return str(alias)
    return None


def flatten(metadata: tuple[Any, ...]) -> Iterator[Any]:
    from pydantic.fields import FieldInfo

    for item in metadata:
        if isinstance(item, FieldInfo):
            yield from flatten(tuple(item.metadata))
        elif hasattr(item, "__iter__") and type(item).__module__ == "annotated_types":
            yield from item  # Interval, Len: groups of single bounds
        else:
            yield item


def has_other_constraints(item: object, found: dict[str, Any]) -> bool:
    """Whether a metadata object carries constraints besides the bounds understood here."""
    names = getattr(type(item), "__dataclass_fields__", None) or getattr(item, "__dict__", None)
    if names is None:
        return True
    return any(getattr(item, name, None) is not None for name in names if name not in found)


def int_bound(bounds: dict[str, Any], inclusive: str, exclusive: str, step: int) -> int | None:
    if inclusive in bounds:
        value = bounds[inclusive]
        return int(math.ceil(value) if step > 0 else math.floor(value))
    if exclusive in bounds:
        value = bounds[exclusive]
        return int(math.floor(value) + 1 if step > 0 else math.ceil(value) - 1)
    return None


def misspellings(key: str, letter: str) -> list[str]:
    """Every spelling of `key` one slip away: swap, drop, double, replace by `letter`, case, `_`/`-`.

    >>> misspellings("ab_c", "x")[:6]
    ['ba_c', 'a_bc', 'abc_', 'b_c', 'a_c', 'abc']
    """
    found: list[str] = []
    size = len(key)
    found.extend(key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(size - 1) if key[i] != key[i + 1])
    if size > 1:
        found.extend(key[:i] + key[i + 1 :] for i in range(size))
    found.extend(key[: i + 1] + key[i:] for i in range(size))
    found.extend(key[:i] + letter + key[i + 1 :] for i in range(size) if key[i] != letter)
    found.extend(key[:i] + key[i].swapcase() + key[i + 1 :] for i in range(size) if key[i].swapcase() != key[i])
    found.extend(variant for variant in (key.upper(), key.title()) if variant != key)
    slips = {"_": "-", "-": "_"}
    found.extend(key[:i] + slips[key[i]] + key[i + 1 :] for i in range(size) if key[i] in slips)
    return list(dict.fromkeys(typo for typo in found if typo != key))


def _abc_origins(*names: str) -> list[object]:
    import collections.abc

    return [getattr(collections.abc, name) for name in names]


# `typing.List[int]`, `Sequence[int]` and the bare `typing.Sequence` all have these as origin.
LISTS: dict[object, type[Any]] = {list: list, tuple: tuple, set: set, frozenset: frozenset}
LISTS.update(dict.fromkeys(_abc_origins("Sequence", "MutableSequence", "Iterable", "Collection"), list))
LISTS.update({**dict.fromkeys(_abc_origins("Set"), frozenset), **dict.fromkeys(_abc_origins("MutableSet"), set)})
DICTS = {dict, *_abc_origins("Mapping", "MutableMapping")}

REQUIREDNESS = {
    getattr(module, name)
    for module in (typing, typing_extensions)
    for name in ("Required", "NotRequired", "ReadOnly")
    if hasattr(module, name)
}


def rules_check(tp: type[Any]) -> Callable[[object], bool] | None:
    """The parse of an `Options` class with cross-field rules, as a filter; `None` for any other class."""
    from validation._options import Options
    from validation._rules import rules_of

    if not issubclass(tp, Options) or not rules_of(tp):
        return None
    parse = tp.parse

    def check(value: object) -> bool:
        return parse(value).is_right()

    return check


def checker(tp: Any) -> Callable[[object], bool]:
    """Whether a value passes the validator of `tp`, for a constraint or type the shapes cannot read."""
    from pydantic import TypeAdapter
    from pydantic_core import ValidationError

    from validation._types import prepare

    validate = TypeAdapter(prepare(tp)).validate_python

    def check(value: object) -> bool:
        try:
            validate(value)
        except ValidationError:
            return False
        return True

    return check
