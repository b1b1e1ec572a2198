"""`Left` and `Right`: the two variants of `Either`, and the functions that build them.

Both classes are final and slotted and share no base class: `Either[E, A]` is the union
`Left[E] | Right[A]`, which is what lets mypy and pyright narrow a `match` or an
`isinstance` exactly and prove a `match` exhaustive with `assert_never`.

Every method exists on both variants with a signature chosen so that calling it on the
union gives the precise union back. `Right.bind(f)` returns what `f` returns and
`Left.bind(f)` returns the `Left` itself, so a chain of binds accumulates error types:
`Either[E1, A].bind(f: A -> Either[E2, B])` is `Either[E1 | E2, B]` without any plugin.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from types import CoroutineType
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, NoReturn, TypeAlias, TypeVar, Union, final, overload

from either._checks import check_callable
from either._context import Context, add_context, check_context_message
from either._errors import (
    ArgumentTypeError,
    ArgumentValueError,
    NotAnEitherError,
    UnwrapError,
    describe,
    full_repr,
    name_of,
    short_repr,
)

if TYPE_CHECKING:
    from types import FrameType

    from typing_extensions import Never, TypeIs
    from typing_extensions import TypeVar as TypeVarWithDefault

    # Checkers only (annotations are never evaluated, and typing_extensions is slow to
    # import): a step that never fails, or never succeeds, leaves one side unsolved, and
    # the default makes it Never rather than unknown.
    _B = TypeVarWithDefault("_B", default=Never)
    _F = TypeVarWithDefault("_F", default=Never)

# `check_callable` is re-exported for the package's other modules.
__all__ = [
    "Either",
    "Left",
    "LeftRight",
    "Right",
    "check_callable",
    "from_optional",
    "is_left",
    "is_right",
    "left",
    "right",
]

_A_co = TypeVar("_A_co", covariant=True)
_E_co = TypeVar("_E_co", covariant=True)
_T = TypeVar("_T")
_A = TypeVar("_A")
_E = TypeVar("_E")
_X = TypeVar("_X")


@final
class Right(Generic[_A_co]):
    """The success variant: holds `value`, and every operation on it runs.

    >>> Right(2).map(lambda x: x * 10)
    Right(20)
    >>> Right(2).bind(lambda x: Left("too small") if x < 5 else Right(x))
    Left('too small')
    """

    __slots__ = ("_value",)
    __match_args__ = ("value",)

    def __init__(self, value: _A_co) -> None:
        self._value = value

    @property
    def value(self) -> _A_co:
        """The success value (read-only)."""
        return self._value

    def __init_subclass__(cls, **kwargs: object) -> None:
        raise ArgumentTypeError("Right is final: an Either is exactly a Left or a Right, so it cannot be subclassed")

    def __repr__(self) -> str:
        return f"Right({full_repr(self._value)})"

    def __reduce__(self) -> tuple[type[Right[Any]], tuple[_A_co]]:
        # Explicit, so every pickle protocol works (0 and 1 refuse slotted classes otherwise).
        return (Right, (self._value,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Right) and self._value == other._value  # pyright: ignore[reportUnknownMemberType,reportUnknownVariableType]

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((Right, self._value))

    def is_right(self) -> Literal[True]:
        """`True`: this is a `Right`. Prefer `match` or `isinstance` to narrow the type."""
        return True

    def is_left(self) -> Literal[False]:
        """`False`: this is not a `Left`."""
        return False

    def map(self, f: Callable[[_A_co], _B]) -> Right[_B]:
        """`Right(f(value))`: transform the success value."""
        try:
            return Right(f(self._value))
        except TypeError:
            check_callable("map", f)
            raise

    def map_left(self, f: Callable[[Any], object]) -> Right[_A_co]:
        """This `Right` unchanged: only a `Left`'s error is transformed."""
        return self

    def bind(self, f: Callable[[_A_co], Left[_F] | Right[_B]]) -> Left[_F] | Right[_B]:
        """`f(value)`: continue with a step that may itself fail.

        The result's error type is the union of this one and `f`'s, so a chain of binds
        lists every way it can fail.
        """
        try:
            result = f(self._value)
        except TypeError:
            check_callable("bind", f)
            raise
        if result.__class__ is Right or result.__class__ is Left:
            return result
        raise _not_either("bind", f, result)

    def bind_left(self, f: Callable[[Any], object]) -> Right[_A_co]:
        """This `Right` unchanged: only a `Left` is handed to a recovery step."""
        return self

    @overload
    def recover(self, f: Callable[[Any], object], /) -> Right[_A_co]: ...
    @overload
    def recover(self, kind: type[Any], f: Callable[[Any], object], /) -> Right[_A_co]: ...
    @overload
    def recover(self, handlers: Mapping[type[Any], Callable[[Any], object]], /) -> Right[_A_co]: ...
    def recover(self, handler: object, f: object = None, /) -> Right[_A_co]:
        """This `Right` unchanged (the arguments are still checked, so mistakes show early)."""
        recovery_handlers(handler, f)
        return self

    def context(self, message: str | Callable[[], str], /) -> Right[_A_co]:
        """This `Right` unchanged: context only describes a failure (a thunk is not called)."""
        check_context_message(message)
        return self

    def ensure(self, predicate: Callable[[_A_co], object], error: _F) -> Right[_A_co] | Left[_F]:
        """This `Right` if `predicate(value)` is true, else `Left(error)`."""
        return self if predicate(self._value) else Left(error)

    def tap(self, f: Callable[[_A_co], object]) -> Right[_A_co]:
        """Call `f(value)` for its side effect (logging, metrics) and return this `Right`."""
        f(self._value)
        return self

    def tap_left(self, f: Callable[[Any], object]) -> Right[_A_co]:
        """This `Right` unchanged; `f` is not called."""
        return self

    def fold(self, on_left: Callable[[Any], object], on_right: Callable[[_A_co], _T]) -> _T:
        """`on_right(value)`: collapse both variants into one result."""
        return on_right(self._value)

    def swap(self) -> Left[_A_co]:
        """`Left(value)`: exchange the roles of the two sides."""
        return Left(self._value)

    def right_or_none(self) -> _A_co:
        """The success value."""
        return self._value

    def left_or_none(self) -> None:
        """`None`: a `Right` holds no error."""
        return

    def unwrap(self) -> _A_co:
        """The success value. On a `Left` this raises `UnwrapError`."""
        return self._value

    def unwrap_or(self, default: object) -> _A_co:
        """The success value; `default` is only used by a `Left`."""
        return self._value

    def unwrap_or_else(self, f: Callable[[Any], object]) -> _A_co:
        """The success value; `f` is only called by a `Left`."""
        return self._value

    def unwrap_left(self) -> NoReturn:
        """Raise `UnwrapError`: a `Right` has no error to return."""
        raise UnwrapError(f"called unwrap_left() on {_render_right(self)}: expected a Left", self)

    def expect(self, message: str) -> _A_co:
        """The success value. On a `Left` this raises `UnwrapError` with `message`."""
        return self._value

    def expect_left(self, message: str) -> NoReturn:
        """Raise `UnwrapError` with `message`, followed by this `Right` (the value it holds).

        The twin of `expect` for code that expects a failure; unlike `swap().expect(...)`
        the message names this value as a `Right`.
        """
        raise UnwrapError(f"{message}: {_render_right(self)}", self)

    def unwrap_or_raise(self, exc_type: type[BaseException]) -> _A_co:
        """The success value. On a `Left` this raises `exc_type(error)`."""
        _check_exception_type(exc_type)
        return self._value

    def map_or(self, default: object, f: Callable[[_A_co], _T]) -> _T:
        """`f(value)`; `default` is only used by a `Left`."""
        return f(self._value)

    def map_or_else(self, default: Callable[[], object], f: Callable[[_A_co], _T]) -> _T:
        """`f(value)`; `default()` is only called by a `Left` (`fold` hands it the error)."""
        return f(self._value)


