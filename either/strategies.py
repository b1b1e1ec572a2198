"""Hypothesis strategies for `Either` values, and `check_laws` for your own functions.

Install the `hypothesis` extra. Once Hypothesis is installed, its entry point registers
`Left`, `Right` and `Deferred` with `st.from_type`. (`st.from_type(Either[str, int])` runs
and pyright accepts it, but mypy does not, `Either` being a union alias: write
`st.one_of(st.from_type(Left[str]), st.from_type(Right[int]))`, or `eithers(...)`.)

>>> from hypothesis import given, strategies as st
>>> from either.strategies import eithers
>>> @given(eithers(st.text(), st.integers()))
... def test_swap_twice(value):
...     assert value.swap().swap() == value
>>> test_swap_twice()
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar, cast, final

from hypothesis import given, settings
from hypothesis import strategies as st

from either._core import Either, Left, Right
from either._deferred import Deferred
from either._errors import EitherwayError, short_repr

__all__ = ["LawError", "check_async_laws", "check_laws", "deferreds", "eithers", "lefts", "rights"]

_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")
_X = TypeVar("_X")
_Y = TypeVar("_Y")
_E = TypeVar("_E")
_E1 = TypeVar("_E1")
_E2 = TypeVar("_E2")

_SIDE_LIMIT = 400


def rights(values: st.SearchStrategy[_A]) -> st.SearchStrategy[Right[_A]]:
    """`Right(v)` for each `v` drawn from `values`."""
    return values.map(Right)


def lefts(errors: st.SearchStrategy[_E]) -> st.SearchStrategy[Left[_E]]:
    """`Left(e)` for each `e` drawn from `errors`."""
    return errors.map(Left)


def eithers(errors: st.SearchStrategy[_E], values: st.SearchStrategy[_A]) -> st.SearchStrategy[Either[_E, _A]]:
    """`Left` or `Right` values, shrinking towards the `Left` side's simplest error."""
    return st.one_of(lefts(errors), rights(values))


def deferreds(errors: st.SearchStrategy[_E], values: st.SearchStrategy[_A]) -> st.SearchStrategy[Deferred[_E, _A]]:
    """`Deferred` values that give a drawn `Left` or `Right` when awaited.

    Each is built with `Deferred.of`, so it can be awaited any number of times (and
    retried), and runs on asyncio and trio alike.
    """
    return eithers(errors, values).map(Deferred.of)


@final
class LawError(EitherwayError, AssertionError):
    """A functor or monad law does not hold for your functions: both sides of the equation shown.

    An `AssertionError`, so pytest and Hypothesis report and shrink it like a failed
    `assert`; raised explicitly, so it still fires under `python -O`.
    """

    left: object
    right: object

    def __init__(self, law: str, example: str, left: tuple[str, object], right: tuple[str, object]) -> None:
        self.law: str = law
        left_side, self.left = left
        right_side, self.right = right
        super().__init__(
            f"{law} does not hold for {example}:\n"
            f"  {left_side}\n    = {short_repr(self.left, _SIDE_LIMIT)}\n"
            f"  {right_side}\n    = {short_repr(self.right, _SIDE_LIMIT)}"
        )


def check_laws(
    *,
    errors: st.SearchStrategy[_E],
    values: st.SearchStrategy[_A],
    bind_first: Callable[[_A], Either[_E1, _B]],
    bind_then: Callable[[_B], Either[_E2, _C]],
    map_first: Callable[[_A], _X] | None = None,
    map_then: Callable[[_X], _Y] | None = None,
    max_examples: int = 100,
) -> None:
    """Check the functor and monad laws for your functions; raise `LawError` on a counterexample.

    Checks, for `m` drawn from `eithers(errors, values)` and `a` from `values`:
    functor identity `m.map(id) == m`; composition `m.map(f).map(g) == m.map(g . f)` (when
    `map_first`/`map_then` are given); left identity `Right(a).bind(f) == f(a)`; right
    identity `m.bind(Right) == m`; associativity
    `m.bind(f).bind(g) == m.bind(lambda x: f(x).bind(g))`. The two steps may fail with
    different error types, as the steps of a real chain do. A law fails when a function
    is impure or depends on hidden state: that is what this finds, and the error shows
    both sides of the equation for the smallest example Hypothesis finds.

    >>> from hypothesis import strategies as st
    >>> from either import Left, Right
    >>> check_laws(
    ...     errors=st.text(),
    ...     values=st.integers(),
    ...     bind_first=lambda n: Right(n * 2) if n >= 0 else Left("negative"),
    ...     bind_then=lambda n: Right(str(n)) if n < 100 else Left(n),
    ... )
    """
    any_either: st.SearchStrategy[Either[Any, Any]] = eithers(errors, values)
    f, g = bind_first, bind_then

    @settings(max_examples=max_examples, deadline=None)
    @given(any_either, values)
    def laws(m: Either[_E, _A], a: _A) -> None:
        on_m = f"m = {m!r}"
        _law("functor identity", on_m, ("m.map(id)", m.map(_identity)), ("m", m))
        if map_first is not None and map_then is not None:
            p, q = map_first, map_then
            _law(
                "functor composition",
                on_m,
                ("m.map(map_first).map(map_then)", m.map(p).map(q)),
                ("m.map(lambda x: map_then(map_first(x)))", m.map(lambda x: q(p(x)))),
            )
        _law("left identity", f"a = {a!r}", ("Right(a).bind(bind_first)", Right(a).bind(f)), ("bind_first(a)", f(a)))
        _law("right identity", on_m, ("m.bind(Right)", m.bind(Right)), ("m", m))
        _law(
            "associativity",
            on_m,
            ("m.bind(bind_first).bind(bind_then)", m.bind(f).bind(g)),
            ("m.bind(lambda x: bind_first(x).bind(bind_then))", m.bind(lambda x: f(x).bind(g))),
        )

    _run(laws)


