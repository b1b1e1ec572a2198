"""Map schemas (`schema({...})` with `optional(...)`) and `parse(T, data)` for other typed shapes.

Why: not every shape deserves a class. A handler's parameter map is best declared where
the handler is (`schema({"profileId": str, optional("pageSize", default=20): int})`), and
an application that already has dataclasses, attrs classes, TypedDicts or pydantic models
should get the same closed-key checks and suggestions for them. Both compile, once, to a
pydantic-core validator through pydantic's own schema generation, with every mapping level
closed unless the type opens it explicitly.
"""

from __future__ import annotations

import functools
import sys
import threading
import types
import typing
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeVar, Union, cast, final, overload

import typing_extensions
from pydantic import ConfigDict, Field, TypeAdapter
from pydantic_core import PydanticCustomError, PydanticUndefined, core_schema

from either._core import Either
from validation._engine import Engine, closed_validator
from validation._issues import Invalid
from validation._options import Options

__all__ = ["MapSchema", "OptionalKey", "compile_type", "optional", "parse", "schema"]

_T = TypeVar("_T")

_LOCK = threading.RLock()
_ENGINES: dict[tuple[object, bool], Engine[Any]] = {}
_MAX_CACHED = 1024
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


@final
class OptionalKey:
    """A key of a map schema that may be left out, with the default filled in when given.

    Made by `optional(key)` or `optional(key, default=...)`; hashable, so it can be a key of
    the spec dict.
    """

    __slots__ = ("default", "key")

    def __init__(self, key: str, default: object = PydanticUndefined) -> None:
        if not isinstance(key, str):
            raise TypeError(f"a schema key must be a str, got {key!r} ({type(key).__qualname__})")
        self.key = key
        self.default = default

    def __repr__(self) -> str:
        if self.default is PydanticUndefined:
            return f"optional({self.key!r})"
        return f"optional({self.key!r}, default={self.default!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OptionalKey) and other.key == self.key

    def __hash__(self) -> int:
        return hash((OptionalKey, self.key))


def optional(key: str, default: object = PydanticUndefined) -> OptionalKey:
    """Mark `key` as optional in a `schema({...})` spec; `default` fills it in when absent.

    >>> import validation
    >>> params = validation.schema({"profileId": str, validation.optional("pageSize", default=20): int})
    >>> params.parse({"profileId": "p1"})
    Right({'profileId': 'p1', 'pageSize': 20})
    """
    return OptionalKey(key, default)


@final
class MapSchema:
    """A closed schema for a plain dict, built by `schema({...})`; `parse` gives a new dict.

    Why: ad-hoc parameter maps (a request's params, a job's payload) keep their dict shape
    but still refuse a misspelt key, with a suggestion, and fill in declared defaults.
    """

    __slots__ = ("_engine", "spec")

    def __init__(
        self, spec: Mapping[str | OptionalKey, object], *, name: str = "params", open: bool = False
    ) -> None:
        self.spec = dict(spec)
        typed_dict = _typed_dict(self.spec, name, open=open)
        adapter = TypeAdapter(typed_dict)
        self._engine: Engine[dict[str, Any]] = Engine(*closed_validator(adapter.core_schema), name)

    def parse(self, data: object) -> Either[Invalid, dict[str, Any]]:
        """`Right(dict)` with defaults filled in, or `Left(Invalid)` listing every issue."""
        return self._engine.parse(data)

    def __repr__(self) -> str:
        return f"schema({self.spec!r})"


def schema(
    spec: Mapping[str | OptionalKey, object], *, name: str = "params", open: bool = False
) -> MapSchema:
    """A closed map schema: keys are required unless wrapped in `optional(...)`.

    Values are types (anything pydantic validates, `Options` classes, `Secret[...]`) or
    nested spec dicts, closed as well. `open=True` keeps unknown keys of the top level in
    the result instead of refusing them.

    >>> import validation
    >>> params = validation.schema({"profileId": str, validation.optional("includeTypes"): list[str]})
    >>> print(params.parse({"profileId": "p1", "includeTypez": ["a"]}).unwrap_left())
    includeTypez: unknown key; did you mean 'includeTypes'?
    """
    return MapSchema(spec, name=name, open=open)


