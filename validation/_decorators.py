"""`@validate_params` and `@validate_result`: schemas at a handler's edges.

Why: the Clojure original declared a service's parameter schema beside the service
(`defservice ... :validate-params`), so a request with a misspelt parameter was refused
before the body ran, and no body ever saw unchecked input. Here the handler receives the
parsed parameters (defaults filled in) and returns an `Either`; a bad request becomes
`Left(Invalid)` and the error type of the decorated handler widens to `Invalid | E`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, Protocol, TypeVar, cast

from typing_extensions import ParamSpec

from either._core import Either, Left, Right
from validation._issues import Invalid, InvalidOptions

__all__ = ["Parser", "validate_params", "validate_result"]

_P = ParamSpec("_P")
_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)
_E = TypeVar("_E")
_A = TypeVar("_A")
_F = TypeVar("_F", bound=Callable[..., Any])


class Parser(Protocol[_T_co]):
    """Anything with `parse(data) -> Either[Invalid, T]`: an `Options` class, a `schema(...)`."""

    def parse(self, data: object, /) -> Either[Invalid, _T_co]: ...


def validate_params(
    schema: Parser[_T],
) -> Callable[
    [Callable[Concatenate[_T, _P], Either[_E, _A]]],
    Callable[Concatenate[object, _P], Either[Invalid | _E, _A]],
]:
    """Parse a handler's first argument with `schema` before the body runs.

    Bad parameters give `Left(Invalid)` and the body does not run; good ones reach the
    body parsed, with defaults filled in; the handler's own `Either` is returned as it is.

    >>> import validation
    >>> from either import Right
    >>> params = validation.schema({"profileId": str, validation.optional("pageSize", default=20): int})
    >>> @validate_params(params)
    ... def list_items(params):
    ...     return Right((params["profileId"], params["pageSize"]))
    >>> list_items({"profileId": "p1"})
    Right(('p1', 20))
    >>> print(list_items({"profileId": "p1", "pagesize": 5}).unwrap_left())
    pagesize: unknown key; did you mean 'pageSize'?
    """
    parse = schema.parse

    def decorate(
        handler: Callable[Concatenate[_T, _P], Either[_E, _A]],
    ) -> Callable[Concatenate[object, _P], Either[Invalid | _E, _A]]:
        @functools.wraps(handler)
        def checked(params: object, /, *args: _P.args, **kwargs: _P.kwargs) -> Either[Invalid | _E, _A]:
            parsed = parse(params)
            if isinstance(parsed, Left):
                return parsed
            return handler(parsed.value, *args, **kwargs)

        return checked

    return decorate


def validate_result(schema: Parser[object], *, enabled: bool = __debug__) -> Callable[[_F], _F]:
    """Check what a function returns against `schema`, when `enabled` (debug runs and tests).

    A `Right(value)` has its value checked, a `Left` passes untouched, any other result is
    checked itself. A result that does not match raises `InvalidOptions` naming the
    function: it is a bug in the function, not bad input. With `enabled=False` the
    decorator returns the function itself, so the check costs nothing.

    >>> import validation
    >>> from either import Right
    >>> @validate_result(validation.schema({"id": int}), enabled=True)
    ... def load():
    ...     return Right({"id": 1, "nmae": "x"})
    >>> load()
    Traceback (most recent call last):
    ...
    validation._issues.InvalidOptions: invalid result of load: 1 issue
      nmae: unknown key
    """
    if not enabled:
        return _unchanged
    parse = schema.parse

    def decorate(function: _F) -> _F:
        target = f"result of {getattr(function, '__qualname__', 'function')}"

        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Any:
            result: object = function(*args, **kwargs)
            returned = result
            if isinstance(result, Left):
                return returned
            value: object = cast("Right[object]", result).value if isinstance(result, Right) else result
            outcome = parse(value)
            if isinstance(outcome, Left):
                raise InvalidOptions(outcome.error, target)
            return returned

        return checked  # type: ignore[return-value]

    return decorate


def _unchanged(function: _F) -> _F:
    return function
