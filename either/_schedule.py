"""`Schedule`: when to try again, as a value that can be combined, inspected and tested.

A schedule answers one question after each failed try: stop, or wait this many seconds
and try again. The leaves say it simply (`exponential`, `spaced`, `recurs`, `up_to`); the
combinators build policies from them, as Effect-TS's `Schedule` does:

- `a & b` goes on while both go on, waiting the longer of their delays;
- `a | b` goes on while either does, waiting the shorter delay of those still going;
- `s.jittered(low, high, seed)` multiplies each delay by a random factor in `[low, high]`.

`(Schedule.exponential(0.1) | Schedule.spaced(5)) & Schedule.recurs(4)` is "exponential
from 0.1 s, never more than 5 s apart, at most 4 retries".

A schedule is immutable and pure: `delays()` replays the delays it would give from the
start, the same every time (unless jittered without a seed), with no clock and no sleep.
Each run (`delays()`, or a `Deferred.retry`) gets its own fresh state.

How `up_to` composes: each leaf proposes a delay and a budget (the most the delays may sum
to; unbounded except for `up_to`). `&` takes the longer delay and the smaller budget and
stops when the total waited plus that delay would pass the budget; `|` keeps the branches
whose own delay still fits their own budget and takes the shortest. Both are associative
and commutative on the delays they give.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import final

from either._checks import check_int, check_number
from either._errors import ArgumentTypeError, describe

__all__ = ["Schedule"]

# A stepper is one run's state: called with the seconds waited so far, it gives
# (delay, budget) to go on, or None to stop.
_Decision = tuple[float, float] | None
_Stepper = Callable[[float], _Decision]
_INF = math.inf


@final
class Schedule:
    """When to retry: build with the static methods, combine with `&`, `|`, `jittered()`.

    >>> policy = (Schedule.exponential(0.5) | Schedule.spaced(3.0)) & Schedule.recurs(5)
    >>> list(policy.delays())
    [0.5, 1.0, 2.0, 3.0, 3.0]
    >>> list((Schedule.spaced(1.0) & Schedule.up_to(2.5)).delays())
    [1.0, 1.0]
    """

    __slots__ = ("_start", "_text")
    _start: Callable[[], _Stepper]
    _text: str

    def __init__(self, start: Callable[[], _Stepper], text: str) -> None:
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_text", text)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Schedule is immutable; combine schedules instead of setting {name!r}")

    def __repr__(self) -> str:
        return self._text

    # ------------------------------------------------------------------ leaves
    @staticmethod
    def exponential(base: float, factor: float = 2.0) -> Schedule:
        """Forever, waiting `base`, `base * factor`, `base * factor**2`, ... seconds."""
        first = _seconds("Schedule.exponential(base=...)", base)
        growth = check_number("Schedule.exponential(factor=...)", factor, minimum=1.0, finite=True)

        def start() -> _Stepper:
            delay = first

            def step(waited: float) -> _Decision:
                nonlocal delay
                current = delay
                delay = current * growth  # reaches inf (never an OverflowError)
                return current, _INF

            return step

        return Schedule(start, f"Schedule.exponential({first!r}, {growth!r})")

    @staticmethod
    def spaced(delay: float) -> Schedule:
        """Forever, waiting `delay` seconds each time."""
        seconds = _seconds("Schedule.spaced(delay=...)", delay)
        decision = (seconds, _INF)

        def start() -> _Stepper:
            return lambda waited: decision

        return Schedule(start, f"Schedule.spaced({seconds!r})")

    @staticmethod
    def recurs(n: int) -> Schedule:
        """`n` retries after the first try, without waiting (combine for a delay)."""
        count = int(check_int("Schedule.recurs(n=...)", n, minimum=0, what="an int counting retries, 0 or more"))

        def start() -> _Stepper:
            left = count

            def step(waited: float) -> _Decision:
                nonlocal left
                if left <= 0:
                    return None
                left -= 1
                return 0.0, _INF

            return step

        return Schedule(start, f"Schedule.recurs({count})")

    @staticmethod
    def up_to(seconds: float) -> Schedule:
        """Go on while the delays waited stay within `seconds` in total (delay 0 itself).

        Combined with `&`, it stops before the sum of delays would pass `seconds`. Alone, or
        under `|` (which waits the shorter delay: this one's 0), it never waits, so it would
        retry as fast as the loop runs: `Deferred.retry` refuses a schedule that asks for
        more than `IMMEDIATE_RETRIES_MAX` (1 000) retries in a row without a wait. Alone it
        is still useful when the errors say how long to wait (`retry_after`).
        """
        budget = _seconds("Schedule.up_to(seconds=...)", seconds)
        decision = (0.0, budget)

        def start() -> _Stepper:
            return lambda waited: decision if waited <= budget else None

        return Schedule(start, f"Schedule.up_to({budget!r})")

    # ------------------------------------------------------------------ combinators
    def __and__(self, other: Schedule) -> Schedule:
        """Go on while both go on, waiting the longer delay, within the smaller budget."""
        _check_schedule("&", other)
        starts = (self._start, other._start)

        def start() -> _Stepper:
            a, b = (s() for s in starts)

            def step(waited: float) -> _Decision:
                first, second = a(waited), b(waited)
                if first is None or second is None:
                    return None
                delay = max(first[0], second[0])
                budget = min(first[1], second[1])
                return (delay, budget) if waited + delay <= budget else None

            return step

        return Schedule(start, f"({self._text} & {other._text})")

    def __or__(self, other: Schedule) -> Schedule:
        """Go on while either goes on, waiting the shorter delay of those still going."""
        _check_schedule("|", other)
        starts = (self._start, other._start)

        def start() -> _Stepper:
            a, b = (s() for s in starts)

            def step(waited: float) -> _Decision:
                going = [d for d in (a(waited), b(waited)) if d is not None and waited + d[0] <= d[1]]
                if not going:
                    return None
                delay = min(d[0] for d in going)
                return delay, max(d[1] for d in going if d[0] == delay)

            return step

        return Schedule(start, f"({self._text} | {other._text})")

    def jittered(self, low: float = 0.5, high: float = 1.5, seed: int | None = None) -> Schedule:
        """Each delay multiplied by a random factor drawn uniformly from `[low, high]`.

        Spreads the retries of many clients that failed together. With a `seed` the factors
        are the same on every run (for tests); without one they differ.
        """
        lower = _seconds("Schedule.jittered(low=...)", low)
        upper = check_number("Schedule.jittered(high=...)", high, minimum=lower, finite=True)
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise ArgumentTypeError(f"Schedule.jittered(seed=...) expected an int or None, got {describe(seed)}")
        inner = self._start

        def start() -> _Stepper:
            import random

            draw = random.Random(seed).uniform
            stepper = inner()

            def step(waited: float) -> _Decision:
                decision = stepper(waited)
                if decision is None:
                    return None
                delay = decision[0] * draw(lower, upper) if decision[0] else 0.0
                return (delay, decision[1]) if waited + delay <= decision[1] else None

            return step

        seeded = "" if seed is None else f", seed={seed!r}"
        return Schedule(start, f"{self._text}.jittered({lower!r}, {upper!r}{seeded})")

    # ------------------------------------------------------------------ running
    def delays(self) -> Iterator[float]:
        """The delays this schedule gives, from the start: finite, or not (`spaced` alone).

        >>> from itertools import islice
        >>> list(islice(Schedule.exponential(1.0, 3.0).delays(), 4))
        [1.0, 3.0, 9.0, 27.0]
        """
        step = self._start()
        waited = 0.0
        while True:
            decision = step(waited)
            if decision is None:
                return
            yield decision[0]
            waited += decision[0]

    def stepper(self) -> Callable[[float], float | None]:
        """A fresh run: call it with the seconds waited so far, get the next delay or `None`.

        `Deferred.retry` drives a schedule this way; it adds the delays it actually waited
        (an error's `retry_after` may replace the schedule's delay).
        """
        step = self._start()

        def next_delay(waited: float) -> float | None:
            decision = step(waited)
            return None if decision is None else decision[0]

        return next_delay


def _check_schedule(operator: str, other: object) -> None:
    if not isinstance(other, Schedule):
        raise ArgumentTypeError(f"Schedule {operator} expected another Schedule, got {describe(other)}")


def _seconds(where: str, value: object) -> float:
    return check_number(where, value, minimum=0.0, finite=True)
