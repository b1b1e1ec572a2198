"""Static checks for the names rustedpy/result users reach for (mypy --strict and pyright).

`expect_left`, `unwrap_or_raise`, `map_or`, `map_or_else` and `LeftRight`. Lines ending in
`# type: ignore[code]` must be errors in BOTH checkers.
"""

from __future__ import annotations

from typing import Any, NoReturn

from typing_extensions import assert_type

from either import AsyncBind, AsyncBlock, Deferred, Either, Left, LeftRight, Right


def methods(result: Either[str, int]) -> None:
    assert_type(result.expect_left("wanted a failure"), str)
    assert_type(result.unwrap_or_raise(ValueError), int)
    assert_type(result.map_or(0, lambda n: n * 2), int)
    assert_type(result.map_or(None, str), str | None)
    assert_type(result.map_or_else(lambda: "none", str), str)
    assert_type(result.map_or_else(lambda: 0, lambda n: n + 1), int)
    result.unwrap_or_raise(3)  # type: ignore[arg-type]
    result.unwrap_or_raise(int)  # type: ignore[arg-type]
    result.map_or(0, lambda n: n.upper())  # type: ignore[attr-defined]
    result.map_or_else(lambda e: e, str)  # type: ignore[arg-type,misc]
    result.expect_left(1)  # type: ignore[arg-type]


assert_type(Left("e").expect_left("boom"), str)
assert_type(Right(1).unwrap_or_raise(KeyError), int)
assert_type(Right(1).map_or("d", str), str)
assert_type(Left("e").map_or(0, str), int)


def narrow(value: object, mixed: int | Either[str, int]) -> None:
    if isinstance(value, LeftRight):
        assert_type(value, Left[Any] | Right[Any])
    if isinstance(mixed, LeftRight):
        assert_type(mixed, Left[str] | Right[int])
    else:
        assert_type(mixed, int)


def never_returns() -> None:
    assert_type(Right(1).expect_left("boom"), NoReturn)


def never_returns_either() -> None:
    assert_type(Left("e").unwrap_or_raise(KeyError), NoReturn)


# --- the async inline block ---------------------------------------------------------------
async def fetch_age(name: str) -> Either[str, int]:
    return Right(41)


async def async_block(other: Either[int, int]) -> None:
    block = AsyncBlock[str, int]()
    async with block as bind:
        assert_type(bind, AsyncBind[str])
        age = await bind(fetch_age("ada"))
        assert_type(age, int)
        name = await bind(Deferred.of(Right("ada")))
        assert_type(name, str)
        await bind(other)  # type: ignore[arg-type]
        block.succeed(age)
        block.succeed(name)  # type: ignore[arg-type]
    assert_type(block.result, Either[str, int])