@final
class Left(Generic[_E_co]):
    """The failure variant: holds `error`, and every success operation passes it through.

    >>> Left("no such user").map(str.upper)
    Left('no such user')
    >>> Left("no such user").unwrap_or("guest")
    'guest'
    """

    __slots__ = ("_error", "_origin")
    __match_args__ = ("error",)
    _origin: str | None

    def __init__(self, error: _E_co) -> None:
        self._error = error

    @property
    def error(self) -> _E_co:
        """The error value (read-only)."""
        return self._error

    @property
    def origin(self) -> str | None:
        """Where this `Left` was created (`file:line in function`) when tracing is on.

        Set `EITHERWAY_TRACE=1` in the environment to record it; otherwise `None`.
        """
        return getattr(self, "_origin", None)

    def __init_subclass__(cls, **kwargs: object) -> None:
        raise ArgumentTypeError("Left is final: an Either is exactly a Left or a Right, so it cannot be subclassed")

    def __repr__(self) -> str:
        origin = getattr(self, "_origin", None)
        if origin is None:
            return f"Left({full_repr(self._error)})"
        return f"Left({full_repr(self._error)}, created at {origin})"

    def __reduce__(self) -> tuple[type[Left[Any]], tuple[_E_co]]:
        # Every pickle protocol, as for Right; a traced creation site is not kept.
        return (Left, (self._error,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Left) and self._error == other._error  # pyright: ignore[reportUnknownMemberType,reportUnknownVariableType]

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((Left, self._error))

    def is_right(self) -> Literal[False]:
        """`False`: this is not a `Right`."""
        return False

    def is_left(self) -> Literal[True]:
        """`True`: this is a `Left`. Prefer `match` or `isinstance` to narrow the type."""
        return True

    def map(self, f: Callable[[Any], object]) -> Left[_E_co]:
        """This `Left` unchanged: `f` only runs on a success."""
        return self

    def map_left(self, f: Callable[[_E_co], _F]) -> Left[_F]:
        """`Left(f(error))`: transform the error, for instance into a wider error type."""
        try:
            return Left(f(self._error))
        except TypeError:
            check_callable("map_left", f)
            raise

    def bind(self, f: Callable[[Any], object]) -> Left[_E_co]:
        """This `Left` unchanged: the chain stops at the first failure."""
        return self

    def bind_left(self, f: Callable[[_E_co], Left[_F] | Right[_B]]) -> Left[_F] | Right[_B]:
        """`f(error)`: try to recover from the failure, or fail differently."""
        try:
            result = f(self._error)
        except TypeError:
            check_callable("bind_left", f)
            raise
        if result.__class__ is Right or result.__class__ is Left:
            return result
        raise _not_either("bind_left", f, result)

    @overload
    def recover(self, f: Callable[[_E_co], Left[_F] | Right[_B]], /) -> Left[_F] | Right[_B]: ...
    @overload
    def recover(
        self, kind: type[_X], f: Callable[[_X], Left[_F] | Right[_B]], /
    ) -> Left[_E_co] | Left[_F] | Right[_B]: ...
    @overload
    def recover(
        self, handlers: Mapping[type[Any], Callable[[Any], Left[_F] | Right[_B]]], /
    ) -> Left[_E_co] | Left[_F] | Right[_B]: ...
    def recover(self, handler: Any, f: Any = None, /) -> Any:
        """Recover from the error: `recover(f)`, `recover(ErrType, f)` or `recover({A: f, B: g})`.

        With a class (or a mapping of classes to handlers, tried in order), only an error
        that is an instance of it is handed over; any other `Left` is returned unchanged.
        The error type keeps the handled classes (`E | F`): neither checker can remove a
        class from a union, so `match` on the result still lists them.

        >>> class NotFound(Exception): ...
        >>> Left(NotFound()).recover(NotFound, lambda e: Right("guest"))
        Right('guest')
        >>> Left("other").recover(NotFound, lambda e: Right("guest"))
        Left('other')
        """
        chosen = _chosen_handler(recovery_handlers(handler, f), self._error)
        if chosen is None:
            return self
        result = chosen(self._error)
        if result.__class__ is Right or result.__class__ is Left:
            return result
        raise _not_either("recover", chosen, result)

    @overload
    def context(self: Left[Context[_X]], message: str | Callable[[], str], /) -> Left[Context[_X]]: ...
    @overload
    def context(self, message: str | Callable[[], str], /) -> Left[Context[_E_co]]: ...
    def context(self, message: str | Callable[[], str], /) -> Left[Context[Any]]:
        """`Left(Context(message, error))`: say what was being done when this failed.

        `message` may be a function returning it, called only here, on a failure. Context
        on a `Context` adds the message in front rather than nesting.

        >>> print(Left(KeyError("id")).context("loading user 42").error)
        loading user 42: 'id'
        """
        check_context_message(message)
        return Left(add_context(self._error, message))

    def ensure(self, predicate: Callable[[Any], object], error: object) -> Left[_E_co]:
        """This `Left` unchanged: only a success is checked."""
        return self

    def tap(self, f: Callable[[Any], object]) -> Left[_E_co]:
        """This `Left` unchanged; `f` is not called."""
        return self

    def tap_left(self, f: Callable[[_E_co], object]) -> Left[_E_co]:
        """Call `f(error)` for its side effect (logging, metrics) and return this `Left`."""
        f(self._error)
        return self

    def fold(self, on_left: Callable[[_E_co], _T], on_right: Callable[[Any], object]) -> _T:
        """`on_left(error)`: collapse both variants into one result."""
        return on_left(self._error)

    def swap(self) -> Right[_E_co]:
        """`Right(error)`: exchange the roles of the two sides."""
        return Right(self._error)

    def right_or_none(self) -> None:
        """`None`: a `Left` holds no success value."""
        return

    def left_or_none(self) -> _E_co:
        """The error value."""
        return self._error

    def unwrap(self) -> NoReturn:
        """Raise `UnwrapError` showing the error (chained from it when it is an exception)."""
        self._raise(f"called unwrap() on {_render_left(self)}: expected a Right")

    def unwrap_or(self, default: _T) -> _T:
        """`default`: the fallback for a failure."""
        return default

    def unwrap_or_else(self, f: Callable[[_E_co], _T]) -> _T:
        """`f(error)`: compute the fallback from the error."""
        check_callable("unwrap_or_else", f)
        return f(self._error)

    def unwrap_left(self) -> _E_co:
        """The error value. On a `Right` this raises `UnwrapError`."""
        return self._error

    def expect(self, message: str) -> NoReturn:
        """Raise `UnwrapError` with `message`, followed by the error it holds."""
        self._raise(f"{message}: {_render_left(self)}")

    def expect_left(self, message: str) -> _E_co:
        """The error value. On a `Right` this raises `UnwrapError` with `message`."""
        return self._error

    def unwrap_or_raise(self, exc_type: type[BaseException]) -> NoReturn:
        """Raise `exc_type(error)`, chained from the error when it is an exception.

        For code that must surface a failure as a given exception class at a boundary
        (`result.unwrap_or_raise(HTTPError)`).
        """
        _check_exception_type(exc_type)
        error = self._error
        raise exc_type(error) from (error if isinstance(error, BaseException) else None)

    def map_or(self, default: _T, f: Callable[[Any], object]) -> _T:
        """`default`: `f` only runs on a success."""
        return default

    def map_or_else(self, default: Callable[[], _T], f: Callable[[Any], object]) -> _T:
        """`default()`: `f` only runs on a success. To compute from the error, use `fold`."""
        return default()

    def _raise(self, message: str) -> NoReturn:
        error = self._error
        if isinstance(error, BaseException):
            raise UnwrapError(message, self) from error
        raise UnwrapError(message, self)


Either: TypeAlias = Union[Left[_E_co], Right[_A_co]]
"""`Left[E] | Right[A]`: the result of an operation that fails with `E` or succeeds with `A`."""


LeftRight: Final = (Left, Right)
"""`(Left, Right)`, for run-time checks: `isinstance(x, LeftRight)` narrows `x` to an `Either`.

`isinstance(x, Either)` cannot work: `Either` is a generic type alias (a union with type
parameters), which Python, mypy and pyright all refuse in `isinstance`. This tuple is what
rustedpy/result calls `OkErr`.
"""


def right(value: _A) -> Either[Never, _A]:
    """`Right(value)` typed as an `Either[Never, A]`.

    A variable it initialises has that type in mypy, so assigning a `Left` later is an
    error: declare the variable's type (`v: Either[str, int] = right(1)`) for that.
    """
    return Right(value)


def left(error: _E) -> Either[_E, Never]:
    """`Left(error)` typed as an `Either[E, Never]`; declare a variable's type to let it
    hold a `Right` later (`v: Either[str, int] = left("e")`)."""
    return Left(error)


def from_optional(value: _A | None, error: _E) -> Either[_E, _A]:
    """`Right(value)`, or `Left(error)` when `value` is `None`.

    >>> from_optional({"alice": 1}.get("bob"), "no such user")
    Left('no such user')
    """
    return Left(error) if value is None else Right(value)


def is_right(value: Left[_E] | Right[_A], /) -> TypeIs[Right[_A]]:
    """Whether `value` is a `Right`, narrowing it in mypy and pyright (`Right.is_right()` cannot).

    >>> result = from_optional({"ada": 36}.get("ada"), "no age")
    >>> if is_right(result):
    ...     print(result.value + 1)
    37
    """
    return value.__class__ is Right


def is_left(value: Left[_E] | Right[_A], /) -> TypeIs[Left[_E]]:
    """Whether `value` is a `Left`, narrowing it in mypy and pyright (`Left.is_left()` cannot)."""
    return value.__class__ is Left


def recovery_handlers(handler: object, f: object) -> object:
    """Check `recover()`'s arguments; the handler, or a tuple of `(class, handler)` pairs."""
    if f is not None:
        _check_class(handler, "recover(kind, f)")
        check_callable("recover", f)
        return ((handler, f),)
    if isinstance(handler, Mapping):
        mapping: Mapping[object, object] = handler  # pyright: ignore[reportUnknownVariableType]
        try:
            pairs = tuple(mapping.items())
        except Exception as exc:
            raise ArgumentTypeError(
                f"recover() could not read its handlers mapping {describe(mapping)}: {exc!r}"
            ) from exc
        if not pairs:
            raise ArgumentValueError("recover() expected at least one error class in its handlers mapping, got none")
        for kind, each in pairs:
            _check_class(kind, "recover({...}) key")
            check_callable("recover", each)
        return pairs
    if _is_error_class(handler):
        name = getattr(handler, "__qualname__", "")
        raise ArgumentTypeError(
            f"recover({name}) expected a handler after the error class: "
            f"recover({name}, f); a class alone would be called as the handler"
        )
    check_callable("recover", handler)
    return handler


def _is_error_class(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, BaseException)


def _check_class(kind: object, where: str) -> None:
    if not isinstance(kind, type):
        raise ArgumentTypeError(f"{where} expected an error class, got {describe(kind)}")


def _chosen_handler(handlers: object, error: object) -> Callable[[Any], Any] | None:
    if not isinstance(handlers, tuple):
        chosen: Callable[[Any], Any] = handlers  # type: ignore[assignment]
        return chosen
    pairs: tuple[tuple[type[Any], Callable[[Any], Any]], ...] = handlers  # pyright: ignore[reportUnknownVariableType]
    for kind, each in pairs:
        if isinstance(error, kind):
            return each
    return None


def _render_right(value: Right[Any]) -> str:
    return f"Right({short_repr(value.value)})"


def _render_left(value: Left[Any]) -> str:
    text = f"Left({short_repr(value.error)})"
    origin = value.origin
    return text if origin is None else f"{text} created at {origin}"


def _not_either(method: str, f: object, result: Any) -> NotAnEitherError:
    if hasattr(result.__class__, "__await__"):
        if result.__class__ is CoroutineType:
            result.close()  # it will never be awaited now: no "never awaited" warning for it
        return NotAnEitherError(
            f"{method}() expected {name_of(f)} to return a Left or a Right, got {describe(result)}; "
            f"an async step needs an awaiting chain: either.Deferred.of(value).{method}({name_of(f)}), "
            f"or `await` it inside an async do-block"
        )
    return NotAnEitherError(
        f"{method}() expected {name_of(f)} to return a Left or a Right, got {describe(result)}; "
        f"wrap a plain value in Right(...) or use map() instead"
    )


def _check_exception_type(exc_type: object) -> None:
    if BaseException not in getattr(exc_type, "__mro__", ()):
        raise NotAnEitherError(f"unwrap_or_raise() expected an exception class, got {describe(exc_type)}")


# Creation-site tracing. Off by default: `Left.__init__` then only stores the error.
_PACKAGE_PREFIX = __name__.partition(".")[0] + "."


def _creation_site(frame: FrameType | None) -> str | None:
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if not module.startswith(_PACKAGE_PREFIX) and module != _PACKAGE_PREFIX[:-1]:
            code = frame.f_code
            return f"{code.co_filename}:{frame.f_lineno} in {code.co_name}"
        frame = frame.f_back
    return None


def _traced_init(self: Left[Any], error: object) -> None:
    self._error = error
    self._origin = _creation_site(sys._getframe(1))


_plain_init = vars(Left)["__init__"]


def _set_tracing(enabled: bool) -> None:
    """Switch creation-site tracing of `Left` values on or off (tests; `EITHERWAY_TRACE`)."""
    # Swapping the method keeps the untraced constructor free of any check.
    setattr(Left, "__init__", _traced_init if enabled else _plain_init)  # noqa: B010


if os.environ.get("EITHERWAY_TRACE", "").strip().lower() in {"1", "true", "yes", "on"}:
    _set_tracing(True)
