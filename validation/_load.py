"""`load`: read every source, deep-merge the layers, parse once; and `explain` what came from where.

Why one parse at the end: a value set in a file and overridden by env must be checked
once, as the value that wins, and every issue of every source must come back together.
Each key remembers its origin through the merge (later sources win per key, nested maps
merge), so an issue found by the parse is shown where the value was written: by the
variable name for env and `.env` (`APP_RETRY__ATTEMPTS`), by the key path and the file
name for files.

Provenance of a loaded `Options` instance is kept in a slot that `Options` declares for
it (`__options_origin__`), set once after the parse: not a side table keyed by the
instance, because options compare and hash by value, so two equal instances loaded from
different sources would share one entry. A copy made otherwise (the constructor,
`parse`, pickling) has no provenance, and `explain` says `default`/`set in code` instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any, Final, TypeVar, cast, final, overload

from either._core import Either, Left, Right
from either._errors import describe, short_repr
from validation._engine import Engine
from validation._issues import Invalid, Issue, PathElement, render_path
from validation._lenient import Parsed, checked_codes, lenient_parse
from validation._options import Options, _engine
from validation._schema import MapSchema, compile_type
from validation._secret import Secret
from validation._sources import Layer, Level, Origin, Source
from validation._types import is_class

__all__ = ["Setting", "explain", "load", "load_options"]

_T = TypeVar("_T")
Path = tuple[PathElement, ...]

_MERGE_DEPTH: Final = 64  # deeper maps are passed to the parse as they are (it reports depth and cycles)
_ORIGIN_SLOT: Final = "__options_origin__"
_PLAIN: Final = frozenset({str, int, float, bool, list, type(None)})
_LEVELS: dict[int, tuple[Engine[Any], Level]] = {}


@overload
def load(tp: type[_T], *sources: Source, warn: None = None) -> Either[Invalid, _T]: ...
@overload
def load(tp: type[_T], *sources: Source, warn: Collection[str]) -> Either[Invalid, Parsed[_T]]: ...
@overload
def load(tp: MapSchema[_T], *sources: Source, warn: None = None) -> Either[Invalid, _T]: ...
@overload
def load(tp: MapSchema[_T], *sources: Source, warn: Collection[str]) -> Either[Invalid, Parsed[_T]]: ...
@overload
def load(tp: Any, *sources: Source, warn: None = None) -> Either[Invalid, Any]: ...
@overload
def load(tp: Any, *sources: Source, warn: Collection[str]) -> Either[Invalid, Parsed[Any]]: ...
def load(tp: Any, *sources: Source, warn: Collection[str] | None = None) -> Either[Invalid, Any]:
    """Read `sources` in order, merge them (later wins per key), and parse the result as `tp`.

    `tp` is anything `validation.parse` takes, or a `validation.schema(...)`; for an
    `Options` class this is `tp.load(*sources)`. Every issue of every source is returned at once, each named by
    where it was written.

    Lenient mode: with `warn={"unknown_key"}`, unknown keys (in a file, or an env variable
    that names no field) are warnings: the result is `Right(Parsed(value, warnings))`,
    each warning named by where it was written, like an issue.

    >>> import dataclasses, validation
    >>> from validation import sources
    >>> @dataclasses.dataclass
    ... class Page:
    ...     size: int = 20
    >>> validation.load(Page, sources.values({"size": 10}), sources.env("PAGE_", environ={"PAGE_SIZE": "50"}))
    Right(Page(size=50))
    >>> loaded = validation.load(Page, sources.env("PAGE_", environ={"PAGE_SIZ": "5"}), warn={"unknown_key"})
    >>> print(loaded.unwrap())
    PAGE_SIZ: unknown key; did you mean 'PAGE_SIZE'? (from env)
    """
    if is_class(tp) and issubclass(tp, Options):
        return load_options(tp, sources, warn)
    if isinstance(tp, MapSchema):
        schema: MapSchema[Any] = cast(Any, tp)
        return _load(schema._engine, schema.parse, sources, warn)
    engine = compile_type(tp)
    return _load(engine, engine.parse, sources, warn)


def load_options(
    cls: type[Options], sources: tuple[Source, ...], warn: Collection[str] | None = None
) -> Either[Invalid, Any]:
    """`cls.load(*sources)`: the loaded instance keeps where each value came from."""
    return _load(_engine(cls), cls.parse, sources, warn)


def _load(
    engine: Engine[Any],
    parse: Callable[[object], Either[Invalid, Any]],
    sources: tuple[Source, ...],
    warn: Collection[str] | None = None,
) -> Either[Invalid, Any]:
    codes = None if warn is None else checked_codes(warn)
    for source in sources:
        if not isinstance(source, Source):
            raise TypeError(
                f"load() takes sources made by validation.sources (env, dotenv, file, values), got {describe(source)}"
            )
    level = _level(engine)
    layers = [source.read(level) for source in sources]
    merged, issues = _merge(layers)
    origins = _Origins(layers)
    warned: list[Issue] = []
    if codes is not None:  # an env variable that names no field is a warning of its source
        # A source's count of the unknown variables it did not list goes with them.
        codes_here = codes | {"too_many_issues"} if "unknown_key" in codes else codes
        warned = [issue for issue in issues if issue.code in codes_here]
        issues = [issue for issue in issues if issue.code not in codes_here]
    result = parse(merged) if codes is None else lenient_parse(parse, merged, codes)
    broken = any(layer.broken for layer in layers)
    failed = {path for layer in layers for path in layer.failed}
    if isinstance(result, Left):
        needed: list[Issue] = []
        for issue in result.error.issues:
            if issue.code == "missing":
                if broken or any(issue.path[: len(path)] == path for path in failed):
                    needed.extend(_guessed_for(issue.path, layers))
                    continue  # the source that could not be read explains it: one mistake, one issue
                issues.append(_missing(issue, sources))
            else:
                issues.append(_placed(issue, origins))
        # A misspelt variable that a required field needed is an error, not a warning.
        issues.extend(dict.fromkeys(issue for issue in needed if issue in warned))
        return Left(Invalid(issues))  # never empty: a dropped `missing` issue leaves its reason
    if issues:
        return Left(Invalid(issues))
    value: object = result.value
    if isinstance(value, Parsed):
        found = cast("Parsed[object]", value)
        value = found.value
        warned.extend(_placed(issue, origins) for issue in found.warnings)
    if isinstance(value, Options):
        object.__setattr__(value, _ORIGIN_SLOT, dict(_shown_origins(value, (), origins)))
    return Right(value if codes is None else Parsed(value, tuple(warned)))


def _guessed_for(path: Path, layers: list[Layer]) -> Iterator[Issue]:
    """The unknown variables suggested for the field at `path` (or a field above it)."""
    for layer in layers:
        for guessed, found in layer.guessed.items():
            if path[: len(guessed)] == guessed:
                yield from found


def _level(engine: Engine[Any]) -> Level:
    known = _LEVELS.get(id(engine))
    if known is None or known[0] is not engine:
        known = (engine, Level.of(engine))
        if len(_LEVELS) < 1024:
            _LEVELS[id(engine)] = known
    return known[1]


def _merge(layers: list[Layer]) -> tuple[dict[Any, Any], list[Issue]]:
    """Deep-merge the layers' maps in order (origins are looked up afterwards, only where asked)."""
    merged: dict[Any, Any] = {}
    issues: list[Issue] = []
    for layer in layers:
        issues.extend(layer.issues)
        if layer.broken:
            continue
        stack: list[tuple[dict[Any, Any], Mapping[Any, Any], int]] = [(merged, layer.data, 1)]
        try:
            while stack:
                target, incoming, depth = stack.pop()
                for key, value in list(incoming.items()):
                    # Parsed files hold mostly scalars: skip the (slow) abstract `Mapping` check for them.
                    inner = None if type(value) in _PLAIN else _mapping(value)
                    if inner is not None and depth < _MERGE_DEPTH:
                        stack.append((_child(target, key), inner, depth + 1))
                    else:
                        target[key] = value
        except Exception as exc:  # a Mapping that raises or lies while it is read
            label = found[0].label if (found := layer.origin_at(())) is not None else "values"
            message = f"cannot read the mapping: {type(exc).__qualname__} raised"
            issues.append(Issue((), "unreadable_source", message, source=label))
    return merged, issues


