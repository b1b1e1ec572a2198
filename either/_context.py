"""`Context[E]`: an error with the story of where it happened, as Rust's anyhow tells it.

`result.context("loading user 42")` turns a `Left(error)` into `Left(Context(...))`: the
original error stays, untouched, as `cause`, and each layer adds one message in front.
Context never nests (`Context[Context[E]]` is never built): adding context to a `Context`
prepends a message, so `root_cause()` is one attribute away and `match` still reaches the
original through `case Context(NotFound())` or `match err.root_cause():`.

Rendering never raises: an error whose `__str__` raises or is huge is shown by a bounded
repr instead, and a cyclic exception chain is walked once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Generic, TypeVar, final, overload

from either._errors import ArgumentTypeError, ArgumentValueError, describe, name_of, short_repr

__all__ = ["Context"]

_E_co = TypeVar("_E_co", covariant=True)
_T = TypeVar("_T")
_X = TypeVar("_X")

# An exception chain (`raise ... from ...`) longer than this is cut when walked.
_CHAIN_LIMIT = 64
_MESSAGE_LIMIT = 2000


@final
class Context(Generic[_E_co]):
    """An error (`cause`) with messages saying what was being done, outermost first.

    >>> from either import Left
    >>> result = Left(ConnectionError("connection refused")).context("fetching profile").context("loading user 42")
    >>> print(result.error)
    loading user 42: fetching profile: connection refused
    >>> print(result.error.pretty())
    loading user 42
    Caused by:
        0: fetching profile
        1: connection refused
    >>> result.error.root_cause()
    ConnectionError('connection refused')
    """

    __slots__ = ("_cause", "_messages")
    __match_args__ = ("cause",)

    # Given a Context as the cause, the messages join and the type stays Context[X].
    @overload
    def __init__(self: Context[_X], message: str, cause: Context[_X]) -> None: ...
    @overload
    def __init__(self, message: str, cause: _E_co) -> None: ...
    def __init__(self, message: str, cause: Any) -> None:
        text = _check_message(message, "Context()")
        if isinstance(cause, Context):
            self._messages: tuple[str, ...] = (text, *cause._messages)
            self._cause: Any = cause._cause
        else:
            self._messages = (text,)
            self._cause = cause

    def __init_subclass__(cls, **kwargs: object) -> None:
        raise ArgumentTypeError("Context is final: it cannot be subclassed")

    @property
    def message(self) -> str:
        """The outermost message: what was being done when the error reached this layer."""
        return self._messages[0]

    @property
    def messages(self) -> tuple[str, ...]:
        """Every message, outermost first."""
        return self._messages

    @property
    def cause(self) -> _E_co:
        """The original error, never itself a `Context`."""
        cause: _E_co = self._cause
        return cause

    def root_cause(self) -> _E_co:
        """The original error: `cause`, named for readers coming from anyhow."""
        cause: _E_co = self._cause
        return cause

    def chain(self) -> tuple[object, ...]:
        """The cause, then the exceptions it was raised from (`__cause__`, else `__context__`)."""
        return tuple(_walk(self._cause))

    def find(self, kind: type[_T]) -> _T | None:
        """The first item of `chain()` that is an instance of `kind`, else `None`."""
        _require_class(kind)
        for item in _walk(self._cause):
            if isinstance(item, kind):
                return item
        return None

    def pretty(self) -> str:
        """The multi-line form: the outermost message, then a numbered "Caused by:" list."""
        lines = [*self._messages[1:], *map(_render, _walk(self._cause))]
        entries = (f"    {n}: {_indent(line)}" for n, line in enumerate(lines))
        return "\n".join([self._messages[0], "Caused by:", *entries])

    def __str__(self) -> str:
        return ": ".join([*self._messages, _render(self._cause)])

    def __repr__(self) -> str:
        return f"Context({', '.join(map(repr, self._messages))}, cause={short_repr(self._cause)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Context):
            return False
        other_context: Context[object] = other  # pyright: ignore[reportUnknownVariableType]
        return self._messages == other_context._messages and self._cause == other_context._cause

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((Context, self._messages, self._cause))

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, "_cause"):
            raise AttributeError(f"Context is immutable; add context instead of setting {name!r}")
        object.__setattr__(self, name, value)


def add_context(error: object, message: object) -> Context[Any]:
    """`Context(message, error)`, calling `message` first when it is a thunk."""
    if callable(message):
        text = message()
        if not isinstance(text, str):
            raise ArgumentTypeError(f"context() expected {name_of(message)} to return a str, got {describe(text)}")
        return Context(text, error)
    return Context(_check_message(message, "context()"), error)


def check_context_message(message: object) -> None:
    """Refuse a message that is neither a `str` nor a callable, when `context()` is called."""
    if isinstance(message, str):
        _check_message(message, "context()")
    elif not callable(message):
        raise ArgumentTypeError(
            f"context() expected a message (str) or a function returning one, got {describe(message)}"
        )


def _check_message(message: object, where: str) -> str:
    if not isinstance(message, str):
        raise ArgumentTypeError(f"{where} expected a message (str), got {describe(message)}")
    if not str.strip(message):
        raise ArgumentValueError(f"{where} expected a message that says something, got {describe(message)}")
    return str.__str__(message)  # a str subclass (hostile __str__, __eq__) becomes a plain str


def _require_class(kind: object) -> None:
    if not isinstance(kind, type):
        raise ArgumentTypeError(f"Context.find() expected a class, got {describe(kind)}")


def _walk(cause: object) -> Iterator[object]:
    seen: set[int] = set()
    item: object = cause
    while item is not None and id(item) not in seen and len(seen) < _CHAIN_LIMIT:
        seen.add(id(item))
        yield item
        if not isinstance(item, BaseException):
            return
        if item.__cause__ is not None:
            item = item.__cause__
        elif item.__suppress_context__:
            return
        else:
            item = item.__context__


def _indent(text: str) -> str:
    """Continuation lines of a multi-line message, aligned under its first line."""
    return text.replace("\n", "\n       ")


def _render(error: object) -> str:
    try:
        text = str(error)
    except Exception:
        return short_repr(error)
    if isinstance(error, BaseException) and not text:
        return type(error).__qualname__
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 3] + "..."
