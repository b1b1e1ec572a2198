"""Type preparation: types pydantic cannot build, swapped for equivalents it can.

Why: `validation.parse(T, data)` and `Options` fields promise dataclasses, attrs classes
and TypedDicts, and pydantic refuses two of them: attrs classes (no schema at all) and
`typing.TypedDict` before Python 3.12. `prepare(T)` walks a type expression and replaces
those with an equivalent pydantic validates (keys, requiredness and types kept), leaving
everything else to pydantic's own schema generation.
"""

from __future__ import annotations

import functools
import sys
import types
import typing
from typing import Annotated, Any, Literal, TypeGuard, Union, final

import typing_extensions
from pydantic_core import PydanticCustomError, core_schema

from validation._compile import COMPILE_LOCK

__all__ = ["is_class", "prepare", "resolve_hints", "typed_dict_class"]

_CONVERTED: dict[type[Any], Any] = {}
_CONVERTING: set[type[Any]] = set()
_LEGACY_TYPED_DICT = sys.version_info < (3, 12)
_ANNOTATED: Any = Annotated
_TYPED_DICT: Any = typing_extensions.TypedDict  # called with computed names and fields
_OPTIONAL_MARKERS = {
    typing_extensions.NotRequired,
    getattr(typing, "NotRequired", typing_extensions.NotRequired),
}
_NEEDED_MARKERS = {typing_extensions.Required, getattr(typing, "Required", typing_extensions.Required)}
_REQUIRED_MARKERS = {typing_extensions.Required, typing_extensions.NotRequired, typing_extensions.ReadOnly}
_REQUIRED_MARKERS.update(
    getattr(typing, marker) for marker in ("Required", "NotRequired", "ReadOnly") if hasattr(typing, marker)
)


def resolve_hints(owner: Any, localns: dict[str, Any] | None = None) -> dict[str, Any]:
    """`typing.get_type_hints(owner)`, with string arguments of generics evaluated too.

    Why: before Python 3.11, `get_type_hints` leaves `list["Node"]` with the string
    `"Node"` inside (only a whole annotation or a `ForwardRef` is evaluated), which pydantic
    cannot resolve later; a self-referencing schema would then fail to build.
    """
    hints = typing.get_type_hints(owner, localns=localns, include_extras=True)
    if not _STRING_ARGS_LEFT:
        return hints
    module = sys.modules.get(getattr(owner, "__module__", ""), None)
    globalns = dict(vars(module)) if module is not None else {}
    return {key: _evaluate_strings(hint, globalns, localns or {}) for key, hint in hints.items()}


_STRING_ARGS_LEFT = sys.version_info < (3, 11)


def _evaluate_strings(tp: Any, globalns: dict[str, Any], localns: dict[str, Any]) -> Any:
    if isinstance(tp, str):
        return _evaluate_strings(eval(tp, globalns, localns), globalns, localns)
    args = getattr(tp, "__args__", None)
    origin = typing.get_origin(tp)
    if not args or origin is Literal:
        return tp
    new_args = tuple(_evaluate_strings(arg, globalns, localns) for arg in args)
    if all(new is old for new, old in zip(new_args, args, strict=True)):
        return tp
    if isinstance(tp, types.GenericAlias):
        return types.GenericAlias(origin, new_args)
    if isinstance(tp, types.UnionType):
        return functools.reduce(lambda left, right: left | right, new_args)
    if origin is Annotated:
        parameters = (new_args[0], *tp.__metadata__)
        return _ANNOTATED[parameters]
    return tp.copy_with(new_args)


def is_class(tp: object) -> TypeGuard[type[Any]]:
    """Whether `tp` is a class (on Python 3.10 `list[int]` passes `isinstance(tp, type)`)."""
    return isinstance(tp, type) and not isinstance(tp, types.GenericAlias)


def typed_dict_class(name: str, fields: dict[str, Any]) -> Any:
    """A `typing_extensions.TypedDict` made at run time (keys need not be identifiers)."""
    return _TYPED_DICT(name, fields)