def check_async_laws(
    *,
    errors: st.SearchStrategy[_E],
    values: st.SearchStrategy[_A],
    bind_first: Callable[[_A], Awaitable[Either[_E1, _B]] | Either[_E1, _B]],
    bind_then: Callable[[_B], Awaitable[Either[_E2, _C]] | Either[_E2, _C]],
    map_first: Callable[[_A], _X] | None = None,
    map_then: Callable[[_X], _Y] | None = None,
    backends: Iterable[str] = ("asyncio",),
    max_examples: int = 100,
) -> None:
    """`check_laws` for `Deferred`: the laws compare the Eithers the Deferreds give when awaited.

    The steps may return an `Either`, a `Deferred` or any awaitable of an Either (an
    `async def`), as `Deferred.bind` accepts. `m` is drawn from `deferreds(errors,
    values)`. Each example runs in a fresh event loop of each backend named in
    `backends` (`"asyncio"`, `"trio"`), so a step that needs one loop or the other is
    checked where it runs.

    >>> from hypothesis import strategies as st
    >>> from either import Left, Right
    >>> async def halve(n: int) -> Either[str, int]:
    ...     return Right(n // 2) if n % 2 == 0 else Left("odd")
    >>> check_async_laws(errors=st.text(), values=st.integers(), bind_first=halve, bind_then=Right)
    """
    import anyio

    names = tuple(backends)
    any_deferred: st.SearchStrategy[Deferred[Any, Any]] = deferreds(errors, values)
    f, g = bind_first, bind_then

    async def _laws(m: Deferred[Any, Any], a: _A) -> None:
        on_m = f"m = {m!r} giving {await m!r}"
        _law("functor identity", on_m, ("await m.map(id)", await m.map(_identity)), ("await m", await m))
        if map_first is not None and map_then is not None:
            p, q = map_first, map_then
            _law(
                "functor composition",
                on_m,
                ("await m.map(map_first).map(map_then)", await m.map(p).map(q)),
                ("await m.map(lambda x: map_then(map_first(x)))", await m.map(lambda x: q(p(x)))),
            )
        _law(
            "left identity",
            f"a = {a!r}",
            ("await Deferred.of(Right(a)).bind(bind_first)", await Deferred.of(Right(a)).bind(f)),
            ("await bind_first(a)", await _settle(f(a))),
        )
        _law("right identity", on_m, ("await m.bind(Right)", await m.bind(Right)), ("await m", await m))

        async def nested(x: Any) -> Either[Any, Any]:
            return await _deferred(f(x)).bind(g)

        _law(
            "associativity",
            on_m,
            ("await m.bind(bind_first).bind(bind_then)", await m.bind(f).bind(g)),
            ("await m.bind(lambda x: Deferred(bind_first(x)).bind(bind_then))", await m.bind(nested)),
        )

    @settings(max_examples=max_examples, deadline=None)
    @given(any_deferred, values)
    def laws(m: Deferred[Any, Any], a: _A) -> None:
        for backend in names:
            anyio.run(_laws, m, a, backend=backend)

    _run(laws)


def _run(laws: Callable[[], None]) -> None:
    """Run the property; a law broken only sometimes (state kept between calls) still ends in a `LawError`.

    Hypothesis reports a failure it cannot reproduce as flaky: a group of the errors seen
    (`FlakyFailure`, in newer releases), or a `Flaky` raised from the first error. For
    steps with hidden state that is the expected case, so the first `LawError` found is
    raised, chained from Hypothesis' report.
    """
    import hypothesis.errors

    flaky: type[BaseException] = getattr(hypothesis.errors, "FlakyFailure", hypothesis.errors.Flaky)
    try:
        laws()
    except flaky as report:
        seen: list[BaseException] = [*getattr(report, "exceptions", ()), *filter(None, [report.__cause__])]
        found = [error for error in seen if isinstance(error, LawError)]
        if not found:
            raise
        raise found[0] from report


def _identity(value: _A) -> _A:
    return value


def _law(law: str, example: str, left: tuple[str, object], right: tuple[str, object]) -> None:
    if left[1] != right[1]:
        raise LawError(law, example, left, right)


async def _settle(result: Awaitable[Either[_E, _A]] | Either[_E, _A]) -> Either[_E, _A]:
    if isinstance(result, Left | Right):
        return result
    return await result


def _deferred(result: Awaitable[Either[_E, _A]] | Either[_E, _A]) -> Deferred[_E, _A]:
    if isinstance(result, Deferred):
        return cast("Deferred[_E, _A]", result)
    if isinstance(result, Left | Right):
        return Deferred.of(result)
    return Deferred(result)
