# The translator walks pydantic-core schemas and inputs, which are untyped nested dicts by nature:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
"""pydantic-core's errors turned into `Issue`s: one mistake, one issue, nothing leaked.

Why: pydantic's errors are made for pydantic's own report. A misspelt key is reported
twice (`missing` plus `extra_forbidden`), an integer key looks like a list index, a key
literally named `"[key]"` like pydantic's key marker, and every error carries its input,
secrets included. `Translator` walks the core schema and the input along each error's
location and writes what was expected, what came and where, with suggestions.

What it never renders: the value of an unknown key; any input that reaches a schema
node with a secret beneath it (`Secret[...]`, pydantic's `SecretStr`, a union with a
secret member, a dict keyed by secrets: the key in the path is masked too); the contents
of a container (a union member's error would quote a whole mapping, unknown keys and
all). Those are named by their type only.

What it bounds: suggestions share a budget of work per translation (`SUGGEST_WORK`,
counted, not timed, so the same input gets the same report under any load); once a search
is cut short, one issue says so and the rest get none.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Generator, Mapping, Sequence, Set
from contextlib import contextmanager
from typing import Any, Final, cast, final

from validation._compile import contains_secret
from validation._issues import Issue, safe_repr
from validation._kinds import MAPPING, SEQUENCE, describe_input, expected_members, input_kind, member_kinds
from validation._nodes import (
    MAPPINGS,
    NO_INPUT,
    SEQUENCES,
    TIE_KEYS,
    WRAPPERS,
    Shape,
    allowed_values,
    declared,
    field_by_key,
    is_probe,
    name_only,
    nullable,
    step_into,
    union_members,
)
from validation._rules import ISSUES_ERROR
from validation._secret import SECRET_ERROR
from validation._suggest import KeySuggester, SuggestBudget, suggest_values
from validation._voice import expectation

__all__ = ["MAX_SUGGESTED", "SECRET_KEY", "SUGGEST_WORK", "Translator", "got"]

MAX_SUGGESTED: Final = 32
"""Unknown keys per parse that get suggestions: the cost of a flood of typos stays bounded."""

SUGGEST_WORK: Final = 100_000
"""Characters one translation may compare for suggestions (tens of milliseconds at worst)."""

SECRET_KEY: Final = "<secret>"
"""How a key validated as a secret is shown in a path."""

_MESSAGE_LIMIT: Final = 240
_MISSING = frozenset({"missing", "missing_keyword_only_argument", "missing_argument"})
_UNKNOWN = frozenset({"extra_forbidden", "unexpected_keyword_argument", "unexpected_positional_argument"})
_NOT_MAPPING = frozenset(
    {"dict_type", "model_type", "dataclass_type", "model_attributes_type", "dataclass_exact_type", "mapping_type"}
)
_TOO_DEEP = frozenset({"recursion_loop", "recursion_depth_exceeded"})
_CHOICE = frozenset({"literal_error", "enum"})
_WRONG_TYPE_EXTRA = frozenset(
    {"is_instance_of", "is_subclass_of", "callable_type", "none_required", "int_from_float", "bool_parsing"}
)
_KEY_MARKER: Final = "[key]"
_USER_TEXT: Final = frozenset({"value_error", "assertion_error"})
_ACTUAL: Final = re.compile(r", not [^,]*$")
_CONTAINERS: Final = (dict, list, tuple, Mapping)  # a dict first: no ABC check for the common case
_CACHED_NODES: Final = 4096  # schema nodes whose answers a translator keeps (a schema has far fewer)
_DROP: Final = object()
_TIE_WORK: Final = 2_000  # characters compared for that, per member


def got(value: object, *, hidden: bool = False) -> str:
    """How an input is named in a message: `'eighty' (str)`, or its type alone.

    Containers are named by type only (their contents may hold unknown keys' values or
    secrets), and so is anything `hidden`.
    """
    name = type(value).__qualname__
    if hidden or isinstance(value, Mapping | Set | list | tuple):
        return f"a value of type {name}"
    return f"{safe_repr(value)} ({name})"


@final
class _Located:
    """An error followed along the schema and the input."""

    __slots__ = (
        "error",
        "hidden",
        "key_error",
        "level",
        "node",
        "parent",
        "path",
        "probe",
        "ready",
        "repeated",
        "verdict",
    )

    def __init__(self) -> None:
        self.error: Any = None
        self.path: tuple[str | int, ...] = ()
        self.node: Any = None
        self.parent: object = NO_INPUT
        self.level: Any = None
        self.hidden = False
        self.key_error = False
        self.repeated = False
        self.verdict: object = None  # the first union's: None (report), _DROP, or the one Issue for it
        self.ready: tuple[Issue, ...] | None = None
        self.probe = False


@final
class Translator:
    """The schema side of error translation, built once per compiled schema."""

    __slots__ = (
        "_aliases",
        "_choices",
        "_defs",
        "_guarded",
        "_key_suggesters",
        "_root",
        "_secrets",
        "_shapes",
        "_suggesters",
        "mapping",
        "name",
    )

    def __init__(self, schema: Any, name: str) -> None:
        self.name: str = name
        self._defs: dict[str, Any] = {}
        self._root = self._collect(schema)
        top = self.unwrap(self._root)
        self.mapping: bool = top is not None and top.get("type") in MAPPINGS
        self._suggesters: dict[int, KeySuggester] = {}
        self._key_suggesters: dict[tuple[str, ...], KeySuggester] = {}
        self._secrets: dict[int, tuple[bool, int]] = {}
        self._guarded: dict[int, bool] = {}
        self._aliases: dict[int, dict[object, Any] | None] = {}
        self._shapes: dict[int, Shape | None] = {}
        self._choices: dict[tuple[int, str | int], Any] = {}

    # ------------------------------------------------------------------ errors -> issues

    def translate(self, errors: Sequence[Any], data: object) -> list[Issue]:
        """Issues for pydantic-core's `errors` about `data`, in order, each once.

        Unknown keys get suggestions from the declared keys of their level (keys present
        in the input skipped), and the `missing` issue of a suggested key is dropped.
        """
        with _judging():
            return self._translate([self._follow(error, data) for error in errors])

    def translate_first(self, errors: Sequence[Any], data: object, listed: int) -> tuple[list[Issue], int]:
        """`translate` for the errors that make the first `listed` issues (about), and how many issues the rest make.

        Issues as `translate` reports them, not pydantic's errors: the errors of a union
        member the input did not mean count for nothing, a union that no member fits
        counts once, a repeated issue once. Each error is walked once.
        """
        with _judging():
            located, more = self._tally(errors, data, listed)
            return self._translate(located), more

    def _translate(self, followed: list[_Located]) -> list[Issue]:
        located: list[_Located] = []
        for item in followed:
            error = item.error
            if item.probe:  # a guarded int's strict probe: the lax member says the same
                continue
            if item.verdict is _DROP:  # a union member the input's kind does not fit
                continue
            if isinstance(item.verdict, Issue):  # no member fits: one issue for the union
                item.ready = (item.verdict,)
            elif error["type"] == ISSUES_ERROR:  # made by the library's validators (rules, named options)
                made = error.get("ctx", {}).get("issues", ())
                item.ready = tuple(found.under(*item.path) for found in made if isinstance(found, Issue))
            located.append(item)
        suggestions: dict[tuple[str | int, ...], tuple[str, ...]] = {}
        suggested: set[tuple[str | int, ...]] = set()
        budget = MAX_SUGGESTED
        work = SuggestBudget(SUGGEST_WORK)
        spent: tuple[str | int, ...] | None = None  # the key whose search was cut short
        for item in located:
            path = item.path
            if (
                item.ready is not None
                or item.error["type"] not in _UNKNOWN
                or not path
                or not isinstance(path[-1], str)
                or budget <= 0
            ):
                continue
            if spent is not None:  # the work budget is spent: no more searches
                continue
            budget -= 1
            found = self._suggest(item, work)
            if work.cut:
                spent = path
            if found or path not in suggestions:  # union members may both report a key
                suggestions[path] = found
            suggested.update((*path[:-1], key) for key in found)
        issues: list[Issue] = []
        seen: set[Issue] = set()
        single = len(located) == 1
        for item in located:
            kind = item.error["type"]
            path = item.path
            made = item.ready
            if made is None:
                if kind in _MISSING and path in suggested:
                    continue
                if kind in _UNKNOWN and path and isinstance(path[-1], str) and not item.key_error:
                    note = " (no more suggestions: this parse spent its budget for them)" if path == spent else ""
                    made = (Issue(path, "unknown_key", "unknown key" + note, suggestions.get(path, ())),)
                elif kind in _MISSING:
                    made = (Issue(path, "missing", "required key missing"),)
                else:
                    made = (self._issue(item),)
            _add_new(issues, made, seen, single=single)
        return issues

    def _suggest(self, item: _Located, work: SuggestBudget) -> tuple[str, ...]:
        suggester = self._suggester(item.level)
        if suggester is None:
            return ()
        parent = item.parent
        present: Collection[str] = parent if isinstance(parent, dict) else ()
        try:
            return suggester.suggest(str(item.path[-1]), present, budget=work)
        except Exception:  # a key of the input whose __eq__ raises, met while skipping present keys
            return ()

    def _issue(self, item: _Located) -> Issue:
        error = item.error
        kind: str = error["type"]
        path = item.path
        value = error.get("input", NO_INPUT)
        hidden = item.hidden
        if kind == "invalid_key" or item.key_error:
            if kind == "invalid_key":
                path = path[:-1] if path else path
                return Issue(path, "bad_key", _cut(f"keys must be strings, got the key {got(value, hidden=hidden)}"))
            if kind in _CHOICE and isinstance(value, str) and not hidden:  # a map keyed by a Literal or an Enum
                keys = [choice for choice in allowed_values(item.node) if isinstance(choice, str)]
                return Issue((*path, value), "unknown_key", "unknown key", self._suggester_for(keys).suggest(value))
            return Issue(path, "bad_key", _cut(f"key {got(value, hidden=hidden)}: {expectation(error)}"))
        if kind in _NOT_MAPPING:
            what = f"a mapping for {self.name}" if not path else "a mapping"
            return Issue(path, "not_a_mapping", _cut(f"expected {what}, got {got(value, hidden=hidden)}"))
        if kind in _TOO_DEEP:
            if item.repeated:
                return Issue(path, "cycle", "the input contains itself (a cycle); expected a finite value")
            return Issue(path, "too_deep", "input nested too deeply for the schema to follow")
        if kind == SECRET_ERROR:
            return Issue(path, "bad_value", _cut(f"{error['msg']} (secret value not shown)"))
        if hidden:  # a validator's own text may quote the value; pydantic's ", not 7" would tell a secret's length
            message = "the value was refused by a validator" if kind in _USER_TEXT else expectation(error)
            message = _ACTUAL.sub("", message)
            code = "wrong_type" if _is_type_error(kind) else "bad_value"
            return Issue(path, code, _cut(f"{message}, got {got(value, hidden=True)} (not shown: may hold a secret)"))
        if kind in _CHOICE:
            allowed = allowed_values(item.node)
            found = tuple(_text(v) for v in suggest_values(value, allowed)) if allowed else ()
            return Issue(path, "bad_value", _cut(f"{expectation(error, allowed)}, got {got(value)}"), found)
        message = expectation(error)
        code = "wrong_type" if _is_type_error(kind) else "bad_value"
        return Issue(path, code, _cut(f"{message}, got {got(value)}"))

    def _suggester(self, node: Any) -> KeySuggester | None:
        """The suggester for the declared keys of a mapping level, built once per level."""
        if node is None:
            return None
        suggester = self._suggesters.get(id(node))
        if suggester is None:
            suggester = self._suggesters[id(node)] = KeySuggester(declared(node))
        return suggester

    def _suggester_for(self, keys: list[str]) -> KeySuggester:
        """The suggester for the allowed keys of a map keyed by a `Literal` or an `Enum`."""
        key = tuple(keys)
        suggester = self._key_suggesters.get(key)
        if suggester is None:
            suggester = self._key_suggesters[key] = KeySuggester(keys)
        return suggester

    def _secret(self, node: Any) -> bool:
        """`contains_secret` for a node of this schema, walked once per node, not once per error.

        Each answer comes from a walk of its own (a fresh memo), so it does not depend on
        what was asked before; it is kept with the number of definitions known then and
        walked again if more were collected since. Entries are idempotent (threads may
        race to write the same answer) and bounded by the schema's nodes.
        """
        key = id(node)
        known = self._secrets.get(key)
        count = len(self._defs)
        if known is not None and known[1] == count:
            return known[0]
        found = contains_secret(node, self._defs, {})
        if len(self._secrets) < _CACHED_NODES:
            self._secrets[key] = (found, count)
        return found

    def _guards(self, union: Any) -> bool:
        """Whether a member of the (unwrapped) `union` is a guarded int's strict probe; read once per union.

        The answer reads the union's own members only, so it never changes: threads that
        race write the same value. Bounded like `_secret`.
        """
        key = id(union)
        known = self._guarded.get(key)
        if known is None:
            known = any(is_probe(member) for member in union_members(union))
            if len(self._guarded) < _CACHED_NODES:
                self._guarded[key] = known
        return known

    def _by_alias(self, node: Any) -> dict[object, Any] | None:
        """A mapping level's field schemas by the key that names them in a location, read once per level.

        `dataclass-args`: by alias (or name), the first field winning. `typed-dict` and
        `model-fields`: by alias, then by name (pydantic-core reports a field met by its
        name under that name). An alias path (a list) equals no key, so it names no field
        here either; any other kind of alias leaves the scan to `child` (`None`). The
        answer depends on the node alone (threads that race build equal maps).
        """
        key = id(node)
        if key in self._aliases:
            return self._aliases[key]
        fields: dict[object, Any] = {}
        known: dict[object, Any] | None = fields
        raw = node["fields"]
        named = isinstance(raw, dict)
        for name, field in raw.items() if named else ((item["name"], item) for item in raw):
            alias = field.get("validation_alias", name)
            if alias.__class__ is str or alias.__class__ is int:
                fields.setdefault(alias, field["schema"])
            elif alias.__class__ is not list:
                known = None
                break
        if named and known is not None:
            for name, field in raw.items():
                fields.setdefault(name, field["schema"])
        if len(self._aliases) < _CACHED_NODES:
            self._aliases[key] = known
        return known

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

    def secret(self, node: Any) -> bool:
        """Whether a value of `node` may hold a `Secret` (so a message names its type only)."""
        return self._secret(node)

    def unwrap(self, node: Any) -> Any:
        """Skip schemas that add no location: defaults, nullables, functions, refs."""
        for _ in range(64):
            if not isinstance(node, dict):
                return None
            kind = node.get("type")
            if kind == "definition-ref":
                node = self._defs.get(node["schema_ref"])
            elif kind == "definitions":
                node = self._collect(node)
            elif kind in WRAPPERS and "schema" in node:
                node = node["schema"]
            elif kind == "lax-or-strict":
                node = node["lax_schema"]
            elif kind == "json-or-python":
                node = node["python_schema"]
            else:
                return node
        return None

    def is_open(self, node: Any) -> bool:
        """Whether the mapping `node` leads to keeps unknown keys (`extra="allow"`, an open TypedDict)."""
        allowed = False
        for _ in range(64):
            if not isinstance(node, dict):
                return False
            kind = node.get("type")
            if kind in ("model", "dataclass"):
                behavior = (node.get("config") or {}).get("extra_fields_behavior", "allow" if allowed else None)
                allowed = behavior == "allow"
                node = node.get("schema")
            elif kind in MAPPINGS:
                behavior = node.get("extra_behavior")
                return behavior == "allow" or (behavior is None and allowed) or node.get("extras_schema") is not None
            elif kind == "definition-ref":
                node = self._defs.get(node["schema_ref"])
            elif kind == "definitions":
                node = self._collect(node)
            elif kind in WRAPPERS and "schema" in node:
                node = node["schema"]
            else:
                return False
        return False

    def _by_name(self, node: Any, fields: Any, item: str | int, data: object) -> bool:
        """Whether `item`, the name of an aliased field of the `model-fields` level `fields`, names that field.

        It does when the model takes fields by name and the input does not give the field
        by its alias; otherwise pydantic-core validates it as an extra item.
        """
        if fields.get("extras_schema") is None:  # no extra items: a key is a field or unknown
            return True
        for name, field in fields["fields"].items():
            alias = field.get("validation_alias", name)
            if name == item and alias != item:
                return self._takes_names(node) and (alias.__class__ is not str or step_into(data, alias) is NO_INPUT)
        return True

    def _takes_names(self, node: Any) -> bool:
        """Whether the model on the way from `node` to its fields takes a field by its name as well as its alias."""
        for _ in range(64):
            if not isinstance(node, dict) or node.get("type") == "model-fields":
                return False
            if node.get("type") == "definition-ref":
                node = self._defs.get(node["schema_ref"])
                continue
            config = node.get("config")
            if isinstance(config, dict) and (config.get("validate_by_name") or config.get("populate_by_name")):
                return True
            node = node.get("schema")
        return False

    @property
    def root(self) -> Any:
        return self._root

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

    def child(self, node: Any, item: str | int, *, by_name: bool = True, extras: bool = True) -> Any:
        """The schema of `item` inside the (unwrapped) schema `node`, or `None`.

        A key no field of a mapping level answers to is one of its extra items: their
        schema (`extras_schema`) when the level types them (and `extras`). `by_name=False`:
        the level's model does not take a field by its name, so an aliased field's name is
        an extra. In a union, a member declaring the key wins over one taking extra items.
        """
        if node is None:
            return None
        kind = node.get("type")
        if kind in MAPPINGS:
            aliases = self._by_alias(node) if item.__class__ is str or item.__class__ is int else None
            if aliases is not None:
                found = aliases.get(item)
                if found is not None and not by_name and kind == "model-fields" and name_only(node, item):
                    found = None
            else:
                found = field_by_key(node, item)
            return node.get("extras_schema") if found is None and extras else found
        if kind in SEQUENCES:
            return node.get("items_schema")
        if kind == "dict":
            return node.get("values_schema")
        if kind == "tuple":
            items = node.get("items_schema", [])
            variadic = node.get("variadic_item_index")
            if isinstance(item, int) and items:
                if variadic is not None and item >= variadic:
                    return items[variadic]
                return items[item] if item < len(items) else None
            return None
        if kind in ("union", "tagged-union"):
            members = [self.unwrap(schema) for schema in union_members(node)]
            for declared_only in (True, False) if extras else (True,):
                for member in members:
                    found = self.child(member, item, extras=not declared_only)
                    if found is not None:
                        return found
        return None

    def _follow(self, error: Any, data: object) -> _Located:
        """Walk the schema and the input along an error's location.

        Finds the user's path (union tags dropped, pydantic's key marker told from a key
        named `"[key]"`, secret keys masked), the schema node at the end, the input holding
        the last step, the schema node of that level (its declared keys), whether a secret
        lies beneath, and whether the input repeated itself on the way (a cycle).
        """
        located = _Located()
        located.error = error
        loc: tuple[str | int, ...] = error["loc"]
        node = self._root
        path: list[str | int] = []
        current: object = data
        visible: Any = node
        seen: set[int] = set()
        last = len(loc) - 1
        for index, item in enumerate(loc):
            here = self.unwrap(node)
            kind = None if here is None else here.get("type")
            if kind in ("union", "tagged-union"):
                chosen = self._choice(here, item)
                if chosen is not None:  # the item was the union member's tag: not a key
                    if (
                        located.verdict is None
                        and kind == "union"
                        and current is not NO_INPUT
                        and not self._guards(here)  # an int's own guard
                    ):
                        located.verdict = self._judge(node, here, chosen, current, path=tuple(path))
                    node = chosen
                    located.probe = located.probe or is_probe(chosen)
                    continue
            if kind == "dict" and here is not None:
                keys = here.get("keys_schema")
                secret_keys = keys is not None and self._secret(keys)
                if index < last and loc[index + 1] == _KEY_MARKER and self._is_key_marker(current, item, error):
                    located.key_error = True
                    located.hidden = secret_keys  # the issue's path is the mapping's; the key is in the message
                    node = keys
                    located.probe = self._probed(keys, loc[index + 2 :])
                    break
                if secret_keys:
                    path.append(SECRET_KEY)
                    located.level = here
                    node = visible = here.get("values_schema")
                    located.parent, current = current, step_into(current, item)
                    continue
            located.level = here
            by_name = kind != "model-fields" or here is None or self._by_name(node, here, item, current)
            node = visible = self.child(here, item, by_name=by_name)
            path.append(item)
            if isinstance(current, _CONTAINERS):
                if id(current) in seen:
                    located.repeated = True
                seen.add(id(current))
            located.parent, current = current, step_into(current, item)
        else:
            # The node the path names, before any union member was chosen: a secret in
            # any member hides the input.
            located.hidden = visible is not None and self._secret(visible)
        located.path = tuple(path)
        located.node = node
        if isinstance(current, _CONTAINERS) and id(current) in seen:
            located.repeated = True
        return located

    def _judge(self, raw: Any, union: Any, member: Any, value: object, *, path: tuple[str | int, ...]) -> object:
        """Whether an error of `member` is reported, given the kind of input the union got.

        `None`: report it (the input's kind fits the member); `_DROP`: another member fits
        the input's kind, the user meant that one; an `Issue`: no member fits, one issue
        names what the union takes (the input by its type alone when a secret lies beneath).
        """
        kind = input_kind(value)
        members = union_members(union)
        if kind in member_kinds(member, self._resolve):
            return self._meant(union, members, member, value, kind) if kind in (MAPPING, SEQUENCE) else None
        if any(kind in member_kinds(other, self._resolve) for other in members):
            return _DROP
        expected = expected_members(members, self._resolve)
        if nullable(raw):
            expected = expected.replace(" or ", ", ") + " or null" if " or " in expected else f"{expected} or null"
        came = got(value, hidden=True) if self._secret(union) else describe_input(value)
        return Issue(path, "wrong_type", _cut(f"expected {expected}, got {came}"))

    def _tally(self, errors: Sequence[Any], data: object, listed: int) -> tuple[list[_Located], int]:
        """The errors before the cut, followed, and the number of issues past it (see `translate_first`)."""
        count = 0
        located: list[_Located] = []
        kept: int | None = None  # the issues before the cut
        seen: set[object] = set()
        for error in errors:
            item = self._follow(error, data)
            if kept is None:
                located.append(item)
            if item.probe or item.verdict is _DROP:
                continue
            if error["type"] == ISSUES_ERROR:
                made = error.get("ctx", {}).get("issues", ())
                more = sum(1 for found in made if isinstance(found, Issue))
            else:
                key = item.verdict if isinstance(item.verdict, Issue) else (item.path, error["type"], error["msg"])
                if key in seen:
                    continue
                seen.add(key)
                more = 1
            if kept is None and count + more > listed:
                kept = count
                located.pop()
            count += more
        return located, 0 if kept is None else count - kept

    def _meant(self, union: Any, members: list[Any], member: Any, value: object, kind: str) -> object:
        """`None` when the mapping `value` may have meant `member`; `_DROP` when another keyed member fits it better.

        Several members taking mappings (two closed option classes) all report the input:
        the one it meant is the one whose `Literal` tags it matches, then whose declared
        keys it uses most, then with fewest unknown keys, then whose declared keys its
        unknown keys nearly spell, then the first declared. Members whose keys cannot be
        told (a `dict`, a validator function) keep their errors. The cost is the members'
        declared keys looked up in the input, whatever its size, and a few suggestion
        searches with a small budget on a tie, once per union and input in a translation.
        A list (`list[A] | list[B]`) is scored the same way, item by item over its first
        few maps.
        """
        sequence = kind == SEQUENCE
        if (self._items_shape(member) if sequence else self._shape(member)) is None:
            return None
        memo: dict[tuple[int, int], tuple[object, Any]] | None = getattr(_JUDGED, "memo", None)
        if memo is None:
            meant = self._pick(members, value, sequence=sequence)
        else:
            key = (id(union), id(value))
            entry = memo.get(key)
            if entry is not None and entry[0] is value:
                meant = entry[1]
            else:  # the value is kept with its answer: a mapping making new values on each read reuses no id
                meant = self._pick(members, value, sequence=sequence)
                memo[key] = (value, meant)
        return None if meant is None or meant is member else _DROP

    def _pick(self, members: list[Any], value: object, *, sequence: bool) -> Any:
        """The keyed member of `members` the mapping (or list of maps) `value` meant; `None` if that cannot be told."""
        best: tuple[int, int, int] | None = None
        tied: list[tuple[Any, Shape]] = []
        kind = SEQUENCE if sequence else MAPPING
        for other in members:
            shape = self._items_shape(other) if sequence else self._shape(other)
            if shape is None or kind not in member_kinds(other, self._resolve):
                continue
            score = shape.score_items(value) if sequence else shape.score(value)
            if score is None:  # a mapping that lies or raises: every member is reported
                return None
            if best is None or score < best:
                best, tied = score, [(other, shape)]
            elif score == best:
                tied.append((other, shape))
        if len(tied) > 1 and not sequence:
            near = [self._near(shape, value) for _, shape in tied]
            return tied[near.index(max(near))][0]
        return tied[0][0] if tied else None

    def _near(self, shape: Shape, value: object) -> int:
        """How many of the first keys of the mapping `value` unknown to `shape` are near misses of its keys."""
        suggester = self._suggester(shape.level)
        if suggester is None:
            return 0
        budget = SuggestBudget(_TIE_WORK)
        near = 0
        try:
            mapping = cast("Mapping[Any, object]", value)
            for index, key in enumerate(mapping):
                if index >= TIE_KEYS:
                    break
                if key.__class__ is str and key not in shape.names and suggester.suggest(key, mapping, budget=budget):
                    near += 1
        except Exception:  # a mapping whose iteration or keys raise: no near misses told
            return 0
        return near

    def _items_shape(self, member: Any) -> Shape | None:
        """The keyed level of the items of a list member (`list[A]`), or `None`."""
        level = self.unwrap(member)
        if level is None or level.get("type") not in SEQUENCES or level.get("items_schema") is None:
            return None
        return self._shape(level["items_schema"])

    def _shape(self, member: Any) -> Shape | None:
        """The keyed level a union member validates a mapping with, read once per member; bounded like `_secret`."""
        key = id(member)
        if key in self._shapes:
            return self._shapes[key]
        level = self.unwrap(member)
        shape = None
        if level is not None and level.get("type") in MAPPINGS:
            tags: list[tuple[str, tuple[object, ...]]] = []
            keys = declared(level)
            for name in keys:
                allowed = allowed_values(self.child(level, name))
                if allowed:
                    tags.append((name, tuple(allowed)))
            shape = Shape(level, tuple(keys), tuple(tags), closed=not self.is_open(member))
        if len(self._shapes) < _CACHED_NODES:
            self._shapes[key] = shape
        return shape

    def _resolve(self, node: Any) -> Any:
        return self._defs.get(node.get("schema_ref"))

    def _probed(self, node: Any, tags: tuple[str | int, ...]) -> bool:
        """Whether union tags, followed from `node`, pass through a guarded int's strict probe."""
        for tag in tags:
            here = self.unwrap(node)
            if here is None or here.get("type") not in ("union", "tagged-union"):
                return False
            node = self._choice(here, tag)
            if node is None:
                return False
            if is_probe(node):
                return True
        return False

    @staticmethod
    def _is_key_marker(container: object, key: str | int, error: Any) -> bool:
        """Whether `(key, "[key]")` ends a key's error rather than a value's under a key named `"[key]"`."""
        value = step_into(step_into(container, key), _KEY_MARKER)
        return value is NO_INPUT or error.get("input", NO_INPUT) is not value

    def _choice(self, union: Any, tag: str | int) -> Any:
        """The union member that a location tag names, or `None` when `tag` is a real key.

        Read once per union and tag: a wide union's errors name its members many times.
        Only member tags are kept, so the entries are bounded by the schema (and like
        `_secret`); threads that race write the same answer.
        """
        key = (id(union), tag)
        if key in self._choices:
            return self._choices[key]
        found = self._find_choice(union, tag)
        if found is not None and len(self._choices) < _CACHED_NODES:  # a real key (the input's) is not kept
            self._choices[key] = found
        return found

    def _find_choice(self, union: Any, tag: str | int) -> Any:
        choices = union["choices"]
        if isinstance(choices, dict):
            return choices.get(tag)
        for choice in choices:
            if isinstance(choice, tuple):
                if choice[1] == tag:
                    return choice[0]
                continue
            kind = choice.get("type")
            if (
                self._label(choice) == tag
                or tag in (kind, f"constrained-{kind}")  # pydantic-core tags an int with bounds `constrained-int`
                or (isinstance(tag, str) and tag.startswith(f"{kind}[") and self._same_items(choice, tag))
            ):
                return choice
        return None

    def _same_items(self, choice: Any, tag: str) -> bool:
        """Whether `list[Alpha]` names this list member: its items' class, when it has one, is `Alpha`."""
        items = choice.get("items_schema")
        label = self._label(items) if isinstance(items, dict) else None
        return label is None or tag == f"{choice.get('type')}[{label}]"


_JUDGED: Final = threading.local()  # `memo`: the member each union's input meant, for one translation


@contextmanager
def _judging() -> Generator[None, None, None]:
    """A fresh memo of meant members for one translation on this thread (a nested one gets its own)."""
    saved = getattr(_JUDGED, "memo", None)
    _JUDGED.memo = {}
    try:
        yield
    finally:
        _JUDGED.memo = saved


def _add_new(issues: list[Issue], made: tuple[Issue, ...], seen: set[Issue], *, single: bool) -> None:
    """Append the issues of `made` not reported yet (`single`: the only error, nothing to repeat)."""
    if single and len(made) == 1:  # no need to hash it
        issues.extend(made)
        return
    for issue in made:
        if issue not in seen:  # members of a union report the same mistake once each
            seen.add(issue)
            issues.append(issue)


def _text(value: object) -> str:
    return value if isinstance(value, str) else safe_repr(value)


def _is_type_error(kind: str) -> bool:
    return kind.endswith(("_type", "_parsing")) or kind in _WRONG_TYPE_EXTRA


def _cut(message: str) -> str:
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 3] + "..."