@final
class _Origins:
    """Where the merged value at a path was written: the last layer holding it that records an origin.

    Looked up per issue and per field shown by `explain`, never per key read: a file of
    100 000 unknown keys costs no bookkeeping beyond the issues that are materialised.
    """

    __slots__ = ("_layers",)

    def __init__(self, layers: list[Layer]) -> None:
        self._layers = [layer for layer in reversed(layers) if not layer.broken]

    def get(self, path: Path) -> tuple[Origin, Path] | None:
        for layer in self._layers:
            if _holds(layer.data, path):
                found = layer.origin_at(path)
                if found is not None:
                    return found
        return None


def _holds(data: Mapping[Any, Any], path: Path) -> bool:
    """Whether the nested map `data` has a value at `path` (a map that raises holds nothing)."""
    node: object = data
    try:
        for key in path[:_MERGE_DEPTH]:
            inner = _mapping(node)
            if inner is None or key not in inner:
                return False
            node = inner[key]
    except Exception:
        return False
    return True


def _shown_origins(options: Options, path: Path, origins: _Origins, written: Path = ()) -> Iterator[tuple[Path, str]]:
    """The source of each field of loaded options that a source set, for `explain`.

    Keyed by the Python names `explain` walks; looked up by the keys as the input wrote
    them (`written`): an aliased field's value came in under its alias.
    """
    aliases = options.__options_aliases__
    for key in options.__options_fields__:
        here, there = (*path, key), (*written, aliases.get(key, key))
        value = getattr(options, key)
        if isinstance(value, Options):
            yield from _shown_origins(value, here, origins, there)
            continue
        found = origins.get(there)
        if found is not None:
            yield here, _label(found[0])


