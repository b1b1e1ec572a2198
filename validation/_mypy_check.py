"""The mypy plugin's checks of one dict literal against a `Shape`: keys, literal values, missing keys.

Why these rules: the plugin reports only what run time would certainly refuse, so a clean
mypy run never hides a real error behind a false one. A key is checked only when it is a
string literal; a value only when it is a literal (`"many"`, `3`, `True`, `None`, a dict)
and the field's type is one whose run-time acceptance is known (the scalars with
pydantic's lax coercions, `Literal`, `Enum`, nested schemas, unions of those); anything
else is skipped. Messages name the key or value, the schema and the expected type, and
the suggestions come from the same `KeySuggester` as run time's.
"""

from __future__ import annotations

import re
from typing import Final, TypeAlias, final

from mypy.errorcodes import ErrorCode
from mypy.nodes import (
    DictExpr,
    Expression,
    FloatExpr,
    IntExpr,
    NameExpr,
    StrExpr,
    TypeInfo,
    UnaryExpr,
    Var,
)
from mypy.plugin import CheckerPluginInterface
from mypy.types import (
    AnyType,
    Instance,
    LiteralType,
    NoneType,
    Type,
    TypedDictType,
    UnionType,
    get_proper_type,
)

from validation._mypy_shapes import Shape, shape_of, typed_dict_shape
from validation._suggest import suggest_values

__all__ = ["OPTION_KEY", "OPTION_MISSING", "OPTION_VALUE", "check_literal"]

OPTION_KEY: Final = ErrorCode("option-key", "A key an option map does not declare", "validation")
OPTION_VALUE: Final = ErrorCode("option-value", "A literal value an option cannot take", "validation")
OPTION_MISSING: Final = ErrorCode("option-missing", "A required option absent from a literal map", "validation")

_MAX_DEPTH: Final = 32
_MAX_SHOWN: Final = 60
_NUMBER = re.compile(r"\s*[+-]?(\d[\d_]*)?(\.\d*)?([eE][+-]?\d+)?\s*")
_BOOL_TEXTS: Final = frozenset({"0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes"})
_SCALAR_KINDS: Final = {
    "builtins.str": "str",
    "builtins.int": "int",
    "builtins.float": "float",
    "builtins.bool": "bool",
}
_CONTAINERS: Final = frozenset(
    {"builtins.list", "builtins.tuple", "builtins.set", "builtins.frozenset", "builtins.dict"}
)

Literal_: TypeAlias = "str | int | float | bool | None"


@final
class _Value:
    """A literal value from the source: its Python value and how it is shown in a message."""

    __slots__ = ("kind", "value")

    def __init__(self, value: Literal_, kind: str) -> None:
        self.value = value
        self.kind = kind

    def show(self) -> str:
        if isinstance(self.value, str):
            text = self.value if len(self.value) <= _MAX_SHOWN else self.value[:_MAX_SHOWN] + "..."
            return f'"{text}" (str)'
        return f"{self.value!r} ({self.kind})"


@final
class _Verdict:
    """What a literal value meets in a type: accepted, refused (with allowed values), or unknown."""

    __slots__ = ("allowed", "expected", "state")

    def __init__(self, state: str, expected: str = "", allowed: tuple[object, ...] = ()) -> None:
        self.state = state  # "ok", "bad" or "unknown"
        self.expected = expected
        self.allowed = allowed


_OK: Final = _Verdict("ok")
_UNKNOWN: Final = _Verdict("unknown")


def check_literal(
    api: CheckerPluginInterface, data: Expression, shape: Shape, *, check_keys: bool = True, check_missing: bool = True
) -> None:
    """Report the mistakes in `data` (when it is a dict literal) against `shape`.

    `check_keys=False` skips unknown keys at every level (lenient mode's `warn=` warns of
    them instead); `check_missing=False` skips missing keys at the top level.
    """
    _check_dict(api, data, shape, path=(), check_keys=check_keys, check_missing=check_missing, depth=0)


