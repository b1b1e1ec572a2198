"""Deferred against plain awaits and the peers: one event loop, interleaved rounds, ratios.

Every case runs ten asynchronous steps that each add one to a number; what differs is the
machinery around them:

- `plain awaits`: `x = await step(x)` ten times, on plain ints (no Either at all);
- `hand-checked (floor)`: the same Either-returning steps awaited by hand, each result
  checked with `if r.__class__ is Left: break`. This is the floor the machinery is
  measured against: a `Right` built per step costs about as much as an await, so no
  Either-based case can get near `plain awaits`;
- `awaits + if-checks`: the same, checked with `isinstance`;
- `Deferred bind x10`: `Deferred.of(Right(x))` bound ten times to an `async def` giving an Either;
- `Deferred.do, 10 binds`: an `@Deferred.do` block with ten `await bind(step(x))`;
- `bare handle (bound)`: the do-block's body driven by the least handle that can carry
  methods (`bind.all`, `bind.ensure`, ...): an instance whose `async def __call__` awaits
  and unwraps, with no Deferred, no per-run handle and no final `Right` check around it. No
  do-block with such a handle can cost less: it is the bound the do-block's goals meet;
- `result and_then_async`: rustedpy/result, `await r.and_then_async(step)` ten times;
- `returns FutureResult.bind`: dry-python/returns, `FutureResult.bind` ten times.

Each round times every case once (in a rotating order), and the table shows the median,
over rounds, of each case's time divided by the floor's time in the same round.
Run: `python bench/deferred_bench.py [rounds]`.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from result import Ok, Result
from returns.future import FutureResult

from either import AsyncBind, Deferred, Either, Left, Right

LOOPS = 2000
FLOOR = "hand-checked (floor)"
STEPS = 10


async def plain_step(x: int) -> int:
    return x + 1


async def either_step(x: int) -> Either[str, int]:
    return Right(x + 1)


async def result_step(x: int) -> Result[int, str]:
    return Ok(x + 1)


def returns_step(x: int) -> FutureResult[int, str]:
    return FutureResult.from_value(x + 1)


async def plain(x: int) -> int:
    x = await plain_step(x)
    x = await plain_step(x)
    x = await plain_step(x)
    x = await plain_step(x)
    x = await plain_step(x)
    x = await plain_step(x)
    x = await plain_step(x)
    x = await plain_step(x)
    x = await plain_step(x)
    return await plain_step(x)


async def hand_checked(x: int) -> Either[str, int]:
    r: Either[str, int] = Right(x)
    for _ in range(STEPS):
        r = await either_step(r.value)
        if r.__class__ is Left:
            break
    return r


async def checked(x: int) -> Either[str, int]:
    either = await either_step(x)
    for _ in range(STEPS - 1):
        if isinstance(either, Left):
            return either
        either = await either_step(either.value)
    return either


async def deferred_chain(x: int) -> Either[str, int]:
    return await (
        Deferred.of(Right(x))
        .bind(either_step)
        .bind(either_step)
        .bind(either_step)
        .bind(either_step)
        .bind(either_step)
        .bind(either_step)
        .bind(either_step)
        .bind(either_step)
        .bind(either_step)
        .bind(either_step)
    )


@Deferred.do
async def deferred_block(bind: AsyncBind[str], x: int) -> int:
    x = await bind(either_step(x))
    x = await bind(either_step(x))
    x = await bind(either_step(x))
    x = await bind(either_step(x))
    x = await bind(either_step(x))
    x = await bind(either_step(x))
    x = await bind(either_step(x))
    x = await bind(either_step(x))
    x = await bind(either_step(x))
    return await bind(either_step(x))


async def deferred_do(x: int) -> Either[str, int]:
    return await deferred_block(x)


class BareHandle:
    """A handle that can carry methods, reduced to what `await bind(step(x))` needs."""

    __slots__ = ()

    async def __call__(self, value: Awaitable[Either[str, int]]) -> int:
        either: Any = await value
        if either.__class__ is Right:
            return either._value  # what `_AsyncHandle` reads: no property call
        raise LookupError(either)


# The do-block's own body, undecorated: the very statements `Deferred.do` runs.
bare_body: Callable[[BareHandle, int], Awaitable[int]] = deferred_block.__wrapped__  # type: ignore[attr-defined]


_BARE = BareHandle()


async def bare_handle(x: int) -> Either[str, int]:
    return Right(await bare_body(_BARE, x))


async def result_chain(x: int) -> Result[int, str]:
    r: Result[int, str] = Ok(x)
    r = await r.and_then_async(result_step)
    r = await r.and_then_async(result_step)
    r = await r.and_then_async(result_step)
    r = await r.and_then_async(result_step)
    r = await r.and_then_async(result_step)
    r = await r.and_then_async(result_step)
    r = await r.and_then_async(result_step)
    r = await r.and_then_async(result_step)
    r = await r.and_then_async(result_step)
    return await r.and_then_async(result_step)


async def returns_chain(x: int) -> Any:
    return await (
        FutureResult.from_value(x)
        .bind(returns_step)
        .bind(returns_step)
        .bind(returns_step)
        .bind(returns_step)
        .bind(returns_step)
        .bind(returns_step)
        .bind(returns_step)
        .bind(returns_step)
        .bind(returns_step)
        .bind(returns_step)
    )


CASES: dict[str, Callable[[int], Awaitable[Any]]] = {
    "plain awaits": plain,
    "hand-checked (floor)": hand_checked,
    "awaits + if-checks": checked,
    "Deferred bind x10": deferred_chain,
    "Deferred.do, 10 binds": deferred_do,
    "bare handle (bound)": bare_handle,
    "result and_then_async": result_chain,
    "returns FutureResult.bind": returns_chain,
}


async def timed(case: Callable[[int], Awaitable[Any]], loops: int) -> float:
    # CPU time of this process, not wall time: on a shared machine the wall clock also
    # counts the time other processes held the CPU, which swamped the ratios. Every case
    # is CPU-bound (no step really waits), so nothing of ours is left out.
    start = time.process_time()
    for i in range(loops):
        await case(i)
    return time.process_time() - start


async def check() -> None:
    """Every case computes the same thing, so the table compares like with like."""
    assert await plain(0) == STEPS
    assert await hand_checked(0) == Right(STEPS)
    assert await checked(0) == Right(STEPS)
    assert await deferred_chain(0) == Right(STEPS)
    assert await deferred_do(0) == Right(STEPS)
    assert await bare_handle(0) == Right(STEPS)
    assert (await result_chain(0)).ok() == STEPS
    outcome = await returns_chain(0)
    assert outcome._inner_value.unwrap() == STEPS, outcome


async def main(rounds: int) -> dict[str, float]:
    await check()
    names = list(CASES)
    for name in names:  # warm up
        await timed(CASES[name], LOOPS // 4)
    ratios: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        order = names[number % len(names) :] + names[: number % len(names)]
        times = {name: await timed(CASES[name], LOOPS) for name in order}
        for name in names:
            ratios[name].append(times[name] / times[FLOOR])
    return {name: statistics.median(values) for name, values in ratios.items()}


def report(medians: dict[str, float]) -> None:
    width = max(map(len, medians))
    print(f"{'case (10 async steps)':<{width}}  vs floor  vs result  vs returns")
    for name, ratio in medians.items():
        print(
            f"{name:<{width}}  {ratio:7.2f}x  {ratio / medians['result and_then_async']:8.2f}x"
            f"  {ratio / medians['returns FutureResult.bind']:9.3f}x"
        )
    print(
        "goals: Deferred bind x10 <= 1.5x floor and <= 1.3x result; "
        "Deferred.do <= 1.3x floor and <= 1.1x result; both <= 0.15x returns"
    )


if __name__ == "__main__":
    report(asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)))
