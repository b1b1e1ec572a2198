# Core schemas are untyped nested dicts by nature:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
"""Reading pydantic-core schema nodes, and the input beside them: what the translator walks with.

Small pure functions over a core schema's nodes (the declared keys of a mapping level, a
field found by alias, the members of a union, the values a `Literal` allows) and one step
down the input along an error's location. `Shape` is what a keyed union member declares,
scored against an input to tell which member the input meant.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any, Final, cast, final

from validation._compile import PROBE

__all__ = [
    "MAPPINGS",
    "NO_INPUT",
    "SEQUENCES",
    "TIE_KEYS",
    "WRAPPERS",
    "Shape",
    "allowed_values",
    "declared",
    "field_by_key",
    "is_probe",
    "name_only",
    "nullable",
    "step_into",
    "union_members",
]

WRAPPERS = frozenset(
    {"default", "nullable", "function-after", "function-before", "function-wrap", "model", "dataclass", "custom-error"}
)
MAPPINGS = frozenset({"dataclass-args", "typed-dict", "model-fields"})
SEQUENCES = frozenset({"list", "set", "frozenset", "generator"})
NO_INPUT: Final = object()
TIE_KEYS: Final = 16  # keys of the input looked at to break a tie between union members


@final
class Shape:
    """What a keyed union member declares: its keys, its `Literal` tags, whether it refuses unknown keys."""

    __slots__ = ("closed", "keys", "level", "names", "tags")

    def __init__(
        self, level: Any, keys: tuple[str, ...], tags: tuple[tuple[str, tuple[object, ...]], ...], *, closed: bool
    ) -> None:
        self.level = level
        self.keys = keys
        self.names = frozenset(keys)
        self.tags = tags
        self.closed = closed

    def score(self, value: object) -> tuple[int, int, int] | None:
        """(tags missed, -keys known, keys unknown) for the mapping `value`: lower is meant; `None` if unreadable."""
        try:
            mapping = cast("Mapping[Any, object]", value)
            missed = 0
            for name, allowed in self.tags:
                if name in mapping and not any(mapping[name] == choice for choice in allowed):
                    missed += 1
            known = sum(1 for name in self.keys if name in mapping)
            unknown = max(len(mapping) - known, 0) if self.closed else 0
        except Exception:  # a key whose __eq__ or __hash__ raises, a mapping that lies
            return None
        return (missed, -known, unknown)

    def score_items(self, value: object) -> tuple[int, int, int] | None:
        """`score` summed over the first maps of the list `value` (a few: the cost stays bounded)."""
        missed = known = unknown = 0
        try:
            for item in itertools.islice(cast("Iterable[object]", value), TIE_KEYS):
                if isinstance(item, Mapping):
                    score = self.score(item)
                    if score is None:
                        return None
                    missed, known, unknown = missed + score[0], known + score[1], unknown + score[2]
        except Exception:  # a list whose iteration raises
            return None
        return (missed, known, unknown)


def field_by_key(node: Any, item: object) -> Any:
    """The schema of the field of a mapping level that `item` names, by alias first; `None` when none does."""
    fields = node["fields"]
    named = isinstance(fields, dict)
    pairs = list(fields.items()) if named else [(field["name"], field) for field in fields]
    for name, field in pairs:
        if field.get("validation_alias", name) == item:
            return field["schema"]
    if named:
        for name, field in pairs:
            if name == item:
                return field["schema"]
    return None


def name_only(node: Any, item: object) -> bool:
    """Whether `item` is the name of an aliased field of a `model-fields` level, and no field's alias."""
    return all(field.get("validation_alias", name) != item for name, field in node["fields"].items())


def nullable(node: Any) -> bool:
    """Whether a `nullable` wrapper stands on the way from `node` to the union it wraps."""
    for _ in range(16):
        if not isinstance(node, dict) or node.get("type") in ("union", "tagged-union"):
            return False
        if node.get("type") == "nullable":
            return True
        node = node.get("schema")
    return False


def is_probe(node: Any) -> bool:
    metadata = node.get("metadata") if isinstance(node, dict) else None
    return isinstance(metadata, dict) and metadata.get(PROBE) is True


def union_members(union: Any) -> list[Any]:
    choices = union["choices"]
    members = list(choices.values()) if isinstance(choices, dict) else choices
    return [choice[0] if isinstance(choice, tuple) else choice for choice in members]


def step_into(container: object, item: str | int) -> object:
    """One step down the input along a location item; `NO_INPUT` when it does not lead anywhere."""
    if container is NO_INPUT:
        return NO_INPUT
    try:
        if container.__class__ is dict or isinstance(container, Mapping):
            return cast("Mapping[Any, object]", container).get(item, NO_INPUT)
        if isinstance(container, list | tuple) and isinstance(item, int):
            return container[item]
    except Exception:
        return NO_INPUT
    return NO_INPUT


def declared(node: Any) -> list[str]:
    """The declared keys of a mapping level of a core schema."""
    kind = node.get("type")
    if kind == "dataclass-args":
        return [
            str(field.get("validation_alias", field["name"]))
            for field in node["fields"]
            if field.get("init", True) is not False
        ]
    if kind in ("typed-dict", "model-fields"):
        return [str(field.get("validation_alias", name)) for name, field in node["fields"].items()]
    return []


def allowed_values(node: Any) -> list[object]:
    while isinstance(node, dict) and node.get("type") in WRAPPERS and "schema" in node:
        node = node["schema"]
    if not isinstance(node, dict):
        return []
    if node.get("type") == "literal":
        return list(node.get("expected", ()))
    if node.get("type") == "enum":
        return [getattr(member, "value", member) for member in node.get("members", ())]
    return []