def _check_dict(
    api: CheckerPluginInterface,
    data: Expression,
    shape: Shape,
    *,
    path: tuple[str, ...],
    check_keys: bool,
    check_missing: bool,
    depth: int,
) -> None:
    if not isinstance(data, DictExpr) or depth > _MAX_DEPTH:
        return
    literal: dict[str, tuple[StrExpr, Expression]] = {}
    complete = True
    for key, value in data.items:
        if isinstance(key, StrExpr):
            literal[key.value] = (key, value)
        else:  # a `**` spread (key None) or a computed key: the literal is not the whole map
            complete = False
    present = set(literal)
    suggested: set[str] = set()
    where = _where(shape, path)
    for name, (key, value) in literal.items():
        if name in shape.fields:
            _check_value(api, value, shape, name, path=(*path, name), check_keys=check_keys, depth=depth)
        elif check_keys:
            suggestions = shape.suggest(name, present)
            suggested.update(suggestions)
            api.fail(_unknown_key(name, where, suggestions), key, code=OPTION_KEY)
    if complete and check_missing:
        for name in shape.required:
            if name not in present and name not in suggested:
                api.fail(f'Missing key "{name}" for {where}', data, code=OPTION_MISSING)


def _where(shape: Shape, path: tuple[str, ...]) -> str:
    """`"Retry" at "retry"`: the schema, and the path of a nested level (messages on one line differ)."""
    if not path:
        return f'"{shape.name}"'
    dotted = ".".join(path)
    if len(dotted) > _MAX_SHOWN:
        dotted = dotted[:_MAX_SHOWN] + "..."
    if shape.name.endswith("." + dotted):  # a nested map schema's name already says it (`PARAMS.retry`)
        return f'"{shape.name}"'
    return f'"{shape.name}" at "{dotted}"'


def _unknown_key(name: str, where: str, suggestions: tuple[str, ...]) -> str:
    shown = name if len(name) <= _MAX_SHOWN else name[:_MAX_SHOWN] + "..."
    message = f'Unknown key "{shown}" for {where}'
    if suggestions:
        message += "; did you mean " + " or ".join(f'"{s}"' for s in suggestions) + "?"
    return message


def _check_value(
    api: CheckerPluginInterface,
    value: Expression,
    shape: Shape,
    name: str,
    *,
    path: tuple[str, ...],
    check_keys: bool,
    depth: int,
) -> None:
    field_type = shape.fields[name]
    if field_type is None:
        return
    if isinstance(value, DictExpr):
        nested = _nested_shape(field_type)
        if nested is not None:
            _check_dict(api, value, nested, path=path, check_keys=check_keys, check_missing=True, depth=depth + 1)
        return
    literal = _literal(value)
    if literal is None or (literal.value is None and name in shape.null_default):
        return
    verdict = _judge(literal, field_type)
    if verdict.state != "bad":
        return
    message = (
        f'Invalid value for "{name}" of {_where(shape, path[:-1])}: expected {verdict.expected}, got {literal.show()}'
    )
    suggestions = suggest_values(literal.value, verdict.allowed) if verdict.allowed else ()
    if suggestions:
        message += "; did you mean " + " or ".join(_show(s) for s in suggestions) + "?"
    api.fail(message, value, code=OPTION_VALUE)


def _nested_shape(field_type: Type) -> Shape | None:
    """The one schema a dict literal can be for this field, or `None` if it may be anything else."""
    proper = get_proper_type(field_type)
    if isinstance(proper, TypedDictType):
        return typed_dict_shape(proper.fallback.type.name, proper)
    if isinstance(proper, Instance):
        return shape_of(proper.type)
    if isinstance(proper, UnionType):
        shapes: list[Shape] = []
        for item in proper.items:
            item_proper = get_proper_type(item)
            if isinstance(item_proper, NoneType) or (
                isinstance(item_proper, Instance) and item_proper.type.fullname in _SCALAR_KINDS
            ):
                continue
            nested = _nested_shape(item_proper)
            if nested is None:
                return None
            shapes.append(nested)
        return shapes[0] if len(shapes) == 1 else None
    return None


def _literal(expr: Expression) -> _Value | None:
    if isinstance(expr, StrExpr):
        return _Value(expr.value, "str")
    if isinstance(expr, IntExpr):
        return _Value(expr.value, "int")
    if isinstance(expr, FloatExpr):
        return _Value(expr.value, "float")
    if isinstance(expr, UnaryExpr) and expr.op == "-" and isinstance(expr.expr, (IntExpr, FloatExpr)):
        return _Value(-expr.expr.value, "int" if isinstance(expr.expr, IntExpr) else "float")
    if isinstance(expr, NameExpr):
        if expr.fullname == "builtins.True":
            return _Value(True, "bool")
        if expr.fullname == "builtins.False":
            return _Value(False, "bool")
        if expr.fullname == "builtins.None":
            return _Value(None, "None")
    return None


