"""The error model: an `Issue` per mistake found, an `Invalid` holding them all.

Validation never stops at the first mistake: a user who fixes one typo and reruns should
not meet the next one only then. So the payload of a failed parse is `Invalid`, a
non-empty tuple of `Issue`s, each saying where (`path`), what kind (`code`, stable for
programs), what (`message`, for people), what was probably meant (`suggestions`) and where
the value came from (`source`).

Everything rendered here is bounded: a 2 MB key, a path 5 000 levels deep or 20 000
issues give a message of a few kilobytes at most. Messages are written by the engine,
which never puts a secret or an unknown key's value in one; the renderers cap their
length all the same.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from typing import Final, Literal, TypeAlias, final, get_args

from typing_extensions import Self

from either._errors import EitherwayError, short_repr

__all__ = [
    "ISSUE_CODES",
    "Invalid",
    "InvalidOptions",
    "Issue",
    "IssueCode",
    "PathElement",
    "safe_repr",
]

IssueCode: TypeAlias = Literal[
    "unknown_key",
    "missing",
    "wrong_type",
    "bad_value",
    "bad_key",
    "not_a_mapping",
    "too_deep",
    "cycle",
    "too_many_issues",
    "conflict",
    "duplicate_key",
    "malformed",
    "missing_source",
    "unreadable_source",
    "bad_input",
    "validator_error",
]
"""The stable issue codes; `Issue.code` is a `str` so the engine may add codes, these keep their meaning.

- `unknown_key`: a key the schema does not declare (closed schemas); suggestions name the
  declared keys it is closest to.
- `missing`: a required key is absent.
- `wrong_type`: the value is not of the declared type and cannot be read as one.
- `bad_value`: the type is right but the value is not allowed (outside a `Literal` or an
  `Enum`, out of range, too long...); suggestions name the closest allowed values.
- `bad_key`: a mapping key that is not a string (bytes, a number, a tuple...); the path
  is that of the mapping holding it.
