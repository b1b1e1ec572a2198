# The field tree is read from pydantic-core schemas, which are untyped nested dicts by nature:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
"""Where option maps come from: the `Source` value, env and `.env` readers, and `values`.

Why: a typo is made where configuration is written, so it must be reported there. Each
source reads into a `Layer`: a nested map, the place each key came from (`Origin`), and
the issues met while reading (an unknown variable, a malformed line, a file that is not
there). `validation._load` merges the layers and parses once.

Env and `.env` read only the variables that carry the prefix; a prefixed name is matched
against the field paths of the target type (`APP_RETRY__ATTEMPTS` is `retry.attempts`),
walking the target's core schema, so nested options, dataclasses, TypedDicts and models
all work. A name that matches nothing is an `unknown_key` issue named by the variable and
suggested as a variable; its value is never read into a message. A `dict[str, X]` field
and a level its type opens (`extra="allow"`, an open TypedDict) take undeclared names as
keys. What is not done: no `${VAR}` interpolation in `.env`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final, final

from either._errors import describe
from validation._engine import MATERIALISED, Engine
from validation._issues import Issue, PathElement
from validation._nodes import declared
from validation._suggest import KeySuggester
from validation._translate import got

__all__ = ["Layer", "Level", "Origin", "Source", "dotenv", "env", "file", "values"]

Path = tuple[PathElement, ...]

_MAPPINGS: Final = frozenset({"dataclass-args", "typed-dict", "model-fields"})
_JSON_KINDS: Final = frozenset({"list", "set", "frozenset", "tuple", "dict", "generator", "any"})
_MAX_NAMES: Final = 5000  # variable names enumerated for suggestions, at most
_SUGGESTED: Final = 32  # unknown variables per source that get suggestions: a flood stays cheap
_MAX_TRIES: Final = 256  # splits of one variable name tried against the field tree
_MAX_DEPTH: Final = 8  # levels of nesting enumerated for suggestions (self-referencing types)


@final
class Origin:
    """Where a value was written: a source's label (`app.toml`, `env`, `.env:3`) and, for
    env and `.env`, the variable name that shows the value's path."""

    __slots__ = ("label", "shown")

    def __init__(self, label: str, shown: Path | None = None) -> None:
        self.label = label
        self.shown = shown

    def __repr__(self) -> str:
        return f"Origin({self.label!r}, {self.shown!r})"


@final
class Layer:
    """What one source read: a nested map, the origin of its keys, and the issues met.

    `origins` maps a path of `data` to where it was written; a path without an entry
    takes the entry of its longest prefix. `failed` holds paths whose value could not be
    read (bad JSON text) or that an unknown variable was suggested for, so that their
    `missing` issue is not reported on top of that mistake; `guessed` maps such a path to
    the unknown variables suggested for it (in lenient mode those stay errors); `broken` is
    set when the whole source could not be read.
    """

    __slots__ = ("broken", "data", "failed", "guessed", "issues", "origins")

    def __init__(self) -> None:
        self.data: dict[Any, Any] = {}
        self.origins: dict[Path, Origin] = {}
        self.issues: list[Issue] = []
        self.failed: set[Path] = set()
        self.guessed: dict[Path, list[Issue]] = {}
        self.broken: bool = False

    def origin_at(self, path: Path) -> tuple[Origin, Path] | None:
        """The origin of `path` and the recorded path it was found under, or `None`."""
        origins = self.origins
        for end in range(len(path), -1, -1):
            found = origins.get(path[:end])
            if found is not None:
                return found, path[:end]
        return None


@final
class Source:
    """A place options are read from, made by `env`, `dotenv`, `file` or `values`.

    Nothing is read when the source is made: `load` reads it, so one source can be loaded
    again after the environment or the file changed. `name` is the source as issues and
    `explain` show it.
    """

    __slots__ = ("_lookup", "_read", "name")

    def __init__(self, name: str, read: Callable[[Level], Layer], lookup: Callable[[Path], str]) -> None:
        self.name: str = name
        self._read = read
        self._lookup = lookup

    def read(self, level: Level) -> Layer:
        """Read the source for the target whose top level is `level`."""
        return self._read(level)

    def lookup(self, path: Path) -> str:
        """Where this source would have had the value at `path` (`env APP_RETRY__HOST`)."""
        return self._lookup(path)

    def __repr__(self) -> str:
        return f"<source {self.name}>"


