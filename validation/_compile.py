# Core schemas are untyped nested dicts by nature:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
"""How a core schema is built: one answer, one lock, pydantic's public API only.

Every validator in `validation` is made here, by `compile_schema`, under `COMPILE_LOCK`
(re-entrant: an `Options` class met while building another builds inside the same hold).
Nothing here writes to a user's class or to pydantic's objects; a schema is closed by
two public means together:

- at call time, `validate_python(data, extra="forbid")` (pydantic >= 2.12) closes every
  level, including pydantic models and dataclasses whose own validators pydantic-core
  reuses as they are (a schema with none of those, `Options` alone say, is closed whole
  by the copy and skips the switch: it costs a tenth of a valid parse);
- in a copy of the core schema (`close_schema`), each level its own type opens
  explicitly (a model or dataclass config setting `extra`, a TypedDict with `closed=False`
  or `extra_items`, `schema(..., open=True)`) is validated by a validator of its own,
  called from a wrap function: the call-time `extra` does not reach into it, so that
  level keeps its behaviour. Inside it, levels a type leaves at pydantic's default are
  closed by the copy (`extra_behavior="forbid"`), except complete pydantic models and
  dataclasses, whose own validators pydantic-core reuses: they ignore unknown keys there.

The copy also bounds two costs pydantic would pay in full: a `Decimal` with a huge
exponent for an `int` field, and a bytes key read as text.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final, final

import typing_extensions
from pydantic import Secret as PydanticSecret
from pydantic import SecretBytes, SecretStr
from pydantic import TypeAdapter as _TypeAdapter
from pydantic_core import PydanticCustomError, PydanticKnownError, SchemaValidator

from validation._kinds import TRANSPARENT_KEY
from validation._open import declared_keys, near_miss_checked
from validation._secret import is_secret_function

__all__ = [
    "COMPILE_LOCK",
    "PROBE",
    "Compiled",
    "close_schema",
    "compile_annotation",
    "compile_schema",
    "contains_secret",
]

COMPILE_LOCK: Final = threading.RLock()
"""Held while any core schema or validator is built: one discipline for every build."""

INT_DIGITS: Final = 4300
"""An integer given as a `Decimal` with more digits than this is refused before conversion."""

_NO_EXTRA_ITEMS = getattr(typing_extensions, "NoExtraItems", None)
_OPEN_KEYS = frozenset({"default", "expected", "members", "cls", "metadata", "serialization", "config", "function"})
_SECRET_CLASSES: tuple[type[Any], ...] = (SecretStr, SecretBytes, PydanticSecret)


@final
class Compiled:
    """A validator and the schema it was built from; with `forbid_at_call`, `validate` closes at call time."""

    __slots__ = ("schema", "validate", "validator")

    def __init__(self, schema: Any, validator: SchemaValidator, *, forbid_at_call: bool) -> None:
        self.schema: Any = schema
        self.validator: SchemaValidator = validator
        self.validate: Callable[..., Any] = (
            functools.partial(validator.validate_python, extra="forbid")
            if forbid_at_call
            else validator.validate_python
        )


def compile_annotation(tp: Any, *, closed: bool = True) -> Compiled:
    """The compiled validator of a type expression (already `prepare`d), built under the lock."""
    with COMPILE_LOCK:
        adapter = _TypeAdapter(tp)
        schema = adapter.core_schema
        if not isinstance(schema, dict):  # pydantic's stand-in for a type with unresolved annotations
            adapter.rebuild(raise_errors=True)
            schema = adapter.core_schema
        return compile_schema(schema, closed=closed)


def compile_schema(schema: Any, *, closed: bool = True) -> Compiled:
    """A validator for `schema`: closed (`close_schema`, and `extra="forbid"` at call time if needed) or as declared."""
    with COMPILE_LOCK:
        if not closed:
            guarded = _guard_ints(schema)
            return Compiled(guarded, SchemaValidator(guarded), forbid_at_call=False)
        copy = close_schema(schema)
        return Compiled(copy, SchemaValidator(copy), forbid_at_call=_reuses_validators(copy))


def _reuses_validators(schema: Any) -> bool:
    """Whether a closed schema holds a class whose own validator pydantic-core may reuse.

    Only there does the call-time `extra="forbid"` close something the copy could not: a
    pydantic model or dataclass. A class that cannot be asked counts as one.
    """
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            cls = node.get("cls")
            if cls is not None:
                try:
                    if isinstance(getattr(cls, "__pydantic_validator__", None), SchemaValidator):
                        return True
                except Exception:  # a class whose attribute lookup raises: stay on the safe side
                    return True
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
    return False


def close_schema(schema: Any) -> Any:
    """A copy of a core schema closed at every level its types leave at pydantic's default.

    Levels opened explicitly are wrapped so that the call-time `extra="forbid"` cannot
    reach them (see the module docstring); `int` fields refuse a `Decimal` with more than
    `INT_DIGITS` digits before pydantic converts it; `str` dict keys are strict (a bytes
    key read as text would hide the mistake).
    """
    definitions: list[Any] = []
    node = schema
    while isinstance(node, dict) and node.get("type") == "definitions":
        definitions.extend(node.get("definitions", ()))
        node = node["schema"]
    plain_defs = [_close(item, wrap=False) for item in definitions]
    closer = _Closer(plain_defs, {item.get("ref"): item for item in definitions if isinstance(item, dict)})
    inner = closer.close(node)
    if not definitions:
        return inner
    return {"type": "definitions", "schema": inner, "definitions": [closer.close(item) for item in definitions]}


@final
class _Closer:
    """Closes a schema, wrapping each explicitly opened level in a validator of its own."""

    __slots__ = ("_defs", "_raw_defs")

    def __init__(self, plain_defs: list[Any], raw_defs: dict[Any, Any]) -> None:
        self._defs = plain_defs
        self._raw_defs = raw_defs

    def close(self, node: Any) -> Any:
        return _close(node, wrap=True, opener=self._open)

    def _open(self, node: Any) -> Any:
        """An opened level validated by its own validator, or `None` when that would open others too.

        A level opened explicitly stays open unless keeping it open would leave open a
        level beneath that its own type does not open (closed by default wins): the
        validator a complete pydantic model or dataclass carries is reused whole by
        pydantic-core, nested levels included.
        """
        prebuilt = node.get("type") in ("model", "dataclass") and _complete(node.get("cls"))
        if _opens_others(node, self._raw_defs, prebuilt=prebuilt):
            return None
        plain = _close(node, wrap=False)
        ref = plain.pop("ref", None)  # a definition keeps its name on the wrapper
        root: Any = {"type": "definitions", "schema": plain, "definitions": self._defs} if self._defs else plain
        level = _OpenLevel(SchemaValidator(root))
        wrapper = {"type": "function-wrap", "function": {"type": "no-info", "function": level}, "schema": plain}
        if ref is not None:
            wrapper["ref"] = ref
        return wrapper


@final
class _OpenLevel:
    """A wrap function running an opened level's own validator, out of reach of the call-time `extra`."""

    __slots__ = ("_validate",)

    def __init__(self, validator: SchemaValidator) -> None:
        self._validate = validator.validate_python

    def __call__(self, value: object, handler: object) -> object:
        return self._validate(value)


