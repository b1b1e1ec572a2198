# The shapes are built from type expressions, untyped by nature:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
"""Hypothesis strategies drawn from a schema: valid maps, maps with one typo, maps with one wrong value.

Why: a user's suite should prove its config handling on every shape its options class
admits, not on three hand-written maps. A type is compiled once into a tree of shapes
(`_Record` for a class of named fields, `_Items`, `_Table`, `_Union`, `_Leaf`); each shape
knows the strategy for input that parses, the wrong values it refuses (and the issue code
they give), and for records the declared keys that the run-time suggester
(`validation._suggest.KeySuggester`, the very one the engine uses) folds typos back to.

Keys are the ones the parse reads: a field's alias (`Field(alias="maxConn")`) where it has
one. A field that takes its default on `None` (`NullAsDefault`, `null_as_default=True`)
may be drawn as `None`, and `None` is never its wrong value.

What this does not do: cross-field rules (`@validation.rule`) and validators it cannot
read (an `AfterValidator`, a `pattern` on a non-string) are honoured by filtering drawn
values through the real parse (of the class with the rules, or of the field), which is
slower; a strategy that can never satisfy them fails Hypothesis' health check rather
than hang.
"""

from __future__ import annotations

import enum
import threading
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any, Literal, NamedTuple, TypeAlias, Union, final

from hypothesis import reject
from hypothesis import strategies as st

from either._errors import ArgumentTypeError
from validation._strategy_fields import (
    DICTS,
    LISTS,
    REQUIREDNESS,
    checker,
    class_fields,
    flatten,
    has_other_constraints,
    int_bound,
    misspellings,
    rules_check,
)
from validation._suggest import KeySuggester
from validation._types import is_class

__all__ = ["Typo", "WrongValue", "instances", "invalid", "misspellings", "typos", "valid"]

Path = tuple[str | int, ...]
_Wrong: TypeAlias = "tuple[tuple[object, str], ...]"
"""Values a shape refuses, each with the issue code the parse gives for it."""
_ANNOTATED: Any = typing.Annotated  # subscripted with computed metadata

_LOCK = threading.RLock()
_COMPILED: dict[object, _Shape] = {}
_CONTAINER_SIZE = 4
_TYPO_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


@final
class Typo(NamedTuple):
    """A map with one declared key misspelt: `(data, original_key, path)`.

    `path` is where the misspelt key sits, as the `unknown_key` issue names it (the keys
    of the enclosing levels, then the misspelt key); `original_key` is the declared key it
    was made from, which the issue suggests.
    """

    data: dict[str, Any]
    original_key: str
    path: Path


@final
class WrongValue(NamedTuple):
    """A map with one value of the wrong type: `(data, path, code)`, `code` the issue's code there."""

    data: dict[str, Any]
    path: Path
    code: str


