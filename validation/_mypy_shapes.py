"""The mypy plugin's view of a schema: its keys, their types and which are required.

Why a module of its own: the fields of a schema come from five places (an `Options` class,
a dataclass, an attrs class, a TypedDict, a pydantic model) and every one must read the
same from a fresh analysis and from mypy's cache, or an incremental run (and a `-n`
parallel one, whose workers load each other's modules from the cache) would report other
errors than a clean run. So nothing here reads a class body at check time:

- `Options` classes: `record_options_fields` runs as a base-class hook during semantic
  analysis and writes the fields into `TypeInfo.metadata`, which mypy serializes: each
  field's key as run time reads it (a `Field(alias=...)` inside `Annotated`, which mypy's
  types drop, is read from the module's source then) and whether `None` gives its default;
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

import ast
import os
from collections.abc import Iterable
from typing import Any, Final, final

from mypy.nodes import AssignmentStmt, NameExpr, TempNode, TypeInfo, Var
from mypy.plugin import ClassDefContext, SemanticAnalyzerPluginInterface
from mypy.types import AnyType, Instance, Type, TypedDictType, TypeOfAny, UnboundType

from validation._suggest import KeySuggester

__all__ = ["METADATA_KEY", "OPTIONS", "Shape", "record_options_fields", "shape_of", "typed_dict_shape"]

METADATA_KEY: Final = "validation.mypy"
OPTIONS: Final = "validation._options.Options"
_PYDANTIC_MODEL: Final = "pydantic.main.BaseModel"
_PYDANTIC_PLUGIN_KEY: Final = "pydantic-mypy-metadata"
_NULL_AS_DEFAULT: Final = "validation._fields.NullAsDefault"
_SHAPES: dict[str, tuple[object, Shape | None]] = {}
# The last module read for `Field(alias=...)`: ((path, mtime, size), its annotations by (line, name)).
_ANNOTATIONS: list[tuple[tuple[str, int, int], dict[tuple[int, str], ast.expr]]] = []


@final
class Shape:
    """The keys a parser takes at one level: each key's type (`None`: unknown) and the required ones."""

    __slots__ = ("_suggester", "fields", "name", "null_default", "required")

    def __init__(
        self,
        name: str,
        fields: dict[str, Type | None],
        required: Iterable[str],
        null_default: frozenset[str] = frozenset(),
    ) -> None:
        self.name = name
        self.fields = fields
        self.required = tuple(required)
        self.null_default = null_default  # the keys whose `None` gives the default (`NullAsDefault`)
        self._suggester: KeySuggester | None = None

    def suggest(self, unknown: str, present: set[str]) -> tuple[str, ...]:
        """The declared keys run time would suggest for `unknown` (the same `KeySuggester`)."""
        if self._suggester is None:
            self._suggester = KeySuggester(self.fields)
        return self._suggester.suggest(unknown, present)


def record_options_fields(ctx: ClassDefContext) -> None:
    """Base-class hook: store an `Options` class's fields, inherited ones first, in its metadata.

    Each field is stored as `[name, required, key, null_as_default]`: `key` is the one run
    time reads (its `Field(alias=...)`, else its name). The class's own `null_as_default=`
    is stored beside them, and `"opaque"` when an alias cannot be read from the source (then
    the class is not checked). Runs during semantic analysis, where the class body is at
    hand; may run more than once (mypy defers classes whose bases are not ready), and writes
    the same each time.
    """
    info = ctx.cls.info
    fields: dict[str, list[object]] = {}
    opaque = False
    for base in reversed(info.mro[1:]):
        stored = base.metadata.get(METADATA_KEY, {})
        opaque = opaque or bool(stored.get("opaque"))
        for entry in stored.get("fields", ()):
            fields[entry[0]] = [entry[0], entry[1], _entry(entry, 2, entry[0]), _entry(entry, 3, False)]
    for stmt in ctx.cls.defs.body:
        if not (isinstance(stmt, AssignmentStmt) and stmt.type is not None and len(stmt.lvalues) == 1):
            continue
        target = stmt.lvalues[0]
        if not isinstance(target, NameExpr):
            continue
        symbol = info.names.get(target.name)
        if symbol is not None and isinstance(symbol.node, Var) and symbol.node.is_classvar:
            continue
        key, null = _field_settings(ctx.api, stmt, target.name)
        opaque = opaque or key is None
        fields[target.name] = [target.name, isinstance(stmt.rvalue, TempNode), key or target.name, null]
    metadata: dict[str, object] = {"fields": list(fields.values())}
    flag = ctx.cls.keywords.get("null_as_default")
    if flag is not None:  # anything but a literal `False` may be true: `None` is then not reported
        metadata["null_as_default"] = not (isinstance(flag, NameExpr) and flag.name == "False")
    if opaque:
        metadata["opaque"] = True
    info.metadata[METADATA_KEY] = metadata


