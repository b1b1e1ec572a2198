"""`NonEmpty`, the do handle's `all`/`each`/`ensure`/`ensure_not_none`/`with_error`, and guards."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import either
from either import Bind, BindError, Block, Either, Left, NonEmpty, NotAnEitherError, Right

eithers = st.one_of(st.integers().map(Right), st.text(max_size=5).map(Left))
items = st.lists(st.integers(-50, 50), max_size=12)


def parse(text: str) -> Either[str, int]:
    return Right(int(text)) if text.lstrip("-").isdigit() else Left(f"not a number: {text}")


def halve(n: int) -> Either[str, int]:
    return Right(n // 2) if n % 2 == 0 else Left(f"odd: {n}")


# ---------------------------------------------------------------- NonEmpty
def test_non_empty_is_a_read_only_sequence_with_a_head() -> None:
    errors = NonEmpty("a", "b", "c")
    assert (errors.head, errors.last, errors.tail) == ("a", "c", ("b", "c"))
    assert len(errors) == 3 and list(errors) == ["a", "b", "c"] and "b" in errors
    assert errors[1] == "b" and errors[-1] == "c" and errors[1:] == ("b", "c") and errors[5:] == ()
    assert list(reversed(errors)) == ["c", "b", "a"] and errors.index("c") == 2 and errors.count("a") == 1
    assert errors.to_tuple() == ("a", "b", "c")
    assert bool(NonEmpty(0)) is True
    assert repr(errors) == "NonEmpty('a', 'b', 'c')"
    with pytest.raises(AttributeError, match="immutable"):
        errors._items = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        NonEmpty()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="final"):
        type("Sub", (NonEmpty,), {})


def test_non_empty_equality_hash_map_and_pickle() -> None:
    assert NonEmpty(1, 2) == NonEmpty(1, 2) and NonEmpty(1, 2) != NonEmpty(2, 1)
    assert NonEmpty(1) != [1] and NonEmpty(1) != (1,)
    assert hash(NonEmpty(1, 2)) == hash(NonEmpty(1, 2))
    assert NonEmpty(1, 2).map(lambda n: n * 10) == NonEmpty(10, 20)
    assert pickle.loads(pickle.dumps(NonEmpty(1, "x"))) == NonEmpty(1, "x")


def test_non_empty_from_iterable() -> None:
    assert NonEmpty.from_iterable(iter([3, 4])) == NonEmpty(3, 4)
    assert NonEmpty.from_iterable(()) is None
    with pytest.raises(TypeError, match="iterable of items"):
        NonEmpty.from_iterable("ab")
    with pytest.raises(TypeError, match="expected an iterable"):
        NonEmpty.from_iterable(3)  # type: ignore[arg-type]


@given(st.lists(st.integers(), min_size=1))
def test_non_empty_behaves_as_the_tuple_of_its_items(values: list[int]) -> None:
    ne = NonEmpty(*values)
    assert tuple(ne) == tuple(values) and len(ne) == len(values) and ne.head == values[0]
    assert NonEmpty.from_iterable(values) == ne


# ---------------------------------------------------------------- bind.all / bind.each
@either.do
def all_of(bind: Bind[NonEmpty[str]], results: list[Either[str, int]]) -> tuple[int, ...]:
    return bind.all(*results)


@given(st.lists(eithers, max_size=8))
def test_bind_all_agrees_with_collect(results: list[Either[str, int]]) -> None:
    assert all_of(results) == either.collect(*results)


@given(items)
def test_bind_each_equals_traverse_with_accumulation(numbers: list[int]) -> None:
    @either.do
    def halves(bind: Bind[NonEmpty[str]]) -> list[int]:
        return bind.each(numbers, halve)

    errors, values = either.partition(map(halve, numbers))
    expected: Either[NonEmpty[str], list[int]] = Left(NonEmpty(*errors)) if errors else Right(values)
    assert halves() == expected
    if not errors:
        assert halves() == either.traverse(halve, numbers)


def test_bind_all_is_typed_per_position_and_ends_the_block_with_every_error() -> None:
    reached: list[str] = []

    @either.do
    def signup(bind: Bind[NonEmpty[str]], age: str, height: str, name: str) -> str:
        a, h, n = bind.all(parse(age), parse(height), Right(name) if name else Left("no name"))
        reached.append("after")
        return f"{n}:{a + h}"

    assert signup("3", "4", "ada") == Right("ada:7")
    assert signup("x", "4", "") == Left(NonEmpty("not a number: x", "no name"))
    assert reached == ["after"]


def test_bind_all_mixes_with_single_binds_when_the_handle_admits_both() -> None:
    @either.do
    def mixed(bind: Bind[str | NonEmpty[str]], a: str, b: str, c: str) -> int:
        first = bind(parse(a))
        second, third = bind.all(parse(b), parse(c))
        return first + second + third

    assert mixed("1", "2", "3") == Right(6)
    assert mixed("x", "y", "z") == Left("not a number: x")
    assert mixed("1", "y", "z") == Left(NonEmpty("not a number: y", "not a number: z"))
    assert all_of([]) == Right(())


def test_bind_each_runs_every_step_in_order_and_reads_an_iterator_once() -> None:
    seen: list[int] = []

    def step(n: int) -> Either[str, int]:
        seen.append(n)
        return halve(n)

    def numbers() -> Iterator[int]:
        yield from (1, 2, 3, 4)

    @either.do
    def run(bind: Bind[NonEmpty[str]]) -> list[int]:
        return bind.each(numbers(), step)

    assert run() == Left(NonEmpty("odd: 1", "odd: 3"))
    assert seen == [1, 2, 3, 4]


def test_bind_all_and_each_refuse_what_is_not_an_either() -> None:
    @either.do
    def bad_all(bind: Bind[NonEmpty[str]]) -> object:
        return bind.all(Right(1), 2)  # type: ignore[call-overload]

    with pytest.raises(NotAnEitherError, match=r"bind.all\(\) in .*bad_all.* argument 1 to be a Left or a Right"):
        bad_all()

    @either.do
    def bad_step(bind: Bind[NonEmpty[str]]) -> object:
        return bind.each([1], lambda n: n)  # type: ignore[arg-type, return-value, misc]

    with pytest.raises(NotAnEitherError, match=r"bind.each\(\) .* to return a Left or a Right, got 1"):
        bad_step()

    @either.do
    def not_iterable(bind: Bind[NonEmpty[str]]) -> object:
        return bind.each(5, halve)  # type: ignore[arg-type]

    with pytest.raises(NotAnEitherError, match="expected an iterable of items, got 5"):
        not_iterable()

    @either.do
    def not_callable(bind: Bind[NonEmpty[str]]) -> object:
        return bind.each([1], "halve")  # type: ignore[arg-type]

    with pytest.raises(NotAnEitherError, match="expected a callable"):
        not_callable()


# ---------------------------------------------------------------- guards and boundaries
class Missing:
    def __repr__(self) -> str:
        return "Missing()"


def test_ensure_and_ensure_not_none() -> None:
    ages = {"ada": 36, "bob": 12}

    @either.do
    def adult(bind: Bind[str | Missing], name: str) -> int:
        age = bind.ensure_not_none(ages.get(name), Missing())
        bind.ensure(age >= 18, f"{name} is a minor")
        return age

    assert adult("ada") == Right(36)
    assert adult("bob") == Left("bob is a minor")
    assert repr(adult("eve")) == "Left(Missing())"

    @either.do
    def zero_is_not_none(bind: Bind[str]) -> int:
        return bind.ensure_not_none(0, "none")

    assert zero_is_not_none() == Right(0)


class DbError:
    def __init__(self, code: int) -> None:
        self.code = code


class LoginFailed:
    def __init__(self, reason: str) -> None:
        self.reason = reason


def test_with_error_maps_a_sub_component_error_at_the_boundary() -> None:
    def query(ok: bool) -> Either[DbError, str]:
        return Right("row") if ok else Left(DbError(503))

    @either.do
    def login(bind: Bind[LoginFailed], ok: bool) -> str:
        return bind.with_error(lambda e: LoginFailed(f"database {e.code}"), query(ok))

    assert login(True) == Right("row")
    result = login(False)
    assert isinstance(result, Left) and result.error.reason == "database 503"

    @either.do
    def bad(bind: Bind[LoginFailed]) -> str:
        return bind.with_error(lambda e: LoginFailed("x"), "row")  # type: ignore[arg-type]

    with pytest.raises(NotAnEitherError, match=r"with_error\(\) .* expected a Left or a Right, got 'row'"):
        bad()

    @either.do
    def bad_mapper(bind: Bind[LoginFailed]) -> str:
        return bind.with_error(None, query(True))  # type: ignore[arg-type]

    with pytest.raises(NotAnEitherError, match="expected a callable"):
        bad_mapper()


def test_every_method_refuses_a_handle_whose_block_ended() -> None:
    kept: list[Any] = []

    @either.do
    def leak(bind: Bind[NonEmpty[str]]) -> None:
        kept.append(bind)

    leak()
    handle = kept[0]
    assert "ended" in repr(handle)
    calls: list[Callable[[], object]] = [
        lambda: handle(Right(1)),
        lambda: handle.all(Right(1)),
        lambda: handle.all(Left("x")),
        lambda: handle.each([1], halve),
        lambda: handle.ensure(True, "e"),
        lambda: handle.ensure_not_none(1, "e"),
        lambda: handle.with_error(str, Right(1)),
    ]
    for call in calls:
        with pytest.raises(BindError, match="after its block ended"):
            call()


def test_block_handle_has_the_methods_too() -> None:
    block = Block[NonEmpty[str], int]()
    with block as bind:
        a, b = bind.all(parse("1"), parse("2"))
        block.succeed(a + b)
    assert block.result == Right(3)
    block = Block[NonEmpty[str], int]()
    with block as bind:
        bind.all(parse("x"), parse("2"), parse("y"))
        block.succeed(0)
    assert block.result == Left(NonEmpty("not a number: x", "not a number: y"))


def test_a_methods_short_circuit_is_invisible_to_except_exception() -> None:
    @either.do
    def guarded(bind: Bind[str]) -> int:
        try:
            bind.ensure(False, "stop")
        except Exception:  # pragma: no cover - must not catch the short-circuit
            return -1
        return 0

    assert guarded() == Left("stop")


# ---------------------------------------------------------------- is_right / is_left
@given(eithers)
def test_is_right_and_is_left_agree_with_the_methods(result: Either[str, int]) -> None:
    assert either.is_right(result) is result.is_right()
    assert either.is_left(result) is result.is_left()
    assert either.is_right(result) is not either.is_left(result)


def test_guards_say_false_for_anything_else() -> None:
    assert either.is_right(3) is False  # type: ignore[arg-type]
    assert either.is_left(None) is False  # type: ignore[arg-type]


def test_guards_do_not_load_typing_extensions() -> None:
    import subprocess
    import sys

    code = "import sys, either; assert 'typing_extensions' not in sys.modules, 'loaded'"
    subprocess.run([sys.executable, "-c", code], check=True)
