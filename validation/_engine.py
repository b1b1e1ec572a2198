"""The engine: a compiled schema's fast path, and an error path that never raises.

Why this shape: a valid input costs one call into pydantic-core (`parse` does nothing
else). Only when validation fails does the engine do more, and there it promises three
things whatever the input:

- a `Left`, never an exception: a mapping whose `__iter__`, `__getitem__` or `__len__`
  raises, a `str` key whose `__eq__` raises, a key with a lone surrogate are issues
  (`bad_input`, `bad_key`); any `Mapping` (a `ChainMap`, a `MappingProxyType`) is read as
  a mapping at every level, by re-validating a plain copy;
- bounded cost: at most `MATERIALISED` issues are built; past that, unknown keys beyond
  the first are dropped from a copy of the input before it is validated again, and one
  last issue (`too_many_issues`) counts every issue left out;
- nothing leaked: see `validation._translate`.

How validators are built is `validation._compile`'s job; how errors read, `_translate`'s.
"""

from __future__ import annotations

import itertools
import os
import traceback
from collections.abc import Callable, Collection, Mapping
from typing import Any, Final, Generic, TypeVar, cast, final

from pydantic_core import SchemaValidator, ValidationError

from either import Left, Right
from either._core import Either
from validation._compile import Compiled
from validation._issues import Invalid, Issue
from validation._lenient import Parsed, lenient_parse
from validation._nodes import declared
from validation._translate import Translator

__all__ = ["MATERIALISED", "Engine"]

_T = TypeVar("_T")

_LIBRARY_MODULES: Final = frozenset({"pydantic", "pydantic_core", "validation", "either"})
MATERIALISED: Final = 1000
"""Issues built per parse at most; the rest are counted in one `too_many_issues` issue."""
_EXAMINED: Final = 10 * MATERIALISED  # errors walked to count the issues past the first ones

_DEPTH: Final = 400  # the input copy stops converting below this depth (pydantic stops earlier)
_UNICODE_ERRORS = frozenset({"string_unicode"})
_NOT_MAPPING = frozenset(
    {"dict_type", "model_type", "dataclass_type", "model_attributes_type", "dataclass_exact_type", "mapping_type"}
)


