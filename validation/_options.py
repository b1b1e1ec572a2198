"""`Options`: class-based schemas that are closed at every level, frozen and typed.

Why not a pydantic model or a dataclass: a model ignores unknown keys by default (and a
nested model keeps ignoring them even when its parent forbids them); a dataclass does
not validate. An `Options` class is declared like a dataclass, type-checked like one
(`dataclass_transform`: a misspelt keyword is a type error in mypy and pyright with no
plugin), validated by pydantic-core with every level closed, and reports a misspelt key
with a suggestion.

The core schema is built lazily, once, on first use, so forward references and
self-referencing classes (`child: Node | None`) resolve as they do in pydantic.
"""

from __future__ import annotations

import functools
import os
import sys
import typing
from collections.abc import Callable, Collection, Mapping
from typing import Any, ClassVar, Literal, TypeVar, cast, overload

from pydantic_core import PydanticUndefined, ValidationError, core_schema
from typing_extensions import Self, dataclass_transform

from either._core import Either, Right
from either._errors import full_repr
from validation._compile import COMPILE_LOCK, compile_annotation
from validation._engine import Engine
from validation._fields import check_aliases, check_early, field_spec, null_as_default
from validation._issues import Invalid, InvalidOptions
from validation._lenient import Parsed, lenient_parse
from validation._named import NamedOptions
from validation._rules import with_rules
from validation._sources import Source
from validation._types import prepare, resolve_hints
from validation._working import for_keywords, json_values

__all__ = ["Options", "as_dict", "field"]

_T = TypeVar("_T")

# `Right(value)` without running `Right.__init__`: on the valid path, after pydantic-core,
# that call is the largest cost left (a tenth of a microsecond).
_new_right: Any = functools.partial(object.__new__, Right)

_BUILDING: set[type[Any]] = set()
_RESERVED = frozenset({"parse", "load", "from_env", "from_file", "json_schema", "replace"})


class _Field:
    """What `field(...)` returns at run time: a default or a default factory."""

    __slots__ = ("default", "default_factory")

    def __init__(self, default: object, default_factory: Callable[[], object] | None) -> None:
        self.default = default
        self.default_factory = default_factory


