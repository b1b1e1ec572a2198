"""The mypy plugin's hooks: which calls it reads, and the TypedDict of a module-level map schema.

Why hooks and nothing else: only mypy's public plugin interface is used (`Plugin` hooks,
`CheckerPluginInterface.fail`, `SemanticAnalyzerPluginInterface`), never a subclass of
mypy's compiled visitors, so a mypy release that keeps its plugin API keeps this plugin
working. Where the interface has no answer, the code says so where it steps outside it.

- `T.parse({...})` on an `Options` class or instance: a method hook, matched on the
  receiver class's full name (mypy names the receiver's class, not the class that defines
  `parse`), so inherited `parse` is covered;
- `validation.parse(T, {...})`: a function hook reading `T`'s type object;
- `SCHEMA.parse({...})`: a method hook on `MapSchema.parse`, reading the schema's keys from
  its type argument (a TypedDict made below) or from an inline `schema({...})` literal;
- `NAME = validation.schema({...})` at module level: a dynamic-class hook that declares a
  TypedDict of the spec's keys during semantic analysis, and a function hook that makes
  that call return `MapSchema[that TypedDict]`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from typing import Final

from mypy.exprtotype import TypeTranslationError, expr_to_unanalyzed_type
from mypy.nodes import (
    GDEF,
    CallExpr,
    DictExpr,
    Expression,
    ListExpr,
    MemberExpr,
    RefExpr,
    SetExpr,
    StrExpr,
    SymbolTableNode,
    TupleExpr,
    TypeInfo,
)
from mypy.options import Options
from mypy.plugin import (
    ClassDefContext,
    DynamicClassDefContext,
    FunctionContext,
    MethodContext,
    Plugin,
    ReportConfigContext,
    SemanticAnalyzerPluginInterface,
)
from mypy.types import AnyType, CallableType, Instance, Overloaded, Type, TypedDictType, TypeOfAny, TypeType
from mypy.types import get_proper_type as proper

from validation._mypy_check import check_literal
from validation._mypy_shapes import (
    OPTIONS,
    Shape,
    instance_of,
    needs_alias_record,
    record_annotated_aliases,
    record_options_fields,
    shape_of,
    typed_dict_shape,
)

__all__ = ["OptionsPlugin"]

_PARSE: Final = "validation._schema.parse"
_SCHEMA: Final = "validation._schema.schema"
_OPTIONAL: Final = "validation._schema.optional"
_MAP_SCHEMA_PARSE: Final = "validation._schema.MapSchema.parse"
_TYPED_DICT_FALLBACKS: Final = ("typing._TypedDict", "typing_extensions._TypedDict", "mypy_extensions._TypedDict")
_SUFFIX: Final = "@schema"
_FORMAT: Final = "validation.mypy:2"
"""The format of the fields stored in mypy's cache: a cache written by another is not reused."""