@final
class _Unreadable:
    """Stands in the input copy for a mapping that raised while read (already an issue)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unreadable>"


_UNREADABLE: Final = _Unreadable()


@final
class Engine(Generic[_T]):
    """A compiled schema: `parse` validates and returns `Right(value)` or `Left(Invalid)`.

    Built once per schema and cached by its owner (an `Options` class, a `MapSchema`, the
    `parse` cache). `name` names the schema in the message for a non-mapping input.
    """

    __slots__ = ("_translator", "validate", "validator")

    def __init__(self, compiled: Compiled, name: str) -> None:
        self.validator: SchemaValidator = compiled.validator
        self.validate: Callable[..., Any] = compiled.validate
        self._translator = Translator(compiled.schema, name)

    @property
    def shape(self) -> Translator:
        """The compiled schema's walker (`root`, `unwrap`, `child`): what sources read fields from."""
        return self._translator

    def parse(self, data: object) -> Either[Invalid, _T]:
        """Validate `data`; the error path alone pays for translating errors."""
        if self._translator.mapping and data.__class__ is not dict and isinstance(data, Mapping):
            return self._again(cast("Any", data))
        try:
            return Right(self.validate(data))
        except ValidationError as exc:
            return self.recover(exc, data)
        except Exception:  # a hostile input raised inside pydantic-core: read a plain copy
            return self._again(data)

    def parse_lenient(self, data: object, warn: Collection[str]) -> Either[Invalid, Parsed[_T]]:
        """`parse`, with issues of the codes in `warn` returned as warnings beside the value (see `Parsed`)."""
        return lenient_parse(self.parse, data, warn)

    def init(self, instance: object, data: dict[str, Any]) -> Invalid | None:
        """Validate `data` into an existing `instance` (an `Options.__init__`)."""
        try:
            self.validate(data, self_instance=instance)
        except ValidationError as exc:
            result = self.recover(exc, data, self_instance=instance)
        except Exception:
            result = self._again(data, self_instance=instance)
        else:
            return None
        return result.error if isinstance(result, Left) else None

    # ------------------------------------------------------------------ the error path

    def recover(self, exc: ValidationError, data: object, **kwargs: Any) -> Either[Invalid, _T]:
        """The result for `data`, which failed validation with `exc`; never raises.

        Mostly `Left(every issue)`; `Right` when a plain copy of `data` (a `ChainMap`
        nested somewhere read as the dict it stands for) validates.
        """
        try:
            return self._recover(exc, data, kwargs)
        except Exception:  # pragma: no cover - a last guard: the promise is a Left
            return Left(_unreadable(data))

    def _recover(self, exc: ValidationError, data: object, kwargs: dict[str, Any]) -> Either[Invalid, _T]:
        dropped = 0
        if exc.error_count() > MATERIALISED:
            pruner = _Pruner(self._translator)
            data = pruner.prune(self._translator.root, data, 0)
            dropped = pruner.dropped
            exc = self._revalidate(data) or exc
        errors = exc.errors(include_url=False)
        examined = errors[:_EXAMINED]
        if any(_needs_copy(error) for error in examined):
            return self._again(data, **kwargs)
        unexamined = len(errors) - len(examined)
        if len(errors) > MATERIALISED:  # many issues of other kinds: counted as they would be reported, not built
            issues, more = self._translator.translate_first(examined, data, MATERIALISED)
            dropped += more
        else:
            issues = self._translator.translate(errors, data)
        if dropped or unexamined:
            unlisted = f"{dropped} more issue{'' if dropped == 1 else 's'} not listed"
            note = f"{unlisted} (issues are counted past {MATERIALISED})"
            if unexamined:  # past `_EXAMINED`, pydantic's errors are not walked: how many issues they make is unknown
                listed = f"{unlisted}, then " if dropped else ""
                note = f"{listed}{unexamined} more error{'' if unexamined == 1 else 's'} not examined"
            issues.append(Issue((), "too_many_issues", note))
        return Left(Invalid(issues))

    def _revalidate(self, data: object) -> ValidationError | None:
        try:
            self.validate(data)
        except ValidationError as exc:
            return exc
        except Exception:
            return None
        return None

    def _again(self, data: object, **kwargs: Any) -> Either[Invalid, _T]:
        """Validate a plain copy of `data` (dicts with `str` keys), reporting what could not be copied."""
        copier = _Copier()
        copy = copier.copy(data, ())
        try:
            value = self.validate(copy, **kwargs)
        except ValidationError as exc:
            errors: list[Any] = [error for error in exc.errors(include_url=False)[:MATERIALISED] if not _unread(error)]
            return Left(Invalid([*copier.issues, *self._translator.translate(errors, copy)] or [_bad_input(data)]))
        except Exception as exc:  # the input was read in full: a validator raised
            return Left(Invalid([*copier.issues] or [_validator_error(exc)]))
        if copier.issues:
            return Left(Invalid(copier.issues))
        return Right(value)


def _unread(error: Any) -> bool:
    return error.get("input") is _UNREADABLE


def _needs_copy(error: Any) -> bool:
    kind = error["type"]
    if kind in _UNICODE_ERRORS:
        return True
    value = error.get("input")
    return kind in _NOT_MAPPING and value.__class__ is not dict and isinstance(value, Mapping)


def _bad_input(data: object) -> Issue:
    return Issue((), "bad_input", f"the input could not be read: a value of type {type(data).__qualname__} raised")


def _validator_error(exc: Exception) -> Issue:
    """A validator's own exception, named by type and by the innermost frame outside pydantic
    and this package; its text is not shown, since it may quote the input."""
    where = ""
    for frame, line in traceback.walk_tb(exc.__traceback__):
        module = frame.f_globals.get("__name__", "")
        if not isinstance(module, str) or module.partition(".")[0] not in _LIBRARY_MODULES:
            code = frame.f_code
            where = f" in {code.co_name}() ({os.path.basename(code.co_filename)}:{line})"
    return Issue(
        (),
        "validator_error",
        f"a validator raised {type(exc).__qualname__}{where}; a validator reports a bad value by raising "
        "ValueError or AssertionError, so this is likely a bug in it",
    )


