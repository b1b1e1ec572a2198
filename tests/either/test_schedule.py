"""`Schedule`: the delays of each leaf and combinator, and the algebra of `&` and `|`."""

from __future__ import annotations

import math
from itertools import islice

import pytest
from hypothesis import given
from hypothesis import strategies as st

from either import EitherwayError, Schedule

seconds = st.floats(0, 10, allow_nan=False).map(lambda x: round(x, 3))


def leaves(*, budgets: bool = True) -> st.SearchStrategy[Schedule]:
    unbounded = [
        st.builds(Schedule.exponential, seconds, st.floats(1, 3).map(lambda x: round(x, 2))),
        st.builds(Schedule.spaced, seconds),
        st.builds(Schedule.recurs, st.integers(0, 6)),
    ]
    bounded = [st.builds(Schedule.up_to, st.floats(0, 30).map(lambda x: round(x, 1)))]
    return st.one_of(*unbounded, *(bounded if budgets else []))


def trees(base: st.SearchStrategy[Schedule]) -> st.SearchStrategy[Schedule]:
    return st.recursive(
        base,
        lambda inner: st.one_of(
            st.builds(lambda a, b: a & b, inner, inner),
            st.builds(lambda a, b: a | b, inner, inner),
            st.builds(lambda a, seed: a.jittered(0.5, 1.5, seed), inner, st.integers(0, 10)),
        ),
        max_leaves=5,
    )


schedules = trees(leaves())
without_budget = trees(leaves(budgets=False))


def first(schedule: Schedule, n: int = 12) -> list[float]:
    return list(islice(schedule.delays(), n))


def test_leaves_give_their_delays() -> None:
    assert first(Schedule.exponential(0.1, 3.0), 4) == pytest.approx([0.1, 0.3, 0.9, 2.7])
    assert first(Schedule.exponential(1.0), 3) == [1.0, 2.0, 4.0]
    assert first(Schedule.spaced(2.5), 3) == [2.5, 2.5, 2.5]
    assert list(Schedule.recurs(3).delays()) == [0.0, 0.0, 0.0]
    assert list(Schedule.recurs(0).delays()) == []
    assert first(Schedule.up_to(1.0), 3) == [0.0, 0.0, 0.0]


def test_exponential_reaches_infinity_without_overflowing() -> None:
    delays = first(Schedule.exponential(1.0, 10.0), 400)
    assert delays[-1] == math.inf


def test_combinators() -> None:
    capped = (Schedule.exponential(1.0) | Schedule.spaced(5.0)) & Schedule.recurs(5)
    assert list(capped.delays()) == [1.0, 2.0, 4.0, 5.0, 5.0]
    assert list((Schedule.spaced(1.0) & Schedule.up_to(3.0)).delays()) == [1.0, 1.0, 1.0]
    assert list((Schedule.exponential(1.0) & Schedule.up_to(10.0)).delays()) == [1.0, 2.0, 4.0]
    assert first(Schedule.recurs(2) | Schedule.spaced(3.0), 4) == [0.0, 0.0, 3.0, 3.0]
    assert list((Schedule.recurs(2) | Schedule.recurs(4)).delays()) == [0.0] * 4
    assert list((Schedule.recurs(2) & Schedule.recurs(4)).delays()) == [0.0] * 2
    assert repr(capped) == ("((Schedule.exponential(1.0, 2.0) | Schedule.spaced(5.0)) & Schedule.recurs(5))")


def test_jittered_is_reproducible_with_a_seed_and_stays_in_range() -> None:
    jittered = (Schedule.spaced(2.0) & Schedule.recurs(50)).jittered(0.5, 1.5, seed=7)
    delays = list(jittered.delays())
    assert delays == list(jittered.delays())
    assert len(delays) == 50 and all(1.0 <= d <= 3.0 for d in delays) and len(set(delays)) > 1
    assert list(Schedule.recurs(2).jittered(seed=1).delays()) == [0.0, 0.0]
    assert "jittered(0.5, 1.5, seed=7)" in repr(jittered)
    unseeded = (Schedule.spaced(1.0) & Schedule.recurs(3)).jittered()
    assert all(0.5 <= d <= 1.5 for d in unseeded.delays())


def test_a_jittered_delay_still_respects_the_budget() -> None:
    schedule = (Schedule.spaced(1.0) & Schedule.up_to(3.0)).jittered(2.0, 2.0)
    assert list(schedule.delays()) == [2.0]


