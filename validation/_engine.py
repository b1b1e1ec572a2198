# The engine walks pydantic-core schemas and inputs, which are untyped nested dicts by nature:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
"""The engine: one pydantic-core validator per schema, and its errors turned into `Issue`s.

Why this shape: pydantic-core validates fast and coerces well, but its errors are made for
pydantic's own report: a misspelt key is reported twice (`missing` plus `extra_forbidden`),
an integer key looks like a list index, a bytes key like a string, and every error
carries the input, secrets included. `Engine` keeps the validator for the fast path
(`parse` is one call into Rust when the input is valid) and, only when validation fails,
walks the core schema and the input along each error's location to build issues that say
what was expected, what came and where, with suggestions for misspelt keys and values.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Mapping
from typing import Any, Generic, TypeVar, final

import typing_extensions
from pydantic_core import SchemaValidator, ValidationError

from either import Left, Right
from either._core import Either
from either._errors import describe, short_repr
from validation._issues import Invalid, Issue
from validation._kinds import describe_input, expected_members, input_kind, member_kinds
from validation._lenient import Parsed, lenient_parse
from validation._open import near_miss_checked
from validation._rules import ISSUES_ERROR
from validation._secret import SECRET_ERROR
from validation._suggest import KeySuggester, suggest_values

__all__ = ["Engine", "close_schema", "closed_validator"]

_T = TypeVar("_T")

MAX_SUGGESTED = 32
"""Unknown keys per parse that get suggestions: the cost of a flood of typos stays bounded."""

_MESSAGE_LIMIT = 240

_MISSING = frozenset({"missing", "missing_keyword_only_argument", "missing_argument"})
_UNKNOWN = frozenset({"extra_forbidden", "unexpected_keyword_argument", "unexpected_positional_argument"})
_NOT_MAPPING = frozenset(
    {
        "dict_type",
        "model_type",
        "dataclass_type",
        "model_attributes_type",
        "dataclass_exact_type",
        "mapping_type",
    }
)
_TOO_DEEP = frozenset({"recursion_loop", "recursion_depth_exceeded"})
_CHOICE = frozenset({"literal_error", "enum"})
_WRONG_TYPE_EXTRA = frozenset(
    {"is_instance_of", "is_subclass_of", "callable_type", "none_required", "int_from_float", "bool_parsing"}
)
_WRAPPERS = frozenset(
    {
        "default",
        "nullable",
        "function-after",
        "function-before",
        "function-wrap",
        "model",
        "dataclass",
        "custom-error",
    }
)
_SEQUENCES = frozenset({"list", "set", "frozenset", "generator"})
_NO_INPUT = object()
_DROP = object()


@final
class Engine(Generic[_T]):
    """A compiled schema: `parse` validates and returns `Right(value)` or `Left(Invalid)`.

    Built once per schema and cached by its owner (an `Options` class, a `MapSchema`, the
    `parse` cache). `name` names the schema in the message for a non-mapping input.
    """

    __slots__ = ("_defs", "_key_suggesters", "_mapping", "_name", "_root", "_suggesters", "_validate", "validator")

    def __init__(self, schema: Any, validator: Any, name: str) -> None:
        self.validator: Any = validator
        self._validate = self.validator.validate_python
        self._name = name
        self._defs: dict[str, Any] = {}
        self._root = self._collect(schema)
        top = self._unwrap(self._root)
        self._mapping = top is not None and top.get("type") in (
            "dataclass-args",
            "typed-dict",
            "model-fields",
        )
        self._suggesters: dict[int, KeySuggester] = {}
        self._key_suggesters: dict[tuple[str, ...], KeySuggester] = {}

    def parse(self, data: object) -> Either[Invalid, _T]:
        """Validate `data`; the error path alone pays for translating errors."""
        if self._mapping and data.__class__ is not dict and isinstance(data, Mapping):
            data = dict(data)
        try:
            return Right(self._validate(data))
        except ValidationError as exc:
            return Left(self.translate(exc, data))

    def parse_lenient(self, data: object, warn: Collection[str]) -> Either[Invalid, Parsed[_T]]:
        """`parse`, with issues of the codes in `warn` returned as warnings beside the value (see `Parsed`)."""
        return lenient_parse(self.parse, data, warn)

    def init(self, instance: object, data: dict[str, Any]) -> Invalid | None:
        """Validate `data` into an existing `instance` (an `Options.__init__`)."""
        try:
            self._validate(data, self_instance=instance)
        except ValidationError as exc:
            return self.translate(exc, data)
        return None

    # ------------------------------------------------------------------ errors -> issues

    def translate(self, exc: ValidationError, data: object) -> Invalid:
        """Turn pydantic-core's errors into issues: one mistake, one issue.

        Unknown keys get suggestions from the declared keys of their level (keys present
        in the input skipped), and the `missing` issue of a suggested key is dropped.
        """
        located: list[tuple[Any, tuple[str | int, ...], Any, object, Any]] = []
        ready: dict[int, tuple[Issue, ...]] = {}  # issues made before translation, by position
        for error in exc.errors(include_url=False):
            path, node, parent, level, verdict = self._follow(error["loc"], data)
            if verdict is _DROP:  # a union member the input's kind does not fit
                continue
            if isinstance(verdict, Issue):  # no member fits: one issue for the union
                ready[len(located)] = (verdict,)
            elif error["type"] == ISSUES_ERROR:  # made by the library's validators (rules, named options)
                ready[len(located)] = tuple(found.under(*path) for found in error.get("ctx", {}).get("issues", ()))
            located.append((error, path, node, parent, level))
        suggestions: dict[tuple[str | int, ...], tuple[str, ...]] = {}
        suggested: set[tuple[str | int, ...]] = set()
        budget = MAX_SUGGESTED
        for position, (error, path, _, parent, level) in enumerate(located):
            if position in ready:
                continue
            if error["type"] in _UNKNOWN and path and isinstance(path[-1], str) and budget > 0:
                budget -= 1
                suggester = self._suggester(level)
                # The input mapping answers `in` for the keys already present.
                present: Collection[str] = parent if isinstance(parent, Mapping) else ()
                found = suggester.suggest(path[-1], present) if suggester is not None else ()
                if found or path not in suggestions:  # union members may both report a key
                    suggestions[path] = found
                suggested.update((*path[:-1], key) for key in found)
        issues: list[Issue] = []
        seen: set[Issue] = set()
        for position, (error, path, node, parent, _) in enumerate(located):
            made = ready.get(position)
            if made is None:
                kind = error["type"]
                if kind in _MISSING and path in suggested:
                    continue
                if kind in _UNKNOWN and path and isinstance(path[-1], str):
                    made = (Issue(path, "unknown_key", "unknown key", suggestions.get(path, ())),)
                elif kind in _MISSING:
                    made = (Issue(path, "missing", "required key missing"),)
                else:
                    made = (self._issue(kind, path, node, parent, error),)
            for issue in made:
                if issue not in seen:  # members of a union report the same mistake once each
                    seen.add(issue)
                    issues.append(issue)
        # Every issue is kept; `str(invalid)` and `to_json()` bound what they render.
        return Invalid(tuple(issues))

    def _issue(self, kind: str, path: tuple[str | int, ...], node: Any, parent: object, error: Any) -> Issue:
        value = error.get("input", _NO_INPUT)
        if kind == "invalid_key":
            return Issue(path[:-1], "bad_key", _cut(f"keys must be strings, got the key {describe(value)}"))
        if path and path[-1] == "[key]":
            if kind in _CHOICE and isinstance(value, str):  # a map keyed by a Literal or an Enum
                keys = [choice for choice in _allowed(node) if isinstance(choice, str)]
                return Issue(path[:-1], "unknown_key", "unknown key", self._suggester_for(keys).suggest(value))
            message = _expectation(error["msg"])
            return Issue(path[:-2], "bad_key", _cut(f"key {describe(value)}: {message}"))
        if kind in _NOT_MAPPING:
            what = f"a mapping for {self._name}" if not path else "a mapping"
            return Issue(path, "not_a_mapping", _cut(f"expected {what}, got {describe(value)}"))
        if kind in _TOO_DEEP:
            if kind == "recursion_loop":
                return Issue(path, "cycle", "the input contains itself (a cycle); expected a finite value")
            return Issue(path, "too_deep", "input nested too deeply for the schema to follow")
        if kind == SECRET_ERROR:
            return Issue(path, "bad_value", _cut(f"{error['msg']} (secret value not shown)"))
        message = _expectation(error["msg"])
        if kind in _CHOICE:
            allowed = _allowed(node)
            suggestions = tuple(_text(v) for v in suggest_values(value, allowed)) if allowed else ()
            return Issue(path, "bad_value", _cut(f"{message}, got {describe(value)}"), suggestions)
        code = "wrong_type" if _is_type_error(kind) else "bad_value"
        return Issue(path, code, _cut(f"{message}, got {describe(value)}"))

    def _suggester(self, node: Any) -> KeySuggester | None:
        """The suggester for the declared keys of a mapping level, built once per level."""
        if node is None:
            return None
        suggester = self._suggesters.get(id(node))
        if suggester is None:
            suggester = self._suggesters[id(node)] = KeySuggester(_declared(node))
        return suggester

    def _suggester_for(self, allowed: list[str]) -> KeySuggester:
        """The suggester for the allowed keys of a map keyed by a `Literal` or an `Enum`."""
        key = tuple(allowed)
        suggester = self._key_suggesters.get(key)
        if suggester is None:
            suggester = self._key_suggesters[key] = KeySuggester(allowed)
        return suggester

    # ------------------------------------------------------------------ schema walking

    def _collect(self, schema: Any) -> Any:
        """Register the definitions of a `definitions` schema; return its inner schema."""
        while isinstance(schema, dict) and schema.get("type") == "definitions":
            for definition in schema.get("definitions", ()):
                ref = definition.get("ref")
                if ref is not None:
                    self._defs[ref] = definition
            schema = schema["schema"]
        return schema

    def _unwrap(self, node: Any) -> Any:
        """Skip schemas that add no location: defaults, nullables, functions, refs."""
        for _ in range(64):
            if not isinstance(node, dict):
                return None
            kind = node.get("type")
            if kind == "definition-ref":
                node = self._defs.get(node["schema_ref"])
            elif kind == "definitions":
                node = self._collect(node)
            elif kind in _WRAPPERS and "schema" in node:
                node = node["schema"]
            elif kind == "lax-or-strict":
                node = node["lax_schema"]
            elif kind == "json-or-python":
                node = node["python_schema"]
            else:
                return node
        return None

    def _label(self, node: Any) -> str | None:
        """The class name pydantic-core uses as a union member's location tag."""
        for _ in range(64):
            if not isinstance(node, dict):
                return None
            if node.get("type") == "definition-ref":
                node = self._defs.get(node["schema_ref"])
                continue
            cls = node.get("cls")
            if cls is not None:
                return str(node.get("cls_name") or cls.__name__)
            node = node.get("schema")
        return None

    def _at(self, path: tuple[str | int, ...]) -> Any:
        node = self._root
        for item in path:
            node = self._child(self._unwrap(node), item)
            if node is None:
                return None
        return node

    def _child(self, node: Any, item: str | int) -> Any:
        if node is None:
            return None
        kind = node.get("type")
        if kind == "dataclass-args":
            for field in node["fields"]:
                if field.get("validation_alias", field["name"]) == item:
                    return field["schema"]
            return None
        if kind in ("typed-dict", "model-fields"):
            field = node["fields"].get(item)
            return None if field is None else field["schema"]
        if kind in _SEQUENCES:
            return node.get("items_schema")
        if kind == "dict":
            return node.get("keys_schema") if item == "[key]" else node.get("values_schema")
        if kind == "tuple":
            items = node.get("items_schema", [])
            variadic = node.get("variadic_item_index")
            if isinstance(item, int) and items:
                if variadic is not None and item >= variadic:
                    return items[variadic]
                return items[item] if item < len(items) else None
            return None
        if kind in ("union", "tagged-union"):
            choices = node["choices"]
            members = list(choices.values()) if isinstance(choices, dict) else choices
            for choice in members:
                schema = choice[0] if isinstance(choice, tuple) else choice
                found = self._child(self._unwrap(schema), item)
                if found is not None:
                    return found
            return None
        return None

    def _follow(
        self, loc: tuple[str | int, ...], data: object
    ) -> tuple[tuple[str | int, ...], Any, object, Any, object]:
        """Walk the schema and the input along an error's location.

        Returns the user's path (union tags dropped), the schema node at the end, the input
        holding the last step (the mapping of an unknown key), the schema node of that
        level (where the declared keys are), and the verdict of the first union on the
        way: `None` (report), `_DROP` (a member the input's kind does not fit) or the one
        `Issue` standing for a union that no member of fits.
        """
        node = self._root
        path: list[str | int] = []
        parent: object = _NO_INPUT
        level: Any = None
        current: object = data
        verdict: object = None
        for item in loc:
            here = self._unwrap(node)
            if here is not None and here.get("type") in ("union", "tagged-union"):
                chosen = _choice(here, item, self)
                if chosen is not None:  # the item was the union member's tag: not a key
                    if verdict is None and here.get("type") == "union" and current is not _NO_INPUT:
                        verdict = self._judge(here, chosen, current, tuple(path))
                    node = chosen
                    continue
            if item == "[key]" and isinstance(level, dict) and level.get("type") == "dict":
                node = level.get("keys_schema")  # the key of the previous step, not a key inside it
            else:
                level = here
                node = self._child(here, item)
            path.append(item)
            parent, current = current, _step(current, item)
        return tuple(path), node, parent, level, verdict

    def _judge(self, union: Any, member: Any, value: object, path: tuple[str | int, ...]) -> object:
        """Whether an error of `member` is reported, given the kind of input the union got."""
        kind = input_kind(value)
        if kind in member_kinds(member, self._resolve):
            return None
        members = [choice[0] if isinstance(choice, tuple) else choice for choice in union["choices"]]
        if any(kind in member_kinds(other, self._resolve) for other in members):
            return _DROP
        expected = expected_members(members, self._resolve)
        return Issue(path, "wrong_type", _cut(f"expected {expected}, got {describe_input(value)}"))

    def _resolve(self, node: Any) -> Any:
        return self._defs.get(node.get("schema_ref"))


