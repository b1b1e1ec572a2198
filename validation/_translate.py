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
from collections.abc import Collection, Mapping, Sequence, Set
from typing import Any, Final, cast, final

from validation._compile import PROBE, contains_secret
from validation._issues import Issue, safe_repr
from validation._kinds import describe_input, expected_members, input_kind, member_kinds
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
_WRAPPERS = frozenset(
    {"default", "nullable", "function-after", "function-before", "function-wrap", "model", "dataclass", "custom-error"}
)
_MAPPINGS = frozenset({"dataclass-args", "typed-dict", "model-fields"})
_SEQUENCES = frozenset({"list", "set", "frozenset", "generator"})
_KEY_MARKER: Final = "[key]"
_USER_TEXT: Final = frozenset({"value_error", "assertion_error"})
_ACTUAL: Final = re.compile(r", not [^,]*$")
_NO_INPUT: Final = object()
_CONTAINERS: Final = (dict, list, tuple, Mapping)  # a dict first: no ABC check for the common case
_CACHED_NODES: Final = 4096  # schema nodes whose answers a translator keeps (a schema has far fewer)
_DROP: Final = object()


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
        self.parent: object = _NO_INPUT
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
        "_defs",
        "_guarded",
        "_key_suggesters",
        "_root",
        "_secrets",
        "_suggesters",
        "mapping",
        "name",
    )

    def __init__(self, schema: Any, name: str) -> None:
        self.name: str = name
        self._defs: dict[str, Any] = {}
        self._root = self._collect(schema)
        top = self.unwrap(self._root)
        self.mapping: bool = top is not None and top.get("type") in _MAPPINGS
        self._suggesters: dict[int, KeySuggester] = {}
        self._key_suggesters: dict[tuple[str, ...], KeySuggester] = {}
        self._secrets: dict[int, tuple[bool, int]] = {}
        self._guarded: dict[int, bool] = {}
        self._aliases: dict[int, dict[object, Any] | None] = {}

    # ------------------------------------------------------------------ errors -> issues

    def translate(self, errors: Sequence[Any], data: object) -> list[Issue]:
        """Issues for pydantic-core's `errors` about `data`, in order, each once.

        Unknown keys get suggestions from the declared keys of their level (keys present
        in the input skipped), and the `missing` issue of a suggested key is dropped.
        """
        located: list[_Located] = []
        for error in errors:
            item = self._follow(error, data)
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
        value = error.get("input", _NO_INPUT)
        hidden = item.hidden
        if kind == "invalid_key" or item.key_error:
            if kind == "invalid_key":
                path = path[:-1] if path else path
                return Issue(path, "bad_key", _cut(f"keys must be strings, got the key {got(value, hidden=hidden)}"))
            if kind in _CHOICE and isinstance(value, str) and not hidden:  # a map keyed by a Literal or an Enum
                keys = [choice for choice in _allowed(item.node) if isinstance(choice, str)]
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
            allowed = _allowed(item.node)
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
            known = any(_is_probe(member) for member in _members(union))
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
            elif kind in _WRAPPERS and "schema" in node:
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
            elif kind in _MAPPINGS:
                behavior = node.get("extra_behavior")
                return behavior == "allow" or (behavior is None and allowed) or node.get("extras_schema") is not None
            elif kind == "definition-ref":
                node = self._defs.get(node["schema_ref"])
            elif kind == "definitions":
                node = self._collect(node)
            elif kind in _WRAPPERS and "schema" in node:
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
                return self._takes_names(node) and (alias.__class__ is not str or _step(data, alias) is _NO_INPUT)
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
        if kind in _MAPPINGS:
            aliases = self._by_alias(node) if item.__class__ is str or item.__class__ is int else None
            if aliases is not None:
                found = aliases.get(item)
                if found is not None and not by_name and kind == "model-fields" and _name_only(node, item):
                    found = None
            else:
                found = _scan(node, item)
            return node.get("extras_schema") if found is None and extras else found
        if kind in _SEQUENCES:
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
            members = [self.unwrap(schema) for schema in _members(node)]
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
                        and current is not _NO_INPUT
                        and not self._guards(here)  # an int's own guard
                    ):
                        located.verdict = self._judge(node, here, chosen, current, path=tuple(path))
                    node = chosen
                    located.probe = located.probe or _is_probe(chosen)
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
                    located.parent, current = current, _step(current, item)
                    continue
            located.level = here
            by_name = kind != "model-fields" or here is None or self._by_name(node, here, item, current)
            node = visible = self.child(here, item, by_name=by_name)
            path.append(item)
            if isinstance(current, _CONTAINERS):
                if id(current) in seen:
                    located.repeated = True
                seen.add(id(current))
            located.parent, current = current, _step(current, item)
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
        if kind in member_kinds(member, self._resolve):
            return None
        members = _members(union)
        if any(kind in member_kinds(other, self._resolve) for other in members):
            return _DROP
        expected = expected_members(members, self._resolve)
        if _nullable(raw):
            expected = expected.replace(" or ", ", ") + " or null" if " or " in expected else f"{expected} or null"
        came = got(value, hidden=True) if self._secret(union) else describe_input(value)
        return Issue(path, "wrong_type", _cut(f"expected {expected}, got {came}"))

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
            if _is_probe(node):
                return True
        return False

    @staticmethod
    def _is_key_marker(container: object, key: str | int, error: Any) -> bool:
        """Whether `(key, "[key]")` ends a key's error rather than a value's under a key named `"[key]"`."""
        value = _step(_step(container, key), _KEY_MARKER)
        return value is _NO_INPUT or error.get("input", _NO_INPUT) is not value

    def _choice(self, union: Any, tag: str | int) -> Any:
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
            if (
                self._label(choice) == tag
                or tag in (kind, f"constrained-{kind}")  # pydantic-core tags an int with bounds `constrained-int`
                or (isinstance(tag, str) and tag.startswith(f"{kind}["))
            ):
                return choice
        return None