def _close(node: Any, *, wrap: bool, opener: Callable[[Any], Any] | None = None, explicit: bool = False) -> Any:
    if isinstance(node, list):
        return [_close(item, wrap=wrap, opener=opener) for item in node]
    if isinstance(node, tuple):
        return tuple(_close(item, wrap=wrap, opener=opener) for item in node)
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    opened = kind in ("model", "dataclass") and "extra_fields_behavior" in (node.get("config") or {})
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if key in _OPEN_KEYS:
            copy[key] = value
        else:
            copy[key] = _close(value, wrap=wrap, opener=opener, explicit=opened and key == "schema")
    if kind == "dict":
        keys = copy.get("keys_schema")
        if isinstance(keys, dict) and keys.get("type") == "str" and "strict" not in keys:
            copy["keys_schema"] = {**keys, "strict": True}
    elif kind == "int" and not copy.get("strict"):
        return _guarded_int(copy)
    typed_dict_open = kind == "typed-dict" and _typed_dict_open(node)
    if (kind in ("model-fields", "dataclass-args") and not explicit) or (kind == "typed-dict" and not typed_dict_open):
        copy["extra_behavior"] = "forbid"
    result = copy
    if wrap and opener is not None and (opened or typed_dict_open):
        result = opener(node) or copy
    if wrap and (typed_dict_open or (opened and node["config"]["extra_fields_behavior"] == "allow")):
        result = near_miss_checked(result, declared_keys(node))  # open, yet a near miss of its keys is caught
    return result


def _guard_ints(node: Any) -> Any:
    """A copy of `node` with only its lax `int` schemas guarded (for `open=True`: nothing closed)."""
    if isinstance(node, list | tuple):
        items = [_guard_ints(item) for item in node]
        return items if isinstance(node, list) else tuple(items)
    if not isinstance(node, dict):
        return node
    copy = {key: value if key in _OPEN_KEYS else _guard_ints(value) for key, value in node.items()}
    return _guarded_int(copy) if copy.get("type") == "int" and not copy.get("strict") else copy


def _complete(cls: object) -> bool:
    """Whether pydantic-core would reuse the class's own validator (read from its `__dict__`, never written)."""
    return isinstance(cls, type) and cls.__dict__.get("__pydantic_complete__") is True