def _choice(union: Any, tag: str | int, engine: Engine[Any]) -> Any:
    """The union member that a location tag names, or `None` when `tag` is a real key."""
    choices = union["choices"]
    if isinstance(choices, dict):
        return choices.get(tag)
    for choice in choices:
        if isinstance(choice, tuple):
            if choice[1] == tag:
                return choice[0]
            continue
        kind = choice.get("type")
        if engine._label(choice) == tag or tag == kind or (isinstance(tag, str) and tag.startswith(f"{kind}[")):
            return choice
    return None


def _step(container: object, item: str | int) -> object:
    """One step down the input along a location item; `_NO_INPUT` when it does not lead anywhere."""
    if container is _NO_INPUT:
        return _NO_INPUT
    try:
        if isinstance(container, Mapping):
            return container.get(item, _NO_INPUT)
        if isinstance(container, (list, tuple)) and isinstance(item, int):
            return container[item]
    except Exception:
        return _NO_INPUT
    return _NO_INPUT


def _declared(node: Any) -> list[str]:
    kind = node.get("type")
    if kind == "dataclass-args":
        return [
            str(field.get("validation_alias", field["name"]))
            for field in node["fields"]
            if field.get("init", True) is not False
        ]
    if kind in ("typed-dict", "model-fields"):
        return [str(field.get("validation_alias", name)) for name, field in node["fields"].items()]
    return []


