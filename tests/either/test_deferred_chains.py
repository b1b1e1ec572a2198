"""How a `Deferred` chain is built and run: linear building, branching, threads, async `map`."""

from __future__ import annotations

import threading
from typing import Any

import anyio
import pytest
from either_helpers import inc, resolve
from hypothesis import given
from hypothesis import strategies as st

from either import AsyncBind, Deferred, Either, Left, Right, _deferred

_LONG = 64

# ---------------------------------------------------------------- building is linear


def test_a_chain_of_100_000_steps_builds_and_runs() -> None:
    # Building used to copy every earlier step at each `.bind` (100 000 steps: about a
    # minute); now each step adds one node (see the next test), a fraction of a second.
    # Running it must not recurse either: no RecursionError at this depth.
    d: Deferred[str, int] = Deferred.of(Right(0))
    for _ in range(100_000):
        d = d.map(lambda x: x + 1)
    assert resolve(d) == Right(100_000)
    assert repr(d) == "Deferred.of(Right(0)) + 100000 steps"


def test_a_new_step_shares_the_earlier_steps_rather_than_copying_them() -> None:
    d: Deferred[str, int] = Deferred.of(Right(0))
    for _ in range(_LONG):
        d = d.bind(inc)
    tip = d.bind(inc)
    assert tip._steps[0] is d._steps  # one new node pointing at the chain so far: no copy
    assert resolve(tip) == Right(_LONG + 1)


@given(st.lists(st.integers(0, 3), max_size=120), st.integers(0, 120))
def test_branching_off_any_point_keeps_both_chains_whole(kinds: list[int], fork: int) -> None:
    # Binding on an older Deferred (not the newest of its chain) must not see, nor disturb,
    # the steps added after it.
    steps = [
        lambda x: x + 1,
        lambda x: x * 2,
        lambda x: x - 3,
        lambda x: x,
    ]
    chain: list[Deferred[str, int]] = [Deferred.of(Right(1))]
    for kind in kinds:
        chain.append(chain[-1].map(steps[kind]))
    fork = min(fork, len(kinds))
    branch = chain[fork].map(lambda x: x * 1000)
    expected = 1
    for kind in kinds[:fork]:
        expected = steps[kind](expected)
    assert resolve(branch) == Right(expected * 1000)
    total = 1
    for kind in kinds:
        total = steps[kind](total)
    assert resolve(chain[-1]) == Right(total)


