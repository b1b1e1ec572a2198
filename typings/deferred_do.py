"""Static checks: the async do-block's value and error types, for functions and methods."""
# mypy: disable-error-code="unused-awaitable"

from __future__ import annotations

from typing_extensions import assert_type

from either import AsyncBind, Deferred, Either, Left, Right


class NotFound: ...


class Forbidden: ...


async def fetch(user_id: int) -> Either[NotFound, str]:
    return Right("ada")


async def authorize(name: str) -> Either[Forbidden, bytes]:
    return Right(name.encode())


def check(name: str) -> Either[NotFound, str]:
    return Right(name)


@Deferred.do
async def login(bind: AsyncBind[NotFound | Forbidden], user_id: int, *, strict: bool = False) -> bytes:
    name = await bind(fetch(user_id))
    assert_type(name, str)
    checked = await bind(check(name))
    assert_type(checked, str)
    again = await bind(Deferred.from_call(fetch, user_id))
    assert_type(again, str)
    token = await bind(authorize(name))
    assert_type(token, bytes)
    return token


class Service:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    @Deferred.do
    async def greet(self, bind: AsyncBind[NotFound], user_id: int) -> str:
        name = await bind(fetch(user_id))
        return self.prefix + name


async def use() -> None:
    d = login(1, strict=True)
    assert_type(d, Deferred[NotFound | Forbidden, bytes])
    outcome = await d
    assert_type(outcome, Left[NotFound | Forbidden] | Right[bytes])
    service = Service("hi ")
    assert_type(service.greet(1), Deferred[NotFound, str])
    login("not an id")  # type: ignore[arg-type]


@Deferred.do
async def too_narrow(bind: AsyncBind[NotFound], user_id: int) -> bytes:
    name = await bind(fetch(user_id))
    return await bind(authorize(name))  # type: ignore[arg-type]