# ---------------------------------------------------------------------- the target's field tree


@final
class Slot:
    """One declared key of a level: how a string from env is read into it."""

    __slots__ = ("json", "key", "level", "secret", "text")

    def __init__(self, key: str, level: Level | None, json: bool, text: bool, secret: bool = True) -> None:
        self.key = key
        self.level = level  # the nested level, when the field is (or may be) a mapping
        self.json = json  # a list, dict, nested level... can be given as JSON text
        self.text = text  # a plain string is also a valid kind of value
        self.secret = secret  # the value may be a secret: a message names its type only


@final
class Level:
    """The declared keys of one mapping level of the target type, read from its core schema.

    Built lazily, one level at a time, so a self-referencing type costs nothing until a
    variable walks into it. An `open` level (a `dict[str, X]` field, a model with
    `extra="allow"`, an open TypedDict or `schema(open=True)`) also takes keys it does
    not declare: a variable under it that names no declared key names a key of its own.
    """

    __slots__ = ("_engine", "_names", "_node", "_slots", "_suggesters", "open")

    def __init__(self, engine: Engine[Any], node: Any, open: bool = False) -> None:
        self._engine = engine
        self._node = node
        self.open: bool = open
        self._slots: dict[str, Slot] | None = None
        self._names: dict[bool, dict[str, str]] = {}
        self._suggesters: dict[tuple[str, bool], tuple[KeySuggester, dict[str, Path]]] = {}

    @classmethod
    def of(cls, engine: Engine[Any]) -> Level:
        """The top level of `engine`'s schema (an empty level when it is not a mapping)."""
        root = engine.shape.root
        top = engine.shape.unwrap(root)
        if top is not None and top.get("type") in _MAPPINGS:
            return cls(engine, top, engine.shape.is_open(root))
        if top is not None and _str_keyed(engine, top):
            return cls(engine, top, True)
        return cls(engine, None)

    @property
    def slots(self) -> dict[str, Slot]:
        """Each declared key and how it is read."""
        if self._slots is None:
            self._slots = {} if self._node is None else self._build()
        return self._slots

    def _build(self) -> dict[str, Slot]:
        return {key: self._slot(key) for key in declared(self._node)}

    def _slot(self, key: str) -> Slot:
        """How a string from env is read into `key` of this level (declared or, when open, not)."""
        engine = self._engine
        schema = engine.shape.child(self._node, key)
        if schema is None and self.open:
            schema = self._node.get("extras_schema")
        level: Level | None = None
        json_ok = text = False
        for raw, member in _members(engine, schema):
            kind = member.get("type") if member is not None else "any"
            if kind in _MAPPINGS or (kind == "dict" and _str_keyed(engine, member)):
                json_ok = True
                if level is None:
                    level = Level(engine, member, kind == "dict" or engine.shape.is_open(raw))
            elif kind in _JSON_KINDS:
                json_ok = True
                text = text or kind == "any"
            else:
                text = True
        return Slot(key, level, json_ok, text, schema is None or engine.shape.secret(schema))

    def names(self, nested: str, upper: bool) -> Iterator[tuple[str, Path]]:
        """Every variable name (without the prefix) and the path it sets, nearest levels first."""
        queue: list[tuple[Level, str, Path]] = [(self, "", ())]
        count = 0
        while queue:
            level, stem, path = queue.pop(0)
            for key, slot in level.slots.items():
                name = stem + (key.upper() if upper else key)
                yield name, (*path, key)
                count += 1
                if count >= _MAX_NAMES:
                    return
                if slot.level is not None and len(path) < _MAX_DEPTH:
                    queue.append((slot.level, name + nested, (*path, key)))

    def resolve(self, name: str, nested: str, upper: bool) -> tuple[Path, Slot] | None:
        """The field path a variable name (prefix removed) sets, with its slot; `None` if none.

        A field name may itself contain `nested`: every way of splitting the name is tried
        (an exact field first, then each field it may lie under), at most `_MAX_TRIES` steps
        a pass. Declared fields are tried first everywhere; then a key of an open level
        (lower-cased when `upper`), taking the rest of the name whole.
        """
        for loose in (False, True):
            found = self._resolve(name, nested, upper, (), budget=[_MAX_TRIES], loose=loose)
            if found is not None:
                return found
        return None

    def _resolve(
        self, rest: str, nested: str, upper: bool, path: Path, *, budget: list[int], loose: bool
    ) -> tuple[Path, Slot] | None:
        if budget[0] <= 0:
            return None
        budget[0] -= 1
        slots = self.slots
        spelled = self._spelled(upper)
        key = spelled.get(rest)
        if key is not None:
            return (*path, key), slots[key]
        longest = len(rest) if loose and self.open else max(map(len, spelled), default=0)
        start = rest.find(nested)
        while 0 < start <= longest and budget[0] > 0:
            budget[0] -= 1  # each split tried costs a slice of the name: a long name stays cheap
            key = spelled.get(rest[:start])
            if key is None and loose and self.open:
                key = rest[:start].lower() if upper else rest[:start]
            inner = None if key is None else (slots[key] if key in slots else self._slot(key)).level
            if key is not None and inner is not None:
                found = inner._resolve(
                    rest[start + len(nested) :], nested, upper, (*path, key), budget=budget, loose=loose
                )
                if found is not None:
                    return found
            start = rest.find(nested, start + 1)
        if loose and self.open and rest:
            key = rest.lower() if upper else rest
            return (*path, key), self._slot(key)
        return None

    def _spelled(self, upper: bool) -> dict[str, str]:
        """Each declared key as a variable spells it, mapped to the key."""
        memo = self._names.get(upper)
        if memo is None:
            memo = {}
            for key in self.slots:
                memo.setdefault(key.upper() if upper else key, key)  # the first declared wins, as in the schema
            self._names[upper] = memo
        return memo

    def suggest(self, name: str, nested: str, upper: bool) -> tuple[tuple[str, Path], ...]:
        """The variable names (prefix removed) closest to `name`, with the paths they set."""
        memo = self._suggesters.get((nested, upper))
        if memo is None:
            paths = dict(self.names(nested, upper))
            memo = self._suggesters[(nested, upper)] = (KeySuggester(paths), paths)
        suggester, paths = memo
        return tuple((found, paths[found]) for found in suggester.suggest(name))