def test_32_threads_extending_one_chain_each_get_their_own_step() -> None:
    base: Deferred[str, int] = Deferred.of(Right(0))
    for _ in range(_LONG):  # long enough to share its list
        base = base.map(lambda x: x)
    barrier = threading.Barrier(32)
    results: dict[int, Deferred[str, int]] = {}

    def extend(n: int) -> None:
        barrier.wait()
        d = base
        for _ in range(50):
            d = d.map(lambda x, n=n: x + n)
        results[n] = d

    threads = [threading.Thread(target=extend, args=(n,)) for n in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {n: resolve(d) for n, d in results.items()} == {n: Right(50 * n) for n in range(32)}


def test_32_threads_binding_temporaries_on_one_growing_list_each_get_their_own_steps() -> None:
    # `base` is a list of steps grown in place; 32 threads build on it at once (each
    # freezes it, or finds it frozen) and then extend their own temporaries in place.
    base: Deferred[str, int] = Deferred.of(Right(0)).bind(inc).bind(inc).bind(inc)
    barrier = threading.Barrier(32)
    results: dict[int, tuple[Deferred[str, int], Deferred[str, int]]] = {}

    def extend(n: int) -> None:
        async def add_n(x: int) -> Either[str, int]:
            return Right(x + n)

        barrier.wait()
        short = base.bind(add_n)
        long = base.bind(add_n).bind(add_n).bind(inc).bind(add_n)
        results[n] = (short, long)

    threads = [threading.Thread(target=extend, args=(n,)) for n in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert resolve(base) == Right(3)
    assert {n: (resolve(a), resolve(b)) for n, (a, b) in results.items()} == {
        n: (Right(3 + n), Right(4 + 3 * n)) for n in range(32)
    }


def test_a_step_extending_its_own_chain_while_it_runs_does_not_join_the_run() -> None:
    added: list[Deferred[str, int]] = []
    d: Deferred[str, int] = Deferred.of(Right(0))
    for _ in range(_LONG):
        d = d.map(lambda x: x)

    def extend(x: int) -> int:
        added.append(tip.map(lambda y: y + 100))
        return x + 1

    tip = d.map(extend)
    assert resolve(tip) == Right(1)
    assert resolve(added[0]) == Right(101)  # the added step runs in its own chain only


def test_bind_on_a_temporary_extends_it_in_place_and_a_held_deferred_never() -> None:
    # `bind` extends a Deferred in place only when nothing else refers to it (the temporary
    # of a chain being built); every Deferred someone holds stays as it was.
    tip = Deferred.of(Right(0)).bind(inc).bind(inc)
    assert resolve(tip) == Right(2)
    held: Deferred[str, int] = Deferred.of(Right(0))
    steps = held._steps
    left, right = held.bind(inc), held.bind(inc).bind(inc)
    assert held._steps is steps and left is not held and right is not held and left is not right
    assert (resolve(held), resolve(left), resolve(right)) == (Right(0), Right(1), Right(2))
    in_list = [Deferred.of(Right(0))]
    extended = in_list[0].bind(inc)
    assert extended is not in_list[0] and resolve(in_list[0]) == Right(0)
    method = Deferred.of(Right(0)).bind  # a bound method holds its Deferred
    first, second = method(inc), method(inc)
    assert first is not second and resolve(first) == resolve(second) == Right(1)
    assert resolve(Deferred.bind(Deferred.of(Right(0)), inc)) == Right(1)


def test_building_on_a_chain_freezes_its_steps_and_both_run_whole() -> None:
    chain = Deferred.of(Right(0)).bind(inc)  # the first step starts a list
    assert type(chain._steps) is list
    branch = chain.bind(double)
    assert type(chain._steps) is not list and list(chain._steps) == [inc]
    more = chain.bind(inc)  # a second branch off the same frozen steps
    assert (resolve(chain), resolve(branch), resolve(more)) == (Right(1), Right(2), Right(2))


def test_a_temporary_chain_grows_one_list_in_place_where_reference_counts_are_exact() -> None:
    chain = Deferred.of(Right(0)).bind(inc).bind(inc).bind(inc)
    if _deferred._getrefcount(chain) == 0:  # no exact count here: every step a new node
        assert type(chain._steps) is tuple
    else:
        assert chain._steps == [inc, inc, inc]
    assert resolve(chain) == Right(3)


def test_a_temporary_whose_steps_another_deferred_shares_never_extends_them() -> None:
    # The Deferred a function returns is a temporary for the caller (nothing else holds
    # it), yet a branch made inside the function shares its steps: they must stay as they
    # were, so the caller's new step goes into a new node.
    branches: list[Deferred[str, int]] = []

    def with_a_branch() -> Deferred[str, int]:
        d = Deferred.of(Right(0)).bind(inc)
        branches.append(d.bind(double))
        return d

    tip = with_a_branch().bind(add_100)
    assert resolve(branches[0]) == Right(2)
    assert resolve(tip) == Right(101)


def test_a_step_building_on_the_running_chain_does_not_change_the_run() -> None:
    added: list[Deferred[str, int]] = []

    async def extend(x: int) -> Either[str, int]:
        if not added:
            added.append(tip.bind(add_100))  # freezes the steps the run is iterating
        return Right(x + 1)

    tip = Deferred.of(Right(0)).bind(inc).bind(extend).bind(inc)
    assert resolve(tip) == Right(3)
    assert resolve(added[0]) == Right(103)


async def double(x: int) -> Either[str, int]:
    return Right(x * 2)


async def add_100(x: int) -> Either[str, int]:
    return Right(x + 100)


_OPS = st.lists(st.tuples(st.sampled_from(["bind", "map", "bind temp", "returned"]), st.integers(0, 30)), max_size=60)


@given(_OPS)
def test_any_mix_of_held_temporary_and_returned_links_runs_what_each_was_built_with(
    ops: list[tuple[str, int]],
) -> None:
    # A model: every Deferred made is kept with the value its own steps must give. Each
    # operation extends a Deferred picked among those made so far, held (`bind`, `map`),
    # as a temporary extended twice (`bind temp`), or as the return value of a function
    # that also built a branch on it (`returned`). Whatever grew in place or froze, every
    # Deferred must still give its own value.
    made: list[tuple[Deferred[str, int], int]] = [(Deferred.of(Right(0)), 0)]

    def branched(d: Deferred[str, int], value: int) -> Deferred[str, int]:
        made.append((d.map(lambda x: x * 3), value * 3))
        return d

    for op, pick in ops:
        d, expected = made[pick % len(made)]
        if op == "bind":
            made.append((d.bind(inc), expected + 1))
        elif op == "map":
            made.append((d.map(lambda x: x + 2), expected + 2))
        elif op == "bind temp":
            made.append((d.bind(inc).bind(double), (expected + 1) * 2))
        else:
            made.append((branched(d.bind(inc), expected + 1).bind(add_100), expected + 1 + 100))
    assert [resolve(d) for d, _ in made] == [Right(value) for _, value in made]


@given(st.lists(st.booleans(), max_size=40), st.integers(0, 40))
def test_branching_off_a_bind_chain_keeps_both_chains_whole(keep: list[bool], fork: int) -> None:
    # Some links are held (in a list), others are temporaries extended in place: either way
    # a branch off a held link sees exactly the steps before it.
    held: list[tuple[int, Deferred[str, int]]] = [(0, Deferred.of(Right(0)))]
    steps, d = 0, Deferred.of(Right(0))
    for keep_it in keep:
        d = d.bind(inc).bind(inc) if not keep_it else d.bind(inc)
        steps += 1 if keep_it else 2
        if keep_it:
            held.append((steps, d))
    at, base = held[min(fork, len(held) - 1)]
    assert resolve(base.bind(inc)) == Right(at + 1)
    assert resolve(d) == Right(steps)
    assert all(resolve(link) == Right(n) for n, link in held)


# ---------------------------------------------------------------- map and map_left await


async def _double(x: int) -> int:
    await anyio.sleep(0)
    return x * 2


async def _shout(error: str) -> str:
    await anyio.sleep(0)
    return error.upper()


@pytest.mark.anyio
async def test_map_awaits_an_async_function_as_bind_and_tap_do() -> None:
    assert await Deferred.of(Right(21)).map(_double) == Right(42)
    assert await Deferred.of(Left("e")).map(_double) == Left("e")
    assert await Deferred.of(Right(1)).map(lambda x: anyio.sleep(0)) == Right(None)


@pytest.mark.anyio
async def test_map_left_awaits_an_async_function() -> None:
    assert await Deferred.of(Left("no")).map_left(_shout) == Left("NO")
    assert await Deferred.of(Right(3)).map_left(_shout) == Right(3)


def test_map_keeps_a_plain_value_that_is_not_awaitable() -> None:
    assert resolve(Deferred.of(Right(2)).map(str)) == Right("2")
    assert resolve(Deferred.of(Right(2)).map(lambda x: None)) == Right(None)


# ---------------------------------------------------------------- sources


def test_each_source_kind_retries_and_reprs_as_it_was_built() -> None:
    async def fetch(x: int) -> Either[str, int]:
        return Right(x)

    cases: list[tuple[Deferred[Any, Any], str]] = [
        (Deferred.of(Right(1)), "Deferred.of(Right(1))"),
        (Deferred.from_call(fetch, 1), "Deferred.from_call("),
        (Deferred(fetch(1)), "Deferred(<coroutine"),
    ]
    for d, text in cases:
        assert repr(d).startswith(text)
        assert resolve(d) == Right(1)
    # the coroutine source now replays; its repr says so
    assert repr(cases[2][0]) == "Deferred(done)"


def test_a_do_block_takes_keyword_arguments_and_methods_take_theirs() -> None:
    @Deferred.do
    async def scaled(bind: AsyncBind[str], x: int, *, factor: int = 1) -> int:
        return await bind(inc(x)) * factor

    class Scaler:
        def __init__(self, factor: int) -> None:
            self.factor = factor

        @Deferred.do
        async def scale(self, bind: AsyncBind[str], x: int, *, offset: int = 0) -> int:
            return await bind(inc(x)) * self.factor + offset

    assert resolve(scaled(1)) == Right(2)
    assert resolve(scaled(1, factor=10)) == Right(20)
    assert resolve(Scaler(3).scale(1, offset=1)) == Right(7)
    assert repr(scaled(1)).startswith("Deferred.do(") and "scaled" in repr(scaled(1))
