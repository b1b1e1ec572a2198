"""Helpers for working with parsed options: JSON-ready values and constructor-side names.

Why a module of its own: `as_dict(options, mode="json")` must turn everything a field can
hold (enums, datetimes, UUIDs, paths, decimals, sets, secrets, nested options) into JSON
types without ever revealing a secret by accident, and the constructor must speak of the
keywords it was given (Python names) where the input map speaks of aliases.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from collections.abc import Collection, Mapping
from decimal import Decimal
from pathlib import PurePath
from typing import Any, cast

from validation._issues import Invalid, Issue
from validation._secret import Secret
from validation._suggest import KeySuggester

__all__ = ["MASK", "for_keywords", "json_values"]

MASK = "***"
"""What a `Secret` becomes in JSON-ready output unless revealing is asked for."""


def json_values(values: dict[str, Any], *, reveal_secrets: bool) -> dict[str, Any]:
    """`values` (a plain dict from `as_dict`) with every leaf turned into a JSON type."""
    return {str(key): _json(value, reveal_secrets) for key, value in values.items()}


def _json(value: object, reveal: bool) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Secret):
        return _json(cast("Secret[object]", value).reveal(), reveal) if reveal else MASK
    if isinstance(value, enum.Enum):
        return _json(value.value, reveal)
    if isinstance(value, Mapping):
        items = cast("Mapping[object, object]", value).items()
        return {_json_key(key): _json(item, reveal) for key, item in items}
    if isinstance(value, (list, tuple)):
        return [_json(item, reveal) for item in cast("list[object]", value)]
    if isinstance(value, (set, frozenset)):
        members = [_json(item, reveal) for item in cast("set[object]", value)]
        try:
            return sorted(members)
        except TypeError:  # mixed kinds: keep the set's order
            return members
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, (uuid.UUID, Decimal, PurePath)):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _json({field.name: getattr(value, field.name) for field in dataclasses.fields(value)}, reveal)
    to_dict = getattr(value, "model_dump", None)  # a pydantic model held in a field
    if callable(to_dict):
        return _json(to_dict(), reveal)
    return str(value)


def _json_key(key: object) -> str:
    if isinstance(key, enum.Enum):
        key = key.value
    return key if isinstance(key, str) else str(key)


def for_keywords(invalid: Invalid, aliases: dict[str, str], fields: tuple[str, ...], given: Collection[str]) -> Invalid:
    """`invalid` as the constructor's caller wrote it: top-level keys are the Python names.

    A misspelt keyword is suggested from the field names (not the aliases), skipping only
    the keywords `given` (`replace` passes its changes), and the `missing` issue of a
    suggested field is dropped, as in a parse.
    """
    names = {alias: name for name, alias in aliases.items()}
    suggester = KeySuggester(fields)
    renamed: list[Issue] = []
    suggested: set[str] = set()
    for issue in invalid.issues:
        path = issue.path
        if path and isinstance(path[0], str) and path[0] in names:
            path = (names[path[0]], *path[1:])
        suggestions = issue.suggestions
        if len(path) == 1 and isinstance(path[0], str) and issue.code == "unknown_key":
            suggestions = suggester.suggest(path[0], given)
            suggested.update(suggestions)
        renamed.append(dataclasses.replace(issue, path=path, suggestions=suggestions))
    kept = [i for i in renamed if not (i.code == "missing" and len(i.path) == 1 and i.path[0] in suggested)]
    return Invalid(kept)
