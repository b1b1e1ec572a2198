"""`AsyncBlock` beside `Deferred.do` and plain awaits: ten binds, one event loop, ratios.

Cases from `deferred_bench` (same steps, same loop count) plus:

- `AsyncBlock, 10 binds`: `async with AsyncBlock() as bind` and ten `await bind(step(x))`.

Run: `python bench/async_block_bench.py [rounds]`.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from deferred_bench import LOOPS, STEPS, checked, deferred_do, either_step, plain, result_chain, timed

from either import AsyncBlock, Either, Right


async def async_block(x: int) -> Either[str, int]:
    block = AsyncBlock[str, int]()
    async with block as bind:
        x = await bind(either_step(x))
        x = await bind(either_step(x))
        x = await bind(either_step(x))
        x = await bind(either_step(x))
        x = await bind(either_step(x))
        x = await bind(either_step(x))
        x = await bind(either_step(x))
        x = await bind(either_step(x))
        x = await bind(either_step(x))
        block.succeed(await bind(either_step(x)))
    return block.result


CASES: dict[str, Callable[[int], Awaitable[Any]]] = {
    "plain awaits": plain,
    "awaits + if-checks": checked,
    "Deferred.do, 10 binds": deferred_do,
    "AsyncBlock, 10 binds": async_block,
    "result and_then_async": result_chain,
}


async def main(rounds: int) -> dict[str, float]:
    assert await async_block(0) == Right(STEPS)
    names = list(CASES)
    for name in names:  # warm up
        await timed(CASES[name], LOOPS // 4)
    ratios: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        order = names[number % len(names) :] + names[: number % len(names)]
        times = {name: await timed(CASES[name], LOOPS) for name in order}
        for name in names:
            ratios[name].append(times[name] / times["plain awaits"])
    return {name: statistics.median(values) for name, values in ratios.items()}


if __name__ == "__main__":
    medians = asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 15))
    width = max(map(len, medians))
    print(f"{'case (10 async steps)':<{width}}  vs plain  vs result")
    for name, ratio in medians.items():
        print(f"{name:<{width}}  {ratio:7.2f}x  {ratio / medians['result and_then_async']:7.2f}x")
