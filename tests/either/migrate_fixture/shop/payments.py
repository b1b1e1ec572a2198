"""Payments: `import result` and its names as attributes, plus the async method."""

from __future__ import annotations

import asyncio

import result


async def charge(amount: int) -> result.Result[str, str]:
    await asyncio.sleep(0)
    return result.Ok(f"charged {amount}") if amount > 0 else result.Err("nothing to charge")


def validate(amount: int) -> result.Result[int, str]:
    return result.Ok(amount) if amount < 1000 else result.Err("over the limit")


async def pay(amount: int) -> result.Result[str, str]:
    return await validate(amount).and_then_async(charge)


def observations() -> list[str]:
    seen = [str(asyncio.run(pay(5))), str(asyncio.run(pay(5000))), str(asyncio.run(pay(0)))]
    seen.append(str(result.is_ok(validate(1)) and result.is_err(validate(5000))))
    return seen