@overload
def field(*, default: _T) -> _T: ...
@overload
def field(*, default_factory: Callable[[], _T]) -> _T: ...
def field(*, default: Any = PydanticUndefined, default_factory: Callable[[], Any] | None = None) -> Any:
    """A field's default, or a factory called for every parse that leaves the field out.

    Why: a mutable default written plainly (`hosts: list[str] = []`) is already copied for
    each instance; `field(default_factory=...)` is for defaults that must be computed.

    >>> import validation
    >>> class Limits(validation.Options):
    ...     tags: list[str] = validation.field(default_factory=lambda: ["default"])
    >>> Limits().tags
    ['default']
    """
    if (default is PydanticUndefined) == (default_factory is None):
        raise TypeError("field() takes exactly one of default= and default_factory=")
    return _Field(default, default_factory)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class _OptionsMeta(type):
    """Collects the annotated fields of each `Options` class and makes them slots."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> _OptionsMeta:
        annotations = _own_annotations(namespace)
        frame = sys._getframe(1)
        own = [key for key, annotation in annotations.items() if not _is_class_var(annotation)]
        inherited: list[str] = []
        defaults: dict[str, _Field] = {}
        for base in reversed(bases):
            for key in getattr(base, "__options_fields__", ()):
                if key not in inherited:
                    inherited.append(key)
            defaults.update(getattr(base, "__options_defaults__", {}))
        for key in own:
            if key in inherited:
                raise TypeError(f"{name}.{key}: the field is already declared in a base class")
            if key in _RESERVED or (key.startswith("__") and key.endswith("__")):
                raise TypeError(f"{name}.{key}: this name is reserved by Options; choose another field name")
            check_early(name, key, annotations[key], frame.f_globals, frame.f_locals)
            if key in namespace:
                value = namespace.pop(key)
                defaults[key] = value if isinstance(value, _Field) else _Field(value, None)
        namespace["__slots__"] = (*namespace.get("__slots__", ()), *own)
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        fields = (*inherited, *own)
        cls.__options_fields__ = fields  # type: ignore[attr-defined]
        cls.__options_defaults__ = defaults  # type: ignore[attr-defined]
        cls.__options_engine__ = None  # type: ignore[attr-defined]
        cls.__options_validate__ = None  # type: ignore[attr-defined]
        cls.__options_aliases__ = {}  # type: ignore[attr-defined]
        cls.__match_args__ = fields  # type: ignore[attr-defined,misc,unused-ignore]
        # Where the class was declared, to resolve forward references on first use: a
        # module's namespace is kept live, a function's is copied as it stands now.
        module_level = frame.f_code.co_name == "<module>"
        cls.__options_namespace__ = frame.f_locals if module_level else dict(frame.f_locals)  # type: ignore[attr-defined]
        if bases and "hypothesis.strategies" in sys.modules:  # `st.from_type(cls)`; see validation._strategies
            from either._hypothesis_hook import register_options

            register_options(cls)
        return cls


def _own_annotations(namespace: dict[str, Any]) -> dict[str, Any]:
    annotations = namespace.get("__annotations__")
    if annotations is None and "__annotate__" in namespace:  # Python 3.14: annotations are lazy
        import annotationlib  # type: ignore[import-not-found,unused-ignore]

        forward_ref: Any = annotationlib.Format.FORWARDREF  # pyright: ignore[reportUnknownMemberType,reportUnknownVariableType]
        annotations = namespace["__annotate__"](forward_ref)
    return dict(annotations or {})


def _is_class_var(annotation: object) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar", "t.ClassVar"))
    return annotation is ClassVar or typing.get_origin(annotation) is ClassVar


class Options(metaclass=_OptionsMeta):
    """Base class of closed, frozen, keyword-only option schemas.

    Why: a misspelt option (`max_conucrrent_requests`) must fail when it is read, with a
    suggestion, instead of being ignored. Declare fields with annotations and defaults;
    `parse(mapping)` returns `Right(instance)` or `Left(Invalid)`, and the constructor
    validates too, raising `InvalidOptions`. Unknown keys are refused at every level.

    >>> import validation
    >>> class Server(validation.Options):
    ...     host: str
    ...     max_concurrent_requests: int = 64
    >>> print(Server.parse({"host": "example.org", "max_conucrrent_requests": 8}).unwrap_left())
    max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?
    >>> Server(host="example.org")
    Server(host='example.org', max_concurrent_requests=64)
    """

    # Where each value came from, set by `load` only (see `validation._load`).
    __slots__ = ("__options_origin__",)
    __options_fields__: ClassVar[tuple[str, ...]]
    __options_defaults__: ClassVar[dict[str, _Field]]
    __options_engine__: ClassVar[Engine[Any] | None]
    __options_validate__: ClassVar[Callable[[object], Any] | None]
    __options_namespace__: ClassVar[dict[str, Any]]
    __options_aliases__: ClassVar[dict[str, str]]
    __options_null_default__: ClassVar[bool] = False

    def __init_subclass__(cls, *, null_as_default: bool | None = None, **kwargs: Any) -> None:
        """`null_as_default=True`: a `None` in the input gives any field with a default its default."""
        super().__init_subclass__(**kwargs)
        if null_as_default is not None:
            cls.__options_null_default__ = null_as_default

    def __init__(self, **values: Any) -> None:
        self.__fill(values, values)

    def __fill(self, values: dict[str, Any], given: dict[str, Any]) -> None:
        engine = _engine(type(self))
        aliases = self.__options_aliases__
        if aliases:  # keywords are the Python names; the validator reads the input's keys
            values = {aliases.get(key, key): value for key, value in values.items()}
        invalid = engine.init(self, values)
        if invalid is not None:
            invalid = for_keywords(invalid, aliases, self.__options_fields__, given)
            raise InvalidOptions(invalid, type(self).__qualname__) from None

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` applied, validated like the constructor (rules included).

        Raises `InvalidOptions` when a change is not valid or names no field (with a
        suggestion), as the constructor does. `copy.replace(options, ...)` (Python 3.13)
        does the same.

        >>> import validation
        >>> class Pool(validation.Options):
        ...     size: int = 4
        >>> Pool().replace(size="8")
        Pool(size=8)
        """
        values = {key: getattr(self, key) for key in self.__options_fields__}
        values.update(changes)
        copy = object.__new__(type(self))
        copy.__fill(values, changes)  # a misspelt change is suggested among all fields
        return copy

    def __replace__(self, **changes: Any) -> Self:
        return self.replace(**changes)

    @overload
    @classmethod
    def parse(cls, data: object, *, warn: None = None) -> Either[Invalid, Self]: ...
    @overload
    @classmethod
    def parse(cls, data: object, *, warn: Collection[str]) -> Either[Invalid, Parsed[Self]]: ...
    @classmethod
    def parse(
        cls, data: object, *, warn: Collection[str] | None = None
    ) -> Either[Invalid, Self] | Either[Invalid, Parsed[Self]]:
        """`Right(instance)` when `data` is a valid mapping, else `Left(Invalid)` with every issue.

        Lenient mode: with `warn={"unknown_key"}`, issues of those codes are warnings, not
        errors: the result is `Right(Parsed(instance, warnings))` when they are all there is.
        """
        if warn is not None:
            return lenient_parse(cls.parse, data, warn)
        validate = cls.__options_validate__
        if validate is not None and data.__class__ is dict:  # the fast path: one call into pydantic-core
            try:
                value = validate(data)
            except ValidationError as exc:
                return _engine(cls).recover(exc, data)
            except Exception:  # a hostile input: the engine's own path reads a plain copy
                pass
            else:
                right: Any = _new_right()
                right._value = value
                result: Either[Invalid, Self] = right
                return result
        return _engine(cls).parse(data)

    @overload
    @classmethod
    def load(cls, *sources: Source, warn: None = None) -> Either[Invalid, Self]: ...
    @overload
    @classmethod
    def load(cls, *sources: Source, warn: Collection[str]) -> Either[Invalid, Parsed[Self]]: ...
    @classmethod
    def load(
        cls, *sources: Source, warn: Collection[str] | None = None
    ) -> Either[Invalid, Self] | Either[Invalid, Parsed[Self]]:
        """Read `sources` in order (later wins per key, nested maps merge) and parse once.

        Every issue of every source comes back at once, named where it was written
        (`app.toml`, `env`, `.env:3`); the instance remembers where each value came from
        (`validation.explain`). Lenient mode: with `warn={"unknown_key"}`, unknown keys and
        variables are warnings, returned as `Right(Parsed(instance, warnings))`.
        """
        from validation._load import load_options

        return load_options(cls, sources, warn)

    @classmethod
    def from_env(cls, prefix: str, environ: Mapping[str, str] | None = None) -> Either[Invalid, Self]:
        """`load(validation.sources.env(prefix, environ=environ))`."""
        from validation._sources import env

        return cls.load(env(prefix, environ=environ))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Either[Invalid, Self]:
        """`load(validation.sources.file(path))`: a TOML, JSON or YAML file, by suffix."""
        from validation._sources import file

        return cls.load(file(path))

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """A JSON Schema of this class, closed at every level (`additionalProperties: false`).

        Editors (taplo, VS Code's YAML and JSON support) then flag a misspelt key as it
        is typed. Field descriptions come from `Annotated[..., Field(description=...)]`
        and from a docstring under the field.
        """
        from validation._json_schema import json_schema

        return json_schema(cls)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__qualname__} is frozen: cannot set {name!r}; build a new one")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__qualname__} is frozen: cannot delete {name!r}")

    def __repr__(self) -> str:
        values = ", ".join(f"{key}={full_repr(getattr(self, key))}" for key in self.__options_fields__)
        return f"{type(self).__qualname__}({values})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Options) or other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def __hash__(self) -> int:
        """Options are hashable exactly when every field value is (no `list`, `dict` or `set` field value).

        A field holding an unhashable value makes `hash()` raise a `TypeError` naming it:
        `AppOptions is unhashable: field 'hosts' holds a list`.
        """
        values = _values(self)
        try:
            return hash((self.__class__, values))
        except TypeError:
            for key, value in zip(self.__options_fields__, values, strict=True):
                try:
                    hash(value)
                except TypeError:
                    raise TypeError(
                        f"{type(self).__name__} is unhashable: field {key!r} holds a {type(value).__qualname__}"
                    ) from None
            raise

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return (_rebuild, (type(self), as_dict(self)))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        """The core schema of this class: a closed, slotted, frozen dataclass schema."""
        ref = f"{cls.__module__}.{cls.__qualname__}:{id(cls)}"
        with COMPILE_LOCK:
            if cls in _BUILDING:
                return core_schema.definition_reference_schema(ref)
            _BUILDING.add(cls)
            try:
                hints = _hints(cls)
                fields: list[core_schema.DataclassField] = []
                aliases: dict[str, str] = {}
                for key in cls.__options_fields__:
                    spec = field_spec(cls.__qualname__, key, hints[key])
                    schema = handler.generate_schema(prepare(spec.hint))
                    null = spec.null_as_default or cls.__options_null_default__
                    field = core_schema.dataclass_field(
                        key, _with_default(cls, key, schema, null), kw_only=True, validation_alias=spec.alias
                    )
                    if spec.alias is not None:
                        aliases[key] = spec.alias
                    fields.append(field)
                check_aliases(cls.__qualname__, cls.__options_fields__, aliases)
                cls.__options_aliases__ = aliases
            finally:
                _BUILDING.discard(cls)
        arguments = core_schema.dataclass_args_schema(cls.__qualname__, fields, extra_behavior="forbid")
        schema = core_schema.dataclass_schema(
            cls,
            arguments,
            list(cls.__options_fields__),
            slots=True,
            frozen=True,
            ref=ref,
            cls_name=cls.__qualname__,
        )
        return with_rules(cls, schema)