def _typed_dict(spec: Mapping[str | OptionalKey, object], name: str, *, open: bool) -> Any:
    fields: dict[str, Any] = {}
    for raw, value in spec.items():
        if isinstance(raw, OptionalKey):
            key, required, default = raw.key, False, raw.default
        elif isinstance(raw, str):
            key, required, default = raw, True, PydanticUndefined
        else:
            raise TypeError(f"schema keys are str or optional(...), got {raw!r} ({type(raw).__qualname__})")
        kind: Any = (
            _typed_dict(cast("Mapping[str | OptionalKey, object]", value), f"{name}_{key}", open=False)
            if isinstance(value, Mapping)
            else _prepare(value)
        )
        if default is not PydanticUndefined:
            kind = Annotated[kind, Field(default=default)]
        fields[key] = typing_extensions.Required[kind] if required else typing_extensions.NotRequired[kind]
    typed_dict: Any = _TYPED_DICT(name, fields)
    if open:
        typed_dict.__pydantic_config__ = ConfigDict(extra="allow")
    return typed_dict


# ---------------------------------------------------------------------- parse(T, data)


@overload
def parse(tp: type[_T], data: object, *, open: bool = False) -> Either[Invalid, _T]: ...
@overload
def parse(tp: Any, data: object, *, open: bool = False) -> Either[Invalid, Any]: ...
def parse(tp: Any, data: object, *, open: bool = False) -> Either[Invalid, Any]:
    """Validate `data` as `tp` (a dataclass, attrs class, TypedDict, pydantic model, any type).

    Unknown keys are refused at every level, even where the type itself would ignore them
    (pydantic's default), unless the type opens them explicitly (a model or dataclass
    config setting `extra`, a TypedDict with `closed=False` or `extra_items`) or `open=True`
    is passed, which leaves every level as the types declare it. The validator is built
    once per type and cached.

    >>> import dataclasses, validation
    >>> @dataclasses.dataclass
    ... class Page:
    ...     size: int = 20
    >>> validation.parse(Page, {"size": "50"})
    Right(Page(size=50))
    >>> print(validation.parse(Page, {"sise": 50}).unwrap_left())
    sise: unknown key; did you mean 'size'?
    """
    if isinstance(tp, type) and issubclass(tp, Options):
        return tp.parse(data)
    return compile_type(tp, open=open).parse(data)


def compile_type(tp: Any, *, open: bool = False) -> Engine[Any]:
    """The cached engine for `tp` (built on first use)."""
    try:
        engine = _ENGINES.get((tp, open))
    except TypeError:  # an unhashable type expression (Annotated with a list in it)
        return _compile(tp, open)
    if engine is None:
        with _LOCK:
            engine = _compile(tp, open)
            if len(_ENGINES) < _MAX_CACHED:
                _ENGINES[(tp, open)] = engine
    return engine


def _compile(tp: Any, open: bool) -> Engine[Any]:
    adapter = TypeAdapter(_prepare(tp))
    name = _name(tp)
    if open:
        return Engine(adapter.core_schema, adapter.validator, name)
    return Engine(*closed_validator(adapter.core_schema), name)


def _name(tp: Any) -> str:
    name = getattr(tp, "__qualname__", None)
    return name if isinstance(name, str) else repr(tp)[:80]


def _prepare(tp: Any) -> Any:
    """`tp` with the types pydantic cannot build swapped for equivalents it can.

    A `typing.TypedDict` on Python < 3.12 becomes a `typing_extensions.TypedDict` with the
    same keys; an attrs class gets a schema of its own.
    """
    if isinstance(tp, type):
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
        inner = _prepare(args[0])
        return tp if inner is args[0] else _ANNOTATED[(inner,) + tuple(tp.__metadata__)]  # noqa: RUF005
    prepared = tuple(_prepare(arg) for arg in args)
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
    known = _CONVERTED.get(tp)
    if known is not None:
        return known
    if tp in _CONVERTING:
        raise TypeError(
            f"{tp.__qualname__} refers to itself: on Python < 3.12 use typing_extensions.TypedDict for it"
        )
    _CONVERTING.add(tp)
    try:
        hints = typing.get_type_hints(tp, include_extras=True)
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
            hint = _prepare(hint)
            fields[key] = (
                typing_extensions.Required[hint] if required else typing_extensions.NotRequired[hint]
            )
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
            kind = _prepare(attribute.type) if attribute.type is not None else Any
            fields[key] = core_schema.typed_dict_field(
                handler.generate_schema(kind), required=attribute.default is attrs.NOTHING
            )
        arguments = core_schema.typed_dict_schema(fields, extra_behavior="forbid")
        return core_schema.no_info_wrap_validator_function(
            functools.partial(_build_attrs, self.cls), arguments
        )


def _build_attrs(cls: type[Any], value: object, handler: core_schema.ValidatorFunctionWrapHandler) -> object:
    if isinstance(value, cls):
        return value
    arguments = handler(value)
    try:
        return cls(**arguments)
    except (TypeError, ValueError) as exc:
        raise PydanticCustomError("value_error", "{reason}", {"reason": str(exc)[:200]}) from None
