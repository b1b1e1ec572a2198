"""Hypothesis strategies for `Either` values, and `check_laws` for your own functions.

Install the `hypothesis` extra. Once Hypothesis is installed, its entry point registers
`Left`, `Right` and `Deferred`, so `st.from_type(Either[str, int])` works with no import from you.

>>> from hypothesis import given, strategies as st
>>> from either.strategies import eithers
>>> @given(eithers(st.text(), st.integers()))
... def test_swap_twice(value):
...     assert value.swap().swap() == value
>>> test_swap_twice()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from either._core import Either, Left, Right
from either._deferred import Deferred

__all__ = ["check_laws", "deferreds", "eithers", "lefts", "rights"]

_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")
_E = TypeVar("_E")


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


def _identity(value: _A) -> _A:
    return value


def check_laws(
    *,
    errors: st.SearchStrategy[_E],
    values: st.SearchStrategy[_A],
    bind_first: Callable[[_A], Either[_E, _B]],
    bind_then: Callable[[_B], Either[_E, _C]],
    map_first: Callable[[_A], _B] | None = None,
    map_then: Callable[[_B], _C] | None = None,
    max_examples: int = 100,
) -> None:
    """Assert the functor and monad laws for your functions, raising on a counterexample.

    Checks, for `m` drawn from `eithers(errors, values)` and `a` from `values`:
    functor identity `m.map(id) == m`; composition `m.map(f).map(g) == m.map(g . f)` (when
    `map_first`/`map_then` are given); left identity `Right(a).bind(f) == f(a)`; right
    identity `m.bind(Right) == m`; associativity
    `m.bind(f).bind(g) == m.bind(lambda x: f(x).bind(g))`. A law fails when your functions
    are impure or depend on hidden state: that is what this finds.

    >>> from hypothesis import strategies as st
    >>> from either import Left, Right
    >>> check_laws(
    ...     errors=st.text(),
    ...     values=st.integers(),
    ...     bind_first=lambda n: Right(n * 2) if n >= 0 else Left("negative"),
    ...     bind_then=lambda n: Right(str(n)),
    ... )
    """
    any_either: st.SearchStrategy[Either[Any, Any]] = eithers(errors, values)
    first, then = map_first, map_then

    @settings(max_examples=max_examples, deadline=None)
    @given(any_either, values)
    def laws(m: Either[_E, _A], a: _A) -> None:
        assert m.map(_identity) == m, f"functor identity: {m!r}.map(id) changed the value"
        if first is not None and then is not None:
            f, g = first, then
            composed = m.map(lambda x: g(f(x)))
            assert m.map(f).map(g) == composed, f"functor composition fails for {m!r}"
        assert Right(a).bind(bind_first) == bind_first(a), f"left identity fails for {a!r}"
        assert m.bind(Right) == m, f"right identity fails for {m!r}"
        nested = m.bind(lambda x: bind_first(x).bind(bind_then))
        assert m.bind(bind_first).bind(bind_then) == nested, f"associativity fails for {m!r}"

    laws()
