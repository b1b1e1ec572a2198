"""The mypy plugin's view of a schema: its keys, their types and which are required.

Why a module of its own: the fields of a schema come from five places (an `Options` class,
a dataclass, an attrs class, a TypedDict, a pydantic model) and every one must read the
same from a fresh analysis and from mypy's cache, or an incremental run (and a `-n`
parallel one, whose workers load each other's modules from the cache) would report other
errors than a clean run. So nothing here reads a class body at check time:

- `Options` classes: `record_options_fields` runs as a base-class hook during semantic
  analysis and writes the fields into `TypeInfo.metadata`, which mypy serializes;
- dataclasses and attrs classes: the metadata mypy's own plugins write (`"dataclass"`,
  `"attrs"`), serialized the same way (its format is mypy's, not part of the plugin
  interface; metadata of another shape gives no checks for that class, never a crash);
- TypedDicts: `TypeInfo.typeddict_type`;
- pydantic models: the metadata of pydantic's own mypy plugin when it runs, else that of
  mypy's dataclasses plugin (pydantic declares `dataclass_transform`), skipping any model
  whose configuration may open it or rename its keys (`model_config`, `Config`).

The types of the fields are read from the class's variables when needed, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, final

from mypy.nodes import AssignmentStmt, NameExpr, TempNode, TypeInfo, Var
from mypy.plugin import ClassDefContext
from mypy.types import AnyType, Instance, Type, TypedDictType, TypeOfAny

from validation._suggest import KeySuggester

__all__ = ["METADATA_KEY", "OPTIONS", "Shape", "record_options_fields", "shape_of", "typed_dict_shape"]

METADATA_KEY: Final = "validation.mypy"
OPTIONS: Final = "validation._options.Options"
_PYDANTIC_MODEL: Final = "pydantic.main.BaseModel"
_PYDANTIC_PLUGIN_KEY: Final = "pydantic-mypy-metadata"
_SHAPES: dict[str, tuple[object, Shape | None]] = {}


@final
class Shape:
    """The keys a parser takes at one level: each key's type (`None`: unknown) and the required ones."""

    __slots__ = ("_suggester", "fields", "name", "required")

    def __init__(self, name: str, fields: dict[str, Type | None], required: Iterable[str]) -> None:
        self.name = name
        self.fields = fields
        self.required = tuple(required)
        self._suggester: KeySuggester | None = None

    def suggest(self, unknown: str, present: set[str]) -> tuple[str, ...]:
        """The declared keys run time would suggest for `unknown` (the same `KeySuggester`)."""
        if self._suggester is None:
            self._suggester = KeySuggester(self.fields)
        return self._suggester.suggest(unknown, present)


def record_options_fields(ctx: ClassDefContext) -> None:
    """Base-class hook: store an `Options` class's fields, inherited ones first, in its metadata.

    Runs during semantic analysis, where the class body is at hand; may run more than once
    (mypy defers classes whose bases are not ready), and writes the same each time.
    """
    info = ctx.cls.info
    fields: dict[str, bool] = {}
    for base in reversed(info.mro[1:]):
        for name, required in base.metadata.get(METADATA_KEY, {}).get("fields", ()):
            fields[name] = required
    for stmt in ctx.cls.defs.body:
        if not (isinstance(stmt, AssignmentStmt) and stmt.type is not None and len(stmt.lvalues) == 1):
            continue
        target = stmt.lvalues[0]
        if not isinstance(target, NameExpr):
            continue
        symbol = info.names.get(target.name)
        if symbol is not None and isinstance(symbol.node, Var) and symbol.node.is_classvar:
            continue
        fields[target.name] = isinstance(stmt.rvalue, TempNode)
    info.metadata[METADATA_KEY] = {"fields": [[name, required] for name, required in fields.items()]}


def shape_of(info: TypeInfo) -> Shape | None:
    """The shape of a schema class, or `None` for a class the plugin cannot read safely.

    Kept per class while the data it was read from is the same object: mypy replaces a
    class's metadata (or TypedDict type) whenever it analyses the class again, so a shape
    never outlives a change, in one run or in the daemon.
    """
    token = _source_of(info)
    cached = _SHAPES.get(info.fullname)
    if cached is not None and token is not None and cached[0] is token:
        return cached[1]
    try:
        shape = _read_shape(info)
    except (KeyError, TypeError, AttributeError):  # metadata in a format this plugin does not know
        shape = None
    if token is not None:
        _SHAPES[info.fullname] = (token, shape)
    return shape


