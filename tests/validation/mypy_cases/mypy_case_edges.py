"""Edge cases: unions, single literals, Any, cross-kind literals, enums the checker cannot read."""

from __future__ import annotations

import enum
from typing import Any, ClassVar, Literal

from models import Point, Retry

import validation


class Color(enum.Enum):
    RED = enum.auto()
    BLUE = enum.auto()


class Edges(validation.Options):
    kind: ClassVar[str] = "edges"
    mode: Literal["fast"] = "fast"
    level: Literal[1, 2] = 1
    anything: Any = None
    nothing: None = None
    color: Color = Color.RED
    point: Point | None = None
    either_retry: Retry | dict[str, int] | None = None
    two_shapes: Retry | Point | None = None
    tags: list[str] = []  # noqa: RUF012
    delta: int = 0
    flag: bool = False


def function_scope() -> None:
    inner = validation.schema({"a": int})
    inner.parse({"b": 1})  # no TypedDict for a schema built in a function: not checked


def cases(data: object) -> None:
    Edges.parse({"kind": "x"})  # E: Unknown key "kind" for "Edges"  [option-key]
    Edges.parse({"mode": "slow"})  # E: Invalid value for "mode" of "Edges": expected "fast", got "slow" (str)  [option-value]
    Edges.parse({"level": 3})  # E: Invalid value for "level" of "Edges": expected 1 | 2, got 3 (int)  [option-value]
    Edges.parse({"level": "1", "anything": "x", "color": "green"})
    Edges.parse({"nothing": 0})  # E: Invalid value for "nothing" of "Edges": expected None, got 0 (int)  [option-value]
    Edges.parse({"point": 1})  # E: Invalid value for "point" of "Edges": expected a mapping | None, got 1 (int)  [option-value]
    Edges.parse({"point": {"x": 1, "y": 2, "z": 3}})  # E: Unknown key "z" for "Point" at "point"  [option-key]
    Edges.parse({"either_retry": {"anything": 1}, "two_shapes": {"anything": 1}})
    Edges.parse({"tags": "a"})  # E: Invalid value for "tags" of "Edges": expected list, got "a" (str)  [option-value]
    Edges.parse({"tags": None})  # E: Invalid value for "tags" of "Edges": expected list, got None (None)  [option-value]
    Edges.parse({"delta": -3, "flag": "on"})
    Edges.parse({"delta": -1.5})  # E: Invalid value for "delta" of "Edges": expected int, got -1.5 (float)  [option-value]
    Edges.parse({"flag": 2})  # E: Invalid value for "flag" of "Edges": expected bool, got 2 (int)  [option-value]
    Edges.parse({"delta": "x" * 2})
    Edges.parse({"delta": "1e3", "flag": True})
    Edges.parse({"mode": "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"})  # E: Invalid value for "mode" of "Edges": expected "fast", got "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff..." (str)  [option-value]
    Edges.parse({"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": 1})  # E: Unknown key "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk..." for "Edges"  [option-key]
    Edges.parse(data)
    validation.Options.parse({"a": 1})
    Edges.parse([1, 2])
    validation.parse(Edges, data)
    validation.schema({"a": int}).parse(data)
    validation.schema({"a": int}, open=True).parse({"b": 1})
    validation.schema({"a": int, 1: int}).parse({"b": 1})  # type: ignore[dict-item]