def _allowed(node: Any) -> list[object]:
    while isinstance(node, dict) and node.get("type") in _WRAPPERS and "schema" in node:
        node = node["schema"]
    if not isinstance(node, dict):
        return []
    if node.get("type") == "literal":
        return list(node.get("expected", ()))
    if node.get("type") == "enum":
        return [getattr(member, "value", member) for member in node.get("members", ())]
    return []


def _text(value: object) -> str:
    return value if isinstance(value, str) else short_repr(value)


def _is_type_error(kind: str) -> bool:
    return kind.endswith(("_type", "_parsing")) or kind in _WRONG_TYPE_EXTRA


def _expectation(message: str) -> str:
    """pydantic's message, rephrased as what was expected."""
    if message.startswith("Input should be "):
        return "expected " + message[len("Input should be ") :]
    return message[:1].lower() + message[1:]


def _cut(message: str) -> str:
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 3] + "..."


# ---------------------------------------------------------------------- closing open types

_NO_EXTRA_ITEMS = getattr(typing_extensions, "NoExtraItems", None)
_OPEN_KEYS = frozenset({"default", "expected", "members", "cls", "metadata", "serialization", "config"})


def closed_validator(schema: Any) -> tuple[Any, SchemaValidator]:
    """`close_schema(schema)` and a validator built from it.

    pydantic-core reuses the validator a pydantic model or pydantic dataclass already has
    (a "prebuilt" validator) whenever their class is complete, which would ignore the
    closed copy; while building, those classes are marked incomplete, under a lock.
    """
    closed = close_schema(schema)
    classes = [cls for cls in _classes(closed) if cls.__dict__.get("__pydantic_complete__") is True]
    with _PREBUILT_LOCK:
        for cls in classes:
            cls.__pydantic_complete__ = False
        try:
            return closed, SchemaValidator(closed)
        finally:
            for cls in classes:
                cls.__pydantic_complete__ = True