def _mapping(value: object) -> Mapping[Any, Any] | None:
    return value if isinstance(value, Mapping) else None  # pyright: ignore[reportUnknownVariableType]


def _child(target: dict[Any, Any], key: object) -> dict[Any, Any]:
    """The map at `key` in a merged map, made one (replacing what was there) when it is not."""
    old = target.get(key)
    if isinstance(old, dict):
        return old  # pyright: ignore[reportUnknownVariableType]
    new: dict[Any, Any] = {}
    target[key] = new
    return new


def _placed(issue: Issue, origins: _Origins) -> Issue:
    """An issue of the parse, shown where its value was written."""
    path = issue.path
    for end in range(len(path), 0, -1):
        found = origins.get(path[:end])
        if found is not None:
            origin, anchor = found
            if origin.shown is not None:
                path = (*origin.shown, *path[len(anchor) :])
            return Issue(path, issue.code, issue.message, issue.suggestions, origin.label)
    return issue


def _missing(issue: Issue, sources: tuple[Source, ...]) -> Issue:
    consulted = ", ".join(source.lookup(issue.path) for source in sources) or "no source given"
    return dataclasses.replace(issue, message=f"{issue.message}; looked in: {consulted}")


def _label(origin: Origin) -> str:
    if origin.shown is None:
        return origin.label
    return f"{origin.label} {origin.shown[0]}"


# ---------------------------------------------------------------------- explain


@final
@dataclasses.dataclass(frozen=True, slots=True)
class Setting:
    """One effective value of loaded options: its path, its value as shown, where it came from.

    `value` is a bounded `repr`, with secrets masked; `source` is a file name, `env
    APP_RETRY__ATTEMPTS`, `.env:3 APP_TOKEN`, `default` or `set in code`.
    """

    path: tuple[str, ...]
    value: str
    source: str

    def __str__(self) -> str:
        return f"{self.source:<24} {render_path(self.path)} = {self.value}"


def explain(options: Options) -> tuple[Setting, ...]:
    """Each effective value of `options` with the source it came from, secrets masked.

    Like `git config --show-origin`: for options made by `load` (or `from_env`,
    `from_file`), each value names the file or variable that set it, or `default`.
    Options made another way say `default` or `set in code`.

    >>> import validation
    >>> from validation import sources
    >>> class App(validation.Options):
    ...     port: int = 80
    ...     token: validation.Secret[str] = validation.Secret("")
    >>> app = App.load(sources.env("APP_", environ={"APP_PORT": "8080", "APP_TOKEN": "hunter2"})).unwrap()
    >>> for setting in validation.explain(app):
    ...     print(setting)
    env APP_PORT             port = 8080
    env APP_TOKEN            token = Secret('***')
    """
    if not isinstance(options, Options):
        raise TypeError(f"explain() takes an Options instance, got {describe(options)}")
    origins: Mapping[Path, str] | None = getattr(options, _ORIGIN_SLOT, None)
    return tuple(_settings(options, (), origins))


def _settings(options: Options, path: tuple[str, ...], origins: Mapping[Path, str] | None) -> Iterator[Setting]:
    for key in options.__options_fields__:
        value = getattr(options, key)
        here = (*path, key)
        if isinstance(value, Options):
            yield from _settings(value, here, origins)
        else:
            yield Setting(here, _shown(value), _source_of(here, origins, options, key))


def _shown(value: object) -> str:
    return "Secret('***')" if isinstance(value, Secret) else short_repr(value)


def _source_of(path: Path, origins: Mapping[Path, str] | None, owner: Options, key: str) -> str:
    if origins is not None:
        return origins.get(path, "default")
    return "default" if _is_default(owner, key) else "set in code"


def _is_default(owner: Options, key: str) -> bool:
    spec = type(owner).__options_defaults__.get(key)
    if spec is None:
        return False
    default = spec.default_factory() if spec.default_factory is not None else spec.default
    try:
        return bool(getattr(owner, key) == default)
    except Exception:
        return False
