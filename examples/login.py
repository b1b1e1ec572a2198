"""A login flow over an in-memory user store: bind chains, a do-block and `safe`.

Each step returns an `Either`; the error type of the whole flow is the union of its steps'
error types, and every outcome is printed. Sign-up checks every field at once
(`bind.all`), and a failed login says what was being done (`.context`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import either
from either import Bind, Context, Either, Left, NonEmpty, Right


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


@dataclass(frozen=True)
class Invalid:
    field: str
    reason: str


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


def parse_email(text: str) -> Either[Invalid, str]:
    return Right(text.lower()) if "@" in text else Left(Invalid("email", f"{text!r} has no @"))


def parse_password(text: str) -> Either[Invalid, str]:
    return Right(text) if len(text) >= 8 else Left(Invalid("password", "shorter than 8 characters"))


@either.do
def sign_up(bind: Bind[NonEmpty[Invalid]], email: str, password: str) -> User:
    """Every field is checked, and every problem reported at once, not just the first."""
    address, secret = bind.all(parse_email(email), parse_password(password))
    return User(address, digest(secret))


def login_for_support(email: str, password: str) -> Either[Context[LoginError], Session]:
    """A failed login that says what was being done, for the log line."""
    return login(email, password).context(f"logging in {email}").context("handling POST /login")


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
    print("== sign-up: every field checked at once (bind.all) ==")
    for email, password in [("Grace@Example.com", "compilers"), ("grace", "short")]:
        match sign_up(email, password):
            case Right(user):
                print(f"  {email!r}: signed up as {user.email}")
            case Left(problems):
                print(f"  {email!r}: " + "; ".join(f"{p.field}: {p.reason}" for p in problems))
    print("== what was being done (.context) ==")
    traced = login_for_support("eve@example.com", "anything")
    if either.is_left(traced):
        print("  " + traced.error.pretty().replace("\n", "\n  "))
        assert isinstance(traced.error.root_cause(), NotFound)


if __name__ == "__main__":
    main()