def valid(tp: type[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Maps that `tp` parses: required keys always, defaulted keys left out or given.

    `tp` is an `Options` class, a dataclass, an attrs class, a TypedDict or a pydantic
    model; nested classes, `Optional`, `Literal`, `Enum`, containers, `Secret[...]` and
    `Annotated` bounds and lengths are followed. Maps shrink toward the fewest keys and
    the simplest values.

    >>> import validation
    >>> from hypothesis import find
    >>> from validation.strategies import valid
    >>> class Server(validation.Options):
    ...     host: str
    ...     port: int = 8080
    >>> find(valid(Server), lambda data: "port" in data)
    {'host': '', 'port': 0}
    """
    return _record(tp).strategy()


def typos(tp: type[Any]) -> st.SearchStrategy[Typo]:
    """Valid maps with one declared key misspelt by one edit, at any level, as `Typo`s.

    The edits are the ones people make: two letters swapped, one dropped, doubled or
    replaced, a case change, `_` for `-` or back. A typo is drawn only where the run-time
    suggester suggests the original back, so a suite may assert
    `original_key in issue.suggestions` for the issue at `path`.
    """
    record = _record(tp)
    if not _typo_able(record):
        raise ArgumentTypeError(
            f"typos({record.name}): no key at any level has a misspelling the suggester would suggest back "
            "(a class with no fields, or only keys such as '1' that no slip of one letter brings back)"
        )
    return _draw_typo(record, record.strategy(nonempty=True))


def invalid(tp: type[Any]) -> st.SearchStrategy[WrongValue]:
    """Valid maps with one value replaced by one of the wrong type, as `WrongValue`s.

    The value goes at any level; `code` is the issue code the parse reports at `path`
    (`wrong_type`, or `not_a_mapping` for a nested class or a dict, `bad_value` for a
    `Literal`, an `Enum` or a `Secret`).
    """
    record = _record(tp)
    if not any(field.wrong for field in record.fields):
        raise ArgumentTypeError(f"invalid({record.name}): no field has a type with a known wrong value (Any, unions)")
    return _draw_wrong(record, record.strategy())


def instances(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Instances of an `Options` class, parsed from `valid` maps (what `st.from_type(cls)` draws)."""
    return valid(cls).map(cls.parse).filter(lambda result: result.is_right()).map(lambda result: result.unwrap())


# ---------------------------------------------------------------------- shapes


class _Shape:
    """A node of a compiled type: its strategy, its wrong values, and the records inside it."""

    __slots__ = ("_strategy",)
    wrong: _Wrong = ()
    ready = True  # a record is not until its fields are compiled

    def __init__(self) -> None:
        self._strategy: st.SearchStrategy[Any] | None = None

    def strategy(self) -> st.SearchStrategy[Any]:
        built = self._strategy
        if built is None:
            with _LOCK:  # one strategy per shape, whichever thread asks first
                built = self._strategy
                if built is None:
                    built = self._strategy = self._build()
        return built

    def _build(self) -> st.SearchStrategy[Any]:
        raise NotImplementedError

    def levels(self, value: object, path: Path) -> Iterator[tuple[Path, dict[str, Any], _Record]]:
        """The record levels inside `value` (drawn from this shape): path, mapping, record."""
        return iter(())

    def fits(self, value: object) -> bool:
        """Whether `value` may hold records of this shape (to pick a union's member); leaves hold none."""
        return False

    def children(self) -> tuple[_Shape, ...]:
        """The shapes directly inside this one (to find every record a type may hold)."""
        return ()


@final
class _Leaf(_Shape):
    __slots__ = ("_make", "wrong")

    def __init__(self, make: Callable[[], st.SearchStrategy[Any]], wrong: _Wrong) -> None:
        super().__init__()
        self._make = make
        self.wrong = wrong

    def _build(self) -> st.SearchStrategy[Any]:
        return self._make()


@final
class _Field:
    __slots__ = ("key", "null_default", "required", "shape", "wrong")

    def __init__(self, key: str, shape: _Shape, required: bool, null_default: bool = False) -> None:
        self.key = key
        self.shape = shape
        self.required = required
        # `None` gives a defaulted null-as-default field its default: a valid value, never a wrong one.
        self.null_default = null_default and not required
        self.wrong: _Wrong = tuple(item for item in shape.wrong if item[0] is not None or not self.null_default)

    def strategy(self) -> st.SearchStrategy[Any]:
        drawn = self.shape.strategy()
        return drawn | st.none() if self.null_default else drawn


@final
class _Record(_Shape):
    __slots__ = ("_nonempty", "check", "fields", "keys", "name", "ready", "suggester")
    wrong: _Wrong = ((None, "not_a_mapping"), (12, "not_a_mapping"), ([], "not_a_mapping"))

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.fields: tuple[_Field, ...] = ()
        self.keys: frozenset[str] = frozenset()
        self.suggester = KeySuggester(())
        self._nonempty: st.SearchStrategy[Any] | None = None
        self.ready = False
        self.check: Callable[[object], bool] | None = None  # the real parse, for a class with rules

    def fill(self, fields: list[_Field]) -> None:
        self.fields = tuple(fields)
        self.keys = frozenset(field.key for field in fields)
        self.suggester = KeySuggester(field.key for field in fields)
        self.ready = True

    def strategy(self, *, nonempty: bool = False) -> st.SearchStrategy[Any]:
        if not nonempty or any(field.required for field in self.fields) or not self.fields:
            return super().strategy()
        built = self._nonempty
        if built is None:
            # One defaulted key forced in, so a typo has a key to land on.
            with _LOCK:
                built = self._nonempty
                if built is None:
                    keys = [field.key for field in self.fields]
                    built = self._nonempty = st.sampled_from(keys).flatmap(self._with)
        return built

    def _with(self, forced: str) -> st.SearchStrategy[Any]:
        return self._dictionaries(lambda field: field.required or field.key == forced)

    def _build(self) -> st.SearchStrategy[Any]:
        # Deferred: a record may contain itself (`child: Node | None`).
        return st.deferred(lambda: self._dictionaries(lambda field: field.required))

    def _dictionaries(self, required: Callable[[_Field], bool]) -> st.SearchStrategy[Any]:
        needed = {field.key: field.strategy() for field in self.fields if required(field)}
        optional = {field.key: field.strategy() for field in self.fields if not required(field)}
        drawn = st.fixed_dictionaries(needed, optional=optional)
        # Rules are code: only the parse knows. Inner levels are filtered by their own record,
        # so here only this level's rules can fail.
        return drawn if self.check is None else drawn.filter(self.check)

    def levels(self, value: object, path: Path) -> Iterator[tuple[Path, dict[str, Any], _Record]]:
        if not isinstance(value, dict):
            return
        mapping = typing.cast("dict[str, Any]", value)
        yield path, mapping, self
        for field in self.fields:
            if field.key in mapping:
                yield from field.shape.levels(mapping[field.key], (*path, field.key))

    def fits(self, value: object) -> bool:
        return isinstance(value, dict) and self.keys.issuperset(typing.cast("dict[str, Any]", value))

    def children(self) -> tuple[_Shape, ...]:
        return tuple(field.shape for field in self.fields)

    def accepts_empty(self) -> bool:
        """Whether `{}` parses: no required key, and the rules hold for the defaults."""
        return not any(field.required for field in self.fields) and (self.check is None or self.check({}))


@final
class _Items(_Shape):
    """A list, tuple, set or frozenset of one item shape."""

    __slots__ = ("item", "kind", "max_size", "min_size")
    wrong: _Wrong = ((None, "wrong_type"), (12, "wrong_type"))

    def __init__(self, kind: type[Any], item: _Shape, min_size: int = 0, max_size: int | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.item = item
        self.min_size = min_size
        self.max_size = max(min_size, _CONTAINER_SIZE) if max_size is None else max_size

    def _build(self) -> st.SearchStrategy[Any]:
        item = self.item.strategy()
        if self.kind in (set, frozenset):
            return st.frozensets(item, min_size=self.min_size, max_size=self.max_size).map(self.kind)
        drawn = st.lists(item, min_size=self.min_size, max_size=self.max_size)
        return drawn.map(tuple) if self.kind is tuple else drawn

    def levels(self, value: object, path: Path) -> Iterator[tuple[Path, dict[str, Any], _Record]]:
        if isinstance(value, list | tuple):
            for index, item in enumerate(typing.cast("list[object]", value)):
                yield from self.item.levels(item, (*path, index))

    def fits(self, value: object) -> bool:
        return isinstance(value, list | tuple | set | frozenset)

    def children(self) -> tuple[_Shape, ...]:
        return (self.item,)


@final
class _Fixed(_Shape):
    """A tuple of fixed length: `tuple[int, str]`."""

    __slots__ = ("items",)
    wrong: _Wrong = ((None, "wrong_type"), (12, "wrong_type"))

    def __init__(self, items: tuple[_Shape, ...]) -> None:
        super().__init__()
        self.items = items

    def _build(self) -> st.SearchStrategy[Any]:
        return st.tuples(*(item.strategy() for item in self.items))

    def levels(self, value: object, path: Path) -> Iterator[tuple[Path, dict[str, Any], _Record]]:
        if isinstance(value, tuple):
            items = typing.cast("tuple[object, ...]", value)
            for index, (item, shape) in enumerate(zip(items, self.items, strict=False)):
                yield from shape.levels(item, (*path, index))

    def fits(self, value: object) -> bool:
        return isinstance(value, tuple) and len(typing.cast("tuple[object, ...]", value)) == len(self.items)

    def children(self) -> tuple[_Shape, ...]:
        return self.items


@final
class _Table(_Shape):
    """A `dict[K, V]`: free keys, so no typo lands in it; records in its values are followed."""

    __slots__ = ("key", "max_size", "min_size", "value")
    wrong: _Wrong = ((None, "not_a_mapping"), (12, "not_a_mapping"), ([], "not_a_mapping"))

    def __init__(self, key: _Shape, value: _Shape, min_size: int = 0, max_size: int | None = None) -> None:
        super().__init__()
        self.key = key
        self.value = value
        self.min_size = min_size
        self.max_size = max(min_size, _CONTAINER_SIZE) if max_size is None else max_size

    def _build(self) -> st.SearchStrategy[Any]:
        return st.dictionaries(
            self.key.strategy(), self.value.strategy(), min_size=self.min_size, max_size=self.max_size
        )

    def levels(self, value: object, path: Path) -> Iterator[tuple[Path, dict[str, Any], _Record]]:
        if isinstance(value, dict):
            for key, item in typing.cast("dict[Any, object]", value).items():
                if isinstance(key, str | int):
                    yield from self.value.levels(item, (*path, key))

    def fits(self, value: object) -> bool:
        return isinstance(value, dict)

    def children(self) -> tuple[_Shape, ...]:
        return (self.value,)


@final
class _Union(_Shape):
    """`A | B | None`: `None` first, so values shrink toward it."""

    __slots__ = ("members", "wrong")

    def __init__(self, members: tuple[_Shape, ...], wrong: _Wrong) -> None:
        super().__init__()
        self.members = members
        self.wrong = wrong

    def _build(self) -> st.SearchStrategy[Any]:
        return st.one_of(*(member.strategy() for member in self.members))

    def levels(self, value: object, path: Path) -> Iterator[tuple[Path, dict[str, Any], _Record]]:
        for member in self.members:
            if member.fits(value):
                yield from member.levels(value, path)
                return

    def fits(self, value: object) -> bool:
        return any(member.fits(value) for member in self.members)

    def children(self) -> tuple[_Shape, ...]:
        return self.members


@final
class _Secret(_Shape):
    """`Secret[T]`: input is the plain value; a wrong one is `bad_value` (its type is not shown)."""

    __slots__ = ("inner", "wrong")

    def __init__(self, inner: _Shape) -> None:
        super().__init__()
        self.inner = inner
        self.wrong = tuple((value, "bad_value") for value, _ in inner.wrong)

    def _build(self) -> st.SearchStrategy[Any]:
        return self.inner.strategy()

    def levels(self, value: object, path: Path) -> Iterator[tuple[Path, dict[str, Any], _Record]]:
        return self.inner.levels(value, path)

    def fits(self, value: object) -> bool:
        return self.inner.fits(value)

    def children(self) -> tuple[_Shape, ...]:
        return (self.inner,)


@final
class _Named(_Shape):
    """`NamedOptions[N, T]`: a bare name, or a one-key map of a name to its options (or to nothing)."""

    __slots__ = ("bare", "names", "options")
    wrong: _Wrong = ((None, "wrong_type"), (12, "wrong_type"), ([], "wrong_type"), ({}, "bad_value"))

    def __init__(self, names: _Shape, bare: bool, options: _Shape) -> None:
        super().__init__()
        self.names = names
        self.bare = bare  # whether the names are strings, the input a bare name may be
        self.options = options

    def _build(self) -> st.SearchStrategy[Any]:
        names = self.names.strategy()
        mapped = st.builds(_one_key, names, self.options.strategy())
        options = self.options
        empty = isinstance(options, _Record | _Table) and (
            options.accepts_empty() if isinstance(options, _Record) else options.min_size == 0
        )
        if not empty:
            return mapped
        # A bare name (or one with nothing after it) gets its options parsed from `{}`.
        alone = names.map(lambda name: {name: None})
        return st.one_of(names, mapped, alone) if self.bare else st.one_of(mapped, alone)

    def levels(self, value: object, path: Path) -> Iterator[tuple[Path, dict[str, Any], _Record]]:
        if isinstance(value, dict) and len(typing.cast("dict[object, object]", value)) == 1:
            name, options = next(iter(typing.cast("dict[object, object]", value).items()))
            if isinstance(name, str | int):
                yield from self.options.levels(options, (*path, name))

    def fits(self, value: object) -> bool:
        return isinstance(value, str) or (isinstance(value, dict) and len(typing.cast("dict[str, Any]", value)) == 1)

    def children(self) -> tuple[_Shape, ...]:
        return (self.options,)


def _one_key(name: object, options: object) -> dict[object, object]:
    return {name: options}


# ---------------------------------------------------------------------- compiling types


def _record(tp: type[Any]) -> _Record:
    shape = _compile(tp)
    if not isinstance(shape, _Record):
        raise TypeError(
            f"expected an Options class, a dataclass, an attrs class, a TypedDict or a pydantic model, got {tp!r}"
        )
    return shape


def _compile(tp: Any) -> _Shape:
    """The shape of a type expression, built once per type (records may refer to themselves)."""
    try:
        known = _COMPILED.get(tp)
    except TypeError:  # an unhashable annotation (a list inside Annotated metadata)
        known = None
    if known is not None and known.ready:  # else another thread is compiling it: wait below
        return known
    with _LOCK:
        try:
            known = _COMPILED.get(tp)
        except TypeError:
            return _shape(tp)
        if known is None:
            known = _shape(tp)
            _COMPILED.setdefault(tp, known)
        return known


_NUMBERS: _Wrong = ((None, "wrong_type"), ([], "wrong_type"), ("not a number", "wrong_type"))
_SCALARS: dict[object, tuple[Callable[[], st.SearchStrategy[Any]], _Wrong]] = {
    bool: (st.booleans, ((None, "wrong_type"), ([], "wrong_type"), ("maybe", "wrong_type"))),
    int: (st.integers, _NUMBERS),
    float: (lambda: st.floats(allow_nan=False, allow_infinity=False), _NUMBERS),
    str: (st.text, ((None, "wrong_type"), ([], "wrong_type"), (12, "wrong_type"))),
    bytes: (st.binary, ((None, "wrong_type"), ([], "wrong_type"), (12, "wrong_type"))),
    type(None): (st.none, ((0, "wrong_type"), ("text", "wrong_type"))),
}


def _shape(tp: Any) -> _Shape:
    from validation._named import NamedOptions
    from validation._secret import Secret

    if tp is Any or tp is object:
        return _Leaf(lambda: st.none() | st.integers() | st.text(max_size=8), ())
    scalar = _SCALARS.get(tp)
    if scalar is not None:
        return _Leaf(*scalar)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _annotated(args[0], tp.__metadata__, tp)
    if origin in REQUIREDNESS:
        return _compile(args[0])
    if origin is Literal:
        return _Leaf(lambda: st.sampled_from(args), (([], "bad_value"),))
    if origin is Union or origin is types.UnionType:
        return _union(args)
    if origin is Secret:
        return _Secret(_compile(args[0] if args else Any))
    if origin is NamedOptions or tp is NamedOptions:
        return _named(args[0] if args else str, args[1] if len(args) > 1 else dict[str, Any])
    container = origin if origin is not None else tp
    if container in LISTS:
        kind = LISTS[container]
        if kind is tuple and args and (len(args) != 2 or args[1] is not Ellipsis):
            return _Fixed(tuple(_compile(arg) for arg in args if arg != ()))
        return _Items(kind, _compile(args[0] if args else Any))
    if container in DICTS:
        key, value = args if len(args) == 2 else (str, Any)
        return _Table(_compile(key), _compile(value))
    if is_class(tp):
        if issubclass(tp, enum.Enum):
            members = list(tp)
            return _Leaf(lambda: st.sampled_from(members), (([], "bad_value"),))
        fields = class_fields(tp)
        if fields is not None:
            record = _Record(tp.__qualname__)
            record.check = rules_check(tp)
            _COMPILED[tp] = record  # before the fields: they may name the class again
            try:
                record.fill([_Field(key, _compile(hint), required, null) for key, hint, required, null in fields])
            except BaseException:
                del _COMPILED[tp]  # no half-built record left behind to draw `{}` from
                raise
            return record
    return _fallback(tp)


def _named(name: Any, options: Any) -> _Shape:
    from validation._named import _known_names

    known = _known_names(name)
    if known:  # the names the input writes: a Literal's strings, an Enum's values
        return _Named(_Leaf(lambda: st.sampled_from(known), ()), True, _compile(options))
    if name is str:
        return _Named(_compile(str), True, _compile(options))
    return _Named(_compile(name), False, _compile(options))


def _union(args: tuple[Any, ...]) -> _Shape:
    none = type(None)
    members = tuple(_compile(arg) for arg in sorted(args, key=lambda arg: arg is not none))
    others = [arg for arg in args if arg is not none]
    wrong: _Wrong = ()
    if len(others) == 1 and len(args) == 2:  # Optional[X]: X's wrong values but None
        wrong = tuple(item for item in _compile(others[0]).wrong if item[0] is not None)
    return _Union(members, wrong)


def _fallback(tp: Any) -> _Shape:
    """Types the shapes do not model (datetimes, UUIDs, ...): Hypothesis' own, kept where they parse."""
    check = checker(tp)
    return _Leaf(lambda: st.from_type(tp).filter(check), ())


# ---------------------------------------------------------------------- Annotated constraints

_BOUNDS = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern")


def _annotated(base: Any, metadata: tuple[Any, ...], whole: Any) -> _Shape:
    bounds: dict[str, Any] = {}
    unknown = False
    for item in flatten(metadata):
        if isinstance(item, str | int | float | bytes) or item is None:
            continue  # documentation, not a constraint
        found = {name: getattr(item, name) for name in _BOUNDS if getattr(item, name, None) is not None}
        if found and not has_other_constraints(item, found):
            bounds.update(found)
            # Python's `re` and pydantic's Rust regex differ (`$` before a final newline):
            # the validator has the last word.
            unknown = unknown or "pattern" in found
        else:
            unknown = True
    inner = _compile(base)
    if not bounds and not unknown:
        return inner
    if not unknown and bounds.keys() <= {"min_length", "max_length"}:
        # A sized container stays a container, so typos and wrong values reach the records in it.
        low, high = bounds.get("min_length", 0), bounds.get("max_length")
        if isinstance(inner, _Items):
            return _Items(inner.kind, inner.item, low, high)
        if isinstance(inner, _Table):
            return _Table(inner.key, inner.value, low, high)
    make = _bounded(base, bounds)
    if make is None:
        make = inner.strategy
        unknown = True
    if unknown:
        check = checker(whole)
        return _Leaf(lambda: make().filter(check), inner.wrong)
    return _Leaf(make, inner.wrong)


def _bounded(base: Any, bounds: dict[str, Any]) -> Callable[[], st.SearchStrategy[Any]] | None:
    low, high = bounds.get("min_length", 0), bounds.get("max_length")
    if base is int and not {"min_length", "max_length", "pattern"} & bounds.keys():
        least = int_bound(bounds, "ge", "gt", 1)
        most = int_bound(bounds, "le", "lt", -1)
        return lambda: st.integers(least, most)
    if base is float and not {"min_length", "max_length", "pattern"} & bounds.keys():
        least, most = bounds.get("ge", bounds.get("gt")), bounds.get("le", bounds.get("lt"))
        return lambda: st.floats(
            least,
            most,
            exclude_min="gt" in bounds,
            exclude_max="lt" in bounds,
            allow_nan=False,
            allow_infinity=False,
        )
    if base is str and bounds.keys() <= {"min_length", "max_length", "pattern"}:
        pattern = bounds.get("pattern")
        if pattern is not None:
            return lambda: st.from_regex(str(pattern)).filter(lambda text: low <= len(text) <= (high or len(text)))
        return lambda: st.text(min_size=low, max_size=high)
    if bounds.keys() <= {"min_length", "max_length"}:
        shape = _compile(base)
        if isinstance(shape, _Items):
            sized = _Items(shape.kind, shape.item, low, high)
            return sized.strategy
        if isinstance(shape, _Table):
            table = _Table(shape.key, shape.value, low, high)
            return table.strategy
        if base is bytes:
            return lambda: st.binary(min_size=low, max_size=high)
    return None


# ---------------------------------------------------------------------- typos and wrong values


def _typo_able(record: _Record) -> bool:
    """Whether some record `record` may hold has a key with a misspelling suggested back."""
    seen: set[int] = set()
    stack: list[_Shape] = [record]
    while stack:
        shape = stack.pop()
        if id(shape) in seen:
            continue
        seen.add(id(shape))
        if isinstance(shape, _Record):
            for key in sorted(shape.keys):
                for letter in "xq":
                    spelt = (typo for typo in misspellings(key, letter) if typo not in shape.keys)
                    if any(key in shape.suggester.suggest(typo, {typo: 0}) for typo in spelt):
                        return True
        stack.extend(shape.children())
    return False


@st.composite
def _draw_typo(draw: st.DrawFn, record: _Record, maps: st.SearchStrategy[Any]) -> Typo:
    data = draw(maps)
    sites = [(path, mapping, level) for path, mapping, level in record.levels(data, ()) if mapping]
    if not sites:
        reject()
    path, mapping, level = draw(st.sampled_from(sites))
    original: str = draw(st.sampled_from(sorted(mapping)))
    letter = draw(st.sampled_from(_TYPO_LETTERS))
    rest = {key: value for key, value in mapping.items() if key != original}
    candidates = [
        typo
        for typo in misspellings(original, letter)
        if typo not in level.keys and typo not in rest and original in level.suggester.suggest(typo, {**rest, typo: 0})
    ]
    if not candidates:
        reject()
    typo = draw(st.sampled_from(candidates))
    renamed = {(typo if key == original else key): value for key, value in mapping.items()}
    return Typo(_replace_at(data, path, renamed), original, (*path, typo))


@st.composite
def _draw_wrong(draw: st.DrawFn, record: _Record, maps: st.SearchStrategy[Any]) -> WrongValue:
    data = draw(maps)
    sites = [
        (path, mapping, field)
        for path, mapping, level in record.levels(data, ())
        for field in level.fields
        if field.wrong
    ]
    path, mapping, field = draw(st.sampled_from(sites))
    value, code = draw(st.sampled_from(field.wrong))
    changed = {**mapping, field.key: value}
    return WrongValue(_replace_at(data, path, changed), (*path, field.key), code)


def _replace_at(data: Any, path: Path, new: object) -> Any:
    """A copy of `data` with the value at `path` replaced by `new` (containers along the way copied)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replace_at(data[head], rest, new)}
    items = list(data)
    items[typing.cast("int", head)] = _replace_at(items[typing.cast("int", head)], rest, new)
    return tuple(items) if isinstance(data, tuple) else items