def prepare(tp: Any) -> Any:
    """`tp` with the types pydantic cannot build swapped for equivalents it can.

    A `typing.TypedDict` on Python < 3.12 becomes a `typing_extensions.TypedDict` with the
    same keys; an attrs class gets a schema of its own.
    """
    if is_class(tp):
        if _is_attrs(tp):
            return Annotated[tp, _AttrsSchema(tp)]
        if _LEGACY_TYPED_DICT and typing_extensions.is_typeddict(tp) and type(tp).__module__ == "typing":
            return _convert_typed_dict(tp)
        return tp
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is None or not args or origin is Literal:
        return tp
    if origin is Annotated:
        inner = prepare(args[0])
        return tp if inner is args[0] else _ANNOTATED[(inner,) + tuple(tp.__metadata__)]  # noqa: RUF005
    prepared = tuple(prepare(arg) for arg in args)
    if all(new is old for new, old in zip(prepared, args, strict=True)):
        return tp
    if origin is Union or origin is types.UnionType:
        return Union[prepared]
    if isinstance(tp, types.GenericAlias):
        return types.GenericAlias(origin, prepared)
    return tp.copy_with(prepared)


def _is_attrs(tp: type[Any]) -> bool:
    return "__attrs_attrs__" in getattr(tp, "__dict__", {})


def _convert_typed_dict(tp: type[Any]) -> Any:
    # Under the one compile lock: `_CONVERTING` tells this thread's own recursion from
    # another thread converting the same class.
    with COMPILE_LOCK:
        return _convert_locked(tp)


def _convert_locked(tp: type[Any]) -> Any:
    known = _CONVERTED.get(tp)
    if known is not None:
        return known
    if tp in _CONVERTING:
        raise TypeError(f"{tp.__qualname__} refers to itself: on Python < 3.12 use typing_extensions.TypedDict for it")
    _CONVERTING.add(tp)
    try:
        hints = resolve_hints(tp)
        fields: dict[str, Any] = {}
        for key, annotation in hints.items():
            # A stringified annotation hides `NotRequired` from the class: read it here.
            required = key in tp.__required_keys__
            hint = annotation
            while typing.get_origin(hint) in _REQUIRED_MARKERS:
                if typing.get_origin(hint) in _OPTIONAL_MARKERS:
                    required = False
                elif typing.get_origin(hint) in _NEEDED_MARKERS:
                    required = True
                hint = typing.get_args(hint)[0]
            hint = prepare(hint)
            fields[key] = typing_extensions.Required[hint] if required else typing_extensions.NotRequired[hint]
        converted = _TYPED_DICT(tp.__name__, fields)
        converted.__module__ = tp.__module__
        converted.__qualname__ = tp.__qualname__
        config = getattr(tp, "__pydantic_config__", None)
        if config is not None:
            converted.__pydantic_config__ = config
    finally:
        _CONVERTING.discard(tp)
    _CONVERTED[tp] = converted
    return converted


@final
class _AttrsSchema:
    """The schema of an attrs class: its `__init__` keywords as a closed map, then the class."""

    __slots__ = ("cls",)

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        import attrs

        attrs.resolve_types(self.cls)
        fields: dict[str, core_schema.TypedDictField] = {}
        for attribute in attrs.fields(self.cls):
            if not attribute.init:
                continue
            key = attribute.alias or attribute.name
            kind = prepare(attribute.type) if attribute.type is not None else Any
            fields[key] = core_schema.typed_dict_field(
                handler.generate_schema(kind), required=attribute.default is attrs.NOTHING
            )
        arguments = core_schema.typed_dict_schema(fields, extra_behavior="forbid")
        return core_schema.no_info_wrap_validator_function(functools.partial(_build_attrs, self.cls), arguments)


def _build_attrs(cls: type[Any], value: object, handler: core_schema.ValidatorFunctionWrapHandler) -> object:
    if isinstance(value, cls):
        return value
    arguments = handler(value)
    try:
        return cls(**arguments)
    except (TypeError, ValueError) as exc:
        raise PydanticCustomError("value_error", "{reason}", {"reason": str(exc)[:200]}) from None