def _judge(literal: _Value, field_type: Type) -> _Verdict:
    proper = get_proper_type(field_type)
    if isinstance(proper, AnyType):
        return _OK
    if isinstance(proper, NoneType):
        return _OK if literal.value is None else _Verdict("bad", "None")
    if isinstance(proper, UnionType):
        return _judge_union(literal, proper)
    if isinstance(proper, LiteralType):
        return _judge_literal(literal, [proper.value])
    if isinstance(proper, TypedDictType):
        return _Verdict("bad", "a mapping")
    if isinstance(proper, Instance):
        return _judge_instance(literal, proper)
    return _UNKNOWN


def _judge_union(literal: _Value, union: UnionType) -> _Verdict:
    items = [get_proper_type(item) for item in union.items]
    if all(isinstance(item, LiteralType) for item in items):
        return _judge_literal(literal, [item.value for item in items if isinstance(item, LiteralType)])
    expected: list[str] = []
    allowed: list[object] = []
    for item in items:
        verdict = _judge(literal, item)
        if verdict.state != "bad":
            return verdict
        expected.append(verdict.expected)
        allowed.extend(verdict.allowed)
    return _Verdict("bad", " | ".join(expected), tuple(allowed))


def _judge_literal(literal: _Value, values: list[object]) -> _Verdict:
    if any(_same_literal(literal.value, value) for value in values):
        return _OK
    if any(type(value) is not type(literal.value) for value in values):
        return _UNKNOWN  # pydantic may coerce across kinds (`"1"` for `Literal[1]`): not certain
    return _Verdict("bad", " | ".join(_show(value) for value in values), tuple(values))


def _same_literal(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b


def _judge_instance(literal: _Value, instance: Instance) -> _Verdict:
    info = instance.type
    if info.is_enum:
        return _judge_enum(literal, info)
    kind = _SCALAR_KINDS.get(info.fullname)
    if kind is not None:
        return _Verdict("ok") if _scalar_accepts(kind, literal.value) else _Verdict("bad", kind)
    if literal.value is None:
        return _Verdict("bad", info.name) if _is_known_shape(info) else _UNKNOWN
    if info.fullname in _CONTAINERS:
        return _Verdict("bad", info.name)
    if _is_known_shape(info):
        return _Verdict("bad", f'a mapping for "{info.name}"')
    return _UNKNOWN


def _is_known_shape(info: TypeInfo) -> bool:
    return info.fullname in _CONTAINERS or shape_of(info) is not None


def _scalar_accepts(kind: str, value: Literal_) -> bool:
    """Whether pydantic's lax mode takes `value` for the scalar type `kind`."""
    if value is None:
        return False
    if kind == "str":
        return isinstance(value, str)
    if kind == "bool":
        if isinstance(value, str):
            return value.strip().lower() in _BOOL_TEXTS
        return value in (0, 1)
    if isinstance(value, bool):
        return True
    if kind == "int":
        if isinstance(value, float):
            return value.is_integer()
        return not isinstance(value, str) or _looks_numeric(value)
    return not isinstance(value, str) or _looks_numeric(value) or value.strip().lower() in ("inf", "-inf", "nan")


def _looks_numeric(text: str) -> bool:
    """Whether `text` may be a number pydantic parses: only text that surely is not gets refused."""
    return len(text) > 1000 or (_NUMBER.fullmatch(text) is not None and any(c.isdigit() for c in text))


def _judge_enum(literal: _Value, info: TypeInfo) -> _Verdict:
    values: list[object] = []
    for symbol in info.names.values():
        node = symbol.node
        if isinstance(node, Var) and node.has_explicit_value and not node.name.startswith("_"):
            value = _member_value(node)
            if value is None:
                return _UNKNOWN  # a member whose value the checker does not know (`auto()`, a call)
            values.append(value)
    if not values:
        return _UNKNOWN
    verdict = _judge_literal(literal, values)
    if verdict.state == "bad":
        return _Verdict("bad", f"{info.name} ({verdict.expected})", verdict.allowed)
    return verdict


def _member_value(node: Var) -> object:
    """An enum member's literal value (`DEBUG = "debug"` is typed `Literal['debug']?`), or `None`."""
    member_type = get_proper_type(node.type)
    if isinstance(member_type, Instance) and member_type.last_known_value is not None:
        return member_type.last_known_value.value
    if isinstance(member_type, LiteralType):
        return member_type.value
    return None


def _show(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)
