"""The do-block: short-circuit, methods, inline blocks, misuse of the handle."""

from __future__ import annotations

from typing import Any

import pytest

import either
from either import Bind, BindError, Block, Either, Left, NotAnEitherError, Right


def parse(text: str) -> Either[str, int]:
    return Right(int(text)) if text.lstrip("-").isdigit() else Left(f"not a number: {text}")


@either.do
def add(bind: Bind[str], a: str, b: str) -> int:
    return bind(parse(a)) + bind(parse(b))


def test_all_rights_give_right_of_the_return_value() -> None:
    assert add("1", "2") == Right(3)


def test_first_left_ends_the_block() -> None:
    reached: list[str] = []

    @either.do
    def steps(bind: Bind[str]) -> int:
        reached.append("start")
        bind(Left("first"))
        reached.append("after")  # pragma: no cover - must not run
        return 0

    assert steps() == Left("first")
    assert reached == ["start"]
    assert add("x", "y") == Left("not a number: x")


def test_short_circuit_is_invisible_to_except_exception_but_runs_finally() -> None:
    cleanup: list[str] = []

    @either.do
    def guarded(bind: Bind[str]) -> int:
        try:
            return bind(Left("stop"))
        except Exception:  # pragma: no cover - must not catch the short-circuit
            cleanup.append("swallowed")
            return -1
        finally:
            cleanup.append("finally")

    assert guarded() == Left("stop")
    assert cleanup == ["finally"]


def test_real_exceptions_propagate_unchanged() -> None:
    @either.do
    def boom(bind: Bind[str]) -> int:
        raise KeyError("real")

    with pytest.raises(KeyError, match="real"):
        boom()


def test_keyword_arguments_and_metadata() -> None:
    assert add(a="4", b="5") == Right(9)
    assert add.__name__ == "add"
    assert add.__wrapped__ is not None  # type: ignore[attr-defined]


class Accounts:
    def __init__(self) -> None:
        self.balances = {"ada": 10}

    @either.do
    def withdraw(self, bind: Bind[str], name: str, amount: int) -> int:
        balance = bind(either.from_optional(self.balances.get(name), f"no account {name}"))
        remaining = bind(Right(balance - amount).ensure(lambda b: b >= 0, "insufficient funds"))
        self.balances[name] = remaining
        return remaining

    @classmethod
    @either.do
    def make(cls, bind: Bind[str], text: str) -> Accounts:
        bind(parse(text))
        return cls()

    @staticmethod
    @either.do
    def double(bind: Bind[str], text: str) -> int:
        return bind(parse(text)) * 2


def test_methods_classmethods_and_staticmethods() -> None:
    accounts = Accounts()
    assert accounts.withdraw("ada", 3) == Right(7)
    assert accounts.withdraw("ada", 30) == Left("insufficient funds")
    assert accounts.withdraw("bob", 1) == Left("no account bob")
    assert isinstance(Accounts.make("1").unwrap(), Accounts)
    assert Accounts.make("x") == Left("not a number: x")
    assert Accounts.double("4") == Right(8)


def test_unannotated_functions_use_the_self_convention() -> None:
    def plain(bind, x):  # type: ignore[no-untyped-def]
        return bind(Right(x))

    class Thing:
        def method(self, bind, x):  # type: ignore[no-untyped-def]
            return bind(Right(x + 1))

    assert either.do(plain)(1) == Right(1)
    Thing.method = either.do(Thing.method)  # type: ignore[method-assign,assignment]
    assert Thing().method(1) == Right(2)


def test_string_annotations_are_recognised() -> None:
    def qualified(self: Any, bind: either.Bind[str]) -> int:
        return bind(Right(1))

    qualified.__annotations__ = {"self": "Any", "bind": "either.Bind[str]"}
    run: Any = either.do(qualified)
    assert run(object()) == Right(1)


def test_a_handle_used_after_its_block_ended_is_refused() -> None:
    kept: list[Bind[str]] = []

    @either.do
    def leak(bind: Bind[str]) -> int:
        kept.append(bind)
        return 1

    assert leak() == Right(1)
    with pytest.raises(BindError, match=r"bind handle of .*leak\(\) was used after its block ended"):
        kept[0](Right(1))
    with pytest.raises(BindError, match="after its block ended"):
        kept[0](Left("late"))


def test_a_handle_from_another_block_is_refused_when_it_short_circuits() -> None:
    @either.do
    def inner(bind: Bind[str], outer_bind: Bind[str]) -> int:
        return outer_bind(Left("crosses blocks"))

    @either.do
    def outer(bind: Bind[str]) -> int:
        return bind(inner(bind))

    with pytest.raises(BindError, match=r"another do-block short-circuited inside .*inner\(\)"):
        outer()