def _unreadable(data: object) -> Invalid:
    return Invalid([_bad_input(data)])


@final
class _Copier:
    """A plain copy of an input: every `Mapping` a dict with plain `str` keys, lists and tuples copied.

    What cannot be read becomes an issue: a mapping that raises (`bad_input`, replaced by
    a stand-in pydantic rejects and the translation skips), a key with a lone surrogate
    (`bad_key`, left out). Cycles are kept as cycles; below `_DEPTH` nothing is copied.
    """

    __slots__ = ("_copies", "issues")

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self._copies: dict[int, object] = {}

    def copy(self, value: object, path: tuple[str | int, ...]) -> object:
        if len(path) > _DEPTH:
            return value
        if isinstance(value, Mapping):
            return self._mapping(cast("Any", value), path)
        if value.__class__ is list or value.__class__ is tuple:
            known = self._copies.get(id(value))
            if known is not None:
                return known
            items: list[object] = []
            self._copies[id(value)] = items
            sequence = cast("list[object]", value)
            items.extend(self.copy(item, (*path, index)) for index, item in enumerate(sequence))
            return items if value.__class__ is list else tuple(items)
        return value

    def _mapping(self, value: Mapping[Any, Any], path: tuple[str | int, ...]) -> object:
        known = self._copies.get(id(value))
        if known is not None:
            return known
        copy: dict[object, object] = {}
        self._copies[id(value)] = copy
        try:
            len(value)  # a mapping that cannot say its size is not read either: it lies somewhere
            pairs = [(key, value[key]) for key in value]
        except Exception as exc:
            self.issues.append(
                Issue(
                    path,
                    "bad_input",
                    f"the mapping could not be read: {type(exc).__qualname__} raised by {type(value).__qualname__}",
                )
            )
            return _UNREADABLE
        for raw, item in pairs:
            key = raw
            if isinstance(raw, str):
                key = str.__getitem__(raw, slice(None))  # a plain str: a subclass's __eq__/__hash__ never runs
                if not _encodable(key):
                    self.issues.append(
                        Issue(path, "bad_key", "a key that is not valid text (it holds a lone surrogate)")
                    )
                    continue
            copy[key] = self.copy(item, (*path, key if isinstance(key, str) else "<key>"))
        return copy


def _encodable(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


@final
class _Pruner:
    """A copy of the input keeping only the first `MATERIALISED` unknown keys, counting the rest.

    Follows the schema through declared keys, dict values and list items; a level it
    cannot follow (a union) is kept as it is.
    """

    __slots__ = ("_left", "_translator", "dropped")

    def __init__(self, translator: Translator) -> None:
        self._translator = translator
        self._left = MATERIALISED
        self.dropped = 0

    def prune(self, node: Any, value: object, depth: int) -> object:
        here = self._translator.unwrap(node)
        if here is None or depth > _DEPTH:
            return value
        kind = here.get("type")
        if value.__class__ is dict:
            mapping: dict[Any, Any] = cast("Any", value)
            if kind in ("typed-dict", "model-fields", "dataclass-args"):
                return self._level(here, mapping, depth)
            if kind == "dict":
                values = here.get("values_schema")
                return {key: self.prune(values, item, depth + 1) for key, item in mapping.items()}
        if value.__class__ is list and kind in ("list", "set", "frozenset", "tuple"):
            child = self._translator.child
            items = cast("list[object]", value)
            return [self.prune(child(here, index), item, depth + 1) for index, item in enumerate(items)]
        return value

    def _level(self, here: Any, value: dict[Any, Any], depth: int) -> dict[Any, Any]:
        known = declared(here)
        kept = {
            key: self.prune(self._translator.child(here, key), value[key], depth + 1) for key in known if key in value
        }
        # Only as many unknown keys are looked at as are kept: the rest are counted, not visited.
        unknown = list(itertools.islice((key for key in value if key not in kept), self._left))
        self._left -= len(unknown)
        self.dropped += len(value) - len(kept) - len(unknown)
        for key in unknown:
            kept[key] = value[key]
        return kept
