# Core schemas are untyped nested dicts by nature:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
"""Open levels that still catch typos: a near miss of a declared key in an open map.

Why: a map declared open (mkdocs' `extra`, a TypedDict with `extra_items`, a model with
`extra="allow"`) takes keys nobody declared, and rightly so; but when it also declares
some keys (`social`, `analytics`), `socail` is far likelier a typo than a new key. Such
a key is reported as `unknown_key` with the suggestion; in lenient mode
(`warn={"unknown_key"}`) it is a warning and the key is left out. Keys that are near no
declared key are kept, as the level's type says.

The check runs only on open levels that declare keys: a set lookup per key of the input
map, and the suggester only for keys that are not declared (at most `_BUDGET` per map).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast, final

from pydantic_core import core_schema

from validation._issues import Issue
from validation._kinds import TRANSPARENT_KEY
from validation._rules import raise_issues
from validation._suggest import KeySuggester

__all__ = ["declared_keys", "near_miss_checked"]

_BUDGET = 32
_MESSAGE = "unknown key, close to a declared one (this map is open to other keys)"


def near_miss_checked(schema: dict[str, Any], declared: list[str]) -> dict[str, Any]:
    """`schema` (an open level declaring `declared`) behind the near-miss check; its `ref` moves out."""
    if not declared:
        return schema
    ref = schema.pop("ref", None)
    check = _NearMiss(declared)
    metadata = {TRANSPARENT_KEY: ()}
    wrapped = core_schema.no_info_before_validator_function(check, cast("Any", schema), ref=ref, metadata=metadata)
    return cast("dict[str, Any]", wrapped)


def declared_keys(node: dict[str, Any]) -> list[str]:
    """The keys an open typed-dict, model or dataclass schema declares."""
    inner = node.get("schema") if node.get("type") in ("model", "dataclass") else node
    fields: Any = inner.get("fields") if isinstance(inner, dict) else None
    if isinstance(fields, dict):
        return [str(field.get("validation_alias", name)) for name, field in fields.items()]
    if isinstance(fields, list):
        return [str(field.get("validation_alias", field["name"])) for field in fields]
    return []


@final
class _NearMiss:
    __slots__ = ("declared", "suggester")

    def __init__(self, declared: list[str]) -> None:
        self.declared = frozenset(declared)
        self.suggester = KeySuggester(declared)

    @property
    def __name__(self) -> str:
        return "open_keys"

    def __call__(self, value: object) -> object:
        if not isinstance(value, Mapping):
            return value
        issues: list[Issue] = []
        budget = _BUDGET
        data = cast("Mapping[object, object]", value)
        for key in data:
            if budget <= 0:
                break
            if isinstance(key, str) and key not in self.declared:
                budget -= 1
                found = self.suggester.suggest(key, cast("Mapping[str, object]", data))
                if found:
                    issues.append(Issue((key,), "unknown_key", _MESSAGE, found))
        if issues:
            raise_issues(tuple(issues))
        return data