def _members(engine: Engine[Any], node: Any) -> list[tuple[Any, Any]]:
    """The schemas a field's value may take, each as written and unwrapped: a union's members, or the field's own."""
    here = engine.shape.unwrap(node)
    if here is None:
        return [(node, None)]
    if here.get("type") in ("union", "tagged-union"):
        choices = here["choices"]
        found: list[tuple[Any, Any]] = []
        for choice in choices.values() if isinstance(choices, dict) else choices:
            schema = choice[0] if isinstance(choice, tuple) else choice
            found.extend(_members(engine, schema))
        return found
    return [(node, here)]


def _str_keyed(engine: Engine[Any], node: Any) -> bool:
    """Whether a `dict` schema's keys are strings (so a variable name can spell one)."""
    keys = engine.shape.unwrap(node.get("keys_schema"))
    return node.get("type") == "dict" and isinstance(keys, dict) and keys.get("type") == "str"


# ---------------------------------------------------------------------- env and .env


def env(
    prefix: str,
    *,
    environ: Mapping[str, str] | None = None,
    nested: str = "__",
    case_sensitive: bool = False,
) -> Source:
    """Options from environment variables whose names start with `prefix`.

    `APP_RETRY__ATTEMPTS=3` sets `retry.attempts` (field names upper-cased, levels joined
    by `nested`); a list, dict or nested-options field takes JSON text, and a `dict[str, X]`
    field also one variable per key (`APP_LABELS__TEAM`). A prefixed name
    that matches no field is an issue with the closest variable names; other variables
    are ignored. `environ` defaults to `os.environ`, read when the source is loaded; a
    value in it that is not a `str` is an issue (environment variables are text), never
    dropped.

    >>> import validation
    >>> from validation import sources
    >>> class Retry(validation.Options):
    ...     attempts: int = 3
    >>> class App(validation.Options):
    ...     retry: Retry = Retry()
    >>> print(App.load(sources.env("APP_", environ={"APP_RETRY_ATTEMPTS": "5"})).unwrap_left())
    APP_RETRY_ATTEMPTS: unknown key; did you mean 'APP_RETRY__ATTEMPTS'? (from env)
    """
    _check_prefix(prefix)
    _check_name("nested", nested)
    if not nested:
        raise ValueError("env(nested=...) must not be empty: it separates the levels of a variable name")

    def read(level: Level) -> Layer:
        variables = os.environ if environ is None else environ
        layer = Layer()
        try:
            items: list[tuple[object, object, str]] = [(name, value, "env") for name, value in variables.items()]
        except Exception as exc:
            layer.issues.append(
                _source_issue("unreadable_source", f"cannot read the environment: {describe(exc)}", "env")
            )
            layer.broken = True
            return layer
        _read_variables(layer, level, items, prefix=prefix, nested=nested, case_sensitive=case_sensitive, source="env")
        return layer

    return Source("env", read, lambda path: f"env {_variable(prefix, nested, path, case_sensitive)}")


