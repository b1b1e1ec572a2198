"""Static checks for the do-block: value types, methods, and the handle's error type."""

from __future__ import annotations

from typing_extensions import assert_type

import either
from either import Bind, Block, Either, Left, Right


class NotFound: ...


class Deleted: ...


class LoginError(Exception): ...


class UserMissingError(LoginError): ...


class BadPasswordError(LoginError): ...


class Profile:
    name = "ada"


def fetch(email: str) -> Either[UserMissingError, Profile]:
    return Right(Profile())


def check(profile: Profile, password: str) -> Either[BadPasswordError, Profile]:
    return Right(profile)


def unrelated() -> Either[NotFound, int]:
    return Left(NotFound())


@either.do
def login(bind: Bind[LoginError], email: str, password: str) -> str:
    profile = bind(fetch(email))
    assert_type(profile, Profile)
    checked = bind(check(profile, password))
    return checked.name


assert_type(login("a@b.c", "pw"), Either[LoginError, str])
login("a@b.c")  # type: ignore[call-arg]
login(1, "pw")  # type: ignore[arg-type]


@either.do
def leaky(bind: Bind[LoginError]) -> int:
    return bind(unrelated())  # type: ignore[arg-type]


@either.do
def widened(bind: Bind[LoginError | NotFound]) -> int:
    return bind(unrelated())


assert_type(widened(), Either[LoginError | NotFound, int])


class Service:
    def __init__(self) -> None:
        self.prefix = "user:"

    @either.do
    def describe(self, bind: Bind[LoginError], email: str) -> str:
        profile = bind(fetch(email))
        return self.prefix + profile.name


assert_type(Service().describe("a@b.c"), Either[LoginError, str])
Service().describe(3)  # type: ignore[arg-type]

block = Block[LoginError, str]()
with block as handle:
    assert_type(handle, Bind[LoginError])
    found = handle(fetch("a@b.c"))
    assert_type(found, Profile)
    block.succeed(found.name)
    block.succeed(3)  # type: ignore[arg-type]
    handle(unrelated())  # type: ignore[arg-type]
assert_type(block.result, Either[LoginError, str])