def _with_default(cls: type[Options], key: str, schema: core_schema.CoreSchema, null: bool) -> core_schema.CoreSchema:
    spec = cls.__options_defaults__.get(key)
    if spec is None:
        return schema
    if null:
        schema = null_as_default(schema)
    if spec.default_factory is not None:
        return core_schema.with_default_schema(schema, default_factory=spec.default_factory)
    # pydantic-core copies a default that is not hashable (a list, a dict) for every use.
    return core_schema.with_default_schema(schema, default=spec.default)


def _hints(cls: type[Options]) -> dict[str, Any]:
    namespace = {**cls.__options_namespace__, cls.__name__: cls}
    try:
        return resolve_hints(cls, namespace)
    except NameError as exc:
        raise TypeError(f"cannot resolve the annotations of {cls.__qualname__}: {exc}") from None


def _engine(cls: type[Options]) -> Engine[Any]:
    engine: Engine[Any] | None = cls.__dict__.get("__options_engine__")
    if engine is None:
        if cls is Options:
            raise TypeError("Options is a base class: declare a subclass with fields")
        with COMPILE_LOCK:
            built: Engine[Any] | None = cls.__dict__.get("__options_engine__")
            if built is not None:  # another thread built it meanwhile
                return built
            engine = Engine(compile_annotation(cls), cls.__qualname__)
            cls.__options_engine__ = engine
            cls.__options_validate__ = engine.validate
    return engine


