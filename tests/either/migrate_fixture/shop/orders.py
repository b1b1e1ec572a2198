"""Orders: every name `from result import ...` offers, used the way result's users write them."""

from __future__ import annotations

import asyncio
from typing import TypeAlias, cast

from result import Err, Ok, OkErr, Result, UnwrapError, as_async_result, as_result, do, do_async, is_err, is_ok


class OutOfStockError(Exception):
    pass


@as_result(ValueError)
def parse_quantity(text: str) -> int:
    return int(text)


@as_async_result(KeyError)
async def price_of(item: str) -> int:
    await asyncio.sleep(0)
    return {"apple": 3, "pear": 5}[item]


def check_stock(quantity: int) -> Result[int, str]:
    return Ok(quantity) if quantity <= 10 else Err(f"only 10 left, asked {quantity}")


def describe(result: Result[int, str]) -> str:
    if is_ok(result):
        return f"ok {result.ok_value}"
    if is_err(result):
        return f"err {result.err_value}"
    raise AssertionError("a Result is Ok or Err")


def total(item_price: int, text: str) -> Result[int, str]:
    quantity: Result[int, str] = parse_quantity(text).map_err(str)
    return quantity.and_then(check_stock).map(lambda q: q * item_price)


def total_with_do(item_price: int, text: str) -> Result[int, str]:
    result: Result[int, str] = do(
        Ok(q * p) for q in parse_quantity(text).map_err(str).and_then(check_stock) for p in Ok(item_price)
    )
    return result


async def quote(item: str, text: str) -> Result[int, str]:
    result: Result[int, str] = await do_async(
        Ok(p * q) for p in (await price_of(item)).map_err(repr) for q in parse_quantity(text).map_err(str)
    )
    return result


Quantity: TypeAlias = "Result[int, str]"


def first_quantity(texts: list[str]) -> "Result[int, str | None]":  # noqa: UP037  # quoted on purpose
    if not texts:
        return Err(None)
    parsed: object = parse_quantity(texts[0]).map_err(str)
    quantity: Quantity = cast("Result[int, str]", parsed)
    return quantity.map_err(lambda message: message)


def match_quantity(quantity: "Result[int, str | None]") -> str:  # noqa: UP037
    match quantity:
        case Ok(ok_value=number):
            return f"matched {number}"
        case Err(err_value=message):
            return f"failed with {message}"


def observations() -> list[str]:
    seen: list[str] = []
    good, bad = total(3, "2"), total(3, "20")
    seen.append(describe(good))
    seen.append(describe(bad))
    seen.append(describe(total_with_do(3, "x")))
    seen.append(f"{good.ok()} {good.err()} {bad.ok()} {bad.err()}")
    seen.append(f"{good.is_ok()} {good.is_err()} {bad.is_ok()} {bad.is_err()}")
    seen.append(str(bad.unwrap_err()))
    seen.append(bad.expect_err("wanted a failure"))
    seen.append(str(good.unwrap_or(0) + bad.unwrap_or(-1)))
    seen.append(str(bad.unwrap_or_else(len)))
    seen.append(str(good.map_or(0, lambda n: n + 1)) + " " + str(bad.map_or_else(lambda: -1, lambda n: n + 1)))
    seen.append(str(bad.or_else(lambda e: Ok(len(e))).unwrap()))
    seen.append(str(good.inspect(lambda n: seen.append(f"saw {n}")).inspect_err(seen.append).expect("a total")))
    seen.append(str(isinstance(good, OkErr) and not isinstance(3, OkErr)))
    try:
        bad.unwrap()
    except UnwrapError:
        seen.append("unwrap failed")
    try:
        bad.unwrap_or_raise(OutOfStockError)
    except OutOfStockError as error:
        seen.append(f"raised {error}")
    seen.append(str(asyncio.run(quote("apple", "2"))))
    seen.append(describe(asyncio.run(quote("kiwi", "2"))))
    seen.extend(match_quantity(first_quantity(texts)) for texts in (["4"], ["four"], []))
    return seen
