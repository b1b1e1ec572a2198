"""Cross-field rules (`@validation.rule`) and the error type that carries ready-made issues.

Why: some checks need two fields at once (`min_connections <= max_connections`, "`tls_key`
needs `tls_cert`"), and they must be reported with every other issue of the same parse,
not in a second round after the user fixed the first. A rule therefore runs inside the
validator, right after its class's fields parsed, wherever that class appears (top level,
nested, in lists and unions); its issues travel through pydantic-core as one custom error
(`ISSUES_ERROR`) whose context holds the `Issue`s, and the engine puts them under the path
where the instance sits.

What a rule cannot do: see a level whose own fields failed to parse (there is no instance
to ask). Those issues are reported first; the rule runs on the next parse.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from pydantic_core import PydanticCustomError, core_schema

from validation._issues import Issue

__all__ = ["ISSUES_ERROR", "raise_issues", "rule", "rules_of", "with_rules"]

ISSUES_ERROR = "eitherway_issues"
"""The pydantic-core error type whose `ctx["issues"]` is a tuple of `Issue`s, paths relative to its location."""

_MARK = "__eitherway_rule__"
_TEXT_LIMIT = 200

_F = TypeVar("_F", bound=Callable[[Any], "Iterable[Issue] | Issue | None"])


def rule(method: _F) -> _F:
    """Mark a method of an `Options` class as a cross-field rule.

    The method runs after the fields of its class parsed, and returns the issues it finds
    (an iterable of `Issue`, a single `Issue`, or `None` when all is well); paths are
    relative to the instance (`("min_connections",)`). Use the code `"rule"`. The issues
    are reported with every other issue of the same parse, under the path of the
    instance; the constructor, `parse`, `replace` and everything built on them run rules.
    A rule that raises `ValueError` gives one `rule` issue with the error's text; any
    other exception (a bug in the rule) gives one `rule` issue naming it, so a parse still
    returns a `Left` rather than raising.

    >>> import validation
    >>> from validation import Issue
    >>> class Pool(validation.Options):
    ...     min_connections: int = 1
    ...     max_connections: int = 10
    ...     @validation.rule
    ...     def ordered(self):
    ...         if self.min_connections > self.max_connections:
    ...             yield Issue(("min_connections",), "rule", "must not exceed max_connections")
    >>> print(Pool.parse({"min_connections": 20}).unwrap_left())
    min_connections: must not exceed max_connections
    """
    function: object = method
    if not isinstance(function, types.FunctionType):
        raise TypeError(f"@rule decorates a plain method (def name(self): ...), got {type(function).__qualname__}")
    setattr(method, _MARK, True)
    return method


def rules_of(cls: type[Any]) -> tuple[str, ...]:
    """The names of the rule methods of `cls`, base classes' first; an override that is not a rule hides one."""
    seen: set[str] = set()
    found: list[str] = []
    for klass in cls.__mro__:
        for name, value in vars(klass).items():
            if name in seen:
                continue
            seen.add(name)
            if getattr(value, _MARK, False) is True:
                found.append(name)
    return tuple(reversed(found))


def with_rules(cls: type[Any], schema: core_schema.CoreSchema) -> core_schema.CoreSchema:
    """`schema` followed by the rules of `cls`, if it has any; the schema's `ref` moves to the wrapper."""
    names = rules_of(cls)
    if not names:
        return schema
    ref = cast("dict[str, Any]", schema).pop("ref", None)
    return core_schema.no_info_after_validator_function(_checker(names), schema, ref=ref)


def raise_issues(issues: tuple[Issue, ...]) -> None:
    """Raise the pydantic-core error that carries `issues` to the engine."""
    summary = "1 issue" if len(issues) == 1 else f"{len(issues)} issues"
    raise PydanticCustomError(ISSUES_ERROR, "{summary}", {"summary": summary, "issues": issues})


def _checker(names: tuple[str, ...]) -> Callable[[object], object]:
    """The after-validator running the rules `names` on each instance built."""

    def rules(instance: object) -> object:
        issues: list[Issue] = []
        for name in names:
            try:
                issues.extend(_issues_from(name, getattr(instance, name)()))
            except ValueError as exc:
                issues.append(Issue((), "rule", _cut(str(exc)) or f"rule {name} failed"))
            except Exception as exc:  # a bug in the rule: shown as such, never as bad input
                message = f"rule {name} raised {type(exc).__qualname__}: {_cut(str(exc))}"
                issues.append(Issue((), "rule", message))
        if issues:
            raise_issues(tuple(issues))
        return instance

    return rules


def _cut(text: str) -> str:
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…"


def _issues_from(name: str, result: object) -> list[Issue]:
    if result is None:
        return []
    if isinstance(result, Issue):
        return [result]
    if isinstance(result, (str, bytes)) or not isinstance(result, Iterable):
        raise TypeError(f"rule {name} must return Issue values (or None), got {type(result).__qualname__}")
    found: list[Issue] = []
    for item in cast("Iterable[object]", result):
        if not isinstance(item, Issue):
            raise TypeError(f"rule {name} must give Issue values, got a {type(item).__qualname__}")
        found.append(item)
    return found
