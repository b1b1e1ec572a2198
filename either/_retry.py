"""Time limits and retries for `Deferred`: `Timeout`, `Retry` and `RetryExhausted`.

`Timeout` and `RetryExhausted` are error values, the payload of a `Left`, not exceptions:
they compare by value, hash, and never carry a traceback. `Retry` is an immutable policy
that can be shared by every call site.

anyio, which supplies cancel scopes and `sleep` on both asyncio and trio, is imported the
first time a timeout or a retry actually runs, so `import either` stays light.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Awaitable, Callable
from typing import Any, Final, Generic, TypeVar, cast, final

from either._checks import check_callable, check_int, check_number
from either._core import Left, Right
from either._deferred import Deferred, _from_call, retryable
from either._errors import ArgumentTypeError, ArgumentValueError, ImmutableError, NotRetryableError, describe
from either._schedule import Schedule

__all__ = ["Retry", "RetryExhausted", "Timeout"]

_E_co = TypeVar("_E_co", covariant=True)

IMMEDIATE_RETRIES_MAX: Final = 1000
"""Retries in a row without any wait that a schedule may ask for before it is refused as a busy loop."""


@final
class Timeout:
    """The error of a `Deferred` that ran longer than `seconds` and was cancelled.

    >>> Timeout(2.5)
    Timeout(seconds=2.5)
    >>> Timeout(2.5) == Timeout(2.5)
    True
    """

    __slots__ = ("_seconds",)
    __match_args__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds

    @property
    def seconds(self) -> float:
        """The time limit that was exceeded."""
        return self._seconds

    def __repr__(self) -> str:
        return f"Timeout(seconds={self._seconds!r})"

    def __reduce__(self) -> tuple[type[Timeout], tuple[float]]:
        return (Timeout, (self._seconds,))

    def __str__(self) -> str:
        return f"timed out after {self._seconds:g} s"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Timeout) and other._seconds == self._seconds

    def __hash__(self) -> int:
        return hash((Timeout, self._seconds))


@final
class RetryExhausted(Generic[_E_co]):
    """The error of a retried `Deferred` whose every try failed with a retryable error.

    `errors` holds each attempt's error, the first attempt's first.

    >>> RetryExhausted(("busy", "busy", "down")).last
    'down'
    """

    __slots__ = ("_errors",)
    __match_args__ = ("errors",)

    def __init__(self, errors: tuple[_E_co, ...]) -> None:
        self._errors = tuple(errors)

    @property
    def errors(self) -> tuple[_E_co, ...]:
        """Every attempt's error, in the order they happened."""
        return self._errors

    @property
    def last(self) -> _E_co:
        """The last attempt's error."""
        return self._errors[-1]

    def __repr__(self) -> str:
        return f"RetryExhausted(errors={self._errors!r})"

    def __reduce__(self) -> tuple[type[RetryExhausted[Any]], tuple[tuple[_E_co, ...]]]:
        return (RetryExhausted, (self._errors,))

    def __str__(self) -> str:
        return f"gave up after {len(self._errors)} attempts; last error: {self._errors[-1]!r}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RetryExhausted) and cast("RetryExhausted[object]", other)._errors == self._errors

    def __hash__(self) -> int:
        return hash((RetryExhausted, self._errors))


def _always(error: object) -> bool:
    return True


def _default_random() -> Callable[[], float]:
    import random

    return random.random


_FLOAT_MAX = sys.float_info.max
_LOG_FLOAT_MAX = math.log(_FLOAT_MAX)


