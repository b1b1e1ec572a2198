"""Lenient parsing: chosen issue codes become warnings returned beside the value.

Why: real tools (mkdocs among them) warn about an unknown key and fail only under
`--strict`; a library that can only refuse forces its users to open every level, and then
nothing is reported at all. With `parse(..., warn={"unknown_key"})` the result is
`Right(Parsed(value, warnings))` when every issue found has a warned code; the warnings
are ordinary `Issue`s, with their suggestions. Only codes whose offending input can be
left out are accepted (`unknown_key`: the key is dropped), so a warning never hides a
value that is wrong.

The strict path is untouched: without `warn`, `parse` returns `Either[Invalid, T]` as
always, and the lenient one costs a second validation only when there are warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Final, Generic, TypeVar, cast, final

from either._core import Either, Left, Right
from validation._issues import Invalid, Issue, PathElement

__all__ = ["WARNABLE", "Parsed", "checked_codes", "lenient_parse"]

_T_co = TypeVar("_T_co", covariant=True)
_T = TypeVar("_T")

_PASSES: Final = 8

WARNABLE: Final = frozenset({"unknown_key"})
"""The issue codes that `warn=` may turn into warnings."""


@final
class Parsed(Generic[_T_co]):
    """A value parsed in lenient mode, with the warnings found on the way.

    `value` is what a strict parse would give had the warned input been left out;
    `warnings` are `Issue`s (path, code, message, suggestions), empty when the input was
    clean. `str()` renders one line per warning, like `Invalid`.

    >>> import validation
    >>> class Site(validation.Options):
    ...     site_name: str = "docs"
    >>> parsed = Site.parse({"site_nmae": "x"}, warn={"unknown_key"}).unwrap()
    >>> parsed.value
    Site(site_name='docs')
    >>> print(parsed)
    site_nmae: unknown key; did you mean 'site_name'?
    """

    __slots__ = ("value", "warnings")

    value: _T_co
    warnings: tuple[Issue, ...]

    def __init__(self, value: _T_co, warnings: tuple[Issue, ...] = ()) -> None:
        self.value = value
        self.warnings = tuple(warnings)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.warnings)

    def __len__(self) -> int:
        return len(self.warnings)

    def __str__(self) -> str:
        return str(Invalid(self.warnings)) if self.warnings else ""

    def pretty(self, color: bool | None = None) -> str:
        """The warnings for a terminal, like `Invalid.pretty`: grouped by source, with `help:` lines.

        Empty when there are none. Colour as `Invalid.pretty` decides it.

        >>> import validation
        >>> class Site(validation.Options):
        ...     site_name: str = "docs"
        >>> print(Site.parse({"site_nmae": "x"}, warn={"unknown_key"}).unwrap().pretty(color=False))
        1 warning:
        in input:
          warning[unknown_key] site_nmae: unknown key
            help: did you mean 'site_name'?
        """
        if not self.warnings:
            return ""
        from validation._views import pretty

        return pretty(Invalid(self.warnings), color, kind="warning")

    def __repr__(self) -> str:
        count = len(self.warnings)
        return f"Parsed({self.value!r}, {count} warning{'' if count == 1 else 's'})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Parsed):
            return NotImplemented
        theirs = cast("Parsed[object]", other)
        return bool(self.value == theirs.value) and self.warnings == theirs.warnings

    def __hash__(self) -> int:
        return hash((Parsed, self.value, self.warnings))


def checked_codes(warn: Collection[str]) -> frozenset[str]:
    """`warn` as a set, refusing codes that cannot be warnings (a `str` is refused as a likely slip)."""
    if isinstance(warn, str):
        raise TypeError(f"warn takes a collection of issue codes, got the str {warn!r}; write warn={{{warn!r}}}")
    codes = frozenset(warn)
    unknown = codes - WARNABLE
    if unknown:
        raise ValueError(
            f"warn: only {sorted(WARNABLE)} can be warnings (the input at fault is left out); got {sorted(unknown)}"
        )
    return codes


def lenient_parse(
    parse: Callable[[object], Either[Invalid, _T]], data: object, warn: Collection[str]
) -> Either[Invalid, Parsed[_T]]:
    """Parse `data` with `parse` (a strict `data -> Either[Invalid, T]`), turning `warn` codes into warnings."""
    codes = checked_codes(warn)
    first = parse(data)
    if isinstance(first, Right):
        return Right(Parsed(first.value))
    warnings: tuple[Issue, ...] = ()
    current: object = data
    failure = first.error
    for _ in range(_PASSES):  # the engine lists at most about a thousand issues per parse
        found = tuple(issue for issue in failure.issues if issue.code in codes)
        if not found:
            break
        warnings += found
        try:
            current = _without(current, [issue.path for issue in found])
        except Exception:  # a mapping that lies: the strict answer stands
            return first
        result = parse(current)
        if isinstance(result, Right):
            return Right(Parsed(result.value, warnings))
        failure = result.error
    if not warnings:
        return first
    # Leaving the keys out showed other mistakes: a misspelt required key is still an
    # error (reported once, as the unknown key with its suggestion), others are new.
    missing = {issue.path for issue in failure.issues if issue.code == "missing"}
    fatal = [issue for issue in warnings if any((*issue.path[:-1], s) in missing for s in issue.suggestions)]
    meant = {(*issue.path[:-1], suggestion) for issue in fatal for suggestion in issue.suggestions}
    rest = [issue for issue in failure.issues if not (issue.code == "missing" and issue.path in meant)]
    return Left(Invalid([*fatal, *rest]))


def _without(data: object, paths: list[tuple[PathElement, ...]]) -> object:
    """A copy of `data` without the keys at `paths`; containers off those paths are shared."""
    heads: dict[PathElement, list[tuple[PathElement, ...]]] = {}
    for path in paths:
        if path:
            heads.setdefault(path[0], []).append(path[1:])
    if not heads:
        return data
    if isinstance(data, Mapping):
        copy = dict(cast("Mapping[object, object]", data))
        for key, rests in heads.items():
            if key not in copy:
                continue
            if any(not rest for rest in rests):
                del copy[key]
            else:
                copy[key] = _without(copy[key], rests)
        return copy
    if isinstance(data, (list, tuple)):
        items = list(cast("list[object]", data))
        for index, rests in heads.items():
            if isinstance(index, int) and -len(items) <= index < len(items):
                items[index] = _without(items[index], [rest for rest in rests if rest])
        return items if isinstance(data, list) else tuple(items)
    return data
