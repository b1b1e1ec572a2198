"""`check_laws` and `check_async_laws`: two error types, both sides of a failing law, no bare `assert`."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import trio
from hypothesis import strategies as st

from either import Deferred, Either, EitherwayError, Left, Right
from either.strategies import LawError, check_async_laws, check_laws

errors = st.text(max_size=3)
values = st.integers(-50, 50)


def non_negative(n: int) -> Either[str, int]:
    return Right(n) if n >= 0 else Left("negative")


def small(n: int) -> Either[ValueError | int, str]:
    return Right(str(n)) if n < 40 else Left(n)


def test_steps_with_different_error_types_pass() -> None:
    check_laws(errors=errors, values=values, bind_first=non_negative, bind_then=small, max_examples=50)
    check_laws(
        errors=errors,
        values=values,
        bind_first=non_negative,
        bind_then=small,
        map_first=abs,
        map_then=str,
        max_examples=50,
    )


def test_a_failing_law_shows_both_sides() -> None:
    calls: list[int] = []

    def counting(n: int) -> Either[str, int]:
        calls.append(n)
        return Right(n + len(calls))

    with pytest.raises(LawError) as caught:
        check_laws(errors=errors, values=values, bind_first=counting, bind_then=small, max_examples=50)
    message = str(caught.value)
    assert message.startswith("left identity does not hold for a = ")
    assert "Right(a).bind(bind_first)\n    = Right(" in message
    assert "bind_first(a)\n    = Right(" in message
    assert caught.value.law == "left identity"
    assert caught.value.left != caught.value.right
    assert isinstance(caught.value, AssertionError) and isinstance(caught.value, EitherwayError)


def test_a_law_broken_only_sometimes_is_still_a_law_error() -> None:
    seen: set[int] = set()

    def once(n: int) -> Either[int, int]:
        if n in seen:
            return Left(n)
        seen.add(n)
        return Right(n)

    with pytest.raises(LawError, match="left identity") as caught:
        check_laws(errors=errors, values=values, bind_first=once, bind_then=small)
    assert caught.value.__cause__ is not None  # Hypothesis' flaky report, kept


def test_other_failures_are_not_hidden() -> None:
    def broken(n: int) -> Either[str, int]:
        raise KeyError(n)

    with pytest.raises(KeyError):
        check_laws(errors=errors, values=values, bind_first=broken, bind_then=small, max_examples=5)


def test_associativity_failure_names_the_law() -> None:
    state = {"flip": False}

    def flaky_then(n: int) -> Either[int, int]:
        state["flip"] = not state["flip"]
        return Right(n) if state["flip"] else Left(n)

    with pytest.raises(LawError, match="does not hold"):
        check_laws(errors=errors, values=values, bind_first=non_negative, bind_then=flaky_then, max_examples=50)


def test_impure_maps_break_composition() -> None:
    seen: list[int] = []

    def remember(n: int) -> int:
        seen.append(n)
        return len(seen)

    with pytest.raises(LawError, match="functor composition") as caught:
        check_laws(
            errors=errors,
            values=values,
            bind_first=non_negative,
            bind_then=small,
            map_first=remember,
            map_then=str,
            max_examples=50,
        )
    assert "m.map(map_first).map(map_then)" in str(caught.value)


def test_huge_values_are_shown_cut() -> None:
    calls: list[int] = []

    def grow(n: int) -> Either[str, str]:
        calls.append(n)
        return Right("x" * 100_000 + str(len(calls)))

    with pytest.raises(LawError, match="left identity") as caught:
        check_laws(errors=errors, values=values, bind_first=grow, bind_then=Right, max_examples=5)
    assert len(str(caught.value)) < 2_000


def test_laws_are_checked_under_python_dash_o() -> None:
    script = textwrap.dedent(
        """
        from hypothesis import strategies as st
        from either import Right
        from either.strategies import LawError, check_async_laws, check_laws

        assert False, "asserts are stripped under -O"
        calls = []

        def counting(n):
            calls.append(n)
            return Right(n + len(calls))

        for check in (check_laws, check_async_laws):
            try:
                check(errors=st.text(), values=st.integers(), bind_first=counting, bind_then=Right, max_examples=20)
            except LawError as error:
                print(error.law)
            else:
                print("not caught")
        """
    )
    run = subprocess.run([sys.executable, "-O", "-c", script], capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["left", "identity", "left", "identity"]


# ---------------------------------------------------------------------- Deferred


async def halve(n: int) -> Either[str, int]:
    return Right(n // 2) if n % 2 == 0 else Left("odd")


def as_deferred(n: int) -> Deferred[int, str]:
    return Deferred.of(Right(str(n)) if n < 10 else Left(n))


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_async_laws_hold_for_lawful_steps(backend: str) -> None:
    check_async_laws(
        errors=errors,
        values=values,
        bind_first=halve,
        bind_then=as_deferred,
        map_first=abs,
        map_then=str,
        backends=[backend],
        max_examples=30,
    )


def test_async_laws_run_on_trio_only_steps() -> None:
    async def sleepy(n: int) -> Either[str, int]:
        await trio.sleep(0)
        return Right(n)

    check_async_laws(
        errors=errors, values=values, bind_first=sleepy, bind_then=non_negative, backends=["trio"], max_examples=20
    )


def test_a_failing_async_law_shows_both_sides() -> None:
    calls: list[int] = []

    async def counting(n: int) -> Either[str, int]:
        calls.append(n)
        return Right(n + len(calls))

    with pytest.raises(LawError, match="left identity") as caught:
        check_async_laws(
            errors=errors, values=values, bind_first=counting, bind_then=halve, backends=["asyncio", "trio"]
        )
    message = str(caught.value)
    assert "await Deferred.of(Right(a)).bind(bind_first)\n    = Right(" in message
    assert "await bind_first(a)\n    = Right(" in message


def test_async_associativity_failure() -> None:
    state = {"flip": False}

    def flaky(n: int) -> Deferred[str, int]:
        state["flip"] = not state["flip"]
        return Deferred.of(Right(n) if state["flip"] else Left("flipped"))

    with pytest.raises(LawError):
        check_async_laws(errors=errors, values=values, bind_first=non_negative, bind_then=flaky, max_examples=50)


def test_impure_async_maps_break_composition() -> None:
    seen: list[int] = []

    def remember(n: int) -> int:
        seen.append(n)
        return len(seen)

    with pytest.raises(LawError, match="functor composition"):
        check_async_laws(
            errors=errors,
            values=values,
            bind_first=halve,
            bind_then=as_deferred,
            map_first=remember,
            map_then=str,
            max_examples=50,
        )