@final
class Retry:
    """A retry policy: how many tries, which errors are worth another, how long to wait.

    - `attempts`: every try counts, the first included (`attempts=1` never re-runs).
    - `backoff`, `multiplier`, `max_delay`: the wait before try `n + 1` is
      `min(max_delay, backoff * multiplier ** (n - 1))` seconds ...
    - `jitter`: ... shortened by a random fraction of at most `jitter` (0 to 1), so many
      clients failing together do not retry together. The wait never exceeds `max_delay`.
    - `retry_on(error)`: whether an error is worth another try (default: every error).
      An error it rejects is returned as it is, at once.
    - `idempotent=False` marks work that must not run twice: it is never re-run.
    - `sleep` and `random` replace `anyio.sleep` and `random.random`, for tests.

    >>> policy = Retry(attempts=4, backoff=0.5, max_delay=1.5, jitter=0)
    >>> tuple(policy.delay(n) for n in (1, 2, 3))
    (0.5, 1.0, 1.5)
    """

    __slots__ = (
        "_growth",
        "_random",
        "_sleep",
        "attempts",
        "backoff",
        "idempotent",
        "jitter",
        "max_delay",
        "multiplier",
        "retry_on",
    )

    def __init__(
        self,
        attempts: int = 3,
        *,
        backoff: float = 0.1,
        multiplier: float = 2.0,
        max_delay: float = 10.0,
        jitter: float = 0.5,
        retry_on: Callable[[Any], object] | None = None,
        idempotent: bool = True,
        sleep: Callable[[float], Awaitable[object]] | None = None,
        random: Callable[[], float] | None = None,
    ) -> None:
        self.attempts: int = check_int(
            "Retry(attempts=...)", attempts, minimum=1, what="an int >= 1 (every try counts, the first too)"
        )
        self.backoff: float = check_number("Retry(backoff=...)", backoff, minimum=0.0, finite=True)
        self.multiplier: float = check_number("Retry(multiplier=...)", multiplier, minimum=1.0, finite=True)
        self.max_delay: float = check_number("Retry(max_delay=...)", max_delay, minimum=0.0, finite=True)
        self.jitter: float = check_number("Retry(jitter=...)", jitter, minimum=0.0, maximum=1.0)
        for name, value in (("retry_on", retry_on), ("sleep", sleep), ("random", random)):
            if value is not None and not callable(value):
                raise ArgumentTypeError(f"Retry({name}=...) expected a callable or None, got {describe(value)}")
        if not isinstance(idempotent, bool):
            raise ArgumentTypeError(f"Retry(idempotent=...) expected True or False, got {describe(idempotent)}")
        self.retry_on: Callable[[Any], object] = retry_on or _always
        self.idempotent: bool = idempotent
        self._growth = _last_growing_exponent(self.backoff, self.multiplier, self.max_delay)
        self._sleep = sleep
        self._random = random

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, "_random"):  # the last slot __init__ sets: frozen from then on
            raise ImmutableError(f"Retry is immutable; build a new policy instead of setting {name!r}")
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return (
            f"Retry(attempts={self.attempts}, backoff={self.backoff:g}, multiplier={self.multiplier:g}, "
            f"max_delay={self.max_delay:g}, jitter={self.jitter:g}, idempotent={self.idempotent})"
        )

    def delay(self, attempt: int) -> float:
        """Seconds to wait after try number `attempt` (1-based) failed, before the next.

        The exponent is capped where the wait reaches `max_delay`, so no attempt number
        overflows a float.
        """
        check_int("Retry.delay(attempt=...)", attempt, minimum=1)
        capped = min(self.max_delay, _grown(self.backoff, self.multiplier, min(attempt - 1, self._growth)))
        if not self.jitter:
            return capped
        draw = self._random or _default_random()
        return capped * (1.0 - self.jitter * draw())

    def schedule(self) -> Schedule:
        """This policy's waits as a `Schedule` (what to give `Deferred.retry` with `when=`).

        `(exponential(backoff, multiplier) | spaced(max_delay)).jittered(1 - jitter, 1)
        & recurs(attempts - 1)`; `retry_on` becomes `when=`, and `idempotent=False` means
        not retrying at all.

        >>> list(Retry(attempts=4, backoff=0.5, max_delay=1.5, jitter=0).schedule().delays())
        [0.5, 1.0, 1.5]
        """
        waits = Schedule.exponential(self.backoff, self.multiplier) | Schedule.spaced(self.max_delay)
        if self.jitter:
            waits = waits.jittered(1.0 - self.jitter, 1.0)
        return waits & Schedule.recurs(self.attempts - 1)


def _last_growing_exponent(backoff: float, multiplier: float, max_delay: float) -> int:
    """The smallest exponent `n` with `backoff * multiplier ** n >= max_delay` (0 when the
    wait never grows): past it the wait is `max_delay`, so the power is never computed."""
    if backoff <= 0 or multiplier <= 1 or backoff >= max_delay:
        return 0
    # log(max_delay / backoff) / log(multiplier), rounded up; both logs are finite here.
    n = math.ceil((math.log(max_delay) - math.log(backoff)) / math.log(multiplier))
    while n > 0 and _grown(backoff, multiplier, n - 1) >= max_delay:  # float rounding
        n -= 1
    return n


def _grown(backoff: float, multiplier: float, exponent: int) -> float:
    """`backoff * multiplier ** exponent`, through logarithms when the power alone overflows
    (a tiny backoff with a huge exponent), and infinity past the largest float."""
    try:
        return backoff * multiplier**exponent
    except OverflowError:
        logarithm = math.log(backoff) + exponent * math.log(multiplier)
        return math.exp(logarithm) if logarithm < _LOG_FLOAT_MAX else math.inf


