"""A login flow over an in-memory user store: bind chains, a do-block and `safe`.

Each step returns an `Either`; the error type of the whole flow is the union of its steps'
error types, and every outcome is printed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import either
from either import Bind, Either, Left, Right


@dataclass(frozen=True)
class User:
    email: str
    password_hash: str
    deleted: bool = False


@dataclass(frozen=True)
class Session:
    email: str
    token: str


@dataclass(frozen=True)
class NotFound:
    email: str


@dataclass(frozen=True)
class WrongPassword:
    email: str


@dataclass(frozen=True)
class Deleted:
    email: str


LoginError = NotFound | WrongPassword | Deleted


def digest(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


USERS = {
    "ada@example.com": User("ada@example.com", digest("analytical")),
    "bob@example.com": User("bob@example.com", digest("hunter2"), deleted=True),
}


def fetch_user(email: str) -> Either[NotFound, User]:
    return either.from_optional(USERS.get(email), NotFound(email))


def check_password(user: User, password: str) -> Either[WrongPassword, User]:
    return Right(user) if user.password_hash == digest(password) else Left(WrongPassword(user.email))


def check_not_deleted(user: User) -> Either[Deleted, User]:
    return Left(Deleted(user.email)) if user.deleted else Right(user)


def new_session(user: User) -> Session:
    return Session(user.email, digest(user.email)[:12])


def login_chain(email: str, password: str) -> Either[LoginError, Session]:
    """The flow as a bind chain: each step runs only if the previous one succeeded."""
    return fetch_user(email).bind(lambda user: check_password(user, password)).bind(check_not_deleted).map(new_session)


@either.do
def login(bind: Bind[LoginError], email: str, password: str) -> Session:
    """The same flow as a do-block: plain statements, the first `Left` ends it."""
    user = bind(fetch_user(email))
    bind(check_password(user, password))
    bind(check_not_deleted(user))
    return new_session(user)


@either.safe(ValueError)
def parse_attempts(text: str) -> int:
    return int(text)


def describe(outcome: Either[LoginError, Session]) -> str:
    match outcome:
        case Right(session):
            return f"welcome {session.email} (session {session.token})"
        case Left(error):
            match error:
                case NotFound(email):
                    return f"no account for {email}"
                case WrongPassword(email):
                    return f"wrong password for {email}"
                case Deleted(email):
                    return f"account {email} was deleted"


def main() -> None:
    print("== login: bind chain and do-block agree ==")
    attempts = [
        ("ada@example.com", "analytical"),
        ("ada@example.com", "babbage"),
        ("bob@example.com", "hunter2"),
        ("eve@example.com", "anything"),
    ]
    for email, password in attempts:
        outcome = login(email, password)
        assert outcome == login_chain(email, password)
        print(f"  {email:<18} -> {describe(outcome)}")
    print("== from exceptions to results ==")
    for text in ("3", "three"):
        print(f"  parse_attempts({text!r}) -> {parse_attempts(text)!r}")
    sessions = either.collect(login(*attempts[0]), login(*attempts[1]), login(*attempts[3]))
    print(f"  collect(three logins) keeps every error: {sessions!r}")


if __name__ == "__main__":
    main()