def dotenv(path: str | os.PathLike[str], *, prefix: str, required: bool = True) -> Source:
    """Options from a `.env` file: `NAME=value` lines, read like `env(prefix)`.

    Lines whose name lacks the prefix are ignored (a shared `.env` is fine); `export` and
    quotes (`'...'` literal, `"..."` with escapes, both may span lines) and `#` comments
    are understood; `${VAR}` is not expanded. Issues name `path:line`.
    """
    _check_prefix(prefix)
    label = _label(path)

    def read(level: Level) -> Layer:
        from validation._files import read_text

        layer = Layer()
        text = read_text(label, required, layer)
        if text is None:
            return layer
        items: list[tuple[object, object, str]] = []
        folded = prefix.upper()
        seen: dict[str, int] = {}
        for line, name, value in _dotenv_lines(text, layer, label, folded):
            key = name.upper()
            if not key.startswith(folded):
                continue
            if key in seen:
                layer.issues.append(
                    Issue(
                        (name,),
                        "duplicate_key",
                        f"set twice (lines {seen[key]} and {line}); remove one",
                        source=f"{label}:{line}",
                    )
                )
                continue
            seen[key] = line
            items.append((name, value, f"{label}:{line}"))
        _read_variables(layer, level, items, prefix=prefix, nested="__", case_sensitive=False, source=label)
        return layer

    return Source(label, read, lambda path: f"{label} {_variable(prefix, '__', path, False)}")


def _variable(prefix: str, nested: str, path: Path, case_sensitive: bool) -> str:
    name = nested.join(str(key) if case_sensitive else str(key).upper() for key in path)
    return prefix + name