async def _run_timeout(d: Deferred[Any, Any], seconds: float) -> Any:
    import anyio

    with anyio.move_on_after(seconds):
        return await d
    return Left(Timeout(seconds))


def timeout_deferred(d: Deferred[Any, Any], seconds: float) -> Deferred[Any, Any]:
    check_number("Deferred.timeout(seconds=...)", seconds, minimum=0.0)  # 10**400 too: it would overflow
    return _from_call(_run_timeout, (d, seconds), {}, retryable(d))


async def _run_retry(d: Deferred[Any, Any], policy: Retry) -> Any:
    either: Any = await d
    if either.__class__ is Right or not policy.idempotent:
        return either
    errors: list[Any] = []
    sleep = policy._sleep
    attempt = 1
    while True:
        error = either._error
        if not policy.retry_on(error):
            return either
        errors.append(error)
        if attempt >= policy.attempts:
            return Left(RetryExhausted(tuple(errors)))
        if sleep is None:
            import anyio

            sleep = anyio.sleep
        await sleep(policy.delay(attempt))
        attempt += 1
        either = await d
        if either.__class__ is Right:
            return either


def retry_deferred(d: Deferred[Any, Any], policy: Retry) -> Deferred[Any, Any]:
    if not isinstance(policy, Retry):
        raise ArgumentTypeError(f"Deferred.retry() expected an either.Retry policy, got {describe(policy)}")
    if policy.idempotent and policy.attempts > 1 and not retryable(d):
        raise NotRetryableError(
            f"Deferred.retry() can only re-run work it can call again, got {d!r}; build it with "
            "Deferred.from_call(fn, *args), an @Deferred.do function or an @safe async function "
            "instead of from a coroutine"
        )
    return _from_call(_run_retry, (d, policy), {}, retryable(d))


async def _run_scheduled(
    d: Deferred[Any, Any],
    schedule: Schedule,
    when: Callable[[Any], object],
    sleep: Callable[[float], Awaitable[object]] | None,
) -> Any:
    either: Any = await d
    if either.__class__ is Right:
        return either
    decide = schedule._start()
    errors: list[Any] = []
    waited = 0.0
    immediate = 0  # retries in a row with no wait at all
    while True:
        error = either._error
        if not when(error):
            return either
        errors.append(error)
        decision = decide(waited)
        if decision is None:
            return Left(RetryExhausted(tuple(errors)))
        delay, budget = decision
        asked = retry_after(error)
        if asked is not None:
            if waited + asked > budget:
                return Left(RetryExhausted(tuple(errors)))
            delay = asked
        immediate = immediate + 1 if delay <= 0 else 0
        if immediate > IMMEDIATE_RETRIES_MAX:
            raise ArgumentValueError(
                f"Deferred.retry({schedule!r}) asked for more than {IMMEDIATE_RETRIES_MAX} retries in a row "
                "without waiting: a busy loop against whatever the work calls. Give it delays "
                "(Schedule.spaced(1.0) & Schedule.up_to(30.0)) or a bound (& Schedule.recurs(n)); "
                "`a | Schedule.up_to(s)` waits the shorter delay, which is up_to's 0"
            )
        if sleep is None:
            import anyio

            sleep = anyio.sleep
        await sleep(delay)
        waited += delay
        either = await d
        if either.__class__ is Right:
            return either


def retry_after(error: object) -> float | None:
    """The delay an error asks for (`error.retry_after`, seconds), when it is a usable number.

    A missing attribute, a property that raises, a bool, a negative, NaN or infinite value
    is ignored: the schedule's own delay is used then. Never raises.
    """
    try:
        asked = getattr(error, "retry_after", None)
    except Exception:
        return None
    if asked is None or isinstance(asked, bool) or not isinstance(asked, (int, float)):
        return None
    try:
        seconds = float(asked)
    except OverflowError:
        return None
    return seconds if 0.0 <= seconds <= _FLOAT_MAX else None


def retry_scheduled(
    d: Deferred[Any, Any],
    schedule: Schedule,
    when: Callable[[Any], object] | None,
    sleep: Callable[[float], Awaitable[object]] | None,
) -> Deferred[Any, Any]:
    if when is not None:
        check_callable("Deferred.retry(when=...)", when)
    if sleep is not None:
        check_callable("Deferred.retry(sleep=...)", sleep)
    if not retryable(d):
        raise NotRetryableError(
            f"Deferred.retry() can only re-run work it can call again, got {d!r}; build it with "
            "Deferred.from_call(fn, *args), an @Deferred.do function or an @safe async function "
            "instead of from a coroutine"
        )
    return _from_call(_run_scheduled, (d, schedule, when or _always, sleep), {}, True)
