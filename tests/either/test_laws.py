"""Properties: functor and monad laws, and agreement between equivalent formulations."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import either
from either import Bind, Deferred, Either, Left, NonEmpty, Right
from either.strategies import check_laws, deferreds, eithers, lefts, rights

errors = st.sampled_from(["e1", "e2", "e3"]) | st.text(max_size=3)
values = st.integers(min_value=-1000, max_value=1000)
anything = eithers(errors, values)


def _step(kind: int, k: int) -> Callable[[int], Either[str, int]]:
    """One of a family of pure steps: add, multiply, or fail on a condition."""

    def step(x: int) -> Either[str, int]:
        if kind == 0:
            return Right(x + k)
        if kind == 1:
            return Right(x * k)
        return Left(f"{x} rejected") if x % (abs(k) + 2) == 0 else Right(x - k)

    return step


steps = st.builds(_step, st.integers(0, 2), st.integers(-5, 5))
maps = st.sampled_from([abs, lambda x: x + 1, lambda x: -x, lambda x: x // 3])


@given(anything)
def test_functor_identity(m: Either[str, int]) -> None:
    assert m.map(lambda x: x) == m


@given(anything, maps, maps)
def test_functor_composition(m: Either[str, int], f: Callable[[int], int], g: Callable[[int], int]) -> None:
    assert m.map(f).map(g) == m.map(lambda x: g(f(x)))


@given(values, steps)
def test_left_identity(a: int, f: Callable[[int], Either[str, int]]) -> None:
    assert Right(a).bind(f) == f(a)


@given(anything)
def test_right_identity(m: Either[str, int]) -> None:
    assert m.bind(Right) == m


@given(anything, steps, steps)
def test_associativity(
    m: Either[str, int], f: Callable[[int], Either[str, int]], g: Callable[[int], Either[str, int]]
) -> None:
    assert m.bind(f).bind(g) == m.bind(lambda x: f(x).bind(g))


@given(anything, maps)
def test_map_is_bind_of_right(m: Either[str, int], f: Callable[[int], int]) -> None:
    assert m.map(f) == m.bind(lambda x: Right(f(x)))


@given(anything)
def test_swap_is_an_involution(m: Either[str, int]) -> None:
    assert m.swap().swap() == m
    assert m.swap().is_left() == m.is_right()


@given(anything, maps)
def test_map_left_is_map_of_the_swap(m: Either[str, int], f: Callable[[int], int]) -> None:
    flipped = m.swap()
    assert flipped.map_left(f) == m.map(f).swap()


@given(st.lists(anything))
def test_sequence_matches_a_reference_loop(items: list[Either[str, int]]) -> None:
    expected: Either[str, list[int]] = Right([])
    collected: list[int] = []
    for item in items:
        if isinstance(item, Left):
            expected = item
            break
        collected.append(item.value)
    else:
        expected = Right(collected)
    assert either.sequence(items) == expected
    assert either.sequence(iter(items)) == expected


@given(st.lists(anything))
def test_partition_keeps_order_and_counts(items: list[Either[str, int]]) -> None:
    errors_found, values_found = either.partition(items)
    assert errors_found == [item.error for item in items if isinstance(item, Left)]
    assert values_found == [item.value for item in items if isinstance(item, Right)]
    assert len(errors_found) + len(values_found) == len(items)


@given(st.lists(anything))
def test_collect_keeps_every_error_in_order(items: list[Either[str, int]]) -> None:
    errors_found = [item.error for item in items if isinstance(item, Left)]
    result = either.collect(*items)
    if errors_found:
        assert result == Left(NonEmpty(*errors_found))
    else:
        assert result == Right(tuple(item.unwrap() for item in items))


@given(st.lists(anything))
def test_first_right_is_the_first_success_or_every_error(items: list[Either[str, int]]) -> None:
    successes = [item for item in items if isinstance(item, Right)]
    expected = successes[0] if successes else Left([item.unwrap_left() for item in items])
    assert either.first_right(items) == expected


@given(values, st.lists(steps, max_size=6))
def test_do_block_agrees_with_the_bind_chain(start: int, chain: list[Callable[[int], Either[str, int]]]) -> None:
    @either.do
    def block(bind: Bind[str]) -> int:
        current = start
        for step in chain:
            current = bind(step(current))
        return current

    expected: Either[str, int] = Right(start)
    for step in chain:
        expected = expected.bind(step)
    assert block() == expected


@given(values, st.lists(steps, max_size=6))
def test_traverse_is_sequence_of_map(start: int, chain: list[Callable[[int], Either[str, int]]]) -> None:
    items = [start + i for i in range(len(chain))]
    results = [step(item) for step, item in zip(chain, items, strict=True)]
    fs = dict(zip(items, chain, strict=True))
    assert either.traverse(lambda item: fs[item](item), items) == either.sequence(results)


@given(lefts(errors), rights(values))
def test_fold_picks_the_matching_side(left: Left[str], right: Right[int]) -> None:
    assert left.fold(lambda e: ("L", e), lambda v: ("R", v)) == ("L", left.error)
    assert right.fold(lambda e: ("L", e), lambda v: ("R", v)) == ("R", right.value)


def test_check_laws_accepts_lawful_functions() -> None:
    check_laws(
        errors=errors,
        values=values,
        bind_first=_step(2, 3),
        bind_then=_step(0, 1),
        map_first=abs,
        map_then=str,
        max_examples=50,
    )


def test_check_laws_finds_a_function_with_hidden_state() -> None:
    calls: list[int] = []

    def counting(x: int) -> Either[str, int]:
        calls.append(x)
        return Right(x + len(calls))  # impure: depends on how often it ran

    with pytest.raises(AssertionError, match="left identity"):
        check_laws(errors=errors, values=values, bind_first=counting, bind_then=_step(0, 1), max_examples=50)


def test_from_type_is_registered() -> None:
    @given(st.from_type(Either[str, int]))  # type: ignore[arg-type]
    def drawn(value: object) -> None:
        assert isinstance(value, Left | Right)
        if isinstance(value, Right):
            assert isinstance(value.value, int)
        else:
            assert isinstance(value.error, str)

    drawn()


@given(deferreds(errors, values))
def test_deferreds_give_an_either_every_time(value: Deferred[str, int]) -> None:
    async def twice() -> tuple[Either[str, int], Either[str, int]]:
        return await value, await value

    first, second = asyncio.run(twice())
    assert isinstance(first, Left | Right)
    assert first == second


def test_from_type_builds_deferreds() -> None:
    @given(st.from_type(Deferred[str, int]))
    def drawn(value: Deferred[str, int]) -> None:
        result = asyncio.run(_await(value))
        if isinstance(result, Left):
            assert isinstance(result.error, str)
        else:
            assert isinstance(result.value, int)

    drawn()


async def _await(value: Deferred[str, int]) -> Either[str, int]:
    return await value


def test_strategies_import_first_in_a_fresh_interpreter() -> None:
    """Hypothesis loads its entry points while it is being imported: that must not loop back."""
    code = (
        "import either.strategies\n"
        "from hypothesis import strategies as st\n"
        "from either import Deferred, Either, Left, Right\n"
        "assert isinstance(st.from_type(Either[str, int]).example(), Left | Right)\n"
        "assert isinstance(st.from_type(Deferred[str, int]).example(), Deferred)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