def _add_new(issues: list[Issue], made: tuple[Issue, ...], seen: set[Issue], *, single: bool) -> None:
    """Append the issues of `made` not reported yet (`single`: the only error, nothing to repeat)."""
    if single and len(made) == 1:  # no need to hash it
        issues.extend(made)
        return
    for issue in made:
        if issue not in seen:  # members of a union report the same mistake once each
            seen.add(issue)
            issues.append(issue)


def _scan(node: Any, item: object) -> Any:
    """The schema of the field of a mapping level that `item` names, by alias first; `None` when none does."""
    fields = node["fields"]
    named = isinstance(fields, dict)
    pairs = list(fields.items()) if named else [(field["name"], field) for field in fields]
    for name, field in pairs:
        if field.get("validation_alias", name) == item:
            return field["schema"]
    if named:
        for name, field in pairs:
            if name == item:
                return field["schema"]
    return None


def _name_only(node: Any, item: object) -> bool:
    """Whether `item` is the name of an aliased field of a `model-fields` level, and no field's alias."""
    return all(field.get("validation_alias", name) != item for name, field in node["fields"].items())


def _nullable(node: Any) -> bool:
    """Whether a `nullable` wrapper stands on the way from `node` to the union it wraps."""
    for _ in range(16):
        if not isinstance(node, dict) or node.get("type") in ("union", "tagged-union"):
            return False
        if node.get("type") == "nullable":
            return True
        node = node.get("schema")
    return False


def _is_probe(node: Any) -> bool:
    metadata = node.get("metadata") if isinstance(node, dict) else None
    return isinstance(metadata, dict) and metadata.get(PROBE) is True


def _members(union: Any) -> list[Any]:
    choices = union["choices"]
    members = list(choices.values()) if isinstance(choices, dict) else choices
    return [choice[0] if isinstance(choice, tuple) else choice for choice in members]


def _step(container: object, item: str | int) -> object:
    """One step down the input along a location item; `_NO_INPUT` when it does not lead anywhere."""
    if container is _NO_INPUT:
        return _NO_INPUT
    try:
        if container.__class__ is dict or isinstance(container, Mapping):
            return cast("Mapping[Any, object]", container).get(item, _NO_INPUT)
        if isinstance(container, list | tuple) and isinstance(item, int):
            return container[item]
    except Exception:
        return _NO_INPUT
    return _NO_INPUT


def declared(node: Any) -> list[str]:
    """The declared keys of a mapping level of a core schema."""
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
    return value if isinstance(value, str) else safe_repr(value)


def _is_type_error(kind: str) -> bool:
    return kind.endswith(("_type", "_parsing")) or kind in _WRONG_TYPE_EXTRA


def _cut(message: str) -> str:
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 3] + "..."