def _entry(entry: list[object], index: int, default: object) -> object:
    """Item `index` of a stored field, `default` for one stored by an earlier format."""
    return entry[index] if len(entry) > index else default


def _field_settings(api: SemanticAnalyzerPluginInterface, stmt: AssignmentStmt, name: str) -> tuple[str | None, bool]:
    """(key run time reads, or `None` if unknown; `NullAsDefault` marked) from `Annotated[...]`.

    mypy's types keep the markers that are names (`NullAsDefault`) but drop calls
    (`Field(alias="maxConn")`), so a field whose `Annotated` holds a call is read again
    from its module's source, only then.
    """
    annotation = _annotated(stmt)
    if annotation is None:
        return name, False
    null = False
    calls = False
    for item in annotation.args[1:]:
        if isinstance(item, UnboundType) and not item.args:
            symbol = api.lookup_qualified(item.name, stmt, suppress_errors=True)
            null = null or (symbol is not None and symbol.fullname == _NULL_AS_DEFAULT)
        else:
            calls = True
    if not calls:
        return name, null
    return _alias_from_source(api, stmt.line, name), null


def _annotated(stmt: AssignmentStmt) -> UnboundType | None:
    """The unanalyzed `Annotated[T, ...]` of a statement, else `None`."""
    annotation = stmt.unanalyzed_type
    if isinstance(annotation, UnboundType) and annotation.name.endswith("Annotated") and len(annotation.args) > 1:
        return annotation
    return None


def _annotated_calls(body: Iterable[object]) -> list[tuple[int, str]]:
    """(line, name) of the fields whose `Annotated` holds something other than a name (a call)."""
    found: list[tuple[int, str]] = []
    for stmt in body:
        if isinstance(stmt, AssignmentStmt) and len(stmt.lvalues) == 1 and isinstance(stmt.lvalues[0], NameExpr):
            annotation = _annotated(stmt)
            if annotation is not None and any(not isinstance(item, UnboundType) for item in annotation.args[1:]):
                found.append((stmt.line, stmt.lvalues[0].name))
    return found


def needs_alias_record(info: TypeInfo) -> bool:
    """Whether a class that is not an `Options` one may rename a key in `Annotated` (`Field(alias=...)`)."""
    return bool(_annotated_calls(info.defn.defs.body))


def record_annotated_aliases(ctx: ClassDefContext) -> None:
    """Class hook: store the keys `Annotated[T, Field(alias=...)]` gives a model or dataclass's fields.

    mypy's dataclasses plugin and pydantic's read `Field(alias=...)` only as a default
    value; run time (pydantic) honours it inside `Annotated` too. A key that cannot be read
    is stored as `None`, and the class is then not checked.
    """
    if ctx.cls.info.has_base(OPTIONS):
        return  # `record_options_fields` reads those, aliases included
    api = ctx.api
    aliases = {name: _alias_from_source(api, line, name) for line, name in _annotated_calls(ctx.cls.defs.body)}
    ctx.cls.info.metadata[METADATA_KEY] = {"aliases": aliases}


def _alias_overrides(info: TypeInfo) -> dict[str, str | None]:
    """The `Annotated` aliases of a class and its bases (field name -> key, `None`: unknown)."""
    overrides: dict[str, str | None] = {}
    for base in reversed(info.mro):
        overrides.update(base.metadata.get(METADATA_KEY, {}).get("aliases", {}))
    return overrides


