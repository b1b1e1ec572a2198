"""Map schemas (`schema({...})` with `optional(...)`) and `parse(T, data)` for other typed shapes.

Why: not every shape deserves a class. A handler's parameter map is best declared where
the handler is (`schema({"profileId": str, optional("pageSize", default=20): int})`), and
an application that already has dataclasses, attrs classes, TypedDicts or pydantic models
should get the same closed-key checks and suggestions for them. Both compile, once, to a
pydantic-core validator through pydantic's own schema generation, with every mapping level
closed unless the type opens it explicitly.
"""

from __future__ import annotations

import contextlib
import threading
import typing
from collections import OrderedDict
from collections.abc import Collection, Mapping
from typing import Annotated, Any, Generic, TypeVar, cast, final, overload

import typing_extensions
from pydantic import ConfigDict, Field
from pydantic_core import PydanticUndefined

from either._core import Either
from validation._compile import COMPILE_LOCK, compile_annotation
from validation._engine import Engine
from validation._issues import Invalid
from validation._lenient import Parsed
from validation._options import Options
from validation._sources import Source
from validation._types import is_class, prepare, typed_dict_class

__all__ = ["MapSchema", "OptionalKey", "compile_type", "optional", "parse", "schema"]

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)

_CACHE_LOCK = threading.Lock()
_ENGINES: OrderedDict[tuple[object, bool], Engine[Any]] = OrderedDict()
_MAX_CACHED = 2048


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
        self.key: str = key
        self.default: object = default

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
class MapSchema(Generic[_T_co]):
    """A closed schema for a plain dict, built by `schema({...})`; `parse` gives a new dict.

    Why: ad-hoc parameter maps (a request's params, a job's payload) keep their dict shape
    but still refuse a misspelt key, with a suggestion, and fill in declared defaults.
    `schema()` gives a `MapSchema[dict[str, Any]]`; with the mypy plugin
    (`validation.mypy`) a module-level `NAME = schema({...})` parses to a TypedDict of its keys.
    """

    __slots__ = ("_engine", "spec")

    def __init__(self, spec: Mapping[str | OptionalKey, object], *, name: str = "params", open: bool = False) -> None:
        self.spec: dict[str | OptionalKey, object] = dict(spec)
        with COMPILE_LOCK:
            typed_dict = _typed_dict(self.spec, name, open=open)
            self._engine: Engine[_T_co] = Engine(compile_annotation(typed_dict), name)

    @overload
    def parse(self, data: object, *, warn: None = None) -> Either[Invalid, _T_co]: ...
    @overload
    def parse(self, data: object, *, warn: Collection[str]) -> Either[Invalid, Parsed[_T_co]]: ...
    def parse(
        self, data: object, *, warn: Collection[str] | None = None
    ) -> Either[Invalid, _T_co] | Either[Invalid, Parsed[_T_co]]:
        """`Right(dict)` with defaults filled in, or `Left(Invalid)` listing every issue.

        `warn={"unknown_key"}`: lenient mode, see `Parsed`.
        """
        if warn is not None:
            return self._engine.parse_lenient(data, warn)
        return self._engine.parse(data)

    def load(self, *sources: Source) -> Either[Invalid, _T_co]:
        """Read `sources` (`validation.sources`), merge them and parse the result: `validation.load(self, ...)`."""
        from validation._load import load

        loaded: Either[Invalid, _T_co] = load(self, *sources)
        return loaded

    def __repr__(self) -> str:
        return f"schema({self.spec!r})"


def schema(
    spec: Mapping[str | OptionalKey, object], *, name: str = "params", open: bool = False
) -> MapSchema[dict[str, Any]]:
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
            else prepare(value)
        )
        if default is not PydanticUndefined:
            kind = Annotated[kind, Field(default=default)]
        fields[key] = typing_extensions.Required[kind] if required else typing_extensions.NotRequired[kind]
    typed_dict: Any = typed_dict_class(name, fields)
    if open:
        typed_dict.__pydantic_config__ = ConfigDict(extra="allow")
    return typed_dict


# ---------------------------------------------------------------------- parse(T, data)


@overload
def parse(tp: type[_T], data: object, *, open: bool = False, warn: None = None) -> Either[Invalid, _T]: ...
@overload
def parse(tp: type[_T], data: object, *, open: bool = False, warn: Collection[str]) -> Either[Invalid, Parsed[_T]]: ...
@overload
def parse(tp: Any, data: object, *, open: bool = False, warn: None = None) -> Either[Invalid, Any]: ...
@overload
def parse(tp: Any, data: object, *, open: bool = False, warn: Collection[str]) -> Either[Invalid, Parsed[Any]]: ...
def parse(tp: Any, data: object, *, open: bool = False, warn: Collection[str] | None = None) -> Either[Invalid, Any]:
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

    Lenient mode: `warn={"unknown_key"}` turns those issues into warnings returned with
    the value, `Right(Parsed(value, warnings))`; see `Parsed`.
    """
    if is_class(tp) and issubclass(tp, Options):
        return tp.parse(data, warn=warn)
    engine = compile_type(tp, open=open)
    return engine.parse(data) if warn is None else engine.parse_lenient(data, warn)


def compile_type(tp: Any, *, open: bool = False) -> Engine[Any]:
    """The cached engine for `tp` (built on first use, under the one compile lock).

    The cache is keyed by the type's structure in order (`int | float` and `float | int`
    compare equal but validate differently) and keeps the `_MAX_CACHED` most recently
    used engines; an unhashable type expression is compiled on every call.
    """
    try:
        key = (cache_key(tp), open)
        engine = _ENGINES.get(key)
    except TypeError:  # an unhashable type expression (Annotated with a list in it)
        return _compile(tp, open)
    if engine is not None:
        with _CACHE_LOCK, contextlib.suppress(KeyError):  # evicted meanwhile: still a good engine
            _ENGINES.move_to_end(key)
        return engine
    with COMPILE_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _compile(tp, open)
            with _CACHE_LOCK:
                _ENGINES[key] = engine
                while len(_ENGINES) > _MAX_CACHED:
                    _ENGINES.popitem(last=False)
    return engine


def cache_key(tp: Any) -> object:
    """What tells two type expressions apart for the cache: their structure, in order, each leaf with its type.

    `int | float == float | int`, and `Literal[1] == Literal[True]` in a tuple: neither
    is the same schema.
    """
    args: tuple[Any, ...] = typing.get_args(tp)
    kind: object = tp.__class__
    if not args or is_class(tp):
        return (kind, tp)
    return (kind, typing.get_origin(tp), tuple(cache_key(arg) for arg in args))


def _compile(tp: Any, open: bool) -> Engine[Any]:
    with COMPILE_LOCK:
        return Engine(compile_annotation(prepare(tp), closed=not open), _name(tp))


def _name(tp: Any) -> str:
    name = getattr(tp, "__qualname__", None)
    return name if isinstance(name, str) else repr(tp)[:80]
