"""Readable failures for tests that expect a `Right` (or a `Left`) and get the other.

Why: `assert result == Right(3)` failing on `Left(Invalid(...))` makes pytest print two
reprs, the second a couple of thousand characters long. A test author wants to read
what went wrong: the issues one per line, or the error, with where the `Left` was created
when tracing is on. This module renders that, bounded whatever the size of the value;
`either.testing` and the pytest plugin (`either._pytest_plugin`) show it.

`either` never imports `validation`: an `Invalid` is recognised only when `validation` is
already imported (it must be, for one to exist).
"""

from __future__ import annotations

import sys
from typing import Any, Final, TypeVar, cast, final

from either._core import Left, Right
from either._errors import EitherwayError, short_repr

__all__ = ["EitherAssertionError", "assert_left", "assert_right", "explain", "is_either"]

_A = TypeVar("_A")
_E = TypeVar("_E")

ISSUES_SHOWN: Final = 20
"""Issues of an `Invalid` listed in a failure; the rest are counted."""
_VALUE_CHARS: Final = 300


@final
class EitherAssertionError(EitherwayError, AssertionError):
    """`assert_right` got a `Left` (or `assert_left` a `Right`); the message shows what came.

    An `AssertionError`, so test runners report it as a failed assertion; raised
    explicitly, so it still fires under `python -O`.
    """


def assert_right(value: Left[object] | Right[_A]) -> _A:
    """The value of a `Right`; a `Left` fails the test, showing its error readably.

    >>> from either import Left, Right
    >>> assert_right(Right(3))
    3
    >>> assert_right(Left("no such user"))
    Traceback (most recent call last):
      ...
    either._testing.EitherAssertionError: expected a Right, got a Left:
      Left('no such user')
    """
    __tracebackhide__ = True
    if isinstance(value, Right):
        return value.value
    raise EitherAssertionError("\n  ".join(["expected a Right, got " + _kind(value) + ":", *explain(value)]))


def assert_left(value: Left[_E] | Right[object]) -> _E:
    """The error of a `Left`; a `Right` fails the test, showing its value.

    >>> from either import Left
    >>> assert_left(Left("no such user"))
    'no such user'
    """
    __tracebackhide__ = True
    if isinstance(value, Left):
        return value.error
    raise EitherAssertionError("\n  ".join(["expected a Left, got " + _kind(value) + ":", *explain(value)]))


def is_either(value: object) -> bool:
    """Whether `value` is a `Left` or a `Right`."""
    return isinstance(value, Left | Right)


def explain(value: object) -> list[str]:
    """Lines describing `value` for a failed test: an `Invalid`'s issues one per line, bounded.

    >>> explain(Right([1, 2]))
    ['Right([1, 2])']
    """
    if isinstance(value, Right):
        shown: object = cast("Right[object]", value).value
        return [f"Right({_shown(shown)})"]
    if not isinstance(value, Left):
        return [f"not an Either: {_shown(value)} ({type(value).__qualname__})"]
    left = cast("Left[object]", value)
    error = left.error
    origin = left.origin
    issues = _issues(error)
    if issues is None:
        lines = [f"Left({_shown(error)})"]
    else:
        count = len(issues)
        lines = [f"Left({type(error).__name__}) with {count} issue{'' if count == 1 else 's'}:"]
        lines.extend(f"  {_line(issue)}" for issue in issues[:ISSUES_SHOWN])
        if count > ISSUES_SHOWN:
            lines.append(f"  ... and {count - ISSUES_SHOWN} more")
    if origin is not None:
        lines.append(f"  (the Left was created at {origin[:_VALUE_CHARS]})")
    return lines


def _shown(value: object) -> str:
    try:
        return short_repr(value, _VALUE_CHARS)
    except ValueError:  # an int past the digit limit: reprlib gives up on it
        return f"<{type(value).__qualname__} too large to show>"


def _kind(value: object) -> str:
    return "a Left" if isinstance(value, Left) else "a Right" if isinstance(value, Right) else "something else"


def _issues(error: object) -> tuple[Any, ...] | None:
    """The issues of a `validation.Invalid`, or `None` for any other error."""
    issues_module = sys.modules.get("validation._issues")
    invalid_type: Any = getattr(issues_module, "Invalid", None)
    if invalid_type is None or not isinstance(error, invalid_type):
        return None
    return tuple(getattr(error, "issues", ()))


def _line(issue: object) -> str:
    try:
        text = str(issue)
    except Exception:  # a broken __str__ must not hide the test's own failure
        text = _shown(issue)
    return text if len(text) <= _VALUE_CHARS else text[: _VALUE_CHARS - 3] + "..."