def _alias_from_source(api: SemanticAnalyzerPluginInterface, line: int, name: str) -> str | None:
    """The key of field `name` declared at `line`, read from `Field(...)` calls in its annotation."""
    module = api.modules.get(api.cur_mod_id)
    annotations = _annotations(module.path) if module is not None else None
    node = annotations.get((line, name)) if annotations is not None else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):  # a string annotation
        try:
            node = ast.parse(node.value.strip(), mode="eval").body
        except (SyntaxError, ValueError, RecursionError):
            return None
    if not isinstance(node, ast.Subscript):
        return None
    items = node.slice.elts[1:] if isinstance(node.slice, ast.Tuple) else []
    key = name
    for item in items:
        if not (isinstance(item, ast.Call) and _called_name(item.func).endswith("Field")):
            continue  # a constraint or validator (`Gt(0)`, `AfterValidator(f)`): no key
        found = {keyword.arg: keyword.value for keyword in item.keywords}
        if None in found:
            return None  # `**settings`
        alias = found.get("validation_alias", found.get("alias"))
        if alias is None:
            continue
        if not (isinstance(alias, ast.Constant) and isinstance(alias.value, str)):
            return None
        key = alias.value
    return key


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _annotations(path: str) -> dict[tuple[int, str], ast.expr] | None:
    """The annotations of a module's `name: T` statements by (line, name); `None` if unreadable.

    The last module read is kept while its file is unchanged (the daemon outlives edits).
    """
    try:
        stat = os.stat(path)
        version = (path, stat.st_mtime_ns, stat.st_size)
        if _ANNOTATIONS and _ANNOTATIONS[0][0] == version:
            return _ANNOTATIONS[0][1]
        with open(path, "rb") as file:
            tree = ast.parse(file.read())
    except (OSError, SyntaxError, ValueError, RecursionError):
        return None
    found = {
        (node.lineno, node.target.id): node.annotation
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }
    _ANNOTATIONS[:] = [(version, found)]
    return found


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
        return _options_shape(info, ours)
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


def _options_shape(info: TypeInfo, stored: dict[str, Any]) -> Shape | None:
    if stored.get("opaque"):
        return None  # an alias the plugin could not read: the keys are not known
    class_null = next(
        (
            bool(base.metadata[METADATA_KEY]["null_as_default"])
            for base in info.mro
            if "null_as_default" in base.metadata.get(METADATA_KEY, {})
        ),
        False,
    )
    keys: list[tuple[str, bool]] = []
    names: dict[str, str] = {}
    nulls: set[str] = set()
    for entry in stored.get("fields", ()):
        name, required = entry[0], entry[1]
        key = str(_entry(entry, 2, name))
        names[key] = name
        keys.append((key, not required))
        if not required and (class_null or _entry(entry, 3, False)):
            nulls.add(key)
    return _from_attributes(info, keys, names, frozenset(nulls))


def _dataclass_shape(info: TypeInfo) -> Shape | None:
    """From the metadata of mypy's dataclasses plugin (dataclasses, `dataclass_transform` classes)."""
    dataclass = info.metadata.get("dataclass")
    if dataclass is None:
        return None
    attributes = dataclass.get("attributes", ())
    if any(attribute.get("is_init_var") for attribute in attributes):
        return None
    overrides = _alias_overrides(info)
    if None in overrides.values():
        return None  # an alias that could not be read
    keys: list[tuple[str, bool]] = []
    names: dict[str, str] = {}
    for attribute in attributes:
        if attribute.get("is_in_init", True):
            key = overrides.get(attribute["name"]) or attribute.get("alias") or attribute["name"]
            names[key] = attribute["name"]
            keys.append((key, attribute.get("has_default", True)))
    return _from_attributes(info, keys, names)


def typed_dict_shape(name: str, typed_dict: TypedDictType) -> Shape:
    """The shape of a TypedDict (named or made by the plugin for a map schema)."""
    required = [key for key in typed_dict.items if key in typed_dict.required_keys]
    return Shape(name, dict(typed_dict.items), required)


def _from_attributes(
    info: TypeInfo, keys: list[tuple[str, bool]], names: dict[str, str], null_default: frozenset[str] = frozenset()
) -> Shape:
    """A shape from (key, has_default) pairs, with each key's type read from its variable."""
    fields: dict[str, Type | None] = {}
    for key, _ in keys:
        fields[key] = _attribute_type(info, names.get(key, key))
    return Shape(info.name, fields, [key for key, has_default in keys if not has_default], null_default)


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
        overrides = _alias_overrides(info)
        if None in overrides.values():
            return None  # an alias that could not be read
        for field in plugin_data.get("fields", {}).values():
            if field.get("has_dynamic_alias"):
                return None
            key = overrides.get(field["name"]) or field.get("alias") or field["name"]
            names[key] = field["name"]
            keys.append((key, field.get("has_default", True)))
        return _from_attributes(info, keys, names)
    # pydantic declares `dataclass_transform`, so mypy's dataclasses plugin has read the
    # fields, `Field(alias=...)` included; without that metadata nothing is certain.
    return _dataclass_shape(info)


def instance_of(info: TypeInfo) -> Instance:
    """`info` as a type, its type parameters filled with `Any`."""
    return Instance(info, [AnyType(TypeOfAny.special_form) for _ in info.defn.type_vars])