class OptionsPlugin(Plugin):
    """Checks dict literals handed to eitherway's parsers; see `validation.mypy`."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        # (file, line, column) of a module-level `schema({...})` call -> its TypedDict's full name.
        self._schema_types: dict[tuple[str, int, int], str] = {}

    def report_config_data(self, ctx: ReportConfigContext) -> str:
        return _FORMAT

    # ------------------------------------------------------------------ hook lookup

    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        info = self._info(fullname)
        if info is not None and (info.fullname == OPTIONS or info.has_base(OPTIONS)):
            return record_options_fields
        return None

    def get_customize_class_mro_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        # The one class hook asked for every class by its own name, and used by no other known
        # plugin: a model or dataclass may take `Field(alias=...)` inside `Annotated`.
        info = self._info(fullname)
        if info is not None and not info.has_base(OPTIONS) and needs_alias_record(info):
            return record_annotated_aliases
        return None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        if not fullname.endswith(".parse"):
            return None
        if fullname == _MAP_SCHEMA_PARSE:
            return self._map_schema_parse
        info = self._info(fullname[: -len(".parse")])
        if info is not None and info.has_base(OPTIONS):
            return self._options_parse
        return None

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        if fullname == _PARSE:
            return self._parse
        if fullname == _SCHEMA:
            return self._schema_call
        return None

    def get_dynamic_class_hook(self, fullname: str) -> Callable[[DynamicClassDefContext], None] | None:
        return self._declare_schema if fullname == _SCHEMA else None

    def _info(self, fullname: str) -> TypeInfo | None:
        symbol = self.lookup_fully_qualified(fullname)
        return symbol.node if symbol is not None and isinstance(symbol.node, TypeInfo) else None

    # ------------------------------------------------------------------ checks

    def _options_parse(self, ctx: MethodContext) -> Type:
        data = _argument(ctx.args, 0)
        info = _class_of(ctx.type)
        if data is not None and info is not None:
            shape = shape_of(info)
            if shape is not None:
                check_literal(ctx.api, data, shape, check_keys=not _warned(chain(*ctx.arg_names), chain(*ctx.args)))
        return ctx.default_return_type

    def _parse(self, ctx: FunctionContext) -> Type:
        data = _argument(ctx.args, 1)
        target = ctx.arg_types[0][0] if ctx.arg_types and ctx.arg_types[0] else None
        info = _class_of(target) if target is not None else None
        if data is None or info is None:
            return ctx.default_return_type
        shape = shape_of(info)
        if shape is not None:
            names, args = list(chain(*ctx.arg_names)), list(chain(*ctx.args))
            keys = not (_opened(names, args) or _warned(names, args))
            check_literal(ctx.api, data, shape, check_keys=keys, check_missing=not _opened(names, args))
        return ctx.default_return_type

    def _map_schema_parse(self, ctx: MethodContext) -> Type:
        data = _argument(ctx.args, 0)
        if data is None:
            return ctx.default_return_type
        receiver = proper(ctx.type)
        shape: Shape | None = None
        if isinstance(receiver, Instance) and receiver.args:
            item = proper(receiver.args[0])
            if isinstance(item, TypedDictType):
                shape = typed_dict_shape(item.fallback.type.name, item)
        if shape is None:
            shape = _inline_schema_shape(ctx.context)
        if shape is not None:
            check_literal(ctx.api, data, shape, check_keys=not _warned(chain(*ctx.arg_names), chain(*ctx.args)))
        return ctx.default_return_type

    # ------------------------------------------------------------------ NAME = schema({...})

    def _declare_schema(self, ctx: DynamicClassDefContext) -> None:
        """Declare the TypedDict of a module-level literal schema, as a hidden module symbol.

        Outside the public interface: `is_func_scope` and `is_class_scope` (a TypedDict
        declared there would not be serialized under a stable name), read with `getattr`.
        """
        api = ctx.api
        scoped = getattr(api, "is_func_scope", None), getattr(api, "is_class_scope", None)
        if any(check is None or check() for check in scoped):
            return
        call = ctx.call
        if not call.args or not isinstance(call.args[0], DictExpr) or _opened(call.arg_names, call.args):
            return
        info = _declare_typed_dict(api, ctx.name, ctx.name + _SUFFIX, call.args[0])
        if info is None:
            return
        module = api.modules.get(api.cur_mod_id)
        if module is not None:
            self._schema_types[(module.path, call.line, call.column)] = info.fullname

    def _schema_call(self, ctx: FunctionContext) -> Type:
        default = proper(ctx.default_return_type)
        fullname = self._schema_types.get((ctx.api.path, ctx.context.line, ctx.context.column))
        if fullname is None or not isinstance(default, Instance):
            return ctx.default_return_type
        context = ctx.api.type_context[-1] if ctx.api.type_context else None
        if context is not None and not isinstance(proper(context), AnyType):
            return ctx.default_return_type  # an explicit annotation wins
        info = self._info(fullname)
        if info is None:
            return ctx.default_return_type
        return default.copy_modified(args=[_named(info)])  # pyright: ignore[reportUnknownMemberType]


def _argument(args: list[list[Expression]], index: int) -> Expression | None:
    if len(args) > index and len(args[index]) == 1:
        return args[index][0]
    return None


def _opened(names: Iterable[str | None], args: Iterable[Expression]) -> bool:
    """Whether a call passes `open=` with anything but a literal `False` (flat names and arguments)."""
    for name, arg in zip(names, args):  # noqa: B905 (mypy keeps both lists the same length)
        if name == "open":
            return not (isinstance(arg, RefExpr) and arg.fullname == "builtins.False")
    return False


def _warned(names: Iterable[str | None], args: Iterable[Expression]) -> bool:
    """Whether a call's `warn=` may hold `"unknown_key"` (lenient mode: unknown keys are warnings).

    Only `None`, `set()` and a literal set, list or tuple of strings without it are certain not to.
    """
    for name, arg in zip(names, args):  # noqa: B905 (mypy keeps both lists the same length)
        if name == "warn":
            if isinstance(arg, RefExpr) and arg.fullname == "builtins.None":
                return False
            if isinstance(arg, CallExpr) and not arg.args and isinstance(arg.callee, RefExpr):
                return arg.callee.fullname not in ("builtins.set", "builtins.frozenset")  # empty: none warned
            if isinstance(arg, (SetExpr, ListExpr, TupleExpr)) and all(isinstance(item, StrExpr) for item in arg.items):
                return any(isinstance(item, StrExpr) and item.value == "unknown_key" for item in arg.items)
            return True
    return False


def _class_of(tp: Type) -> TypeInfo | None:
    """The class a receiver or a type argument names: `AppOptions`, `AppOptions()`, `type[AppOptions]`."""
    tp = proper(tp)
    if isinstance(tp, Instance):
        return tp.type
    if isinstance(tp, TypeType):
        item = proper(tp.item)
        return item.type if isinstance(item, Instance) else None
    if isinstance(tp, (CallableType, Overloaded)) and tp.is_type_obj():
        return tp.type_object()
    return None


def _inline_schema_shape(context: object) -> Shape | None:
    """The keys of `schema({...}).parse(...)` written inline: keys only, the value types unread."""
    if not (isinstance(context, CallExpr) and isinstance(context.callee, MemberExpr)):
        return None
    made = context.callee.expr
    if not (isinstance(made, CallExpr) and isinstance(made.callee, RefExpr) and made.callee.fullname == _SCHEMA):
        return None
    if not made.args or not isinstance(made.args[0], DictExpr) or _opened(made.arg_names, made.args):
        return None
    keys = _spec_keys(made.args[0])
    if keys is None:
        return None
    fields: dict[str, Type | None] = {key: None for key, _, _ in keys}
    return Shape("schema", fields, [key for key, required, _ in keys if required])


def _spec_keys(spec: DictExpr) -> list[tuple[str, bool, Expression]] | None:
    """(key, required, value expression) of a literal spec, or `None` if a key is not literal."""
    keys: list[tuple[str, bool, Expression]] = []
    for key, value in spec.items:
        if isinstance(key, StrExpr):
            keys.append((key.value, True, value))
        elif (
            isinstance(key, CallExpr)
            and isinstance(key.callee, RefExpr)
            and key.callee.fullname == _OPTIONAL
            and key.args
            and isinstance(key.args[0], StrExpr)
        ):
            keys.append((key.args[0].value, False, value))
        else:
            return None
    return keys


def _declare_typed_dict(
    api: SemanticAnalyzerPluginInterface, name: str, symbol: str, spec: DictExpr
) -> TypeInfo | None:
    """The TypedDict `name` of a literal spec, declared as the module's hidden `symbol`.

    `symbol` holds no dot (mypy resolves cached references by splitting full names on dots);
    a nested spec becomes the TypedDict `NAME.key`, declared as `symbol@index`.
    """
    keys = _spec_keys(spec)
    if keys is None:
        return None
    items: dict[str, Type] = {}
    for index, (key, _, value) in enumerate(keys):
        if isinstance(value, DictExpr):
            nested = _declare_typed_dict(api, f"{name}.{key}", f"{symbol}@{index}", value)
            items[key] = _named(nested) if nested is not None else _any()
        else:
            items[key] = _spec_type(api, value)
    fallback = next(filter(None, (api.named_type_or_none(base, []) for base in _TYPED_DICT_FALLBACKS)), None)
    if fallback is None:
        return None
    existing = api.lookup_fully_qualified_or_none(api.qualified_name(symbol))
    if existing is not None and isinstance(existing.node, TypeInfo):
        info = existing.node
    else:
        info = api.basic_new_typeinfo(symbol, fallback, spec.line)
        # Outside the interface: the class name messages show is set apart from the symbol's,
        # which keeps the suffix so that it never shadows NAME.
        info.defn.name = name
        api.add_symbol_table_node(symbol, SymbolTableNode(GDEF, info, plugin_generated=True))
    required = {key for key, needed, _ in keys if needed}
    info.update_typeddict_type(
        TypedDictType(items, required, set(), fallback)  # readonly_keys positional: mypy >= 1.12
    )
    return info


def _spec_type(api: SemanticAnalyzerPluginInterface, value: Expression) -> Type:
    if isinstance(value, RefExpr) and isinstance(value.node, TypeInfo) and value.node.typeddict_type is None:
        return instance_of(value.node)
    try:  # outside the plugin interface: `mypy.exprtotype`, as mypy's own plugins read type expressions
        unanalyzed = expr_to_unanalyzed_type(value, api.options)
    except TypeTranslationError:
        return _any()
    analyzed = api.anal_type(unanalyzed)
    if analyzed is None:
        if not api.final_iteration:
            api.defer()
        return _any()
    return analyzed


def _named(info: TypeInfo) -> Type:
    """The TypedDict declared as `info`, by its name (mypy's own `TypeAlias.from_typeddict_type`)."""
    if info.typeddict_type is None:
        return _any()
    return info.typeddict_type.copy_modified(fallback=Instance(info, []))


def _any() -> AnyType:
    return AnyType(TypeOfAny.special_form)
