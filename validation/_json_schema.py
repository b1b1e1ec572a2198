"""`Options.json_schema()`: pydantic's JSON Schema, closed at every level, with descriptions.

Why a post-pass: pydantic's `TypeAdapter(...).json_schema()` is the public way to get a
schema, and it already describes every field's type; what editors need on top is
`additionalProperties: false` on every object that lists its properties (so a misspelt
key is flagged as it is typed) and each field's description.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import typing
from typing import Any, cast

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["json_schema"]


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The closed JSON Schema of an `Options` class (see `Options.json_schema`)."""
    schema: dict[str, Any] = TypeAdapter(cls).json_schema(schema_generator=_Generator)
    described = _descriptions(cls)
    objects = [schema, *schema.get("$defs", {}).values()]
    for node in _walk(objects):
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
            notes = described.get(str(node.get("title")), {})
            for key, description in notes.items():
                field = node["properties"].get(key)
                if isinstance(field, dict) and "description" not in field:
                    field["description"] = description
    return schema


class _Generator(GenerateJsonSchema):
    """pydantic's generator, told how to show `Options` defaults and never to show a secret."""

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


def _descriptions(root: type[Any]) -> dict[str, dict[str, str]]:
    """Field descriptions per class name, for `root` and the `Options` classes it holds."""
    from validation._options import Options, _hints

    result: dict[str, dict[str, str]] = {}
    stack: list[type[Any]] = [root]
    while stack:
        cls = stack.pop()
        if cls.__name__ in result:  # pydantic titles a schema with the class's name
            continue
        hints = _hints(cls)
        notes = _docstrings(cls)
        for key in cls.__options_fields__:
            hint = hints[key]
            for meta in getattr(hint, "__metadata__", ()):
                text = getattr(meta, "description", None)
                if isinstance(text, str):
                    notes[key] = text
            for inner in _classes(hint):
                if issubclass(inner, Options):
                    stack.append(inner)
        result[cls.__name__] = notes
    return result


def _classes(hint: Any) -> list[type[Any]]:
    found: list[type[Any]] = []
    stack = [hint]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and typing.get_origin(item) is None:
            found.append(item)
        stack.extend(typing.get_args(item))
    return found


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
