"""Fetch user profiles from a flaky service with a timeout per attempt and a retry policy.

A small real async program: the service (a fake, so the output is the same on every run)
is sometimes busy and sometimes hangs. Each fetch is one `Deferred` that

- times out an attempt after 200 ms (`timeout`), cancelling the hung request,
- retries busy and timed-out attempts with exponential backoff (`retry`),
- then checks the profile in an async do-block, and
- runs for several users at once (`gather_all`), every outcome reported.

Run it with `python examples/fetch_profile.py`; `main()` is what `make demo` calls.
"""

from __future__ import annotations

from dataclasses import dataclass

import anyio

import either
from either import AsyncBind, Deferred, Either, Left, Right


@dataclass(frozen=True)
class Busy:
    """The service asked us to come back later."""

    attempt: int


@dataclass(frozen=True)
class NotFound:
    user_id: int


@dataclass(frozen=True)
class Suspended:
    name: str


@dataclass(frozen=True)
class Profile:
    user_id: int
    name: str
    active: bool


class FlakyService:
    """A fake profile service: scripted per user, so every run prints the same thing.

    Each user's script lists what the next calls do: "busy", "hang" (never answers), or
    "ok" (answers with the profile).
    """

    def __init__(self) -> None:
        self.profiles = {
            1: Profile(1, "Ada", active=True),
            2: Profile(2, "Alan", active=True),
            3: Profile(3, "Grace", active=False),
            5: Profile(5, "Edsger", active=True),
        }
        self.scripts = {1: ["ok"], 2: ["busy", "hang", "ok"], 3: ["ok"], 4: ["ok"], 5: ["hang"] * 5}
        self.calls: dict[int, int] = {}

    async def fetch(self, user_id: int) -> Either[Busy | NotFound, Profile]:
        attempt = self.calls[user_id] = self.calls.get(user_id, 0) + 1
        script = self.scripts[user_id]
        action = script[min(attempt, len(script)) - 1]
        await anyio.sleep(0.001)  # the network
        if action == "busy":
            return Left(Busy(attempt))
        if action == "hang":
            await anyio.sleep(3600)  # cancelled by the timeout
        profile = self.profiles.get(user_id)
        return Right(profile) if profile else Left(NotFound(user_id))


def retryable(error: object) -> bool:
    return isinstance(error, (Busy, either.Timeout))


# Short delays keep the demo quick; jitter=0 keeps the printed output deterministic.
POLICY = either.Retry(attempts=3, backoff=0.01, max_delay=0.05, jitter=0, retry_on=retryable)

FetchError = Busy | NotFound | either.Timeout | either.RetryExhausted[Busy | NotFound | either.Timeout]


def fetch_with_policy(service: FlakyService, user_id: int) -> Deferred[FetchError, Profile]:
    return Deferred.from_call(service.fetch, user_id).timeout(0.2).retry(POLICY)


@Deferred.do
async def active_profile(bind: AsyncBind[FetchError | Suspended], service: FlakyService, user_id: int) -> str:
    profile = await bind(fetch_with_policy(service, user_id))
    if not profile.active:
        await bind(Left(Suspended(profile.name)))
    return f"{profile.name} (user {profile.user_id})"


def describe(user_id: int, outcome: Either[FetchError | Suspended, str], calls: int) -> str:
    tries = f"{calls} call{'s' if calls != 1 else ''}"
    match outcome:
        case Right(text):
            return f"user {user_id}: ok, {text} after {tries}"
        case Left(either.RetryExhausted(errors)):
            kinds = ", ".join(type(error).__name__ for error in errors)
            return f"user {user_id}: gave up after {tries} ({kinds})"
        case Left(error):
            return f"user {user_id}: failed, {error} after {tries}"


Outcome = Either[FetchError | Suspended, str]


def failed(error: FetchError | Suspended) -> Outcome:
    return Left(error)


def succeeded(text: str) -> Outcome:
    return Right(text)


async def fetch_all(service: FlakyService, user_ids: list[int]) -> list[str]:
    """Fetch every user concurrently (at most 3 at once) and describe each outcome."""
    # fold turns each outcome, success or failure, into a value, so that one user's
    # failure does not cancel the others (which is what a plain gather would do).
    settled = [active_profile(service, user_id).fold(failed, succeeded) for user_id in user_ids]
    outcomes = (await either.gather(*settled, limit=3)).unwrap()
    return [
        describe(user_id, outcome, service.calls.get(user_id, 0))
        for user_id, outcome in zip(user_ids, outcomes, strict=True)
    ]


def main() -> None:
    """Print one line per user: what happened and how many calls it took."""
    service = FlakyService()
    for line in anyio.run(fetch_all, service, [1, 2, 3, 4, 5]):
        print(line)


if __name__ == "__main__":
    main()