def test_stepper_runs_with_the_time_actually_waited() -> None:
    step = (Schedule.spaced(1.0) & Schedule.up_to(5.0)).stepper()
    assert step(0.0) == 1.0
    assert step(4.5) is None  # a retry_after of 4.5 s ate the budget
    assert (Schedule.recurs(1)).stepper()(0.0) == 0.0


def test_schedules_are_immutable_and_runs_independent() -> None:
    schedule = Schedule.exponential(1.0) & Schedule.recurs(2)
    assert list(schedule.delays()) == list(schedule.delays()) == [1.0, 2.0]
    with pytest.raises(AttributeError, match="immutable"):
        schedule._text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: Schedule.exponential(-1.0),
            ValueError,
            r"exponential\(base=...\) expected a finite number at least 0",
        ),
        (lambda: Schedule.exponential(1.0, 0.5), ValueError, r"factor=...\) expected a finite number at least 1"),
        (lambda: Schedule.spaced(math.nan), ValueError, "got nan"),
        (lambda: Schedule.spaced(math.inf), ValueError, "got inf"),
        (lambda: Schedule.spaced(10**400), ValueError, "too large for a float"),
        (lambda: Schedule.spaced("1"), TypeError, r"spaced\(delay=...\) expected a number, got '1' \(str\)"),
        (lambda: Schedule.up_to(True), TypeError, "expected a number, got True"),
        (lambda: Schedule.recurs(1.5), TypeError, r"recurs\(n=...\) expected an int"),
        (lambda: Schedule.recurs(-1), ValueError, "expected an int counting retries, 0 or more, got -1"),
        (lambda: Schedule.spaced(1).jittered(2.0, 1.0), ValueError, r"high=...\) expected a finite number at least 2"),
        (lambda: Schedule.spaced(1).jittered(seed="x"), TypeError, "seed=...\\) expected an int or None"),
        (lambda: Schedule.spaced(1) & 3, TypeError, "Schedule & expected another Schedule, got 3"),
        (lambda: Schedule.spaced(1) | None, TypeError, r"Schedule \| expected another Schedule"),
    ],
)
def test_bad_arguments_are_refused_clearly(build: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        build()  # type: ignore[operator]
    assert isinstance(caught.value, EitherwayError)


# ---------------------------------------------------------------- algebra
@given(schedules, schedules)
def test_and_and_or_are_commutative_on_delays(a: Schedule, b: Schedule) -> None:
    assert first(a & b) == first(b & a)
    assert first(a | b) == first(b | a)


@given(schedules, schedules, schedules)
def test_and_and_or_are_associative_on_delays(a: Schedule, b: Schedule, c: Schedule) -> None:
    assert first((a & b) & c) == first(a & (b & c))
    assert first((a | b) | c) == first(a | (b | c))


@given(schedules, schedules)
def test_and_waits_the_longer_and_stops_first_or_waits_the_shorter_and_goes_on(a: Schedule, b: Schedule) -> None:
    both, either_one = first(a & b, 8), first(a | b, 8)
    only_a, only_b = first(a, 8), first(b, 8)
    assert len(both) <= min(len(only_a), len(only_b))
    assert len(either_one) >= min(len(only_a), len(only_b))
    for n, delay in enumerate(both):  # while nothing has stopped, the delays follow max / min
        assert delay >= min(only_a[n], only_b[n])
    for delay in either_one:
        assert delay >= 0


@given(without_budget, without_budget)
def test_without_a_budget_and_is_the_pointwise_max_and_or_the_pointwise_min(a: Schedule, b: Schedule) -> None:
    only_a, only_b = first(a, 10), first(b, 10)
    shorter, longer = sorted((only_a, only_b), key=len)
    assert first(a & b, 10) == [max(x, y) for x, y in zip(only_a, only_b, strict=False)]
    assert first(a | b, 10) == [min(x, y) for x, y in zip(only_a, only_b, strict=False)] + longer[len(shorter) :]


@given(schedules)
def test_and_is_idempotent_on_delays(a: Schedule) -> None:
    assert first(a & a) == first(a)
    assert first(a | a) == first(a)


@given(schedules, st.integers(0, 8))
def test_recurs_bounds_the_number_of_retries(a: Schedule, n: int) -> None:
    assert len(first(a & Schedule.recurs(n), 20)) <= n
    assert first(a & Schedule.recurs(n), 20) == first(a, 20)[: len(first(a & Schedule.recurs(n), 20))]


@given(schedules, st.floats(0, 20).map(lambda x: round(x, 1)))
def test_up_to_bounds_the_sum_of_delays(a: Schedule, budget: float) -> None:
    delays = first(a & Schedule.up_to(budget), 50)
    assert math.fsum(delays) <= budget + 1e-9
