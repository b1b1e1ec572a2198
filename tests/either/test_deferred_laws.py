"""Functor and monad laws for `Deferred`, comparing the Eithers the Deferreds give.

Steps are drawn as sync functions, coroutine functions or functions giving a `Deferred`,
so the laws are checked across every kind of step `bind` accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from either_helpers import resolve
from hypothesis import given
from hypothesis import strategies as st

from either import Deferred, Either, Left, Right

Step = Callable[[int], Any]


def either_step(delta: int, ok: bool) -> Step:
    def step(x: int) -> Either[str, int]:
        return Right(x + delta) if ok else Left(f"sync {delta} at {x}")

    return step


def coroutine_step(delta: int, ok: bool) -> Step:
    async def step(x: int) -> Either[str, int]:
        return Right(x * delta) if ok else Left(f"async {delta} at {x}")

    return step


def deferred_step(delta: int, ok: bool) -> Step:
    def step(x: int) -> Deferred[str, int]:
        return Deferred.of(Right(x - delta) if ok else Left(f"deferred {delta} at {x}"))

    return step


STEPS = st.builds(
    lambda make, delta, ok: make(delta, ok),
    st.sampled_from([either_step, coroutine_step, deferred_step]),
    st.integers(-3, 3),
    st.booleans(),
)
EITHERS = st.one_of(st.integers(-50, 50).map(Right), st.text(max_size=3).map(Left))
SOURCES = st.builds(
    lambda either, kind: kind(either),
    EITHERS,
    st.sampled_from([Deferred.of, lambda e: Deferred.from_call(_ready, e), lambda e: Deferred(_ready(e))]),
)


async def _ready(either: Either[Any, Any]) -> Either[Any, Any]:
    return either


def unit(x: int) -> Deferred[Any, int]:
    return Deferred.of(Right(x))


@given(st.integers(), STEPS)
def test_left_identity(x: int, f: Step) -> None:
    assert resolve(unit(x).bind(f)) == resolve(Deferred.of(Right(x)).bind(f))
    assert resolve(unit(x).bind(f)) == resolve(Deferred.from_call(_ready, Right(x)).bind(f))
    direct = f(x)
    assert resolve(unit(x).bind(f)) == (direct if direct.__class__ in (Left, Right) else resolve(direct))


@given(EITHERS)
def test_right_identity(either: Either[str, int]) -> None:
    assert resolve(Deferred.of(either).bind(unit)) == either
    assert resolve(Deferred.of(either).bind(Right)) == either


@given(SOURCES, STEPS, STEPS)
def test_associativity(d: Deferred[Any, int], f: Step, g: Step) -> None:
    # d may come from a coroutine, which runs once: both sides then share its Either.
    nested = resolve(d.bind(lambda x: Deferred.of(Right(x)).bind(f).bind(g)))
    flat = resolve(d.bind(f).bind(g))
    assert nested == flat


@given(EITHERS)
def test_map_identity(either: Either[str, int]) -> None:
    assert resolve(Deferred.of(either).map(lambda x: x)) == either


@given(EITHERS, st.integers(-3, 3), st.integers(-3, 3))
def test_map_fusion(either: Either[str, int], a: int, b: int) -> None:
    def f(x: int) -> int:
        return x * a

    def g(x: int) -> int:
        return x + b

    assert resolve(Deferred.of(either).map(f).map(g)) == resolve(Deferred.of(either).map(lambda x: g(f(x))))


@given(EITHERS, STEPS)
def test_a_deferred_chain_agrees_with_the_same_either_chain(either: Either[str, int], f: Step) -> None:
    def sync(x: int) -> Either[str, int]:
        result = f(x)
        return result if result.__class__ in (Left, Right) else resolve(result)

    assert resolve(Deferred.of(either).bind(f).map_left(str.upper)) == either.bind(sync).map_left(str.upper)
    assert resolve(Deferred.of(either).fold(len, str)) == Right(either.fold(len, str))