_PREBUILT_LOCK = threading.Lock()


def _classes(node: Any) -> Iterator[Any]:
    """The classes of the model and dataclass schemas in `node`."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            if item.get("type") in ("model", "dataclass") and isinstance(item.get("cls"), type):
                yield item["cls"]
            stack.extend(value for key, value in item.items() if key not in _OPEN_KEYS)


def close_schema(schema: Any) -> Any:
    """A copy of a core schema in which every mapping-like level forbids unknown keys.

    A level that its own type opens explicitly keeps its behaviour: a pydantic model or
    dataclass whose config sets `extra`, a TypedDict declared `closed=False` or with
    `extra_items`. Everything else (pydantic's default is to ignore unknown keys) is
    closed, so `parse(T, data)` reports a misspelt key at any depth.
    """
    return _close(schema, explicit=False)


def _close(node: Any, *, explicit: bool) -> Any:
    if isinstance(node, list):
        return [_close(item, explicit=False) for item in node]
    if isinstance(node, tuple):
        return tuple(_close(item, explicit=False) for item in node)
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    opened = False
    if kind in ("model", "dataclass"):
        opened = "extra_fields_behavior" in (node.get("config") or {})
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if key in _OPEN_KEYS:
            copy[key] = value
        else:
            copy[key] = _close(value, explicit=opened if key == "schema" else False)
    if kind == "dict":
        keys = copy.get("keys_schema")
        if isinstance(keys, dict) and keys.get("type") == "str" and "strict" not in keys:
            # pydantic reads a bytes key as text: a look-alike key would hide the mistake.
            copy["keys_schema"] = {**keys, "strict": True}
    if (kind in ("model-fields", "dataclass-args") and not explicit) or (
        kind == "typed-dict" and not _typed_dict_open(node)
    ):
        copy["extra_behavior"] = "forbid"
    elif kind == "typed-dict":  # open by its own declaration: still catch near misses of its keys
        return near_miss_checked(copy, _declared(copy))
    elif opened and node["config"]["extra_fields_behavior"] == "allow" and isinstance(copy.get("schema"), dict):
        return near_miss_checked(copy, _declared(copy["schema"]))
    return copy


def _typed_dict_open(node: Any) -> bool:
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