def test_bind_rejects_plain_values() -> None:
    @either.do
    def wrong(bind: Bind[str]) -> int:
        return bind(3)  # type: ignore[arg-type]

    with pytest.raises(NotAnEitherError, match=r"expected a Left or a Right, got 3 \(int\)"):
        wrong()


def test_nested_blocks_each_keep_their_own_left() -> None:
    @either.do
    def inner(bind: Bind[str]) -> int:
        return bind(Left("inner failed"))

    @either.do
    def outer(bind: Bind[str]) -> str:
        result = inner()
        assert result == Left("inner failed")
        return "outer continued"

    assert outer() == Right("outer continued")


def test_decorating_something_that_is_not_a_function() -> None:
    with pytest.raises(TypeError, match="a do-block decorates a function, got 3 \\(int\\)"):
        either.do(3)  # type: ignore[call-overload]

    def no_params() -> int:
        return 1

    with pytest.raises(TypeError, match="takes the bind handle as its first parameter"):
        either.do(no_params)  # type: ignore[call-overload]


def test_inline_block() -> None:
    block = Block[str, int]()
    with block as bind:
        block.succeed(bind(parse("20")) + bind(parse("22")))
    assert block.result == Right(42)

    failing = Block[str, int]()
    with failing as bind:
        failing.succeed(bind(parse("nope")))
    assert failing.result == Left("not a number: nope")


def test_inline_block_misuse() -> None:
    block = Block[str, int]()
    with pytest.raises(BindError, match="has not run"):
        _ = block.result
    with pytest.raises(BindError, match="inside its `with` body"):
        block.succeed(1)
    with block as bind:
        bind(Right(1))
    with pytest.raises(BindError, match="ended without calling succeed"):
        _ = block.result
    with pytest.raises(BindError, match="entered once"), block:
        pass  # pragma: no cover
    with pytest.raises(BindError, match="after its block ended"):
        bind(Right(2))


def test_inline_block_lets_real_exceptions_through() -> None:
    block = Block[str, int]()
    with pytest.raises(ZeroDivisionError), block:
        block.succeed(1 // 0)


def test_inline_block_refuses_a_foreign_handle() -> None:
    outer = Block[str, int]()
    with outer as outer_bind:
        inner = Block[str, int]()
        with pytest.raises(BindError, match=r"another do-block short-circuited inside an either\.Block"), inner:
            outer_bind(Left("crossing"))
        outer.succeed(0)
    assert outer.result == Right(0)


async def _later(n: int) -> Either[str, int]:
    return Right(n)  # pragma: no cover - closed, never run


@pytest.mark.parametrize(
    ("use", "expected"),
    [
        (lambda bind: bind(_later(1)), "bind() in"),
        (lambda bind: bind.all(Right(1), _later(2), _later(3)), "bind.all() in"),
        (lambda bind: bind.each([1, 2], _later), "bind.each() in"),
        (lambda bind: bind.with_error(str, _later(1)), "bind.with_error() in"),
    ],
)
def test_a_coroutine_given_to_the_sync_handle_is_closed_and_pointed_to_deferred_do(use: Any, expected: str) -> None:
    import gc
    import warnings

    @either.do
    def block(bind: Bind[str]) -> object:
        return use(bind)

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(NotAnEitherError, match=r"got <coroutine .*an async block \(@Deferred\.do\)") as info:
            block()
        message = str(info.value)
        del info  # the traceback holds the frames that hold the coroutines
        gc.collect()
    assert message.startswith(expected)
    assert [str(w.message) for w in seen if "never awaited" in str(w.message)] == []


def _prefixed(prefix: str, bind: Bind[str], n: int) -> str:
    return prefix + str(bind(Right(n) if n >= 0 else Left("negative")))


def test_a_partial_is_a_do_block_when_it_leaves_the_handle_first() -> None:
    import functools

    block = either.do(functools.partial(_prefixed, "n="))
    assert block(3) == Right("n=3")
    assert block(-1) == Left("negative")
    with pytest.raises(TypeError, match="gives a value where its function takes the bind handle"):
        either.do(functools.partial(_prefixed, "n=", "oops"))


def test_a_partial_of_a_generator_is_refused_like_the_generator() -> None:
    import functools

    def gen(bind: Bind[str]) -> Any:
        yield bind  # pragma: no cover - refused before it runs

    with pytest.raises(TypeError, match=r"got a generator function functools\.partial"):
        either.do(functools.partial(gen))
