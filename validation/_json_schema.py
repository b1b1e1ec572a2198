"""`Options.json_schema()`: pydantic's JSON Schema, closed at every level, with descriptions.

Why a post-pass: pydantic's `TypeAdapter(...).json_schema()` is the public way to get a
schema, and it already describes every field's type; what editors need on top is
`additionalProperties: false` on every object that lists its properties (so a misspelt
key is flagged as it is typed) and each field's description. A level the parse leaves
open (a model or TypedDict with `extra="allow"`) keeps pydantic's `additionalProperties`.
The schema accepts what the parse accepts: `NamedOptions` and `NullAsDefault` fields
describe their other spellings (a bare name, a `null`) where their core schemas are made.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from typing import Any, cast

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["json_schema"]


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The closed JSON Schema of an `Options` class (see `Options.json_schema`)."""
    schema: dict[str, Any] = TypeAdapter(cls).json_schema(schema_generator=_Generator)
    objects = [schema, *schema.get("$defs", {}).values()]
    for node in _walk(objects):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)  # an open level (`extra="allow"`) says so already
    return schema


class _Generator(GenerateJsonSchema):
    """pydantic's generator, told how to show `Options` defaults and never to show a secret.

    Descriptions are added where pydantic builds a class's object schema, from the class
    itself: a title or a `$defs` name is only a name, and two classes may share one.
    """

    def dataclass_schema(self, schema: core_schema.DataclassSchema) -> JsonSchemaValue:
        from validation._options import Options

        result = super().dataclass_schema(schema)
        cls = schema["cls"]
        properties = cast("dict[str, Any] | None", result.get("properties"))
        if issubclass(cls, Options) and isinstance(properties, dict):
            for key, description in _descriptions(cls).items():
                field = properties.get(key)
                if isinstance(field, dict) and "description" not in field:
                    field["description"] = description
        return result

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        from validation._options import Options, as_dict
        from validation._secret import Secret

        default = schema.get("default")
        nodes = _walk([as_dict(default) if isinstance(default, Options) else default], every=True)
        if any(isinstance(node, Secret) for node in nodes):
            return self.generate_inner(schema["schema"])
        if isinstance(default, Options):
            schema = {**schema, "default": as_dict(default)}
        return super().default_schema(schema)


def _walk(nodes: list[Any], every: bool = False) -> list[Any]:
    """The dicts nested in `nodes` (with `every`, all values), in no set order."""
    found: list[Any] = []
    stack: list[Any] = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.append(node)
            stack.extend(cast("Any", node).values())
        elif isinstance(node, (list, tuple)):
            stack.extend(cast("list[Any]", node))
        elif every:
            found.append(node)
    return found


def _descriptions(cls: type[Any]) -> dict[str, str]:
    """The field descriptions of an `Options` class: `Field(description=...)`, else the docstring under it."""
    from validation._options import _hints

    hints = _hints(cls)
    notes = _docstrings(cls)
    for key in cls.__options_fields__:
        for meta in getattr(hints[key], "__metadata__", ()):
            text = getattr(meta, "description", None)
            if isinstance(text, str):
                notes[key] = text
    return notes


def _docstrings(cls: type[Any]) -> dict[str, str]:
    """The string written under a field (`port: int = 80` then `\"\"\"The port.\"\"\"`)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    notes: dict[str, str] = {}
    for before, after in itertools.pairwise(body):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            notes[before.target.id] = inspect.cleandoc(after.value.value)
    return notes
