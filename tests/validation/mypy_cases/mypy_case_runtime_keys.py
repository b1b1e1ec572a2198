"""The keys run time reads: `Field(alias=...)`, `None` for null-as-default fields, nested paths, lenient mode."""

from __future__ import annotations

from typing import Annotated

import pydantic

import validation
from validation import NullAsDefault, Options


class Pool(Options):
    max_concurrent: Annotated[int, pydantic.Field(alias="maxConcurrent")] = 1
    use_tls: Annotated[bool, pydantic.Field(alias="use-tls", description="TLS")] = False
    timeout: Annotated[float, pydantic.Field(gt=0)] = 1.0
    host: str = "localhost"


class Child(Pool):
    retries: "Annotated[int, pydantic.Field(alias='retryCount')]" = 0  # noqa: UP037 (a string annotation, read as one)


class Nulls(Options, null_as_default=True):
    a: int = 3
    b: int


class NullsToo(Nulls):
    c: str = "c"


class NotNulls(Nulls, null_as_default=False):
    d: int = 4


class Marked(Options):
    a: Annotated[int, NullAsDefault] = 3
    b: Annotated[int, validation.NullAsDefault, pydantic.Field(alias="bee")] = 4
    c: int = 5


ALIAS = "bufferSize"


class Opaque(Options):
    """An alias that is not a string literal: the keys are not known, so nothing is checked."""

    buffer_size: Annotated[int, pydantic.Field(alias=ALIAS)] = 1


class OpaqueChild(Opaque):
    other: int = 0


class Node(Options):
    name: str = ""
    child: Node | None = None


def cases() -> None:
    Pool.parse({"maxConcurrent": 3, "use-tls": True, "timeout": 2.0})
    Pool.parse({"max_concurrent": 3})  # E: Unknown key "max_concurrent" for "Pool"; did you mean "maxConcurrent"?  [option-key]
    Pool.parse({"maxConcurent": 3})  # E: Unknown key "maxConcurent" for "Pool"; did you mean "maxConcurrent"?  [option-key]
    Pool.parse({"maxConcurrent": "many"})  # E: Invalid value for "maxConcurrent" of "Pool": expected int, got "many" (str)  [option-value]
    Child.parse({"retryCount": 2, "maxConcurrent": 1})
    Child.parse({"retries": 2})  # E: Unknown key "retries" for "Child"  [option-key]
    Nulls.parse({"a": None, "b": 1})
    Nulls.parse({"b": None})  # E: Invalid value for "b" of "Nulls": expected int, got None (None)  [option-value]
    NullsToo.parse({"a": None, "b": 1, "c": None})
    NotNulls.parse({"a": None, "b": 1, "d": 1})  # E: Invalid value for "a" of "NotNulls": expected int, got None (None)  [option-value]
    Marked.parse({"a": None, "bee": None})
    Marked.parse({"c": None})  # E: Invalid value for "c" of "Marked": expected int, got None (None)  [option-value]
    Node.parse({"child": {"nmae": "b", "child": {"nmae": "c"}}})  # E: Unknown key "nmae" for "Node" at "child"; did you mean "name"?  [option-key]  # E: Unknown key "nmae" for "Node" at "child.child"; did you mean "name"?  [option-key]
    Node.parse({"child": {"name": 1, "child": {"name": 2}}})  # E: Invalid value for "name" of "Node" at "child": expected str, got 1 (int)  [option-value]  # E: Invalid value for "name" of "Node" at "child.child": expected str, got 2 (int)  [option-value]
    Node.parse({"nmae": "a"})  # E: Unknown key "nmae" for "Node"; did you mean "name"?  [option-key]
    Opaque.parse({"bufferSize": 2})
    OpaqueChild.parse({"bufferSize": 2, "other": 1})
    # Lenient mode: unknown keys are warnings at run time, at every level.
    Node.parse({"nmae": "a", "child": {"nmae": "b"}}, warn={"unknown_key"})
    Node(name="x").parse({"nmae": "a"}, warn=["unknown_key"])
    validation.parse(Node, {"nmae": "a"}, warn=("unknown_key",))
    validation.schema({"a": int}).parse({"a": 1, "b": 1}, warn={"unknown_key"})
    Node.parse({"nmae": "a", "name": 1}, warn={"unknown_key"})  # E: Invalid value for "name" of "Node": expected str, got 1 (int)  [option-value]
    Node.parse({"nmae": "a"}, warn=set())  # E: Unknown key "nmae" for "Node"; did you mean "name"?  [option-key]
    Node.parse({"nmae": "a"}, warn=None)  # E: Unknown key "nmae" for "Node"; did you mean "name"?  [option-key]