def _source_of(info: TypeInfo) -> object:
    if info.typeddict_type is not None:
        return info.typeddict_type
    for key in (METADATA_KEY, "attrs", "dataclass"):
        if key in info.metadata:
            return info.metadata[key]
    return None


def _read_shape(info: TypeInfo) -> Shape | None:
    if info.fullname == OPTIONS:
        return None  # the base class parses nothing (run time refuses it)
    if info.typeddict_type is not None:
        return typed_dict_shape(info.name, info.typeddict_type)
    ours = info.metadata.get(METADATA_KEY)
    if ours is not None and info.has_base(OPTIONS):
        return _from_attributes(info, [(name, not required) for name, required in ours.get("fields", ())], {})
    attrs = info.metadata.get("attrs")
    if attrs is not None:
        keys: list[tuple[str, bool]] = []
        names: dict[str, str] = {}
        for attribute in attrs.get("attributes", ()):
            if attribute.get("init", True):
                key = attribute.get("alias") or attribute["name"].lstrip("_")
                names[key] = attribute["name"]
                keys.append((key, attribute.get("has_default", True)))
        return _from_attributes(info, keys, names)
    if info.has_base(_PYDANTIC_MODEL):
        return _pydantic_shape(info)
    return _dataclass_shape(info)


def _dataclass_shape(info: TypeInfo) -> Shape | None:
    """From the metadata of mypy's dataclasses plugin (dataclasses, `dataclass_transform` classes)."""
    dataclass = info.metadata.get("dataclass")
    if dataclass is None:
        return None
    attributes = dataclass.get("attributes", ())
    if any(attribute.get("is_init_var") for attribute in attributes):
        return None
    keys: list[tuple[str, bool]] = []
    names: dict[str, str] = {}
    for attribute in attributes:
        if attribute.get("is_in_init", True):
            key = attribute.get("alias") or attribute["name"]
            names[key] = attribute["name"]
            keys.append((key, attribute.get("has_default", True)))
    return _from_attributes(info, keys, names)


def typed_dict_shape(name: str, typed_dict: TypedDictType) -> Shape:
    """The shape of a TypedDict (named or made by the plugin for a map schema)."""
    required = [key for key in typed_dict.items if key in typed_dict.required_keys]
    return Shape(name, dict(typed_dict.items), required)


def _from_attributes(info: TypeInfo, keys: list[tuple[str, bool]], names: dict[str, str]) -> Shape:
    """A shape from (key, has_default) pairs, with each key's type read from its variable."""
    fields: dict[str, Type | None] = {}
    for key, _ in keys:
        fields[key] = _attribute_type(info, names.get(key, key))
    return Shape(info.name, fields, [key for key, has_default in keys if not has_default])


def _attribute_type(info: TypeInfo, name: str) -> Type | None:
    symbol = info.get(name)
    if symbol is None or not isinstance(symbol.node, Var):
        return None
    return symbol.node.type


def _pydantic_shape(info: TypeInfo) -> Shape | None:
    own_bases = [base for base in reversed(info.mro) if not base.fullname.startswith(("pydantic.", "builtins."))]
    if any("model_config" in base.names or "Config" in base.names for base in own_bases):
        return None  # the config may open the model or rename its keys (alias_generator)
    keys: list[tuple[str, bool]] = []
    names: dict[str, str] = {}
    plugin_data = info.metadata.get(_PYDANTIC_PLUGIN_KEY)
    if plugin_data is not None:
        for field in plugin_data.get("fields", {}).values():
            if field.get("has_dynamic_alias"):
                return None
            key = field.get("alias") or field["name"]
            names[key] = field["name"]
            keys.append((key, field.get("has_default", True)))
        return _from_attributes(info, keys, names)
    # pydantic declares `dataclass_transform`, so mypy's dataclasses plugin has read the
    # fields, `Field(alias=...)` included; without that metadata nothing is certain.
    return _dataclass_shape(info)


def instance_of(info: TypeInfo) -> Instance:
    """`info` as a type, its type parameters filled with `Any`."""
    return Instance(info, [AnyType(TypeOfAny.special_form) for _ in info.defn.type_vars])