def _read_variables(
    layer: Layer,
    level: Level,
    items: list[tuple[object, object, str]],
    *,
    prefix: str,
    nested: str,
    case_sensitive: bool,
    source: str,
) -> None:
    """Put each prefixed variable at its field path, or report it."""
    wanted = prefix if case_sensitive else prefix.upper()
    written: dict[Path, str] = {}
    under: dict[Path, Path] = {}
    budget = _SUGGESTED
    dropped = 0  # unknown variables past the engine's cap on materialised issues: counted, not built
    for raw_name, raw_value, label in items:
        if not isinstance(raw_name, str):  # a name that is no text cannot carry the prefix
            continue
        # A str subclass may override `__eq__`, `__hash__` or `upper`: work on plain copies.
        name = "".join((raw_name,))
        spelled = name if case_sensitive else name.upper()
        if not spelled.startswith(wanted) or len(spelled) == len(wanted):
            continue
        rest = spelled[len(wanted) :]
        found = level.resolve(rest, nested, not case_sensitive)
        if found is None:
            close: tuple[tuple[str, Path], ...] = ()
            if budget > 0:
                budget -= 1
                close = level.suggest(rest, nested, not case_sensitive)
                layer.failed.update(path for _, path in close)  # their `missing` issue is this mistake
            suggested = tuple(prefix + close_name for close_name, _ in close)
            unknown = Issue((name,), "unknown_key", "unknown key", suggested, source=label)
            for _, path in close:
                layer.guessed.setdefault(path, []).append(unknown)
            if len(layer.issues) < MATERIALISED:
                layer.issues.append(unknown)
            else:
                dropped += 1
            continue
        path, slot = found
        read = _value(slot, raw_value)
        if isinstance(read, Issue):
            layer.issues.append(Issue((name,), read.code, read.message, source=label))
            layer.failed.add(path)
            continue
        clash = _clash(path, written, under)
        if clash is not None:
            message = f"conflicts with {written[clash]}, which sets the same field; set it one way"
            if len(clash) != len(path):
                whole, part = (written[clash], name) if len(clash) < len(path) else (name, written[clash])
                message = f"{whole} sets the whole field and {part} one of its keys; set it one way"
            layer.issues.append(Issue((name,), "conflict", message, source=label))
            layer.failed.add(min(clash, path, key=len))
            continue
        written[path] = name
        for end in range(1, len(path)):
            under.setdefault(path[:end], path)
        _place(layer.data, path, read)
        layer.origins[path] = Origin(label, (name,))
    if dropped:
        note = f"{dropped} more unknown variables not listed (issues are counted past {MATERIALISED})"
        layer.issues.append(Issue((), "too_many_issues", note, source=source))


def _clash(path: Path, written: dict[Path, str], under: dict[Path, Path]) -> Path | None:
    """A path already set that `path` equals, lies inside or contains (`under`: prefix -> a path below it)."""
    for end in range(1, len(path) + 1):
        if path[:end] in written:
            return path[:end]
    return under.get(path)


def _value(slot: Slot, given: object) -> object:
    """A variable's string as the field takes it: as it is, or decoded from JSON text.

    An environ mapping may hold anything: a value that is not a string is an issue, never
    dropped unsaid (named by its type alone when the field may hold a secret).
    """
    if not isinstance(given, str):
        came = got(given, hidden=slot.secret)
        return Issue((), "wrong_type", f"expected a string, as environment variables are text; got {came}")
    value = "".join((given,))  # a str subclass may override anything: work on a plain copy
    if not slot.json:
        return value
    stripped = value.strip()
    if slot.text and not stripped.startswith(("[", "{")):
        return value
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        what = "a mapping or a list" if slot.level is None else "a mapping"
        return Issue((), "wrong_type", f"expected JSON text for {what}; could not decode it{where}")


def _place(data: dict[Any, Any], path: Path, value: object) -> None:
    for key in path[:-1]:
        inner = data.get(key)
        if not isinstance(inner, dict):
            inner = data[key] = {}
        data = inner
    old = data.get(path[-1])
    if isinstance(old, dict) and isinstance(value, dict):
        old.update(value)
    else:
        data[path[-1]] = value


_LINE = re.compile(r"[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*=[ \t]*")
_ESCAPES: Final = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "$": "$"}