- `not_a_mapping`: a mapping was expected (`None`, a scalar, a list of pairs came).
- `too_deep`: nesting deeper than the engine follows.
- `cycle`: a container that contains itself.
- `too_many_issues`: stands for the issues left out of a truncated `to_json`.
- `conflict`: one field set twice in one source (a nested field whole and per field).
- `duplicate_key`: a key written twice in one file (JSON, YAML, `.env`); both lines named.
- `malformed`: a source that does not parse (with line and column where known).
- `missing_source`: a required file that is not there.
- `unreadable_source`: a source that cannot be read (permissions, encoding, a raising mapping).
- `bad_input`: an input value that raised while it was read (a mapping whose `__getitem__` raises).
- `validator_error`: a validator raised something other than a validation error (`KeyError`
  in a user's `AfterValidator`, say): most likely a bug in it; the issue names the exception's
  type and where it was raised, never its message (it may quote the input).
"""

ISSUE_CODES: Final[frozenset[str]] = frozenset(get_args(IssueCode))
"""Every code in `IssueCode`."""

PathElement: TypeAlias = "str | int"
"""A step in a path: a `str` is a mapping key, an `int` a list index."""

ROOT: Final = "(root)"
"""How the empty path (the input itself) is shown."""

_KEY_CHARS: Final = 40  # a key longer than this is shown cut, ending in "…"
_HEAD: Final = 3  # a path longer than _HEAD + _TAIL steps shows these first...
_TAIL: Final = 4  # ...and these last, with "…" between
_MESSAGE_CHARS: Final = 300
_SUGGESTIONS_SHOWN: Final = 5
_SOURCE_CHARS: Final = 80
_LINES_SHOWN: Final = 50  # str(invalid) shows this many issues, then "... and N more issues"
_REPR_CHARS: Final = 200
_JSON_KEY_CHARS: Final = 256
_JSON_PATH_STEPS: Final = 64
_JSON_MESSAGE_CHARS: Final = 1000
_JSON_ISSUES: Final = 1000
_HUGE: Final = 1 << 63  # an index beyond this is shown by its size (its digits could be thousands)


def _cut(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else its start and "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Printable, valid in identifiers, and invisible: a key made of them reads as another key.
_INVISIBLE: Final = re.compile("[\u115f\u1160\u3164\uffa0]")
_HUGE_INT_BITS: Final = 12_000  # past about 3 600 digits an int is shown by its size


def safe_repr(value: object, limit: int = _REPR_CHARS) -> str:
    """`repr(value)` cut to about `limit` characters; never raises.

    Survives what `repr` does not: an int past Python's digit limit (`10**5000`), a
    `__repr__` that raises, a container holding either.
    """
    if isinstance(value, int) and not isinstance(value, bool) and int.bit_length(value) > _HUGE_INT_BITS:
        return f"<int of {int.bit_length(value)} bits>"
    try:
        return short_repr(value, limit)
    except Exception:
        return f"<{type(value).__qualname__} object>"


def _escape_char(char: str) -> str:
    escaped = repr(char)[1:-1]
    return escaped if escaped != char else f"\\u{ord(char):04x}"


def escape(text: str) -> str:
    """`text` with terminal controls, lone surrogates and invisible characters escaped (`\\x1b`, `\\u3164`)."""
    if text.isprintable() and _INVISIBLE.search(text) is None:
        return text
    return "".join(
        char if char.isprintable() and _INVISIBLE.match(char) is None else _escape_char(char) for char in text
    )


def _one_line(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, on one line: line breaks as spaces, other controls escaped.

    A message must not break `str(invalid)`'s one line per issue, nor send a terminal
    escape sequence to whoever reads the log; `to_json()` renders with it too.
    """
    text = _cut(text, limit + 1)
    if not text.isprintable():
        text = " ".join(text.splitlines())
    return _cut(escape(text), limit)


def _plain(key: str) -> bool:
    """Whether `key` reads unambiguously without quotes: an identifier, `-` allowed after the start."""
    return key.replace("-", "_").isidentifier() and key[0] != "-" and _INVISIBLE.search(key) is None


def _index(index: int) -> int | str:
    """A list index as shown: itself, or a placeholder for a number too long to print."""
    return index if -_HUGE < index < _HUGE else f"<{index.bit_length()}-bit number>"


def _step(element: object, first: bool) -> str:
    """One path step as shown: `.name`, `['odd key']`, `[3]`, or `<bytes key>` for strays."""
    if isinstance(element, bool) or not isinstance(element, (str, int)):
        return f"[<{type(element).__qualname__}>]"
    if isinstance(element, int):
        return f"[{_index(element)}]"
    key = element
    cut = len(key) > _KEY_CHARS
    if cut:
        key = key[: _KEY_CHARS - 1]
    if key and _plain(key):
        text = key + ("…" if cut else "")
        return text if first else "." + text
    quoted = escape(repr(key))
    if len(quoted) > _KEY_CHARS + 2:  # escapes made it long: cut inside the quotes
        quoted, cut = quoted[: _KEY_CHARS + 1], True
    return f"[{quoted}{'…' if cut else ''}]"


def render_path(path: tuple[PathElement, ...]) -> str:
    """A path as people read it: `server.port`, `servers[2].port`, `headers['Content Type']`.

    Keys that are identifiers (`-` allowed) are joined with dots; other keys are quoted in
    brackets; list indexes are bracketed numbers; the empty path is `(root)`. Keys longer
    than 40 characters end in `…`, and a path longer than seven steps keeps its first three
    and last four with `…` between, so the text never grows with the input.

    >>> render_path(("server", "max_conucrrent_requests"))
    'server.max_conucrrent_requests'
    >>> render_path(("servers", 2, "port"))
    'servers[2].port'
    >>> render_path(("headers", "Content Type"))
    "headers['Content Type']"
    >>> render_path(())
    '(root)'
    >>> render_path(tuple("abcdefghij"))
    'a.b.c….g.h.i.j'
    """
    if not path:
        return ROOT
    if len(path) > _HEAD + _TAIL:
        head = "".join(_step(element, index == 0) for index, element in enumerate(path[:_HEAD]))
        tail = "".join(_step(element, False) for element in path[-_TAIL:])
        return f"{head}…{tail}"
    return "".join(_step(element, index == 0) for index, element in enumerate(path))


def _quote(suggestion: str) -> str:
    """A suggestion quoted as Python would, cut to about 40 characters even when escaped."""
    return _cut(escape(repr(_cut(suggestion, _KEY_CHARS))), _KEY_CHARS + 2)


def _did_you_mean(suggestions: tuple[str, ...]) -> str:
    """`did you mean 'a'?`, `'a' or 'b'?`, `'a', 'b' or 'c'?`; at most five named."""
    shown = [_quote(s) for s in suggestions[:_SUGGESTIONS_SHOWN]]
    rest = len(suggestions) - len(shown)
    if rest:
        shown.append(f"{rest} other{'s' if rest > 1 else ''}")
    if len(shown) == 1:
        return f"did you mean {shown[0]}?"
    return f"did you mean {', '.join(shown[:-1])} or {shown[-1]}?"


def _source_text(source: str) -> str:
    """A source name cut from the left: the end of a file path says the most."""
    if len(source) > _SOURCE_CHARS:
        source = "…" + source[-(_SOURCE_CHARS - 1) :]
    return _one_line(source, _SOURCE_CHARS * 4)


def _json_step(element: object) -> str | int:
    if isinstance(element, str):
        return _cut(escape(_cut(element, _JSON_KEY_CHARS)), _JSON_KEY_CHARS)
    if isinstance(element, int) and not isinstance(element, bool):
        return _index(element)
    return f"<{type(element).__qualname__}>"  # not a key or an index: a caller's mistake, kept readable


def _json_path(path: tuple[PathElement, ...]) -> list[str | int]:
    steps = [_json_step(element) for element in path]
    if len(steps) > _JSON_PATH_STEPS:
        half = _JSON_PATH_STEPS // 2
        steps = [*steps[:half], "…", *steps[-(half - 1) :]]
    return steps


@final
@dataclasses.dataclass(frozen=True, slots=True)
class Issue:
    """One mistake in the input: where, what kind, what, what was probably meant, from where.

    `path` steps are mapping keys (`str`) and list indexes (`int`); `code` is one of
    `IssueCode` (stable, for programs); `message` is for people and never holds a secret
    or the value of an unknown key; `suggestions` are the declared keys or allowed values
    closest to what came, best first; `source` names where the value came from (a file,
    `env`), when known.

    >>> issue = Issue(("server", "max_conucrrent_requests"), "unknown_key", "unknown key",
    ...               suggestions=("max_concurrent_requests",))
    >>> print(issue)
    server.max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?
    >>> print(Issue(("port",), "wrong_type", "expected int, got 'eighty' (str)", source="app.toml"))
    port: expected int, got 'eighty' (str) (from app.toml)
    """

    path: tuple[PathElement, ...]
    code: str
    message: str
    suggestions: tuple[str, ...] = ()
    source: str | None = None

    def __post_init__(self) -> None:
        # Lists are accepted from untyped callers; the value must stay hashable.
        if self.path.__class__ is not tuple:
            object.__setattr__(self, "path", tuple(self.path))
        if self.suggestions.__class__ is not tuple:
            object.__setattr__(self, "suggestions", tuple(self.suggestions))

    @property
    def path_text(self) -> str:
        """The path as shown in messages: `server.port`, `servers[2].port`, `(root)`; bounded."""
        return render_path(self.path)

    def __str__(self) -> str:
        text = f"{self.path_text}: {_one_line(self.message, _MESSAGE_CHARS)}"
        if self.suggestions:
            text = f"{text}; {_did_you_mean(self.suggestions)}"
        if self.source is not None:
            text = f"{text} (from {_source_text(self.source)})"
        return text

    def __repr__(self) -> str:
        fields = f"{safe_repr(self.path)}, {safe_repr(self.code)}, {safe_repr(self.message)}"
        if self.suggestions:
            fields += f", suggestions={safe_repr(self.suggestions)}"
        if self.source is not None:
            fields += f", source={safe_repr(self.source)}"
        return f"Issue({fields})"

    def to_json(self) -> dict[str, object]:
        """A plain, JSON-serialisable dict for APIs: `path` as a list, the other fields as they are.

        Bounded like the text: keys over 256 characters are cut, paths over 64 steps keep
        their ends around a `"…"` step, messages over 1 000 characters are cut.

        >>> Issue(("servers", 2, "port"), "missing", "required key missing").to_json()
        {'path': ['servers', 2, 'port'], 'code': 'missing', 'message': 'required key missing', \
'suggestions': [], 'source': None}
        """
        return {
            "path": _json_path(self.path),
            "code": self.code,
            "message": _one_line(self.message, _JSON_MESSAGE_CHARS),
            "suggestions": [
                _cut(escape(_cut(s, _JSON_KEY_CHARS)), _JSON_KEY_CHARS) for s in self.suggestions[:_SUGGESTIONS_SHOWN]
            ],
            "source": None if self.source is None else _one_line(self.source, _JSON_KEY_CHARS),
        }

    def under(self, *prefix: PathElement) -> Issue:
        """This issue with `prefix` put before its path (an issue found in a nested value)."""
        return dataclasses.replace(self, path=(*prefix, *self.path)) if prefix else self

    def with_source(self, source: str) -> Issue:
        """This issue with `source` filled in, unless it already names one."""
        return self if self.source is not None else dataclasses.replace(self, source=source)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@final
@dataclasses.dataclass(frozen=True, slots=True, init=False, repr=False)
class Invalid:
    """Every issue found in one input: the payload of the `Left` a failed parse returns.

    Never empty. `str()` gives one line per issue (the first 50, then a count), `to_json()`
    a list of plain dicts; it iterates over its issues and compares by them.

    >>> invalid = Invalid([
    ...     Issue(("server", "max_conucrrent_requests"), "unknown_key", "unknown key",
    ...           suggestions=("max_concurrent_requests",)),
    ...     Issue(("address", "streetz"), "unknown_key", "unknown key", suggestions=("street1", "street2")),
    ... ])
    >>> print(invalid)
    server.max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?
    address.streetz: unknown key; did you mean 'street1' or 'street2'?
    >>> len(invalid), invalid.codes
    (2, ('unknown_key', 'unknown_key'))
    """

    issues: tuple[Issue, ...]

    def __init__(self, issues: Iterable[Issue]) -> None:
        issues = tuple(issues)
        if not issues:
            raise ValueError("Invalid needs at least one Issue, got none (a valid input is a Right)")
        for issue in issues:
            if issue.__class__ is not Issue:
                raise TypeError(f"Invalid holds Issue values; got a {type(issue).__qualname__}")
        object.__setattr__(self, "issues", issues)

    @classmethod
    def merge(cls, *invalids: Invalid) -> Self:
        """One `Invalid` with the issues of all of `invalids`, in order.

        >>> a = Invalid([Issue(("a",), "missing", "required key missing")])
        >>> len(Invalid.merge(a, a.under("nested")))
        2
        """
        return cls(issue for invalid in invalids for issue in invalid.issues)

    @property
    def codes(self) -> tuple[str, ...]:
        """The code of each issue, in order: handy in tests and for routing errors."""
        return tuple(issue.code for issue in self.issues)

    @property
    def paths(self) -> tuple[tuple[PathElement, ...], ...]:
        """The path of each issue, in order."""
        return tuple(issue.path for issue in self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __str__(self) -> str:
        lines = [str(issue) for issue in self.issues[:_LINES_SHOWN]]
        rest = len(self.issues) - len(lines)
        if rest:
            lines.append(f"... and {_plural(rest, 'more issue')}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        first = _cut(str(self.issues[0]), _REPR_CHARS)
        rest = len(self.issues) - 1
        more = f"; and {rest} more" if rest else ""
        return f"Invalid({_plural(len(self.issues), 'issue')}: {first}{more})"

    def to_json(self, limit: int | None = _JSON_ISSUES) -> list[dict[str, object]]:
        """A list of plain dicts, one per issue (see `Issue.to_json`), for APIs.

        At most `limit` issues (`None`: all); when some are left out, a last entry with
        code `too_many_issues` says how many.
        """
        if limit is None or len(self.issues) <= limit:
            return [issue.to_json() for issue in self.issues]
        shown = [issue.to_json() for issue in self.issues[: max(limit, 0)]]
        rest = len(self.issues) - len(shown)
        shown.append(Issue((), "too_many_issues", f"{_plural(rest, 'more issue')} left out").to_json())
        return shown

    def pretty(self, color: bool | None = None) -> str:
        """The issues for a terminal: grouped by source, with `help: did you mean ...?` lines.

        Colour when `color` says so; by default only when standard output is a terminal
        and `NO_COLOR` is not set.

        >>> invalid = Invalid([Issue(("retry", "atempts"), "unknown_key", "unknown key",
        ...                          suggestions=("attempts",), source="app.toml")])
        >>> print(invalid.pretty(color=False))
        1 issue:
        in app.toml:
          error[unknown_key] retry.atempts: unknown key
            help: did you mean 'attempts'?
        """
        from validation._views import pretty

        return pretty(self, color)

    def flatten(self) -> dict[str, object]:
        """`{"form": [...], "fields": {"server.port": [...]}}`: messages per field, for web forms.

        >>> Invalid([Issue(("server", "port"), "missing", "required key missing")]).flatten()
        {'form': [], 'fields': {'server.port': ['required key missing']}}
        """
        from validation._views import flatten

        return flatten(self)

    def under(self, *prefix: PathElement) -> Invalid:
        """These issues with `prefix` put before every path (issues found in a nested value)."""
        return Invalid(issue.under(*prefix) for issue in self.issues) if prefix else self

    def with_source(self, source: str) -> Invalid:
        """These issues with `source` filled in where none is named yet."""
        return Invalid(issue.with_source(source) for issue in self.issues)


class InvalidOptions(EitherwayError, ValueError):  # noqa: N818 (the contract's name)
    """Raised by an options constructor given bad input; `.invalid` holds every issue.

    The message names what was being built and lists the issues, one per line:

    >>> error = InvalidOptions(Invalid([Issue(("port",), "missing", "required key missing")]), "AppOptions")
    >>> print(error)
    invalid AppOptions: 1 issue
      port: required key missing
    >>> isinstance(error, ValueError)
    True
    """

    def __init__(self, invalid: Invalid, target: str = "options") -> None:
        self.invalid = invalid
        self.target = target
        lines = str(invalid).replace("\n", "\n  ")
        super().__init__(f"invalid {_cut(target, 100)}: {_plural(len(invalid), 'issue')}\n  {lines}")

    def __reduce__(self) -> tuple[type[InvalidOptions], tuple[Invalid, str]]:
        return (type(self), (self.invalid, self.target))