def _opens_others(node: Any, defs: Mapping[Any, Any], *, prebuilt: bool) -> bool:
    """Whether validating `node` by itself would leave open a level beneath it that its type leaves at the default."""
    stack: list[Any] = [value for key, value in node.items() if key not in _OPEN_KEYS]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
            continue
        if not isinstance(item, dict) or id(item) in seen:
            continue
        seen.add(id(item))
        kind = item.get("type")
        if kind == "definition-ref":
            stack.append(defs.get(item.get("schema_ref")))
            continue
        if kind in ("model", "dataclass"):
            inner = item.get("schema")
            explicit = "extra_fields_behavior" in (item.get("config") or {}) or (
                isinstance(inner, dict) and inner.get("extra_behavior") == "forbid"
            )
            if not explicit and (prebuilt or _complete(item.get("cls"))) and item.get("cls") is not node.get("cls"):
                return True
        elif kind == "typed-dict" and prebuilt and "extra_behavior" not in item and not _typed_dict_open(item):
            return True
        stack.extend(value for key, value in item.items() if key not in _OPEN_KEYS)
    return False


PROBE: Final = "eitherway_probe"
"""Marks the strict-int member of a guarded int: its errors say nothing the lax member does not."""


def _guarded_int(node: dict[str, Any]) -> dict[str, Any]:
    """An int schema that refuses a huge `Decimal` before converting it, at no cost for an actual int.

    A strict int member takes ints in Rust; everything else goes on to the guard and the
    lax int, left to right. The strict member's errors are dropped when translating.
    """
    inner = {key: value for key, value in node.items() if key not in ("ref", "serialization")}
    probe = {**inner, "strict": True, "metadata": {PROBE: True}}
    guarded = {
        "type": "function-before",
        "function": {"type": "no-info", "function": _bounded_int},
        "schema": inner,
        "metadata": {TRANSPARENT_KEY: ()},  # takes what an int takes, for union reports
    }
    union: dict[str, Any] = {"type": "union", "choices": [probe, guarded], "mode": "left_to_right"}
    for key in ("ref", "serialization"):
        if key in node:
            union[key] = node[key]
    return union


def _bounded_int(value: object) -> object:
    """Refuse, before pydantic converts it, a `Decimal` whose conversion would take seconds.

    Past `INT_DIGITS` digits it is too large; with an exponent below `-INT_DIGITS` pydantic
    spends seconds finding the fraction (`1E-10000000`), found here at once. Zero, whatever
    its exponent (`0E+5000`), is an integer.
    """
    if isinstance(value, Decimal) and value.is_finite() and not value.is_zero():
        if value.adjusted() >= INT_DIGITS:
            raise PydanticCustomError(
                "int_too_large", "Input should be an integer of at most {digits} digits", {"digits": INT_DIGITS}
            )
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -INT_DIGITS and value != value.to_integral_value():
            raise PydanticKnownError("int_from_float")
    return value


def _typed_dict_open(node: Any) -> bool:
    """Whether a TypedDict opens itself: judged by its class (pydantic copies a parent's config into the node)."""
    cls = node.get("cls")
    if cls is None:
        return bool(node.get("extra_behavior") == "allow")
    if getattr(cls, "__closed__", None) is False:
        return True
    extra_items = getattr(cls, "__extra_items__", _NO_EXTRA_ITEMS)
    if extra_items is not _NO_EXTRA_ITEMS and extra_items is not None:
        return True
    config: Mapping[str, object] = getattr(cls, "__pydantic_config__", None) or {}
    return "extra" in config


def contains_secret(node: Any, defs: Mapping[str, Any], memo: dict[int, bool]) -> bool:
    """Whether a schema node validates a secret anywhere beneath it (`Secret`, pydantic's `SecretStr`...).

    An input that reaches such a node is never rendered: a union member's error, a key
    of a dict keyed by secrets, a constraint on a `SecretStr` would otherwise quote it.
    """
    key = id(node)
    known = memo.get(key)
    if known is not None:
        return known
    memo[key] = False  # a recursive schema reaching itself adds nothing
    found = _secret_here(node, defs, memo)
    memo[key] = found
    return found


def _secret_here(node: Any, defs: Mapping[str, Any], memo: dict[int, bool]) -> bool:
    if isinstance(node, list | tuple):
        return any(contains_secret(item, defs, memo) for item in node)
    if not isinstance(node, dict):
        return False
    if node.get("type") == "definition-ref":
        target = defs.get(node.get("schema_ref", ""))
        return target is not None and contains_secret(target, defs, memo)
    cls = node.get("cls")
    if isinstance(cls, type) and issubclass(cls, _SECRET_CLASSES):
        return True
    function = node.get("function")
    if isinstance(function, dict):
        inner = function.get("function")
        if is_secret_function(inner) or (isinstance(inner, type) and issubclass(inner, _SECRET_CLASSES)):
            return True
    return any(contains_secret(value, defs, memo) for key, value in node.items() if key not in _OPEN_KEYS)