def _dotenv_lines(text: str, layer: Layer, label: str, prefix: str) -> Iterator[tuple[int, str, str]]:
    """`(line, name, value)` for each assignment of a `.env` text; malformed prefixed lines reported."""
    # Only a line feed ends a line: `str.splitlines` would also split on \x1e, \x85, \u2028...
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        number, raw = index + 1, lines[index]
        index += 1
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.match(raw)
        if match is None:
            bare = stripped.removeprefix("export").strip()
            if bare.upper().startswith(prefix):
                layer.issues.append(
                    Issue((), "malformed", "expected NAME=value on this line", source=f"{label}:{number}")
                )
            continue
        name, rest = match.group(1), raw[match.end() :]
        if rest[:1] in ("'", '"'):
            quote = rest[0]
            body, end = _quoted(rest[1:], quote)
            while end is None and index < len(lines):
                rest += "\n" + lines[index]
                index += 1
                body, end = _quoted(rest[1:], quote)
            if end is None:
                if name.upper().startswith(prefix):
                    message = f"the quote ({quote}) opened on this line is never closed"
                    layer.issues.append(Issue((name,), "malformed", message, source=f"{label}:{number}"))
                continue
            yield number, name, body
        else:
            value = rest.split(" #", 1)[0].split("\t#", 1)[0]
            yield number, name, value.strip()


def _quoted(text: str, quote: str) -> tuple[str, int | None]:
    """The body of a quoted value and where it ends, or `(partial, None)` when unterminated."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == quote:
            return "".join(out), index
        if char == "\\" and quote == '"' and index + 1 < len(text):
            nxt = text[index + 1]
            out.append(_ESCAPES.get(nxt, "\\" + nxt))
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out), None


# ---------------------------------------------------------------------- values and files


def values(mapping: Mapping[str, object], name: str = "values") -> Source:
    """Options from a mapping already in memory (defaults computed at run time, a test's overrides).

    >>> import validation
    >>> from validation import sources
    >>> class App(validation.Options):
    ...     port: int = 80
    >>> App.load(sources.values({"port": "8080"}, name="overrides")).unwrap()
    App(port=8080)
    """
    if not isinstance(name, str):
        raise TypeError(f"values(name=...) must be a str, got {describe(name)}")

    given: object = mapping  # untyped callers pass anything

    def read(level: Level) -> Layer:
        layer = Layer()
        if not isinstance(given, Mapping):
            message = f"expected a mapping, got {describe(given)}"
            layer.issues.append(_source_issue("not_a_mapping", message, name))
            layer.broken = True
            return layer
        layer.data = mapping  # type: ignore[assignment]  # copied by the merge, which reads it once
        layer.origins[()] = Origin(name)
        return layer

    return Source(name, read, lambda path: name)


def file(path: str | os.PathLike[str], *, required: bool = True, format: str | None = None) -> Source:
    """Options from a TOML, JSON or YAML file, chosen by suffix (or by `format`).

    A missing file (when `required`), an unreadable or badly encoded one, a malformed one
    (with line and column) and one whose top level is not a table are each an issue
    naming the file, never an exception. A key written twice is an issue with both lines
    (JSON and YAML; TOML refuses it as malformed). YAML needs the `yaml` extra. Only a
    regular file is read (a named pipe or a device is refused unopened, never waited on),
    and at most 64 MiB of it (`MAX_BYTES`): a larger file is an issue, refused unread.
    """
    from validation._files import file_format, read_file

    label = _label(path)
    kind = file_format(label, format)
    return Source(label, lambda level: read_file(label, kind, required), lambda _path: label)


def _check_name(what: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, got {describe(value)}")


def _check_prefix(prefix: object) -> None:
    _check_name("prefix", prefix)
    if not prefix:
        raise ValueError("prefix must not be empty: every variable would be read as an option; give one such as 'APP_'")


def _label(path: object) -> str:
    label = os.fspath(path) if isinstance(path, (str, os.PathLike)) else path
    if not isinstance(label, str):
        raise TypeError(f"expected a file path as a str or a pathlib.Path, got {describe(path)}")
    return label


def _source_issue(code: str, message: str, label: str) -> Issue:
    return Issue((), code, message, source=label)