def _values(options: Options) -> tuple[object, ...]:
    return tuple(getattr(options, key) for key in options.__options_fields__)


def as_dict(
    options: Options, *, mode: Literal["python", "json"] = "python", reveal_secrets: bool = False
) -> dict[str, Any]:
    """The fields of an `Options` instance as a dict, keyed as the input is (aliases used).

    `mode="python"` keeps the values as they are (nested `Options` become dicts, `Secret`
    values stay wrapped), so the dict can be logged and parsing it again gives an equal
    instance. `mode="json"` gives only JSON types: enums by value, datetimes, dates,
    times and UUIDs as ISO text, tuples and sets as lists, and secrets as `"***"` unless
    `reveal_secrets=True`.

    >>> import enum, datetime as dt
    >>> import validation
    >>> class Level(enum.Enum):
    ...     INFO = "info"
    >>> class Db(validation.Options):
    ...     host: str = "localhost"
    ...     level: Level = Level.INFO
    ...     since: dt.date = dt.date(2024, 1, 2)
    ...     password: validation.Secret[str] = validation.Secret("hunter2")
    >>> validation.as_dict(Db())
    {'host': 'localhost', 'level': <Level.INFO: 'info'>, 'since': datetime.date(2024, 1, 2), 'password': Secret('***')}
    >>> validation.as_dict(Db(), mode="json")
    {'host': 'localhost', 'level': 'info', 'since': '2024-01-02', 'password': '***'}
    """
    if mode == "json":
        return json_values(as_dict(options), reveal_secrets=reveal_secrets)
    if mode != "python":
        raise ValueError(f"as_dict: mode must be 'python' or 'json', got {mode!r}")
    aliases = options.__options_aliases__
    return {aliases.get(key, key): _plain(getattr(options, key)) for key in options.__options_fields__}


def _plain(value: object) -> object:
    if isinstance(value, Options):
        return as_dict(value)
    if isinstance(value, NamedOptions):
        named = cast("NamedOptions[object, object]", value)
        return {named.name: _plain(named.options)}
    if type(value) is dict:
        return {key: _plain(item) for key, item in cast("dict[object, object]", value).items()}
    if type(value) is list:
        return [_plain(item) for item in cast("list[object]", value)]
    if type(value) is tuple:
        return tuple(_plain(item) for item in cast("tuple[object, ...]", value))
    return value


def _rebuild(cls: type[Options], values: dict[str, Any]) -> Options:
    return cls.parse(values).unwrap()
